"""Which part of a review a heading opens: the fixed vocabulary and the names each part goes by.

Reviews name their parts in many ways ("Key practice episodes", "Timeline of significant
events", "Improving systems and practice" in a Welsh child practice review, "Argymhellion"),
so each part is a list of names; a heading belongs to the part whose name starts earliest in it
("Findings and recommendations" is analysis, "Conclusions and recommendations" conclusions).
A heading no name matches is ``other``: never a guess.
"""

from __future__ import annotations

import re

from .outline import SECTIONS

#: Each part's names, as patterns over the heading in lower case. Checked in this order when two
#: start at the same place ("summary of agency involvement" is chronology before summary).
NAMES: dict[str, tuple[str, ...]] = {
    "appendix": (
        r"append(?:ix|ices)",
        r"annex(?:e|es)?",
        r"glossary",
        r"references",
        r"bibliography",
        r"acronyms",
        r"abbreviations",
        r"atodiad",
        r"geirfa",
    ),
    "recommendations": (
        r"recommendations?",
        r"learning points",
        r"key learning points",
        r"improvement actions?",
        r"actions? (?:for|required|arising)",
        r"improving systems and practice",
        r"areas? for (?:improvement|development)",
        r"argymhellion",
        r"next steps",
        r"what (?:needs to|should) (?:change|happen)",
    ),
    "good-practice": (
        r"good practice",
        r"effective practice",
        r"positive practice",
        r"notable practice",
        r"what (?:went|worked) well",
        r"strengths(?: in practice)?",
        r"arfer (?:da|effeithiol)",
    ),
    "chronology": (
        r"chronology",
        r"(?:key |significant )?practice episodes?",
        r"key episodes?",
        r"episodes? of practice",
        r"timeline",
        r"history of (?:agency |professional |service )?involvement",
        r"summary of (?:agency |professional )?involvement",
        r"summary of (?:key |significant )?events",
        r"agency involvement",
        r"(?:key|significant|critical) (?:events|incidents)",
        r"the facts",
        r"narrative",
        r"case history",
        r"cronoleg",
        r"llinell amser",
    ),
    "terms-of-reference": (
        r"terms of reference",
        r"scope(?: of the review)?",
        r"methodology",
        r"method",
        r"(?:the|our|review) approach",
        r"approach to (?:the|this) review",
        r"(?:the )?review process",
        r"process of the review",
        r"how the review was (?:carried out|conducted|undertaken|done)",
        r"the review and its process",
        r"conduct of the review",
        r"lines of enquiry",
        r"key questions",
        r"involvement of (?:the )?family",
        r"family (?:involvement|participation|contribution)",
        r"governance",
        r"the review team",
        r"review panel",
        r"cylch gorchwyl",
        r"methodoleg",
        r"remit",
    ),
    "background": (
        r"background",
        r"family composition",
        r"family (?:background|context|structure|history|circumstances)",
        r"the family",
        r"about (?:the child|the children|the family|child \w+|baby \w+)",
        r"^the child(?:ren)?(?: and (?:the |their |his |her )?family)?$",
        r"the child'?s (?:story|life|daily life|world|voice|history|journey|(?:lived )?experience)",
        r"pen (?:picture|portrait)",
        r"cefndir",
        r"y teulu",
        r"(?:family|local|organisational) context",
    ),
    "analysis": (
        r"analysis",
        r"findings?",
        r"key findings",
        r"learning(?! review)",
        r"lessons(?: learn(?:ed|t))?",
        r"key issues",
        r"appraisal(?: of (?:practice|professional practice))?",
        r"themes",
        r"practice issues",
        r"(?:practice and )?organisational learning",
        r"practice and organisational learning",
        r"discussion",
        r"what happened and why",
        r"dadansoddiad",
        r"canfyddiadau",
        r"dysgu",
    ),
    "conclusions": (
        r"conclu(?:sion|sions|ding (?:remarks|comments|statement|observations))",
        r"final (?:comments|remarks|thoughts)",
        r"closing (?:comments|remarks)",
        r"casgliad(?:au)?",
    ),
    "summary": (
        r"executive summary",
        r"summary",
        r"introduction",
        r"overview",
        r"foreword",
        r"preface",
        r"circumstances (?:leading to|resulting in|that led to|giving rise to) the review",
        r"reasons? for (?:the|this) review",
        r"why (?:the|this|a) review (?:was|is|has been) (?:carried out|undertaken|commissioned|held|needed)",
        r"why we (?:carried out|undertook|held) (?:the|this) review",
        r"purpose of (?:the|this) (?:review|report)",
        r"crynodeb",
        r"cyflwyniad",
        r"rhagair",
    ),
}

_PATTERNS = {section: re.compile(r"\b(?:" + "|".join(names) + r")\b") for section, names in NAMES.items()}
assert set(NAMES) | {"other"} == set(SECTIONS)

#: A heading's own number or label, which says nothing of its part: "5.", "Section 3", "Part B:".
_NUMBERING = re.compile(
    r"^\s*(?:(?:section|part|chapter|adran|rhan)\s+(?:\d+|[a-z]|[ivx]+)\b[:.–-]?\s*"
    r"|\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+|[a-z][.)]\s+|[ivx]+[.)]\s+)",
    re.IGNORECASE,
)


#: "Summary and conclusions", "Summary and recommendations": the part named after "summary and".
_SUMMARY_AND = re.compile(r"^summary\s+(?:and|&)\s+")


def heading_words(text: str) -> str:
    """A heading without its number, lowercased, spaces collapsed ("5.1  Key Findings" → "key findings")."""
    return " ".join(_NUMBERING.sub("", text, count=1).lower().replace("’", "'").split())


def section_of(heading: str) -> str:
    """The part of a review ``heading`` opens (one of :data:`~ingest.model.SECTIONS`).

    The part whose name starts earliest wins; ``other`` when no name is in the heading.
    A bilingual heading ("Argymhellion / Recommendations") is read in either language.
    """
    words = _SUMMARY_AND.sub("", heading_words(heading))
    best: tuple[int, int, str] | None = None
    for rank, (section, pattern) in enumerate(_PATTERNS.items()):
        match = pattern.search(words)
        if match is not None and (best is None or (match.start(), rank) < best[:2]):
            best = (match.start(), rank, section)
    return best[2] if best else "other"


def opens_with_a_name(heading: str) -> bool:
    """Whether the heading (without its number) starts with a part's name: "Recommendations",
    "Terms of reference and methodology", but not "Learning from the health visitor's notes"."""
    words = heading_words(heading)
    return any(pattern.match(words) for pattern in _PATTERNS.values())
