"""Which of the age candidates are the subject children's ages: agreement, sibling groups, no guesses.

The rules of :mod:`.age_rules` find candidates; this module decides. The top
candidate wins only if every candidate of equal score agrees with it. For a
sibling group named in the title, each child's own age is joined, and a set of
ages smaller than the group the title names is no answer: a partial family
(two bands for three children) is wrong and confident, so the field goes to the
review queue instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from .candidates import MIN_AGE_SCORE, Candidate
from .subject import group_members, several_subjects


def _key(values: object) -> tuple[float, ...]:
    return tuple(sorted(round(v, 2) for v in values))  # type: ignore[attr-defined]


def same_ages(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two sets of ages agree (within 5%, or 0.02 years for newborns)."""
    if len(a) != len(b):
        return False
    return all(abs(x - y) <= max(0.05 * max(x, y), 0.02) for x, y in zip(a, b, strict=True))


def _single(candidates: list[Candidate]) -> Candidate | None:
    """The top candidate if every candidate of equal score agrees with it."""
    ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
    top = ranked[0]
    for rival in ranked[1:]:
        if rival.score < top.score:
            break
        if not same_ages(_key(rival.value), _key(top.value)):
            return None
    return top


def _per_subject(
    candidates: list[Candidate], names: Sequence[str], members: Sequence[str]
) -> Candidate | None:
    """For a sibling group: each named subject's own age, joined (None unless each is clear, and
    each of ``members``, the children the title names, has one)."""
    singles = [n.lower() for n in names if " and " not in n.lower() and "," not in n]
    group = {" ".join(m.lower().split()) for m in members}
    picks: list[Candidate] = []
    for subject in dict.fromkeys(singles):
        own = [c for c in candidates if c.subject == subject and len(c.value) == 1]  # type: ignore[arg-type]
        if not own:
            if subject in group:
                return None  # a child the title names has no age of its own: no partial family
            continue
        pick = _single(own)
        if pick is None:
            return None
        picks.append(pick)
    if len(picks) < 2:
        return None
    ages = tuple(a for p in picks for a in p.value)  # type: ignore[attr-defined]
    first = min(picks, key=lambda c: c.page or 0)
    text = " … ".join(p.text for p in picks)
    return Candidate(ages, min(p.score for p in picks), "each-subject", first.page, text, "*")


def choose_ages(candidates: list[Candidate], names: Sequence[str] = ()) -> Candidate | None:
    """The subject children's ages, or None when nothing strong enough agrees."""
    strong = [c for c in candidates if c.score >= MIN_AGE_SCORE]
    if not strong:
        return None
    if several_subjects(names):
        members = group_members(names)
        joined = _per_subject(strong, names, members)
        if joined is not None:
            strong = [c for c in strong if c.subject == "*" or len(c.value) > 1] + [joined]  # type: ignore[arg-type]
        pick = _single(strong)
        # fewer ages than the children the title names is a partial family (two bands for three
        # children, confidently): the review queue, not the index
        if pick is not None and len(pick.value) < len(members):  # type: ignore[arg-type]
            return None
        return pick
    return _single(strong)
