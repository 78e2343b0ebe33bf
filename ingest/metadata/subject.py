"""Who a review is about, found from the title and from the text itself.

A review names its subject child in the title ("Serious Case Review: Child
LR"), or only in the body: "This review concerns a little boy who is called
Kai in this report", "the subject of this review, Amelia", a details table row
("Subject of the review  Child S"), or simply by how the report speaks of the
child ("Kai's mother", "Kai's father" — the child is the person the family is
described around). Sibling groups are several subjects: "Child E and Child F",
"Children D and E", "Twins A and B".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .candidates import Page

#: A pseudonym made of a label and a letter or number: "Child LR", "Baby 3", "Young Person K".
PSEUDONYM = (
    r"(?:(?:Child|Baby|Infant|Young\s+Person|YP|Twins?|Family|Sibling|Adolescent)\s+[A-Z0-9]{1,3}[a-z0-9]?\b)"
)
#: A first name used as a pseudonym ("Kai", "Amelia"): capitalised, not a word a sentence starts with.
FIRST_NAME = r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?\b"

_INTRO_CUES = (
    r"subject\s+of\s+(?:the|this)\s+review\s*(?:[:,]|\bis\b|\bwas\b)?",
    r"circumstances\s+of",
    r"review\s+concerns",
    r"in\s+respect\s+of",
    r"concerning",
    r"death\s+of",
    r"injuries\s+to",
)
_SUBJECT_INTRO = re.compile(rf"(?:{'|'.join(_INTRO_CUES)})\s+(?:the\s+)?(?P<name>{PSEUDONYM}|{FIRST_NAME})")
#: "a little boy who is called Kai in this report", "known as Ruby in this review",
#: "referred to as Baby C throughout", "Jamie (not his real name)"
_NAMED_FOR_REPORT = re.compile(
    rf"(?:called|known\s+as|referred\s+to\s+as|named|given\s+the\s+(?:pseudonym|name))\s+"
    rf"['\"‘“]?(?P<name>{PSEUDONYM}|{FIRST_NAME})['\"’”]?\s*,?\s*"
    r"(?:in\s+(?:this|the)\s+(?:report|review|summary)|throughout|for\s+(?:this|the)\s+(?:report|review)"
    r"|to\s+protect)"
)
_NOT_REAL_NAME = re.compile(r"\s*\((?:this\s+is\s+)?not\s+(?:his|her|their)\s+real\s+name\)")
#: A details-table row: "Subject of the review  Child S", "Subject  Elis  11 days".
_SUBJECT_ROW = re.compile(
    rf"^\s*(?:the\s+)?subject(?:\s+(?:child|of\s+(?:the|this)\s+review))?\s*:?\s+(?P<name>{PSEUDONYM}|{FIRST_NAME})",
    re.I | re.M,
)
_TITLE_SUBJECT = re.compile(
    r"(?:review|summary|report)\s*(?:[:\-–]|in\s+respect\s+of|into|concerning|of|for|re)\s*"
    r"(?:the\s+)?[\"'‘“]?(?P<subject>[A-Z].*?)[\"'’”]?\s*(?:\(|$)",
    re.I,
)
_TITLE_NOISE = re.compile(
    r"\s+(?:SCR|LCSPR|CSPR|LSCPR|CPR|overview\s+report|executive\s+summary|final\s+report|report)$",
    re.I,
)
_TITLE_GROUP = re.compile(r"(Twins|Children|Siblings)\s+(\w+)((?:\s*,\s*\w+)*)\s+(?:and|&)\s+(\w+)$", re.I)
_SINGULAR = {"twins": "Twin", "children": "Child", "siblings": "Sibling"}

RELATION = re.compile(
    r"\b(?:mother|mum|father|dad|step-?(?:father|mother|parent)|partner|parents?|carers?|"
    r"sibling|siblings|brothers?|sisters?|half-?(?:brother|sister|sibling)|grand(?:mother|father|"
    r"parents?)|uncle|aunt|cousin|boyfriend|girlfriend|man|woman|men|women|adults?|lodger|"
    r"friend|neighbour|perpetrator|aunt|nan|grandma|granddad|he|she|his|her|their)\b",
    re.I,
)
#: "Kai's mother": the family is described around the subject child. Found from the relation
#: word back to the name: a name-first pattern would be tried at every position of every page.
_POSSESSIVE_RELATION = re.compile(
    r"['’]s\s+(?:mother|father|mum|dad|parents|birth\s+(?:mother|father|parents)|(?:half-|older\s+|younger\s+)?"
    r"(?:sister|brother|siblings?)|grand(?:mother|father|parents)|carers?|family|"
    r"school|nursery|health\s+visitor|social\s+worker|death|injur(?:y|ies))\b"
)
_NAME_BEFORE = re.compile(rf"(?<!Mr )(?<!Ms )(?<!Mrs )(?<!Dr )(?<!Miss )\b(?:{PSEUDONYM}|{FIRST_NAME})$")
#: Capitalised words that are never a child's pseudonym.
NOT_A_NAME = frozenset((
    "the", "this", "that", "these", "those", "there", "their", "they", "then", "when", "where",
    "what", "which", "while", "after", "before", "during", "following", "however", "although",
    "although", "his", "her", "hers", "its", "our", "your", "she", "he", "it", "we", "you",
    "mother", "father", "mum", "dad", "child", "baby", "infant", "family", "parent", "parents",
    "review", "report", "panel", "board", "partnership", "committee", "police", "health", "school",
    "nursery", "court", "hospital", "council", "agency", "agencies", "social", "services",
    "children", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "working", "together", "mr", "ms", "mrs", "miss", "dr",
    "england", "wales", "scotland", "ireland", "northern", "british", "local", "national",
    "independent", "serious", "case", "learning", "practice", "safeguarding", "appendix", "section",
    "page", "chapter", "recommendation", "finding", "summary", "overview", "executive",
    "introduction", "background", "conclusion", "conclusions", "findings",
    # numbers a details row may hold after "Subject" ("Subject⏎thirteen years"): never a name
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty",
))  # fmt: skip


def _from_title(title: str) -> list[str]:
    match = _TITLE_SUBJECT.search(title)
    subject = match.group("subject") if match else title
    # a pseudonym in quotes ("Serious Case Review: 'Child K'") is the name without them
    subject = _TITLE_NOISE.sub("", subject.strip().rstrip(".").strip("\"'‘’“”"))
    if not 0 < len(subject) <= 40:
        return []
    names = [subject]
    # "Children D and E", "Twins A and B", "Child E and Child F", "Siblings A, B and C"
    group = _TITLE_GROUP.fullmatch(subject)
    if group:  # "Children D and E", "Twins A and B", "Siblings A, B and C"
        label = _SINGULAR[group.group(1).lower()]
        codes = [group.group(2), *re.findall(r"\w+", group.group(3)), group.group(4)]
        names += [f"{label} {code}" if re.fullmatch(r"[A-Z0-9]{1,3}", code) else code for code in codes]
    else:  # "Child E and Child F", "Callum and Abbie"
        parts = [p.strip() for p in re.split(r"\s*(?:,|\band\b|&)\s*", subject)]
        if len(parts) > 1:
            names += [p for p in parts if re.fullmatch(rf"{PSEUDONYM}|{FIRST_NAME}", p)]
    return names


def subject_names(title: str | None, layout: list[Page]) -> list[str]:
    """Names the review uses for its subject child or children, most certain first."""
    names: list[str] = _from_title(title) if title else []
    possessives: Counter[str] = Counter()
    for page in layout:
        if page.role == "body":
            continue
        for pattern in (_SUBJECT_INTRO, _NAMED_FOR_REPORT, _SUBJECT_ROW):
            names += [" ".join(m.group("name").split()) for m in pattern.finditer(page.text)]
        if "real name" in page.text:
            for note in _NOT_REAL_NAME.finditer(page.text):
                before = _NAME_BEFORE.search(page.text, max(0, note.start() - 24), note.start())
                if before:
                    names.append(" ".join(before.group(0).split()))
        for relation in _POSSESSIVE_RELATION.finditer(page.text):
            owner = _NAME_BEFORE.search(page.text, max(0, relation.start() - 24), relation.start())
            if owner:
                possessives[" ".join(owner.group(0).split())] += 1
    ranked = [(n, c) for n, c in possessives.most_common(2) if n.lower() not in NOT_A_NAME]
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        names.append(ranked[0][0])
    cleaned: list[str] = []
    for text in names:
        if text.lower() in NOT_A_NAME or RELATION.fullmatch(text):
            continue
        if text.lower() not in (n.lower() for n in cleaned):
            cleaned.append(text)
    return cleaned


_SINGLE_NAME = re.compile(rf"{PSEUDONYM}|{FIRST_NAME}")


def several_subjects(names: Sequence[str]) -> bool:
    """Whether the names are of more than one child (a sibling group named in the title)."""
    singles = [n for n in names if _SINGLE_NAME.fullmatch(n)]
    return len({n.lower() for n in singles}) >= 2 and any(re.search(r"\b(?:and|&)\b|,", n) for n in names)


def group_members(names: Sequence[str]) -> list[str]:
    """The children a group title names ("Children A, B and C" → Child A, Child B, Child C): the
    single names that follow the first name made of several, in order; [] when there is none."""
    for index, name in enumerate(names):
        if re.search(r"\b(?:and|&)\b|,", name):
            members = []
            for member in names[index + 1 :]:
                if not _SINGLE_NAME.fullmatch(member):
                    break
                members.append(member)
            return members
    return []


def name_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern matching any of the subject names, longest first."""
    if not names:
        return None
    alternatives = sorted((r"\s+".join(map(re.escape, n.split())) for n in names), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(alternatives)})(?![\w])", re.I)
