"""Bar charts of a cross-tab, drawn with matplotlib (the optional ``charts`` extra).

One facet: one bar per row. Two facets: bars grouped by row, one series per
column (or stacked, with ``stacked=True``). The file's ending picks the format
(``.png`` or ``.svg``); nothing is shown on screen.
"""

from __future__ import annotations

from pathlib import Path

from .errors import FilterError
from .research import CrossTab


class ChartsUnavailable(FilterError):
    """matplotlib is not installed."""


def draw(table: CrossTab, path: str | Path, *, stacked: bool = False, title: str | None = None) -> Path:
    """Write a bar chart of ``table`` to ``path`` (PNG or SVG); return the path."""
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise FilterError(
            f"a chart is written as .png or .svg, not {path.suffix or 'a file without an ending'}"
        )
    try:
        import matplotlib

        matplotlib.use("Agg")  # files only: no display is needed or opened
        from matplotlib import pyplot
        from matplotlib.ticker import MaxNLocator
    except ImportError as exc:
        raise ChartsUnavailable("charts need matplotlib", remedy="charts-extra") from exc
    bars = len(table.rows) * max(1, len(table.columns))
    figure, axes = pyplot.subplots(figsize=(min(12.0, max(6.0, 0.3 * bars)), 4.5))
    try:
        positions = list(range(len(table.rows)))
        series = table.columns
        width = 0.8 / (1 if stacked else max(1, len(series)))
        bottoms = [0] * len(table.rows)
        for index, column in enumerate(series):
            heights = [table.count(row, column) for row in table.rows]
            if stacked:
                axes.bar(positions, heights, 0.8, bottom=bottoms, label=column)
                bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
            else:
                offset = (index - (len(series) - 1) / 2) * width
                axes.bar([p + offset for p in positions], heights, width, label=column)
        axes.set_xticks(positions)
        axes.set_xticklabels(
            table.rows,
            rotation=45 if len(table.rows) > 6 else 0,
            ha="right" if len(table.rows) > 6 else "center",
        )
        axes.set_xlabel(table.rows_by.replace("_", " "))
        axes.set_ylabel("reviews")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of reviews are whole
        if table.columns_by:
            axes.legend(title=table.columns_by.replace("_", " "), fontsize="small")
        by = table.rows_by.replace("_", " ")
        if table.columns_by:
            by += " and " + table.columns_by.replace("_", " ")
        axes.set_title(title or f"Reviews by {by}")
        figure.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(path, metadata={"Date": None} if path.suffix.lower() == ".svg" else None)
    finally:
        pyplot.close(figure)
    return path
