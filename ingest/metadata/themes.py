"""Themes: what a review discusses, from a controlled vocabulary, with the evidence that decided it.

A review carries a theme when it *discusses* it: a finding, section or
recommendation on it, or mentions spread across the report. A term that passes
once does not count, and neither do the places that list topics without
discussing them: the terms-of-reference questions ("How well did agencies
respond to domestic abuse?"), a contents page, a glossary, a website's sidebar
(dropped by the HTML extractor). The vocabulary and its terms are in
docs/METADATA.md.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ahocorasick_rs import AhoCorasick, MatchKind

from ..model import ThemeEvidence

#: slug -> (label, term patterns); the patterns are matched case-insensitively on whole words.
VOCABULARY: dict[str, tuple[str, tuple[str, ...]]] = {
    "domestic-abuse": ("Domestic abuse", (
        r"domestic (?:abuse|violence|incidents?)", r"coercive (?:and )?controll?(?:ing)?(?: behaviour)?",
        r"controlling behaviour", r"MARAC", r"multi-agency risk assessment conference", r"DASH risk")),
    "parental-mental-health": ("Parental mental health", (
        r"(?:parental |maternal |paternal |perinatal |adult )?mental (?:ill[- ])?health",
        r"post-?natal depression", r"psychosis", r"antidepressants?", r"community mental health team")),
    "parental-substance-misuse": ("Parental substance misuse", (
        r"substance misuse", r"drug (?:and|&) alcohol", r"drug use", r"alcohol (?:use|misuse|dependen\w+)",
        r"methadone", r"heroin", r"opiate substitutes?", r"drug testing", r"toxicology", r"intoxicated")),
    "neglect": ("Neglect", (
        r"neglect(?:ed|ful)?", r"graded care profile", r"home conditions", r"poor (?:home )?conditions",
        r"cumulative harm")),
    "physical-abuse": ("Physical abuse", (
        r"physical abuse", r"non-?accidental injur(?:y|ies)", r"fractur(?:e|es|ed)", r"bruis(?:e|es|ing)",
        r"head injur(?:y|ies)", r"skeletal survey", r"inflicted injur(?:y|ies)")),
    "safe-sleeping": ("Safe sleeping", (
        r"safe(?:r)? sleep(?:ing)?", r"co-?sleeping", r"sudden (?:unexpected )?(?:infant )?death",
        r"SUDI", r"travel cot", r"moses basket", r"sleeping (?:on a sofa|arrangements)")),
    "sexual-exploitation": ("Sexual exploitation", (
        r"(?:child )?sexual exploitation", r"\bCSE\b", r"groom(?:ed|ing)", r"older (?:men|males?)")),
    "missing": ("Missing from home or care", (
        r"missing (?:from (?:home|care|school|education)|episodes?|protocol)", r"went missing",
        r"reported missing", r"return (?:home )?interviews?", r"absen(?:t|ces) from home")),
    "information-sharing": ("Information sharing", (
        r"information[- ]sharing", r"shar(?:e|ed|ing) (?:of )?information")),
    "pre-birth": ("Pre-birth planning", (
        r"pre-?birth (?:conference|planning|plan|protection plan|child protection)", r"unborn (?:baby|child)",
        r"birth plan")),
    "disguised-compliance": ("Disguised compliance", (
        r"disguised compliance", r"apparent (?:co-?operation|compliance)", r"false compliance",
        r"superficial (?:co-?operation|compliance|engagement)")),
    "thresholds-escalation": ("Thresholds and escalation", (
        # professionals escalating a concern, not risks that "escalated quickly"
        r"escalation (?:policy|procedures?|process|routes?)", r"did not escalate", r"without escalat\w+",
        r"escalat(?:e|ed|ing) (?:(?:their|the|her|his|these) )?concerns?",
        r"escalated (?:it|this|the case) to", r"professional disagreements?", r"threshold document",
        r"thresholds? (?:was|were) (?:applied|interpreted|understood)",
        r"resolution (?:of professional|policy)")),
    "school-exclusion": ("School exclusion", (
        r"exclu(?:ded|sion)s? from school", r"school exclusions?",
        r"(?:fixed[- ]term|permanent(?:ly)?) exclu\w+", r"pupil referral unit",
        r"alternative (?:education )?provision", r"reduced timetable")),
    "criminal-exploitation": ("Criminal exploitation", (
        r"criminal exploitation", r"county lines", r"\bCCE\b", r"drug running",
        r"national referral mechanism")),
    "self-harm-suicide": ("Self-harm and suicide", (
        r"self-?harm(?:ing)?", r"suicid(?:e|al)", r"overdose", r"ligature")),
    "online-harm": ("Online harm", (
        r"online (?:abuse|harm|grooming|safety)", r"social media", r"indecent images", r"sexting")),
    "fabricated-induced-illness": ("Fabricated or induced illness", (
        r"fabricated (?:or|and) induced illness", r"\bFII\b", r"perplexing presentations?")),
    "disability": ("Disability", (
        r"disabled child(?:ren)?", r"(?:the )?child'?s disabilit(?:y|ies)", r"learning disabilit(?:y|ies)",
        r"autis(?:m|tic)", r"cerebral palsy", r"complex (?:health )?needs")),
    "sexual-abuse": ("Sexual abuse", (
        r"(?<!exploitation and )sexual(?:ly)? abuse(?:d)?", r"intrafamilial (?:child )?sexual abuse",
        r"harmful sexual behaviour")),
    # the Prevent programme, capitalised: the verb ("to prevent harm") is not radicalisation
    "radicalisation": ("Radicalisation", (r"radicali[sz](?:ation|ed)", r"(?-i:Prevent)", r"extremis(?:m|t)")),
}  # fmt: skip

#: Words every term of a theme contains one of (lower case): a line without one is never matched
#: against the theme's patterns. Matching every line against every pattern took 45% of a worker's
#: time on the labelled reports; finding these first, all at once, brings it to about 2%.
NEEDLES: dict[str, tuple[str, ...]] = {
    "domestic-abuse": ("domestic", "coerc", "controll", "marac", "multi-agency risk", "dash"),
    "parental-mental-health": ("mental", "depression", "psychosis", "antidepress"),
    "parental-substance-misuse": (
        "substance",
        "drug",
        "alcohol",
        "methadone",
        "heroin",
        "opiate",
        "toxicolog",
        "intoxicat",
    ),
    "neglect": ("neglect", "graded care", "conditions", "cumulative harm"),
    "physical-abuse": (
        "physical abuse",
        "accidental injur",
        "fractur",
        "bruis",
        "head injur",
        "skeletal",
        "inflicted",
    ),
    "safe-sleeping": ("sleep", "sudden", "sudi", "travel cot", "moses basket"),
    "sexual-exploitation": ("exploitation", "cse", "groom", "older m"),
    # each needle is in every term it leads to, and as rare as that allows: "information", "return" and
    # "birth" were on ten times as many lines as the terms (date of birth, return to school)
    "missing": (
        "missing",
        "return interview",
        "return home interview",
        "absent from home",
        "absences from home",
    ),
    "information-sharing": ("shar",),
    "pre-birth": ("pre-birth", "prebirth", "unborn", "birth plan"),
    "disguised-compliance": ("compliance", "co-operation", "cooperation"),
    "thresholds-escalation": ("escalat", "disagreement", "threshold", "resolution"),
    "school-exclusion": ("exclu", "referral unit", "alternative", "timetable"),
    # "cce" alone is inside "accept" and "success"; "harm" inside "significant harm"
    "criminal-exploitation": (
        "criminal exploitation",
        "county lines",
        " cce",
        "cce ",
        "(cce",
        "drug running",
        "referral mechanism",
    ),
    "self-harm-suicide": ("self-harm", "selfharm", "suicid", "overdose", "ligature"),
    "online-harm": ("online", "social media", "indecent", "sexting"),
    "fabricated-induced-illness": ("fabricated", "fii", "perplexing"),
    "disability": ("disab", "autis", "cerebral", "complex"),
    "sexual-abuse": ("sexual",),
    "radicalisation": ("radical", "prevent", "extremis"),
}

#: Mentions (outside lists of topics) that make a theme discussed without a heading or finding on it.
MIN_MENTIONS = 4
#: ... spread over at least this many pages (HTML: paragraphs of about a page's length).
MIN_PAGES = 2


def _lowercase_literals(term: str) -> str:
    """``term`` with its letters lowercased and its escapes (``\\B``, ``\\S``, ``\\W``) kept."""
    return re.sub(r"\\.|[A-Z]+", lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).lower(), term)


#: A theme's terms are matched in the lowercased text, case-sensitively: the same matches as
#: ignoring case in the text, at two thirds of the cost (1.06 ms against 0.66 ms a report on the
#: labelled reports). A theme with a term whose case matters ("(?-i:Prevent)") is matched in the text.
_CASED = frozenset(slug for slug, (_, terms) in VOCABULARY.items() if any("(?-i:" in t for t in terms))
_PATTERNS = {
    slug: re.compile(r"\b(?:" + "|".join(terms) + r")\b", re.IGNORECASE)
    if slug in _CASED
    else re.compile(r"\b(?:" + "|".join(_lowercase_literals(term) for term in terms) + r")\b")
    for slug, (_, terms) in VOCABULARY.items()
}
#: Lines that list topics rather than discuss them: terms-of-reference questions, contents, glossary.
_LIST_LINE = re.compile(r"\?\s*$|\.{4,}\s*\d+\s*$|^\s*(?:appendix\s+\w+:\s*)?glossary\b", re.IGNORECASE)
#: A heading, finding or recommendation line: discussing the theme there is decisive.
_FINDING = re.compile(
    r"^\s*(?:(?:finding|recommendation|learning point|theme|key (?:issue|finding))s?\s*\d*\s*[:.–-]"
    r"|\d+(?:\.\d+)*\.?\s+[A-Z][^.?!]{0,70}$)",
    re.IGNORECASE,
)


#: Themes about the child's parents: a mention counts only when a parent (or the theme's own
#: parental word) is in its sentence's reach. "Child J was found intoxicated" and "the child's mental
#: health" are about the child; on the labelled reports such mentions made a false parental theme.
_PARENTAL = frozenset({"parental-mental-health", "parental-substance-misuse"})
#: Written in lowercase and matched in the lowercased text without ``re.IGNORECASE``: the same
#: matches at a third of the cost (0.03 ms a page of the benchmark corpus saved).
_PARENT_WORD = re.compile(
    r"\b(?:mother|father|mum|dad|parents?|parental|carers?|partner|step-?(?:father|mother)|maternal|"
    r"paternal|perinatal|post-?natal|adults?|grandmother|grandfather|couple|mrs?|ms)\b"
)
#: How far either side of a parental theme's term its parent may be named (about a sentence).
_PARENT_REACH = 160


def _about_a_parent(lowered: str, at: int, match: re.Match[str]) -> bool:
    if _PARENT_WORD.search(match.group(0).lower()):
        return True  # "maternal mental health", "adult mental health", "postnatal depression"
    start = max(0, at - _PARENT_REACH)
    return _PARENT_WORD.search(lowered, start, at + len(match.group(0)) + _PARENT_REACH) is not None


#: How far after a finding's label its theme must be named.
_FINDING_REACH = 60


_GLOSSARY = re.compile(r"^\s*(?:appendix\s+\w+:\s*)?glossary\b", re.IGNORECASE)


@dataclass
class _Tally:
    mentions: int = 0
    pages: list[int] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    finding: str | None = None

    def evidence(self) -> ThemeEvidence:
        return ThemeEvidence(self.mentions, tuple(self.pages), tuple(self.terms), self.finding)


#: Every needle once, the themes each belongs to, and one automaton that finds them all in one pass.
#: Eighty str.find scans of each report cost 3.3 ms a report (7.7% of a worker's time); the
#: Aho-Corasick automaton (ahocorasick-rs) finds the same 12,829 matches on the labelled reports
#: in 0.3 ms a report.
_NEEDLE_LIST = sorted({needle for needles in NEEDLES.values() for needle in needles})
_THEMES_OF_NEEDLE = [tuple(s for s, needles in NEEDLES.items() if n in needles) for n in _NEEDLE_LIST]
_AUTOMATON = AhoCorasick(_NEEDLE_LIST, matchkind=MatchKind.Standard)


def _candidate_lines(text: str, lowered: str) -> dict[str, list[tuple[int, int]]]:
    """For each theme, (start, end) of every line holding one of its needles, in text order."""
    lines: dict[int, tuple[int, int]] = {}
    spans: dict[str, set[tuple[int, int]]] = {}
    for index, at, _end in _AUTOMATON.find_matches_as_indexes(lowered, overlapping=True):
        start = text.rfind("\n", 0, at) + 1
        span = lines.get(start)
        if span is None:
            end = text.find("\n", at)
            span = lines[start] = (start, end if end >= 0 else len(text))
        for slug in _THEMES_OF_NEEDLE[index]:
            spans.setdefault(slug, set()).add(span)
    return {slug: sorted(found) for slug, found in spans.items()}


def find_themes(pages: Sequence[str], paged: bool = True) -> dict[str, ThemeEvidence]:
    """The themes ``pages`` discuss, each with its evidence.

    Only lines holding one of a theme's :data:`NEEDLES` are matched against its patterns; each
    match is then placed on its page and its line (a list of topics? a finding?).
    """
    if not paged:  # one HTML page: count it in slices of about a printed page
        text = pages[0] if pages else ""
        pages = [text[i : i + 3000] for i in range(0, len(text), 3000)] or [""]
    starts, offset, kept = [], 0, []
    for page in pages:
        if _GLOSSARY.match(page):
            break  # a glossary (and what follows it) defines terms, it does not discuss them
        starts.append(offset)
        kept.append(page)
        offset += len(page) + 1
    text = "\n".join(kept)
    lowered = text.lower()
    tallies: dict[str, _Tally] = {}
    candidates = _candidate_lines(text, lowered)
    # a line holding several themes' needles is read once: whether it lists topics, and its label
    lines: dict[int, re.Match[str] | bool | None] = {}
    for slug, pattern in _PATTERNS.items():
        spans = candidates.get(slug)
        if not spans:
            continue
        # one scan of the theme's candidate lines joined (no term spans a line break), not one per
        # line: most candidate lines hold a needle and no term
        source = text if slug in _CASED else lowered
        joined = "\n".join(source[start:end] for start, end in spans)
        offsets, at = [], 0  # where each line starts in ``joined``
        for start, end in spans:
            offsets.append(at)
            at += end - start + 1
        for match in pattern.finditer(joined):
            index = bisect.bisect_right(offsets, match.start()) - 1
            line_start, line_end = spans[index]
            if line_start not in lines:
                line = text[line_start:line_end]
                # a terms-of-reference question or a contents line lists topics: False
                lines[line_start] = False if _LIST_LINE.search(line) else _FINDING.match(line)
            label = lines[line_start]
            if label is False:
                continue
            in_line = match.start() - offsets[index]
            if slug in _PARENTAL and not _about_a_parent(lowered, line_start + in_line, match):
                continue  # "Child J was found intoxicated", "his CAMHS mental health worker"
            tally = tallies.setdefault(slug, _Tally())
            tally.mentions += 1
            number = bisect.bisect_right(starts, line_start)
            if not tally.pages or tally.pages[-1] != number:
                tally.pages.append(number)
            term = match.group(0).lower()
            if term not in tally.terms:
                tally.terms.append(term)
            # a finding is on the theme if it names it at once, not in a long recommendation's tail
            if (
                tally.finding is None
                and isinstance(label, re.Match)
                and in_line <= label.end() + _FINDING_REACH
            ):
                tally.finding = " ".join(text[line_start:line_end].split())[:120]
    themes = {}
    for slug, tally in tallies.items():
        if tally.finding or (tally.mentions >= MIN_MENTIONS and len(tally.pages) >= MIN_PAGES):
            themes[slug] = tally.evidence()
    return dict(sorted(themes.items()))
