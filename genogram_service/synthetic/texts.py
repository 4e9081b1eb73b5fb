"""The Dutch free texts of case histories: veiligheidskaart items and handover reasons."""

from __future__ import annotations

CONCERNS = (
    "Huiselijk geweld tussen ouders in het bijzijn van de kinderen",
    "Zorgen over verwaarlozing: onvoldoende eten en hygiëne",
    "Schoolverzuim van het oudste kind",
    "Psychische problemen van moeder",
    "Alcoholgebruik van vader",
    "Drugsgebruik in huis",
    "Hoog oplopende conflicten na de scheiding",
    "Schulden en dreigende huisuitzetting",
    "Kind vertoont angstig en teruggetrokken gedrag",
    "Blauwe plekken gezien door school",
    "Ouders werken niet mee met de hulpverlening",
    "Kind is betrokken in een loyaliteitsconflict",
    "Jongere is in contact gekomen met de politie",
    "Onveilige woonsituatie",
    "Pedagogische onmacht van ouders",
)
STRENGTHS = (
    "Moeder zoekt zelf hulp",
    "Grootmoeder biedt opvang en steun",
    "De kinderen gaan graag naar school",
    "Vader houdt zich aan de afspraken",
    "Ouders erkennen de zorgen",
    "Goed contact met de huisarts",
    "Stabiele woonsituatie",
    "Het netwerk is betrokken bij het veiligheidsplan",
    "Kind heeft een vertrouwensband met de leerkracht",
)
STEPS = (
    "Veiligheidsplan opgesteld met ouders en netwerk",
    "Aanmelding bij een jeugdhulpaanbieder",
    "Huisbezoek door Veilig Thuis",
    "Gesprek met school over de zorgen",
    "Verzoek tot onderzoek bij de Raad voor de Kinderbescherming",
    "Schuldhulpverlening ingeschakeld",
    "Netwerkberaad georganiseerd",
    "Tijdelijk huisverbod opgelegd",
)
CONDITIONS = (
    "Er is geen geweld in het bijzijn van de kinderen",
    "De kinderen gaan elke dag naar school",
    "Vader gebruikt geen alcohol als hij voor de kinderen zorgt",
    "Moeder neemt haar medicatie",
    "Ouders laten de kinderen niet alleen thuis",
    "Ouders werken mee aan de afgesproken hulp",
    "Contact tussen de ouders verloopt via de regisseur",
)
MONITORING = (
    "Wekelijks telefonisch contact met moeder",
    "Maandelijks huisbezoek",
    "School meldt verzuim direct aan de regisseur",
    "Evaluatie van het veiligheidsplan na zes weken",
    "Huisarts koppelt signalen terug aan het team",
)
R_VT_LT = (
    "Veiligheid voldoende geborgd; vervolg door het lokaal team",
    "Overdracht na de veiligheidsbeoordeling aan het lokaal team",
    "Vervolg in het vrijwillig kader",
)
R_TO_RAAD = (
    "Verzoek tot onderzoek: hulp in het vrijwillig kader onvoldoende",
    "Ouders werken niet mee; verzoek tot onderzoek bij de Raad",
)
R_VT_RAAD = "Acute onveiligheid; direct verzoek tot onderzoek bij de Raad"
R_RAAD_GI = "Kinderrechter spreekt een ondertoezichtstelling uit; uitvoering door de GI"
R_RAAD_LT = "Raad ziet geen grond voor een maatregel; terug naar het vrijwillig kader"
R_TURNOVER = (
    "Jeugdbeschermer vertrokken naar een andere organisatie",
    "Langdurig ziekteverzuim van de jeugdbeschermer",
    "Herverdeling van de caseload binnen het team",
    "Zwangerschapsverlof",
    "Overplaatsing naar een ander team",
)
R_VOOGD = "Gezagsbeëindigende maatregel; voogdij bij de GI"
