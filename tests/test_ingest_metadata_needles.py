"""Patterns found by their needles give exactly the matches a whole-text scan gives."""

from __future__ import annotations

import random
import re

from ingest.metadata.age_rules import _AGE_TRIGGER, _AGE_TRIGGER_NEEDLES, _REVIEW_CUE_NEEDLES, _REVIEW_CUE_RE
from ingest.metadata.needles import matches_at_needles

_WORDS = (
    "aged", "age", "page", "old", "household", "bold", "baby of", "a boy of", "a girl of",
    "girlfriend", "infant",
    "this review concerns", "the report is about", "subject of this review", "reviewer", "the",
    "child", "was", "months", "engaged", "infantry", "cowboy of",
)  # fmt: skip


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_the_age_trigger_by_its_needles_matches_a_whole_text_scan() -> None:
    for text in _texts(1, 300):
        lowered = text.lower()
        ours = [m.span() for m in matches_at_needles(_AGE_TRIGGER, lowered, _AGE_TRIGGER_NEEDLES)]
        assert ours == [m.span() for m in _AGE_TRIGGER.finditer(lowered)], text


def test_the_review_cue_by_its_needles_matches_a_whole_text_scan() -> None:
    for text in _texts(2, 300):
        lowered = text.lower()
        ours = [m.span() for m in matches_at_needles(_REVIEW_CUE_RE, lowered, _REVIEW_CUE_NEEDLES)]
        assert ours == [m.span() for m in _REVIEW_CUE_RE.finditer(text)], text


def test_matches_never_overlap_and_come_in_text_order() -> None:
    pattern = re.compile(r"ab(?:ab)*|ba")
    lowered = "abababa xba ab"
    ours = [m.span() for m in matches_at_needles(pattern, lowered, ("ab", "ba"))]
    assert ours == [m.span() for m in pattern.finditer(lowered)] == [(0, 6), (9, 11), (12, 14)]
