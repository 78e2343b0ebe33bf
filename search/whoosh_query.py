"""A query's syntax tree as Whoosh query objects: prefixes and fuzzy words expanded, NOT made safe.

Only :mod:`search` builds Whoosh queries; the tree of :mod:`search.query` is what crosses borders.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.searching import Searcher

from index.analysis import STEM_MARK, stem

from .and_not import AndNot
from .errors import QueryError
from .phrases import ExactPhrase, NearWords
from .query import Node, Not, Or, Phrase, Word, facet_by_field

#: At most this many index words may stand for one ``prefix*`` or ``word~``.
MAX_EXPANSION = 1000


def to_whoosh(node: Node, searcher: Searcher, expansions: dict[Word, list[str]] | None = None) -> wq.Query:
    """Translate a syntax tree into a Whoosh query, expanding prefixes and fuzzy words.

    The words each ``prefix*`` and ``word~`` stood for are recorded in ``expansions``.
    """
    expansions = {} if expansions is None else expansions
    if isinstance(node, Word):
        return _word_query(node, searcher, expansions)
    if isinstance(node, Phrase):
        if len(node.words) == 1:
            return wq.Term(node.field, node.words[0])
        if node.slop is not None:
            # "a b"~N: N words may stand between them, in either order
            return NearWords(node.field, list(node.words), node.slop + 1)
        return ExactPhrase(node.field, list(node.words))
    if isinstance(node, Not):
        # Every live document but these. Not wq.Not: its InverseMatcher can return a deleted
        # document (the one after the child's last match), so a replaced copy was counted twice.
        return AndNot(wq.Every(), to_whoosh(node.child, searcher, expansions))
    if isinstance(node, Or):
        return wq.Or([to_whoosh(c, searcher, expansions) for c in node.children])
    positives = [to_whoosh(c, searcher, expansions) for c in node.children if not isinstance(c, Not)]
    negatives = [to_whoosh(c.child, searcher, expansions) for c in node.children if isinstance(c, Not)]
    if not positives:
        positives = [wq.Every()]
    positive = positives[0] if len(positives) == 1 else wq.And(positives)
    if not negatives:
        return positive
    negative = negatives[0] if len(negatives) == 1 else wq.Or(negatives)
    return AndNot(positive, negative)


def _word_query(node: Word, searcher: Searcher, expansions: dict[Word, list[str]]) -> wq.Query:
    if node.field in facet_by_field():
        return wq.Term(node.field, node.text)
    reader = searcher.reader()
    if node.prefix:
        expanded = []
        for term in reader.expand_prefix(node.field, node.text):
            expanded.append(term if isinstance(term, str) else term.decode("utf-8"))
            if len(expanded) > MAX_EXPANSION:
                raise QueryError(
                    f"'{node.text}*' matches more than {MAX_EXPANSION} different words; use a longer prefix"
                )
        expansions[node] = expanded
        return wq.Or([wq.Term(node.field, t) for t in expanded]) if expanded else wq.NullQuery
    if node.fuzzy:
        similar = list(reader.terms_within(node.field, node.text, node.fuzzy, prefix=1))
        similar = [t for t in similar if not t.startswith(STEM_MARK)][:MAX_EXPANSION]
        if node.text not in similar:
            similar.append(node.text)
        expansions[node] = similar
        return wq.Or([wq.Term(node.field, t) for t in similar])
    return wq.Or([wq.Term(node.field, term) for term in word_terms(node.text)])


def word_terms(word: str) -> list[str]:
    """The index terms a bare word matches: itself, every word with its stem, and the word that is
    its stem ("records" finds "record", which is indexed without a stem term of its own)."""
    stemmed = stem(word)
    terms = [word, STEM_MARK + stemmed]
    return [*terms, stemmed] if stemmed != word else terms
