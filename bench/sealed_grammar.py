"""The sealed family's grammar: facts, and the wordings and layouts they are printed in.

Written on 2026-12-03 *before* the family was measured, and frozen with it: a
change here makes a new family, whose first measurement is reported apart
(docs/METADATA.md, "The sealed family"). Each choice below is a way real reports
state a fact that the rules may not have seen; the classes it aims at are the
ones issue 20 names (several children, family-composition tables, ages only
from two dates, publication sentences with words before the date, board names
in Welsh and Gaelic or renamed, boards printed only in a footer, web address or
copyright line, themes mentioned in passing), plus layouts of our own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

#: (board as printed, the area as the gold records it, nation, where the board sits in the gazetteer's
#: sense: "renamed" marks a board known by an older and a newer name)
BOARDS = {
    "england": [
        ("Stockton-on-Tees Local Safeguarding Children Board", "Stockton-on-Tees"),
        ("Southend, Essex and Thurrock Safeguarding Children Partnership", "Southend, Essex and Thurrock"),
        ("Telford and Wrekin Safeguarding Partnership", "Telford and Wrekin"),
        ("Royal Borough of Windsor and Maidenhead Local Safeguarding Children Board", "Windsor and Maidenhead"),
        ("Bournemouth, Christchurch and Poole Safeguarding Children Partnership",
         "Bournemouth, Christchurch and Poole"),
        ("Westmorland and Furness Safeguarding Children Partnership", "Westmorland and Furness"),
        ("Redcar and Cleveland Local Safeguarding Children Board", "Redcar and Cleveland"),
        ("North East Lincolnshire Safeguarding Children Partnership", "North East Lincolnshire"),
        ("Leicester, Leicestershire and Rutland Safeguarding Children Partnership",
         "Leicester, Leicestershire and Rutland"),
        ("Hampshire, Isle of Wight, Portsmouth and Southampton Safeguarding Children Partnership",
         "Hampshire, Isle of Wight, Portsmouth and Southampton"),
        ("Tower Hamlets Safeguarding Children Partnership", "Tower Hamlets"),
        ("Barking and Dagenham Safeguarding Children Partnership", "Barking and Dagenham"),
    ],
    "wales": [
        ("Cwm Taf Morgannwg Safeguarding Board", "Cwm Taf Morgannwg"),
        ("Cardiff and Vale of Glamorgan Regional Safeguarding Board", "Cardiff and Vale"),
        ("Mid and West Wales Safeguarding Board", "Mid and West Wales"),
        ("Gwent Safeguarding Board", "Gwent"),
        ("West Glamorgan Safeguarding Board", "West Glamorgan"),
        ("North Wales Safeguarding Board", "North Wales"),
    ],
    "scotland": [
        ("Comhairle nan Eilean Siar Child Protection Committee", "Eilean Siar"),
        ("Argyll and Bute Child Protection Committee", "Argyll and Bute"),
        ("Perth and Kinross Child Protection Committee", "Perth and Kinross"),
        ("Clackmannanshire and Stirling Child Protection Committee", "Clackmannanshire and Stirling"),
        ("Dumfries and Galloway Child Protection Committee", "Dumfries and Galloway"),
        ("West Dunbartonshire Child Protection Committee", "West Dunbartonshire"),
    ],
    "northern-ireland": [
        ("Safeguarding Board for Northern Ireland", "Northern Ireland"),
    ],
}  # fmt: skip

#: The Welsh name printed above the English one on bilingual covers.
WELSH_NAMES = {
    "Cwm Taf Morgannwg Safeguarding Board": "Bwrdd Diogelu Cwm Taf Morgannwg",
    "Cardiff and Vale of Glamorgan Regional Safeguarding Board": "Bwrdd Diogelu Rhanbarthol Caerdydd a'r Fro",
    "Mid and West Wales Safeguarding Board": "Bwrdd Diogelu Canolbarth a Gorllewin Cymru",
    "Gwent Safeguarding Board": "Bwrdd Diogelu Gwent",
    "West Glamorgan Safeguarding Board": "Bwrdd Diogelu Gorllewin Morgannwg",
    "North Wales Safeguarding Board": "Bwrdd Diogelu Gogledd Cymru",
}
#: A web address a board's site might have: the board's area run together with its kind.
WEB = "www.{slug}.org.uk"

#: A board named as a partner, never the report's own.
OTHER_BOARDS = [
    "Rotherham Safeguarding Children Partnership",
    "Neath Port Talbot Safeguarding Board",
    "Fife Child Protection Committee",
    "Sheffield Safeguarding Children Board",
]

REVIEW_TYPES = {
    "england": [
        ("serious-case-review", "Serious Case Review", range(2012, 2019)),
        ("child-safeguarding-practice-review", "Local Child Safeguarding Practice Review", range(2019, 2025)),
    ],
    "wales": [
        ("child-practice-review", "Child Practice Review", range(2014, 2025)),
        ("child-practice-review", "Extended Child Practice Review", range(2014, 2025)),
    ],
    "scotland": [
        ("significant-case-review", "Significant Case Review", range(2012, 2021)),
        ("learning-review", "Learning Review", range(2021, 2025)),
    ],
    "northern-ireland": [("case-management-review", "Case Management Review", range(2012, 2025))],
}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip
SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]
#: The area the gold records for each board as printed.
AREA_OF = {board: area for boards in BOARDS.values() for board, area in boards}


def ordinal(day: int) -> str:
    """A day with its ordinal suffix: 1st, 2nd, 3rd, 4th, … 21st."""
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd', 21: 'st', 22: 'nd', 23: 'rd'}.get(day, 'th') }"


NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"]  # fmt: skip

#: Themes written as discussed (several paragraphs on several pages, or a finding on them).
THEME_TEXT = {
    "domestic-abuse": [
        "Police had attended three reports of domestic abuse at the address in the year before.",
        "The risk from domestic abuse was assessed with the DASH risk checklist as standard rather than high.",
        "The case was not referred to MARAC although a further domestic abuse incident was reported.",
        "Professionals did not ask about coercive control, and the mother's account was not tested.",
    ],
    "neglect": [
        "Home conditions were described as poor on several visits, with little food in the house.",
        "The health visitor did not use the graded care profile to assess the neglect she saw.",
        "Neglect was recognised by the school but each concern was treated on its own.",
        "The cumulative harm of long-standing neglect was not brought together in one assessment.",
    ],
    "information-sharing": [
        "Information sharing between the GP and the health visiting service was limited.",
        "The midwife's concerns were not shared with children's social care before the birth.",
        "Agencies held information that was not shared at the strategy discussion.",
        "Information sharing across the two local authority areas was delayed by several weeks.",
    ],
    "parental-substance-misuse": [
        "The father's drug use was known to the adult substance misuse service.",
        "The mother was prescribed methadone and had relapsed into heroin use twice.",
        "The substance misuse worker was not invited to the core group meetings.",
        "Alcohol misuse by both parents was reported by neighbours but not explored.",
    ],
    "self-harm-suicide": [
        "He had self-harmed on several occasions and disclosed suicidal thoughts to his school nurse.",
        "The emergency department treated an overdose but no referral to mental health services was made.",
        "Professionals did not review the safety plan after the second episode of self-harm.",
        "Suicide prevention training had not been offered to staff in the residential home.",
    ],
    "criminal-exploitation": [
        "Police believed he was being drawn into county lines drug supply between two cities.",
        "No referral was made to the National Referral Mechanism although criminal exploitation was suspected.",
        "The youth offending service recognised signs of criminal exploitation after his arrest.",
        "Workers found it hard to see him as a victim of criminal exploitation rather than an offender.",
    ],
    "safe-sleeping": [
        "The parents were given safer sleeping advice by the midwife after the birth.",
        "The baby was found unresponsive after co-sleeping on a sofa with his father.",
        "Safe sleeping advice was not repeated when the family moved to temporary accommodation.",
        "The travel cot had not been set up and the sleeping arrangements were not checked.",
    ],
    "physical-abuse": [
        "A bruise to the baby's cheek was seen by the GP and explained as an accident.",
        "A skeletal survey later found fractures of different ages.",
        "The protocol for bruising in non-mobile babies was not followed.",
        "The non-accidental injury was recognised only when the baby was admitted to hospital.",
    ],
}
#: One line each naming a theme in passing, at the start of a numbered paragraph (never a finding).
PASSING = {
    "neglect": "there was no suggestion of neglect in the nursery's records, which were full",
    "domestic-abuse": "no domestic abuse was recorded in the police systems at that time",
    "parental-substance-misuse": "the mother said she had stopped her drug use years before",
    "self-harm-suicide": "an older cousin had self-harmed, which the family mentioned once",
    "safe-sleeping": "the family had a cot and the health visitor saw it on her first visit",
}

FINDING_HEADINGS = {
    "domestic-abuse": "Finding 1: Responses to domestic abuse focused on the adults",
    "neglect": "Finding 2: Neglect was seen in episodes, not as a pattern",
    "information-sharing": "Finding 3: Information sharing between health agencies",
    "parental-substance-misuse": "Finding 2: The impact of parental substance misuse on the children",
    "self-harm-suicide": "Finding 1: Responses to self-harm in adolescence",
    "criminal-exploitation": "Finding 1: Recognising criminal exploitation",
    "safe-sleeping": "Finding 1: Safer sleeping advice when circumstances change",
    "physical-abuse": "Finding 1: Bruising in a non-mobile baby",
}

FIRST_NAMES = ["Osian", "Cerys", "Ffion", "Rhys", "Eilidh", "Callum", "Isla", "Lachlan", "Niamh", "Oisin",
               "Alfie", "Poppy", "Kayden", "Summer", "Tyler", "Jade"]  # fmt: skip


@dataclass
class Child:
    """One subject child: the name the report uses and the age at the incident in years."""

    name: str
    age_years: float
    #: the age as the report prints it ("14 months", "seven", …)
    printed: str
    born: str = ""
    incident: str = ""


@dataclass
class Facts:
    """What one sealed report says and how it says it (the choices made by the grammar)."""

    number: int
    nation: str
    board: str  # as printed
    area: str | None  # the gold's area, None for an anonymous report
    review_type: str
    type_label: str
    year: int
    published: str | None  # at printed precision
    published_text: str
    date_form: str
    board_form: str
    age_form: str
    children: list[Child]
    themes: list[str]
    passing: str
    html: bool
    bilingual: bool
    other_board: str
    traps: list[str] = field(default_factory=list)


def _age_printed(rng: random.Random, years: float) -> str:
    if years < 1:
        weeks = round(years * 52.18)
        if weeks < 10 and rng.random() < 0.5:
            return f"{weeks} weeks"
        months = max(1, round(years * 12))
        return f"{months} months" if rng.random() < 0.6 else f"{NUMBER_WORDS[months]} months"
    if years < 3 and rng.random() < 0.5:
        months = round(years * 12)
        return f"{months} months"
    whole = int(years)
    return f"{whole} years" if rng.random() < 0.5 else f"{NUMBER_WORDS[whole]} years"


def _singular(printed: str) -> str:
    """ "1 years" is printed "1 year"."""
    count, unit = printed.split()
    return f"{count} {unit[:-1]}" if count in ("1", "one") else printed


def _years_of(printed: str) -> float:
    count, unit = printed.split()
    unit = unit if unit.endswith("s") else unit + "s"
    number = NUMBER_WORDS.index(count) if count in NUMBER_WORDS else int(count)
    per = {"weeks": 7 / 365.25, "months": 1 / 12, "years": 1.0}[unit]
    return round(number * per, 2)


def _a_child(rng: random.Random, name: str, lo: float, hi: float) -> Child:
    printed = _age_printed(rng, rng.uniform(lo, hi))
    return Child(name, _years_of(printed), _singular(printed))


DATE_FORMS = ["cover-label", "dots", "website-sentence", "first-published-by", "abbreviated-month",
              "iso", "month-year-cover", "two-digit-year", "welsh-label", "published-in-month",
              "footer-only"]  # fmt: skip
BOARD_FORMS = ["cover", "cover", "cover", "footer-only", "web-address-only", "copyright-only", "anonymous"]
AGE_FORMS = ["siblings-sentence", "siblings-each", "composition-table", "two-dates", "two-dates-short",
             "single-sentence", "siblings-table"]  # fmt: skip


def _date(rng: random.Random, year: int, form: str) -> tuple[str | None, str]:
    """The gold date at printed precision and the date as printed for ``form``."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    iso_day = f"{year}-{month:02d}-{day:02d}"
    if form in ("dots", "website-sentence"):
        return iso_day, f"{day:02d}.{month:02d}.{year}"
    if form == "two-digit-year":
        return iso_day, f"{day}/{month}/{str(year)[2:]}"
    if form == "abbreviated-month":
        return iso_day, f"{day} {SHORT_MONTHS[month - 1]} {year}"
    if form == "iso":
        return iso_day, iso_day
    if form in ("month-year-cover", "published-in-month"):
        return f"{year}-{month:02d}", f"{MONTHS[month - 1]} {year}"
    if form == "welsh-label":
        return iso_day, f"{day} {MONTHS[month - 1]} {year}"
    return (
        iso_day,
        f"{day} {MONTHS[month - 1]} {year}" if rng.random() < 0.5 else f"{day}th {MONTHS[month - 1]} {year}",
    )


def facts_for(number: int, seed: int) -> Facts:
    """Draw one report's facts and forms from the grammar (deterministic in ``number`` and ``seed``)."""
    rng = random.Random(seed * 1000 + number)
    nation = rng.choices(list(BOARDS), weights=[4, 3, 3, 1])[0]
    board, area = rng.choice(BOARDS[nation])
    review_type, type_label, years = rng.choice(REVIEW_TYPES[nation])
    year = rng.choice(list(years))
    date_form = DATE_FORMS[number % len(DATE_FORMS)]
    if date_form == "welsh-label" and nation != "wales":
        date_form = "cover-label"
    published, published_text = _date(rng, year, date_form)
    board_form = BOARD_FORMS[(number * 3) % len(BOARD_FORMS)]
    if board_form == "anonymous":
        board_form_area: str | None = None
    else:
        board_form_area = area
    age_form = AGE_FORMS[(number * 5) % len(AGE_FORMS)]
    names = rng.sample(FIRST_NAMES, 3)
    letters = rng.sample("ABCDEFGHJKLMNPRSTWY", 3)
    if age_form.startswith("siblings"):
        count = rng.choice([2, 2, 3])
        pseud = rng.random() < 0.6
        children = [
            _a_child(rng, f"Child {letters[i]}" if pseud else names[i], 0.2 + 3 * i, 4 + 4 * i)
            for i in range(count)
        ]
        children.sort(key=lambda c: -c.age_years)
    else:
        name = f"Child {letters[0]}" if rng.random() < 0.5 else names[0]
        children = [_a_child(rng, name, 0.05, 16.5)]
    if age_form.startswith("two-dates"):
        # the incident in the year before publication; the birth the child's age before it
        child = children[0]
        incident = date(year - 1, rng.randint(1, 12), rng.randint(1, 28))
        born = incident - timedelta(days=max(20, int(child.age_years * 365.25)))
        child.age_years = round((incident - born).days / 365.25, 2)
        if age_form == "two-dates-short":
            child.born = f"{born.day}-{SHORT_MONTHS[born.month - 1][:3]}-{str(born.year)[2:]}"
        else:
            child.born = f"{born.day} {MONTHS[born.month - 1]} {born.year}"
        child.incident = f"{incident.day} {MONTHS[incident.month - 1]} {incident.year}"
    themes = rng.sample(sorted(THEME_TEXT), rng.choice([2, 3]))
    passing = rng.choice([t for t in PASSING if t not in themes])
    html = number % 5 == 4
    if html and date_form == "footer-only":
        date_form = "cover-label"
    if html and board_form == "footer-only":
        board_form = "copyright-only"
    bilingual = nation == "wales" and rng.random() < 0.6
    other = rng.choice([b for b in OTHER_BOARDS if b != board])
    return Facts(
        number=number,
        nation=nation,
        board=board,
        area=board_form_area,
        review_type=review_type,
        type_label=type_label,
        year=year,
        published=published,
        published_text=published_text,
        date_form=date_form,
        board_form=board_form,
        age_form=age_form,
        children=children,
        themes=themes,
        passing=passing,
        html=html,
        bilingual=bilingual,
        other_board=other,
    )
