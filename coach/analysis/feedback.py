"""At most five points, each an observable behaviour with its worst examples quoted.

Each candidate carries a priority (how far the measure is from its threshold); the most
pressing five are kept. Wording describes what was said or done, never the person.
"""

from __future__ import annotations

import re
from collections import Counter

from coach.analysis.prosody import prosody_feedback
from coach.analysis.quality import MIN_WORDS
from coach.analysis.wording import (
    NOT_WORDS,
    clock,
    count,
    counted_apart,
    over_percent,
    star_percents,
    times,
    whole_seconds,
)
from coach.config import Thresholds

MAX_POINTS = 5
# Under about 30 words (12 s at conversational pace) there is no room for a STAR answer. The
# measures themselves are trusted from the quality gate's MIN_WORDS: an answer scored on its pace
# is coached on it too, and one too short to measure gets neither (coach.analysis.quality).
SHORT_ANSWER_WORDS = 30


def _said(label: str) -> str:
    """A counted phrase as it was said: the counts are kept lowercase ("i think"), the person said
    "I think" (and "I'm not sure")."""
    return re.sub(r"\bi\b", "I", label)


def _fmt_counts(counter: Counter, n: int = 3) -> str:
    """ "'um' ×5, 'uh' ×3, 'like' ×2 and 4 more": the n most common, and what they leave out, so
    the items add up to the total the line gives (one kind left over is named rather than counted)."""
    common = counter.most_common()
    shown, rest = (common, []) if len(common) <= n + 1 else (common[:n], common[n:])
    listed = ", ".join(f"'{_said(label)}' ×{times(n)}" for label, n in shown)
    return f"{listed} and {times(sum(n for _, n in rest))} more" if rest else listed


def build_feedback(a: dict, t: Thresholds) -> list[str]:
    """`a` holds metrics and details gathered by the analysis; returns the feedback lines."""
    metrics = a["metrics"]
    if not metrics["words"]:
        return ["No words to analyse: record an answer or paste its text, then run the analysis again."]
    points: list[tuple[float, str]] = []
    if a.get("not_english"):
        points.append(
            (
                9.0,
                "Most words are not English; the coach's measures assume English, so treat "
                "these figures with care.",
            )
        )
    if metrics["words"] < SHORT_ANSWER_WORDS:
        points.append(
            (
                8.0,
                f"Only {count(metrics['words'], 'word')}: {_too_short_for(a.get('story', True))} "
                f"{_full_answer(metrics['length'], t)}",
            )
        )
    _fillers(points, a, metrics, t)
    if a.get("story", True):  # situation, action and result are advice for a story only
        _structure(points, a, metrics, t)
    _delivery(points, a, metrics, t)
    _content(points, a, metrics, t)
    points.extend(prosody_feedback(metrics.get("prosody"), t))
    points.sort(key=lambda p: -p[0])
    return [text for _, text in points[:MAX_POINTS]]


def _too_short_for(story: bool) -> str:
    """What a short answer leaves out: a story (situation, action, result) only where the question
    asks for one (coach.banks.asks_for_story); a salary or closing question is not a story."""
    if story:
        return "too short to tell the situation, what you did and how it turned out."
    return "too short to make your point and say why."


def _full_answer(length: dict, t: Thresholds) -> str:
    """How long a full answer runs: this question's own length when it has one (the length point
    below measures against it), else the usual range."""
    target = length.get("target_s")
    if target:
        return f"A full answer to this question runs about {clock(target)}."
    return f"A full answer runs {t.answer_min_s:.0f}–{t.answer_max_s:.0f} s."


def _fillers(points: list, a: dict, m: dict, t: Thresholds) -> None:
    counts: Counter = a["filler_counts"]
    total = sum(counts.values())
    rate = m["fillers_per_100_words"]
    if total and rate >= t.fillers_per_100_words_typical / 2:
        label = counts.most_common(1)[0][0]  # the list below names it first, with its count
        tip = (
            f"Try a silent pause where the '{_said(label)}' comes."
            if label not in NOT_WORDS
            else "Slow down at the start of each sentence."
        )
        said = Counter({word: n for word, n in counts.items() if word not in NOT_WORDS})
        listed = f": {_fmt_counts(said)}" if said else ""
        points.append(
            (
                rate / t.fillers_per_100_words_typical * 3,
                f"{counted_apart(counts)} ({rate:.1f} per 100 words){listed}. {tip}",
            )
        )


def result_verdict(m: dict, n_sentences: int) -> str | None:
    """How a story told its result, as its feedback says it: "in passing" (a number inside a step,
    no sentence of its own), "missing", "no number", or None (a result with a number, or too few
    sentences to tell). A review's debrief draft counts the missing ones by it: it said "did not say
    how things turned out" of an answer whose feedback read "The result (40%) is told in passing"."""
    result_words = ((m.get("star") or {}).get("result") or {}).get("words") or 0
    quantified = m.get("quantified_results") or 0
    if n_sentences >= 2 and not result_words:
        # a number after the scene is set is a result told inside a step ("I added an index and
        # the page loaded 40% faster"): the quantified results count it, so it is not "no result"
        return "in passing" if quantified else "missing"
    if result_words and not quantified:
        return "no number"
    return None


def _structure(points: list, a: dict, m: dict, t: Thresholds) -> None:
    star = m["star"]
    result = result_verdict(m, a["n_sentences"])
    if result == "in passing":
        points.append(
            (
                3.0,
                f"The result ({m['quantities'][0]}) is told in passing, inside a sentence about "
                "something else. Give it a sentence of its own at the end: what changed, and by how much.",
            )
        )
    elif result == "missing":
        points.append(
            (
                4.0,
                "No result stated: no sentence says how it turned out. End with the outcome, "
                "ideally with a number (time saved, %, money, users).",
            )
        )
    elif result == "no number":
        points.append(
            (
                2.0,
                "The result has no number in it. Add one measure of the outcome "
                "(how much faster, how many users, what it saved).",
            )
        )
    situation = star_percents(star)["situation"]
    if over_percent(situation, t.situation_max_share) and a["n_sentences"] >= 3:
        points.append(
            (
                3.0 + star["situation"]["share"],
                f"The situation takes {situation}% of the answer (over "
                f"{t.situation_max_share:.0%}). Set the scene in one or two sentences "
                "and spend the time on what you did.",
            )
        )
    if a["n_sentences"] >= 3 and star["action"]["words"] == 0:
        points.append((3.5, "No sentence says what you did. Add the steps you took, starting with 'I'."))
    ivw = m["i_vs_we"]
    if ivw["we"] >= 2 and ivw["i"] == 0:
        points.append(
            (
                3.2,
                f"Actions told as 'we' only ({count(ivw['we'], 'time')}, never 'I'). "
                "Say which part you did yourself.",
            )
        )
    elif ivw["i_share"] is None and ivw.get("sentences") and star["action"]["words"]:
        points.append(
            (
                3.2,
                "The actions are told of others, never with 'I' or 'we' doing them. "
                "Say which steps you took yourself, starting with 'I'.",
            )
        )
    elif ivw["i_share"] is not None and ivw["we"] >= 3 and ivw["i_share"] < t.action_i_min_share:
        points.append(
            (
                2.2,
                f"In the actions 'we' comes {count(ivw['we'], 'time')} and 'I' {count(ivw['i'], 'time')}. "
                "Name your own part.",
            )
        )


# Where a slow answer's time goes decides the advice: pauses inside sentences worth naming hold at
# least this long in all and as long as the pauses between sentences; pauses between sentences
# worth naming take at least this share of the answer (the coach's own defaults).
SLOW_MID_PAUSES_S = 1.0
SLOW_PAUSE_SHARE = 0.2


def _what_slows(pauses: dict | None, duration_s: float | None) -> str:
    """What would lift a slow pace, from the pauses measured: "shorter pauses inside sentences"
    was said of an answer whose one pause came at a sentence end."""
    if pauses:
        inside = sum(p["seconds"] for p in pauses["items"] if not p["at_boundary"])
        if inside >= SLOW_MID_PAUSES_S and inside >= pauses["total_s"] - inside:
            return "Shorter pauses inside sentences would lift it."
        if duration_s and pauses["total_s"] >= SLOW_PAUSE_SHARE * duration_s:
            return "Shorter pauses between sentences would lift it."
    return "The pauses are not what slows it: say each sentence a little faster."


# Pace works as a band: it is something to work on only well outside it (../shared/DESIGN.md,
# config.Thresholds), this far over its high end or under its low end (the coach's own margins).
PACE_FLAGGED_OVER_BAND_WPM = 10.0
PACE_FLAGGED_UNDER_BAND_WPM = 20.0


def pace_flagged_past(t: Thresholds) -> tuple[float, float]:
    """(slower than, faster than): the paces past which an answer's pace is something to work on."""
    return t.pace_low_wpm - PACE_FLAGGED_UNDER_BAND_WPM, t.pace_high_wpm + PACE_FLAGGED_OVER_BAND_WPM


def pace_verdict(m: dict, t: Thresholds) -> str | None:
    """'fast' or 'slow' when an answer's pace is something to work on, else None: what its feedback
    says and what a review's debrief draft counts, so the two agree. The draft called the lecture's
    128 wpm "slower than a conversational pace" while the answer's own feedback said nothing of it."""
    wpm = m.get("wpm")
    if wpm is None or (m.get("words") or 0) < MIN_WORDS:  # scored from here, so coached from here
        return None
    slower_than, faster_than = pace_flagged_past(t)
    if wpm > faster_than:
        return "fast"
    if wpm < slower_than:
        return "slow"
    return None


def _delivery(points: list, a: dict, m: dict, t: Thresholds) -> None:
    wpm = m["wpm"]
    verdict = pace_verdict(m, t)
    if verdict == "fast":
        points.append(
            (
                2.5 + (wpm - t.pace_high_wpm) / 20,
                f"{wpm:.0f} words a minute, above the {t.pace_low_wpm:.0f}–{t.pace_high_wpm:.0f} "
                "band listeners follow most easily. Pause at the end of each sentence.",
            )
        )
    elif verdict == "slow":
        points.append(
            (
                2.0 + (t.pace_low_wpm - wpm) / 30,
                f"{wpm:.0f} words a minute, below the {t.pace_low_wpm:.0f}–{t.pace_high_wpm:.0f} "
                f"band. {_what_slows(m['pauses'], m['duration_s'])}",
            )
        )
    pauses = m["pauses"]
    if pauses and pauses["long_mid_clause"]:
        examples = "; ".join(a["worst_pauses"])
        points.append(
            (
                2.5 + pauses["long_mid_clause"] / 2,
                f"{count(pauses['long_mid_clause'], 'long pause')} inside a sentence ({examples}). "
                "Pausing at sentence ends instead sounds deliberate.",
            )
        )
    _length(points, a.get("story", True), m, t)


def _usual_length(story: bool) -> str:
    return (
        "a behavioural answer usually takes. Cut the situation first."
        if story
        else "an answer to this question usually takes. Keep to your main points."
    )


def _length(points: list, story: bool, m: dict, t: Thresholds) -> None:
    """Too long or too short for the question, said in a story's terms only for a story. A typed
    answer has no time of its own: it is too long when even said at the top of the pace band it
    would run past the longest answer (20,000 words pasted were coached on their structure alone)."""
    length = m["length"]
    duration = m["duration_s"]
    if m["words"] < SHORT_ANSWER_WORDS:  # below it the short-answer point says so
        return
    if duration is None:
        longest = length["max_s"] * t.pace_high_wpm / 60  # words in the longest answer, said fast
        if m["words"] > longest * 1.1:
            say_s = 60 * m["words"] / ((t.pace_low_wpm + t.pace_high_wpm) / 2)
            points.append(
                (
                    min(8.0, 2.0 * m["words"] / longest),  # a book pasted: said before anything in it
                    f"{m['words']:,} words take about {_spoken_time(say_s)} to say, past the "
                    f"{length['max_s']:.0f} s {_usual_length(story)}",
                )
            )
        return
    point = timed_length_point(m, story)
    if point:
        points.append(point)


def timed_length_point(m: dict, story: bool) -> tuple[float, str] | None:
    """A recorded answer's length against the question's usual range, with its weight among the
    feedback points: "The answer ran 18 s, under the 60 s that leaves room for …", or None within
    the range. The mock interview's report says it under each answer, as Practice does."""
    verdict = length_verdict(m)
    if verdict is None:
        return None
    length, duration = m["length"], m["duration_s"]
    ran = f"The answer ran {whole_seconds(duration)} s"  # as its Length says it: 0:15 for 15.84 s
    if verdict == "long":
        return (2.0, f"{ran}, past the {length['max_s']:.0f} s {_usual_length(story)}")
    room = "situation, actions and result" if story else "your point and why"
    return (1.5, f"{ran}, under the {length['min_s']:.0f} s that leaves room for {room}.")


def length_verdict(m: dict) -> str | None:
    """'short' or 'long' when a recorded answer ran outside its question's usual range (by the
    margins its feedback point allows), else None: what the Practice page's Length figure says
    beside the time, so the headline and the point below agree. One of too few words is long by
    nothing but its silences, but short when its time is short too ("Only 27 words: too short…"
    under a bare 0:14)."""
    length, duration = m.get("length"), m.get("duration_s")
    if not length or not duration:
        return None
    if duration > length["max_s"] * 1.1 and (m.get("words") or 0) >= SHORT_ANSWER_WORDS:
        return "long"
    # a question of no length of its own (a real interviewer's follow-up) is not too short by time;
    # a stored answer analysed before `judges_short` was kept judged it as one
    if duration < length["min_s"] * 0.8 and length.get("judges_short", True):
        return "short"
    return None


def _spoken_time(seconds: float) -> str:
    """'3 minutes', '2 hours': a typed answer's time said aloud, as roughly as it is known."""
    minutes = round(seconds / 60)
    if minutes < 90:
        return count(max(minutes, 1), "minute")
    return count(round(minutes / 60), "hour")


def _content(points: list, a: dict, m: dict, t: Thresholds) -> None:
    hedges: Counter = a["hedge_counts"]
    total = sum(hedges.values())
    rate = 100.0 * total / m["words"]
    if total >= 3 and rate > t.hedges_per_100_words_max:
        points.append(
            (
                1.5 + rate / t.hedges_per_100_words_max,
                f"{total} hedges ({_fmt_counts(hedges)}). State what you did plainly.",
            )
        )
    if not a.get("story", True) and not m.get("specifics") and m["words"] >= SHORT_ANSWER_WORDS:
        # what a free answer's content is scored on besides its talking points (scoring.content_score)
        points.append(
            (
                1.4,
                "No number, name or example in the answer. One specific (how many, which tool or "
                "company, an example) makes the point concrete.",
            )
        )
    relevance = m.get("relevance")
    if relevance and relevance.get("total"):
        # covered is None when the points could not be judged: never report those as missing
        missing = [p["point"] for p in relevance["points"] if p["covered"] is False]
        if missing:
            quoted = "; ".join(f"'{p}'" for p in missing[:3])
            if len(missing) > 3:  # the count and the list agree: say how many are not quoted
                quoted += f" and {len(missing) - 3} more"
            points.append(
                (
                    1.8 + len(missing) / relevance["total"] * 2,
                    f"{len(missing)} of {relevance['total']} talking points not heard: {quoted}. "
                    f"Did you mean to cover {'it' if len(missing) == 1 else 'them'}?",
                )
            )
