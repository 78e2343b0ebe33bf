"""Phrase recall: the engine's phrase results against a brute-force scan of the text.

    python -m bench.eval_phrases [--corpus ../shared/corpora/dev] [--random 500] [--json out.json]

Ingests the corpus into a temporary index, then, for every phrase, compares
the set of documents the engine returns with the set whose normalised text
(the text the engine indexed) contains the phrase word for word. Phrases are
the corpus's planted ones (``phrases.json``, if present: hyphenated line
breaks, page breaks, table cells, two-column pages) and random word runs drawn
from the documents. For planted phrases it also checks that every expected
page is cited (``match_pages``; a phrase across a page break cites the page
it starts on). Agreement must be 100%.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

from index import IndexStore, IngestOptions, ingest
from index.analysis import indexed_text, words
from search import search

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "dev"


def _word_texts(store: IndexStore) -> dict[str, str]:
    """Each document's normalised text as its index words joined by spaces."""
    return {d.id: " " + " ".join(words(indexed_text(store.pages(d.id)))) + " " for d in store.documents()}


def brute_force(texts: dict[str, str], phrase: str) -> set[str]:
    """Documents whose word sequence contains the phrase's words in order, adjacent."""
    needle = " " + " ".join(words(phrase)) + " "
    return {doc_id for doc_id, text in texts.items() if needle in text}


def random_phrases(texts: dict[str, str], count: int, seed: int) -> list[str]:
    """Runs of 2–5 consecutive words taken from random places in the documents."""
    rng = random.Random(seed)
    ids = sorted(texts)
    phrases: list[str] = []
    while len(phrases) < count and ids:
        tokens = texts[rng.choice(ids)].split()
        if len(tokens) < 6:
            continue
        length = rng.randrange(2, 6)
        start = rng.randrange(0, len(tokens) - length)
        phrases.append(" ".join(tokens[start : start + length]))
    return phrases


def evaluate(corpus: Path, random_count: int, seed: int) -> dict[str, Any]:
    """Ingest ``corpus`` and compare engine and brute force on every phrase."""
    with tempfile.TemporaryDirectory(prefix="casereviews-phrases-") as work:
        store = IndexStore.open(Path(work) / "index", create=True)
        report = ingest(store, [corpus], IngestOptions(jobs=2))
        texts = _word_texts(store)
        by_path = {Path(p).resolve(): d.id for d in store.documents() for p in d.paths}
        planted = (
            json.loads((corpus / "phrases.json").read_text()) if (corpus / "phrases.json").exists() else []
        )
        phrases = [p["phrase"] for p in planted] + random_phrases(texts, random_count, seed)
        disagreements = []
        for phrase in phrases:
            result = search(store, f'"{phrase}"', limit=len(texts) + 1, snippets=0)
            found = {h.document.id for h in result.hits}
            expected = brute_force(texts, phrase)
            if found != expected:
                disagreements.append(
                    {"phrase": phrase, "missing": sorted(expected - found), "extra": sorted(found - expected)}
                )
        pages_expected = pages_cited = 0
        uncited = []
        planted_missing = []
        for item in planted:
            result = search(store, f'"{item["phrase"]}"', limit=len(texts) + 1, snippets=0)
            hits = {h.document.id: h for h in result.hits}
            for where in item["hits"]:
                doc_id = by_path.get((corpus / where["file"]).resolve())
                if doc_id not in hits:
                    planted_missing.append({"phrase": item["phrase"], "file": where["file"]})
                    continue
                if where.get("page") is None:
                    continue
                pages_expected += 1
                if where["page"] in hits[doc_id].match_pages:
                    pages_cited += 1
                else:
                    uncited.append(
                        {
                            "phrase": item["phrase"],
                            "file": where["file"],
                            "page": where["page"],
                            "cited": list(hits[doc_id].match_pages),
                        }
                    )
        store.close()
    agreed = len(phrases) - len(disagreements)
    return {
        "corpus": str(corpus),
        "documents": len(texts),
        "ingest_failures": [{"path": f.path, "reason": f.reason} for f in report.failures],
        "phrases": len(phrases),
        "planted_phrases": len(planted),
        "random_phrases": len(phrases) - len(planted),
        "agreement": round(agreed / len(phrases), 4) if phrases else 1.0,
        "disagreements": disagreements,
        "planted_documents_missing": planted_missing,
        "expected_pages": pages_expected,
        "pages_cited": pages_cited,
        "uncited_pages": uncited,
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; exit 1 if anything disagrees."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--random", type=int, default=500, help="random phrases drawn from the text")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    result = evaluate(args.corpus, args.random, args.seed)
    print(f"{result['documents']} documents in {result['corpus']}")
    print(
        f"phrases: {result['phrases']} ({result['planted_phrases']} planted, {result['random_phrases']} random)"
    )
    print(
        f"engine = brute force on {result['agreement']:.2%} of phrases; disagreements: {len(result['disagreements'])}"
    )
    for item in result["disagreements"][:20]:
        print(f"  {item['phrase']!r}: missing {item['missing']}, extra {item['extra']}")
    if result["planted_phrases"]:
        print(f"planted phrases: {len(result['planted_documents_missing'])} expected documents missing; "
              f"expected pages cited: {result['pages_cited']}/{result['expected_pages']}")  # fmt: skip
        for item in result["planted_documents_missing"] + result["uncited_pages"]:
            print(f"  {item}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    ok = (
        not result["disagreements"]
        and not result["planted_documents_missing"]
        and not result["uncited_pages"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
