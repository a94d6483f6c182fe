"""Progress's trend chart after months of practice: each answer as before, and over them a running
average of the practice answers, so the direction shows through one answer's ups and downs."""

from __future__ import annotations

import altair as alt
import pandas as pd

from coach.ui import charts

AVERAGE_FROM = 20  # practice answers charted before a running average is drawn over them
AVERAGE_COLOUR = "#1f2933"


def average_window(practice_answers: int) -> int | None:
    """How many answers in a row each point of the running average takes: about a twentieth of
    them, at least 5 (300 answers: 15); None below AVERAGE_FROM, where each answer reads on its own."""
    if practice_answers < AVERAGE_FROM:
        return None
    return max(5, round(practice_answers / 20))


def running_average(frame: pd.DataFrame, window: int) -> pd.DataFrame:
    """The practice rows of a trend frame (charts.trend_frame), each with the mean of it and the
    `window - 1` practice answers before it, from the `window`th answer on."""
    practice = frame[frame["kind"] == "practice"].copy()
    practice["average"] = practice["value"].astype(float).rolling(window).mean()
    return practice.dropna(subset=["average"])


def trend_chart(
    series: dict, title: str, band: tuple[float, float] | None = None, target: float | None = None
) -> tuple[alt.LayerChart | None, int | None]:
    """charts.trend_chart, with the running average over it once there are enough practice answers;
    returns the chart and the average's window (None when none is drawn)."""
    chart = charts.trend_chart(series, title, band, target)
    window = average_window(len(series.get("practice", [])))
    if chart is None or window is None:
        return chart, None
    frame = charts.trend_frame(series)
    average = (
        alt.Chart(running_average(frame, window))
        .mark_line(color=AVERAGE_COLOUR, strokeWidth=3.5)
        .encode(
            x=charts._order_axis(frame),  # the same axis, so its title and day labels stay one
            y=alt.Y("average:Q", title=title),
            tooltip=[
                alt.Tooltip("at:T", title="when", format="%b %-d, %Y"),
                alt.Tooltip("average:Q", title=f"average of {window} answers", format=".1f"),
            ],
        )
    )
    return alt.layer(chart, average), window
