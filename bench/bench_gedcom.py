"""GEDCOM import throughput: a generated GEDCOM 5.5.1 file of at least 5,000 individuals imported
through the service path (``services.gedcom.import_gedcom``: decode, parse, dates, bundle,
whole-bundle validation, one-transaction write), in individuals per second.

    .venv/bin/python -m bench.bench_gedcom --individuals 5000 --runs 3

Starts its own Neo4j 5.26 on port 7732 with data in ``var/neo4j-bench-gedcom`` (heap 2g) and
empties it before each run. Per run: the first import into an empty database (everything new),
then the same file again (everything merged: the idempotent re-import). Reading alone (bytes to
bundle, no database) is timed separately. After the runs: the GEDCOM 7 export of one family and
kinship names between random pairs of the big tree.

The file: founding couples from 1800 on, four to five generations of children who marry into
other lineages or newcomers, real-world mess included (dates as ABT/BEF/BET/month/year, PLAC,
OCCU, NOTE with CONC/CONT, a vendor ``_UID`` on every individual, adoptions, foster children,
step-children by ``_FREL``/``_MREL``), UTF-8 with CRLF line ends.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

from genogram_service.container import build_services
from genogram_service.db import Graph
from genogram_service.db.local import LocalDb
from genogram_service.family.kinship import kinship
from genogram_service.gedcom.reader import read_gedcom
from genogram_service.gedcom.service import _Builder, _Ids, export_gedcom, import_gedcom
from genogram_service.records.bsn import generate_secrets
from genogram_service.security.access import SYSTEM
from genogram_service.settings import PROJECT_ROOT, Settings

PORT = 7732
DATA_DIR = PROJECT_ROOT / "var" / "neo4j-bench-gedcom"
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
GIVEN_M = ("Jan", "Piet", "Kees", "Willem", "Hendrik", "Gerrit", "Jörg", "Noël", "Ahmed", "Daan")
GIVEN_F = ("Maria", "Anna", "Johanna", "Cornelia", "Zoë", "Fatima", "Elif", "Sanne", "Geertje")
SURNAMES = ("de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
            "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker")
PLACES = ("Utrecht", "Amsterdam", "Zwolle", "Groningen", "Maastricht", "Leeuwarden")


def _date(rng: random.Random, year: int) -> str:
    r = rng.random()
    day, month = rng.randint(1, 28), MONTHS[rng.randrange(12)]
    if r < 0.70:
        return f"{day} {month} {year}"
    if r < 0.78:
        return f"{month} {year}"
    if r < 0.84:
        return f"ABT {year}"
    if r < 0.88:
        return f"BET {year - 1} AND {year + 1}"
    if r < 0.91:
        return f"BEF {year + 1}"
    if r < 0.94:
        return f"EST {year}"
    if r < 0.97:
        return str(year)
    return f"Abt. {year}"


def generate(individuals: int, seed: int = 1) -> bytes:
    """A GEDCOM 5.5.1 file with at least ``individuals`` individuals (deterministic)."""
    rng = random.Random(seed)
    indi: list[list[str]] = []
    fams: list[list[str]] = []

    def person(sex: str, surname: str, born: int, famc: str | None = None) -> str:
        xref = f"@I{len(indi) + 1}@"
        given = rng.choice(GIVEN_M if sex == "M" else GIVEN_F)
        lines = [f"0 {xref} INDI", f"1 NAME {given} /{surname}/", f"1 SEX {sex}",
                 f"1 _UID {rng.getrandbits(64):016X}", "1 BIRT",
                 f"2 DATE {_date(rng, born)}", f"2 PLAC {rng.choice(PLACES)}"]
        if born < 1930 or rng.random() < 0.05:
            lines += ["1 DEAT", f"2 DATE {_date(rng, born + rng.randint(40, 90))}"]
        if rng.random() < 0.3:
            lines += ["1 OCCU Boer", "1 NOTE Uit het bevolkingsregister, overgenomen",
                      "2 CONC  door een familielid", "2 CONT (tweede regel)"]
        if famc:
            lines.append(f"1 FAMC {famc}")
        indi.append(lines)
        return xref

    def family(husb: str, wife: str, married: int) -> str:
        xref = f"@F{len(fams) + 1}@"
        fams.append([f"0 {xref} FAM", f"1 HUSB {husb}", f"1 WIFE {wife}", "1 MARR",
                     f"2 DATE {_date(rng, married)}"])
        return xref

    # founders: 40 couples around 1800
    couples = []
    for _ in range(40):
        year = rng.randint(1795, 1810)
        husb = person("M", rng.choice(SURNAMES), year)
        wife = person("F", rng.choice(SURNAMES), year + rng.randint(-3, 3))
        couples.append((family(husb, wife, year + 25), year + 25))
    singles: list[tuple[str, str, int]] = []
    while len(indi) < individuals:
        nxt = []
        rng.shuffle(couples)
        for fam, married in couples:
            surname = indi[int(fams[int(fam[2:-1]) - 1][1].split("@I")[1][:-1]) - 1][1]
            surname = surname.split("/")[1]
            for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
                sex = rng.choice("MF")
                born = married + rng.randint(1, 18)
                child = person(sex, surname, born, fam)
                lines = fams[int(fam[2:-1]) - 1]
                lines.append(f"1 CHIL {child}")
                r = rng.random()
                if r < 0.03:
                    indi[-1].append("2 PEDI adopted")
                elif r < 0.05:
                    indi[-1].append("2 PEDI foster")
                elif r < 0.07:
                    lines += ["2 _FREL Natural", "2 _MREL Step"]
                singles.append((child, sex, born))
        rng.shuffle(singles)
        men = [s for s in singles if s[1] == "M"]
        women = [s for s in singles if s[1] == "F"]
        for (m, _, mb), (w, _, wb) in zip(men, women, strict=False):
            if rng.random() < 0.8:
                nxt.append((family(m, w, max(mb, wb) + rng.randint(20, 30)),
                            max(mb, wb) + 25))
        # newcomers marry the rest
        for child, sex, born in singles[len(nxt) * 2:]:
            if rng.random() < 0.5:
                other = person("F" if sex == "M" else "M", rng.choice(SURNAMES), born)
                husb, wife = (child, other) if sex == "M" else (other, child)
                nxt.append((family(husb, wife, born + 25), born + 25))
        singles = []
        couples = nxt or couples
    head = ["0 HEAD", "1 SOUR BENCH-GEN", "2 VERS 1", "1 GEDC", "2 VERS 5.5.1",
            "2 FORM LINEAGE-LINKED", "1 CHAR UTF-8", f"1 FILE bench-{individuals}.ged"]
    lines = head + [x for rec in indi for x in rec] + [x for rec in fams for x in rec] + ["0 TRLR"]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def settings() -> Settings:
    s = generate_secrets()
    return Settings(
        neo4j_uri=f"bolt://127.0.0.1:{PORT}", bsn_encryption_key=s["GENOGRAM_BSN_ENCRYPTION_KEY"],
        bsn_hash_key=s["GENOGRAM_BSN_HASH_KEY"], jwt_secret=s["GENOGRAM_JWT_SECRET"],
        pseudonym_key=s["GENOGRAM_PSEUDONYM_KEY"], audit_key=s["GENOGRAM_AUDIT_KEY"],
        audit_signing_key=s["GENOGRAM_AUDIT_SIGNING_KEY"], local_db_dir=DATA_DIR,
        local_db_port=PORT, local_db_heap="2g")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--individuals", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep-db", action="store_true", help="leave the Neo4j running")
    ap.add_argument("--out", type=Path, help="also write the generated file here")
    ap.add_argument("--json", type=Path, help="write the results as JSON here")
    args = ap.parse_args()

    t = time.perf_counter()
    raw = generate(args.individuals, args.seed)
    print(f"generated {len(raw) / 1e6:.1f} MB in {time.perf_counter() - t:.1f}s", flush=True)
    if args.out:
        args.out.write_bytes(raw)

    reads = []
    for _ in range(args.runs):
        t = time.perf_counter()
        doc = read_gedcom(raw)
        bundle = _Builder(doc, _Ids("bench")).build()
        reads.append(time.perf_counter() - t)
    n_ind = len(doc.individuals)
    print(f"{n_ind} individuals, {len(doc.families)} families, {bundle.size()} records; "
          f"read: {statistics.median(reads):.2f}s", flush=True)

    db = LocalDb(DATA_DIR, PORT, "2g")
    started = db.start(timeout_s=600)
    st = settings()
    graph = Graph.from_settings(st)
    graph.migrate()
    services = build_services(st, graph)
    first, again = [], []
    report: Any = None
    try:
        for run in range(args.runs):
            graph.run_autocommit("write/clear_database")
            t = time.perf_counter()
            report = import_gedcom(services.records, raw, actor=SYSTEM)
            first.append(time.perf_counter() - t)
            assert report.individuals.imported == n_ind, report.individuals
            t = time.perf_counter()
            second = import_gedcom(services.records, raw, actor=SYSTEM)
            again.append(time.perf_counter() - t)
            assert second.individuals.merged == n_ind and second.written.created_nodes == 0
            print(f"run {run + 1}: first import {first[-1]:.2f}s "
                  f"({n_ind / first[-1]:.0f} individuals/s), again {again[-1]:.2f}s "
                  f"({n_ind / again[-1]:.0f}/s)", flush=True)
        key = report.file_key
        rng = random.Random(args.seed)
        xrefs = list(doc.individuals)
        t = time.perf_counter()
        middle = next(c.xref for f in list(doc.families.values())[len(doc.families) // 2:]
                      for c in f.children)  # someone with parents, in the middle generations
        exported = export_gedcom(graph, services.guard, SYSTEM,
                                 person_id=f"ged-{key}-{middle.strip('@')}", generations=2)
        export_s = time.perf_counter() - t
        kin = []
        names = []
        for _ in range(20):
            a, b = rng.sample(xrefs, 2)
            t = time.perf_counter()
            result = kinship(graph, services.guard, SYSTEM, person_id=f"ged-{key}-{a.strip('@')}",
                             relative_id=f"ged-{key}-{b.strip('@')}")
            kin.append(time.perf_counter() - t)
            names.append(result.names["en"])
    finally:
        graph.close()
        if started and not args.keep_db:
            db.stop()
    results = {
        "individuals": n_ind, "families": len(doc.families), "records": bundle.size(),
        "file_bytes": len(raw), "runs": args.runs,
        "read_s": statistics.median(reads),
        "read_individuals_per_s": n_ind / statistics.median(reads),
        "first_import_s": statistics.median(first),
        "first_import_individuals_per_s": n_ind / statistics.median(first),
        "first_import_best_individuals_per_s": n_ind / min(first),
        "reimport_s": statistics.median(again),
        "reimport_individuals_per_s": n_ind / statistics.median(again),
        "warnings": {w.code: w.count for w in report.warnings},
        "export_persons": exported.persons, "export_s": export_s,
        "kinship_p50_ms": statistics.median(kin) * 1000, "kinship_max_ms": max(kin) * 1000,
        "kinship_names": names[:8],
    }
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
