"""Genogram rendering: end-to-end time against the bare ``dot`` time of the same DOT file, in
the same run.

    .venv/bin/python -m bench.bench_render [--runs 60] [--json var/bench/render.json]

1. A 40-person four-generation family with 15 professionals (``seed.generate_lineage``) is
   imported into a throwaway local Neo4j (port 7712, see ``bench/render_common.py``).
2. End to end, as the API does it: ``render_genogram(..., fmt="svg")`` with the system
   administrator (authorisation and access log included; the access-log entry is appended
   while the genogram is drawn and the result is returned once it is committed, as the API's
   request scope does), the whole connected family, all
   overlays on, the professionals of the last four years: queries, selection, DOT, Graphviz
   layout, the SVG with its decorations. Interleaved with it, the bare layout: ``dot -Tsvg``
   of the very DOT source that run produced, from this process (``subprocess.run``, a
   process started for the run, as on the command line). Also the stages on their own: the
   view (authorisation + queries), building the DOT, and Graphviz with decorations. Each
   measurement starts when the Graphviz processes that the previous one started ahead of
   need are ready (``spares_ready``), so that no measurement pays for another's.
3. The same family through the other paths a genogram takes (``--path-runs``, interleaved,
   each beside the bare ``dot`` time of its own DOT source): the default picture (two
   generations up and down, siblings, partners) for an administrator, and the default and the
   whole-family picture for a case worker (the family's regisseur), whose need-to-know is
   looked up before and after the family is read.
4. A connected 700-person family (four intermarried lineages over six generations) rendered in
   full (SVG), beside the bare ``dot`` time of its DOT source.

Warm-up runs are not counted: the 40-person measurements start after ``--warmup-seconds``
(default 60) of end-to-end renders, long enough for Neo4j's JIT compiler to settle (after 30
warm-up renders from a freshly started Neo4j the view still took 19 ms at p50, against 12 ms
once warm), so the numbers are those of a running service. Percentiles are nearest-rank.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bench import calibrate, render_common
from genogram_service.container import Services
from genogram_service.genogram.rendering.build import build, render_drawing
from genogram_service.genogram.rendering.engine import run_dot, spares_ready
from genogram_service.genogram.service import GenogramOptions, family_view, render_genogram
from genogram_service.records.common import AssignmentRole
from genogram_service.security.access import SYSTEM, Actor, Role
from genogram_service.security.audit_scope import logged_before_return
from genogram_service.synthetic import DEFAULT_TODAY, generate_lineage


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]


def ms(values: list[float]) -> dict[str, float]:
    return {"p50": round(pct(values, 50) * 1000, 1), "p95": round(pct(values, 95) * 1000, 1),
            "min": round(min(values) * 1000, 1), "n": len(values)}


def timed(f: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = f()
    return time.perf_counter() - start, out


def forty(services: Services, runs: int, warmup_s: float) -> dict[str, Any]:
    lineage = generate_lineage(persons=40, generations=4, professionals=15, prefix="bench40")
    render_common.load(services, lineage.bundle)
    options = GenogramOptions(at=DEFAULT_TODAY, connected=True)
    graph, guard = services.graph, services.guard

    def e2e() -> bytes:  # the access log appended while it renders, as in the API
        return logged_before_return(lambda: render_genogram(
            graph, guard, SYSTEM, person_id=lineage.index_id, options=options).content)

    view = family_view(graph, guard, SYSTEM, person_id=lineage.index_id, options=options)
    source = build(view).source
    warm_until, warm_renders = time.monotonic() + warmup_s, 0
    while time.monotonic() < warm_until:
        e2e()
        bare_dot(source)
        warm_renders += 1
    stages = ("e2e", "dot", "dot_started_ahead", "view", "build", "graphviz")
    times: dict[str, list[float]] = {k: [] for k in stages}
    for _ in range(runs):  # each measured on its own: the processes it starts ahead first
        t, _ = timed(e2e)  # finish starting (else they run during the next measurement)
        times["e2e"].append(t)
        spares_ready()
        t, _ = timed(lambda: bare_dot(source))
        times["dot"].append(t)
        t, _ = timed(lambda: run_dot(source, "svg"))
        times["dot_started_ahead"].append(t)
        spares_ready()
    for _ in range(runs):
        t, v = timed(lambda: logged_before_return(lambda: family_view(
            graph, guard, SYSTEM, person_id=lineage.index_id, options=options)))
        times["view"].append(t)
        t, drawing = timed(lambda: build(v))  # noqa: B023 - used at once
        times["build"].append(t)
        t, _ = timed(lambda: render_drawing(drawing, "svg"))  # noqa: B023
        times["graphviz"].append(t)
        spares_ready()
    stats: dict[str, Any] = {k: ms(v) for k, v in times.items()}
    stats["overhead_p50_ms"] = round(stats["e2e"]["p50"] - stats["dot"]["p50"], 1)
    stats["overhead_over_dot"] = round(stats["overhead_p50_ms"] / stats["dot"]["p50"], 2)
    stats["persons"] = len(view.persons)
    stats["professionals"] = len(view.professionals or [])
    stats["dot_bytes"] = len(source)
    stats["warmup_renders"] = warm_renders
    return stats


def paths(services: Services, runs: int) -> dict[str, Any]:
    """End to end against bare ``dot`` for the default picture and for a case worker."""
    lineage = generate_lineage(persons=40, generations=4, professionals=15, prefix="bench40")
    lead = next(a for a in lineage.bundle.assignments if a.role == AssignmentRole.regisseur)
    worker = Actor(user_id="bench-case-worker", username="bench-case-worker",
                   role=Role.case_worker, professional_id=lead.professional_id)
    variants = {
        "admin_default": (SYSTEM, GenogramOptions(at=DEFAULT_TODAY)),
        "case_worker_default": (worker, GenogramOptions(at=DEFAULT_TODAY)),
        "case_worker_connected": (worker, GenogramOptions(at=DEFAULT_TODAY, connected=True)),
    }
    graph, guard, index = services.graph, services.guard, lineage.index_id
    out: dict[str, Any] = {}
    for name, (actor, options) in variants.items():
        view = logged_before_return(partial(family_view, graph, guard, actor, person_id=index,
                                            options=options))
        out[name] = {"persons": len(view.persons), "source": build(view).source,
                     "e2e": [], "dot": [],
                     "run": partial(logged_before_return, partial(
                         render_genogram, graph, guard, actor, person_id=index,
                         options=options))}
        for _ in range(20):  # the plans of the statements this path reads
            out[name]["run"]()
    for _ in range(runs):
        for stats in out.values():
            spares_ready()
            stats["e2e"].append(timed(stats["run"])[0])
            spares_ready()
            stats["dot"].append(timed(partial(bare_dot, stats["source"]))[0])
    for stats in out.values():
        del stats["run"], stats["source"]
        stats["e2e"], stats["dot"] = ms(stats["e2e"]), ms(stats["dot"])
        stats["overhead_p50_ms"] = round(stats["e2e"]["p50"] - stats["dot"]["p50"], 1)
        stats["overhead_over_dot"] = round(stats["overhead_p50_ms"] / stats["dot"]["p50"], 2)
    return out


def seven_hundred(services: Services, runs: int) -> dict[str, Any]:
    lineage = generate_lineage(persons=700, generations=6, lineages=4, prefix="bench700")
    render_common.load(services, lineage.bundle)
    options = GenogramOptions(at=DEFAULT_TODAY, connected=True)
    graph, guard = services.graph, services.guard
    e2e: list[float] = []
    bare: list[float] = []
    view = family_view(graph, guard, SYSTEM, person_id=lineage.index_id, options=options)
    source = build(view).source
    logged_before_return(lambda: render_genogram(  # warm-up: the first run plans the queries
        graph, guard, SYSTEM, person_id=lineage.index_id, options=options))
    bare_dot(source)
    for _ in range(runs):
        t, result = timed(lambda: logged_before_return(lambda: render_genogram(
            graph, guard, SYSTEM, person_id=lineage.index_id, options=options)))
        e2e.append(t)
        spares_ready()
        t, _ = timed(lambda: bare_dot(source))
        bare.append(t)
    return {"e2e": ms(e2e), "dot": ms(bare), "persons": result.persons,
            "svg_bytes": len(result.content), "dot_bytes": len(source)}


def bare_dot(source: str) -> bytes:
    """``dot -Tsvg`` as on the command line: a process started for this one layout (the
    service's own runs use a process started ahead of need, see ``rendering/engine.py``)."""
    return subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True,  # noqa: S607
                          check=True).stdout


def machine() -> dict[str, Any]:
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False)
    return {"cpus": os.cpu_count(), "load_average": os.getloadavg(),
            "python_loop_ms": calibrate.loop_ms(),
            "python": platform.python_version(), "graphviz": dot.stderr.strip(),
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--warmup-seconds", type=float, default=60.0,
                        help="end-to-end renders before the 40-person measurements (60)")
    parser.add_argument("--big-runs", type=int, default=3)
    parser.add_argument("--path-runs", type=int, default=60,
                        help="runs of each other path (default view, case worker)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    render_common.add_db_arguments(parser)
    args = parser.parse_args()
    db, started, services = render_common.start(args)
    try:
        before = machine()
        small = forty(services, args.runs, args.warmup_seconds)
        other = paths(services, args.path_runs)
        big = seven_hundred(services, args.big_runs)
        results = {"machine": before, "load_after": os.getloadavg(), "forty": small,
                   "paths": other, "seven_hundred": big}
    finally:
        render_common.stop(db, started, services, args)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
