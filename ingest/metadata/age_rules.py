"""The subject children's ages, and only theirs.

Classes of phrasing, each a rule here:

- an age phrase said of a subject ("Child T, aged 3 months", "the baby was
  8 days old", "Kai was 14 months old when…"), never of a parent, sibling or
  other named person standing between the subject and the age;
- a statement of the harm with an age, about a person named only in the body
  ("Harley was twenty-six days old when he died");
- a details table or cover row: "Age at the time of the incident: 13 weeks",
  "Subject of the review  Child N  twenty-one months", "Amber (9)";
- a sibling group introduced with its ages ("The review concerns three
  siblings, Amber (9), Bailey (6) and Corey (2)"), or each subject's age said
  separately: the group's ages are all kept;
- birth and death dates ("Date of birth: … Date of death: …"), also when a
  table row breaks across pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..model import MAX_CHILD_AGE
from .age_harm import POSSESSIVE_AGE, WHEN_ANCHORS, bare_ages_when, harm_statements
from .age_tables import table_ages
from .ages import (
    AGE_PHRASES,
    BARE_AGE,
    NUM,
    PAIR,
    UNIT,
    find_life_dates,
    has_birth_words,
    parse_age,
    phrase_ages,
)
from .candidates import READ_PAGES, Candidate, Page
from .needles import matches_at_needles
from .scores import AGE_SCORES
from .subject import FIRST_NAME, NOT_A_NAME, PSEUDONYM, RELATION, name_pattern

_GENERIC_SUBJECT = re.compile(
    r"\b(?:the\s+(?:subject\s+)?(?:child|baby|infant|young\s+person|children|twins|triplets)|"
    r"(?:twin|triplet)\s+(?:boys|girls|babies)|the\s+subjects?\s+of\s+(?:the|this)\s+review|"
    # "This review concerns twins aged 3 months": the group is the review's subject
    r"(?:review|report)\s+(?:concerns|is\s+about)\s+(?:the\s+)?(?:twins|triplets))\b",
    re.I,
)
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)
_ASIDE = re.compile(r"\([^()]{0,40}\)")
_SENTENCE_START = re.compile(r"(?:[.!?]\s|\n\s*\n|\n\s*\d+(?:\.\d+)+\s)")
# another named person between the subject and the age ("Child T's sister Amy, aged 4")
_NAMED_OTHER = re.compile(r"'s\b|\bwhose\b|\bwith\b|\band\s+(?!was\b)")
# searched in lowercased text (faster); every age phrase holds one of these
_AGE_TRIGGER = re.compile(r"\baged?\b|\bold\b|\b(?:baby|infant|boy|girl)\s+of\b|\bturned\b|\bbirthday\b")
_AGE_TRIGGER_NEEDLES = ("age", "old", "baby", "infant", "boy", "girl", "turned", "birthday")

#: A labelled age on a cover or in a details table: "Age at the time of the incident: 13 weeks".
_AGE_LABEL = re.compile(
    r"^[ \t]*(?:(?:the\s+)?child'?s\s+)?age"
    r"(?:\s+of\s+(?:the\s+)?(?:child|baby|infant|young\s+person|subject))?"
    r"(?:\s+at\s+(?:the\s+)?(?:time\s+of\s+(?:the\s+)?)?"
    r"(?:incident|death|injury|injuries|harm|event|referral|admission|critical\s+incident))?"
    # a bare number is an age after "Age:" or alone on the next line of a details table ("Age⏎12")
    rf"[ \t]*(?:[:\-–][ \t]*\n?[ \t]*|\n[ \t]*|[ \t]+)(?P<age>{PAIR}|(?:(?<=:\s)|(?<=\n)){NUM}(?=\s*$))",
    re.I | re.M,
)
#: Right after a subject's name: "Amber (9)", "W4 (aged 15 months)", "Child D, who was five,",
#: "Child R, 14,".
_AFTER_NAME = re.compile(
    # "Amber (9)", "Child K (male, 4 months)", "Child K (girl, aged 3)"
    rf"\s*(?:\(\s*(?:(?:male|female|boy|girl|m|f)\s*,\s*)?(?:aged\s+)?(?P<paren>{PAIR}|{NUM})\s*\)"
    rf"|,?\s+who\s+(?:was|is)\s+(?:then\s+)?(?P<who>{PAIR}|{NUM})(?=\s*[,.;)]|\s+(?:old|when|at)\b)"
    # each child's own statement in a list of the subjects: "The eldest, Child A, was 12; Child B was 9
    # and the youngest, Child C, was 4" (a bare number is years; a clause must end after it)
    rf"|,?\s+was\s+(?:then\s+|aged\s+)?(?P<was>{PAIR}|{NUM})(?=\s*[;,]\s|\s*\.(?:\s|$)|\s+and\b)"
    # "Child R, 14, was …": an age set off by commas (a date such as "Child R, 15 January" is not)
    rf"|,\s+(?P<appos>{PAIR}|{NUM})(?=\s*,))",
    re.I,
)
#: A person named in a sibling list: a pseudonym or first name, then the age in brackets or after "aged".
_AGE_LIST = rf"{NUM}(?:\s*,\s*{NUM})*(?:\s*,?\s+and\s+{NUM})?(?:\s+{UNIT})?"
_LIST_ITEM = re.compile(
    rf"(?P<name>{PSEUDONYM}|{FIRST_NAME}|[A-Z]\d)\s*(?:\(\s*(?:aged\s+)?(?P<paren>{PAIR}|{NUM})\s*\)"
    rf"|,\s+aged\s+(?P<aged>{PAIR}|{_AGE_LIST})(?![\w-]))"
)
#: Someone else's relative before a name in a list: "their mother, Ms R (30)", "her brothers, Sam (7)".
_ONE_RELATIVE = re.compile(
    r"(?:\b(?:mother|mum|father|dad|step-?(?:father|mother|parent)|partner|carer|boyfriend|girlfriend|"
    r"man|woman|friend|neighbour|lodger|uncle|aunt|cousin|grand(?:mother|father))\b"
    r"|\b(?:his|her|their|its)\s+(?:(?:older|younger|elder|half-?|step-?)\s*)?(?:sisters?|brothers?|"
    r"siblings?))[^,;()]{0,20}(?:,\s*)?$",
    re.I,
)
#: What joins the items of one list ("Sam (7) and Ted (5)"): a relative's list goes on through it.
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s*and|&)\s*")
#: A sentence naming several subjects at once: every person it lists with an age is a subject.
_GROUP_CUE = re.compile(
    r"^subjects\b|\b(?:two|three|four|five|six|both)\s+(?:\w+\s+){0,2}?"
    r"(?:children|siblings|brothers|sisters|boys|girls|twins)\b",
    re.I,
)
_JOINED_NAMES = re.compile(rf"(?:{PSEUDONYM}|{FIRST_NAME})\s+(?:and|&)\s+$")
#: A sentence that introduces who the review is about.
_REVIEW_CUE = (
    r"\b(?:review|report)\s+(?:concerns|is\s+about|relates\s+to|considers|looks\s+at)\b"
    r"|\bsubjects?\s+of\s+(?:the|this)\s+review\b"
)
#: The children introduced with their ages: "The children were Amy (7) and Ben (5)",
#: "The family: Child A, aged 7; Child B, aged 5", "the family consisted of …".
_FAMILY_CUE = (
    r"\b(?:the|their|her|his)\s+(?:\w+\s+)?(?:children|siblings|twins)\s+(?:were|are)\b"
    r"|(?:^|\n)\s*(?:[\d.]+\s+)?(?:the\s+)?family\s*:"
    # "comprises" takes no "of" ("The family comprises Amy (7) and Ben (5)"), though it is often given one
    r"|\bthe\s+family\s+(?:(?:consisted|consists|was\s+made\s+up)\s+of|comprised|comprises)\b"
)
_SUBJECT_CUE = re.compile(f"{_REVIEW_CUE}|{_FAMILY_CUE}", re.I)
_REVIEW_CUE_RE = re.compile(_REVIEW_CUE, re.I)
_REVIEW_CUE_NEEDLES = ("review", "report", "subject")
_FAMILY_CUE_RE = re.compile(_FAMILY_CUE, re.I)
#: Each family cue holds one of these: the cue is looked for only in a paragraph holding one
#: (scanning whole pages for cues that start with "the" cost four times the review cues).
_FAMILY_NEEDLES = (
    "children were",
    "children are",
    "siblings were",
    "siblings are",
    "twins were",
    "twins are",
    "family:",
    "family :",
    # the cue's second word, rarer than "family" (on most pages, in no cue) and found when a line
    # breaks between them ("The family⏎consisted of")
    "consist",
    "compris",
    "made up",
)
#: The age before the person: "a 14-year-old girl, Child B", "the 3-month-old baby".
_PERSON_AFTER = re.compile(
    r"[\s-]+(?:baby\s+)?(?:boy|girl|baby|child|infant|toddler|young\s+(?:person|man|woman))\b(?P<rest>[^.;]{0,40})",
    re.I,
)


def _introduces_the_subject(text: str, match: re.Match[str], names: re.Pattern[str] | None) -> bool:
    """An "N-old" phrase followed by the person it describes: a subject's name after it, or a
    sentence that says it introduces the review's subject ("This review concerns a 14-year-old girl")."""
    if match.group("ageof"):
        # "At the age of 15, Child K was placed …": the subject's name right after
        follow = re.match(r"\s*,?\s*", text[match.end() : match.end() + 8])
        after = match.end() + (follow.end() if follow else 0)
        return names is not None and names.match(text, after) is not None
    if not (match.group("old") or match.group("yearsold")):
        return False
    person = _PERSON_AFTER.match(text, match.end())
    if person is None:
        return False
    if names is not None and names.search(person.group("rest")):
        return True
    sentence_start = max(text.rfind(". ", 0, match.start()), text.rfind("\n\n", 0, match.start()), 0)
    before = text[sentence_start : match.start()]
    return bool(_SUBJECT_CUE.search(before)) and not RELATION.search(before.split("concerns")[-1])


def _subject_window(text: str, start: int, names: re.Pattern[str] | None) -> tuple[bool, list[str]]:
    """Is the age at ``start`` said of the subject? Also: the subject names in that sentence."""
    window_start = max(0, start - 160)
    window = text[window_start:start]
    cut = 0
    for match in _SENTENCE_START.finditer(window):
        cut = match.end()
    window = window[cut:]
    last_subject = -1
    named = list(names.finditer(window)) if names is not None else []
    if named:
        last_subject = named[-1].end()
    for match in _GENERIC_SUBJECT.finditer(window):
        last_subject = max(last_subject, match.end())
    if last_subject < 0:
        return False, []
    # an aside between the name and the age ("Maisie (not her real name) was …") is not a relation
    tail = _ASIDE.sub(" ", window[last_subject:])
    # "Baby D died suddenly when he was 7 weeks old": a pronoun alone refers back to the subject;
    # a relative ("his mother") or another person named between them makes the age theirs
    if RELATION.search(_SUBJECT_PRONOUN.sub(" ", tail)) or _NAMED_OTHER.search(tail):
        return False, []
    # the subjects the age is said of: the last name, and those joined to it ("Twin A and Twin B, aged")
    chain: list[str] = []
    if named and named[-1].end() == last_subject:
        chain.append(named[-1].group(0))
        for before, after in zip(reversed(named[:-1]), reversed(named[1:]), strict=True):
            if not re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", window[before.end() : after.start()]):
                break
            chain.append(before.group(0))
    return True, list(dict.fromkeys(" ".join(n.lower().split()) for n in chain))


#: A group of subjects sharing one age: "twin boys, aged 11 weeks" is two ages, "triplets" three.
_GROUP_OF = re.compile(
    r"\b(?:(?P<twins>twins|twin\s+(?:boys|girls|babies|brothers|sisters))|(?P<triplets>triplets))\b[^.;]{0,40}$",
    re.I,
)


def _group_size(text: str, start: int) -> int:
    """How many subjects an age said right after a group noun belongs to (1 when none)."""
    group = _GROUP_OF.search(text, max(0, start - 80), start)
    if group is None:
        return 1
    return 2 if group.group("twins") else 3


def _age_phrases(text: str, lowered: str) -> Iterator[re.Match[str]]:
    """Age phrases in ``text``, matched only near words that every age phrase contains.

    Scanning whole pages with the full pattern is slow; "aged", "age (of)" and
    "old" are cheap to find and every phrase has one.
    """
    end_of_last = -1
    for trigger in matches_at_needles(_AGE_TRIGGER, lowered, _AGE_TRIGGER_NEEDLES):
        start = max(trigger.start() - 40, end_of_last, 0)
        for match in AGE_PHRASES.finditer(text, start, min(len(text), trigger.end() + 60)):
            if match.start() >= end_of_last and match.start() <= trigger.start() <= match.end():
                end_of_last = match.end()
                yield match


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")


def _sentences_with_cue(text: str, lower: str) -> Iterator[str]:
    """Each sentence from a cue that introduces the subjects to the sentence's end."""
    cues = list(matches_at_needles(_REVIEW_CUE_RE, lower, _REVIEW_CUE_NEEDLES))
    spans = set()
    for needle in _FAMILY_NEEDLES:
        at = lower.find(needle)
        while at >= 0:
            # the paragraph around the needle is where a family cue can start and end
            start = max(lower.rfind("\n\n", 0, at), lower.rfind("\n", 0, max(0, at - 40)), 0)
            end = lower.find("\n", at + len(needle))
            spans.add((start, end if end >= 0 else len(text)))
            at = lower.find(needle, at + len(needle))
    for start, end in sorted(spans):
        cues += _FAMILY_CUE_RE.finditer(text, start, end)
    seen = set()
    for cue in sorted(cues, key=lambda c: c.start()):
        if cue.start() in seen:
            continue
        seen.add(cue.start())
        end_match = _SENTENCE_END.search(text, cue.end())
        yield text[cue.start() : end_match.start() if end_match else len(text)]


def _sibling_lists(page: Page, score: float, known: re.Pattern[str] | None) -> Iterator[Candidate]:
    """A sentence introducing the subjects with their ages: every subject's age in it."""
    for sentence in _sentences_with_cue(page.text, page.lower):
        group = bool(_GROUP_CUE.search(sentence))
        ages: list[float] = []
        relatives_end = -1  # where the last item excluded as someone's relative ended
        for item in _LIST_ITEM.finditer(sentence):
            name = item.group("name")
            before = sentence[max(0, item.start() - 40) : item.start()]
            is_known = known is not None and known.fullmatch(name)
            if name.lower() in NOT_A_NAME and not is_known:
                continue
            joined = relatives_end >= 0 and _LIST_JOIN.fullmatch(sentence[relatives_end : item.start()])
            if not is_known and not group and (joined or _ONE_RELATIVE.search(before)):
                relatives_end = item.end()
                continue  # "their mother, Ms R (30)", "her brothers, Sam (7) and Ted (5)": not subjects
            item_ages = parse_age(item.group("paren") or item.group("aged"))
            if len(item_ages) == 1 and _JOINED_NAMES.search(before):
                item_ages *= 2  # "Twin A and Twin B, aged 10 weeks"
            ages += item_ages
        if ages:
            yield Candidate(tuple(ages), score, "subject-list", page.number, sentence[:200], "*")


def _after_names(page: Page, pattern: re.Pattern[str]) -> Iterator[Candidate]:
    """A subject's name followed by an age: a table row, a bracket, "who was five"."""
    text = page.text
    for name in pattern.finditer(text):
        subject = " ".join(name.group(0).lower().split())
        context_start = max(0, name.start() - 30)
        follow = _AFTER_NAME.match(text, name.end())
        if follow:
            body = (
                follow.group("paren") or follow.group("who") or follow.group("appos") or follow.group("was")
            )
            context = text[context_start : follow.end()]
            score = AGE_SCORES["subject-named-age"]
            yield Candidate(tuple(parse_age(body)), score, "subject-named-age", page.number, context, subject)
            continue
        if text[name.end() : name.end() + 1] not in (" ", "\t", "\n"):
            continue
        bare = BARE_AGE.match(text, name.end() + 1)
        if bare is not None:
            context = text[context_start : bare.end()]
            ages = tuple(parse_age(bare.group("bare")))
            yield Candidate(ages, AGE_SCORES["subject-table"], "subject-table", page.number, context, subject)


def age_candidates(layout: list[Page], names: Sequence[str]) -> list[Candidate]:
    """Every candidate for the subject children's ages, scored by where and how it is said."""
    pattern = name_pattern(names)
    found: list[Candidate] = []
    pages = layout[:READ_PAGES]
    for index, page in enumerate(pages):
        text = page.text
        phrases = list(_age_phrases(text, page.lower))
        for match in phrases:
            ok, subjects = _subject_window(text, match.start(), pattern)
            if not ok:
                if _introduces_the_subject(text, match, pattern):
                    context = text[max(0, match.start() - 60) : match.end() + 40]
                    before = tuple(phrase_ages(match))
                    found.append(
                        Candidate(before, AGE_SCORES[page.role], "age-before-name", page.number, context)
                    )
                continue
            ages = phrase_ages(match)
            if len(ages) == 1 and len(subjects) > 1:
                ages = ages * len(subjects)  # "Twins A and B, aged 3 months"
            elif len(ages) == 1 and not subjects:
                ages = ages * _group_size(text, match.start())  # "twin boys, aged 11 weeks"
            subject = subjects[-1] if len(subjects) == 1 else ""
            context = text[max(0, match.start() - 60) : match.end()]
            found.append(
                Candidate(tuple(ages), AGE_SCORES[page.role], "age-phrase", page.number, context, subject)
            )
        for match in harm_statements(text, phrases):
            name = match.group("name")
            if name.lower() in NOT_A_NAME or RELATION.fullmatch(name):
                continue
            known = pattern is not None and pattern.fullmatch(name)
            score = AGE_SCORES[page.role] + (0 if known else AGE_SCORES["harm-statement, unnamed"])
            context = text[max(0, match.start() - 30) : match.end() + 40]
            subject = " ".join(name.lower().split())
            found.append(Candidate(tuple(parse_age(match.group("age"))), score, "harm-statement", page.number,
                                   context, subject))  # fmt: skip
        if any(anchor in page.lower for anchor in WHEN_ANCHORS):
            for name, age, start, end in bare_ages_when(text, page.lower, pattern):
                if name.lower() in NOT_A_NAME or RELATION.fullmatch(name):
                    continue
                known = pattern is not None and pattern.fullmatch(name)
                score = AGE_SCORES[page.role] + (0 if known else AGE_SCORES["harm-statement, unnamed"])
                said, subject = tuple(parse_age(f"{age} years")), " ".join(name.lower().split())
                found.append(
                    Candidate(said, score, "harm-statement", page.number, text[start : end + 40], subject)
                )
        if "s age" in page.lower:  # needle first: the pattern starts with a name
            for match in POSSESSIVE_AGE.finditer(text):
                name = match.group("name")
                if name.lower() in NOT_A_NAME or RELATION.fullmatch(name):
                    continue
                known = pattern is not None and pattern.fullmatch(name)
                score = AGE_SCORES[page.role] + (0 if known else AGE_SCORES["harm-statement, unnamed"])
                said, subject = tuple(parse_age(match.group("age"))), " ".join(name.lower().split())
                found.append(Candidate(said, score, "possessive-age", page.number, match.group(0), subject))
        if page.role != "body":
            for match in _AGE_LABEL.finditer(text):
                context = text[match.start() : match.end()]
                score = AGE_SCORES["age-label, cover" if page.role == "cover" else "age-label"]
                found.append(Candidate(tuple(parse_age(match.group("age"))), score, "age-label", page.number,
                                       context))  # fmt: skip
            found += _sibling_lists(
                page, AGE_SCORES["subject-list" if page.role != "body" else "subject-list, body"], pattern
            )
        # a table may run on over a page break (or past the cut between an HTML page's parts)
        after = pages[index + 1].text[:1500] if index + 1 < len(pages) else ""
        found += table_ages(page, pattern, after)
        if pattern is not None and page.role != "body":
            # details tables and "Name (9)" introductions stand before the chronology; the body's
            # many mentions of the name would cost a third of the metadata time for no age
            found += _after_names(page, pattern)
        # a birth date at the foot of one page and the death date at the top of the next
        # the page's own cached lowercase says whether a birth date can start on it: most pages hold
        # none, and the joined text (with the next page's start) would be lowercased anew for each
        following = after[:400]
        births = (
            find_life_dates(text + "\n" + following, subject=pattern) if has_birth_words(page.lower) else []
        )
        for pair in births:
            if pair.start >= len(text):
                continue
            near_subject = page.role == "cover" or _subject_window(text, pair.start, pattern)[0]
            if near_subject:
                context = (text + "\n" + following)[pair.start : pair.end]
                score = AGE_SCORES[
                    "birth-and-death-dates, cover" if page.role == "cover" else "birth-and-death-dates"
                ]
                # the age is derived, not printed: the source says so, and from which two dates
                source = "birth-and-death-dates" if pair.event == "death" else "birth-and-incident-dates"
                found.append(Candidate((pair.age,), score, source, page.number, context))
    return [
        c
        for c in found
        if c.value and all(0 <= a < MAX_CHILD_AGE for a in c.value)  # type: ignore[attr-defined]
    ]
