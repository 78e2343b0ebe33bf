"""The index round trip on a real Whoosh index in a temporary directory."""

from __future__ import annotations

import shutil

import pytest
from builders import body_page, cover, make_pdf

from index import (
    DocumentNotFoundError,
    IndexLockedError,
    IndexMissingError,
    IndexStore,
    IndexVersionError,
    IngestOptions,
    ingest,
)
from index.lock import WriteLock
from search import search


def report(path, board="Leeds Safeguarding Children Board", phrase="home conditions", age=4):
    return make_pdf(
        path,
        [
            cover(board, "Serious Case Review: Child R", "Published 2 May 2016"),
            body_page(f"1.2 Child R, aged {age}, lived with Mother.", f"The {phrase} were poor."),
        ],
    )


@pytest.fixture
def empty(tmp_path):
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        yield store


def hits(store, query):
    return {h.document.id for h in search(store, query, limit=100).hits}


def test_missing_index_says_how_to_create_one(tmp_path):
    # the library names the remedy as data; the CLI words it (tests/test_cli.py checks the words)
    with pytest.raises(IndexMissingError, match="no index at") as raised:
        IndexStore.open(tmp_path / "none")
    assert raised.value.remedy == "create-index" and "casereviews" not in str(raised.value)


def test_add_then_search_then_remove(tmp_path, empty):
    path = report(tmp_path / "a.pdf")
    result = ingest(empty, [path], IngestOptions(jobs=1))
    assert (result.added, result.failed, result.documents) == (1, 0, 1)
    [document] = empty.documents()
    assert document.paths == (str(path),)
    assert hits(empty, '"home conditions"') == {document.id}
    with empty.writer() as writer:
        writer.remove(document.id)
    assert empty.documents() == []
    assert hits(empty, '"home conditions"') == set()


def test_same_file_twice_is_one_document(tmp_path, empty):
    path = report(tmp_path / "a.pdf")
    ingest(empty, [path], IngestOptions(jobs=1))
    again = ingest(empty, [path], IngestOptions(jobs=1))
    assert (again.added, again.unchanged, again.documents) == (0, 1, 1)


def test_same_bytes_at_two_paths_is_one_document_with_both_paths(tmp_path, empty):
    first = report(tmp_path / "a.pdf")
    second = tmp_path / "copy.pdf"
    shutil.copyfile(first, second)
    result = ingest(empty, [first, second], IngestOptions(jobs=1))
    assert (result.added, result.linked, result.documents) == (1, 1, 1)
    [document] = empty.documents()
    assert document.paths == (str(first), str(second))


def test_changed_file_replaces_its_document(tmp_path, empty):
    path = report(tmp_path / "a.pdf", phrase="home conditions")
    ingest(empty, [path], IngestOptions(jobs=1))
    [old] = empty.documents()
    report(path, phrase="school attendance")
    result = ingest(empty, [path], IngestOptions(jobs=1))
    assert (result.replaced, result.documents) == (1, 1)
    [new] = empty.documents()
    assert new.id != old.id
    assert hits(empty, '"home conditions"') == set()
    assert hits(empty, '"school attendance"') == {new.id}


def test_removing_one_path_keeps_the_document_at_the_other(tmp_path, empty):
    first = report(tmp_path / "a.pdf")
    second = tmp_path / "b.pdf"
    shutil.copyfile(first, second)
    ingest(empty, [first, second], IngestOptions(jobs=1))
    with empty.writer() as writer:
        writer.remove(str(first))
    [document] = empty.documents()
    assert document.paths == (str(second),)
    with empty.writer() as writer:
        writer.remove(str(second))
    assert empty.documents() == []


def test_resolve_by_id_prefix_and_path(tmp_path, empty):
    path = report(tmp_path / "a.pdf")
    ingest(empty, [path], IngestOptions(jobs=1))
    [document] = empty.documents()
    assert empty.resolve(document.id[:6]).id == document.id
    assert empty.resolve(str(path)).id == document.id
    with pytest.raises(DocumentNotFoundError, match="no document 'ffffffffffff'"):
        empty.resolve("ffffffffffff")


def test_failed_batch_leaves_the_index_as_it_was(tmp_path, empty):
    ingest(empty, [report(tmp_path / "a.pdf")], IngestOptions(jobs=1))
    with pytest.raises(RuntimeError), empty.writer() as writer:
        writer.remove(empty.documents()[0].id)
        raise RuntimeError("crash in the middle of a batch")
    assert len(empty.documents()) == 1
    assert len(hits(empty, '"home conditions"')) == 1


def test_whoosh_ahead_of_the_catalog_is_reconciled(tmp_path, empty):
    """A kill between the Whoosh commit and the catalog commit is repaired by the next writer."""
    ingest(empty, [report(tmp_path / "a.pdf"), report(tmp_path / "b.pdf", age=7)], IngestOptions(jobs=1))
    kept, removed = empty.documents()
    extra = report(tmp_path / "c.pdf", age=9)
    writer = empty.writer()
    writer.__enter__()
    writer.remove(removed.id)
    from index.catalog import PathState
    from ingest import extract

    extraction = extract(extra)
    writer.put(extraction, PathState(str(extra), bytes(extra), extraction.document.id, 1, 1))
    # commit Whoosh only, then "die" before the catalog commits
    writer._writer.commit()
    writer._writer = None
    writer.catalog.rollback()
    writer._close()
    # Whoosh's newest generation lost one document and gained another that the catalog, the truth,
    # never recorded; readers open the generation the catalog recorded, so they see neither change
    assert newest_whoosh_ids(empty) == {kept.id, extraction.document.id}
    assert {d.id for d in empty.documents()} == {kept.id, removed.id}
    assert whoosh_ids(empty) == {kept.id, removed.id}
    assert hits(empty, '"home conditions"') == {kept.id, removed.id}
    with empty.writer():
        pass  # the next writer notices and reconciles
    assert whoosh_ids(empty) == {kept.id, removed.id}
    assert hits(empty, '"home conditions"') == {kept.id, removed.id}


def newest_whoosh_ids(store):
    ix = store.open_whoosh()
    try:
        with ix.searcher() as searcher:
            return {fields["id"] for fields in searcher.all_stored_fields()}
    finally:
        ix.close()


def whoosh_ids(store):
    with store.searcher() as searcher:
        return {fields["id"] for fields in searcher.all_stored_fields()}


def test_second_writer_waits_then_gives_up_with_a_clear_message(empty):
    with (
        WriteLock(empty.directory, timeout=0),
        pytest.raises(IndexLockedError, match="being written by another") as raised,
        empty.writer(lock_timeout=0.3),
    ):
        pass
    assert raised.value.remedy == "lock-timeout" and "--" not in str(raised.value)


def test_reindex_rebuilds_from_stored_text(tmp_path, empty):
    ingest(empty, [report(tmp_path / "a.pdf")], IngestOptions(jobs=1))
    before = hits(empty, '"home conditions"')
    old_dir = empty.whoosh_dir()
    with empty.searcher():
        assert empty.reindex() == 1
    assert empty.whoosh_dir() != old_dir
    assert old_dir.exists()  # kept a while for the search that had it open
    assert hits(empty, '"home conditions"') == before
    empty.remove_stale_indexes(grace=0)
    assert not old_dir.exists() and empty.whoosh_dir().exists()
    newer = empty.whoosh_dir()
    assert empty.reindex() == 1  # with no search reading, the replaced index goes at once
    assert not newer.exists() and hits(empty, '"home conditions"') == before


def test_index_from_another_schema_version_is_refused_until_reindexed(tmp_path, empty):
    ingest(empty, [report(tmp_path / "a.pdf")], IngestOptions(jobs=1))
    empty.catalog.set_meta("schema_version", "0")
    with pytest.raises(IndexVersionError, match="schema version 0") as raised:
        IndexStore.open(empty.directory)
    assert raised.value.remedy == "reindex"
    with IndexStore.open(empty.directory, check_version=False) as old:
        old.reindex()
    with IndexStore.open(empty.directory) as fixed:
        assert len(fixed.documents()) == 1


def test_corrections_override_and_survive_force_reingest(tmp_path, empty):
    path = report(tmp_path / "a.pdf")
    ingest(empty, [path], IngestOptions(jobs=1))
    [document] = empty.documents()
    with empty.writer() as writer:
        corrected = writer.correct(
            document.id, {"lscb": "Bradford Safeguarding Children Board", "child_ages": [3.5]}
        )
    assert corrected.lscb == "Bradford Safeguarding Children Board"
    assert corrected.metadata.provenance["lscb"].source == "manual"
    assert corrected.corrected == ("lscb", "child_ages")
    ingest(empty, [path], IngestOptions(jobs=1, force=True))
    [again] = empty.documents()
    assert again.lscb == "Bradford Safeguarding Children Board"
    assert again.child_ages == (3.5,)
    assert again.published == "2016-05-02"  # not corrected: still extracted


def test_corrections_follow_a_changed_file_at_the_same_path(tmp_path, empty):
    path = report(tmp_path / "a.pdf", age=4)
    ingest(empty, [path], IngestOptions(jobs=1))
    with empty.writer() as writer:
        writer.correct(empty.documents()[0].id, {"child_ages": [5.0]})
    report(path, age=4, phrase="new wording")
    ingest(empty, [path], IngestOptions(jobs=1))
    [document] = empty.documents()
    assert document.child_ages == (5.0,)


def test_a_file_where_the_index_should_be_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(IndexMissingError, match="cannot create an index"):
        IndexStore.open(blocker / "ix", create=True)


def test_a_damaged_catalog_is_a_clear_error(tmp_path):
    (tmp_path / "ix").mkdir()
    (tmp_path / "ix" / "catalog.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(IndexMissingError, match="not a casereviews catalog or is damaged"):
        IndexStore.open(tmp_path / "ix")


def test_many_small_commits_keep_the_segment_count_bounded(tmp_path, empty):
    from index.segments import MAX_SEGMENTS

    paths = [make_pdf(tmp_path / f"{n}.pdf", [[f"report {n} on home conditions"]]) for n in range(24)]
    report = ingest(empty, paths, IngestOptions(jobs=2, commit_every=1, commit_growth=0))  # 24 commits
    assert report.added == 24
    ix = empty.open_whoosh()
    try:
        with ix.searcher() as searcher:
            assert len(searcher.reader().leaf_readers()) <= MAX_SEGMENTS + 1
    finally:
        ix.close()
    assert len(hits(empty, '"home conditions"')) == 24


def _segment_files(store) -> set[str]:
    return {p.name for p in store.whoosh_dir().iterdir() if p.name.startswith("MAIN_") and "." in p.name}


def _current_files(store) -> set[str]:
    ix = store.open_whoosh()
    try:
        ids = {segment.segment_id() for segment in ix._segments()}
    finally:
        ix.close()
    return {name for name in _segment_files(store) if name.split(".", 1)[0] in ids}


def test_files_of_superseded_generations_are_kept_for_open_readers(tmp_path, empty):
    from whoosh import query as wq

    paths = [make_pdf(tmp_path / f"{n}.pdf", [[f"report {n} on home conditions"]]) for n in range(22)]
    ingest(empty, paths[:12], IngestOptions(jobs=1, commit_every=1, commit_growth=0))
    with empty.searcher() as early:
        # more commits merge the segments this search is reading
        ingest(empty, paths[12:20], IngestOptions(jobs=1, commit_every=1, commit_growth=0))
        assert len(list(early.search(wq.Every(), limit=None))) == 12
        kept = _segment_files(empty) - _current_files(empty)
        assert kept  # superseded files stay while a search may still open them
    assert len(hits(empty, '"home conditions"')) == 20
    # the next write, with no search reading, deletes them at once (no grace period to wait out)
    ingest(empty, paths[20:], IngestOptions(jobs=1, commit_every=1))
    assert _segment_files(empty) == _current_files(empty)
    assert len(hits(empty, '"home conditions"')) == 22


def test_an_ingest_with_no_reader_leaves_only_the_current_files(tmp_path, empty):
    paths = [make_pdf(tmp_path / f"{n}.pdf", [[f"report {n} on home conditions"]]) for n in range(20)]
    ingest(empty, paths, IngestOptions(jobs=1, commit_every=1, commit_growth=0))  # 20 commits, merges
    assert _segment_files(empty) == _current_files(empty)
    assert not [
        p for p in empty.whoosh_dir().iterdir() if p.name.startswith("_MAIN_") and p.name.endswith(".toc")
    ][1:]


def test_a_path_that_exists_is_shown_before_a_dead_one(tmp_path, empty):
    from search import ris

    first = report(tmp_path / "a-first.pdf")
    second = tmp_path / "b-second.pdf"
    shutil.copy(first, second)  # the same bytes at two paths: one document
    ingest(empty, [first, second], IngestOptions(jobs=1))
    (document,) = empty.documents()
    assert document.paths == (str(first), str(second))
    first.unlink()  # the first path (alphabetically) is now dead
    (document,) = empty.documents()
    assert document.paths[0] == str(second)
    assert f"file://{second}" in ris([document])
