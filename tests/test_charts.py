"""Every chart reads with one, two and twenty points: axes that do not collapse to a point,
labels level, and room to draw (issue 21: a day of practice drawn as one vertical line, a pause
chart 40 px tall with one tick, attempt labels turned 90°)."""

from __future__ import annotations

import pytest
from chart_cases import SIZES, answer_with_pauses, attempts, trend_series

from coach.ui import charts


def _encodings(spec: dict, channel: str) -> list[dict]:
    layers = spec.get("layer", [spec])
    return [layer["encoding"][channel] for layer in layers if channel in layer.get("encoding", {})]


def _first_with(spec: dict, channel: str, key: str) -> dict:
    return next(e[key] for e in _encodings(spec, channel) if key in e)


@pytest.mark.parametrize("n", SIZES)
def test_the_trend_chart_gives_every_answer_a_place(n):
    spec = charts.trend_chart(trend_series(n), "pace (words per minute)", (130, 175)).to_dict()
    low, high = _first_with(spec, "x", "scale")["domain"]
    assert high - low >= n  # one slot per answer, the first and last not on the edges
    axis = _first_with(spec, "x", "axis")
    assert axis["labelAngle"] == 0 and axis["values"] == list(range(1, n + 1))
    labels = [label for label in _labels(axis["labelExpr"]) if label]
    expected_days = {1: ["30 Nov"], 2: ["1 Oct", "30 Nov"], 20: ["1 Oct", "12 Nov", "30 Nov"]}[n]
    assert labels == expected_days  # each day named once, in order
    y_low, y_high = _first_with(spec, "y", "scale")["domain"]
    assert y_high - y_low >= 10 and y_low <= 112 and y_high >= 175  # the values and the band show
    assert spec["height"] >= 220


def _labels(expression: str) -> list[str]:
    """The day under each answer's place in an axis's label expression (those near the last day are
    left blank at a narrow width: see _labels_at)."""
    import json

    return json.loads(expression[expression.index("[") : expression.rindex("[datum")])


@pytest.mark.parametrize("n", SIZES)
def test_the_attempts_chart_labels_lie_flat(n):
    chart = charts.attempts_chart(attempts(n), current_id=n)
    if n == 1:
        assert chart is None  # the page says "your first answer" instead of a one-point chart
        return
    spec = chart.to_dict()
    assert _first_with(spec, "x", "axis")["labelAngle"] == 0
    assert _first_with(spec, "y", "scale")["domain"] == [0, 100]
    assert spec["height"] >= 200


@pytest.mark.parametrize("n", SIZES)
def test_the_pause_chart_has_room_and_a_scale(n):
    spec = charts.pause_chart(answer_with_pauses(n)).to_dict()
    low, high = _first_with(spec, "y", "scale")["domain"]
    assert low == 0 and high >= 2.0  # the long-pause line (2 s) is inside the scale
    assert _first_with(spec, "y", "axis")["tickCount"] >= 3  # more than a lone "0"
    assert spec["height"] >= 220  # the page draws axes and legend inside this height
    x_low, x_high = _first_with(spec, "x", "scale")["domain"]
    assert x_high - x_low == 60.0


def test_every_chart_of_an_answer_spans_the_recording():
    """An 18.6 s answer (length shown 0:19) drew its structure to 20 s and its pace to 18 s."""
    words = [{"text": "word.", "start_s": 0.4 * i, "end_s": 0.4 * i + 0.3} for i in range(44)]
    answer = {
        "duration_s": 18.6,
        "transcript": "x" * 100,
        "words": words,
        "sentences": [
            {"start_char": 0, "end_char": 50, "start_s": 0.0, "end_s": 8.0, "star": "situation"},
            {"start_char": 50, "end_char": 100, "start_s": 8.4, "end_s": 17.5, "star": "action"},
        ],
        "metrics": {
            "pauses": {"items": [{"start_s": 8.0, "end_s": 8.4, "seconds": 0.4, "at_boundary": True}]},
            "prosody": {"track": [[0.1 * i, (i % 7) - 3.0] for i in range(170)]},
        },
    }
    built = {
        "structure": charts.star_timeline_chart(answer),
        "pace": charts.pace_chart(answer, (130, 175)),
        "pauses": charts.pause_chart(answer),
        "pitch": charts.pitch_chart(answer),
    }
    domains = {name: _first_with(chart.to_dict(), "x", "scale")["domain"] for name, chart in built.items()}
    assert domains == dict.fromkeys(built, [0, 18.6]), domains


def test_days_over_new_year_are_named_with_their_year():
    """Eight months of practice over New Year read "8 Oct … 19 Dec, 5 Jan … 25 May", as if the
    chart went back in time; within one year the year is left out."""
    series = {
        "practice": [
            {"at": "2025-12-19T12:00:00+00:00", "value": 140.0},
            {"at": "2026-01-05T12:00:00+00:00", "value": 150.0},
        ]
    }
    assert list(charts.trend_frame(series)["day"]) == ["19 Dec 2025", "5 Jan 2026"]
    series["practice"][0]["at"] = "2026-01-02T12:00:00+00:00"
    assert list(charts.trend_frame(series)["day"]) == ["2 Jan", "5 Jan"]


def test_a_real_interview_comes_after_the_practice_of_its_day():
    """Interviews are stored by day (midnight as a moment): the chart put Monday's interview
    before Monday morning's practice."""
    series = {
        "practice": [
            {"at": "2026-11-30T12:00:00+00:00", "value": 140.0},
            {"at": "2026-12-01T12:00:00+00:00", "value": 150.0},
        ],
        "real": [{"at": "2026-11-30", "value": 160.0, "company": "Globex", "stage": "onsite"}],
    }
    frame = charts.trend_frame(series)
    assert list(frame["kind"]) == ["practice", "real interview", "practice"]
    assert list(frame["value"]) == [140.0, 160.0, 150.0]


@pytest.mark.parametrize(
    ("zone_name", "stored", "day"),
    [
        ("America/New_York", "2026-03-10T03:30:00+00:00", "9 Mar"),  # 23:30 on the 9th in New York
        ("Asia/Tokyo", "2026-03-09T15:30:00+00:00", "10 Mar"),  # 00:30 on the 10th in Tokyo
    ],
)
def test_the_trend_and_mock_charts_name_the_users_day(zone, zone_name, stored, day):
    """Progress named a point by its UTC day (an answer at 23:30 in New York was under the next
    day), while history, the log and the cadence use the user's day. A real interview, stored by
    its day alone, keeps that day in every zone."""
    zone(zone_name)
    series = {
        "practice": [{"at": stored, "value": 140.0}],
        "real": [{"at": "2026-03-11", "value": 150.0, "company": "Globex", "stage": "onsite"}],
    }
    spec = charts.trend_chart(series, "pace (words per minute)").to_dict()
    assert _labels(_first_with(spec, "x", "axis")["labelExpr"]) == [day, "11 Mar"]
    mocks = [{"at": stored, "score_overall": 70.0, "format_label": "behavioural"}]
    assert _labels(_first_with(charts.mock_chart(mocks).to_dict(), "x", "axis")["labelExpr"]) == [day]


def test_answers_of_one_day_each_have_a_label(zone):
    """A new user's two answers of 7 Dec: "7 Dec" under the first and nothing under the second, as
    if it had no day. On a chart of one day the first says its day and time and the others their
    time; a real interview that day (stored without a time) says "same day"."""
    zone("UTC")
    series = {
        "practice": [
            {"at": "2026-12-07T09:12:00+00:00", "value": 119.0},
            {"at": "2026-12-07T11:40:00+00:00", "value": 182.0},
        ],
        "real": [{"at": "2026-12-07", "value": 150.0, "company": "Globex", "stage": "onsite"}],
    }
    spec = charts.trend_chart(series, "pace (words per minute)").to_dict()
    assert _labels(_first_with(spec, "x", "axis")["labelExpr"]) == ["7 Dec 09:12", "11:40", "same day"]
    # answers over several days name each day once, as before
    series["real"][0]["at"] = "2026-12-08"
    spec = charts.trend_chart(series, "pace (words per minute)").to_dict()
    assert _labels(_first_with(spec, "x", "axis")["labelExpr"]) == ["7 Dec", "", "8 Dec"]


def test_a_mock_interview_s_practice_point_says_so_when_pointed_at():
    """A mock interview's answer is a practice point like any other; its tooltip says where it was said."""
    series = {
        "practice": [
            {"at": "2026-11-30T12:00:00+00:00", "value": 140.0, "mock_interview": False},
            {"at": "2026-11-30T13:00:00+00:00", "value": 150.0, "mock_interview": True},
        ],
        "real": [{"at": "2026-12-01", "value": 160.0, "company": "Globex", "stage": "onsite"}],
    }
    frame = charts.trend_frame(series)
    assert list(frame["where"]) == ["", "mock interview", "Globex onsite"]
    # one row says it: a plain practice point's tooltip had a "where" row with nothing after it
    said = ["practice", "practice, mock interview", "real interview, Globex onsite"]
    assert list(frame["said_in"]) == said
    for tooltip in _encodings(charts.trend_chart(series, "pace").to_dict(), "tooltip"):
        fields = [t.get("field") for t in tooltip]
        assert "said_in" in fields or "range" in str(tooltip)
        assert "where" not in fields and "kind" not in fields


def test_pointing_at_a_trend_says_the_figure_as_the_tables_do(zone):
    """Months in, pointing at an answer's length said "18.184", a real interview's day "Oct 26,
    2026 00:00" (no time is stored for one), the line "your answers, oldest first: 8" and the
    shaded band "low 60, high 120"; the tables beside it say 18 and 22.1."""
    from coach.progress import trends

    zone("UTC")  # the practice answer's time as stored
    practice = {"id": 8, "question_id": "mot-05", "created_at": "2026-11-30T12:05:00+00:00"}
    real = {"id": 1, "question_id": "mot-05", "interview_date": "2026-10-26", "company": "Globex"}
    series = trends(
        [{**practice, "duration_s": 18.184, "fillers_per_min": 0.0}],
        [{**real, "stage": "first round", "duration_s": 14.057, "fillers_per_min": 22.08}],
    )
    frame = charts.trend_frame(series["duration_s"])
    assert list(frame["figure"]) == ["14", "18"]
    assert list(frame["when"]) == ["26 Oct 2026", "30 Nov 2026 12:05"]
    assert list(charts.trend_frame(series["fillers_per_min"])["figure"]) == ["22.1", "0"]
    chart, _ = charts.trend_chart_with_average(series["duration_s"], "answer length (s)", (60, 120))
    spec = chart.to_dict()
    layers = [layer for top in spec["layer"] for layer in top.get("layer", [top])]
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in layers]
    assert all("tooltip" in layer["encoding"] for layer in layers), marks  # none falls back to its encodings
    fields = {t["field"] for layer in layers for t in layer["encoding"]["tooltip"]}
    assert "value" not in fields and "order" not in fields and "low" not in fields
    # the running average's tooltip said pace "147.2" where the tables say 147; a rate keeps its decimal
    months = [
        {
            **practice,
            "id": i,
            "created_at": f"2026-11-{1 + i:02d}T12:00:00+00:00",
            "wpm": 147.2,
            "fillers_per_min": 2.04,
        }
        for i in range(20)
    ]
    months = trends(months, [])
    for measure, figure in (("wpm", "147"), ("fillers_per_min", "2")):
        chart, window = charts.trend_chart_with_average(months[measure], measure, measure=measure)
        averages = [  # the line and the white edge under it
            layer
            for layer in chart.to_dict()["layer"]
            if "average" in str(layer.get("encoding", {}).get("y"))
        ]
        for average in averages:
            [said] = [
                t for t in average["encoding"]["tooltip"] if t["title"] == f"average of {window} answers"
            ]
            assert said["field"] == "average_figure", said
        shown = charts.running_average(charts.trend_frame(months[measure]), window, measure)
        assert set(shown["average_figure"]) == {figure}


def _contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two colours given as #rrggbb."""

    def luminance(colour: str) -> float:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_each_part_of_the_structure_chart_is_named_in_a_colour_that_reads_on_its_block():
    """'Action' was black on the dark green block, 3.6:1 (12 px bold text needs 4.5:1)."""
    sentences = [
        {
            "start_char": 10 * i,
            "end_char": 10 * i + 10,
            "start_s": 4.0 * i,
            "end_s": 4.0 * i + 4,
            "star": part,
        }
        for i, part in enumerate(("situation", "task", "action", "result", None))
    ]
    chart = charts.star_timeline_chart({"duration_s": 20.0, "transcript": "x" * 50, "sentences": sentences})
    layers = chart.to_dict()["layer"]
    [bars] = [layer for layer in layers if layer["mark"]["type"] == "bar"]
    [text] = [layer for layer in layers if layer["mark"]["type"] == "text"]
    scale = bars["encoding"]["color"]["scale"]
    blocks = dict(zip(scale["domain"], scale["range"], strict=True))
    if "color" in text["encoding"]:
        labels = dict(zip(*(text["encoding"]["color"]["scale"][k] for k in ("domain", "range")), strict=True))
    else:
        labels = dict.fromkeys(blocks, {"black": "#000000"}.get(text["mark"]["color"], text["mark"]["color"]))
    ratios = {part: round(_contrast(blocks[part], labels[part]), 1) for part in blocks}
    assert min(ratios.values()) >= 4.5, ratios


def test_the_pace_chart_names_its_band_above_the_plot_where_the_line_cannot_cross_it():
    """ "comfortable 130–175 wpm" was written inside the plot at the band's top edge, on the left,
    where an answer's pace line starts: the line ran through the words at every width. It is the
    chart's title now, above the plot, and no text is drawn among the points."""
    words = [{"text": "word.", "start_s": 0.4 * i, "end_s": 0.4 * i + 0.3} for i in range(120)]
    spec = charts.pace_chart({"duration_s": 48.0, "words": words}, (130, 175)).to_dict()
    assert spec["title"]["text"] == "shaded: comfortable 130–175 wpm", spec.get("title")
    assert spec["title"]["anchor"] == "start"
    marks = [layer["mark"] for layer in spec["layer"]]
    marks = [mark["type"] if isinstance(mark, dict) else mark for mark in marks]
    assert "text" not in marks, marks


def _tooltip_formats(spec: dict) -> list[str]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "temporal" and "format" in node:
                found.append(node["format"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def test_the_charts_say_a_day_as_the_page_around_them_does():
    """Progress says "9 Dec" and "Tue 10 Nov 21:57" everywhere, while its charts read "Dec 5" under
    the axis and "Dec 5, 2026" when pointed at: now "5 Dec", and "5 Dec 2026 12:00" in a tooltip."""
    series = {
        "practice": [
            {"at": f"2026-11-{1 + i:02d}T12:00:00+00:00", "value": 140.0 + i % 3} for i in range(25)
        ],
        "real": [{"at": "2026-11-30", "value": 150.0, "company": "Globex", "stage": "onsite"}],
    }
    chart, window = charts.trend_chart_with_average(series, "pace (words per minute)", measure="wpm")
    assert window
    spec = chart.to_dict()
    labels = [label for label in _labels(_first_with(spec["layer"][0], "x", "axis")["labelExpr"]) if label]
    assert labels[0] == "1 Nov" and labels[-1] == "30 Nov", labels
    assert list(charts.trend_frame(series)["when"])[-1] == "30 Nov 2026"
    mocks = [{"at": "2026-11-02T12:00:00+00:00", "score_overall": 70.0, "format_label": "Behavioural round"}]
    formats = [
        *_tooltip_formats(spec),
        *_tooltip_formats(charts.mock_chart(mocks).to_dict()),
        *_tooltip_formats(charts.attempts_chart(attempts(3), current_id=3).to_dict()),
    ]
    assert len(formats) >= 3 and all(f.startswith("%-d %b %Y") for f in formats), formats


def _year_of_pace() -> dict:
    """About a year of answers, as after a year of use: 425 practice answers and 25 real ones."""
    from datetime import date, timedelta

    start = date(2025, 12, 6)
    practice = [
        {
            "at": f"{start + timedelta(days=i * 365 // 425)}T{8 + i % 12:02d}:00:00+00:00",
            "value": 140.0 + i % 37,
        }
        for i in range(425)
    ]
    real = [
        {
            "at": str(start + timedelta(days=14 * i + 3)),
            "value": 150.0 + i % 20,
            "company": "Globex",
            "stage": "onsite",
        }
        for i in range(25)
    ]
    return {"practice": practice, "real": real}


def _layers(spec: dict) -> list[dict]:
    return [layer for top in spec["layer"] for layer in top.get("layer", [top])]


def _mark(layer: dict) -> dict:
    return layer["mark"] if isinstance(layer["mark"], dict) else {"type": layer["mark"]}


def _per_kind(encoding: dict) -> dict:
    """A size or opacity given per kind of answer, by a test on the point's kind (no legend of its own)."""
    assert "scale" not in encoding and "field" not in encoding, encoding  # no scale to merge into the legend
    assert encoding["condition"]["test"] == "datum.kind === 'practice'"
    return {"practice": encoding["condition"]["value"], "real interview": encoding["value"]}


def test_a_year_of_answers_reads_on_a_phone():
    """A year's 450 answers drew 70-pixel points joined by full lines, a solid mass at 390 px with
    the average hard to see in it, a tick under every answer, and the last day cut ("Nov 18, 202"):
    every answer is still drawn, smaller and lighter, the average on top on a white edge, a tick
    under each day named, and the days at either end drawn inside the chart."""
    series = _year_of_pace()
    chart, window = charts.trend_chart_with_average(series, "pace (words per minute)", (130, 175), 150)
    spec = chart.to_dict()
    layers = _layers(spec)
    [points] = [layer for layer in layers if _mark(layer)["type"] == "point"]
    assert len(spec["datasets"][points["data"]["name"]]) == 450  # every answer, one point each
    sizes, opacities = (_per_kind(points["encoding"][channel]) for channel in ("size", "opacity"))
    assert sizes["practice"] <= 20 and opacities["practice"] <= 0.5, (sizes, opacities)
    assert sizes["real interview"] > sizes["practice"]  # the rarer real interview stands out
    [answers_line] = [
        layer for layer in layers if _mark(layer)["type"] == "line" and "kind" in str(layer["encoding"])
    ]
    assert max(_per_kind(answers_line["encoding"]["opacity"]).values()) <= 0.5
    # the running average is the last layer drawn, over a wider white line
    *_, edge, average = layers
    assert "average" in str(average["encoding"]["y"]) and "average" in str(edge["encoding"]["y"])
    assert _mark(edge)["color"] == "white" and _mark(edge)["strokeWidth"] > _mark(average)["strokeWidth"] >= 3
    axis = _first_with(spec["layer"][0], "x", "axis")
    named = [label for label in _labels(axis["labelExpr"]) if label]
    assert len(axis["values"]) == len(named) < 450  # a tick under each day named
    assert named[0] == "6 Dec 2025" and named[-1].endswith("2026")
    assert axis["labelFlush"] >= 30 and axis["labelBound"] is True and axis["labelOverlap"]


def test_a_few_answers_keep_their_full_points():
    """Twenty answers are drawn as before: full-size points and lines, a tick under each answer."""
    spec = charts.trend_chart(trend_series(20), "pace (words per minute)").to_dict()
    layers = _layers(spec)
    [points] = [layer for layer in layers if _mark(layer)["type"] == "point"]
    assert set(_per_kind(points["encoding"]["size"]).values()) == {70}
    assert set(_per_kind(points["encoding"]["opacity"]).values()) == {1.0}
    assert _first_with(spec, "x", "axis")["values"] == list(range(1, 21))


# What Chromium drew of a day under the trend chart's axis at 1280 px: "25 Oct 2026" 57 px wide
AXIS_PX_PER_CHARACTER = 5.2
PHONE_PLOT_PX, DESKTOP_PLOT_PX = 290, 740  # the plot's width inside the page at 390 and 1280 px


def _labels_at(axis: dict, width: int) -> list[str]:
    """The day under each tick as the chart's own label expression gives it at this plot width, run
    by node (the one playwright ships, as the browser tests use)."""
    import json
    import shutil
    import subprocess
    from pathlib import Path

    import playwright

    node = Path(playwright.__file__).parent / "driver" / "node"
    run = (
        "const [expr, values, width] = [process.argv[1], JSON.parse(process.argv[2]), +process.argv[3]];"
        "const label = new Function('datum', 'width', 'return (' + expr + ');');"
        "console.log(JSON.stringify(values.map(v => label({value: v}, width))));"
    )
    node = str(node) if node.exists() else shutil.which("node")
    found = subprocess.run(
        [node, "-e", run, axis["labelExpr"], json.dumps(axis["values"]), str(width)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(found.stdout)


def _days_drawn(spec: dict, width: int) -> list[str]:
    """The days Vega draws under the axis at this plot width: each label at its tick (the first and
    last aligned to the ends within labelFlush), those with no text skipped, then Vega's greedy
    overlap removal (keep a label unless it comes within labelSeparation of the last one kept), then
    labels past either end hidden (labelBound)."""
    axis = _first_with(spec, "x", "axis")
    low, high = _first_with(spec, "x", "scale")["domain"]
    boxes = []
    for value, text in zip(axis["values"], _labels_at(axis, width), strict=True):
        if not text:
            continue
        at, wide = (value - low) / (high - low) * width, len(text) * AXIS_PX_PER_CHARACTER
        if at <= axis["labelFlush"]:
            left = at
        elif at >= width - axis["labelFlush"]:
            left = at - wide
        else:
            left = at - wide / 2
        boxes.append((text, left, left + wide))
    kept = boxes
    separation = axis["labelSeparation"]
    if len(boxes) >= 3 and any(b[1] - a[2] < separation for a, b in zip(boxes, boxes[1:], strict=False)):
        kept = []
        for box in boxes:
            if not kept or box[1] - kept[-1][2] >= separation:
                kept.append(box)
        if len(kept) < 3 and kept[-1] is not boxes[-1]:  # Vega keeps the last when two are left
            kept = [*kept[:1], boxes[-1]]
    return [text for text, left, right in kept if left >= -1 and right <= width + 1]


@pytest.mark.parametrize("width", [PHONE_PLOT_PX, DESKTOP_PLOT_PX])
def test_the_last_day_of_a_year_of_answers_is_named_under_the_chart(width):
    """A year in, the trend chart's axis named days up to "25 Oct 2026" at 1280 px and "3 Oct 2026"
    on a phone, and never the last day practised (today): Vega's overlap removal keeps the first day
    and drops any that would touch the one before, so the last went. The day of the last answers is
    now always named, at the right end, with days spread over the rest of the axis."""
    series = _year_of_pace()
    chart, _ = charts.trend_chart_with_average(series, "pace (words per minute)", (130, 175), 150)
    drawn = _days_drawn(chart.to_dict()["layer"][0], width)
    assert drawn[0] == "6 Dec 2025" and drawn[-1] == "5 Dec 2026", drawn
    assert len(drawn) >= (4 if width == PHONE_PLOT_PX else 9), drawn  # the rest of the year still named


@pytest.mark.parametrize("width", [PHONE_PLOT_PX, DESKTOP_PLOT_PX])
def test_the_last_mock_interview_s_day_is_named_under_its_chart(width):
    """Twelve mock interviews, one a month: the last one's day read nowhere under the chart ("11 Oct
    2026" the last named, the last interview on 10 Nov); it is now named at the right end."""
    mocks = [
        {"at": f"{2025 + (11 + i) // 12}-{(11 + i) % 12 + 1:02d}-{10 + i % 6}T12:00:00+00:00",
         "score_overall": 55.0 + 2 * i, "format_label": "Behavioural round"}
        for i in range(12)
    ]  # fmt: skip
    drawn = _days_drawn(charts.mock_chart(mocks).to_dict(), width)
    assert drawn[-1] == "15 Nov 2026" and drawn[0] == "10 Dec 2025", drawn
