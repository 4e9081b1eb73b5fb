"""Writes the encoding samples in this folder: one small family in every encoding and with
every line end GEDCOM files come with (run from the project root:
``.venv/bin/python tests/data/gedcom/encodings/make.py``)."""

from __future__ import annotations

import codecs
from pathlib import Path

import ansel

ansel.register()
HERE = Path(__file__).parent

FAMILY = """0 HEAD
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 CHAR {char}
1 SOUR ENCODING-TEST
1 FILE {name}.ged
0 @I1@ INDI
1 NAME {jorg} /{muller}/
1 SEX M
1 BIRT
2 DATE 12 MAR 1950
1 FAMS @F1@
0 @I2@ INDI
1 NAME {zoe} /van der {eclair}/
1 SEX F
1 FAMS @F1@
0 @I3@ INDI
1 NAME {noel} /{mul}
2 CONC ler/
1 SEX X
1 NOTE A note that goes on
2 CONC  over a CONC line
2 CONT and a CONT line.
1 FAMC @F1@
0 @F1@ FAM
1 HUSB @I1@
1 WIFE @I2@
1 CHIL @I3@
1 MARR
2 DATE 1 JUN 1975
0 TRLR
"""
ACCENTED = {"jorg": "Jörg", "muller": "Müller", "zoe": "Zoë", "eclair": "Éclair",
            "noel": "Noël", "mul": "Mül"}
PLAIN = {"jorg": "Jorg", "muller": "Muller", "zoe": "Zoe", "eclair": "Eclair",
         "noel": "Noel", "mul": "Mul"}

#: (file name, HEAD.CHAR, codec, byte-order mark, line end, accented names)
SAMPLES = [
    ("utf8-lf", "UTF-8", "utf-8", b"", "\n", True),
    ("utf8-bom-crlf", "UTF-8", "utf-8", codecs.BOM_UTF8, "\r\n", True),
    ("utf16le-bom-crlf", "UNICODE", "utf-16-le", codecs.BOM_UTF16_LE, "\r\n", True),
    ("utf16be-bom-lf", "UNICODE", "utf-16-be", codecs.BOM_UTF16_BE, "\n", True),
    ("utf16le-nobom-crlf", "UNICODE", "utf-16-le", b"", "\r\n", True),
    ("ansel-cr", "ANSEL", "ansel", b"", "\r", True),
    ("ascii-cr", "ASCII", "ascii", b"", "\r", False),
    ("ansi-crlf", "ANSI", "cp1252", b"", "\r\n", True),
]


def main() -> None:
    for name, char, codec, bom, eol, accented in SAMPLES:
        names = ACCENTED if accented else PLAIN
        text = FAMILY.format(char=char, name=name, **names).replace("\n", eol)
        (HERE / f"{name}.ged").write_bytes(bom + text.encode(codec))


if __name__ == "__main__":
    main()
