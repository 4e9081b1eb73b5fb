"""Case histories: a melding at Veilig Thuis, the local team, sometimes a Raad voor de
Kinderbescherming investigation and court measures executed by a GI, closure and sometimes a
new melding. Regions work either in the relay model (estafette, with handovers) or in the team
model (a duo that stays from start to end)."""

from __future__ import annotations

from genogram_service.records.common import (
    AssignmentRole,
    EmotionalKind,
    Framework,
    OrganisationType,
    ProfessionalRole,
    ReporterType,
    ReportOutcome,
)
from genogram_service.records.entities import Case, Report
from genogram_service.synthetic.casework import (
    K_GI,
    K_GW,
    K_RAAD,
    K_REGISSEUR,
    K_VT,
    K_WIJKTEAM,
    Work,
)
from genogram_service.synthetic.common import EARLIEST, Choice, to_date, to_opt_date, years
from genogram_service.synthetic.family import P
from genogram_service.synthetic.measures import Measures
from genogram_service.synthetic.texts import (
    R_RAAD_GI,
    R_RAAD_LT,
    R_TO_RAAD,
    R_TURNOVER,
    R_VOOGD,
    R_VT_LT,
    R_VT_RAAD,
)

OT = OrganisationType
PR = ProfessionalRole
AR = AssignmentRole

_REPORTER = Choice([
    (ReporterType.police, 30), (ReporterType.school, 15), (ReporterType.huisarts, 9),
    (ReporterType.professional, 16), (ReporterType.family, 8), (ReporterType.neighbour, 8),
    (ReporterType.anonymous, 7), (ReporterType.self_report, 4), (ReporterType.other, 3),
])
_DELAY = Choice([(d, w) for d, w in zip(range(1, 15), (8, 12, 14, 14, 12, 10, 8, 6, 5, 4, 3, 2,
                                                         1, 1), strict=True)])



class Cases(Measures):
    """About two thirds of the families get one or more cases."""

    def _cases(self) -> None:
        rng = self.rng
        if rng.random() >= 0.74:  # ~65% end up with a case (some have no minor, some advice)
            return
        self.complex = rng.random() < 0.07
        lo = max(EARLIEST, self.today - years(10))
        if self.complex or rng.random() < 0.72:
            d0 = self.today - rng.randint(20, 1461)
        else:
            d0 = self.today - rng.randint(1462, max(1462, self.today - lo))
        d0 = max(d0, lo)
        if not self._minors(d0):
            c = rng.choice(self.kids)
            a, b = max(lo, c.birth + 60), min(self.today - 20, c.birth + years(17.5))
            if a > b:
                return
            d0 = rng.randint(a, b)
            if not self._minors(d0):
                return
        n = 1
        while True:
            closed = self._case(n, d0)
            again = 0.6 if self.complex else 0.2
            if closed is None or closed + 60 > self.last or rng.random() >= again or n == 4:
                return
            d0 = closed + rng.randint(30, 300)
            if d0 > self.last - 10 or not self._minors(d0):
                return
            n += 1

    def _case(self, n: int, d0: int) -> int | None:
        """One case from melding to closure; returns the closing date (None if still open)."""
        rng = self.rng
        w = self.w
        mother = self.mother
        kids = self._minors(d0)
        adults = [mother] if mother.alive(d0) else []
        for p, start, end in self.partners:
            if start <= d0 and (end is None or d0 <= end) and p.alive(d0):
                adults.append(p)
        if self.ex is not None and self.ex.alive(d0) and self.ex not in adults and (
            rng.random() < 0.4
        ):
            adults.append(self.ex)
        concerned = kids + adults
        cid = f"c-{self.fid}-{n}"
        region = self.region
        vt_org = region.orgs[OT.veilig_thuis][0]
        reporter = _REPORTER(rng)

        self.works = []
        self.plan_handovers = []
        self.plan_measures = []
        self.voogdij = None
        self.sa_version = 0
        self.sa_state = []
        self.sa_judgement = 5
        self.cid = cid

        path = rng.random()
        if path < 0.08:  # advice only: no case, a call or two with Veilig Thuis
            pro, org = w.pick(rng, self.ri, OT.veilig_thuis, PR.veilig_thuis_medewerker, d0,
                              d0 + 20)
            self._report(n, d0, reporter, ReportOutcome.advice if rng.random() < 0.7
                         else ReportOutcome.no_action, concerned, org, None)
            wk = Work(None, None, pro, org, d0, d0 + 20, 0.0, rng.randint(1, 2), K_VT,
                      adults or kids, 0.9)
            self._contacts(wk, None)
            return None
        escalate = path < 0.08 + (0.7 if self.complex else 0.4)
        if region.team_model:
            close, outcome = self._team_case(d0, kids, concerned, escalate)
        else:
            close, outcome = self._relay_case(d0, kids, concerned, escalate, reporter)
        # other professionals around the case, without an assignment
        self._others(d0, min(close, self.last), kids, reporter)

        # jeugdreclassering for a teenager
        for c in kids:
            if rng.random() < 0.06:
                a = max(d0, c.birth + years(12))
                b = min(close, c.birth + years(18) - 60)
                if a < b:
                    self._jeugdreclassering(c, rng.randint(a, b), concerned)

        measures = self._emit_case_plan()
        closed = close if close <= self.last else None
        framework = Framework.court_ordered if measures else Framework.voluntary
        self.sink.cases.append(Case.model_construct(
            id=cid, opened=to_date(d0), closed=to_opt_date(closed), framework=framework,
            municipality=self.municipality, person_ids=sorted(p.id for p in concerned),
        ))
        self._report(n, d0, reporter, outcome, concerned, vt_org, cid)
        if rng.random() < 0.35 and kids:
            victim = rng.choice(kids)
            actors = [p for p in adults if p is not victim and p.alive(d0)]
            if actors:
                abuse = rng.random() < 0.55
                if abuse:
                    actor = rng.choice([p for p in actors if p is not mother] or actors)
                else:
                    actor = mother if mother in actors else actors[0]
                start = d0 - rng.randint(30, 700)
                end = d0 + rng.randint(30, 400) if rng.random() < 0.5 else None
                self._emotion(actor, victim,
                              EmotionalKind.abuse if abuse else EmotionalKind.neglect,
                              start, end, "Gemeld bij Veilig Thuis" if abuse else None)
        return closed

    def _report(self, n: int, d0: int, reporter: ReporterType, outcome: ReportOutcome,
                concerned: list[P], org: int, cid: str | None) -> None:
        self.sink.reports.append(Report.model_construct(
            id=f"r-{self.fid}-{n}", date=to_date(d0), reporter_type=reporter, outcome=outcome,
            person_ids=sorted(p.id for p in concerned), organisation_id=self.w.org_ids[org],
            case_id=cid,
        ))

    def _relay_case(self, d0: int, kids: list[P], concerned: list[P], escalate: bool,
                    reporter: ReporterType) -> tuple[int, ReportOutcome]:
        """The estafette: Veilig Thuis -> lokaal team -> Raad -> GI, with handovers."""
        rng = self.rng
        w = self.w
        ri = self.ri
        direct = escalate and rng.random() < 0.3
        investigation = not escalate and rng.random() < 0.2
        vt_end = d0 + (rng.randint(50, 120) if investigation else rng.randint(10, 40))
        pro, org = w.pick(rng, ri, OT.veilig_thuis, PR.veilig_thuis_medewerker, d0, vt_end)
        cur = self._work(AR.veilig_thuis_medewerker, pro, org, d0, vt_end, 2.0, 2, K_VT,
                         concerned, 0.8)
        self._assess(pro, d0 + _DELAY(rng))
        outcome = (ReportOutcome.rvdk_request if direct else ReportOutcome.investigation
                   if investigation else ReportOutcome.referred_local_team)
        if vt_end > self.last:
            outcome = ReportOutcome.open
        t = vt_end
        if not direct:
            lt_end = vt_end + (rng.randint(60, 300) if escalate else rng.randint(90, 540))
            pro, org = w.pick(rng, ri, OT.lokaal_team, PR.regisseur, vt_end, lt_end,
                              self.team_org)
            reg = self._work(AR.regisseur, pro, org, vt_end, lt_end, 1.0, 2, K_REGISSEUR,
                             concerned, 0.75)
            self._handover(cur, reg, vt_end, rng.choice(R_VT_LT))
            cur = reg
            if rng.random() < 0.45:
                a = vt_end + rng.randint(0, 40)
                b = max(a, lt_end - rng.randint(0, 30))
                wpro, worg = w.pick(rng, ri, OT.lokaal_team, PR.wijkteammedewerker, a, b, org)
                self._work(AR.wijkteammedewerker, wpro, worg, a, b, 0.8, 1, K_WIJKTEAM,
                           concerned, 0.8)
            self._assess_during(pro, vt_end, lt_end)
            self._referrals(vt_end, lt_end - 30, kids, Choice([(0, 3), (1, 5), (2, 2)])(rng))
            t = lt_end
        if not escalate:
            return t + rng.randint(0, 21), outcome

        # Raad voor de Kinderbescherming
        rv_start = t + rng.randint(3, 21)
        spoed = rng.random() < 0.2
        rv_end = rv_start + (rng.randint(40, 70) if spoed else rng.randint(50, 120))
        pro, org = w.pick(rng, ri, OT.rvdk, PR.raadsonderzoeker, rv_start, rv_end)
        raad = self._work(AR.raadsonderzoeker, pro, org, rv_start, rv_end, 0.0,
                          rng.randint(3, 6), K_RAAD, concerned, 0.7)
        self._handover(cur, raad, rv_start, R_VT_RAAD if direct else rng.choice(R_TO_RAAD),
                       extend=True)
        young = any(c.age(rv_end + 60) < 17.5 for c in kids)  # a measure needs a minor
        if not young or (not spoed and rng.random() >= 0.85):  # no grounds: back to voluntary
            back = rv_end + rng.randint(1, 14)
            end = back + rng.randint(90, 300)
            pro, org = w.pick(rng, ri, OT.lokaal_team, PR.regisseur, back, end, self.team_org)
            reg = self._work(AR.regisseur, pro, org, back, end, 1.0, 2, K_REGISSEUR,
                             concerned, 0.75)
            self._handover(raad, reg, back, R_RAAD_LT)
            self._assess_during(pro, back, end)
            self._referrals(back, end - 30, kids, rng.randint(0, 2))
            return end + rng.randint(0, 21), outcome

        gi_start, chain_end, jb, gi_org = self._measures(rv_start, rv_end, spoed, kids, None)
        jbw = self._work(AR.jeugdbeschermer, jb, gi_org, gi_start, chain_end, 1.1, 2, K_GI,
                         concerned, 0.6)
        self._handover(raad, jbw, gi_start, R_RAAD_GI, cut=False)
        if rng.random() < 0.4:
            a = gi_start + rng.randint(0, 60)
            gpro, gorg = w.pick(rng, ri, OT.gi, PR.gedragswetenschapper, a, a + 120, gi_org)
            self._work(AR.gedragswetenschapper, gpro, gorg, a, a + rng.randint(30, 120), 0.0,
                       rng.randint(1, 3), K_GW, concerned, 0.7)
        # turnover of jeugdbeschermers: the long tail of professionals per mother
        cur = jbw
        day = gi_start
        while True:
            day += rng.randint(120, 400) if self.complex else rng.randint(200, 700)
            if day >= chain_end - 30:
                break
            if rng.random() < (0.7 if self.complex else 0.4):
                pro, org = w.pick(rng, ri, OT.gi, PR.jeugdbeschermer, day, chain_end, gi_org)
                nxt = self._work(AR.jeugdbeschermer, pro, org, day, chain_end, 1.1, 1, K_GI,
                                 concerned, 0.6)
                self._handover(cur, nxt, day, rng.choice(R_TURNOVER))
                cur = nxt
        self._assess_during(jb, gi_start, chain_end)
        self._referrals(gi_start, chain_end - 60, kids, Choice([(0, 2), (1, 4), (2, 3),
                                                                (3, 1)])(rng))
        close = chain_end
        voogdij = self.voogdij
        if voogdij is not None:
            pro, org = w.pick(rng, ri, OT.gi, PR.voogd, voogdij.start, voogdij.end, gi_org)
            vw = self._work(AR.voogd, pro, org, voogdij.start, voogdij.end, 0.8, 1, K_GI,
                            [voogdij.child], 0.4)
            self._handover(cur, vw, voogdij.start, R_VOOGD)
            close = max(close, voogdij.end)
        return close + rng.randint(0, 30), outcome

    def _team_case(self, d0: int, kids: list[P], concerned: list[P],
                   escalate: bool) -> tuple[int, ReportOutcome]:
        """The team model: a duo from two organisations stays from start to end."""
        rng = self.rng
        w = self.w
        ri = self.ri
        start = d0 + rng.randint(1, 6)
        horizon = start + 730
        reg, reg_org = w.pick(rng, ri, OT.lokaal_team, PR.regisseur, start, horizon,
                              self.team_org)
        role = PR.save_werker if rng.random() < 0.5 else PR.jeugdbeschermer
        duo, gi_org = w.pick(rng, ri, OT.gi, role, start, horizon)
        a = self._work(AR.regisseur, reg, reg_org, start, start, 0.9, 2, K_REGISSEUR,
                       concerned, 0.75, co=duo)
        b = self._work(AR.duo_partner, duo, gi_org, start, start, 0.6, 1, K_REGISSEUR,
                       concerned, 0.75, co=reg)
        self._assess(reg, max(start, d0 + _DELAY(rng)))
        if not escalate:
            close = start + rng.randint(120, 700)
        else:
            rv_start = start + rng.randint(60, 300)
            spoed = rng.random() < 0.2
            rv_end = rv_start + (rng.randint(40, 70) if spoed else rng.randint(50, 120))
            pro, org = w.pick(rng, ri, OT.rvdk, PR.raadsonderzoeker, rv_start, rv_end)
            self._work(AR.raadsonderzoeker, pro, org, rv_start, rv_end, 0.0, rng.randint(3, 6),
                       K_RAAD, concerned, 0.7)
            young = any(c.age(rv_end + 60) < 17.5 for c in kids)
            if not young or (not spoed and rng.random() >= 0.85):
                close = rv_end + rng.randint(60, 300)
            else:
                _, chain_end, _, _ = self._measures(rv_start, rv_end, spoed, kids, (duo, gi_org))
                close = chain_end
                if self.voogdij is not None:
                    close = max(close, self.voogdij.end)
        a.end = b.end = close
        self._assess_during(reg, start, close)
        self._referrals(start, close - 30, kids, Choice([(0, 2), (1, 5), (2, 3)])(rng))
        outcome = ReportOutcome.rvdk_request if escalate and rng.random() < 0.3 else (
            ReportOutcome.referred_local_team)
        return close + rng.randint(0, 21), outcome
