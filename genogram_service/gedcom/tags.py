"""Tag names: the standard ones (GEDCOM 5.5.1 and 7), the common vendor extensions we read,
and our own extension tags for the export (declared in ``HEAD.SCHMA`` with these URIs)."""

from __future__ import annotations

from gedcom7 import const as _const

#: GEDCOM 5.5.1 tags (chapter 2 of the standard) and GEDCOM 7 tags
STANDARD_TAGS: frozenset[str] = frozenset("""
ABBR ADDR ADR1 ADR2 ADR3 ADOP AFN AGE AGNC ALIA ANCE ANCI ANUL ASSO AUTH BAPL BAPM BARM BASM
BIRT BLES BLOB BURI CALN CAST CAUS CENS CHAN CHAR CHIL CHR CHRA CITY CONC CONF CONL CONT COPR
CORP CREM CTRY DATA DATE DEAT DESC DESI DEST DIV DIVF DSCR EDUC EMAIL EMIG ENDL ENGA EVEN FACT
FAM FAMC FAMF FAMS FAX FCOM FILE FONE FORM GEDC GIVN GRAD HEAD HUSB IDNO IMMI INDI LANG LATI
LONG MAP MARB MARC MARL MARR MARS MEDI NAME NATI NATU NCHI NICK NMR NOTE NPFX NSFX OBJE OCCU
ORDI ORDN PAGE PEDI PHON PLAC POST PROB PROP PUBL QUAY REFN RELA RELI REPO RESI RESN RETI RFN
RIN ROLE ROMN SEX SLGC SLGS SOUR SPFX SSN STAE STAT SUBM SUBN SURN TEMP TEXT TIME TITL TRLR
TYPE VERS WIFE WWW
""".split()) | frozenset(
    v for k, v in vars(_const).items()
    if k.isupper() and isinstance(v, str) and v.isupper() and v.isidentifier())

#: vendor extensions read by the importer (Family Tree Maker, Legacy, RootsMagic, Gramps...)
READ_EXTENSIONS = frozenset({"_FREL", "_MREL", "_SEPR", "_SEP", "_SEPARATED"})

BASE_URI = "https://genogram.example/gedcom7/"

#: our extension tags (the export declares each with its URI in HEAD.SCHMA)
UNION_KIND = "_GENO_UNION"  # FAM: union kind (cohabiting, other, ...) with its _GENO_DATE
UNION_END = "_GENO_END"  # FAM: how a union ended when GEDCOM has no event for it (widowed)
EMOTIONAL = "_GENO_EMOT"  # INDI: pointer to the other person, with _GENO_KIND, _GENO_DATE
KIND = "_GENO_KIND"  # under _GENO_EMOT: close, fused, distant, conflict, hostile, cut_off, ...
DATE = "_GENO_DATE"  # under our structures: a date value (GEDCOM 7 syntax) and PHRASE
NOTE = "_GENO_NOTE"  # under _GENO_EMOT: the note (CONT for more lines)
DIRECTED = "_GENO_DIRECTED"  # under _GENO_EMOT: Y when the relation points from this person
LINK_PERIOD = "_GENO_PERIOD"  # INDI.FAMC: the period of a child link (foster placement, ...)

EXTENSIONS: dict[str, str] = {
    UNION_KIND: BASE_URI + "union-kind",
    UNION_END: BASE_URI + "union-end",
    EMOTIONAL: BASE_URI + "emotional-relation",
    KIND: BASE_URI + "kind",
    DATE: BASE_URI + "date",
    NOTE: BASE_URI + "note",
    DIRECTED: BASE_URI + "directed",
    LINK_PERIOD: BASE_URI + "child-link-period",
}
URI_TAGS: dict[str, str] = {uri: tag for tag, uri in EXTENSIONS.items()}
