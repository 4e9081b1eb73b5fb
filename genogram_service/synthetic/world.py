"""The world of one run: regions, organisations, professionals and their employments.

It depends on the seed, ``today`` and the number of professionals only; professional ``k``
depends on ``(seed, k, today)``, so a larger world extends a smaller one record for record.
Families draw their professionals from it with :meth:`World.pick`.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from genogram_service.records.common import OrganisationType, ProfessionalRole, Register
from genogram_service.records.entities import Employment, Organisation, Professional
from genogram_service.synthetic.common import (
    EARLIEST,
    Choice,
    rng_for,
    seed_tag,
    to_date,
    to_opt_date,
)
from genogram_service.synthetic.names import display_surname, name_pools
from genogram_service.synthetic.regions import (
    BIG_ROLES,
    ESSENTIAL,
    NATIONAL_GIS,
    PRIMARY_SCHOOLS,
    REGIONS,
    SECONDARY_SCHOOLS,
    SKJ_ROLES,
    SLOTS,
    RegionSpec,
)
from genogram_service.synthetic.sink import Sink

OT = OrganisationType
PR = ProfessionalRole


def professionals_for(families: int) -> int:
    """How many professionals the world has for a run of ``families`` families."""
    return max(300, families // 8)



@dataclass(slots=True)
class _Job:
    org: int
    start: int
    end: int | None


@dataclass(slots=True)
class _Pro:
    id: str
    jobs: list[_Job]

    def covering(self, start: int, end: int) -> int | None:
        """The organisation employing this professional for the whole of [start, end]."""
        for job in self.jobs:
            if job.start <= start and (job.end is None or end <= job.end):
                return job.org
        return None


@dataclass(slots=True)
class _Region:
    spec: RegionSpec
    team_model: bool
    orgs: dict[OT, list[int]]
    team_by_municipality: dict[str, int]


class World:
    """Regions, organisations and professionals shared by all families of one run."""

    def __init__(self, *, seed: int, professionals: int, today: dt.date) -> None:
        self.seed = seed
        self.tag = seed_tag(seed)  # in every id: two seeds' worlds share none
        self.today = today.toordinal()
        self.names = name_pools(seed)
        rng = rng_for(seed, "world")
        specs = rng.sample(REGIONS, rng.randint(4, 6))
        team = set(rng.sample(range(len(specs)), 1 if len(specs) < 5 else 2))
        self.regions: list[_Region] = []
        self.organisations: list[Organisation] = []
        self.org_ids: list[str] = []
        for ri, spec in enumerate(specs):
            self.regions.append(self._organisations(rng, spec, ri in team))
        self.pick_region = Choice([(i, r.spec.weight) for i, r in enumerate(self.regions)])

        self.pros: list[_Pro] = []
        self.professionals: list[Professional] = []
        self.employments: list[Employment] = []
        self.pool: dict[tuple[int, OT, PR], list[int]] = {}
        self.pool_org: dict[tuple[int, PR], list[int]] = {}
        self.essential: dict[tuple[int, OT, PR], int] = {}
        for k in range(professionals):
            self._professional(k)

    # ----------------------------------------------------------------- organisations

    def _organisations(self, rng: random.Random, spec: RegionSpec, team: bool) -> _Region:
        orgs: dict[OT, list[int]] = {t: [] for t in OT}
        region = _Region(spec, team, orgs, {})

        def add(otype: OT, name: str, municipality: str | None = None) -> int:
            i = len(self.organisations)
            n = len(orgs[otype]) + 1
            oid = f"org-{self.tag}-{spec.code}-{otype.value.replace('_', '-')}-{n}"
            self.organisations.append(Organisation.model_construct(
                id=oid, type=otype, name=name, region=spec.name, municipality=municipality,
            ))
            self.org_ids.append(oid)
            orgs[otype].append(i)
            return i

        for m in spec.municipalities:
            add(OT.gemeente, f"Gemeente {m}", m)
        for m in spec.municipalities:
            region.team_by_municipality[m] = add(OT.lokaal_team, spec.team_label.format(m=m), m)
        add(OT.veilig_thuis, spec.vt)
        add(OT.rvdk, spec.rvdk)
        add(OT.gi, spec.gi)
        if rng.random() < 0.75:
            add(OT.gi, f"{rng.choice(NATIONAL_GIS)} (regio {spec.name})")
        add(OT.rechtbank, spec.court)
        add(OT.openbaar_ministerie, spec.om)
        add(OT.politie, spec.police)
        for name in spec.providers:
            add(OT.jeugdhulpaanbieder, name)
        for name in spec.ggz:
            add(OT.ggz, name)
        add(OT.jgz, spec.jgz)
        for m in spec.municipalities:
            add(OT.school, f"Basisschool {rng.choice(PRIMARY_SCHOOLS)}, {m}", m)
            if rng.random() < 0.6:
                add(OT.school, f"{rng.choice(SECONDARY_SCHOOLS)} {m}", m)
        for m in spec.municipalities:
            for _ in range(rng.randint(1, 2)):
                prefix, surname = rng.choice(self.names.surnames)
                add(OT.huisarts, f"Huisartsenpraktijk {display_surname(prefix, surname)}", m)
        return region

    # ----------------------------------------------------------------- professionals

    def _professional(self, k: int) -> None:
        rng = rng_for(self.seed, "pro", k)
        ri = k % len(self.regions)
        j = k // len(self.regions)
        region = self.regions[ri]
        essential = j < len(ESSENTIAL)
        otype, role = ESSENTIAL[j] if essential else SLOTS(rng)
        candidates = region.orgs[otype]
        org = rng.choice(candidates)
        pid = f"pro-{self.tag}-{k:05d}"
        names = self.names
        female = rng.random() < 0.72  # youth care is a mostly female profession
        given = rng.choice(names.female if female else names.male)
        prefix, surname = rng.choice(names.surnames)
        name = f"{given} {prefix} {surname}" if prefix else f"{given} {surname}"

        registry: Register | None = None
        number: str | None = None
        if role in SKJ_ROLES and rng.random() < 0.95:
            registry, number = Register.SKJ, f"1{(k * 7919 + 1234) % 10**8:08d}"
        elif role in BIG_ROLES or (
            role in (PR.gedragswetenschapper, PR.other) and otype == OT.ggz
        ):
            registry, number = Register.BIG, f"{(k * 7919 + 4321) % 10**9:09d}01"
        elif role == PR.gedragswetenschapper:
            registry, number = Register.SKJ, f"1{(k * 7919 + 1234) % 10**8:08d}"
        self.professionals.append(Professional.model_construct(
            id=pid, name=name, role=role, registry=registry, registration_number=number,
        ))

        earliest = dt.date(2000, 1, 1).toordinal()
        if essential:  # employed from before the Jeugdwet, never leaving: always available
            start = rng.randint(earliest, dt.date(2014, 6, 30).toordinal())
        else:
            start = rng.randint(earliest, self.today - 400)
        jobs = [_Job(org, start, None)]
        others = [o for o in candidates if o != org]
        if not essential and others and rng.random() < 0.16:
            lo, hi = max(start + 365, EARLIEST), self.today - 60
            if lo < hi:
                change = rng.randint(lo, hi)
                jobs[0].end = change - 1
                jobs.append(_Job(rng.choice(others), change, None))
        pro = _Pro(pid, jobs)
        index = len(self.pros)
        self.pros.append(pro)
        for n, job in enumerate(jobs, start=1):
            self.employments.append(Employment.model_construct(
                id=f"emp-{self.tag}-{k:05d}-{n}", professional_id=pid,
                organisation_id=self.org_ids[job.org],
                start_date=to_date(job.start), end_date=to_opt_date(job.end),
            ))
            self.pool_org.setdefault((job.org, role), []).append(index)
        self.pool.setdefault((ri, otype, role), []).append(index)
        if essential:
            self.essential[(ri, otype, role)] = index

    def pick(
        self, rng: random.Random, region: int, otype: OT, role: PR, start: int, end: int,
        org: int | None = None,
    ) -> tuple[str, int]:
        """A professional (id, organisation index) employed in the role for [start, end]."""
        if org is not None:
            preferred = self.pool_org.get((org, role))
            if preferred:
                for _ in range(3):
                    pro = self.pros[rng.choice(preferred)]
                    if pro.covering(start, end) == org:
                        return pro.id, org
        candidates = self.pool[(region, otype, role)]
        for _ in range(6):
            pro = self.pros[rng.choice(candidates)]
            employer = pro.covering(start, end)
            if employer is not None:
                return pro.id, employer
        pro = self.pros[self.essential[(region, otype, role)]]
        return pro.id, pro.jobs[0].org

    def emit(self, sink: Sink) -> None:
        sink.organisations.extend(self.organisations)
        sink.professionals.extend(self.professionals)
        sink.employments.extend(self.employments)

