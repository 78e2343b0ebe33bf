"""Terminal output fits the terminal and honours COLUMNS, NO_COLOR and TERM=dumb (a faked Environment)."""

from __future__ import annotations

import re

import pytest
from builders import make_pdf

from cli import main
from commands.ingesting import ProgressBar
from index import Progress
from search.terminal import Environment

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def test_environment_reads_columns_no_color_and_term():
    plain = Environment.from_os({"COLUMNS": "57"})
    assert plain.width == 57
    assert not Environment.from_os({"NO_COLOR": "1"}).colour
    dumb = Environment.from_os({"TERM": "dumb", "COLUMNS": "100"})
    assert dumb.dumb and not dumb.colour and dumb.width == 100


@pytest.mark.parametrize("width", [20, 33, 40, 60, 80, 132, 200])
def test_progress_line_fits_any_width_and_cuts_names_with_an_ellipsis(width):
    bar = ProgressBar(Environment(stderr_tty=True, width=width))
    name = "/reports/" + "Serious_Case_Review_Overview_Report_Child_LR_FINAL_v7_redacted" * 2 + ".pdf"
    line = bar.line(Progress(7, 120, 1234, name, 9.5))
    assert len(line) <= width - 1
    assert "7/120" in line
    if 80 <= width <= 132:  # too narrow for the whole name
        assert "…" in line and line.endswith(".pdf")  # the name's end (its extension) is kept


def test_progress_through_the_cli_never_wraps(runner, tmp_path):
    (tmp_path / "in").mkdir()
    for n in range(3):
        make_pdf(tmp_path / "in" / f"a-very-long-report-file-name-number-{n}-final-redacted.pdf",
                 [[f"Serious Case Review {n}", "home conditions"]])  # fmt: skip
    env = Environment(stdout_tty=True, stderr_tty=True, width=44, colour=True)
    args = ["--index", str(tmp_path / "ix"), "ingest", str(tmp_path / "in"), "--jobs", "1"]
    result = runner.invoke(main, args, obj={"env": env})
    drawn = [ANSI.sub("", part) for part in result.stderr.split("\r") if ANSI.sub("", part).strip()]
    assert drawn, result.stderr
    assert all(len(line) <= 43 for line in drawn), drawn


def test_no_bar_on_a_dumb_terminal_or_a_pipe(runner, tmp_path):
    (tmp_path / "in").mkdir()
    make_pdf(tmp_path / "in" / "a.pdf", [["Serious Case Review", "home conditions"]])
    for env in (Environment(stderr_tty=True, dumb=True, width=80), Environment(stderr_tty=False, width=80)):
        args = ["--index", str(tmp_path / "ix"), "ingest", "--force", str(tmp_path / "in")]
        result = runner.invoke(main, args, obj={"env": env})
        assert "\r" not in result.stderr and "files ·" not in result.stderr


def test_colour_only_when_wanted_and_markers_otherwise(runner, indexed):
    args = ["--index", str(indexed), "search", '"information sharing"', "--limit", "1"]
    coloured = runner.invoke(main, args, obj={"env": Environment(stdout_tty=True, colour=True, width=80)})
    assert "\x1b[" in coloured.stdout and "«" not in coloured.stdout
    plain = runner.invoke(main, args, obj={"env": Environment(stdout_tty=True, colour=False, width=80)})
    assert "\x1b[" not in plain.stdout and "«information sharing»" in plain.stdout.lower()


@pytest.mark.parametrize("width", [50, 72, 120])
def test_snippets_and_show_wrap_with_an_indent(runner, indexed, width):
    env = Environment(stdout_tty=True, width=width)
    result = runner.invoke(main, ["--index", str(indexed), "search", "the", "--limit", "3"], obj={"env": env})
    body = [ln for ln in result.stdout.splitlines() if ln.startswith("     ")]
    assert body
    long_tokens = [ln for ln in body if len(ln) > width and " " in ln.strip()]
    assert not long_tokens, long_tokens  # only an unbreakable token (a path) may overflow
    shown = runner.invoke(main, ["--index", str(indexed), "show", "bexley-baby-f.pdf"], obj={"env": env})
    for line in shown.stdout.splitlines():
        assert len(line) <= width or " " not in line[13:], line
        assert line[:1] != " " or line.startswith(" " * 13), line  # continuation lines under the values
