"""Shared fixtures: report files built at test time, indexes in temporary directories."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import body_page, cover, make_html, make_pdf
from click.testing import CliRunner

from index import IndexStore, IngestOptions, ingest

FILLER = (
    "Agencies were asked to provide a chronology of their involvement and a report analysing "
    "their practice. The review panel met on six occasions and was chaired by a senior manager "
    "who had no direct involvement in the case."
)

#: The words of :func:`library`'s reports (random texts for queries built of them).
LIBRARY_WORDS = ["neglect", "housing", "school", "referral", "police", "unseen", "male", "the", "of", "drift"]
LIBRARY_WORDS += ["visited", "visits", "visiting", "health", "domestic", "incident", "escalation", "mother"]


@pytest.fixture(autouse=True)
def _no_kept_results() -> None:
    """Each test starts with no search results kept from another (search.cache lives in the process)."""
    from search import cache

    cache.clear()


@pytest.fixture
def runner() -> CliRunner:
    """A click runner that keeps stdout and stderr apart."""
    return CliRunner()


def build_reports(folder: Path) -> dict[str, Path]:
    """A small collection: three PDFs and two HTML pages with known facts and phrases."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    made["baby"] = make_pdf(
        folder / "bexley-baby-f.pdf",
        [
            cover(
                "BEXLEY SAFEGUARDING CHILDREN BOARD",
                "Serious Case Review: Baby F",
                "Subject of the review: Baby F aged 5 months (deceased)",
                "Date of publication: 14th March 2016",
            ),
            body_page(
                "1.1 In May 2014 the Bexley Safeguarding Children Board agreed that the "
                "circumstances of Baby F met the criteria for a serious case review.",
                "1.2 Baby F, aged 5 months, died after a collapse at home. Mother, aged 19, "
                "was the main carer.",
                FILLER,
            ),
            body_page(
                "2.1 Practitioners noted disguised compliance by the adults in the household.",
                FILLER,
                "2.2 There was poor information sharing between the health visitor and "
                "children's social care, and the unseen male partner on the tenancy was never assessed.",
            ),
            body_page(FILLER, "3.1 The panel considered the home conditions again.", FILLER),
        ],
        title="Microsoft Word - SCR Baby F FINAL.docx",
        header="Bexley SCR - Baby F",
        footer=True,
    )
    made["teen"] = make_pdf(
        folder / "sussex-child-m.pdf",
        [
            cover(
                "West Sussex Safeguarding Children Partnership",
                "Local Child Safeguarding Practice Review: Child M",
                "Published: 11 August 2021",
            ),
            body_page(
                "1.1 The West Sussex Safeguarding Children Partnership carried out a rapid review.",
                "1.2 Child M was aged fifteen at the time of the incident. Her older sibling, "
                "aged 19, lived elsewhere.",
                "1.3 Records held by Brighton and Hove Safeguarding Children Partnership showed "
                "earlier concerns.",
            ),
            body_page(
                "2.1 Professionals saw signs of child criminal exploitation and information "
                "sharing was delayed.",
                FILLER,
            ),
        ],
    )
    made["siblings"] = make_pdf(
        folder / "leeds-family-t.pdf",
        [
            cover(
                "Leeds Safeguarding Children Board",
                "Serious Case Review: Family T",
                "June 2015",
            ),
            body_page(
                "1.1 In August 2013 the Leeds Safeguarding Children Board agreed that the "
                "circumstances of Family T met the criteria for a serious case review.",
                "1.2 The review concerns the three children of Family T, aged 9, 6 and 2, who "
                "were living in conditions of serious neglect.",
            ),
            body_page("2.1 The home conditions were described as poor on many occasions.", FILLER),
        ],
    )
    made["html_toddler"] = make_html(
        folder / "devon-child-p.html",
        title="Child P SCR",
        site="Devon Safeguarding Children Board",
        head_extra='<meta name="DC.date.issued" content="2017-04-27">',
        body=(
            "<p>The Devon Safeguarding Children Board agreed that the circumstances of Child P met "
            "the criteria for a serious case review.</p>"
            "<p>Child P was a 2-year-6-month-old boy when he was admitted to hospital. Father, aged "
            "27, lived in the household.</p>"
            "<p>Practitioners described disguised compliance and there was little information "
            "sharing with the school.</p>"
        ),
    )
    made["html_nodate"] = make_html(
        folder / "knowsley-child-ab.html",
        title="Child AB SCR",
        site="Knowsley Safeguarding Children Board",
        body=(
            "<p>The Knowsley Safeguarding Children Board agreed that the circumstances of Child AB "
            "met the criteria for a serious case review.</p>"
            "<p>The home conditions were poor and the family moved house four times.</p>"
        ),
    )
    return made


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small collection, built once per test session (read-only)."""
    return build_reports(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def indexed(tmp_path_factory: pytest.TempPathFactory, corpus: dict[str, Path]) -> Path:
    """An index holding :func:`corpus`, built once per session (read-only for tests)."""
    directory = tmp_path_factory.mktemp("index")
    with IndexStore.open(directory, create=True) as store:
        report = ingest(store, [next(iter(corpus.values())).parent], IngestOptions(jobs=2))
    assert report.failed == 0, report.failures
    return directory


@pytest.fixture
def store(indexed: Path):
    """The session index, opened for reading."""
    with IndexStore.open(indexed) as opened:
        yield opened


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexStore]:
    """150 reports over several segments, some replaced and some removed (deleted documents)."""
    rng = random.Random(21)
    root = tmp_path_factory.mktemp("docsets")
    folder = root / "reports"
    folder.mkdir()

    def write(number: int) -> None:
        body = " ".join(rng.choices(LIBRARY_WORDS, k=rng.randrange(20, 400)))
        make_html(folder / f"r{number:03d}.html", title=f"Review {number}", body=f"<p>{body}</p>")

    for number in range(150):
        write(number)
    store = IndexStore.open(root / "ix", create=True)
    ingest(store, [folder], IngestOptions(jobs=1, commit_every=40))
    for number in range(0, 150, 7):
        write(number)  # changed: re-indexed into a new segment, the old copy deleted
    ingest(store, [folder], IngestOptions(jobs=1, commit_every=40))
    with store.writer() as writer:
        for document in store.documents()[:9]:
            writer.remove(document.id)
    yield store
    store.close()
