"""Hand-written families for the genogram tests and the golden pictures: the awkward cases.

Each function returns ``(bundle, index_person_id)``; the bundle is a plain dict for
``Bundle.model_validate``. All of them are drawn as of :data:`AT`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

AT = dt.date(2026, 6, 1)
Bundle = dict[str, list[dict[str, Any]]]

_KINDS = ("persons", "unions", "organisations", "professionals", "households", "cases",
          "assignments", "contacts", "child_links", "employments", "household_memberships",
          "emotional_relations")


class Family:
    """A small builder: ids are ``<prefix>-<key>``."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.data: Bundle = {k: [] for k in _KINDS}
        self.n = 0

    def _id(self, key: str) -> str:
        return f"{self.prefix}-{key}"

    def _next(self, kind: str) -> str:
        self.n += 1
        return f"{self.prefix}-{kind}{self.n}"

    def person(self, key: str, given: str, surname: str, sex: str, born: str,
               died: str | None = None, prefix: str | None = None) -> str:
        rec: dict[str, Any] = {"id": self._id(key), "given_names": given, "surname": surname,
                               "sex": sex, "birth_date": born}
        if died:
            rec["death_date"] = died
        if prefix:
            rec["prefix"] = prefix
        self.data["persons"].append(rec)
        return rec["id"]

    def union(self, key: str, kind: str, partners: list[str], start: str | None = None,
              end: str | None = None, reason: str | None = None) -> str:
        rec: dict[str, Any] = {"id": self._id(key), "kind": kind, "partner_ids": partners}
        rec.update({k: v for k, v in (("start_date", start), ("end_date", end),
                                      ("end_reason", reason)) if v})
        self.data["unions"].append(rec)
        return rec["id"]

    def child(self, child: str, union: str, kind: str = "birth", start: str | None = None,
              end: str | None = None) -> None:
        rec: dict[str, Any] = {"id": self._next("cl"), "child_id": child, "union_id": union,
                               "kind": kind}
        rec.update({k: v for k, v in (("start_date", start), ("end_date", end)) if v})
        self.data["child_links"].append(rec)

    def household(self, key: str, name: str, start: str, members: list[str],
                  end: str | None = None) -> str:
        hid = self._id(key)
        rec: dict[str, Any] = {"id": hid, "name": name, "start_date": start}
        if end:
            rec["end_date"] = end
        self.data["households"].append(rec)
        for m in members:
            born = next(p["birth_date"] for p in self.data["persons"] if p["id"] == m)
            self.data["household_memberships"].append({
                "id": self._next("hm"), "person_id": m, "household_id": hid,
                "start_date": max(start, born), **({"end_date": end} if end else {})})
        return hid

    def emotional(self, a: str, b: str, kind: str, start: str | None = None) -> None:
        rec: dict[str, Any] = {"id": self._next("er"), "from_id": a, "to_id": b, "kind": kind}
        if start:
            rec["start_date"] = start
        self.data["emotional_relations"].append(rec)

    def organisation(self, key: str, type_: str, name: str) -> str:
        self.data["organisations"].append({"id": self._id(key), "type": type_, "name": name})
        return self._id(key)

    def professional(self, key: str, name: str, role: str, org: str, since: str) -> str:
        pid = self._id(key)
        self.data["professionals"].append({"id": pid, "name": name, "role": role})
        self.data["employments"].append({"id": self._next("emp"), "professional_id": pid,
                                         "organisation_id": org, "start_date": since})
        return pid

    def case(self, key: str, opened: str, persons: list[str]) -> str:
        self.data["cases"].append({"id": self._id(key), "opened": opened,
                                   "framework": "voluntary", "municipality": "Utrecht",
                                   "person_ids": persons})
        return self._id(key)

    def assignment(self, pro: str, case: str, org: str, role: str, start: str,
                   end: str | None = None) -> None:
        rec: dict[str, Any] = {"id": self._next("as"), "professional_id": pro, "case_id": case,
                               "organisation_id": org, "role": role, "start_date": start}
        if end:
            rec["end_date"] = end
        self.data["assignments"].append(rec)

    def contacts(self, pro: str, persons: list[str], dates: list[str],
                 kind: str = "home_visit") -> None:
        for d in dates:
            self.data["contacts"].append({"id": self._next("ct"), "date": d, "kind": kind,
                                          "professional_ids": [pro], "person_ids": persons})

    def bundle(self) -> Bundle:
        return {k: v for k, v in self.data.items() if v}


def simple_family() -> tuple[Bundle, str]:
    """Three generations: parents married with three children, both sets of grandparents
    (one grandfather deceased), one household."""
    f = Family("sf")
    opa = f.person("opa", "Hendrik", "Visser", "male", "1948-03-02", died="2019-11-20")
    oma = f.person("oma", "Johanna", "Visser", "female", "1951-07-14")
    gpa = f.person("gpa", "Ahmed", "Yilmaz", "male", "1950-01-05")
    gma = f.person("gma", "Fatma", "Yilmaz", "female", "1953-09-30")
    mum = f.person("mum", "Lotte", "Visser", "female", "1980-05-12")
    aunt = f.person("aunt", "Eva", "Visser", "female", "1977-02-01")
    dad = f.person("dad", "Emre", "Yilmaz", "male", "1978-11-23")
    kids = [f.person("k1", "Noah", "Yilmaz", "male", "2008-04-04"),
            f.person("k2", "Sara", "Yilmaz", "female", "2011-10-10"),
            f.person("k3", "Mila", "Yilmaz", "female", "2015-06-30")]
    u1 = f.union("u-visser", "married", [opa, oma], "1975-06-01", "2019-11-20", "widowed")
    u2 = f.union("u-yilmaz", "married", [gpa, gma], "1974-09-01")
    u3 = f.union("u-ouders", "married", [dad, mum], "2006-08-19")
    for c in (aunt, mum):
        f.child(c, u1)
    f.child(dad, u2)
    for c in kids:
        f.child(c, u3)
    f.household("h", "Gezin Yilmaz", "2006-08-19", [dad, mum, *kids])
    f.household("h-oma", "Oma Visser", "1975-06-01", [oma])
    f.emotional(mum, oma, "close")
    return f.bundle(), kids[1]


def three_partners() -> tuple[Bundle, str]:
    """A mother with three partners in time order (married and divorced, cohabiting and
    separated, married now), children with each; the third partner's own child from before."""
    f = Family("tp")
    mum = f.person("mum", "Sanne", "Berg", "female", "1982-06-12", prefix="van der")
    p1 = f.person("p1", "Mohamed", "El Amrani", "male", "1980-01-20")
    p2 = f.person("p2", "Erik", "Jansen", "male", "1979-04-02")
    p3 = f.person("p3", "Bas", "Vries", "male", "1981-09-09", prefix="de")
    ex3 = f.person("ex3", "Lotte", "Kok", "female", "1983-03-03")
    gm = f.person("gm", "Gerda", "Berg", "female", "1955-02-02", prefix="van der")
    gf = f.person("gf", "Kees", "Berg", "male", "1953-12-12", prefix="van der")
    u_gp = f.union("u-gp", "married", [gf, gm], "1978-05-05")
    f.child(mum, u_gp)
    a = f.person("a", "Noor", "El Amrani", "female", "2004-03-05")
    b = f.person("b", "Youssef", "El Amrani", "male", "2006-08-08")
    c = f.person("c", "Finn", "Jansen", "male", "2012-01-15")
    d = f.person("d", "Mila", "Vries", "female", "2019-07-07", prefix="de")
    e = f.person("e", "Daan", "Vries", "male", "2010-02-02", prefix="de")
    u1 = f.union("u1", "married", [p1, mum], "2003-04-01", "2009-09-01", "divorced")
    u2 = f.union("u2", "cohabiting", [p2, mum], "2011-01-01", "2014-06-01", "separated")
    u3 = f.union("u3", "married", [mum, p3], "2017-05-20")
    u4 = f.union("u4", "cohabiting", [p3, ex3], "2008-01-01", "2013-01-01", "separated")
    for k in (a, b):
        f.child(k, u1)
    f.child(c, u2)
    f.child(d, u3)
    f.child(e, u4)
    f.household("h", "Huishouden De Vries", "2017-05-20", [mum, p3, c, d])
    f.household("h-p1", "Huishouden El Amrani", "2009-09-01", [p1, b])
    f.emotional(mum, p1, "conflict", "2009-01-01")
    return f.bundle(), c


def step_family() -> tuple[Bundle, str]:
    """A step-family with children on both sides: her two from her first marriage, his two
    from his, and their own child; everyone's other households."""
    f = Family("st")
    her = f.person("her", "Anna", "Smit", "female", "1984-01-01")
    his = f.person("his", "Thomas", "Bakker", "male", "1982-02-02")
    her_ex = f.person("her-ex", "Peter", "Mulder", "male", "1981-03-03")
    his_ex = f.person("his-ex", "Iris", "Dekker", "female", "1985-04-04")
    her_ex_new = f.person("her-ex-new", "Kim", "Bos", "female", "1987-05-05")
    u_her = f.union("u-her", "married", [her_ex, her], "2005-05-05", "2012-12-12", "divorced")
    u_his = f.union("u-his", "registered_partnership", [his, his_ex], "2007-07-07",
                    "2013-03-03", "divorced")
    u_now = f.union("u-now", "cohabiting", [his, her], "2015-01-01")
    u_ex_new = f.union("u-ex-new", "married", [her_ex, her_ex_new], "2016-06-06")
    h1 = f.person("h1", "Lieke", "Mulder", "female", "2006-06-06")
    h2 = f.person("h2", "Bram", "Mulder", "male", "2009-09-09")
    s1 = f.person("s1", "Julia", "Bakker", "female", "2008-08-08")
    s2 = f.person("s2", "Lucas", "Bakker", "male", "2011-11-11")
    own = f.person("own", "Tess", "Bakker", "female", "2017-07-17")
    half = f.person("half", "Sem", "Mulder", "male", "2018-08-18")
    for k in (h1, h2):
        f.child(k, u_her)
    for k in (s1, s2):
        f.child(k, u_his)
    f.child(own, u_now)
    f.child(half, u_ex_new)
    f.household("h-now", "Gezin Bakker-Smit", "2015-01-01", [her, his, h2, s2, own])
    f.household("h-ex", "Huishouden Mulder", "2016-06-06", [her_ex, her_ex_new, h1, half])
    f.household("h-his-ex", "Huishouden Dekker", "2013-03-03", [his_ex, s1])
    f.emotional(s1, her, "distant")
    f.emotional(h1, her_ex_new, "hostile")
    return f.bundle(), own


def adoption_foster() -> tuple[Bundle, str]:
    """An adopted child with birth and adoptive parents shown, the adoptive parents' own
    child, and a foster child placed with them whose birth mother is known."""
    f = Family("af")
    bm = f.person("bm", "Maria", "Santos", "female", "1990-02-02")
    bf = f.person("bf", "Joao", "Pereira", "male", "1988-03-03")
    am = f.person("am", "Ingrid", "Hoek", "female", "1978-04-04")
    ad = f.person("ad", "Marco", "Hoek", "male", "1976-05-05")
    idx = f.person("idx", "Lucas", "Hoek", "male", "2011-06-06")
    own = f.person("own", "Emma", "Hoek", "female", "2009-07-07")
    foster = f.person("foster", "Ravi", "Sital", "male", "2014-08-08")
    fbm = f.person("fbm", "Priya", "Sital", "female", "1995-09-09")
    u_birth = f.union("u-birth", "cohabiting", [bf, bm], "2010-01-01", "2012-01-01",
                      "separated")
    u_adopt = f.union("u-adopt", "married", [ad, am], "2004-04-04")
    u_fb = f.union("u-fb", "other", [fbm])
    f.child(idx, u_birth)
    f.child(idx, u_adopt, "adopted", start="2013-02-01")
    f.child(own, u_adopt)
    f.child(foster, u_fb)
    f.child(foster, u_adopt, "foster", start="2020-09-01")
    f.household("h", "Gezin Hoek", "2004-04-04", [ad, am, own, idx, foster])
    f.emotional(idx, bm, "cut_off")
    return f.bundle(), idx


def twins_deceased() -> tuple[Bundle, str]:
    """Twins, a father who died, a mother who lives with a new partner, and the eldest
    brother's household with his partner and baby (a nephew: not in the twins' default
    genogram, which shows siblings' partners but not their children)."""
    f = Family("tw")
    dad = f.person("dad", "Jeroen", "Kramer", "male", "1975-01-01", died="2018-03-03")
    mum = f.person("mum", "Linda", "Kramer", "female", "1977-02-02")
    new = f.person("new", "Ahmed", "Haddou", "male", "1974-12-12")
    t1 = f.person("t1", "Lisa", "Kramer", "female", "2005-05-05")
    t2 = f.person("t2", "Lars", "Kramer", "male", "2005-05-05")
    old = f.person("old", "Tim", "Kramer", "male", "2001-01-01")
    young = f.person("young", "Roos", "Kramer", "female", "2009-09-09")
    old_p = f.person("old-p", "Fleur", "Jong", "female", "2002-02-02", prefix="de")
    baby = f.person("baby", "Vince", "Kramer", "male", "2024-04-04")
    u = f.union("u", "married", [dad, mum], "2000-06-06", "2018-03-03", "widowed")
    f.union("u-new", "cohabiting", [mum, new], "2020-01-01")
    u_old = f.union("u-old", "cohabiting", [old, old_p], "2023-01-01")
    for k in (old, t1, t2, young):
        f.child(k, u)
    f.child(baby, u_old)
    f.household("h", "Huishouden Kramer", "2020-01-01", [mum, new, t1, t2, young])
    f.household("h-old", "Huishouden Kramer-De Jong", "2023-01-01", [old, old_p, baby])
    return f.bundle(), t1


def ecomap_family() -> tuple[Bundle, str]:
    """A mother who saw nine professionals from five organisations in four years; the
    current regisseur; her children and their father."""
    f = Family("em")
    mum = f.person("mum", "Samira", "Bouzid", "female", "1988-03-03")
    dad = f.person("dad", "Kevin", "Vos", "male", "1986-04-04")
    k1 = f.person("k1", "Amira", "Vos", "female", "2012-05-05")
    k2 = f.person("k2", "Milan", "Vos", "male", "2015-06-06")
    gm = f.person("gm", "Khadija", "Bouzid", "female", "1960-07-07")
    gf = f.person("gf", "Rachid", "Bouzid", "male", "1957-08-08", died="2021-02-02")
    u = f.union("u", "cohabiting", [dad, mum], "2011-01-01", "2019-01-01", "separated")
    ug = f.union("ug", "married", [gf, gm], "1985-05-05", "2021-02-02", "widowed")
    f.child(k1, u)
    f.child(k2, u)
    f.child(mum, ug)
    f.household("h", "Huishouden Bouzid", "2019-01-01", [mum, k1, k2])
    f.emotional(mum, dad, "hostile", "2018-06-01")
    f.emotional(dad, k2, "neglect", "2019-01-01")
    f.emotional(mum, gm, "close")
    orgs = {
        "lt": f.organisation("o-lt", "lokaal_team", "Buurtteam Jeugd en Gezin Utrecht"),
        "vt": f.organisation("o-vt", "veilig_thuis", "Veilig Thuis Utrecht"),
        "gi": f.organisation("o-gi", "gi", "Samen Veilig Midden-Nederland"),
        "jh": f.organisation("o-jh", "jeugdhulpaanbieder", "Youké"),
        "ggz": f.organisation("o-ggz", "ggz", "Altrecht"),
    }
    case = f.case("case", "2022-09-01", [mum, k1, k2])
    team = [
        ("reg", "Eva Jansen", "regisseur", "lt", "regisseur", 14),
        ("wt", "Mark de Boer", "wijkteammedewerker", "lt", "wijkteammedewerker", 6),
        ("vt1", "Jan Smit", "veilig_thuis_medewerker", "vt", "veilig_thuis_medewerker", 3),
        ("vt2", "Iris Wouters", "veilig_thuis_medewerker", "vt", "veilig_thuis_medewerker", 2),
        ("gi1", "Fatima de Vries", "jeugdbeschermer", "gi", "jeugdbeschermer", 11),
        ("gi2", "Tom Peters", "gedragswetenschapper", "gi", "gedragswetenschapper", 2),
        ("jh1", "Kim Bos", "jeugdhulpverlener", "jh", "jeugdhulpverlener", 9),
        ("jh2", "Rob Meijer", "jeugdhulpverlener", "jh", "jeugdhulpverlener", 4),
        ("ggz", "Dr. Anne Kuiper", "other", "ggz", "other", 7),
    ]
    for k, (key, name, role, org, arole, n) in enumerate(team):
        pro = f.professional(key, name, role, orgs[org], "2015-01-01")
        f.assignment(pro, case, orgs[org], arole, "2022-09-01")
        dates = [(dt.date(2022, 10, 1) + dt.timedelta(days=31 * i + 3 * k)).isoformat()
                 for i in range(n)]
        f.contacts(pro, [mum] if k % 3 else [mum, k1], dates)
    jgz = f.organisation("o-jgz", "jgz", "JGZ Utrecht")
    doc = f.professional("jgz", "Dr. Sophie Lam", "jeugdarts", jgz, "2010-01-01")
    f.contacts(doc, [k2], ["2023-03-03", "2024-03-03"], kind="office_visit")
    return f.bundle(), k1


FAMILIES: dict[str, Callable[[], tuple[Bundle, str]]] = {
    "simple": simple_family,
    "three_partners": three_partners,
    "step_family": step_family,
    "adoption_foster": adoption_foster,
    "twins_deceased": twins_deceased,
    "ecomap": ecomap_family,
}
