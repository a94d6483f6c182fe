"""Plain rows and sentences the pages show: scores with their reasons, headline numbers, history.

Measures are reported as what was observed ("6 fillers, 3 of them 'um'"), never as a verdict.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import fields
from datetime import date
from pathlib import Path

from coach import banks, local_time
from coach.analysis.wording import (
    NOT_SCORED_OFF_QUESTION,
    clock,
    count,
    length_clock,
    listed,
    off_the_question,
    ordinal,
    star_percents,
)
from coach.banks import ROLE_LABELS as ROLE_LABELS  # the pages read it as summary.ROLE_LABELS
from coach.banks import ROLE_PHRASES as ROLE_PHRASES  # said as the save note says them
from coach.banks import (
    tag_words,  # a bank tag in words (pages call it as summary.tag_words)
    told_words,
)
from coach.config import THRESHOLD_BOUNDS, Thresholds, plain_number
from coach.interview_log import interview_with_stage, own_stage_name
from coach.local_time import long_date
from coach.mock.said import ended_words, skipped_words
from coach.progress import (
    answered_words,
    direction_words,
    figures_side_by_side,
    in_mock_interview,
    where_answered,
)
from coach.ui.highlight import escape, spans_by_kind
from coach.ui.log_labels import answer_day, answer_moment, short_date, table_moment

SCORE_NAMES = {
    "delivery": "Delivery",
    "fillers": "Fillers",
    "structure": "Structure (STAR)",
    "content": "Content",
}
SAMPLES_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "samples"
SAMPLE_RECORDING = SAMPLES_DIR / "sample-answer.ogg"
MAX_FEEDBACK = 5
REPEAT_NAMES = ("repeated words", "broken-off words")  # coach.analysis.answer's names for them


def kind_words(category: str | None) -> str:
    """A question's kind in a choice of kinds; None, the first choice, lets its wording tell."""
    return "Tell from the question's words" if category is None else tag_words(category)


# The Questions page's competencies for a question of your own, when none are chosen
# (coach.banks.guess_competencies), said by their box.
OWN_COMPETENCIES_PLACEHOLDER = "Tell from the question's words"
OWN_COMPETENCIES_RULE = (
    "Left empty, they are told from the question's words: what the bank's questions worded like it "
    "practise. Choose them yourself and yours are kept."
)


def told_from_words(competencies, category: str | None = None, before=()) -> str:
    """What a question added with no competencies chosen was given, said under "Added: …" as
    `coach add-question` prints "practises: …", so the choice is seen where it can be changed; with
    `category`, the kind it was told too (under "Saved: …", reworded), or only that when
    `competencies` are none (they were chosen); with `before`, what it practised before its new
    words told it these, as `coach edit-question` says it (banks.told_words)."""
    said = told_words(competencies, category, before)
    if not said:
        return ""
    return f"{said}; change {'them' if competencies else 'it'} under “Your questions”."


def is_measured(analysis: dict) -> bool:
    """False when the quality gate stopped the answer (`scores` null): show why, not numbers."""
    return not ("scores" in analysis and analysis["scores"] is None)


def is_typed(analysis: dict) -> bool:
    """An answer typed, not spoken (`coach analyze --text`: `duration_s` null, no words with times):
    it has no pace, pauses, length in time or sound to show."""
    return "duration_s" in analysis and analysis["duration_s"] is None and not analysis.get("words")


def attempt_number(attempts: list[dict], attempt_id: int | None) -> int | None:
    """Which of the user's attempts at one question this is, counted as they would count it (1 for
    the first), from their attempts at that question oldest first; never the database's id."""
    ids = [a["id"] for a in attempts]
    return ids.index(attempt_id) + 1 if attempt_id in ids else None


def answered_before_line(before, today: date, *, latest_below: bool = False) -> str:
    """Under the question, before an answer: 'You have answered this 3 times, last on Thu 12 Nov
    (score 71).', or 'First time answering this one.' `before`: coach.progress.AnsweredBefore.
    `latest_below`: the latest answer is the one whose result the page shows below, just given;
    "once, today (score 74)" above it read as an earlier answer, so the line says it is counted."""
    if not before.times:
        return "First time answering this one."
    if latest_below:
        if before.times == 1:
            return "You have answered this once: the answer below."
        return (
            f"You have answered this {before.times} times{where_answered(before)}, counting the answer below."
        )
    return answered_words(before, answered_when(before, today), lead="You have answered this") + "."


def answered_when(before, today: date) -> str:
    """The day a question was last answered, as the pages say it: 'today', 'yesterday', 'on Thu 12 Nov'."""
    last = before.last_day
    near = {0: "today", 1: "yesterday"}.get((today - last).days)
    return near or f"on {short_date(last.isoformat(), today)}"


def outcome_label(
    analysis: dict, attempt_number: int | None, saved: bool = True, *, answered_in_real: bool = False
) -> str:
    """What became of a take, for the line above its result. `attempt_number` counts practice
    answers (mock ones among them); `answered_in_real`: the question was answered in real interviews
    too, so the number is said to be practice's: "your 1st answer to this question" stood under
    "You have answered this 4 times (3 in real interviews), counting the answer below"."""
    if not saved:
        return "Analysed the sample recording (a demonstration, not saved)"
    kind = "practice answer" if answered_in_real else "answer"
    which = f"your {ordinal(attempt_number)} {kind} to this question" if attempt_number else "your answer"
    if off_the_question(analysis):  # measured: "could not be measured" read as a microphone problem
        return f"Kept as {which}, but {NOT_SCORED_OFF_QUESTION}"
    if not is_measured(analysis):
        return f"Kept as {which}, but it could not be measured"
    return f"Analysed and saved: {which}"


def filler_count(analysis: dict) -> int:
    """Fillers as the transcript marks them (repeated and broken-off words are counted apart), so
    the headline, the marks and the JSON's `metrics.fillers` say the same number."""
    return len(spans_by_kind(analysis)["filler"])


def structure_applies(analysis: dict) -> bool:
    """False for an answer to a question that asks for no story ("Why this team?"): its structure is
    not scored (`applies` false), and no Situation → Task → Action → Result is shown for it."""
    return ((analysis.get("scores") or {}).get("structure") or {}).get("applies", True) is not False


def score_rows(analysis: dict) -> list[dict]:
    """One row per scored dimension: the score out of 100 and the numbers it comes from; a measure
    that does not apply to the question says so, not "not measured" (nothing failed)."""
    scores = analysis.get("scores") or {}
    rows = []
    for key, name in SCORE_NAMES.items():
        if key == "delivery" and is_typed(analysis):  # pace and pauses: a recording's, not a text's
            continue
        entry = scores.get(key) or {}
        score = entry.get("score")
        missing = "does not apply" if entry.get("applies") is False else "not measured"
        rows.append(
            {
                "Measure": name,
                "Score": missing if score is None else f"{score} / 100",
                "Based on": entry.get("because", ""),
                "Source": entry.get("source"),
            }
        )
    return rows


def headline(analysis: dict, thresholds: Thresholds | None = None) -> list[dict]:
    """The four numbers at the top of a result (three for a typed answer: no pace nor length in
    time), each with what it is compared against, and the length's verdict ("short for this
    question") when it has one. The pace's band is the user's (Settings), the one feedback and
    scores use: a fixed "about 140–160" read against "the 130–175 band" in the feedback under it."""
    from coach.analysis.feedback import length_verdict  # numpy with it: loaded with a result, not a page

    metrics = analysis.get("metrics") or {}
    length = metrics.get("length") or {}
    overall = (analysis.get("scores") or {}).get("overall")
    wpm = metrics.get("wpm")
    fillers = filler_count(analysis)
    duration = answer_duration(analysis)
    target = length.get("target_s")
    t = thresholds or Thresholds()
    overall_item = {
        "label": "Overall",
        "value": "—" if overall is None else f"{overall}/100",
        "help": "Mean of the dimension scores below; each says what it is based on.",
    }
    fillers_item = {
        "label": "Fillers",
        "value": f"{fillers}",
        "help": (
            f"{metrics.get('fillers_per_100_words', 0):.1f} per 100 words; ordinary conversation "
            "has about 6 (Bortfeld et al. 2001)."
        ),
    }
    if is_typed(analysis):  # no pace nor length in time: the words written, and the fillers in them
        return [
            overall_item,
            {
                "label": "Words",
                "value": f"{metrics.get('words') or 0:,}",
                "help": "Pace, pauses and length in time are measured on a recorded answer.",
            },
            fillers_item,
        ]
    return [
        overall_item,
        {
            "label": "Pace",
            "value": "—" if wpm is None else f"{wpm:.0f} wpm",
            "help": f"Words per minute over the whole answer; the band listeners follow most easily, "
            f"as set in Settings, is {t.pace_low_wpm:.0f}–{t.pace_high_wpm:.0f}.",
        },
        fillers_item,
        {
            "label": "Length",
            # as the recorder's clock and the answer clock read when the take stopped (timer.py)
            "value": length_clock(duration),
            # said beside the time when the feedback below says so: "90/100 · 0:18" read as a fine
            # answer to a two-minute story question, the "ran 18 s" point second in the list
            "delta": f"{verdict} for this question" if (verdict := length_verdict(metrics)) else None,
            "help": (
                f"Target for this question: {clock(target)}."
                if target
                else f"Behavioural answers usually run {clock(length.get('min_s', 60))}–"
                f"{clock(length.get('max_s', 120))}."
            ),
        },
    ]


NO_FILLERS = "No fillers found."


def filler_summary(analysis: dict) -> str:
    """'6 fillers: um ×3, uh ×2, so ×1' — what was said, not a judgement."""
    counts = dict((analysis.get("metrics") or {}).get("filler_counts") or {})
    repeats = sum(counts.pop(name, 0) for name in REPEAT_NAMES)
    also = f" Repeated or broken-off words: {repeats}." if repeats else ""
    if not counts:
        return NO_FILLERS + also
    total = sum(counts.values())
    ordered = sorted(counts.items(), key=lambda kv: -kv[1])
    return (
        f"{total} filler{'s' if total != 1 else ''}: "
        + ", ".join(f"'{w}' ×{n}" for w, n in ordered)
        + "."
        + also
    )


def star_summary(analysis: dict) -> str:
    """The four parts' shares; they count only words in one of the parts, so when some sentences
    are in none (the grey "Other" on the timeline) the sentence says so rather than letting
    "action 64%" read as two thirds of the whole answer."""
    star = (analysis.get("metrics") or {}).get("star") or {}
    # the four say 100% between them (each rounded alone they summed to 99% or 101%), and each the
    # percent the feedback and the structure score say
    parts = [f"{part} {percent}%" for part, percent in star_percents(star).items()]
    if not parts:
        return ""
    pieces = [p for s in analysis.get("sentences") or [] for p in (s.get("parts") or [s])]
    if any(not p.get("star") for p in pieces):
        return (
            "Share of the words in the four parts: " + ", ".join(parts) + " (the grey “Other” is in none "
            "of them and left out)"
        )
    return "Share of words: " + ", ".join(parts)


def pitch_summary(analysis: dict) -> str:
    """How much the voice moved, in words and semitones, with where it hardly moved."""
    prosody = (analysis.get("metrics") or {}).get("prosody") or {}
    variation = prosody.get("pitch_variation_st")
    if variation is None:
        return "Too little voiced speech to follow the pitch."
    flat = prosody.get("monotone_spans") or []
    where = (
        " It hardly moved from "
        + ", ".join(f"{clock(s['start_s'])} to {clock(s['end_s'])}" for s in flat)
        + "."
        if flat
        else ""
    )
    return (
        f"Your pitch moved {variation:.1f} semitones around your usual pitch (speakers heard as lively "
        f"move about 2 to 4; under {prosody.get('monotone_below_st', 1.2):g} sounds flat).{where}"
    )


def feedback(analysis: dict) -> list[str]:
    return list(analysis.get("feedback") or [])[:MAX_FEEDBACK]


NOT_HEARD = "not heard — did you mean to cover it?"


def talking_points(analysis: dict, offset_s: float = 0.0) -> tuple[str | None, list[dict]]:
    """The question's talking points as the page shows them: each heard point with the sentence
    that covered it (and when it was said), each other one as a question, never a verdict.
    `offset_s`: where the answer starts in its recording (a real interview's answer is timed from
    the end of its question), so a point is heard at the time the conversation gives its sentence.

    Returns (a sentence saying why the points were not checked, or None; one row a point).
    An answer to no question, or to one without talking points, has nothing here."""
    found = (analysis.get("metrics") or {}).get("relevance")
    if not found or not found.get("points"):
        return None, []
    if found.get("unavailable"):
        return found["unavailable"], []
    rows = []
    for p in found["points"]:
        heard = bool(p.get("covered"))
        start_s = offset_s + p["start_s"] if heard and p.get("start_s") is not None else None
        at = clock(start_s) if start_s is not None else None
        rows.append(
            {
                "point": p["point"],
                "heard": heard,
                "evidence": p.get("evidence") if heard else None,
                "at": at,
                "start_s": start_s,
                "note": None if heard else NOT_HEARD,
            }
        )
    return None, rows


def plain(value: float | None) -> str:
    """A measured number as a person says it: whole from 100 up ("137 wpm"), at most one decimal
    below ("21.4 fillers per 100 words", "68"); never "136.83"."""
    if value is None:
        return "—"
    return f"{value:.0f}" if abs(value) >= 100 else f"{round(value, 1):g}"


# A table's column of fillers per 100 words, a rate read to one decimal in every row: Streamlit shows
# a number as short as it can, so 5.0 read "5" beside "5.3" (coach.ui.shared.table formats it).
# Its header and the pace's are short, their units in TABLE_UNITS below the table and in each
# header's help: "Fillers /100 words" and "Pace (wpm)" pushed a table's last columns past a phone's
# right edge, out of view behind a sideways scroll.
FILLERS_PER_100_WORDS = "Fillers"
PACE = "wpm"
ONE_DECIMAL_COLUMNS = (FILLERS_PER_100_WORDS,)
COLUMN_HELP = {FILLERS_PER_100_WORDS: "Fillers per 100 words", PACE: "Pace: words per minute"}
TABLE_UNITS = "Fillers per 100 words; wpm: pace in words per minute."


def rounded(value: float | None, decimals: int = 0) -> float | int | None:
    """A table cell's number at the precision the measure is read at."""
    if value is None:
        return None
    return round(value) if decimals == 0 else round(value, decimals)


def answer_rows(
    practice: list[dict], real: list[dict], today: date, current_id: int | None = None
) -> list[dict]:
    """One question's practice and real answers as one table (Progress's per question, Practice's
    "this answer against your earlier ones"), newest first (after months the latest answers are in
    view, not behind ten old ones). Each row is its day without the weekday and what the answer
    was: '1 Dec practice', '1 Dec mock', '1 Dec real' (the practice answer `current_id` reads "this
    answer"). A real interview has a day but no time, so no row shows a time: "1 Dec real" read
    beside "1 Dec 13:40" as another kind of entry; the order tells two of a day apart. A column
    saying which pushed the figures out of a phone's view. `practice`: attempts as listed (or as
    coach.progress gives them, with "mock_interview"); `real`: turns with their interview_date."""
    rows = [
        (p["created_at"], "this answer" if p["id"] == current_id else _kind_of_practice(p), p)
        for p in practice
    ]
    rows += [(r["interview_date"], "real", r) for r in real]
    rows.sort(
        key=lambda row: local_time.in_lived_order(row[0]), reverse=True
    )  # an interview after its day's practice
    return [
        {
            "When": kind if kind == "this answer" else f"{_day_in_table(when, today)} {kind}".strip(),
            "Overall": rounded(a.get("score_overall")),
            PACE: rounded(a.get("wpm")),
            FILLERS_PER_100_WORDS: rounded(a.get("fillers_per_100_words"), 1),
            "Length": length_clock(a.get("duration_s")),
        }
        for when, kind, a in rows
    ]


def answer_named(practice_row: dict, today: date) -> str:
    """A practice answer as its question's table (answer_rows) names it: '5 Dec practice', '5 Dec mock'."""
    return f"{_day_in_table(practice_row['created_at'], today)} {_kind_of_practice(practice_row)}"


def answers_named(practice: list[dict], today: date) -> dict:
    """Each practice answer by id, named as answer_named names it, with its time (and its day, where
    the table gives a month: 'Dec 2025') where two are named alike: the picker to delete one read
    "6 Dec practice" twice."""
    names = {p["id"]: answer_named(p, today) for p in practice}
    seen = list(names.values())
    return {
        p["id"]: (
            f"{answer_moment(str(p['created_at']), today)} {_kind_of_practice(p)}"
            if seen.count(names[p["id"]]) > 1
            else names[p["id"]]
        )
        for p in practice
    }


def _kind_of_practice(attempt: dict) -> str:
    return "mock" if attempt.get("mock_interview") or in_mock_interview(attempt) else "practice"


def _day_in_table(when, today: date) -> str:
    return answer_day(str(when), today) if when else ""


def _skipped(mock: dict) -> str:
    return skipped_words(mock.get("questions_skipped", 0), mock.get("follow_ups_skipped", 0))


def mock_rows(series: list[dict], today: date) -> tuple[list[dict], str]:
    """The mock interviews' table, newest first (Markdown-escaped, as st.table reads it), and what
    every row shares said once ("Each was a behavioural round of 30 minutes."), left out of the rows:
    a year's table was four lines a row at 390 px, each row saying "Tue 10 Nov 21:57", "Behavioural
    round" and "9:48 of 30 min" again. A day has its time only where two fell on it."""
    formats = {m["format_label"] for m in series}
    plans = {m["planned_s"] for m in series}
    one_format = len(series) > 1 and len(formats) == 1
    one_plan = len(series) > 1 and len(plans) == 1
    per_day: dict[date, int] = {}
    for m in series:
        day = local_time.local_moment(m["at"]).date()
        per_day[day] = per_day.get(day, 0) + 1
    rows = []
    for m in reversed(series):
        used = clock(m["used_s"]) if m["used_s"] else ""
        if used and not one_plan:
            used += f" of {m['planned_s'] // 60} min"
        shared_day = per_day[local_time.local_moment(m["at"]).date()] > 1
        row = {"When": table_moment(m["at"], today, with_time=shared_day)}
        if not one_format:
            row["Format"] = escape(m["format_label"])
        row |= {
            # a skipped question has no score: the overall is of the others, and says so
            "Overall": ("—" if m["score_overall"] is None else f"{round(m['score_overall'])}")
            + (f" ({skipped})" if (skipped := _skipped(m)) else ""),
            "Time used": used + (f", {ended}" if (ended := ended_words(m)) else ""),
            "Repeated gap": escape(m["pattern"] or ""),
        }
        rows.append(row)
    label = next(iter(formats))
    kind = label[:1].lower() + label[1:]
    minutes = f"{next(iter(plans)) // 60} minutes"
    shared = (
        f"Each was a {kind} of {minutes}."
        if one_format and one_plan
        else f"Each was a {kind}."
        if one_format
        else f"Each was planned for {minutes}."
        if one_plan
        else ""
    )
    return rows, escape(shared)


def comparison_notes(practice_vs_real: dict) -> str:
    """What the three narrow columns of "practice against real interviews, every measure" leave to a
    line below them: how many answers each mean is of, and the comfortable bands. As columns of their
    own they put the real interviews past a phone's right edge. `practice_vs_real` as
    `coach.progress.practice_vs_real` gives it."""
    entries = list(practice_vs_real.values())
    most_practice = max((v["practice_n"] for v in entries), default=0)
    most_real = max((v["real_n"] for v in entries), default=0)
    of = f"{count(most_practice, 'practice answer')} and {count(most_real, 'real one')}"
    said = f"Each figure is the mean of {of}"
    fewer = [
        f"{v['label']}: {v['practice_n']} practice, {v['real_n']} real"
        for v in entries
        if (v["practice_n"], v["real_n"]) != (most_practice, most_real)
    ]
    said += f" (fewer where a measure could not be taken: {'; '.join(fewer)})." if fewer else "."
    comfortable = [f"{v['label']} {v['band'][0]:g}–{v['band'][1]:g}" for v in entries if v["band"]]
    if comfortable:
        said += f" Comfortable: {'; '.join(comfortable)}."
    return said


def filler_rate_words(per_100_words: float) -> str:
    """A filler rate as a person says it: 'no fillers' (not "0.0 fillers per 100 words"), 'under
    0.1 fillers per 100 words' for one in a very long answer, else to one decimal as every other
    rate on the pages ('3.1', '4.0')."""
    if per_100_words == 0:
        return "no fillers"
    if round(per_100_words, 1) == 0:
        return "under 0.1 fillers per 100 words"
    return f"{per_100_words:.1f} fillers per 100 words"


def reviewed_answer_figures(answer: dict) -> str:
    """One real answer's figures as a line under its question ('overall 72 · 148 wpm · 3.1 fillers
    per 100 words · 1:10 long · practised 2 times before (mean score 63)'), in place of a table that
    hid its figures past the card's right edge on a phone. `answer` as
    `interview_log.reviewed_answers` gives it; a figure not measured is left out."""
    parts = []
    if answer.get("score_overall") is not None:
        parts.append(f"overall {rounded(answer['score_overall'])}")
    if answer.get("wpm") is not None:
        parts.append(f"{rounded(answer['wpm'])} wpm")
    if answer.get("fillers_per_100_words") is not None:
        parts.append(filler_rate_words(answer["fillers_per_100_words"]))
    if answer.get("duration_s") is not None:
        parts.append(f"{length_clock(answer['duration_s'])} long")
    if answer.get("question_id"):
        n = answer["practised_before"]
        practised = f"practised {count(n, 'time')} before" if n else "not practised before"
        if n and answer.get("practice_score") is not None:  # their mean, beside this answer's overall
            practised += f" (mean score {rounded(answer['practice_score'])})"
        parts.append(practised)
    return " · ".join(parts)


def practised_before_said(answers: list[dict]) -> bool:
    """Whether a line of `answers` (as `interview_log.reviewed_answers` gives them) says how often its
    question was practised before: a measured answer to a bank question's (`reviewed_answer_figures`;
    one not measured shows why instead). The caption that explains "Practised before" goes under
    such a line only: under "Not measured: …" alone it explained a figure the card did not show."""
    return any(not a["not_measured"] and a.get("question_id") for a in answers)


CHANGE_MEASURES = (
    ("score_overall", "overall score", ""),
    ("fillers_per_100_words", "fillers per 100 words", ""),
    ("wpm", "pace", " wpm"),
)


def _measured(attempt: dict) -> bool:
    """An attempt with a figure to compare: one that could not be measured is stored without any."""
    return any(attempt.get(key) is not None for key, _, _ in CHANGE_MEASURES)


def measured_before(attempts: list[dict], current_id: int | None) -> dict | None:
    """The last attempt before `current_id` (attempts at one question, oldest first) that could be
    measured: the one this attempt is compared with. None when there is none."""
    ids = [a["id"] for a in attempts]
    if current_id not in ids:
        return None
    return next((a for a in reversed(attempts[: ids.index(current_id)]) if _measured(a)), None)


def change_sentence(attempts: list[dict], current_id: int | None) -> str | None:
    """How this attempt compares with the last one before it at the same question that could be
    measured: compared with a take just before that could not be (it has no figures), it said
    nothing under a chart of both."""
    before = measured_before(attempts, current_id)
    if before is None:
        return None
    ids = [a["id"] for a in attempts]
    now = attempts[ids.index(current_id)]
    bits = []
    for key, label, unit in CHANGE_MEASURES:
        if now.get(key) is not None and before.get(key) is not None:
            then, latest = figures_side_by_side((before[key], now[key]), key)
            bits.append(f"{label} {then}{unit} → {latest}{unit}")
    just_before = ids.index(before["id"]) == ids.index(current_id) - 1
    since = "Since your previous answer" if just_before else "Since your last answer that could be measured"
    return f"{since}: " + "; ".join(bits) + "." if bits else None


def threshold_sources() -> dict[str, str]:
    """Each threshold's source, read from the comments above it in coach/config.py (one truth)."""
    source = inspect.getsource(Thresholds)
    notes: dict[str, str] = {}
    pending: list[str] = []
    note = ""
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(stripped.lstrip("# ").strip())
        elif match := re.match(r"(\w+)\s*:\s*\w+\s*=", stripped):
            if pending:  # a comment block covers every field below it until the next block
                note, pending = " ".join(pending), []
            notes[match.group(1)] = note
        elif not stripped:
            pending = []
    return {f.name: page_note(notes.get(f.name, "")) for f in fields(Thresholds)}


# What points inside the project (an issue, a module, a file): fine in a code comment, noise in a page.
_INTERNAL = re.compile(
    r"\bissue \d+\b|\bcoach\.[a-z_.]+|\b(?:tests|benchmarks|coach|docs|scripts)/\S*|\S+\.(?:py|toml|json)\b"
)


def page_note(note: str) -> str:
    """A source note as a page shows it: the research and the reasoning, without the pointers into
    the project (a parenthesis naming a module goes; a clause resting on a file goes)."""
    note = re.sub(r"\s*\(([^()]*)\)", lambda m: "" if _INTERNAL.search(m.group(1)) else m.group(0), note)
    kept = []
    for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", note):
        clauses = [c for c in sentence.rstrip(".").split("; ") if c.strip() and not _INTERNAL.search(c)]
        if clauses:
            kept.append("; ".join(clauses).rstrip(".") + ".")
    return " ".join(kept)


# shares kept as fractions (0.40) and shown as percentages (40), as their sources say them
PERCENT_THRESHOLDS = frozenset(
    {
        "situation_max_share",
        "action_i_min_share",
        "talking_point_min_recall",
        "filler_pitch_low_ratio",
        "filler_pitch_high_ratio",
    }
)
THRESHOLD_LABELS = {
    "pace_low_wpm": "Pace: low end of the band (wpm)",
    "pace_high_wpm": "Pace: high end of the band (wpm)",
    "pace_comprehension_limit_wpm": "Pace: comprehension limit (wpm)",
    "fillers_per_100_words_typical": "Fillers per 100 words in ordinary conversation",
    "natural_pause_s": "Natural pause at a sentence end (s)",
    "long_pause_s": "Long pause (s)",
    "answer_min_s": "Answer length: shortest usual (s)",
    "answer_max_s": "Answer length: longest usual (s)",
    "situation_max_share": "Largest share for the situation (%)",
    "pause_min_s": "Shortest silence counted as a pause (s)",
    "action_i_min_share": "Smallest share of 'I' in action sentences (%)",
    "talking_point_min_recall": "How much of a talking point one sentence must say to count as heard (%)",
    "hedges_per_100_words_max": "Hedges per 100 words before feedback mentions them",
    "monotone_below_st": "Pitch variation under which the voice sounds flat (semitones)",
    "pitch_window_s": "Stretch over which pitch variation is measured (s)",
    # its number is negative: "-36 (dB below full scale)" read as 36 dB above it
    "quiet_below_dbfs": "Speech level under which the recording is quiet "
    "(dB, where 0 is the loudest a recording holds)",
}


def model_words(engine: str, model: str) -> tuple[str, str]:
    """(short name, what it does and costs) of a speech model, for a choice and its caption."""
    # here, not at the top: coach.transcribe's package loads PyAV and numpy, which the first page
    # a new user sees does without (tests/test_app_practice.py)
    from coach.transcribe.models import MODEL_WORDS

    return MODEL_WORDS.get((engine, model), ("Another speech model", f"{model}, run by {engine}"))


# What each number does for the person practising, under its field (or under the last field of a
# group that shares one source). The research behind it is one hover away, in the field's help.
THRESHOLD_WORDS = {
    "pace_low_wpm": "Feedback calls your pace slow or fast only when most of an answer falls outside "
    "this band; past the limit, listeners start to miss words.",
    "fillers_per_100_words_typical": "Most people say about this many “um”s, “like”s and the like per "
    "100 words in conversation; your answers are compared with it.",
    "natural_pause_s": "A pause this long at the end of a sentence sounds natural; from the long-pause "
    "length on, feedback points the pause out.",
    # every question in the banks, and every one you add, has a time of its own that sets the range
    # (coach.analysis.delivery); "outside this range" was read as the rule for every answer
    "answer_min_s": "For an answer to a question with no time of its own (one a real interviewer asked "
    "that is in no bank, or none chosen), feedback says it ran short or long when it falls well outside "
    "this range. A question that shows a time (“about 2:00”) is measured against half to one and a "
    "half times that time instead.",
    "situation_max_share": "When setting the scene takes more than this share of an answer, feedback "
    "suggests moving on sooner to what you did.",
    "pause_min_s": "Silences shorter than this are part of speaking, not hesitation, and are not "
    "counted as pauses.",
    "monotone_below_st": "Below this much rise and fall in your voice, feedback says it sounds flat.",
    "quiet_below_dbfs": "A recording quieter than this is called quiet: move closer to the "
    "microphone or turn it up.",
    "action_i_min_share": "When fewer of the sentences about what was done say “I”, feedback asks you "
    "to make your own part clear.",
    "talking_point_min_recall": "Higher: a talking point counts as heard only when you say most of it. "
    "Lower: a passing mention is enough.",
    "hedges_per_100_words_max": "Past this many “I think”s, “maybe”s and “sort of”s per 100 words, "
    "feedback mentions them.",
}
FILLER_DETECTOR_LABELS = {
    "filler_min_s": "Shortest “um” or “uh” heard (s)",
    "filler_max_s": "Longest “um” or “uh” heard (s)",
    "filler_max_flux": "How steady the sound must stay (lower is stricter)",
    "filler_min_above_floor_db": "How far above the background noise it must be (dB)",
    "filler_max_below_speech_db": "How far below your speaking level it may be (dB)",
    "filler_pitch_low_ratio": "Lowest pitch, as a share of your usual pitch (%)",
    "filler_pitch_high_ratio": "Highest pitch, as a share of your usual pitch (%)",
    "filler_max_pitch_range_st": "How level the pitch must stay (semitones)",
    "filler_max_timbre_distance": "How close it must sound to your own voice (lower is stricter)",
}
# Each field's help in the user's words: the sources in coach/config.py are written for whoever
# tunes the detector ("MFCC c1-c12, as librosa's", "median F0", "dev set fillers: 0.93-0.99").
FILLER_DETECTOR_HELP = {
    "filler_min_s": "A held “uh” or “um” lasts about 0.2 to 1 s (Shriberg 2001; Clark & Fox Tree 2002): "
    "a sound shorter than this is not taken for one.",
    "filler_max_s": "A held “uh” or “um” lasts about 0.2 to 1 s (Shriberg 2001; Clark & Fox Tree 2002): "
    "a sound longer than this is not taken for one.",
    "filler_max_flux": "An “uh” is one vowel held, so its sound barely changes from moment to moment, "
    "while words change all the time. Recorded fillers stay well under this number; other speech "
    "is mostly far above it.",
    "filler_min_above_floor_db": "A sound must be this much louder than the quietest part of the "
    "recording, so a hum or a noisy room is never taken for an “um”.",
    "filler_max_below_speech_db": "An “um” is about as loud as your words (recorded ones were up to 14 dB "
    "quieter): a sound much quieter than your speech is not taken for one.",
    "filler_pitch_low_ratio": "An “um” sits at your usual pitch or a little below it (Shriberg & "
    "Lickley 1993): a sound far below it is not taken for one.",
    "filler_pitch_high_ratio": "An “um” sits at your usual pitch or a little below it (Shriberg & "
    "Lickley 1993): a sound far above it is not taken for one.",
    "filler_max_pitch_range_st": "An “uh” is said on one level note: a sound whose pitch moves more than "
    "this is a word, a laugh or a question, not a filler.",
    "filler_max_timbre_distance": "How much it may differ in tone from your own voice: music or another "
    "sound in the room differs more than your own “um”s do.",
}
FILLER_DETECTOR_WORDS = (
    "These decide when a sound in the recording counts as an “um” or “uh” that the transcript left "
    "out. Stricter settings hear fewer of them and mistake fewer other sounds for one."
)


def answer_duration(analysis: dict) -> float | None:
    """An answer's length in seconds, as its Length figure gives it; None for a typed one."""
    return (analysis.get("metrics") or {}).get("duration_s") or analysis.get("duration_s")


def threshold_label(name: str) -> str:
    """A threshold's field on the Settings page, as the page names it."""
    return THRESHOLD_LABELS.get(name) or FILLER_DETECTOR_LABELS.get(name) or name.replace("_", " ")


# A number and its unit read as one word on the Settings page: "175" ended a line and "wpm" began the
# next, in the sentence naming an emptied field at 300, 360-390, 620-650 and 930-970 px, and in the
# pace fields' help at 300-360, 480 and 540 px (a range, "130–175 wpm", broke after its dash too).
_NUMBER_AND_UNIT = re.compile(r"(\d) (wpm|s|dB|semitones)\b")
_RANGE_DASH = re.compile(r"(\d)–(?=\d)")
NO_BREAK_SPACE, WORD_JOINER = "\u00a0", "\u2060"


def units_kept(text: str) -> str:
    """`text` with each number kept on one line with its unit ("175 wpm") and a range with its ends
    ("130–175 wpm"): the line wraps before or after them, not inside."""
    text = _NUMBER_AND_UNIT.sub(rf"\1{NO_BREAK_SPACE}\2", text)
    return _RANGE_DASH.sub(rf"\1–{WORD_JOINER}", text)


def threshold_help(name: str) -> str:
    """A threshold field's help: where its number comes from (the detector's in plain words: its
    sources are written for whoever tunes it), and the range it may take, said before a save refuses
    a number outside it."""
    source = FILLER_DETECTOR_HELP.get(name) or threshold_sources()[name]
    return units_kept(f"{source}\n\nAllowed: {THRESHOLD_BOUNDS[name].allowed_words()}.")


def threshold_default(name: str) -> str:
    """A threshold's default as its field shows it, with its unit kept on its line: "2 s", "175 wpm",
    18% for a fitted 0.181."""
    bound, default = THRESHOLD_BOUNDS[name], getattr(Thresholds(), name)
    number = plain_number(bound.field_number(default, default))
    return units_kept(f"{number}%" if bound.percent else f"{number} {bound.unit}" if bound.unit else number)


def empty_field_placeholder(name: str) -> str:
    """What an emptied Settings field shows in itself, where the person emptied it and where they look
    for it again after the sentence under "Save thresholds" named it."""
    return f"Empty: type a number (default {threshold_default(name)})"


def empty_threshold_sentence(names: list[str]) -> str:
    """What to do about the Settings fields emptied before "Save thresholds", every one of them named
    with its default as its field shows it: the old number came back unasked and the page said
    "Saved."; then only the first empty field was named, and the next save named the second."""
    labels = listed([f"“{threshold_label(name)}”" for name in names])
    defaults = listed([threshold_default(name) for name in names])
    if len(names) == 1:
        what = f"{labels} is empty: type a number (its default is {defaults})"
    else:
        what = f"{labels} are empty: type a number in each (their defaults are {defaults})"
    return f"{what} or press Restore the defaults. Nothing was saved."


def improvement_sentence(entry: dict, practice_answers: int | None = None) -> str:
    """Practice on one measure since the first attempt, in words ('moved closer to the band').

    One attempt has nothing to compare with, so it says where the value stands and what to do.
    `practice_answers` (all saved answers, as the page's headline counts them): when some could not
    be measured, the sentence says so, so its count and the headline's agree."""
    label, measure = entry["label"].capitalize(), entry["measure"]
    measured = entry.get("attempts", 0)
    unmeasured = practice_answers is not None and practice_answers > measured
    first = "your first measured answer" if unmeasured else "your first practice answer"
    if measured < 2:
        [latest] = figures_side_by_side((entry["latest"],), measure)
        return f"{label}: **{latest}** on {first}. Answer again to see the change."
    counted = (
        f"{measured} of your {practice_answers} answers could be measured"
        if unmeasured
        else f"{measured} answers"
    )
    ends = entry.get("first_and_last")
    if ends:  # months of answers: one answer at each end says more about that day than the trend
        measured_words = " measured" if unmeasured else ""
        before, after = figures_side_by_side((ends["first_mean"], ends["last_mean"]), measure)
        return (
            f"{label}: **{before}** on average over your first {ends['n']}"
            f"{measured_words} answers, **{after}** over your last {ends['n']} "
            f"({counted}) — {direction_words(ends['direction'], measure)}."
        )
    direction = direction_words(entry["since_first"], measure)
    before, after = figures_side_by_side((entry["first"], entry["latest"]), measure)
    return f"{label}: **{before}** on {first}, **{after}** on the latest ({counted}) — {direction}."


# where a question came from, as the Questions page says it (the bank's own need no note)
SOURCE_WORDS = {"user": "added by you", "real interview": "asked in a real interview"}


def unlisted_answers_sentence(attempts: list[dict]) -> str | None:
    """Why Progress's questions hold fewer answers than its count of practice answers: the measured
    answers to no bank question (a mock interview's follow-ups, asked in the moment) are counted
    there and listed under no question. After a two-question mock it said "Practice answers 5"
    over three questions of one answer each. None when every measured answer is listed."""
    unlisted = [a for a in attempts if not a.get("question_id") and a.get("score_overall") is not None]
    if not unlisted:
        return None
    follow_ups = sum(1 for a in unlisted if in_mock_interview(a))
    others = len(unlisted) - follow_ups
    parts = []
    if follow_ups:
        to = "a mock interview follow-up" if follow_ups == 1 else "mock interview follow-ups"
        parts.append(f"{count(follow_ups, 'answer')} to {to}")
    if others:
        parts.append(f"{count(others, 'answer')} given with no question chosen")
    counted = "is" if len(unlisted) == 1 else "are"
    return (
        f"{' and '.join(parts).capitalize()} {counted} counted among your practice answers but not "
        "listed here, as no question from the bank was asked."
    )


def own_question_rule(*, adding: bool = True) -> str:
    """What a question of your own must be, said by its box before the user types (the add refuses
    anything else: coach.banks.is_a_question, and QUESTION_CHARS for a new one; an edit keeps a
    longer one heard in a real interview whole)."""
    from coach.banks import QUESTION_CHARS

    words = "At least two words, or one word ending in “?” (like “Strengths?”)"
    if not adding:
        return f"{words}."
    return f"{words}; up to {QUESTION_CHARS} characters: the question as asked, the points hold the rest."


def talking_points_rule() -> str:
    """How many talking points a question of your own takes and how long each may be, said under
    their box before the user types (coach.banks.check_points refuses more)."""
    from coach.banks import MAX_POINTS, POINT_CHARS

    return f"Up to {MAX_POINTS} points, each up to {POINT_CHARS} characters."


def points_checked(question) -> str | None:
    """Under the points box of one of your own questions, when you typed none: what its answers
    are checked for instead (the box showed what it was given as if typed). None when the box
    holds what you typed: those are what is checked."""
    from coach.banks import bank_question_giving_points, points_to_check, points_typed

    if points_typed(question.talking_points):
        return None
    given = "; ".join(question.talking_points)
    if not points_to_check(question.talking_points):
        return (
            "None typed: its answers are not checked for talking points; Practice shows the reminders "
            f"for its kind: {given}."
        )
    like = bank_question_giving_points(question.text, question.category)
    whose = f"the bank's “{like.text}”" if like is not None else "a question of the banks"
    return (
        f"None typed: its answers are checked for the points of {whose}: {given}. "
        "Type your own to check for them instead."
    )


def follow_up_given(question) -> str | None:
    """Under the points of one of your own questions: the follow-up a mock interview may ask after
    it, and when none was written for it, whose it is: given for its words, as its points are, it
    changes when they do (the form showed the points and never the follow-up)."""
    from coach.banks import bank_question_giving_points, follow_up_typed

    if not question.follow_ups:
        return None
    said = f"Follow-up you may get: “{question.follow_ups[0]}”"
    if follow_up_typed(question.follow_ups):
        return f"{said}."
    like = bank_question_giving_points(question.text, question.category)
    whose = (
        f"the bank's for “{like.text}”"
        if like is not None
        else f"one for any {tag_words(question.category)} question"
    )
    return f"{said}, {whose}; new words give it the follow-up that fits them."


def question_source(question) -> str:
    """'added by you', 'asked in a real interview', or '' for the bank's questions."""
    return "" if question.source == "bank" else SOURCE_WORDS.get(question.source, question.source)


def own_question_label(question, answered: str) -> str:
    """An entry of the Questions page's "Your questions": its words, where it came from when a
    debrief brought it, and `answered` (progress.answered_words' line, as Browse says it beside
    each question). "(added by you)" was said of every entry of a list headed "Your questions",
    and no entry said how often or when it was answered. Plain text: escape it for markdown."""
    came = f" ({question_source(question)})" if question.source not in ("bank", "user") else ""
    return f"{question.text}{came} — {answered}"


# The Progress page's part with a table of each question's answers, under the question's words:
# where the answers of a question of yours deleted stay ("in your history" named no place to look)
PER_QUESTION = "Per question"
KEPT_ANSWERS_PLACE = "Progress lists {them} under “" + PER_QUESTION + "”"


def kept_answers_words(answers: int, these: str = "its") -> str:
    """'its 2 answers stay in your history under its words: Progress lists them under “Per
    question”' (said before the delete with `these` = "these")."""
    place = KEPT_ANSWERS_PLACE.format(them="it" if answers == 1 else "them")
    return f"{banks.answers_stay(answers)} in your history under {these} words: {place}"


def delete_question_sentence(text: str, answers: int, filed_under: str | None) -> str:
    """What deleting one of your own questions does, asked before it is done (plain text)."""
    if not answers:
        return f"Delete “{text}”? Nothing is filed under it yet. This cannot be undone."
    if filed_under:  # the sentence's full stop after the quote: "…decision.”." read twice
        their = "Its answer" if answers == 1 else f"Its {answers} answers"
        where = f"will be filed under “{filed_under.rstrip('.')}”"
        return f"Delete “{text}”? {their} {where}. This cannot be undone."
    kept = kept_answers_words(answers, "these")
    return f"Delete “{text}”? {kept[0].upper()}{kept[1:]}. This cannot be undone."


def tags_words(tags) -> str:
    """'leadership and customer focus': a question's tags as a page lists them, as "Added: …" says
    what it practises ("self awareness, failure and learning" read as three)."""
    return listed([tag_words(t) for t in tags]) if tags else ""


def role_filter_words(role: str) -> str:
    """A role in a Role filter (Questions, Practice), as Settings and the mock interview name it, in
    the filters' lower case: "software engineering", where the bank's tag read "software engineer"
    beside Settings' "Software engineering"; "any" (no filter) stays itself."""
    return ROLE_LABELS[role].lower() if role in ROLE_LABELS and role != "any" else role


def describe_question(question) -> str:
    """'behavioural · medium · leadership and customer focus · about 2:00'. A competency the category
    names already is not said again: a system design question read "system design · medium ·
    system design"."""
    minutes, seconds = divmod(question.target_s, 60)
    category = tag_words(question.category)
    practises = tags_words([c for c in question.competencies if tag_words(c) != category])
    return " · ".join(
        part for part in (category, question.difficulty, practises, f"about {minutes}:{seconds:02d}") if part
    )


def upload_size(mb: int) -> str:
    """'1 GB' for 1024 MB, as the upload box below the label says it; '200 MB' under a gigabyte."""
    return f"{mb // 1024} GB" if mb >= 1024 and mb % 1024 == 0 else f"{mb} MB"


def due_label(next_due: date, today: date) -> str:
    """'today', or the date the next real interview is (or has been) due: both pages say the same.

    '2 Mar 2027', no weekday (a goal's date, not a booked day): it fits a quarter-width metric at
    1280 px, where 'Tue 2 Mar 2027' was cut to 'Tue 2 Mar …'."""
    if next_due == today:
        return "today"
    return f"{next_due.day} {next_due:%b}" + ("" if next_due.year == today.year else f" {next_due.year}")


FIRST_INTERVIEW_HELP = (
    "No real interview logged yet. Always be interviewing: book a first-round interview, even one "
    "you are not sure you want, and add it on the Interviews page; your goal counts from it."
)


def next_interview_metric(
    next_due: date, state: str, due_now: bool, booked: dict | None, today: date, *, first: bool = False
) -> dict:
    """The Interviews and Progress pages' "next real interview" metric, as `st.metric` arguments.

    With one booked ahead (playbook.next_booked) it names its day and company: "due today" above
    an interview already in the calendar read as a call to book one. With none ever logged
    (`first`, playbook.CadenceStatus.first_to_book) an invitation to the first: "due now" read as a
    deadline missed by someone just starting. Otherwise the goal's date and where the user stands
    ("due now", "on track")."""
    if booked:
        day = date.fromisoformat(booked["date"])
        stage = f"{escape(own_stage_name(booked['stage']))} at " if own_stage_name(booked["stage"]) else ""
        return {
            "label": "Next real interview",
            "value": due_label(day, today),
            "delta": f"booked: {escape(booked['company'])}",
            "delta_color": "normal",
            "delta_arrow": "off",
            "help": f"Booked: {stage}{escape(booked['company'])}, {long_date(day)}.",
        }
    if first:
        return {
            "label": "Next real interview",
            "value": "None yet",
            "delta": state,
            "delta_color": "off",
            "delta_arrow": "off",
            "help": FIRST_INTERVIEW_HELP,
        }
    return {
        "label": "Next real interview due",
        "value": due_label(next_due, today),
        "delta": state,
        "delta_color": "inverse" if due_now else "normal",
    }


# not "(general questions)": Practice recommends for the soonest interview with a job description
# even so, and said "Your interview at Northwind … asks for …" just above that choice
NO_PARTICULAR_INTERVIEW = "No particular interview"


NO_ROLE_FOLLOWED = (
    "Questions for every role: choose the jobs you interview for under “Your role” in Settings to see "
    "those written for them."
)


def picked_for_role(role: str | None, interview: dict | None, *, organisations: bool = False) -> str:
    """Whose role the recommendations follow, in one sentence (user text escaped): 'Questions for
    product roles and for any role: the role of your interview at Initech.' With none followed, where
    to choose one (a new user's Practice said nothing of roles). `organisations`: the person has
    chosen none and follows the one their organisation set (roles.role_is_the_cohorts_default)."""
    from coach.banks import role_from_title

    if role is None:
        return NO_ROLE_FOLLOWED
    if interview is not None and role_from_title(interview.get("role")) == role:
        whose = f"the role of your interview at {escape(interview['company'])}"
    elif organisations:
        whose = "the role your organisation set for everyone; choose your own in Settings"
    else:
        whose = "your role, set in Settings"
    said = f"Questions for {ROLE_PHRASES[role]} and for any role: {whose}"
    return said if said.endswith(".") else said + "."  # "at Acme Inc." has its full stop


def no_description_line(interview: dict, preparing_for_below: bool = True) -> str:
    """The sentence Practice shows when the interview chosen under "Preparing for" has no job
    description, so nothing of a posting steers the picks (user text escaped).
    `preparing_for_below`: whether "Preparing for" is on the page (it comes with a question);
    before a question is picked, "below" sent the user to a field that was not there."""
    start = (
        f"Your interview at {escape(interview['company'])} has no job description yet, so these picks do "
        "not follow one: "
    )
    if preparing_for_below:
        return start + "paste it under “Preparing for” below or with the interview on the Interviews page."
    return start + (
        "paste it with the interview on the Interviews page, or under “Preparing for” once you pick "
        "a question."
    )


def prepare_label(interview: dict | None) -> str:
    """One choice of "prepare for an interview from your log", the same on Practice and Mock:
    'Initech — Backend engineer, 10 Dec 2026 · final', or the choice of none."""
    if not interview:
        return NO_PARTICULAR_INTERVIEW
    return interview_with_stage(interview)


def days_ago(days: int | None) -> str:
    """'today', 'yesterday', '5 days ago', or '—' when there is nothing yet."""
    if days is None:
        return "—"
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")


def last_day_label(last: str | None, today: date) -> str:
    """A quarter-width metric's 'when last': 'today', '5 days ago', and past two weeks the day itself
    ('3 Aug'), which fits at 1280 px where '121 days ago' was cut to '121 days a…'."""
    if last is None:
        return "—"
    day = date.fromisoformat(last)
    days = (today - day).days
    if days < 14:
        return days_ago(days)
    return f"{day.day} {day:%b}" + ("" if day.year == today.year else f" {day.year}")


def last_day_help(last: str | None, today: date) -> str | None:
    """The help beside last_day_label: what the figure leaves out, the day itself ('Thu 3 Dec 2026.')
    beside '3 days ago', how long ago beside '3 Aug' (it said '3 days ago.' beside '3 days ago')."""
    if last is None:
        return None
    day = date.fromisoformat(last)
    days = (today - day).days
    return f"{long_date(day)}." if days < 14 else f"{days_ago(days).capitalize()}."


_OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
_SIMILARITY = re.compile(r"\s*\(\d+\.\d+\)")


_IN_SETTINGS = re.compile(r"\bin Settings\b")


def _page_advice() -> dict[str, str]:
    """The terminal's advice that the page says its own way (its controls), not left out."""
    from coach.interview.review import YOUR_WORDS_AS_THEIRS

    return {
        YOUR_WORDS_AS_THEIRS: "If your words are shown as the interviewer's, say which voice is yours "
        "under “Who is who” below and review it again."
    }


# Said in place of the advice to choose "More accurate" in Settings (PHONE_SOUND_MORE_ACCURATE) when
# Settings cannot offer it yet: it lists only the models here, and says beneath how to add that one.
MORE_ACCURATE_TO_ADD = (
    "A more accurate model hears phone recordings better (about 2 in 10); Settings says how to add it."
)


def for_the_page(text: str, *, may_change_settings: bool = True, more_accurate_here: bool = True) -> str:
    """A review's warning or note as the page shows it: advice naming a command-line option (the
    page has its own controls) is said with the page's controls or left out, and raw similarity
    figures are left out; the terminal keeps both. A student of a cohort (`may_change_settings`
    False) is not sent to Settings for what only the staff may change there (the speech model):
    that advice is left out too. Without a more accurate model here (`more_accurate_here` False,
    coach.transcribe.models), the advice to choose it in Settings says it can be added there: it
    named a choice the Settings page did not have."""
    advice = _page_advice()
    if not more_accurate_here:
        # here, not at the top: quality.py imports numpy, which the first page does not load
        from coach.analysis.quality import PHONE_SOUND_MORE_ACCURATE

        advice[PHONE_SOUND_MORE_ACCURATE] = MORE_ACCURATE_TO_ADD
    shown = [
        advice.get(s, s)
        for s in re.split(r"(?<=[.!?])\s+", text.strip())
        if may_change_settings or not _IN_SETTINGS.search(s)
    ]
    return _SIMILARITY.sub("", " ".join(s for s in shown if not _OPTION.search(s)))


def review_failed_label(error: Exception) -> str:
    """The Review page's status line over a review that did not run, by what stopped it: a role of
    300 characters read "Could not analyse this recording" over "The coach keeps the interview's
    role up to 200 characters…", though nothing was wrong with the recording."""
    from coach.errors import InputError, NotAudioError
    from coach.interview.orchestrator import AlreadyKept

    if isinstance(error, AlreadyKept):
        return "Already in your log"
    if isinstance(error, NotAudioError):
        return "Could not use this file"
    if isinstance(error, InputError):
        return "Check what you typed: the review did not start"
    return "Could not analyse this recording"
