"""The Welsh words of the letters, in one place: the frame (greeting, sign-off, headings, the
enclosure list, the statement that Welsh is welcome) and the terms the placeholders carry
(regimes, outcomes, citations). The Welsh default bodies are in letter_defaults_cy.

The terms follow those the ICO (Swyddfa'r Comisiynydd Gwybodaeth) and Welsh public bodies use;
locale/cy/LETTER-TERMS.md lists them with their English for the council's translator. Dates
are written by Django's Welsh catalogue ("1 Rhagfyr 2026"), the same one the templates' `date`
filter uses when a Welsh letter is rendered.
"""

import datetime as dt

from django.utils import formats, translation

LANGUAGE = "cy"

TEAM = "Llywodraethu Gwybodaeth"
GREETING = "Annwyl {name},"
GREETING_NO_NAME = "Annwyl Syr neu Fadam,"
SIGN_OFF = "Yn gywir,"

# Every letter says so while WELSH_LANGUAGE_STANDARDS is on (Welsh Language Standards).
WELCOME = (
    "Rydym yn croesawu gohebiaeth yn Gymraeg. Byddwn yn ateb gohebiaeth Gymraeg yn Gymraeg, "
    "ac ni fydd hynny'n arwain at oedi."
)
WELCOME_EN = (
    "We welcome correspondence in Welsh. We will answer correspondence in Welsh in Welsh, "
    "and this will not lead to a delay."
)

# Between the Welsh and the English of a bilingual letter: the officer edits both in one box,
# and the frame wraps each half in its own greeting and sign-off.
DIVIDER = "----- Saesneg / English -----"

# The PDF's headings.
OUR_REFERENCE = "Ein cyfeirnod"
DATE = "Dyddiad"
TO = "At"
PAGE = "tudalen"
OF = "o"

# The enclosure block under the body (templates/requests_app/letters/_delivery_cy.txt).
ENCLOSED = "Amgaeëdig gyda'r llythyr hwn:"
ATTACHED = "Ynghlwm wrth yr e-bost hwn:"
ENCLOSED_SEPARATELY = "Wedi'u hamgáu ar wahân gyda'r llythyr hwn:"
LINK_OTHERS = "Mae'r dogfennau eraill"
LINK_ALL = "Mae'r dogfennau"
LINK_REST = (
    "yn rhy fawr i'w hanfon drwy e-bost. Gallwch eu llwytho i lawr o'r ddolen breifat hon, "
    "a fydd yn gweithio tan {date}:"
)

# What the placeholders say in a Welsh letter.
REGIMES = {
    "unclassified": "heb ei ddosbarthu eto",
    "foi": "Rhyddid Gwybodaeth",
    "eir": "Rheoliadau Gwybodaeth Amgylcheddol",
    "sar": "cais gwrthrych am wybodaeth",
    "rectification": "cywiro",
    "erasure": "dileu",
    "restriction": "cyfyngu ar brosesu",
    "objection": "gwrthwynebu prosesu",
    "portability": "cludadwyedd data",
    "not_valid": "nid yw'n gais dilys",
}
OUTCOMES = {
    "": "",
    "granted": "Rhoddwyd yn llawn",
    "part": "Rhoddwyd yn rhannol",
    "refused": "Gwrthodwyd",
    "not_held": "Nid yw'r wybodaeth gennym",
    "accessible": "Ar gael drwy ddulliau eraill (adran 21 / rheoliad 6(1)(b))",
    "cost_limit": "Gwrthodwyd: y terfyn costau (adran 12)",
    "vexatious": "Gwrthodwyd: blinderus / amlwg yn afresymol",
    "withdrawn": "Tynnwyd yn ôl",
    "lapsed": "Wedi dod i ben",
}
REVIEW_OUTCOMES = {
    "": "",
    "upheld": "Cadarnhawyd y penderfyniad gwreiddiol",
    "overturned": "Gwrthdrowyd y penderfyniad",
    "partly": "Cadarnhawyd yn rhannol",
}


def citation(law: str, code: str) -> str:
    """ "FOIA s40(2)" in Welsh: "Deddf Rhyddid Gwybodaeth 2000, adran 40(2)"."""
    if law == "eir":
        return f"Rheoliadau Gwybodaeth Amgylcheddol 2004, rheoliad {code}"
    if law == "dpa":
        code = code.replace("Sch", "Atodlen ").replace(" p", ", paragraff ")
        return f"Deddf Diogelu Data 2018, {code}"
    section = code[1:] if code[:1].lower() == "s" else code
    return f"Deddf Rhyddid Gwybodaeth 2000, adran {section}"


def date(day: dt.date | None) -> str:
    """A date as a Welsh letter writes it: "1 Rhagfyr 2026"."""
    if day is None:
        return ""
    with translation.override(LANGUAGE):
        return formats.date_format(day, "j F Y")
