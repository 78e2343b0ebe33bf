"""Normalise extracted text so that phrases survive the way PDFs print them.

Three things break phrase search in raw PDF text: typographic variants
(ligatures, curly quotes, odd spaces), words hyphenated at line ends, and
running headers and footers that sit between the two halves of a sentence
split by a page break. :func:`normalise_pages` repairs all three and keeps
one string per page, so hits can still cite their page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_TRANSLATE = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        # pdfium marks a hyphen at a line end with STX (or U+FFFE) and drops the line break
        "\x02": "-\n",
        "\ufffe": "-\n",
        "\x00": "",
        "\x0c": "\n",
    }
)
_SOFT_HYPHEN = re.compile(r"\u00ad[ \r\n]*")
# the characters _TRANSLATE changes: found by one regex scan, replaced one by one (most pages have few)
_TO_FOLD = re.compile("[" + re.escape("".join(chr(c) for c in _TRANSLATE)) + "]")
_ODD_SPACES = re.compile(r"[\t\u2000-\u200a\u205f]+")
_CID = re.compile(r"\(cid:\d+\)")
_TRAILING_SPACE = re.compile(r"[ ]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")
_WORD_CHAR = re.compile(r"\w")
# A hyphen at a line end and the word after it (the word before is read backwards from the
# hyphen). Opening with a literal, the pattern jumps from hyphen to hyphen; one opening with
# the word before tried every word of the page (103 against 9 µs a page, 25 medium reports).
_HYPHEN_BREAK = re.compile(r"-[ ]*\n[ ]*(\w+)")
_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:-\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*-)?\s*$", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")

#: How many lines at the top and bottom of a page may be running headers/footers.
_MARGIN_LINES = 3

#: Left halves that usually start a real hyphenated compound, not a split word.
_COMPOUND_PREFIXES = frozenset(
    [
        "multi",
        "pre",
        "post",
        "non",
        "self",
        "half",
        "step",
        "anti",
        "inter",
        "intra",
        "cross",
        "co",
        "ex",
        "sub",
        "over",
        "under",
        "well",
        "long",
        "short",
        "full",
        "part",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "x",
        "mid",
        "semi",
        "re",
    ]
)


def fold(text: str) -> str:
    """Fold typographic variants (ligatures, curly quotes, odd spaces) to plain forms."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00ad" in text:
        text = _SOFT_HYPHEN.sub("-\n", text)
    text = _TO_FOLD.sub(lambda m: _TRANSLATE[ord(m.group(0))], text)
    if "(cid:" in text:
        text = _CID.sub(" ", text)
    return _ODD_SPACES.sub(" ", text)


def cid_ratio(text: str) -> float:
    """Share of ``text`` made of pdfminer ``(cid:NN)`` placeholders (glyphs without Unicode)."""
    if not text:
        return 0.0
    return sum(len(m) for m in _CID.findall(text)) / len(text)


def _running_keys(pages: Sequence[list[str]]) -> set[str]:
    """Line shapes (digits masked) that recur at the top or bottom of many pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        body = [ln for ln in lines if ln.strip()]
        zone = body[:_MARGIN_LINES] + body[-_MARGIN_LINES:]
        counts.update({_DIGITS.sub("#", ln.strip().lower()) for ln in zone})
    threshold = max(3, (len(pages) + 1) // 2)
    # running heads are short labels; a sentence that recurs is body text
    return {
        key
        for key, n in counts.items()
        if n >= threshold and key and len(key) <= 100 and key[-1] not in ".?!;,"
    }


def _strip_margins(lines: list[str], running: set[str]) -> list[str]:
    """Drop running headers/footers and page numbers from the top and bottom of one page."""

    def is_margin(line: str) -> bool:
        stripped = line.strip()
        return bool(_PAGE_NUMBER_LINE.match(stripped) or _DIGITS.sub("#", stripped.lower()) in running)

    start, end = 0, len(lines)
    seen = 0
    while start < end and seen < _MARGIN_LINES:
        if not lines[start].strip():
            start += 1
            continue
        if not is_margin(lines[start]):
            break
        start += 1
        seen += 1
    seen = 0
    while end > start and seen < _MARGIN_LINES:
        if not lines[end - 1].strip():
            end -= 1
            continue
        if not is_margin(lines[end - 1]):
            break
        end -= 1
        seen += 1
    return lines[start:end]


class _Dehyphenator:
    """Decides whether ``left-`` at a line end and ``right`` on the next line form one word.

    The document itself is the dictionary: if the joined word occurs elsewhere
    it is joined; if the hyphenated compound occurs elsewhere the hyphen stays.
    Otherwise common compound prefixes keep their hyphen and the rest is joined.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: str | None = None
        self._seen: dict[str, bool] = {}

    def _occurs(self, word: str) -> bool:
        """Whether ``word`` (lowercase) stands on its own somewhere in the text.

        Searched for when asked: building a set of every word of the report took 8% of
        an ingest worker's time, for the few words a report hyphenates at line ends. A
        hyphenated line end never matches itself (a newline stands between its halves).
        """
        if word not in self._seen:
            if self._lower is None:
                self._lower = self.text.lower()
            self._seen[word] = _stands_alone(self._lower, word)
        return self._seen[word]

    def join(self, left: str, right: str) -> str:
        low_l, low_r = left.lower(), right.lower()
        if self._occurs(low_l + low_r):
            return left + right
        if self._occurs(f"{low_l}-{low_r}"):
            return f"{left}-{right}"
        if (
            low_l in _COMPOUND_PREFIXES
            or left[-1].isdigit()
            or right[0].isdigit()
            or (right[0].isupper() and not left.isupper())
        ):
            return f"{left}-{right}"
        return left + right

    def repair(self, text: str) -> str:
        """``text`` with each word hyphenated at a line end joined as :meth:`join` decides."""
        if "-" not in text:
            return text
        parts: list[str] = []
        done = 0
        for match in _HYPHEN_BREAK.finditer(text):
            start = _word_start(text, match.start())
            if start == match.start() or start < done:  # no word before, or the last join's word
                continue
            parts += (text[done:start], self.join(text[start : match.start()], match.group(1)))
            done = match.end()
        return "".join(parts) + text[done:] if parts else text


def _word_start(text: str, end: int) -> int:
    """Where the word that ends at ``end`` starts (``end`` itself if no word ends there)."""
    start = end
    while start and _WORD_CHAR.match(text, start - 1):
        start -= 1
    return start


def _stands_alone(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` with no word character either side (``str.find``, not a
    regex: a pattern opening with a look-behind cannot use the fast literal scan)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _WORD_CHAR.match(text, at - 1)) and (
            end == len(text) or not _WORD_CHAR.match(text, end)
        ):
            return True
        at = text.find(word, at + 1)
    return False


def _tidy(text: str) -> str:
    # the patterns try every space and newline of a page; most pages hold neither case
    if " \n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


_TAIL_FRAGMENT = re.compile(r"(?<!\w)(\w+)-[ ]*$")
_HEAD_FRAGMENT = re.compile(r"^[ ]*(\w+)")


def normalise_pages(pages: Sequence[str]) -> list[str]:
    """Return cleaned page texts: folded, margins stripped, hyphenated line ends joined.

    A word hyphenated across a page break is completed on the page where it
    starts, so a phrase match there cites the first page.
    """
    folded = [fold(p) for p in pages]
    split = [p.split("\n") for p in folded]
    running = _running_keys(split)
    bodies = ["\n".join(_strip_margins(lines, running)).strip() for lines in split]
    dehyphen = _Dehyphenator("\n".join(bodies))
    for i in range(len(bodies) - 1):
        tail_start = max(0, len(bodies[i]) - 80)
        tail = _TAIL_FRAGMENT.search(bodies[i], tail_start)
        head = _HEAD_FRAGMENT.match(bodies[i + 1])
        if tail and head:
            word = dehyphen.join(tail.group(1), head.group(1))
            bodies[i] = bodies[i][: tail.start()] + word
            bodies[i + 1] = bodies[i + 1][head.end() :].lstrip()
    return [_tidy(dehyphen.repair(body)) for body in bodies]


def normalise_text(text: str) -> str:
    """Normalise one unpaged text (an HTML page): fold variants, join hyphenated line ends."""
    folded = fold(text)
    return _tidy(_Dehyphenator(folded).repair(folded))
