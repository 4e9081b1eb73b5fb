"""The regions the world is drawn from: their municipalities and organisations, and which
(organisation type, role) slots professionals fill."""

from __future__ import annotations

from dataclasses import dataclass

from genogram_service.records.common import OrganisationType, ProfessionalRole
from genogram_service.synthetic.common import Choice

OT = OrganisationType
PR = ProfessionalRole


@dataclass(frozen=True, slots=True)
class RegionSpec:
    code: str
    name: str
    weight: float
    municipalities: tuple[str, ...]
    team_label: str
    vt: str
    rvdk: str
    gi: str
    court: str
    om: str
    police: str
    providers: tuple[str, ...]
    ggz: tuple[str, ...]
    jgz: str


REGIONS: tuple[RegionSpec, ...] = (
    RegionSpec(
        "utrecht", "Utrecht", 1.4, ("Utrecht", "Amersfoort", "Nieuwegein", "Zeist"),
        "Buurtteam Jeugd en Gezin {m}", "Veilig Thuis Utrecht", "RvdK locatie Utrecht",
        "Samen Veilig Midden-Nederland", "Rechtbank Midden-Nederland",
        "OM arrondissementsparket Midden-Nederland", "Politie eenheid Midden-Nederland",
        ("Youké", "Lijn5", "Timon"), ("Altrecht", "Karakter Utrecht"), "JGZ Utrecht",
    ),
    RegionSpec(
        "gelderland", "Gelderland", 2.1, ("Arnhem", "Nijmegen", "Ede", "Apeldoorn"),
        "Sociaal Team {m}", "Veilig Thuis Gelderland-Midden", "RvdK locatie Arnhem",
        "Jeugdbescherming Gelderland", "Rechtbank Gelderland",
        "OM arrondissementsparket Oost-Nederland", "Politie eenheid Oost-Nederland",
        ("Pluryn", "Entrea Lindenhout", "Karakter jeugdhulp"), ("Pro Persona", "Karakter"),
        "GGD Gelderland-Midden Jeugdgezondheidszorg",
    ),
    RegionSpec(
        "noord-brabant", "Noord-Brabant", 2.6, ("Eindhoven", "'s-Hertogenbosch", "Helmond", "Oss"),
        "Centrum voor Jeugd en Gezin {m}", "Veilig Thuis Brabant Oost", "RvdK locatie Eindhoven",
        "Jeugdbescherming Brabant", "Rechtbank Oost-Brabant",
        "OM arrondissementsparket Oost-Brabant", "Politie eenheid Oost-Brabant",
        ("Oosterpoort", "Combinatie Jeugdzorg", "Sterk Huis"), ("GGzE", "Reinier van Arkel"),
        "GGD Brabant-Zuidoost Jeugdgezondheidszorg",
    ),
    RegionSpec(
        "zuid-holland", "Zuid-Holland", 3.7, ("Rotterdam", "Schiedam", "Dordrecht", "Vlaardingen"),
        "Wijkteam {m}", "Veilig Thuis Rotterdam Rijnmond", "RvdK locatie Rotterdam",
        "Jeugdbescherming Rotterdam Rijnmond", "Rechtbank Rotterdam",
        "OM arrondissementsparket Rotterdam", "Politie eenheid Rotterdam",
        ("Horizon Jeugdzorg en Onderwijs", "Enver", "Flexus Jeugdplein"), ("Yulius", "Parnassia"),
        "CJG Rijnmond",
    ),
    RegionSpec(
        "groningen", "Groningen", 0.6, ("Groningen", "Midden-Groningen", "Het Hogeland", "Oldambt"),
        "WIJ {m}", "Veilig Thuis Groningen", "RvdK locatie Groningen",
        "Jeugdbescherming Noord", "Rechtbank Noord-Nederland",
        "OM arrondissementsparket Noord-Nederland", "Politie eenheid Noord-Nederland",
        ("Elker", "Accare jeugdhulp", "Cosis"), ("Accare", "Lentis"), "GGD Groningen",
    ),
    RegionSpec(
        "noord-holland", "Noord-Holland", 2.9, ("Amsterdam", "Zaanstad", "Haarlem", "Amstelveen"),
        "Ouder- en Kindteam {m}", "Veilig Thuis Amsterdam-Amstelland", "RvdK locatie Amsterdam",
        "Jeugdbescherming Regio Amsterdam", "Rechtbank Amsterdam",
        "OM arrondissementsparket Amsterdam", "Politie eenheid Amsterdam",
        ("Spirit", "Levvel", "Combiwel"), ("Arkin", "GGZ inGeest"), "GGD Amsterdam",
    ),
    RegionSpec(
        "overijssel", "Overijssel", 1.2, ("Zwolle", "Enschede", "Deventer", "Almelo"),
        "Sociaal Wijkteam {m}", "Veilig Thuis IJsselland", "RvdK locatie Zwolle",
        "Jeugdbescherming Overijssel", "Rechtbank Overijssel",
        "OM arrondissementsparket Oost-Nederland", "Politie eenheid Oost-Nederland",
        ("Trias Jeugdhulp", "Jarabee", "Ambiq"), ("Dimence", "Mediant"), "GGD IJsselland",
    ),
    RegionSpec(
        "limburg", "Limburg", 1.1, ("Maastricht", "Heerlen", "Venlo", "Roermond"),
        "Toegangsteam Jeugd {m}", "Veilig Thuis Zuid-Limburg", "RvdK locatie Maastricht",
        "Bureau Jeugdzorg Limburg", "Rechtbank Limburg",
        "OM arrondissementsparket Limburg", "Politie eenheid Limburg",
        ("Xonar", "Koraal", "Levantogroep"), ("Mondriaan", "Virenze"), "GGD Zuid Limburg",
    ),
)

NATIONAL_GIS = (
    "William Schrikker Stichting Jeugdbescherming & Jeugdreclassering",
    "Leger des Heils Jeugdbescherming & Reclassering",
)
PRIMARY_SCHOOLS = (
    "De Regenboog", "De Wegwijzer", "Het Kompas", "De Vlinder", "De Zonnewijzer", "De Klimop",
    "Montessorischool De Linde", "Het Palet", "De Schakel", "De Sterrenkijker",
)
SECONDARY_SCHOOLS = (
    "Stedelijk College", "Christelijk Lyceum", "Het Vakcollege", "Openbare Scholengemeenschap",
    "Da Vinci College", "Het Erasmus",
)

#: (organisation type, role) slots every region has at least one professional for, in order.
ESSENTIAL: tuple[tuple[OT, PR], ...] = (
    (OT.lokaal_team, PR.regisseur),
    (OT.veilig_thuis, PR.veilig_thuis_medewerker),
    (OT.gi, PR.jeugdbeschermer),
    (OT.lokaal_team, PR.wijkteammedewerker),
    (OT.rvdk, PR.raadsonderzoeker),
    (OT.jeugdhulpaanbieder, PR.jeugdhulpverlener),
    (OT.ggz, PR.jeugdhulpverlener),
    (OT.jgz, PR.jeugdarts),
    (OT.huisarts, PR.huisarts),
    (OT.school, PR.leerkracht),
    (OT.politie, PR.politieagent),
    (OT.gi, PR.voogd),
    (OT.gi, PR.jeugdreclasseerder),
    (OT.gi, PR.gedragswetenschapper),
    (OT.gi, PR.save_werker),
)
SLOTS = Choice[tuple[OT, PR]]([
    ((OT.lokaal_team, PR.regisseur), 14),
    ((OT.lokaal_team, PR.wijkteammedewerker), 9),
    ((OT.veilig_thuis, PR.veilig_thuis_medewerker), 7),
    ((OT.rvdk, PR.raadsonderzoeker), 5),
    ((OT.gi, PR.jeugdbeschermer), 16),
    ((OT.gi, PR.voogd), 2),
    ((OT.gi, PR.jeugdreclasseerder), 2),
    ((OT.gi, PR.gedragswetenschapper), 3),
    ((OT.gi, PR.save_werker), 3),
    ((OT.jeugdhulpaanbieder, PR.jeugdhulpverlener), 12),
    ((OT.jeugdhulpaanbieder, PR.gedragswetenschapper), 2),
    ((OT.ggz, PR.jeugdhulpverlener), 4),
    ((OT.ggz, PR.other), 1),
    ((OT.jgz, PR.jeugdarts), 4),
    ((OT.huisarts, PR.huisarts), 5),
    ((OT.school, PR.leerkracht), 6),
    ((OT.politie, PR.politieagent), 3),
    ((OT.gemeente, PR.other), 1),
    ((OT.openbaar_ministerie, PR.other), 1),
    ((OT.rechtbank, PR.other), 1),
])
SKJ_ROLES = frozenset({
    PR.wijkteammedewerker, PR.regisseur, PR.veilig_thuis_medewerker, PR.raadsonderzoeker,
    PR.jeugdbeschermer, PR.voogd, PR.jeugdreclasseerder, PR.jeugdhulpverlener, PR.save_werker,
})
BIG_ROLES = frozenset({PR.jeugdarts, PR.huisarts})
