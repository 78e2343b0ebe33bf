"""The query language: words, "phrases", AND/OR/NOT, (groups), "a b"~N, prefix*, word~, fields.

Bare words match any inflection (``abused`` finds "abuse"); words inside
quotes match exactly, in order. Reading is lenient where the intent is
clear (an unclosed quote or parenthesis is closed at the end, punctuation
is ignored) and strict where it is not (a dangling ``AND``): then a
:class:`QueryError` says what to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from index import fields as F
from index.analysis import words
from index.facets import FACETS, Facet, FacetValueError

from .errors import QueryError

#: Query-language field names -> index fields for the text fields; each facet adds its own.
TEXT_FIELDS = {
    "text": F.TEXT,
    "title": F.TITLE,
    "lscb": F.LSCB_TEXT,
    "board": F.LSCB_TEXT,  # the documented alias of lscb:
}


def fields() -> dict[str, str]:
    """Field names a query may use and the index field each searches (read from the facet registry
    at each parse, so a facet registered later is a query field too)."""
    return {**TEXT_FIELDS, **{name: entry.field for entry in FACETS.values() for name in entry.query_names}}


def facet_by_field() -> dict[str, Facet]:
    """Facet fields hold exact values ("wales", "2016"): a term there is looked up as typed."""
    return {entry.field: entry for entry in FACETS.values() if entry.query_names}


#: Caps on what one query may hold, so that every query gets an answer or a one-line error: the
#: parser and Whoosh's matchers recurse, and 1,000 words or 400 nested brackets exhausted the stack.
MAX_TERMS = 200
MAX_NESTING = 32
MAX_PHRASE_WORDS = 64
MAX_FUZZY_DISTANCE = 2
OPERATORS = ("AND", "OR", "NOT")


# ---------------------------------------------------------------- syntax tree


@dataclass(frozen=True)
class Word:
    """A bare word (stemmed), a ``prefix*`` or a fuzzy ``word~N``."""

    text: str
    field: str = F.TEXT
    prefix: bool = False
    fuzzy: int = 0


@dataclass(frozen=True)
class Phrase:
    """Exact words in order; with ``slop`` set, all words within that many of each other."""

    words: tuple[str, ...]
    field: str = F.TEXT
    slop: int | None = None


@dataclass(frozen=True)
class And:
    """All children must match."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """Any child may match."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """The child must not match."""

    child: Node


Node = Word | Phrase | And | Or | Not


# ---------------------------------------------------------------- lexer


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "phrase", "op", "(", ")"
    text: str
    field: str | None = None
    slop: int | None = None
    negate: bool = False


_FIELD = re.compile(r"^([A-Za-z_]+):(.*)$", re.S)


def _lex(text: str) -> Iterator[_Token]:
    i, n = 0, len(text)
    known_fields = fields()
    pending_field: str | None = None
    pending_negate = False
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()":
            yield _Token(ch, ch, pending_field, negate=pending_negate)
            pending_field, pending_negate = None, False
            i += 1
            continue
        if ch in '"“”':
            end = i + 1
            while end < n and text[end] not in '"“”':
                end += 1
            body = text[i + 1 : end]
            i = end + 1  # past the closing quote (or the end: an unclosed quote ends the query)
            slop = None
            match = re.match(r"~(\d+)", text[i:]) if i < n else None
            if match:
                slop = int(match.group(1))
                i += match.end()
            yield _Token("phrase", body, pending_field, slop, pending_negate)
            pending_field, pending_negate = None, False
            continue
        end = i
        while end < n and not text[end].isspace() and text[end] not in '()"“”':
            end += 1
        chunk = text[i:end]
        i = end
        if chunk in OPERATORS:
            yield _Token("op", chunk)
            continue
        if chunk == "-" and i < n and text[i] in '"“”(' and pending_field is None:
            pending_negate = True  # -"a phrase", -(a group): the dash was cut off by the quote
            continue
        if chunk.startswith("-") and len(chunk) > 1 and pending_field is None:
            pending_negate = True
            chunk = chunk[1:]
        match = _FIELD.match(chunk)
        if match and match.group(1).lower() in known_fields:
            pending_field = known_fields[match.group(1).lower()]
            chunk = match.group(2)
            if not chunk:
                continue  # the field applies to the next phrase or group
        yield _Token("word", chunk, pending_field, negate=pending_negate)
        pending_field, pending_negate = None, False


# ---------------------------------------------------------------- parser


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = list(_lex(text))
        self.pos = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node | None:
        node = self.parse_or()
        while self.peek() is not None:  # a stray ")" closes nothing: skip it and go on
            token = self.take()
            if token.kind != ")":
                raise QueryError(f"cannot read the query near {token.text!r}")
            rest = self.parse_or()
            node = _join(And, [n for n in (node, rest) if n is not None])
        return node

    def parse_or(self) -> Node | None:
        parts = [self.parse_and()]
        while (token := self.peek()) is not None and token.kind == "op" and token.text == "OR":
            self.take()
            if self.peek() is None or self.peek().kind == ")":  # type: ignore[union-attr]
                raise QueryError("OR needs a term after it, e.g. 'neglect OR abuse'")
            parts.append(self.parse_and())
        if parts[0] is None and len(parts) > 1:
            raise QueryError("OR needs a term before it, e.g. 'neglect OR abuse'")
        present = [p for p in parts if p is not None]
        return _join(Or, present) if present else None

    def parse_and(self) -> Node | None:
        parts: list[Node] = []
        while (token := self.peek()) is not None and token.kind != ")":
            if token.kind == "op" and token.text == "OR":
                break
            if token.kind == "op" and token.text == "AND":
                self.take()
                following = self.peek()
                if not parts:
                    raise QueryError("AND needs a term before it, e.g. 'neglect AND housing'")
                if (
                    following is None
                    or following.kind == ")"
                    or (following.kind == "op" and following.text != "NOT")
                ):
                    raise QueryError("AND needs a term after it, e.g. 'neglect AND housing'")
                continue
            node = self.parse_not()
            if node is not None:
                parts.append(node)
        return _join(And, parts) if parts else None

    def parse_not(self) -> Node | None:
        token = self.peek()
        if token is not None and token.kind == "op" and token.text == "NOT":
            self.take()
            following = self.peek()
            if following is None or following.kind == ")" or following.kind == "op":
                raise QueryError("NOT needs a term after it, e.g. 'neglect NOT housing'")
            child = self.parse_not()
            return Not(child) if child is not None else None
        return self.parse_atom()

    def parse_atom(self) -> Node | None:
        token = self.take()
        if token.kind == "(":
            inner = self.parse_or()
            if self.peek() is not None and self.peek().kind == ")":  # type: ignore[union-attr]
                self.take()
            # an unclosed group ends with the query
            if inner is not None and token.field:
                inner = _with_field(inner, token.field)
            return _negate(inner, token.negate)
        if token.kind == "phrase":
            return _negate(_phrase(token), token.negate)
        return _negate(_word(token), token.negate)


def _join(kind: type[And] | type[Or], parts: list[Node]) -> Node:
    return parts[0] if len(parts) == 1 else kind(tuple(parts))


def _negate(node: Node | None, negate: bool) -> Node | None:
    return Not(node) if negate and node is not None else node


def _with_field(node: Node, field: str) -> Node:
    if isinstance(node, Word):
        return Word(node.text, field, node.prefix, node.fuzzy)
    if isinstance(node, Phrase):
        return Phrase(node.words, field, node.slop)
    if isinstance(node, Not):
        return Not(_with_field(node.child, field))
    return type(node)(tuple(_with_field(c, field) for c in node.children))


def _phrase(token: _Token) -> Node | None:
    field = token.field or F.TEXT
    if field in facet_by_field():
        return _facet_value(field, token.text)
    found = tuple(words(token.text))
    if not found:
        return None
    if token.slop is not None and len(found) > 1:
        return Phrase(found, field, token.slop)
    return Phrase(found, field)


def _facet_value(field: str, text: str) -> Node:
    """``nation:wales``, ``year:2016``: one exact value of a facet, checked like its filter."""
    entry = facet_by_field()[field]
    try:
        values = entry.parse_values([text])
    except FacetValueError as exc:
        raise QueryError(f"{entry.query_names[0]}: {exc}") from exc
    if not values:
        name = entry.query_names[0]
        raise QueryError(f"{name}: needs a value, e.g. {name}:{_example(entry)}")
    return Word(values[0], field)


def _example(entry: Facet) -> str:
    return entry.choices[0] if entry.choices else "2016"


def _word(token: _Token) -> Node | None:
    field = token.field or F.TEXT
    text = token.text
    if field in facet_by_field():
        return _facet_value(field, text)
    fuzzy = 0
    match = re.search(r"~(\d*)$", text)
    if match:
        fuzzy = int(match.group(1) or 1)
        if not 1 <= fuzzy <= MAX_FUZZY_DISTANCE:
            raise QueryError(f"fuzzy matching allows 1 or 2 edits ('word~' or 'word~2'), not {fuzzy}")
        text = text[: match.start()]
    prefix = text.endswith("*")
    found = words(text.replace("*", " ").replace("?", " "))
    if not found:
        if prefix:
            raise QueryError("a prefix needs at least one letter before '*', e.g. 'safeguard*'")
        return None  # punctuation alone: nothing to search for
    if len(found) > 1:
        # "ill-health" or "child's": the parts in order, like a phrase
        return Phrase(tuple(found), field)
    return Word(found[0], field, prefix, fuzzy)


def parse(text: str) -> Node | None:
    """Parse a query string into a syntax tree; None if it holds nothing to search for.

    Raises :class:`QueryError` past :data:`MAX_NESTING` brackets, :data:`MAX_TERMS` words and
    phrases, or a phrase of more than :data:`MAX_PHRASE_WORDS` words.
    """
    depth = deepest = 0
    for token in _lex(text):
        depth += 1 if token.kind == "(" else -1 if token.kind == ")" else 0
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise QueryError(f"the query nests brackets {deepest} deep; at most {MAX_NESTING} are allowed")
    node = _Parser(text).parse()
    leaves = list(all_leaves(node))
    if len(leaves) > MAX_TERMS:
        raise QueryError(
            f"the query has {len(leaves)} words and phrases; at most {MAX_TERMS} are searched at once"
        )
    longest = max((len(leaf.words) for leaf in leaves if isinstance(leaf, Phrase)), default=0)
    if longest > MAX_PHRASE_WORDS:
        raise QueryError(f"a phrase has {longest} words; at most {MAX_PHRASE_WORDS} are allowed")
    return node


def all_leaves(node: Node | None) -> Iterator[Word | Phrase]:
    """Every word and phrase of a tree, NOT included (iteratively: the tree may be deep)."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, (Word, Phrase)):
            yield current
        elif isinstance(current, Not):
            stack.append(current.child)
        else:
            stack.extend(current.children)


def parse_required(text: str) -> Node:
    """Parse ``text``; raise :class:`QueryError` if it has nothing to search for."""
    node = parse(text)
    if node is None:
        raise QueryError("the query has no words to search for")
    return node


def positive_leaves(node: Node | None) -> Iterator[Word | Phrase]:
    """The words and phrases a match may contain (not those under NOT), for highlighting."""
    if node is None or isinstance(node, Not):
        return
    if isinstance(node, (Word, Phrase)):
        yield node
        return
    for child in node.children:
        yield from positive_leaves(child)
