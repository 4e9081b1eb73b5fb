"""Court measures: (voorlopige) ondertoezichtstelling with extensions, machtiging
uithuisplaatsing (a foster family or residential care), voogdij and jeugdreclassering."""

from __future__ import annotations

from genogram_service.records.common import (
    AssignmentRole,
    ChildKind,
    MeasureKind,
    OrganisationType,
    ProfessionalRole,
    Sex,
    UnionKind,
)
from genogram_service.records.entities import Referral
from genogram_service.synthetic.casework import K_CARE, K_GI, CaseWork, Meas
from genogram_service.synthetic.common import to_date, to_opt_date, years
from genogram_service.synthetic.family import P

OT = OrganisationType
PR = ProfessionalRole
AR = AssignmentRole


class Measures(CaseWork):
    """The measures of a case, with the works that carry them out."""

    def _measure(self, kind: MeasureKind, child: P, requested: int, decision: int, start: int,
                 end: int, gi: int, extends: str | None = None) -> Meas:
        self.n_measure += 1
        m = Meas(f"m-{self.fid}-{self.n_measure:02d}", kind, child, requested, decision, start,
                 end, self.region.orgs[OT.rechtbank][0], gi, extends)
        self.plan_measures.append(m)
        return m

    def _measures(self, rv_start: int, rv_end: int, spoed: bool, kids: list[P],
                  duo: tuple[str, int] | None) -> tuple[int, int, str, int]:
        """OTS per child (with extensions), voorlopige OTS, uithuisplaatsing, voogdij.

        Returns (GI start, end of the last OTS, jeugdbeschermer, GI organisation).
        """
        rng = self.rng
        self.voogdij = None
        ots_req = rv_end
        ots_dec = rv_end + rng.randint(10, 50)
        v_dec = rv_start + rng.randint(1, 6)
        if spoed:
            ots_dec = min(ots_dec, v_dec + 90)
            gi_start = v_dec + rng.randint(0, 5)
        else:
            gi_start = ots_dec + rng.randint(0, 7)
        if duo is not None:
            jb, gi_org = duo
        else:
            jb, gi_org = self.w.pick(rng, self.ri, OT.gi, PR.jeugdbeschermer, gi_start,
                                     gi_start + 365)
        chain_end = gi_start + 30
        children = [c for c in kids if c.alive(ots_dec) and c.age(ots_dec) < 17.8]
        placed = rng.choice(children) if children and rng.random() < 0.22 else None
        chains: list[tuple[P, int, int]] = []
        for c in children:
            adult = c.birth + years(18) - 1
            if spoed:
                self._measure(MeasureKind.voorlopige_ots, c, rv_start, v_dec, v_dec, ots_dec - 1,
                              gi_org)
            m = self._measure(MeasureKind.ots, c, ots_req, ots_dec, ots_dec,
                              min(ots_dec + 364, adult), gi_org)
            first = m
            chance = 0.65
            while m.end < adult - 30 and rng.random() < chance:
                end = m.end
                m = self._measure(MeasureKind.ots, c, end - rng.randint(20, 60),
                                  end - rng.randint(0, 15), end + 1, min(end + 365, adult),
                                  gi_org, extends=m.id)
                chance -= 0.1
            chains.append((c, ots_dec, m.end))
            chain_end = max(chain_end, m.end)
            if c is placed:
                self._placement(c, first, m.end, gi_org)
        if chains and duo is None and rng.random() < 0.12:
            c, s, e = max(chains, key=lambda x: x[2])
            adult = c.birth + years(18) - 1
            if e - s >= 700 and e + 60 < adult and e == chain_end:
                self.voogdij = self._measure(MeasureKind.voogdij, c, e - rng.randint(40, 90),
                                             e - rng.randint(0, 20), e + 1, adult, gi_org)
        return gi_start, chain_end, jb, gi_org

    def _placement(self, c: P, ots: Meas, chain_end: int, gi_org: int) -> None:
        """Machtiging uithuisplaatsing: a foster family or residential youth care."""
        rng = self.rng
        start = ots.start + rng.randint(0, max(0, min(150, ots.end - ots.start - 30)))
        requested = start - rng.randint(3, 20)
        decision = rng.randint(requested, start)
        end = min(start + 364, chain_end)
        mu = self._measure(MeasureKind.machtiging_uithuisplaatsing, c, requested, decision, start,
                           end, gi_org)
        if end + 30 < chain_end and rng.random() < 0.4:
            mu = self._measure(MeasureKind.machtiging_uithuisplaatsing, c, end - 30,
                               end - rng.randint(0, 20), end + 1, min(end + 365, chain_end),
                               gi_org, extends=mu.id)
        back = mu.end
        if start > self.last:
            return
        for m in self.home.get(c.id, []):
            if m.start <= start and (m.end is None or m.end >= start):
                old_end = m.end
                m.end = start - 1
                if rng.random() < 0.6 and back < self.last and (old_end is None or back < old_end):
                    self._home(c, back + 1, old_end)
                break
        if rng.random() < 0.55:  # a foster family
            name = self._surname()
            fa = self._person(Sex.male, start - years(rng.uniform(30, 50)), name)
            fm = self._person(Sex.female, fa.birth + rng.randint(-4 * 365, 3 * 365),
                              self._surname())
            fu = self._union(UnionKind.married, [fa, fm], min(
                max(fa.birth, fm.birth) + years(rng.uniform(20, 26)), start - 365))
            ended = back if back <= self.last else None
            self._link(c, fu, ChildKind.foster, start=start, end=ended)
            fh = self._household(name, "Pleeggezin")
            self._member(fh, fa, fu.start, None)
            self._member(fh, fm, fu.start, None)
            self._member(fh, c, start, ended)
        else:  # residential care at a jeugdhulpaanbieder
            pro, org = self.w.pick(rng, self.ri, OT.jeugdhulpaanbieder, PR.jeugdhulpverlener,
                                   start, back)
            self.n_referral += 1
            self.sink.referrals.append(Referral.model_construct(
                id=f"rf-{self.fid}-{self.n_referral:02d}", person_id=c.id,
                provider_id=self.w.org_ids[org], case_id=self.cid,
                requested_date=to_date(requested), started_date=to_date(start),
                stopped_date=to_opt_date(back if back <= self.last else None),
            ))
            self._work(None, pro, org, start, back, 1.5, 1, K_CARE, [c], 0.2)

    def _jeugdreclassering(self, c: P, start: int, concerned: list[P]) -> None:
        rng = self.rng
        end = start + rng.randint(180, 365)
        pro, org = self.w.pick(rng, self.ri, OT.gi, PR.jeugdreclasseerder, start, end)
        self._measure(MeasureKind.jeugdreclassering, c, start - rng.randint(14, 45), start,
                      start, end, org)
        self._work(AR.jeugdreclasseerder, pro, org, start, end, 1.2, 1, K_GI,
                   [c] + [p for p in concerned if p is self.mother], 0.5)
