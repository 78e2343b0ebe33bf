"""Builders for codec tests: Whoosh segments of random texts written by a chosen codec, and their postings."""

from __future__ import annotations

import random
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from index import fields as F
from index.schema import build_schema

WORDS = ["the", "unseen", "male", "neglect", "housing", "school", "referral", "health", "visitor"]


def random_texts(count: int, seed: int) -> list[str]:
    """``count`` texts of 3 to 60 words drawn from :data:`WORDS`."""
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, k=rng.randrange(3, 60))) for _ in range(count)]


def write_segment(folder: Path, texts: list[str], codec: object, start: int = 0) -> None:
    """Add ``texts`` to the index in ``folder`` (created if need be) as one new segment, by ``codec``."""
    ix = whoosh_index.open_dir(str(folder)) if folder.exists() else None
    if ix is None:
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
    writer = SegmentWriter(ix, codec=codec, compound=False)
    for number, text in enumerate(texts, start=start):
        writer.add_document(**{F.ID: str(number), F.TEXT: text})
    writer.commit(mergetype=lambda w, segments: segments)  # no merge: one segment per write
    ix.close()


def text_postings(folder: Path) -> dict[str, list[tuple[str, float, list]]]:
    """Every word's postings in the text field: (document id, weight, characters), walked one by one."""
    ix = whoosh_index.open_dir(str(folder))
    out = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for word in WORDS:
            matcher = reader.postings(F.TEXT, word)
            rows = []
            while matcher.is_active():
                rows.append(
                    (
                        searcher.stored_fields(matcher.id())[F.ID],
                        matcher.weight(),
                        matcher.value_as("characters"),
                    )
                )
                matcher.next()
            out[word] = rows
    ix.close()
    return out


def merge_all(writer: SegmentWriter, segments: list) -> list:
    """A Whoosh merge policy that merges every segment into the new one."""
    from whoosh.reading import SegmentReader

    for segment in segments:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return []
