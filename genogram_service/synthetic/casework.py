"""The plan of one case and what it writes: assignments, handovers, contacts, referrals and
the versions of the veiligheidskaart; also the routine contacts every family has.

A case is planned first (``Work`` per involvement, ``Meas`` per court measure, handovers between
works), because later steps move earlier ends (a handover cuts the work it ends). The plan is
clipped at today and written by :meth:`CaseWork._emit_case_plan`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from genogram_service.records.common import (
    AssignmentRole,
    ContactKind,
    MeasureKind,
    OrganisationType,
    ProfessionalRole,
    ReporterType,
)
from genogram_service.records.entities import (
    Assignment,
    Contact,
    Handover,
    Measure,
    Referral,
    SafetyAssessment,
)
from genogram_service.synthetic.common import EARLIEST, Choice, to_date, to_opt_date, years
from genogram_service.synthetic.family import FamilyRecords, P
from genogram_service.synthetic.sink import Sink
from genogram_service.synthetic.texts import CONCERNS, CONDITIONS, MONITORING, STEPS, STRENGTHS
from genogram_service.synthetic.world import World

OT = OrganisationType
PR = ProfessionalRole
AR = AssignmentRole
CK = ContactKind


@dataclass(slots=True, eq=False)
class Work:
    """A professional's involvement: an assignment (``aid``) or contacts without one."""

    aid: str | None
    role: AR | None
    pro: str
    org: int
    start: int
    end: int
    rate: float  # contacts per month
    min_n: int
    kinds: Choice[CK]
    persons: list[P]
    mother_p: float
    co: str | None = None
    dropped: bool = False


@dataclass(slots=True, eq=False)
class Meas:
    id: str
    kind: MeasureKind
    child: P
    requested: int
    decision: int
    start: int
    end: int
    court: int
    gi: int
    extends: str | None = None


def _kinds(**weights: float) -> Choice[CK]:
    return Choice([(CK(k), w) for k, w in weights.items()])


K_VT = _kinds(home_visit=40, phone=35, office_visit=15, meeting=10)
K_REGISSEUR = _kinds(
    home_visit=35, office_visit=15, phone=20, video=10, meeting=10, case_conference=10,
)
K_WIJKTEAM = _kinds(home_visit=50, phone=25, office_visit=15, other=10)
K_RAAD = _kinds(home_visit=40, office_visit=35, phone=15, school_visit=10)
K_GI = _kinds(home_visit=40, office_visit=15, phone=20, video=10, case_conference=15)
K_CARE = _kinds(home_visit=30, office_visit=40, video=10, phone=10, meeting=10)
K_GW = _kinds(case_conference=50, office_visit=30, meeting=20)
K_SCHOOL = _kinds(school_visit=80, meeting=20)
K_DOCTOR = _kinds(office_visit=80, phone=20)
K_JGZ = _kinds(office_visit=70, home_visit=30)
K_POLICE = _kinds(home_visit=60, phone=40)


class CaseWork(FamilyRecords):
    """The current case's plan and the steps that add to it and write it."""

    def __init__(self, world: World, sink: Sink, k: int) -> None:
        super().__init__(world, sink, k)
        # per-case plan, reset by Cases._case
        self.cid = ""
        self.works: list[Work] = []
        self.plan_handovers: list[tuple[Work, Work, int, str]] = []
        self.plan_measures: list[Meas] = []
        self.voogdij: Meas | None = None
        self.sa_version = 0
        self.sa_state: list[list[str]] = []
        self.sa_judgement = 5
        self.n_contact = self.n_assign = self.n_handover = self.n_measure = self.n_referral = 0

    def _work(self, role: AR | None, pro: str, org: int, start: int, end: int, rate: float,
              min_n: int, kinds: Choice[CK], persons: list[P], mother_p: float,
              co: str | None = None) -> Work:
        aid = None
        if role is not None:
            self.n_assign += 1
            aid = f"a-{self.fid}-{self.n_assign:03d}"
        wk = Work(aid, role, pro, org, start, max(start, end), rate, min_n, kinds, persons,
                  mother_p, co)
        self.works.append(wk)
        return wk

    def _handover(self, a: Work, b: Work, day: int, reason: str, *, cut: bool = True,
                  extend: bool = False) -> None:
        """Hand ``a`` over to ``b`` on ``day``: ``a`` ends then if it ran longer (``cut``)
        or ended earlier (``extend``: the regisseur stays until the Raad takes over)."""
        if (cut and a.end > day) or (extend and a.end < day):
            a.end = max(a.start, day)
        self.plan_handovers.append((a, b, day, reason))

    def _assess(self, author: str, day: int) -> None:
        """A new version of the veiligheidskaart (only when it happened before today)."""
        rng = self.rng
        if day > self.last:
            return
        self.sa_version += 1
        v = self.sa_version
        if v == 1:
            state = [
                rng.sample(CONCERNS, rng.randint(1, 4)),
                rng.sample(STRENGTHS, rng.randint(0, 3)),
                rng.sample(STEPS, rng.randint(1, 2)),
                rng.sample(CONDITIONS, rng.randint(1, 3)),
                rng.sample(MONITORING, rng.randint(0, 2)),
            ]
            self.sa_judgement = rng.randint(2, 6)
        else:
            state = [list(x) for x in self.sa_state]
            if len(state[0]) > 1 and rng.random() < 0.5:
                state[0].pop(rng.randrange(len(state[0])))
            if rng.random() < 0.3:
                extra = rng.choice(CONCERNS)
                if extra not in state[0]:
                    state[0].append(extra)
            extra = rng.choice(STRENGTHS)
            if extra not in state[1] and rng.random() < 0.5:
                state[1].append(extra)
            step = rng.choice(STEPS)
            if step not in state[2]:
                state[2].append(step)
            self.sa_judgement = min(10, max(0, self.sa_judgement + rng.choice((-2, -1, 0, 1, 1,
                                                                              2))))
        self.sa_state = state
        self.sink.safety_assessments.append(SafetyAssessment.model_construct(
            id=f"sa-{self.cid[2:]}-{v}", case_id=self.cid, version=v, date=to_date(day),
            author_id=author, concerns=state[0], strengths=state[1], steps=state[2],
            conditions=state[3], monitoring=state[4], judgement=self.sa_judgement,
            future_judgement=min(10, self.sa_judgement + rng.randint(0, 3)),
        ))

    def _assess_during(self, author: str, start: int, end: int) -> None:
        day = start + self.rng.randint(60, 150)
        while day < end:
            self._assess(author, day)
            day += self.rng.randint(90, 200)

    def _referrals(self, lo: int, hi: int, kids: list[P], count: int) -> None:
        """Referrals to youth care or GGZ; some never start, some stop."""
        rng = self.rng
        w = self.w
        mother = self.mother
        for _ in range(count + (rng.randint(1, 3) if self.complex else 0)):
            if hi <= lo:
                return
            req = rng.randint(lo, hi)
            for_mother = not kids or rng.random() < 0.2
            person = mother if for_mother else rng.choice(kids)
            if not person.alive(req):
                continue
            otype = OT.ggz if for_mother or rng.random() < 0.2 else OT.jeugdhulpaanbieder
            started: int | None = None if rng.random() < 0.2 else req + rng.randint(7, 120)
            stopped: int | None = None
            if started is not None and (rng.random() < 0.6 or started < self.today - 540):
                stopped = started + rng.randint(60, 480)
            begin = started if started is not None else req
            pro, org = w.pick(rng, self.ri, otype, PR.jeugdhulpverlener, begin,
                              stopped if stopped is not None else begin + 540)
            if req > self.last:
                continue
            self.n_referral += 1
            self.sink.referrals.append(Referral.model_construct(
                id=f"rf-{self.fid}-{self.n_referral:02d}", person_id=person.id,
                provider_id=w.org_ids[org], case_id=self.cid,
                requested_date=to_date(req),
                started_date=to_opt_date(started if started is not None and started <= self.last
                                         else None),
                stopped_date=to_opt_date(stopped if stopped is not None and stopped <= self.last
                                         else None),
            ))
            if started is not None:
                end = stopped if stopped is not None else self.last
                if person.death is not None:
                    end = min(end, person.death)
                self._work(None, pro, org, started, end, 1.2, 1, K_CARE, [person],
                           0.9 if for_mother else 0.35)

    def _others(self, lo: int, hi: int, kids: list[P], reporter: ReporterType) -> None:
        """School, huisarts, JGZ and police: contacts without an assignment."""
        rng = self.rng
        w = self.w
        mother = [self.mother] if self.mother.alive(lo) else []
        options: list[tuple[OT, PR, Choice[CK], list[P], float]] = [
            (OT.huisarts, PR.huisarts, K_DOCTOR, mother or kids, 0.9),
        ]
        school = [c for c in kids if c.age(lo) >= 4]
        if school:
            options.append((OT.school, PR.leerkracht, K_SCHOOL, school + mother, 0.5))
        young = [c for c in kids if c.age(lo) < 12]
        if young:
            options.append((OT.jgz, PR.jeugdarts, K_JGZ, young + mother, 0.8))
        if reporter == ReporterType.police:
            options.append((OT.politie, PR.politieagent, K_POLICE, kids + mother, 0.9))
        if hi < lo:
            return
        for _ in range(rng.randint(3, 7) if self.complex else rng.randint(1, 4)):
            otype, role, kinds, persons, mother_p = rng.choice(options)
            a = rng.randint(lo, hi)
            b = min(hi, a + rng.randint(0, 180))
            pro, org = w.pick(rng, self.ri, otype, role, a, b)
            self._work(None, pro, org, a, b, 0.0, rng.randint(1, 3), kinds, persons, mother_p)

    def _emit_case_plan(self) -> int:
        """Clip the plan at today, write assignments, handovers, measures and contacts."""
        sink = self.sink
        orgs = self.w.org_ids
        last = self.last
        cid = self.cid
        for wk in self.works:
            if wk.aid is None or wk.role is None:
                self._contacts(wk, cid)
                continue
            if wk.start > last:
                wk.dropped = True
                continue
            sink.assignments.append(Assignment.model_construct(
                id=wk.aid, professional_id=wk.pro, case_id=cid, organisation_id=orgs[wk.org],
                role=wk.role, start_date=to_date(wk.start),
                end_date=to_date(wk.end) if wk.end <= last else None,
            ))
            self._contacts(wk, cid)
        for a, b, day, reason in self.plan_handovers:
            if a.dropped or b.dropped or day > last or a.aid is None or b.aid is None:
                continue
            self.n_handover += 1
            sink.handovers.append(Handover.model_construct(
                id=f"ho-{self.fid}-{self.n_handover:02d}", from_assignment_id=a.aid,
                to_assignment_id=b.aid, date=to_date(day), reason=reason,
            ))
        count = 0
        for m in self.plan_measures:
            if m.start > last or m.decision > last:
                continue
            count += 1
            sink.measures.append(Measure.model_construct(
                id=m.id, kind=m.kind, child_id=m.child.id, requested_date=to_date(m.requested),
                decision_date=to_date(m.decision), start_date=to_date(m.start),
                end_date=to_date(m.end), court_id=orgs[m.court], gi_id=orgs[m.gi],
                case_id=cid, extends_id=m.extends,
            ))
        return count

    # ------------------------------------------------------------- contacts

    def _contacts(self, wk: Work, cid: str | None) -> None:
        """Contacts of one involvement, spread over its period (the hot loop: kept lean)."""
        rng = self.rng
        end = min(wk.end, self.last)
        if wk.start > end:
            return
        span = end - wk.start + 1
        n = int(span / 30.44 * wk.rate * rng.uniform(0.45, 1.05) + 0.5)
        n = max(n, wk.min_n)
        mother = self.mother
        others = [p for p in wk.persons if p is not mother]
        has_mother = len(others) < len(wk.persons)
        append = self.sink.contacts.append
        construct = Contact.model_construct
        fromordinal = dt.date.fromordinal
        random_ = rng.random
        start = wk.start
        for _ in range(n):
            day = start + int(random_() * span)
            present = [p for p in others if p.alive(day)]
            chosen: list[str] = []
            if has_mother and mother.alive(day) and (not present or random_() < wk.mother_p):
                chosen.append(mother.id)
            if present:
                r = random_()
                extra = (0 if r < 0.25 else 1 if r < 0.75 else 2) if chosen else (
                    1 if r < 0.75 else 2)
                if extra == 1 or len(present) == 1:
                    chosen.append(present[int(random_() * len(present))].id)
                elif extra == 2:
                    chosen.extend(p.id for p in rng.sample(present, 2))
            if not chosen:
                continue
            co = wk.co
            pros = [wk.pro] if co is None or co == wk.pro or random_() >= 0.4 else sorted(
                (wk.pro, co))
            self.n_contact += 1
            append(construct(
                id=f"ct-{self.fid}-{self.n_contact:04d}", date=fromordinal(day),
                kind=wk.kinds(rng), professional_ids=pros,
                person_ids=sorted(chosen) if len(chosen) > 1 else chosen, case_id=cid,
            ))

    def _routine_contacts(self) -> None:
        """Consultatiebureau (JGZ) visits and a visit to the huisarts, in every family."""
        rng = self.rng
        w = self.w
        lo = max(EARLIEST, self.today - years(10))
        pairs: list[tuple[P, P]] = [(c, self.mother) for c in self.birth_kids]
        if self.grandchild is not None:
            pairs.append(self.grandchild)
        for child, parent in pairs:
            for at in (14, 120, 365, 730, 1370):
                if rng.random() >= 0.35:
                    continue
                day = child.birth + at + rng.randint(0, 60)
                if not lo <= day <= self.last or not child.alive(day):
                    continue
                pro, org = w.pick(rng, self.ri, OT.jgz, PR.jeugdarts, day, day)
                persons = [child, parent] if parent.alive(day) else [child]
                wk = Work(None, None, pro, org, day, day, 0.0, 1, K_JGZ, persons, 1.0)
                self._contacts(wk, None)
        if rng.random() < 0.25:
            day = rng.randint(max(lo, self.today - years(6)), self.last)
            if self.mother.alive(day):
                pro, org = w.pick(rng, self.ri, OT.huisarts, PR.huisarts, day, day)
                self._contacts(Work(None, None, pro, org, day, day, 0.0, 1, K_DOCTOR,
                                    [self.mother], 1.0), None)

