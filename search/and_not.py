"""``a AND NOT b`` whose first match is checked against ``b`` like every other.

Whoosh's ``AndNotMatcher`` checks its first document against the excluded ones only when
both posting lists start on the same document. When ``b`` starts earlier, ``a``'s first
document in a segment was kept even if ``b`` holds it: on the ranking tests' library,
``"mother drift" NOT "mother drift"~4`` listed two reports, one in each of two segments,
while the counts from posting lists (:mod:`search.docsets`) said none. :class:`AndNot`
is Whoosh's query with that check made; scoring, skipping and everything else are Whoosh's.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh.matching import AndNotMatcher


class _CheckedAndNotMatcher(AndNotMatcher):
    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()  # skips b up to a's first document, then past every shared one


class AndNot(wq.AndNot):
    """Documents matching ``a`` and not ``b``, scored by ``a`` (Whoosh's ``AndNot``, first match checked)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        """Whoosh's matcher for ``a`` without ``b``'s documents, its first document checked too."""
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return _CheckedAndNotMatcher(scored, excluded)


__all__ = ["AndNot"]
