"""The families themselves: three or four generations with unions that end in divorce,
separation or widowhood, new partners (step- and half-siblings), adoption, foster care, twins,
the households that follow all of this, and emotional relations."""

from __future__ import annotations

from genogram_service.records.common import ChildKind, EmotionalKind, Sex, UnionEndReason, UnionKind
from genogram_service.synthetic.common import Choice, years
from genogram_service.synthetic.family import FamilyRecords, H, P, U

_UNION_KIND = Choice([
    (UnionKind.married, 40), (UnionKind.cohabiting, 38), (UnionKind.registered_partnership, 10),
    (UnionKind.other, 2),
])
_ELDER_KIND = Choice([
    (UnionKind.married, 80), (UnionKind.cohabiting, 15), (UnionKind.registered_partnership, 5),
])
_NEW_KIND = Choice([
    (UnionKind.cohabiting, 60), (UnionKind.married, 30), (UnionKind.registered_partnership, 10),
])
_N_KIDS = Choice([(1, 30), (2, 38), (3, 20), (4, 9), (5, 3)])
_N_SIBLINGS = Choice([(0, 25), (1, 40), (2, 25), (3, 10)])


class Genealogy(FamilyRecords):
    """Mother, father and children, their parents, separations, new partners, grandchildren."""

    def _elders(self, child: P, dad_name: tuple[str | None, str], siblings: int,
                leave: int) -> tuple[P, P]:
        """The parents of ``child`` (grandparents of the core family), their other children."""
        rng = self.rng
        mum_birth = child.birth - years(rng.uniform(21, 36))
        dad_birth = mum_birth + rng.randint(-3 * 365, 5 * 365)
        dad = self._person(Sex.male, dad_birth, dad_name)
        mum = self._person(Sex.female, mum_birth, self._surname())
        start = max(child.birth - rng.randint(200, 2600), max(mum_birth, dad_birth) + years(18))
        u = self._union(_ELDER_KIND(rng), [dad, mum], start)
        kids = [child]
        for _ in range(siblings):
            b = child.birth + rng.choice((-1, 1)) * rng.randint(400, 2600)
            if b > self.last - 30 or not 18 <= mum.age(b) <= 44:
                continue
            if any(abs(b - c.birth) < 300 for c in kids):
                continue
            kids.append(self._person(self._sex(), b, dad_name))
        kids.sort(key=lambda c: c.birth)
        for c in kids:
            self._link(c, u)
        youngest = kids[-1].birth
        for p in (dad, mum):
            self._maybe_die(p, youngest + 365)
        deaths = [p.death for p in (dad, mum) if p.death is not None]
        first_death = min(deaths) if deaths else None
        if rng.random() < 0.15:
            hi = min(youngest + years(18), self.last)
            if first_death is not None:
                hi = min(hi, first_death - 1)
            lo = youngest + 730
            if lo < hi:
                u.end = rng.randint(lo, hi)
                u.reason = (UnionEndReason.separated if u.kind == UnionKind.cohabiting
                            else UnionEndReason.divorced)
        if u.end is None and first_death is not None:
            u.end, u.reason = first_death, UnionEndReason.widowed
        h = self._household(dad_name, municipality=rng.choice(self.region.spec.municipalities))
        divorced = u.reason in (UnionEndReason.divorced, UnionEndReason.separated)
        self._member(h, dad, start, u.end - 1 if divorced and u.end is not None else None)
        self._member(h, mum, start, None)
        for c in kids:
            out = self._leave_home(c)
            if c is child:
                out = min(out, leave)
            self._member(h, c, c.birth, out if out <= self.last else None)
        return dad, mum

    def _core(self) -> None:
        """Mother, father, children; separation, new partners, grandchildren."""
        rng = self.rng
        last = self.last
        m_birth = self.today - years(rng.triangular(25.0, 60.0, 39.0))
        m_name = self._surname()
        u_start = m_birth + years(rng.uniform(19, 31))
        u_start = max(min(u_start, self.today - rng.randint(400, 1500)), m_birth + years(18))
        mother = self._person(Sex.female, m_birth, m_name)
        self.mother = mother
        self.grandparents = self._elders(mother, m_name, _N_SIBLINGS(rng), u_start - 1)

        father: P | None = None
        f_name = self._surname()
        kind = UnionKind.other
        if rng.random() >= 0.09:
            father = self._person(Sex.male, m_birth + rng.randint(-2 * 365, 7 * 365), f_name)
            if rng.random() < 0.6:
                self.paternal = self._elders(father, f_name, _N_SIBLINGS(rng) // 2, u_start - 1)
            kind = _UNION_KIND(rng)
        self.father = father
        u = self._union(kind, [mother] if father is None else [mother, father], u_start)
        self.main_union = u
        kid_name = m_name
        if father is not None and (
            kind in (UnionKind.married, UnionKind.registered_partnership) or rng.random() < 0.7
        ):
            kid_name = f_name

        # children
        kids: list[P] = []
        want = _N_KIDS(rng)
        b = u_start + rng.randint(100, 1500)
        limit = min(self.today - 30, m_birth + years(43))
        while len(kids) < want and b <= limit:
            for _ in range(2 if rng.random() < 0.025 else 1):  # twins share a birth date
                kids.append(self._person(self._sex(), b, kid_name))
            b += rng.randint(420, 1900)
        if not kids:
            lo = max(u_start, m_birth + years(18))
            kids.append(self._person(self._sex(), rng.randint(lo, max(lo, limit)), kid_name))
        for c in kids:
            self._link(c, u)
        arrival = {c.id: c.birth for c in kids}
        if rng.random() < 0.025:  # adoption: born elsewhere, placed later
            ab = rng.randint(u_start, self.today - 400)
            placed = min(ab + rng.randint(60, 1500), self.today - 60)
            child = self._person(self._sex(), ab, kid_name)
            self._link(child, u, ChildKind.adopted, start=placed)
            kids.append(child)
            arrival[child.id] = placed
        last_birth = max(c.birth for c in kids)

        # separation, widowhood
        sep: int | None = None
        if father is not None and rng.random() < 0.4:
            lo, hi = last_birth + 120, min(self.today - 30, u_start + years(22))
            if lo < hi:
                sep = rng.randint(lo, hi)
                u.end = sep
                u.reason = (UnionEndReason.divorced if kind in
                            (UnionKind.married, UnionKind.registered_partnership)
                            else UnionEndReason.separated)
        if father is not None:
            self._maybe_die(father, (sep or last_birth) + 365, young=True)
        self._maybe_die(mother, last_birth + 365, young=True)
        if u.end is None and father is not None:
            deaths = [p.death for p in (mother, father) if p.death is not None]
            if deaths:
                u.end, u.reason = min(deaths), UnionEndReason.widowed

        # the main household
        h = self._household(kid_name)
        self.main = h
        self._member(h, mother, u_start, None)
        if father is not None:
            self._member(h, father, u_start, sep - 1 if sep is not None else None)
            self.partners.append((father, u_start, sep - 1 if sep is not None else None))
        with_father = sep is not None and rng.random() < 0.12
        hf: H | None = None
        if sep is not None and father is not None and (father.death is None or father.death > sep):
            self.ex = father
            hf = self._household(f_name, "Huishouden")
            self._member(hf, father, sep, None)
        for c in kids:
            out = self._leave_home(c)
            if with_father and hf is not None and sep is not None and c.birth < sep < out:
                self._home(c, arrival[c.id], sep - 1)
                self._member(hf, c, sep, out if out <= last else None)
            else:
                self._home(c, arrival[c.id], out if out <= last else None)
        self.kids = list(kids)
        self.birth_kids = list(kids)

        if sep is not None and mother.death is None:
            self._new_partner(mother, sep, m_birth)
        if hf is not None and father is not None and sep is not None and rng.random() < 0.3:
            self._father_partner(father, hf, sep)
        self._grandchild()
        if rng.random() < 0.03:
            self._foster_child(u if sep is None else None)

    def _new_partner(self, mother: P, sep: int, m_birth: int) -> None:
        """A new partner for the mother: step-children both ways, maybe a half-sibling."""
        rng = self.rng
        if rng.random() >= 0.45:
            return
        start = sep + rng.randint(150, 1600)
        if start > self.today - 30:
            return
        sex = Sex.male if rng.random() < 0.95 else Sex.female
        n_name = self._surname()
        partner = self._person(sex, m_birth + rng.randint(-6 * 365, 6 * 365), n_name)
        own: list[P] = []
        if rng.random() < 0.5:  # the partner's children from an earlier union
            ex_start = partner.birth + years(rng.uniform(20, 28))
            ex_sex = Sex.female if sex == Sex.male else Sex.male
            if ex_start < start - 1500:
                ex = self._person(ex_sex, partner.birth + rng.randint(-4 * 365, 4 * 365),
                                  self._surname())
                eu = self._union(_UNION_KIND(rng), [partner, ex], ex_start)
                b = ex_start + rng.randint(200, 900)
                for _ in range(rng.randint(1, 2)):
                    if b < start - 400:
                        own.append(self._person(self._sex(), b, n_name))
                    b += rng.randint(450, 1400)
                if own:
                    for c in own:
                        self._link(c, eu)
                    eu.end = rng.randint(own[-1].birth + 100, start - 30)
                    eu.reason = (UnionEndReason.separated if eu.kind == UnionKind.cohabiting
                                 else UnionEndReason.divorced)
                    eh = self._household((ex.prefix, ex.surname), "Huishouden")
                    self._member(eh, partner, ex_start, eu.end - 1)
                    self._member(eh, ex, ex_start, None)
                    for c in own:
                        self._member(eh, c, c.birth, None)
        nu = self._union(_NEW_KIND(rng), [mother, partner], start)
        self._member(self.main, partner, start, None)
        self.partners.append((partner, start, None))
        for c in self.kids:  # the mother's children living with her become step-children
            if self._at_home(c, start) and c.age(start) < 18:
                self._link(c, nu, ChildKind.step, start=start)
        for c in own:
            if rng.random() < 0.5 and c.age(start) < 18:
                self._link(c, nu, ChildKind.step, start=start)
                out = self._leave_home(c)
                self._home(c, start, out if out <= self.last else None)
                self.kids.append(c)
        if rng.random() < 0.4:  # a half-sibling
            b = start + rng.randint(300, 1500)
            if b <= self.today - 30 and mother.age(b) < 43:
                half = self._person(self._sex(), b, n_name)
                self._link(half, nu)
                self._home(half, b, None)
                self.kids.append(half)
                self.birth_kids.append(half)

    def _father_partner(self, father: P, hf: H, sep: int) -> None:
        rng = self.rng
        start = sep + rng.randint(200, 1800)
        if start > self.today - 30 or (father.death is not None and father.death <= start):
            return
        partner = self._person(Sex.female, father.birth + rng.randint(-8 * 365, 3 * 365),
                               self._surname())
        fu = self._union(_NEW_KIND(rng), [father, partner], start)
        self._member(hf, partner, start, None)
        if rng.random() < 0.4:
            b = start + rng.randint(300, 1400)
            if b <= self.today - 30 and partner.age(b) < 42 and (
                father.death is None or b < father.death
            ):
                half = self._person(self._sex(), b, (father.prefix, father.surname))
                self._link(half, fu)
                self._member(hf, half, b, None)

    def _grandchild(self) -> None:
        """Sometimes the eldest child has a child of their own: a fourth generation."""
        rng = self.rng
        adults = [c for c in self.kids if c.age(self.today) >= 22 and c.death is None]
        if not adults or rng.random() >= 0.35:
            return
        c = adults[0]
        start = c.birth + years(rng.uniform(19, 26))
        if start > self.today - 400:
            return
        partner_sex = Sex.male if c.sex == Sex.female else Sex.female
        partner = self._person(partner_sex, c.birth + rng.randint(-3 * 365, 4 * 365),
                               self._surname())
        gu = self._union(_NEW_KIND(rng), [c, partner], start)
        b = rng.randint(start + 200, max(start + 200, min(start + 1500, self.today - 30)))
        name = (c.prefix, c.surname) if rng.random() < 0.6 else (partner.prefix, partner.surname)
        gc = self._person(self._sex(), b, name)
        self._link(gc, gu)
        for m in self.home.get(c.id, []):  # leaves the parental home when moving in together
            if m.end is None or m.end >= start:
                m.end = start - 1
        gh = self._household(name)
        self._member(gh, c, start, None)
        self._member(gh, partner, start, None)
        self._member(gh, gc, b, None)
        self.grandchild = (gc, c)

    def _foster_child(self, u: U | None) -> None:
        """The core couple (if still together) takes in a foster child."""
        rng = self.rng
        if u is None or any(p.death is not None for p in u.partners) or len(u.partners) < 2:
            return
        b = rng.randint(max(u.start, self.today - years(17)), self.today - 400)
        placed = min(b + rng.randint(30, years(6)), self.today - 30)
        ended: int | None = placed + rng.randint(180, 1500) if rng.random() < 0.4 else None
        if ended is not None and ended > self.last:
            ended = None
        child = self._person(self._sex(), b, self._surname())
        self._link(child, u, ChildKind.foster, start=placed, end=ended)
        self._home(child, placed, ended)
        self.kids.append(child)

    def _emotions(self) -> None:
        rng = self.rng
        mother = self.mother
        sep = self.main_union.end
        if self.ex is not None and sep is not None and rng.random() < 0.5:
            self._emotion(mother, self.ex, EmotionalKind.conflict, sep)
        if self.grandparents is not None and rng.random() < 0.2:
            self._emotion(mother, self.grandparents[1], EmotionalKind.close)
        if rng.random() < 0.08:
            if self.paternal is not None and self.father is not None:
                self._emotion(self.father, self.paternal[0], EmotionalKind.cut_off)
            elif self.grandparents is not None:
                self._emotion(mother, self.grandparents[0], EmotionalKind.cut_off)
        if len(self.kids) >= 2 and rng.random() < 0.05:
            a, b = rng.sample(self.kids, 2)
            self._emotion(a, b, EmotionalKind.distant)
        if rng.random() < 0.04:
            self._emotion(mother, rng.choice(self.kids), EmotionalKind.fused)
