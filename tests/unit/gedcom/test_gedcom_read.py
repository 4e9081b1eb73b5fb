"""Reading GEDCOM files without the database: encodings, line ends, continuation lines, long
lines, dates, pedigrees, GEDCOM 7, and files we must refuse (with the line number)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from genogram_service.gedcom.dates import gedcom7_date, parse_date
from genogram_service.gedcom.lines import GedcomSyntaxError, parse_lines
from genogram_service.gedcom.reader import DECEASED, Notice, read_gedcom
from genogram_service.records.common import ChildKind, DatePrecision, EmotionalKind
from tests.support.paths import GEDCOM, PUBLIC_GEDCOM

DATA = GEDCOM
SHARED = PUBLIC_GEDCOM
D = dt.date
P = DatePrecision


# ----------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("name,encoding", [
    ("utf8-lf", "utf-8"), ("utf8-bom-crlf", "utf-8"), ("utf16le-bom-crlf", "utf-16-le"),
    ("utf16be-bom-lf", "utf-16-be"), ("utf16le-nobom-crlf", "utf-16-le"),
    ("ansel-cr", "ansel"), ("ascii-cr", "ascii"), ("ansi-crlf", "cp1252"),
])
def test_every_encoding_and_line_end(name: str, encoding: str) -> None:
    doc = read_gedcom((DATA / "encodings" / f"{name}.ged").read_bytes())
    assert doc.encoding == encoding
    assert doc.head_file == f"{name}.ged"
    people = {i.xref: (i.given, i.prefix, i.surname, i.sex) for i in doc.individuals.values()}
    if name.startswith("ascii"):
        assert people == {"@I1@": ("Jorg", None, "Muller", "male"),
                          "@I2@": ("Zoe", "van der", "Eclair", "female"),
                          "@I3@": ("Noel", None, "Muller", "other")}
    else:  # decoded, with the ANSEL combining marks put after their letters (NFC)
        assert people == {"@I1@": ("Jörg", None, "Müller", "male"),
                          "@I2@": ("Zoë", "van der", "Éclair", "female"),
                          "@I3@": ("Noël", None, "Müller", "other")}
    assert doc.individuals["@I1@"].birth is not None
    assert doc.individuals["@I1@"].birth.start == D(1950, 3, 12)
    fam = doc.families["@F1@"]
    assert fam.partners == ["@I1@", "@I2@"] and [c.xref for c in fam.children] == ["@I3@"]
    assert doc.warnings == []
    assert doc.not_imported == {"INDI.NOTE": 1}


def test_cont_and_conc_join_values() -> None:
    text = (DATA / "encodings" / "utf8-lf.ged").read_text()
    records, _ = parse_lines(text)
    note = next(r for r in records if r.xref == "@I3@").first("NOTE")
    assert note is not None
    assert note.value == "A note that goes on over a CONC line\nand a CONT line."


def test_very_long_lines_and_many_continuations() -> None:
    given = "".join(f"Name{n:03d}" for n in range(25))  # 175 characters, 25 CONC lines
    conc = "".join(f"2 CONC Name{n:03d}\n" for n in range(1, 25))
    text = ("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n0 @I1@ INDI\n"
            f"1 NAME Name000\n{conc}1 NOTE {'x' * 200_000}\n0 TRLR\n")
    doc = read_gedcom(text.encode())
    assert doc.individuals["@I1@"].given == given
    assert doc.not_imported == {"INDI.NOTE": 1}


def test_a_declared_charset_that_lies_is_read_anyway() -> None:
    text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR ASCII\n0 @I1@ INDI\n1 NAME Zoë /Jansen/\n0 TRLR\n"
    doc = read_gedcom(text.encode("utf-8"))
    assert doc.individuals["@I1@"].given == "Zoë"
    assert doc.encoding == "utf-8"
    assert any("line 6" in w.message for w in doc.warnings if w.code == "encoding")


# ----------------------------------------------------------------------------- dates

DATES = [  # value as written, precision, earliest, latest, stored text
    ("12 MAY 1900", None, D(1900, 5, 12), None, None),
    ("MAY 1900", P.month, D(1900, 5, 1), D(1900, 5, 31), "MAY 1900"),
    ("1900", P.year, D(1900, 1, 1), D(1900, 12, 31), "1900"),
    ("ABT 1900", P.about, D(1900, 1, 1), D(1900, 12, 31), "ABT 1900"),
    ("EST MAR 1850", P.estimated, D(1850, 3, 1), D(1850, 3, 31), "EST MAR 1850"),
    ("CAL 1 JAN 1850", P.calculated, D(1850, 1, 1), None, "CAL 1 JAN 1850"),
    ("BEF 1900", P.before, None, D(1900, 12, 31), "BEF 1900"),
    ("AFT 12 MAY 1900", P.after, D(1900, 5, 12), None, "AFT 12 MAY 1900"),
    ("BET 1900 AND 1905", P.between, D(1900, 1, 1), D(1905, 12, 31), "BET 1900 AND 1905"),
    ("FROM 1 JAN 1900 TO 1905", P.from_to, D(1900, 1, 1), D(1905, 12, 31),
     "FROM 1 JAN 1900 TO 1905"),
    ("FROM 1900", P.from_to, D(1900, 1, 1), None, "FROM 1900"),
    ("TO 1900", P.from_to, None, D(1900, 12, 31), "TO 1900"),
    ("100 B.C.", P.year, None, None, "100 BCE"),
    ("44 BCE", P.year, None, None, "44 BCE"),
    ("(the year of the great flood)", P.phrase, None, None, "the year of the great flood"),
    ("Easter 1900", P.phrase, None, None, "Easter 1900"),
    ("@#DJULIAN@ 1 JAN 1700", P.exact, D(1700, 1, 11), None, "JULIAN 1 JAN 1700"),
    ("JULIAN 29 FEB 1700", P.exact, D(1700, 3, 11), None, "JULIAN 29 FEB 1700"),
    ("@#DHEBREW@ 1 TSH 5760", P.exact, D(1999, 9, 11), None, "HEBREW 1 TSH 5760"),
    ("@#DFRENCH R@ 1 VEND 1", P.exact, D(1792, 9, 22), None, "FRENCH_R 1 VEND 1"),
    ("INT 1900 (about the turn of the century)", P.year, D(1900, 1, 1), D(1900, 12, 31),
     "1900 (about the turn of the century)"),
    ("1699/00", P.year, D(1700, 1, 1), D(1700, 12, 31), "1700 (1699/00)"),
    ("Abt. 1900", P.about, D(1900, 1, 1), D(1900, 12, 31), "ABT 1900"),
    ("circa maart 1901", P.about, D(1901, 3, 1), D(1901, 3, 31), "ABT MAR 1901"),
    ("tussen 1900 en 1905", P.between, D(1900, 1, 1), D(1905, 12, 31), "BET 1900 AND 1905"),
    ("1900-05-12", None, D(1900, 5, 12), None, None),
    ("31 FEB 1900", P.phrase, None, None, "31 FEB 1900"),
    ("1 XYZ 1900", P.phrase, None, None, "1 XYZ 1900"),
    ("BET 1910 AND 1900", P.phrase, None, None, "BET 1910 AND 1900"),
]


@pytest.mark.parametrize("value,precision,start,end,text", DATES)
def test_date_forms(value: str, precision: DatePrecision | None, start: dt.date | None,
                    end: dt.date | None, text: str | None) -> None:
    parsed = parse_date(value)
    assert parsed is not None
    assert (parsed.precision, parsed.start, parsed.end, parsed.text) == (precision, start, end,
                                                                          text)
    # never a guess presented as exact: only an exact Gregorian day has no precision
    assert (parsed.precision is None) == (parsed.text is None)
    # the export writes the value back in GEDCOM 7 syntax, and reading that gives the same
    back = gedcom7_date(parsed.precision, parsed.start, parsed.end, parsed.text)
    assert back is not None
    again = parse_date(back[0], back[1])
    assert again is not None
    assert (again.precision, again.start, again.end, again.text) == \
        (parsed.precision, parsed.start, parsed.end, parsed.text)


def test_dates_without_text_are_written_from_precision_and_days() -> None:
    assert gedcom7_date(None, D(1990, 4, 3), None, None) == ("3 APR 1990", None)
    assert gedcom7_date("month", D(1990, 4, 1), D(1990, 4, 30), None) == ("APR 1990", None)
    assert gedcom7_date("year", D(1990, 1, 1), D(1990, 12, 31), None) == ("1990", None)
    assert gedcom7_date("about", D(1990, 1, 1), D(1990, 12, 31), None) == ("ABT 1990", None)
    assert gedcom7_date("before", None, D(1990, 12, 31), None) == ("BEF 1990", None)
    assert gedcom7_date("between", D(1990, 1, 1), D(1992, 6, 30), None) == \
        ("BET 1990 AND JUN 1992", None)
    assert gedcom7_date("phrase", None, None, "spring") == ("", "spring")
    assert gedcom7_date(None, None, None, None) is None


def test_gedcom7_phrase_substructure() -> None:
    parsed = parse_date("", "the winter of the great storm")
    assert parsed is not None and parsed.precision == P.phrase
    parsed = parse_date("1900", "turn of the century")
    assert parsed is not None
    assert (parsed.precision, parsed.text) == (P.year, "1900 (turn of the century)")


def test_dates_file_events() -> None:
    doc = read_gedcom((DATA / "dates.ged").read_bytes())
    assert len(doc.individuals) == 24
    death = doc.individuals["@D22@"].death
    assert death is not None and (death.precision, death.text) == (P.phrase, DECEASED)
    fam = doc.families["@DF1@"]
    assert fam.start is not None and fam.start.precision == P.between
    assert fam.end_reason == "divorced" and fam.end is not None and fam.end.text == "1930"
    codes = {w.code for w in doc.warnings}
    assert {"date_form", "date_text", "date_phrase"} <= codes


# ----------------------------------------------------------------------------- structure


def test_pedigree_kinds() -> None:
    doc = read_gedcom((DATA / "pedigree.ged").read_bytes())
    kinds = {(f.xref, c.xref): c.kind for f in doc.families.values() for c in f.children}
    assert kinds == {
        ("@PF1@", "@P3@"): ChildKind.birth,
        ("@PF1@", "@P4@"): ChildKind.adopted,  # _FREL/_MREL Adopted
        ("@PF1@", "@P5@"): ChildKind.foster,  # only on the individual: FAMC + PEDI foster
        ("@PF1@", "@P6@"): ChildKind.step,  # _FREL Natural, _MREL Step: the couple's link
        ("@PF2@", "@P8@"): ChildKind.birth,
        ("@PF2@", "@P9@"): ChildKind.adopted,  # an ADOP event naming the family
        ("@PF2@", "@P3@"): ChildKind.step,  # PEDI step on a second FAMC
        ("@PF3@", "@P10@"): ChildKind.foster,  # _MREL Guardian
        ("@PF3@", "@P11@"): ChildKind.birth,  # PEDI sealing: read as birth
        ("@PF4@", "@P13@"): ChildKind.birth,
    }
    adopted = next(c for c in doc.families["@PF2@"].children if c.xref == "@P9@")
    assert adopted.period is not None and adopted.period.start == D(2010, 1, 1)
    assert doc.families["@PF3@"].partners == ["@P12@"]
    assert doc.families["@PF4@"].partners == []
    assert [n.code for n in doc.merged] == ["duplicate_child"]
    assert {"mixed_pedigree", "pedigree"} <= {w.code for w in doc.warnings}


def test_gedcom7_file() -> None:
    doc = read_gedcom((DATA / "gedcom7.ged").read_bytes())
    assert doc.version == "7.0" and doc.encoding == "utf-8"
    anna = doc.individuals["@A@"]
    assert (anna.given, anna.prefix, anna.surname, anna.sex) == ("Anna", "de", "Vries", "female")
    assert anna.birth is not None and anna.birth.text == "JULIAN 1 JAN 1700"
    alex = doc.individuals["@B@"]
    assert alex.sex == "other"
    assert alex.death is not None and alex.death.text == "44 BCE" and alex.death.start is None
    fam = doc.families["@F@"]
    assert {c.xref: c.kind for c in fam.children} == {"@C@": ChildKind.foster,
                                                       "@D@": ChildKind.step}
    assert fam.end_reason == "separated" and fam.end is not None
    relations = {(e.kind, e.note) for e in doc.emotional}
    assert relations == {(EmotionalKind.conflict, "They do not speak\nsince the move."),
                         (EmotionalKind.close, "FRIEND")}
    assert [s.code for s in doc.skipped] == ["association"]  # a godparent: no emotional kind
    assert [w.code for w in doc.warnings if w.code.endswith("_tag")] == ["custom_tag"]


def test_unknown_and_custom_tags_are_warnings_with_lines() -> None:
    raw = (SHARED / "Harry_Potter.ged").read_bytes()
    doc = read_gedcom(raw)
    lines = raw.decode().splitlines()
    unknown = [w for w in doc.warnings if w.code == "unknown_tag"]
    assert len(unknown) == sum(1 for line in lines if re.match(r"1 (WAND|MUGL)\b", line))
    for w in unknown:
        assert w.line is not None and re.match(r"1 (WAND|MUGL)\b", lines[w.line - 1])
    assert doc.not_imported["INDI.BIRT.PLAC"] == sum(
        1 for n, line in enumerate(lines) if line.startswith("2 PLAC")
        and lines[n - 2].startswith("1 BIRT"))


# ----------------------------------------------------------------------------- refused


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "malformed").glob("*.ged")))
def test_malformed_files_name_the_line(name: str) -> None:
    line = int(re.search(r"line(\d+)", name).group(1))  # type: ignore[union-attr]
    with pytest.raises(GedcomSyntaxError) as err:
        read_gedcom((DATA / "malformed" / name).read_bytes())
    assert err.value.line == line
    assert "lower case" not in err.value.reason  # the offending text is never echoed


def test_a_file_cut_off_before_the_trailer_is_read_with_a_warning() -> None:
    text = (DATA / "edits-v1.ged").read_text().replace("0 TRLR\n", "")
    doc = read_gedcom(text.encode())
    assert len(doc.individuals) == 3
    assert "no_trailer" in {w.code for w in doc.warnings}


# ----------------------------------------------------------------------------- names, events


def test_names_titles_suffixes_and_other_names() -> None:
    doc = read_gedcom((DATA / "names.ged").read_bytes())
    people = {x: (i.name_prefix, i.given, i.prefix, i.surname, i.name_suffix, i.other_names)
              for x, i in doc.individuals.items()}
    assert people == {
        # the birth name (TYPE birth) holds the fields, the first (married) name is kept
        "@N1@": (None, "Maria Johanna", "de", "Vries", None, ["married: Maria /Jansen/"]),
        "@N2@": ("Dr.", "Jan", "van der", "Berg", "Jr.", []),  # NPFX, SPFX, NSFX
        # no GIVN: the title is taken off the given names, the text after the surname is
        # the suffix
        "@N3@": ("Prof. dr.", "Pieter", "de", "Groot", "III", []),
        "@N4@": (None, "János", None, "Kovács", None, []),  # surname first
        # aka and a type of the file's own; a repeated name is merged, an empty one skipped
        "@N5@": (None, "Johannes", None, "Smit", None, ["aka: Hans /Smit/",
                                                        "roepnaam: Jo /Smit/"]),
    }
    lines = (DATA / "names.ged").read_text().splitlines()

    def at(notices: list[Notice], code: str) -> list[str]:
        return [lines[n.line - 1] for n in notices if n.code == code and n.line]

    assert at(doc.warnings, "birth_name") == ["1 NAME Maria Johanna /de Vries/"]
    assert at(doc.merged, "other_name") == ["1 NAME Maria /Jansen/", "1 NAME Hans /Smit/",
                                            "1 NAME Jo /Smit/"]
    assert at(doc.merged, "duplicate_name") == ["1 NAME Johannes /Smit/"]
    assert at(doc.skipped, "empty_name") == ["1 NAME //"]
    assert "INDI.NAME.NPFX" not in doc.not_imported and "INDI.NAME.NSFX" not in doc.not_imported


def test_vendor_married_and_aka_names() -> None:
    """``_MARNM`` (a married surname under a NAME) and ``_AKA`` (under the individual or a
    NAME), as several genealogy programs write them, become other names, not warnings."""
    text = "\r\n".join([
        "0 HEAD", "1 GEDC", "2 VERS 5.5.1", "2 FORM LINEAGE-LINKED", "1 CHAR UTF-8",
        "0 @I1@ INDI", "1 NAME Maria /de Vries/", "2 _MARNM Jansen", "2 _AKA Mies /de Vries/",
        "1 _AKA Rietje", "1 SEX F",
        "0 @I2@ INDI", "1 _AKA Kees /Bakker/", "1 SEX M",  # no NAME at all: the alias is it
        "0 TRLR", ""])
    doc = read_gedcom(text.encode())
    maria, kees = doc.individuals["@I1@"], doc.individuals["@I2@"]
    assert (maria.given, maria.prefix, maria.surname) == ("Maria", "de", "Vries")
    assert maria.other_names == ["married: Maria /Jansen/", "aka: Mies /de Vries/",
                                 "aka: Rietje"]
    assert (kees.given, kees.surname, kees.other_names) == ("Kees", "Bakker", [])
    assert not [n for n in doc.warnings if n.code == "custom_tag"]


def test_several_births_deaths_marriages_divorces() -> None:
    doc = read_gedcom((DATA / "names.ged").read_bytes())
    ind = doc.individuals
    # BIRT without a date, ABT 1950, 12 MAY 1950: the exact day lies within ABT 1950
    assert ind["@N1@"].birth == parse_date("12 MAY 1950")
    # 1948 and 1952 from two sources: the first with a date counts
    assert ind["@N2@"].birth == parse_date("1948")
    # DEAT Y and DEAT 3 MAR 2001: the dated one
    assert ind["@N2@"].death == parse_date("3 MAR 2001")
    # BEF 1920 narrowed by 12 MAY 1919 (given twice: merged)
    assert ind["@N3@"].birth == parse_date("12 MAY 1919")
    fam = doc.families["@F1@"]
    assert fam.start == parse_date("12 JUN 1975") and fam.end == parse_date("1990")
    lines = (DATA / "names.ged").read_text().splitlines()
    skipped = {(n.code, lines[n.line - 1 + 1].strip()): n.message for n in doc.skipped
               if n.code.startswith("other_") and n.line}
    assert set(skipped) == {("other_birth", "2 DATE ABT 1950"), ("other_birth", "2 DATE 1952"),
                            ("other_birth", "2 DATE BEF 1920"),
                            ("other_marriage", "2 DATE 1975"), ("other_divorce", "2 DATE 1991")}
    assert "first birth with a date ('1948')" in skipped[("other_birth", "2 DATE 1952")]
    assert "more precise" in skipped[("other_birth", "2 DATE ABT 1950")]
    repeated = sorted(lines[n.line - 1] for n in doc.merged if n.code == "repeated_event")
    assert repeated == ["1 BIRT", "1 BIRT", "1 DEAT Y"]
    assert "several_births" not in {w.code for w in doc.warnings}


@pytest.mark.parametrize("later", ["ABT 1900", "(somewhere in 1900)", "BET 1890 AND 1910"])
def test_a_later_birth_never_replaces_with_a_guess(later: str) -> None:
    text = ("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n0 @I1@ INDI\n1 BIRT\n2 DATE 1900\n"
            f"1 BIRT\n2 DATE {later}\n0 TRLR\n")
    doc = read_gedcom(text.encode())
    assert doc.individuals["@I1@"].birth == parse_date("1900")
    assert [n.line for n in doc.skipped if n.code == "other_birth"] == [8]


def test_gedcom7_name_types() -> None:
    text = ("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Anna /Bakker/\n2 TYPE MARRIED\n"
            "1 NAME Anna /de Wit/\n2 TYPE BIRTH\n1 NAME Anna /Wit/\n2 TYPE BIRTH\n"
            "1 NAME Ans /de Wit/\n2 TYPE OTHER\n3 PHRASE Roepnaam\n1 NAME Annie /de Wit/\n"
            "2 TYPE OTHER\n0 TRLR\n")
    anna = read_gedcom(text.encode()).individuals["@I1@"]
    assert (anna.given, anna.prefix, anna.surname) == ("Anna", "de", "Wit")
    assert anna.other_names == ["married: Anna /Bakker/", "birth: Anna /Wit/",
                                "roepnaam: Ans /de Wit/", "other: Annie /de Wit/"]
