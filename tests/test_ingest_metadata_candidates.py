"""A page's running zone: its first and last non-blank lines, found without splitting it whole."""

from __future__ import annotations

import random

from ingest.metadata.candidates import running_zone


def _split_whole(text: str, count: int) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[:count] + lines[-count:])


def test_the_running_zone_is_the_first_and_last_non_blank_lines() -> None:
    rng = random.Random(7)
    pieces = ["", "  ", "Page 3 of 40", "Anytown Safeguarding Children Partnership", "x" * 700, "word " * 90]
    for _ in range(400):
        breaks = ["\n", "\n\n", "\r\n", "\x0c"]
        text = "".join(rng.choice(pieces) + rng.choice(breaks) for _ in range(rng.randint(0, 30)))
        for count in (1, 3):
            assert running_zone(text, count) == _split_whole(text, count), repr(text[:80])


def test_a_long_first_line_is_kept_whole() -> None:
    text = "A " * 400 + "Board\nsecond\nthird\nfourth\n" + "body\n" * 50 + "footer one\nfooter two\n"
    zone = running_zone(text, 2).split("\n")
    assert zone == ["A " * 399 + "A Board", "second", "footer one", "footer two"]
