"""Themes: a review carries a theme when it discusses it, with the evidence; through every layer."""

from __future__ import annotations

import csv
import io
import json
import random
import re

import pytest
from builders import body_page, cover, make_pdf
from click.testing import CliRunner

from cli import main
from ingest.metadata.themes import _CASED, _PATTERNS, NEEDLES, VOCABULARY, _lowercase_literals, find_themes

FILLER = "The panel met on four occasions and read the agencies' chronologies."


def themes_of(*pages: str) -> dict:
    return find_themes(list(pages))


def test_a_finding_or_recommendation_on_a_theme_is_decisive():
    lines = (
        "Finding 2: Domestic abuse was not recognised",
        "Recommendation 3: Safe sleeping advice",
        "6.2 Information sharing between agencies",
        "Key finding: neglect went unrecognised",
    )
    for line in lines:
        found = themes_of(FILLER, f"{FILLER}\n{line}\n{FILLER}")
        assert len(found) == 1 and next(iter(found.values())).finding, line


def test_a_needle_inside_another_themes_needle_still_counts_for_both():
    # "drug running" (criminal exploitation) begins with "drug" (substance misuse): a line holding
    # the longer needle is a candidate for both themes, whichever the automaton reports first
    page = "Police suspected drug running from the flat. The drug running continued into the autumn."
    assert "criminal-exploitation" in themes_of(page, page)
    both = (
        "His father's drug use and alcohol misuse were known, and his drug running. "
        "Drug running paid for drug use."
    )
    assert set(themes_of(both, both)) >= {"criminal-exploitation", "parental-substance-misuse"}


def test_mentions_spread_across_pages_make_a_theme():
    page = "The domestic abuse notification was screened out. Mother spoke of domestic abuse again."
    found = themes_of(page, page, FILLER)
    assert list(found) == ["domestic-abuse"]
    assert found["domestic-abuse"].mentions == 4 and found["domestic-abuse"].pages == (1, 2)


@pytest.mark.parametrize(
    "pages",
    [
        # one passing mention
        (f"{FILLER} A domestic abuse notification was received once.", FILLER),
        # many mentions, all on one page
        ("Domestic abuse. Domestic abuse. Domestic abuse. Domestic abuse. Domestic abuse.", FILLER),
        # terms-of-reference questions list topics, they do not discuss them
        ("• How well did agencies respond to domestic abuse?\n• Was domestic abuse recognised?",
         "• Did agencies identify domestic abuse?\n• Was domestic abuse considered?"),
        # a glossary defines terms (and may run over pages)
        (FILLER, "Appendix A: Glossary\nDomestic abuse: any incident of controlling behaviour.\n"
                 "MARAC: multi-agency risk assessment conference. Domestic abuse…",
         "Domestic abuse service: a specialist service. MARAC chair: the police."),
        # a recommendation that names the theme only in its long tail is about something else
        ("Recommendation 4: Partner agencies should review how notifications are screened so that repeat "
         "incidents below the high risk level are recognised, including domestic abuse.", FILLER),
    ],
)  # fmt: skip
def test_places_that_do_not_discuss_a_theme(pages):
    assert "domestic-abuse" not in themes_of(*pages)


@pytest.mark.parametrize(
    ("sentence", "theme"),
    [
        ("Risks to the young person escalated quickly after the move.", "thresholds-escalation"),
        ("The pre-birth assessment accepted their account.", "pre-birth"),
        ("Mental health is everyone's business, the school said.", None),
    ],
)
def test_words_that_look_like_a_theme_but_are_not(sentence, theme):
    found = themes_of(*([f"{sentence} {sentence}"] * 3))
    if theme:
        assert theme not in found


def test_every_theme_term_is_reachable_through_its_needles():
    # a term no needle leads to would never be matched: each example phrase must hold a needle
    examples = {
        "domestic-abuse": "coercive and controlling behaviour",
        "parental-mental-health": "postnatal depression",
        "parental-substance-misuse": "the mother's toxicology results",
        "neglect": "poor home conditions",
        "physical-abuse": "non-accidental injury",
        "safe-sleeping": "co-sleeping",
        "sexual-exploitation": "grooming",
        "missing": "return home interview",
        "information-sharing": "information-sharing",
        "pre-birth": "unborn baby",
        "disguised-compliance": "disguised compliance",
        "thresholds-escalation": "escalation policy",
        "school-exclusion": "pupil referral unit",
        "criminal-exploitation": "county lines",
        "self-harm-suicide": "self-harm",
        "online-harm": "social media",
        "fabricated-induced-illness": "perplexing presentation",
        "disability": "autism",
        "sexual-abuse": "harmful sexual behaviour",
        "radicalisation": "radicalisation",
    }
    assert set(examples) == set(VOCABULARY) == set(NEEDLES)
    for slug, phrase in examples.items():
        page = f"Finding 1: {phrase}"
        assert slug in themes_of(page), slug


@pytest.fixture(scope="module")
def themed(tmp_path_factory):
    base = tmp_path_factory.mktemp("themes")
    (base / "in").mkdir()
    sleep = "The baby was co-sleeping with a parent on a sofa; safe sleeping advice had not been repeated."
    abuse = "Repeated domestic abuse incidents were screened out and coercive control was not recognised."
    files = {
        "sleep": make_pdf(base / "in" / "sleep.pdf", [
            cover("Devon Safeguarding Children Board", "Serious Case Review: Baby S"),
            body_page(sleep, FILLER), body_page(sleep, "Finding 1: Safe sleeping")]),
        "abuse": make_pdf(base / "in" / "abuse.pdf", [
            cover("Leeds Safeguarding Children Board", "Serious Case Review: Child A"),
            body_page(abuse, FILLER), body_page(abuse, FILLER)]),
        "none": make_pdf(base / "in" / "none.pdf", [
            cover("Leeds Safeguarding Children Board", "Serious Case Review: Child N"), body_page(FILLER)]),
    }  # fmt: skip
    index_dir = base / "ix"
    assert CliRunner().invoke(main, ["--index", str(index_dir), "ingest", str(base / "in")]).exit_code == 0
    return index_dir, files


def run(index_dir, *args):
    result = CliRunner().invoke(main, ["--index", str(index_dir), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_themes_filter_facet_query_and_outputs(themed):
    index_dir, _ = themed
    assert {
        d["title"] for d in json.loads(run(index_dir, "list", "--theme", "safe-sleeping", "--format", "json"))
    } == {"Serious Case Review: Baby S"}
    either = json.loads(run(index_dir, "list", "--theme", "safe-sleeping", "--theme", "domestic-abuse",
                            "--format", "json"))  # fmt: skip
    assert len(either) == 2
    facets = json.loads(run(index_dir, "facets", "--format", "json"))["theme"]
    assert facets == {"domestic-abuse": 1, "safe-sleeping": 1, "unknown": 1}
    hits = json.loads(run(index_dir, "search", "theme:domestic-abuse", "--format", "json"))["hits"]
    assert [h["themes"] for h in hits] == [["domestic-abuse"]]
    rows = list(csv.DictReader(io.StringIO(run(index_dir, "list", "--format", "csv"))))
    assert {r["themes"] for r in rows} == {"safe-sleeping", "domestic-abuse", ""}
    assert "KW  - safe-sleeping" in run(index_dir, "list", "--theme", "safe-sleeping", "--format", "ris")
    assert "safe-sleeping" in run(index_dir, "list", "--theme", "safe-sleeping", "--format", "bibtex")
    bad = CliRunner().invoke(main, ["--index", str(index_dir), "list", "--theme", "weather"])
    assert bad.exit_code == 2 and "weather" in bad.stderr


def test_show_gives_the_evidence(themed):
    index_dir, files = themed
    shown = json.loads(run(index_dir, "show", str(files["sleep"]), "--format", "json"))
    evidence = shown["theme_evidence"]["safe-sleeping"]
    assert evidence["finding"] == "Finding 1: Safe sleeping" and evidence["pages"] == [2, 3]
    text = run(index_dir, "show", str(files["sleep"]))
    assert "why these themes:" in text and "safe-sleeping:" in text


def test_themes_corrected_by_hand_survive_reingest(tmp_path):
    abuse = "Repeated domestic abuse incidents were screened out and coercive control was not recognised."
    path = make_pdf(tmp_path / "a.pdf", [cover("Leeds Safeguarding Children Board", "Serious Case Review"),
                                         body_page(abuse), body_page(abuse)])  # fmt: skip
    index_dir = tmp_path / "ix"
    run(index_dir, "ingest", str(path))
    before = json.loads(run(index_dir, "show", str(path), "--format", "json"))
    assert before["themes"] == ["domestic-abuse"] and before["theme_evidence"]
    run(index_dir, "set", str(path), "--themes", "Neglect; missing")
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"path,themes\n{path},neglect;missing;pre-birth\n")
    run(index_dir, "ingest", "--force", str(path), "--manifest", str(manifest))
    shown = json.loads(run(index_dir, "show", str(path), "--format", "json"))
    assert (
        shown["themes"] == ["missing", "neglect", "pre-birth"] and shown["provenance"]["themes"] == "manual"
    )
    assert shown["theme_evidence"] == {}
    bad = CliRunner().invoke(main, ["--index", str(index_dir), "set", str(path), "--themes", "weather"])
    assert bad.exit_code == 2 and "themes must be one of" in bad.stderr


@pytest.mark.parametrize(
    ("pages", "theme"),
    [
        # the child's own state, not a parent's
        (("Child J was found in a park, intoxicated. Officers took Child J home intoxicated.",) * 2,
         "parental-substance-misuse"),
        (("Her CAMHS worker assessed her mental health. Her mental health declined in Year 10.",) * 2,
         "parental-mental-health"),
        (("He told the youth worker about his drug use. His drug use grew over the summer.",) * 2,
         "parental-substance-misuse"),
    ],
)  # fmt: skip
def test_a_parental_theme_needs_a_parent_in_its_sentences(pages, theme):
    assert theme not in themes_of(*pages)


@pytest.mark.parametrize(
    ("pages", "theme"),
    [
        (("The mother was intoxicated when police attended. Her partner was also intoxicated.",) * 2,
         "parental-substance-misuse"),
        (("Father's mental health worsened after the birth. His mental health needs were not assessed.",) * 2,
         "parental-mental-health"),
        (("Maternal mental health services saw her twice. The perinatal mental health team closed it.",) * 2,
         "parental-mental-health"),
        ((f"{FILLER}\nFinding 2: The impact of parental substance misuse on the children", FILLER),
         "parental-substance-misuse"),
        # the parent named in capitals, as a title, or in a shouted heading
        (("Mrs B described poor mental health. A GP review of her mental health was booked.",) * 2,
         "parental-mental-health"),
        (("MR X WAS INTOXICATED WHEN OFFICERS ARRIVED. They noted he was intoxicated.",) * 2,
         "parental-substance-misuse"),
        (("Ms K had long-standing mental health needs. Her mental health worsened in the spring.",) * 2,
         "parental-mental-health"),
        (("The STEPFATHER was intoxicated on two home visits. He was intoxicated again in May.",) * 2,
         "parental-substance-misuse"),
    ],
)  # fmt: skip
def test_a_parental_theme_said_of_a_parent(pages, theme):
    assert theme in themes_of(*pages)


def test_the_prevent_programme_is_radicalisation_the_verb_is_not():
    verb = "Agencies must act early to prevent harm. The plan aimed to prevent further injury."
    assert "radicalisation" not in themes_of(verb, verb, verb)
    programme = "A Prevent referral was made by the school. Prevent officers visited the family."
    assert "radicalisation" in themes_of(programme, programme)


@pytest.mark.parametrize(
    ("line", "theme"),
    [
        ("Staff did not accept the account; the success of the plan was assumed.", "criminal-exploitation"),
        ("The risk of significant harm was assessed twice.", "self-harm-suicide"),
        ("Her date of birth was recorded wrongly.", "pre-birth"),
    ],
)
def test_common_words_near_a_themes_terms_are_no_theme(line, theme):
    assert theme not in themes_of(*([f"{line} {line}"] * 3))


_PHRASES = (
    "Domestic Violence", "MARAC", "coercive and controlling behaviour", "Maternal Mental Health",
    "post-natal depression", "Drug & Alcohol", "alcohol dependency", "NEGLECTED", "Graded Care Profile",
    "non-accidental injuries", "Co-Sleeping", "SUDI", "Child Sexual Exploitation", "CSE", "groomed",
    "went missing", "Return Home Interview", "Information-Sharing", "sharing of information",
    "Pre-Birth Conference", "Disguised Compliance", "did not escalate", "Escalated their concerns",
    "Fixed-Term Exclusion", "Pupil Referral Unit", "County Lines", "CCE", "Self-Harming", "Suicidal",
    "Social Media", "FII", "Autistic", "Learning Disabilities", "Sexually Abused", "Radicalised",
    "the", "a child", "said", "Prevent", "prevent", "EXTREMISM",
)  # fmt: skip


def test_themes_matched_in_lowercased_text_find_what_ignoring_case_finds() -> None:
    rng = random.Random(3)
    cases = (str.upper, str.lower, str.title, str)
    for _ in range(200):
        text = " ".join(rng.choice(cases)(rng.choice(_PHRASES)) for _ in range(12))
        for slug, (_, terms) in VOCABULARY.items():
            ignoring_case = re.compile(r"\b(?:" + "|".join(terms) + r")\b", re.IGNORECASE)
            source = text if slug in _CASED else text.lower()
            ours = [m.span() for m in _PATTERNS[slug].finditer(source)]
            assert ours == [m.span() for m in ignoring_case.finditer(text)], (slug, text)


def test_lowercasing_a_term_keeps_its_escapes() -> None:
    assert _lowercase_literals(r"\bCSE\S+\W(?:A|B)\d") == r"\bcse\S+\W(?:a|b)\d"
