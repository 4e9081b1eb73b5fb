"""Regenerate the golden genogram pictures in ``docs/genograms/`` (for people to look at; the
layout itself is tested by ``tests/integration/genogram/test_render_layout.py``).

    .venv/bin/python -m bench.render_goldens            # all of them
    .venv/bin/python -m bench.render_goldens ecomap     # one

Starts a throwaway local Neo4j (port 7712, ``var/neo4j-bench-render``; see
``bench/render_common.py``), imports each family through the service, renders it with
``render_genogram`` as the system administrator and writes ``docs/genograms/<name>.png``
(and ``.svg``). The hand-written families are those of the tests
(``tests/support/families.py``); the large ones come from ``synthetic.generate_lineage``.
Each run also prints the layout check.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from bench import render_common
from genogram_service.genogram.rendering.build import build, render_drawing
from genogram_service.genogram.service import GenogramOptions, family_view
from genogram_service.records import Bundle
from genogram_service.security.access import SYSTEM
from genogram_service.settings import PROJECT_ROOT
from genogram_service.synthetic import generate_lineage
from tests.support import families
from tests.support.quality import layout_problems

OUT = PROJECT_ROOT / "docs" / "genograms"
LINEAGE_DAY = dt.date(2026, 11, 1)

Golden = Callable[[], tuple[Bundle, str, dict[str, object]]]


def _family(name: str, **options: object) -> Golden:
    def make() -> tuple[Bundle, str, dict[str, object]]:
        bundle, index = families.FAMILIES[name]()
        return Bundle.model_validate(bundle), index, {"at": families.AT, **options}
    return make


def _lineage(persons: int, generations: int, lineages: int, professionals: int,
             **options: object) -> Golden:
    def make() -> tuple[Bundle, str, dict[str, object]]:
        lineage = generate_lineage(persons=persons, generations=generations, lineages=lineages,
                                   professionals=professionals, prefix=f"gold{persons}")
        return lineage.bundle, lineage.index_id, {"at": LINEAGE_DAY, **options}
    return make


GOLDENS: dict[str, Golden] = {
    "simple-family": _family("simple"),
    "three-partners": _family("three_partners"),
    "step-family": _family("step_family"),
    "adoption-foster": _family("adoption_foster"),
    "twins-deceased": _family("twins_deceased"),
    "ecomap": _family("ecomap"),
    "four-generations-40": _lineage(40, 4, 1, 15, connected=True),
    "family-150": _lineage(150, 5, 2, 0, connected=True, emotional=False),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help=f"some of {', '.join(GOLDENS)} (default: all)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dpi", type=int, default=96)
    render_common.add_db_arguments(parser)
    args = parser.parse_args()
    unknown = set(args.names) - set(GOLDENS)
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)
    db, started, services = render_common.start(args)
    try:
        for name in args.names or list(GOLDENS):
            bundle, index, options = GOLDENS[name]()
            render_common.load(services, bundle)
            view = family_view(services.graph, services.guard, SYSTEM, person_id=index,
                               options=GenogramOptions.model_validate(options))
            drawing = build(view)
            problems = layout_problems(view, render_drawing(drawing, "json"),
                                       drawing.households)
            (args.out / f"{name}.png").write_bytes(render_drawing(drawing, "png", dpi=args.dpi))
            (args.out / f"{name}.svg").write_bytes(render_drawing(drawing, "svg"))
            print(f"{name}: {len(view.persons)} persons, layout problems: {problems or 'none'}")
    finally:
        render_common.stop(db, started, services, args)


if __name__ == "__main__":
    main()
