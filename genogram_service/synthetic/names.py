"""Who the generated persons are: Dutch names (Faker ``nl_NL``) and unique, valid BSNs."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from faker import Faker

from genogram_service.records.common import bsn_check_digit
from genogram_service.synthetic.common import BSN_STRIDE

_PREFIX_WORDS = frozenset({"van", "de", "der", "den", "het", "'t", "ten", "ter", "te", "in", "op"})

#: Given names for those born before 1965, when Faker's modern names would be out of place.
OLD_MALE = (
    "Johannes", "Cornelis", "Hendrik", "Jan", "Pieter", "Gerrit", "Willem", "Jacobus", "Dirk",
    "Adrianus", "Theodorus", "Antonius", "Petrus", "Gerardus", "Hendrikus", "Wilhelmus", "Klaas",
    "Albert", "Marinus", "Arie",
)
OLD_FEMALE = (
    "Maria", "Johanna", "Anna", "Cornelia", "Elisabeth", "Hendrika", "Wilhelmina", "Geertruida",
    "Petronella", "Catharina", "Adriana", "Jacoba", "Margaretha", "Aaltje", "Grietje", "Neeltje",
    "Trijntje", "Gerda", "Ria", "Annie",
)


@dataclass(frozen=True, slots=True)
class Names:
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[tuple[str | None, str], ...]


def _split_surname(name: str) -> tuple[str | None, str] | None:
    """'van der Ploeg' -> ('van der', 'Ploeg'); odd historical names -> None."""
    if "," in name or "." in name:
        return None
    words = name.split()
    i = 0
    while i < len(words) and words[i] in _PREFIX_WORDS:
        i += 1
    rest = words[i:]
    if len(rest) != 1 or not rest[0][:1].isupper():
        return None
    return (" ".join(words[:i]) or None), rest[0]


@functools.lru_cache(maxsize=8)
def name_pools(seed: int) -> Names:
    """Faker is slow: draw pools of Dutch names once per seed and sample from them (the
    families and the lineages share the pools of a seed)."""
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    male = tuple(fake.first_name_male() for _ in range(1500))
    female = tuple(fake.first_name_female() for _ in range(1500))
    surnames: list[tuple[str | None, str]] = []
    for _ in range(20_000):
        parsed = _split_surname(fake.last_name())
        if parsed is not None:
            surnames.append(parsed)
            if len(surnames) == 3000:
                break
    return Names(male, female, tuple(surnames))


def bsn_for(k: int, j: int, seed: int) -> str | None:
    """A unique, elfproef-valid BSN for person ``j`` of family ``k``, or None (1 in 11).

    Person positions ``seed * BSN_STRIDE + 100k + j`` (mod 10^8) go through a bijection on
    0..10^8-1, so BSNs are unique within a dataset, and datasets of different seeds share none
    while their ranges of positions do not overlap (up to 10,000 families each under seeds
    below 100). Where they do, the import of the second refuses the shared BSNs (one BSN, one
    person) and writes nothing."""
    position = seed * BSN_STRIDE + k * 100 + j + 1
    n = (position * 48271) % 100_000_000  # a bijection on 0..10^8-1: unique prefixes
    digits = f"{n:08d}"
    check = bsn_check_digit(digits)
    return None if check is None else digits + str(check)


def display_surname(prefix: str | None, surname: str) -> str:
    """The surname as written without given names: 'Van der Berg'."""
    return surname if prefix is None else f"{prefix[0].upper()}{prefix[1:]} {surname}"

