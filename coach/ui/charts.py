"""Altair charts for the pages, built from the analysis and progress dicts.

Each chart tells its series apart by shape, dash or a text label as well as by colour, so it
reads without colour vision and in greyscale.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from coach.local_time import in_lived_order, local_moment
from coach.progress import ends_window, shown

STAR_COLOURS = {
    "situation": "#8fb8de",
    "task": "#f2c14e",
    "action": "#2f6f5e",
    "result": "#d1603d",
    "other": "#c9c9c9",
}
# Each part's name on its block: black on the light blocks, white on the dark green of "action",
# where black read at 3.6:1 (small bold text needs 4.5:1, WCAG 1.4.3); each pair is 5.4:1 or more.
STAR_LABEL_COLOURS = {
    "situation": "#000000",
    "task": "#000000",
    "action": "#ffffff",
    "result": "#000000",
    "other": "#000000",
}
STAR_TEXT = {
    "situation": "Situation",
    "task": "Task",
    "action": "Action",
    "result": "Result",
    "other": "Other",
}
PACE_WINDOW_S = 10.0
PACE_STEP_S = 2.0


# ---------------------------------------------------------------- STAR timeline


STAR_CHART_HEIGHT = 86  # the bar (34), its tick labels and the axis title
# A block's name is drawn whole where it fits the block as drawn, at the chart's width, else its
# initial, else nothing: 12 px bold "Situation" is 49 px wide, "Task" 25 (6.1 px a letter at most),
# and each side keeps STAR_LABEL_MARGIN_PX of the block (its white outline takes 1 px). A share of
# the answer (7 %) let the sample's five-second "Result" fill its 35 px block on a 390 px phone,
# its letters on the block's edges.
STAR_LABEL_PX_PER_CHARACTER = 6.5
STAR_LABEL_MARGIN_PX = 5


def star_segments(analysis: dict) -> list[dict]:
    """Each sentence as a piece of the answer's timeline: seconds when timed, else share of text.

    A sentence joining clauses of different parts is drawn clause by clause (its `parts`)."""
    sentences = [p for s in analysis.get("sentences") or [] for p in (s.get("parts") or [s])]
    timed = all(s.get("start_s") is not None and s.get("end_s") is not None for s in sentences)
    length = max(len(analysis.get("transcript") or ""), 1)
    segments = []
    for s in sentences:
        part = s.get("star") or "other"
        if timed:
            start, end, unit = float(s["start_s"]), float(s["end_s"]), "s"
        else:
            start, end, unit = 100 * s["start_char"] / length, 100 * s["end_char"] / length, "%"
        segments.append(
            {
                "part": part,
                "label": STAR_TEXT[part],
                "start": round(start, 2),
                "end": round(max(end, start + 0.01), 2),
                "unit": unit,
            }
        )
    return _merge_neighbours(segments)


def _merge_neighbours(segments: list[dict]) -> list[dict]:
    """Consecutive sentences of the same part become one block (one label, easier to read)."""
    merged: list[dict] = []
    for seg in segments:
        if merged and merged[-1]["part"] == seg["part"]:
            merged[-1]["end"] = seg["end"]
        else:
            merged.append(dict(seg))
    return merged


def star_timeline_chart(analysis: dict) -> alt.LayerChart | None:
    segments = star_segments(analysis)
    if not segments:
        return None
    frame = pd.DataFrame(segments)
    frame["middle"] = (frame["start"] + frame["end"]) / 2
    frame["width"] = frame["end"] - frame["start"]
    frame["initial"] = frame["label"].str[0]
    unit = segments[0]["unit"]
    axis_title = "seconds into the answer" if unit == "s" else "share of the answer (%)"
    base = alt.Chart(frame)
    parts = list(STAR_COLOURS)
    bars = base.mark_bar(height=34, stroke="white", strokeWidth=2).encode(
        # whole seconds or percents read as on the other charts (0 5 10, not 0.0 5.0 10.0); "d",
        # since Vega gives "~g" as many digits as its ticks' step needs: ten apart, 10 read "1e+1"
        x=alt.X(
            "start:Q",
            title=axis_title,
            scale=alt.Scale(domain=[0, answer_seconds(analysis) if unit == "s" else 100], nice=False),
            axis=alt.Axis(format="d", tickMinStep=1),
        ),
        x2="end:Q",
        color=alt.Color(
            "part:N", scale=alt.Scale(domain=parts, range=[STAR_COLOURS[p] for p in parts]), legend=None
        ),
        tooltip=[
            alt.Tooltip("label:N", title="part"),
            alt.Tooltip("start:Q", title="from"),
            alt.Tooltip("end:Q", title="to"),
        ],
    )
    text = base.mark_text(fontSize=12, fontWeight="bold", text=alt.ExprRef(_star_label_expr())).encode(
        x="middle:Q",
        color=alt.Color(
            "part:N", scale=alt.Scale(domain=parts, range=[STAR_LABEL_COLOURS[p] for p in parts]), legend=None
        ),
    )
    # Streamlit draws the chart in exactly this height, axis included: 60 cut off the axis title,
    # leaving the numbers under the bar without their unit. The labels' colours are a scale of their
    # own, not the blocks'.
    return (bars + text).resolve_scale(color="independent").properties(height=STAR_CHART_HEIGHT)


def _star_label_expr() -> str:
    """What a block says, decided by the browser at the width it draws the chart (Vega's x scale
    gives the block's pixels): its name, else its initial, else nothing."""
    room = "(scale('x', datum.end) - scale('x', datum.start))"

    def fits(characters: str) -> str:
        return f"{room} >= {characters} * {STAR_LABEL_PX_PER_CHARACTER:g} + {2 * STAR_LABEL_MARGIN_PX}"

    return f"{fits('length(datum.label)')} ? datum.label : {fits('1')} ? datum.initial : ''"


def vega_lite_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as the Vega-Lite spec st.vega_lite_chart draws, its data inline, checked against
    the schema as st.altair_chart checks it on every run (half the time of a year's trend chart):
    a page that keeps the spec for the same data (st.cache_data) checks it once. Without Altair's
    default theme's 300-pixel view, as st.altair_chart draws a chart."""
    spec = chart.to_dict()
    view = spec.get("config", {}).get("view", {})
    for key in ("continuousWidth", "continuousHeight"):
        view.pop(key, None)
    if not view:
        spec.get("config", {}).pop("view", None)
    if not spec.get("config", True):
        spec.pop("config")
    return spec


# ---------------------------------------------------------------- pace and pauses


def pace_points(
    words: list[dict], window_s: float = PACE_WINDOW_S, step_s: float = PACE_STEP_S
) -> list[dict]:
    """Words per minute in a sliding window over the answer (shorter window for a short answer)."""
    times = [w["start_s"] for w in words if w.get("start_s") is not None]
    if len(times) < 2:
        return []
    first, last = min(times), max(w["end_s"] for w in words if w.get("end_s") is not None)
    duration = last - first
    window = min(window_s, max(duration / 2, 3.0))
    step = min(step_s, window / 2)
    points, t = [], first
    while t + window <= last + 1e-6 or not points:
        count = sum(1 for x in times if t <= x < t + window)
        points.append({"time_s": round(t + window / 2, 2), "wpm": round(count * 60 / window, 1)})
        t += step
        if t + window > last + 1e-6 and points:
            break
    return points


def heard_pauses(analysis: dict, long_pause_s: float = 2.0) -> list[dict] | None:
    """The pauses the analysis heard in the sound, shaped as `pauses` gives them; None when the
    analysis has none listed (stored before pauses were heard): then the word gaps stand in."""
    items = ((analysis.get("metrics") or {}).get("pauses") or {}).get("items")
    if items is None:
        return None
    return [
        {
            "start_s": p["start_s"],
            "end_s": p["end_s"],
            "seconds": p["seconds"],
            "where": "after a sentence" if p["at_boundary"] else "mid-clause",
            "long": "long" if p["seconds"] >= long_pause_s else "short",
        }
        for p in items
    ]


def pauses(words: list[dict], min_pause_s: float = 0.25, long_pause_s: float = 2.0) -> list[dict]:
    """Silences between words: where, how long, and whether after a sentence end or mid-clause."""
    found = []
    for before, after in zip(words, words[1:], strict=False):
        if before.get("end_s") is None or after.get("start_s") is None:
            continue
        gap = after["start_s"] - before["end_s"]
        if gap >= min_pause_s:
            boundary = before["text"].rstrip().endswith((".", "?", "!", ",", ";", ":"))
            found.append(
                {
                    "start_s": round(before["end_s"], 2),
                    "end_s": round(after["start_s"], 2),
                    "seconds": round(gap, 2),
                    "where": "after a sentence" if boundary else "mid-clause",
                    "long": "long" if gap >= long_pause_s else "short",
                }
            )
    return found


def answer_seconds(analysis: dict) -> float:
    """The recording's length: the one time range every chart of an answer is drawn over, so the
    structure, pace, pause and pitch charts line up with each other and with the length shown."""
    words = analysis.get("words") or []
    sentences = analysis.get("sentences") or []
    last = max(
        [w.get("end_s") or 0.0 for w in words] + [s.get("end_s") or 0.0 for s in sentences], default=0.0
    )
    return round(max(analysis.get("duration_s") or 0.0, last) or 1.0, 1)


def _time_axis(analysis: dict, column: str) -> alt.X:
    return alt.X(
        f"{column}:Q",
        title="seconds into the answer",
        scale=alt.Scale(domain=[0, answer_seconds(analysis)], nice=False),
        axis=alt.Axis(tickCount=10, labelAngle=0, labelOverlap=True),
    )


def pace_chart(analysis: dict, band: tuple[float, float]) -> alt.LayerChart | None:
    """Words per minute through the answer against the comfortable band (shaded and labelled)."""
    words = analysis.get("words") or []
    points = pace_points(words)
    if not points:
        return None
    low, high = band
    frame = pd.DataFrame(points)
    top = max(frame["wpm"].max(), high) * 1.15
    band_frame = pd.DataFrame([{"low": low, "high": high}])
    shade = (
        alt.Chart(band_frame).mark_rect(color="#2f6f5e", opacity=0.10).encode(y=alt.Y("low:Q"), y2="high:Q")
    )
    # the band named above the plot, where the line cannot cross it: written inside the band's top
    # edge, at the left, the line ran through it at every width (an answer starts inside the band)
    band_title = alt.TitleParams(
        f"shaded: comfortable {low:g}–{high:g} wpm",
        anchor="start",
        fontSize=11,
        fontWeight="normal",
        color="#2f6f5e",
    )
    line = (
        alt.Chart(frame)
        .mark_line(point=True, color="#1f3b57")
        .encode(
            x=_time_axis(analysis, "time_s"),
            y=alt.Y("wpm:Q", title="words per minute", scale=alt.Scale(domain=[0, top])),
            tooltip=[alt.Tooltip("time_s:Q", title="at (s)"), alt.Tooltip("wpm:Q", title="wpm")],
        )
    )
    return (shade + line).properties(height=220, title=band_title)


def pause_chart(
    analysis: dict, min_pause_s: float = 0.25, long_pause_s: float = 2.0
) -> alt.LayerChart | None:
    """Each silence as a bar at its place in the answer; its shape says sentence end or mid-clause."""
    gap_rows = heard_pauses(analysis, long_pause_s)
    if gap_rows is None:
        gap_rows = pauses(analysis.get("words") or [], min_pause_s, long_pause_s)
    if not gap_rows:
        return None
    gaps = pd.DataFrame(gap_rows)
    gaps["mid"] = (gaps["start_s"] + gaps["end_s"]) / 2
    top = max(gaps["seconds"].max(), long_pause_s) * 1.15
    bars = (
        alt.Chart(gaps)
        .mark_bar(color="#9aa5b1")
        .encode(
            x=_time_axis(analysis, "start_s"),
            x2="end_s:Q",
            y=alt.Y(
                "seconds:Q",
                title="pause (s)",
                scale=alt.Scale(domain=[0, top], nice=True),
                axis=alt.Axis(tickCount=4, labelAngle=0),
            ),
            tooltip=["seconds:Q", "where:N", "long:N"],
        )
    )
    marks = (
        alt.Chart(gaps)
        .mark_point(filled=True, size=80, color="#1f3b57")
        .encode(
            x="mid:Q",
            y="seconds:Q",
            shape=alt.Shape(
                "where:N",
                scale=alt.Scale(domain=["after a sentence", "mid-clause"], range=["circle", "triangle-up"]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=["seconds:Q", "where:N", "long:N"],
        )
    )
    limit_frame = pd.DataFrame([{"y": long_pause_s, "label": f"long pause ≥ {long_pause_s:g} s"}])
    limit = alt.Chart(limit_frame).mark_rule(strokeDash=[4, 4], color="#b45309").encode(y="y:Q")
    limit_text = (
        alt.Chart(limit_frame)
        .mark_text(align="left", dx=4, dy=-6, color="#b45309", fontSize=11)
        .encode(y="y:Q", text="label:N", x=alt.value(0))
    )
    return (bars + marks + limit + limit_text).properties(height=240)


# ---------------------------------------------------------------- pitch

# Points of the pitch track further apart than this are not joined (the voice stopped between).
PITCH_BREAK_S = 0.35


def pitch_points(analysis: dict) -> list[dict]:
    """The voice's pitch through the answer, in stretches of sound (a new `run` after a silence)."""
    prosody = (analysis.get("metrics") or {}).get("prosody") or {}
    points, run, last = [], 0, None
    for time_s, semitones in prosody.get("track") or []:
        if last is not None and time_s - last > PITCH_BREAK_S:
            run += 1
        points.append({"time_s": time_s, "semitones": semitones, "run": run})
        last = time_s
    return points


def pitch_chart(analysis: dict) -> alt.LayerChart | None:
    """Pitch over the answer around the speaker's usual pitch; stretches where it hardly moved shaded."""
    points = pitch_points(analysis)
    if not points:
        return None
    frame = pd.DataFrame(points)
    reach = max(6.0, float(frame["semitones"].abs().quantile(0.98)) + 1)
    line = (
        alt.Chart(frame)
        .mark_line(color="#1f3b57", strokeWidth=1.5)
        .encode(
            x=_time_axis(analysis, "time_s"),
            y=alt.Y(
                "semitones:Q",
                title="semitones from usual",
                scale=alt.Scale(domain=[-reach, reach], clamp=True),
                axis=alt.Axis(values=[-6, -3, 0, 3, 6] if reach < 9 else [-12, -6, 0, 6, 12]),
            ),
            detail="run:N",
            tooltip=[
                alt.Tooltip("time_s:Q", title="at (s)"),
                alt.Tooltip("semitones:Q", title="semitones", format=".1f"),
            ],
        )
    )
    usual = alt.Chart(pd.DataFrame([{"y": 0}])).mark_rule(color="#9aa5b1").encode(y="y:Q")
    layers = [usual, line]
    flat = (analysis.get("metrics") or {}).get("prosody", {}).get("monotone_spans") or []
    if flat:
        spans = pd.DataFrame([{**s, "label": "pitch hardly moved"} for s in flat])
        layers.insert(
            0, alt.Chart(spans).mark_rect(color="#b45309", opacity=0.12).encode(x="start_s:Q", x2="end_s:Q")
        )
        layers.append(
            alt.Chart(spans)
            .mark_text(align="left", dx=4, dy=10, color="#b45309", fontSize=11)
            .encode(x="start_s:Q", y=alt.value(0), text="label:N")
        )
    return alt.layer(*layers).properties(height=200)


# ---------------------------------------------------------------- over time


def _on_users_clock(stamps) -> list:
    """Stored moments as the user lived them, without a zone (so the chart draws them as given and
    the day under a point is the user's day, as everywhere else): a practice answer stored at 03:30
    UTC was 23:30 the evening before in New York. A real interview's day (stored without a time)
    stays that day."""
    return [local_moment(str(stamp)).replace(tzinfo=None) for stamp in stamps]


# a day as the page around the chart says it ("4 Dec", "4 Dec 2026"): the charts read "Dec 4"
DAY_FORMAT = "%-d %b %Y"  # Vega's, for a tooltip's moment
DAY_TIME_FORMAT = "%-d %b %Y %H:%M"


def _day_labels(moments) -> list[str]:
    """'4 Dec', or '4 Dec 2026' when the answers span more than one year ('8 Oct … 5 Jan' read as
    going back in time)."""
    moments = list(moments)
    years = len({at.year for at in moments}) > 1
    return [f"{at.day} {at:%b} {at.year}" if years else f"{at.day} {at:%b}" for at in moments]


def trend_frame(series: dict) -> pd.DataFrame:
    """One measure's practice and real points as rows with a `kind` column, oldest first, each
    with its place in that order (`order`), its day (`day`) and `where` it was said (a practice
    answer given in a mock interview, or the real interview's company and stage)."""
    rows = [
        {
            "at": p["at"],
            "value": p["value"],
            "figure": p.get("figure", f"{p['value']:g}"),
            "kind": "practice",
            "where": "mock interview" if p.get("mock_interview") else "",
        }
        for p in series.get("practice", [])
    ]
    rows += [
        {
            "at": p["at"],
            "value": p["value"],
            "figure": p.get("figure", f"{p['value']:g}"),
            "kind": "real interview",
            "where": f"{p.get('company', '')} {p.get('stage', '')}".strip(),
        }
        for p in series.get("real", [])
    ]
    rows.sort(key=lambda row: in_lived_order(row["at"]))  # a real interview after its day's practice
    frame = pd.DataFrame(rows, columns=["at", "value", "figure", "kind", "where"])
    # what the tooltip says of it in one row: a plain practice answer's "where" row was empty
    frame["said_in"] = [
        f"{kind}, {where}" if where else kind
        for kind, where in zip(frame["kind"], frame["where"], strict=True)
    ]
    if not frame.empty:
        # a real interview is stored by its day alone: no time of day to show (it read "00:00")
        timed = [len(str(at)) > 10 for at in frame["at"]]
        frame["at"] = pd.to_datetime(_on_users_clock(frame["at"]))
        frame["order"] = range(1, len(frame) + 1)
        frame["day"] = _day_labels(frame["at"])
        frame["time"] = [
            f"{at:%H:%M}" if has_time else "" for at, has_time in zip(frame["at"], timed, strict=True)
        ]
        frame["when"] = [
            f"{at.day} {at:%b} {at.year}" + (f" {at:%H:%M}" if has_time else "")
            for at, has_time in zip(frame["at"], timed, strict=True)
        ]
    return frame


def _order_axis(frame: pd.DataFrame) -> alt.X:
    """Answers side by side in the order given, each day named once under its first answer.

    A time axis put a day of practice in one vertical line and a real interview weeks earlier at
    the far edge; in order, one answer, two or twenty each get their own place."""
    days = list(frame["day"])
    labels = [day if i == 0 or day != days[i - 1] else "" for i, day in enumerate(days)]
    if len(days) > 1 and len(set(days)) == 1:
        labels = _one_days_labels(days[0], list(frame.get("time", [""] * len(days))))
    places = list(range(1, len(days) + 1))
    if len(days) > MANY_ANSWERS:  # a tick under each day named, not a black band of one per answer
        places = [place for place, label in zip(places, labels, strict=True) if label]
    return alt.X(
        "order:Q",
        title="your answers, oldest first",
        scale=alt.Scale(domain=[0.5, len(days) + 0.5], nice=False, zero=False),
        axis=alt.Axis(
            values=places,
            labelExpr=_last_day_kept(labels),
            labelAngle=0,
            # as many days as the width has room for (fewer on a phone), those at either end drawn
            # inside the chart: the last day read "Nov 18, 202" at 390 px
            labelOverlap="greedy",
            labelFlush=DAY_LABEL_FLUSH_PX,
            labelSeparation=DAY_LABEL_SEPARATION_PX,
            labelBound=True,
            grid=False,
        ),
    )


def _one_days_labels(day: str, times: list[str]) -> list[str]:
    """Under answers that all fell on one day, the day and time of the first and the time of each
    after it ("7 Dec 09:12", "11:40"): with the day named once, only the first point had a label
    and the second read as undated. A real interview, stored by its day alone, is "same day"."""
    first = f"{day} {times[0]}".strip()
    return [first] + [time or "same day" for time in times[1:]]


def _last_day_kept(labels: list[str]) -> str:
    """The axis's label for each answer's place, the last day's always drawn: Vega drops any label
    that would touch the one kept before it, from the left, so the day of the latest answers (today's)
    went at every width. The days that would come within reach of it at the chart's width (Vega's
    `width`) are left blank, and an empty label is not drawn, so the last one never touches another."""
    named = f"{json.dumps(labels)}[datum.value - 1]"
    if sum(1 for label in labels if label) < 2:  # one day: nothing for it to touch
        return named
    last = max(place for place, label in enumerate(labels, start=1) if label)
    longest = max(len(label) for label in labels)
    # pixels between the last day's tick and another's below which the two would touch: the last
    # right-aligned to its tick at the end, the other centred on its own and as long as the longest
    reach = (len(labels[last - 1]) + longest / 2) * DAY_LABEL_PX_PER_CHARACTER + DAY_LABEL_SEPARATION_PX
    # in places: the axis spans len(labels) of them over `width` pixels
    return f"datum.value < {last} && ({last} - datum.value) * width < {reach * len(labels):g} ? '' : {named}"


def _value_domain(values: list[float]) -> list[float]:
    """A y range around the values (and the band and goal shown with them) that never collapses
    to a point: one answer, or several with the same value, still get a readable axis."""
    low, high = min(values), max(values)
    pad = max((high - low) * 0.1, abs(high) * 0.05, 1.0)
    floor = low - pad
    if low >= 0:
        floor = max(floor, 0.0)
    return [round(floor, 2), round(high + pad, 2)]


# each kind of answer on a trend chart: its colour, its line's dashes and its point's shape
TREND_KINDS = {
    "practice": ("#2f6f5e", [1, 0], "circle"),
    "real interview": ("#d1603d", [6, 3], "diamond"),
}
# A year of answers (about 450) drawn as 70-pixel points joined by lines was one solid mass on a
# phone, the average under it out of sight: past MANY_ANSWERS every answer is still drawn, smaller
# and lighter (a real interview's diamond less so, the rarer point), its line thin and faint.
MANY_ANSWERS = 60
POINT_SIZE = {"practice": 70, "real interview": 70}
MANY_POINT_SIZE = {"practice": 14, "real interview": 40}
MANY_POINT_OPACITY = {"practice": 0.45, "real interview": 0.85}
MANY_LINE_OPACITY = {"practice": 0.25, "real interview": 0.5}
FULL_OPACITY = {"practice": 1.0, "real interview": 1.0}
DAY_LABEL_FLUSH_PX = 40  # a day named this near either end is aligned to that end, not cut there
DAY_LABEL_SEPARATION_PX = 12  # the least room between two days named under an axis
# a day's label's width a character, with a little to spare: "25 Oct 2026" was drawn 57 px wide
# (5.2 a character) under the chart in Chromium
DAY_LABEL_PX_PER_CHARACTER = 5.5


def trend_chart(
    series: dict, title: str, band: tuple[float, float] | None = None, target: float | None = None
) -> alt.LayerChart | None:
    frame = trend_frame(series)
    if frame.empty:
        return None
    # only the kinds charted: with no real interview measured, the legend showed an orange
    # "real interview" diamond of nothing on the chart
    kinds = [k for k in TREND_KINDS if k in set(frame["kind"])]
    shown = [float(v) for v in frame["value"]] + list(band or ()) + ([target] if target is not None else [])
    x = _order_axis(frame)
    y = alt.Y("value:Q", title=title, scale=alt.Scale(domain=_value_domain(shown), zero=False))
    colour = alt.Scale(domain=kinds, range=[TREND_KINDS[k][0] for k in kinds])
    legend = alt.Legend(title=None, orient="top", symbolStrokeWidth=0)  # filled symbols, no dashed outline
    # every layer says its own tooltip: by default one lists its encodings ("your answers, oldest
    # first: 8", "18.184", the band's "low"/"high")
    said = [
        alt.Tooltip("when:N", title="when"),
        alt.Tooltip("figure:N", title=title),  # as the tables give it: 18, not 18.184
        # "practice", "practice, mock interview" or "real interview, Globex onsite": no empty row
        alt.Tooltip("said_in:N", title="answer in"),
    ]
    many = len(frame) > MANY_ANSWERS
    lines = (
        alt.Chart(frame)
        .mark_line(strokeWidth=1 if many else 2)
        .encode(
            x=x,
            y=y,
            color=alt.Color("kind:N", scale=colour, legend=legend),
            strokeDash=alt.StrokeDash(
                "kind:N", scale=alt.Scale(domain=kinds, range=[TREND_KINDS[k][1] for k in kinds]), legend=None
            ),
            opacity=_by_kind(MANY_LINE_OPACITY if many else FULL_OPACITY),
            tooltip=said,
        )
    )
    # the legend comes from the points alone: a green circle and an orange diamond (a line's
    # legend symbol drew the dashed diamond as a blot)
    points = (
        alt.Chart(frame)
        .mark_point(filled=True)
        .encode(
            x=x,
            y=y,
            color=alt.Color("kind:N", scale=colour, legend=legend),
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(domain=kinds, range=[TREND_KINDS[k][2] for k in kinds]),
                legend=legend,
            ),
            size=_by_kind(MANY_POINT_SIZE if many else POINT_SIZE),
            opacity=_by_kind(MANY_POINT_OPACITY if many else FULL_OPACITY),
            tooltip=said,
        )
    )
    layers = []
    if band:
        layers.append(
            alt.Chart(pd.DataFrame([{"low": band[0], "high": band[1], "range": f"{band[0]:g}–{band[1]:g}"}]))
            .mark_rect(color="#2f6f5e", opacity=0.10)
            .encode(y="low:Q", y2="high:Q", tooltip=[alt.Tooltip("range:N", title="comfortable range")])
        )
    if target is not None:
        layers.append(
            alt.Chart(pd.DataFrame([{"target": target, "goal": f"{target:g}"}]))
            .mark_rule(strokeDash=[4, 4], color="#555")
            .encode(y="target:Q", tooltip=[alt.Tooltip("goal:N", title="your goal")])
        )
    # points first: the merged legend takes its symbols from the first layer that has them
    return alt.layer(*layers, points, lines).properties(height=300)


def _by_kind(values: dict[str, float]) -> dict:
    """A size or opacity for each kind of answer, as a value per point (a scale of "kind" was merged
    into the legend, drawing its practice circle as small and faint as the points)."""
    return {
        "condition": {"test": "datum.kind === 'practice'", "value": values["practice"]},
        "value": values["real interview"],
    }


def attempts_chart(attempts: list[dict], current_id: int | None) -> alt.Chart | None:
    """Overall score of each attempt at one question, the current one labelled."""
    rows = [
        {
            "answer": i + 1,
            "score": a.get("score_overall"),
            "which": "this answer" if a["id"] == current_id else "earlier",
            "at": a["created_at"],
        }
        for i, a in enumerate(attempts)
        if a.get("score_overall") is not None
    ]
    if len(rows) < 2:
        return None
    frame = pd.DataFrame(rows)
    line = (
        alt.Chart(frame)
        .mark_line(color="#9aa5b1")
        .encode(
            x=alt.X("answer:O", title="answer", axis=alt.Axis(labelAngle=0, labelOverlap=True)),
            y=alt.Y("score:Q", title="overall score", scale=alt.Scale(domain=[0, 100])),
        )
    )
    points = (
        alt.Chart(frame)
        .mark_point(filled=True, size=90)
        .encode(
            x="answer:O",
            y="score:Q",
            shape=alt.Shape(
                "which:N",
                scale=alt.Scale(domain=["earlier", "this answer"], range=["circle", "diamond"]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            color=alt.Color(
                "which:N",
                scale=alt.Scale(domain=["earlier", "this answer"], range=["#9aa5b1", "#2f6f5e"]),
                legend=None,
            ),
            tooltip=["answer:O", "score:Q", alt.Tooltip("at:T", title="when", format=DAY_TIME_FORMAT)],
        )
    )
    labels = alt.Chart(frame).mark_text(dy=-12, fontSize=11).encode(x="answer:O", y="score:Q", text="score:Q")
    return (line + points + labels).properties(height=220)


def mock_chart(series: list[dict]) -> alt.Chart | None:
    """Overall score of each mock interview, oldest first, each in its own place (sessions without
    a measured answer left out): readable with one session, two or twenty, like the trends."""
    rows = [
        {"at": m["at"], "score": m["score_overall"], "format": m["format_label"]}
        for m in series
        if m["score_overall"] is not None
    ]
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    frame["at"] = pd.to_datetime(_on_users_clock(frame["at"]))
    frame = frame.sort_values("at", kind="stable").reset_index(drop=True)
    frame["order"] = range(1, len(frame) + 1)
    frame["day"] = _day_labels(frame["at"])
    frame["time"] = [f"{at:%H:%M}" for at in frame["at"]]
    x = _order_axis(frame)
    x.title = "your mock interviews, oldest first"
    return (
        alt.Chart(frame)
        .mark_line(
            point=alt.OverlayMarkDef(size=70, filled=True, shape="square", color="#5b4a9e"), color="#5b4a9e"
        )
        .encode(
            x=x,
            y=alt.Y(
                "score:Q", title="overall score", scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(format="d")
            ),
            tooltip=[
                alt.Tooltip("at:T", title="when", format=DAY_TIME_FORMAT),
                alt.Tooltip("score:Q", title="overall score", format=".0f"),
                "format:N",
            ],
        )
        .properties(height=220)
    )


# Progress after months of practice: each answer as before, and over them a running average of the
# practice answers, so the direction shows through one answer's ups and downs.
AVERAGE_FROM = 20  # practice answers charted before a running average is drawn over them
AVERAGE_COLOUR = "#1f2933"
AVERAGE_WIDTH = 3.5


def average_window(practice_answers: int) -> int | None:
    """How many answers in a row each point of the running average takes: as many as Progress's
    sentence under the chart takes at each end (coach.progress.ends_window); None below
    AVERAGE_FROM, where each answer reads on its own."""
    if practice_answers < AVERAGE_FROM:
        return None
    return ends_window(practice_answers)


def running_average(frame: pd.DataFrame, window: int, measure: str | None = None) -> pd.DataFrame:
    """The practice rows of a trend frame (charts.trend_frame), each with the mean of it and the
    `window - 1` practice answers before it, from the `window`th answer on; `average_figure` is
    that mean as the tables give the measure (pace 147, not 147.2; rates to one decimal)."""
    practice = frame[frame["kind"] == "practice"].copy()
    practice["average"] = practice["value"].astype(float).rolling(window).mean()
    practice = practice.dropna(subset=["average"])
    practice["average_figure"] = [
        f"{shown(v, measure) if measure else round(v, 1):g}" for v in practice["average"]
    ]
    return practice


def trend_chart_with_average(
    series: dict,
    title: str,
    band: tuple[float, float] | None = None,
    target: float | None = None,
    *,
    measure: str | None = None,
) -> tuple[alt.LayerChart | None, int | None]:
    """trend_chart, with the running average over it once there are enough practice answers;
    returns the chart and the average's window (None when none is drawn). `measure` (a key of
    coach.progress.MEASURES) says the average as the tables give that measure."""
    chart = trend_chart(series, title, band, target)
    window = average_window(len(series.get("practice", [])))
    if chart is None or window is None:
        return chart, None
    frame = trend_frame(series)
    averaged = alt.Chart(running_average(frame, window, measure)).encode(
        x=_order_axis(frame),  # the same axis, so its title and day labels stay one
        y=alt.Y("average:Q", title=title),
        tooltip=[
            alt.Tooltip("at:T", title="when", format=DAY_FORMAT),
            alt.Tooltip("average_figure:N", title=f"average of {window} answers"),
        ],
    )
    # drawn last, over every answer, on a white edge of its own: over a year of points it was one
    # more dark line among them
    edge = averaged.mark_line(color="white", strokeWidth=AVERAGE_WIDTH + 3, opacity=0.9)
    average = averaged.mark_line(color=AVERAGE_COLOUR, strokeWidth=AVERAGE_WIDTH)
    return alt.layer(chart, edge, average), window
