"""Kinship names in English and Dutch, from the shape of a relation (pure functions).

A blood (or legal) relation is named from ``up``, the generations from the first person to
the nearest common ancestor, and ``down``, the generations from there to the relative, with
the relative's sex (male, female, or neither: a neutral word):

======  ======  ===================================  ==================================
up      down    English                              Dutch
======  ======  ===================================  ==================================
0       1, 2    Son, Grandson                        zoon, kleinzoon
1, 2    0       Father, Grandfather                  vader, grootvader
3       0       Great-Grandfather                    overgrootvader
1       1       Brother (Half-Brother)               broer (halfbroer)
2, 3    1       Uncle, Great-Uncle                   oom, oudoom
1       2, 3    Nephew, Great-Nephew                 neef, achterneef
2       2       1st Cousin                           volle neef
2       3       1st Cousin once removed              volle neef (1 generatie lager)
3       3       2nd Cousin                           achterneef
======  ======  ===================================  ==================================

English repeats "Great-" twice and then counts ("3rd Great-Grandfather"); Dutch continues the
generations with the usual series (betovergrootvader, oudvader, oudgrootvader, ... stamvader,
edelvader, voorvader). Adoptive, foster and step relations carry their marker ("Adoptive
Father", "Adopted Son", "Foster Sister", "Stepmother"; adoptievader, pleegzus, stiefmoeder).
In-laws: a spouse's parent, sibling and child, a child's and a sibling's spouse have their own
words (Mother-in-Law, Sister-in-Law, Son-in-Law; schoonmoeder, schoonzus, zwager,
schoonzoon); other spouses' relatives and relatives' spouses add "-in-Law" ("aangetrouwde").
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["en", "nl"]
Marker = Literal["", "adoptive", "foster", "step"]

_EN_MARK_UP = {"adoptive": "Adoptive", "foster": "Foster", "step": "Step"}
_EN_MARK_DOWN = {"adoptive": "Adopted", "foster": "Foster", "step": "Step"}
_EN_BASIC = frozenset({"Father", "Mother", "Parent", "Son", "Daughter", "Child", "Brother",
                       "Sister", "Sibling"})
_NL_MARK = {"adoptive": "adoptie", "foster": "pleeg", "step": "stief"}
_NL_MARK_WORD = {"adoptive": "adoptief", "foster": "pleeg", "step": "stief"}


def _pick(sex: str | None, male: str, female: str, neutral: str) -> str:
    return male if sex == "male" else female if sex == "female" else neutral


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _greats(n: int) -> str:
    """The English "Great-" prefix for ``n`` greats."""
    if n <= 0:
        return ""
    if n <= 2:
        return "Great-" * n
    return f"{ordinal(n)} Great-"


def _removed(n: int) -> str:
    return "" if n == 0 else " once removed" if n == 1 else f" {n} times removed"


def english_blood(up: int, down: int, sex: str | None, *, half: bool = False) -> str:
    """How a relative ``down`` generations below the common ancestor ``up`` generations above
    the person is called, in English."""
    h = "Half-" if half else ""
    if up == 0 and down == 0:
        return "Self"
    if up == 0:
        base = _pick(sex, "Son", "Daughter", "Child")
        if down == 1:
            return base
        return _greats(down - 2) + "Grand" + base.lower()
    if down == 0:
        base = _pick(sex, "Father", "Mother", "Parent")
        if up == 1:
            return base
        return _greats(up - 2) + "Grand" + base.lower()
    if up == 1 and down == 1:
        return h + _pick(sex, "Brother", "Sister", "Sibling")
    if down == 1:
        return h + _greats(up - 2) + _pick(sex, "Uncle", "Aunt", "Aunt/Uncle")
    if up == 1:
        return h + _greats(down - 2) + _pick(sex, "Nephew", "Niece", "Niece/Nephew")
    degree = min(up, down) - 1
    return f"{h}{ordinal(degree)} Cousin{_removed(abs(up - down))}"


# Dutch generations beyond the parents: vader, grootvader, overgrootvader, betovergrootvader,
# then four more each time with oud-, stam-, edel-, voor- (combined from the highest).
_NL_STEPS = ("", "groot", "overgroot", "betovergroot")
_NL_SERIES = ((8, "voor"), (4, "edel"), (2, "stam"), (1, "oud"))


def _nl_generations(n: int) -> str | None:
    """The Dutch prefix for the ``n``-th generation up (1: vader), None past 64."""
    quarter, step = divmod(n - 1, 4)
    if quarter >= 16:
        return None
    prefix = "".join(word for bit, word in _NL_SERIES if quarter & bit)
    return prefix + _NL_STEPS[step]


def dutch_blood(up: int, down: int, sex: str | None, *, half: bool = False) -> str:
    h = "half" if half else ""
    if up == 0 and down == 0:
        return "zelf"
    if up == 0:
        base = _pick(sex, "zoon", "dochter", "kind")
        if down <= 4:
            return ("", "", "klein", "achterklein", "achterachterklein")[down] + base
        return f"nakomeling in de {down}e generatie"
    if down == 0:
        prefix = _nl_generations(up)
        if prefix is None:
            return f"voorouder in de {up}e generatie"
        return prefix + _pick(sex, "vader", "moeder", "ouder")
    if up == 1 and down == 1:
        return _pick(sex, f"{h}broer", f"{h}zus", f"{h}broer of -zus" if h else "broer of zus")
    if down == 1:
        if up <= 5:
            lead = ("", "", "", "oud", "overoud", "betoveroud")[up]
            return h + _pick(sex, f"{lead}oom", f"{lead}tante", f"{lead}oom of -tante"
                             if lead else "oom of tante")
        return h + _pick(sex, "oom", "tante", "oom of tante") + f" in de {up}e generatie"
    if up == 1:
        if down <= 4:
            lead = ("", "", "", "achter", "achter-achter")[down]
            return h + _pick(sex, f"{lead}neef", f"{lead}nicht", f"{lead}neef of -nicht"
                             if lead else "neef of nicht")
        return h + _pick(sex, "neef", "nicht", "neef of nicht") + f" in de {down}e generatie"
    degree = min(up, down) - 1
    if degree <= 3:
        lead = ("", "volle ", "achter", "achter-achter")[degree]
        word = _pick(sex, f"{lead}neef", f"{lead}nicht", f"{lead}neef of -nicht")
    else:
        word = _pick(sex, "neef", "nicht", "neef of nicht") + f" in de {degree}e graad"
    removed = abs(up - down)
    if removed:
        plural = "generatie" if removed == 1 else "generaties"
        word += f" ({removed} {plural} {'hoger' if up > down else 'lager'})"
    return h + word


def blood(lang: Lang, up: int, down: int, sex: str | None, *, half: bool = False,
          marker: Marker = "") -> str:
    """A blood or legal relation by its shape, with the adoptive/foster/step marker."""
    if lang == "en":
        name = english_blood(up, down, sex, half=half)
        if not marker:
            return name
        word = (_EN_MARK_DOWN if up == 0 else _EN_MARK_UP)[marker]
        if name[0].isdigit():
            return f"{name} ({marker})"
        if marker == "step" and name in _EN_BASIC:
            return "Step" + name.lower()
        return f"{word}-{name}" if marker == "step" else f"{word} {name}"
    name = dutch_blood(up, down, sex, half=half)
    if not marker:
        return name
    if " " in name:
        return f"{name} ({_NL_MARK_WORD[marker]})"
    return _NL_MARK[marker] + name


def partner(lang: Lang, sex: str | None, *, kind: str | None, ended: bool) -> str:
    married = kind in ("married", "registered_partnership")
    if lang == "en":
        if kind == "registered_partnership":
            word = "Registered Partner"
        else:
            word = _pick(sex, "Husband", "Wife", "Spouse") if married else "Partner"
        return f"Ex-{word}" if ended else word
    if kind == "registered_partnership":
        word = "geregistreerd partner"
    else:
        word = _pick(sex, "echtgenoot", "echtgenote", "echtgeno(o)t(e)") if married else "partner"
    return f"ex-{word}" if ended else word


def spouse_relative(lang: Lang, up: int, down: int, sex: str | None, *, half: bool = False,
                    marker: Marker = "") -> str:
    """A relative of one's partner (``up``/``down`` measured from the partner)."""
    if up == 0:  # the partner's descendants: stepchildren
        return blood(lang, 0, down, sex, marker="step")
    if (up, down) == (1, 0) and not marker:
        return _pick(sex, "Father-in-Law", "Mother-in-Law", "Parent-in-Law") if lang == "en" \
            else _pick(sex, "schoonvader", "schoonmoeder", "schoonouder")
    if (up, down) == (1, 1) and not marker and not half:
        return _sibling_in_law(lang, sex)
    return _in_law(lang, blood(lang, up, down, sex, half=half, marker=marker))


def relative_spouse(lang: Lang, up: int, down: int, sex: str | None, *, half: bool = False,
                    marker: Marker = "") -> str:
    """The partner of a relative (``up``/``down`` measured to that relative)."""
    if down == 0:  # an ancestor's partner who is no ancestor: step-parents
        return blood(lang, up, 0, sex, marker="step")
    if (up, down) == (0, 1) and not marker:
        return _pick(sex, "Son-in-Law", "Daughter-in-Law", "Child-in-Law") if lang == "en" \
            else _pick(sex, "schoonzoon", "schoondochter", "schoonkind")
    if (up, down) == (1, 1) and not marker and not half:
        return _sibling_in_law(lang, sex)
    return _in_law(lang, blood(lang, up, down, sex, half=half, marker=marker))


def step_sibling(lang: Lang, sex: str | None) -> str:
    return blood(lang, 1, 1, sex, marker="step")


def _sibling_in_law(lang: Lang, sex: str | None) -> str:
    if lang == "en":
        return _pick(sex, "Brother-in-Law", "Sister-in-Law", "Sibling-in-Law")
    return _pick(sex, "zwager", "schoonzus", "zwager of schoonzus")


def _in_law(lang: Lang, name: str) -> str:
    if lang == "en":
        return f"{name}-in-Law"
    return ("aangetrouwd " if name.endswith("kind") else "aangetrouwde ") + name


def chain(lang: Lang, steps: list[tuple[str, str | None]]) -> str:
    """A relation spelled out step by step ("Wife's Brother's Wife"; "echtgenote van broer
    van echtgenote"), for relatives by more than one marriage. ``steps``: (relation, sex)
    with relation parent, child, partner or sibling."""
    words_en = {"parent": ("Father", "Mother", "Parent"), "child": ("Son", "Daughter", "Child"),
                "partner": ("Husband", "Wife", "Partner"),
                "sibling": ("Brother", "Sister", "Sibling")}
    words_nl = {"parent": ("vader", "moeder", "ouder"), "child": ("zoon", "dochter", "kind"),
                "partner": ("partner", "partner", "partner"),
                "sibling": ("broer", "zus", "broer of zus")}
    if lang == "en":
        return "'s ".join(_pick(sex, *words_en[rel]) for rel, sex in steps)
    return " van ".join(_pick(sex, *words_nl[rel]) for rel, sex in reversed(steps))


def not_related(lang: Lang) -> str:
    return "not related" if lang == "en" else "geen familie"
