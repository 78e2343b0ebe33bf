"""Ages said in a statement of the harm, of a child named only in the body.

One class of phrasing in three wordings: "<Name> was <age> old when <harm>" ("Harley was
twenty-six days old when he died"), a bare number with years understood ("Child K was 16 when he
died", "He was 10 when …" after a sentence opening with the subject's name), and the possessive
("Child K's age at the time of his death was 6 weeks"). :mod:`.age_rules` scores what is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .ages import NUM, PAIR
from .subject import FIRST_NAME, PSEUDONYM

#: A statement of the age at the harm: "<Name> was 16 years old when he was found…".
_HARM_STATEMENT = re.compile(
    rf"(?P<name>{PSEUDONYM}|{FIRST_NAME})\s+(?:was|is)\s+(?:an?\s+|just\s+|only\s+|then\s+)?"
    rf"(?P<age>{PAIR})(?:[\s-]+old|\s+of\s+age)\b"
    r"(?=[^.]{0,60}\b(?:when|died|death|admitted|found|taken|injur|harm|suffered|collapsed|assaulted|"
    r"incident))"
)


#: The age said of the subject by name, possessive: "Child K's age at the time of his death was 6 weeks".
POSSESSIVE_AGE = re.compile(
    rf"(?P<name>{PSEUDONYM}|{FIRST_NAME})['’]s\s+age\s+(?:(?:at|on|when)\s+[^.;\n]{{0,50}}?\s+)?"
    rf"(?:was|is)\s+(?:just\s+|only\s+)?(?P<age>{PAIR}|{NUM})(?![\w-])"
)


#: A bare number in a harm statement, years understood: "Child K was 16 when he died", "had just
#: turned 13 when the incident happened". Found from the "was N when" end; the name is read before it.
_AGE_WHEN = re.compile(
    rf"\b(?:was|turned)\s+(?:just\s+|only\s+)?(?P<age>{NUM})\s+(?:when|at\s+the\s+time\s+of)$", re.I
)
#: Where "was N when" / "was N at the time of" can end: found with str.find, then read backwards.
WHEN_ANCHORS = (" when", " at the time of")
#: "He was 10 when …" after a sentence about the child: the pronoun at the sentence's start, and the
#: child's name opening the sentence before ("Child N lived with his father. He was 10 when …").
_PRONOUN_BEFORE = re.compile(r"(?:^|(?<=[.!?])\s+|\n\s*(?:\d+(?:\.\d+)*\s+)?)(?:He|She)\s+$")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:\d+(?:\.\d+)*\.?\s+)?(?=\S)")
_NAME_BEFORE_WHEN = re.compile(rf"(?P<name>{PSEUDONYM}|{FIRST_NAME})\s+(?:had\s+(?:just\s+)?)?$")
_HARM_AFTER = re.compile(
    r"[^.;]{0,60}?\b(?:died|death|admitted|found|taken|injur|harm|suffered|collapsed|assault|incident|"
    r"exploit|abus|missing|stabbed|killed)",
    re.I,
)


def bare_ages_when(
    text: str, lower: str, names: re.Pattern[str] | None = None
) -> Iterator[tuple[str, str, int, int]]:
    """(name, age, start, end) of each "<Name> was <N> when <harm>" (or "… at the time of his
    death") in ``text``; with ``names``, also "He was <N> when …" right after a sentence that
    opens with a subject's name.

    Found from each anchor (str.find) backwards: scanning the page with the pattern cost 33 ms
    over the labelled reports' first pages, finding " when" 2 ms.
    """
    for anchor in WHEN_ANCHORS:
        at = lower.find(anchor)
        while at >= 0:
            match = _AGE_WHEN.search(text, max(0, at - 45), at + len(anchor))
            at = lower.find(anchor, at + len(anchor))
            if match is None or not _HARM_AFTER.match(text, match.end()):
                continue
            named = _NAME_BEFORE_WHEN.search(text, max(0, match.start() - 60), match.start())
            if named is not None and named.group("name").lower() not in ("she", "he"):
                yield named.group("name"), match.group("age"), named.start(), match.end()
            elif names is not None:
                subject = _subject_of_sentence_before(text, match.start(), names)
                if subject is not None:
                    yield subject, match.group("age"), match.start(), match.end()


def _subject_of_sentence_before(text: str, at: int, names: re.Pattern[str]) -> str | None:
    """The subject's name opening the sentence before a sentence that opens "He/She" at ``at``."""
    pronoun = _PRONOUN_BEFORE.search(text, max(0, at - 40), at)
    if pronoun is None:
        return None
    window = text[max(0, pronoun.start() - 200) : pronoun.start()]
    openings = list(_SENTENCE_OPENING.finditer(window))
    if not openings:
        return None
    named = names.match(window, openings[-1].end())
    if named is None or window[named.end() : named.end() + 2] in ("'s", "’s"):
        return None  # "Child N's mother was …": the sentence is about someone else
    return named.group(0)


def harm_statements(text: str, phrases: list[re.Match[str]]) -> Iterator[re.Match[str]]:
    """Harm statements, looked for only where an "N … old" age phrase is (the pattern starts with
    a name, which would otherwise be tried at every position of the page)."""
    end_of_last = -1
    for phrase in phrases:
        if not (phrase.group("old") or phrase.group("yearsold")):
            continue
        start = max(0, phrase.start() - 60, end_of_last)
        for match in _HARM_STATEMENT.finditer(text, start, min(len(text), phrase.end() + 70)):
            if match.end() >= phrase.end():
                end_of_last = match.end()
                yield match
                break
