"""Comparisons over time: trends, practice against real interviews, per question, cadence.

Every function reads the store and returns plain JSON-ready dicts (what `coach progress --json`
prints and the progress page draws). Measures are reported as observed numbers with the
comfortable band or target beside them, never as a verdict on the person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from statistics import fmean

from coach import banks, local_time, recommend
from coach.analysis.wording import NOT_SCORED_OFF_QUESTION, clock, count, listed
from coach.config import Settings
from coach.debrief import (
    competencies_practised,
    gaps_without_questions,
    kinds_of_question,
    kinds_of_question_note,
    role_for_gaps,
)
from coach.goals import TARGETS, PracticeGoal
from coach.goals import period_words as goals_period_words
from coach.interview_log import own_stage_name, picked_out_none
from coach.job_description import interview_asks, steering
from coach.local_time import local_day, long_date
from coach.mock.said import ended_before_the_last_follow_up, ended_words, skipped_words
from coach.pipeline import (
    accepted_offers,
    after_the_offer_accepted,
    began_after,
    joining_stages,
    pipeline_report,
    still_open_after_accepting,
    unconfirmed_stages,
)
from coach.playbook import (
    CADENCE_GOAL_KIND,
    CADENCE_PERIOD_DAYS,
    Cadence,
    cadence_status,
    cadence_within_bounds,
    dated_after,
    held_interview_dates,
    is_ahead,
    is_interview,
    load_playbook,
    newest_goal,
    next_booked,
    whole_count,
)
from coach.roles import your_role
from coach.store import Store, list_attempts, list_debriefs, list_goals, list_interviews, list_turns
from coach.store.mock_sessions import list_mock_sessions

# How each measure improves: toward a band (pace, answer length), lower, or higher.
MEASURES = {
    "wpm": "band",
    "fillers_per_100_words": "lower",
    "fillers_per_min": "lower",
    "long_pauses": "lower",
    "duration_s": "band",
    "score_overall": "higher",
    "score_delivery": "higher",
    "score_fillers": "higher",
    "score_structure": "higher",
    "score_content": "higher",
    "pitch_variation_st": "higher",
}
LABELS = {
    "wpm": "pace (words per minute)",
    "fillers_per_100_words": "fillers per 100 words",
    "fillers_per_min": "fillers per minute",
    "long_pauses": "long pauses",
    "duration_s": "answer length (s)",
    "score_overall": "overall score",
    "score_delivery": "delivery score",
    "score_fillers": "fillers score",
    "score_structure": "structure score",
    "score_content": "content score",
    "pitch_variation_st": "pitch variation (semitones)",
}
DEFAULT_LAST_N = 5
# With at least twice this many answers, progress is the mean of the first few against the last
# few: over months one answer at each end says more about that day than about the trend.
ENDS_N = 5


def ends_window(answers: int) -> int:
    """How many answers at each end progress is told over, and how many in a row the chart's running
    average takes (coach.ui.charts): about a twentieth of them, at least ENDS_N (300 answers: 15).
    One number for both, so the sentence's figures are the thick line's first and last points (a
    year of answers read "over your last 5" beside a line averaging 22)."""
    return max(ENDS_N, round(answers / 20))


# A skill gap named in a debrief counts toward recommendations for this long.
SKILL_GAP_WINDOW_DAYS = 365


def bands(settings: Settings) -> dict[str, tuple[float, float]]:
    t = settings.thresholds
    return {"wpm": (t.pace_low_wpm, t.pace_high_wpm), "duration_s": (t.answer_min_s, t.answer_max_s)}


def _distance_to_band(value: float, band: tuple[float, float]) -> float:
    low, high = band
    return max(low - value, 0.0, value - high)


# Measures read as whole numbers (pace, length, scores); the others to one decimal.
WHOLE = {
    "wpm",
    "duration_s",
    "score_overall",
    "score_delivery",
    "score_fillers",
    "score_structure",
    "score_content",
}


def shown(value: float, measure: str) -> float:
    """A measure as the pages and `coach progress` give it ("115 wpm", "78 overall", "3.4 fillers
    per 100 words"): one rounding for both, so they never say 78.6 and 79 of one mean."""
    return float(round(value)) if measure in WHOLE else round(value, 1)


def _crossed_band(before: float, after: float, band: tuple[float, float]) -> str | None:
    """ "above" or "below" when the measure went from one side of its band to the other: a pace of
    119 then 182 (band 130–175) is 7 from the band where it was 11, and read "closer to where it
    should be" of an answer gone from too slow to too fast. None when it did not cross."""
    low, high = band
    if before < low and after > high:
        return "above"
    if before > high and after < low:
        return "below"
    return None


def _closer(
    measure: str, before: float, after: float, settings: Settings, target: float | None = None
) -> str:
    """Did the measure move toward where it should be: "closer", "further" or "same", or, for a
    band's measure gone across it, "above" or "below" (`_crossed_band`), or "inside" for one in its
    band at both ends (an answer length of 99 s then 101 s, band 60–120, read "no nearer to or
    further from where it should be", as if it were not there). Compared as
    shown (`shown`): 115.2 → 115.4 wpm reads "115 → 115", which is no move at all. A target is
    where a band's measure should be (a pace of 150: 160 after 150 is further); a score's target is
    a bar to clear and a filler rate's a ceiling, so fewer fillers and a higher score are closer on
    either side of it (85 after 81 with a goal of 80 read "down", 3.3 fillers after 2.3 with a goal
    of 3.0 "closer")."""
    before, after = shown(before, measure), shown(after, measure)
    kind = MEASURES[measure]
    if target is not None and kind == "band":
        gap_before, gap_after = abs(before - target), abs(after - target)
    elif kind == "band":
        band = bands(settings)[measure]
        if crossed := _crossed_band(before, after, band):
            return crossed
        gap_before, gap_after = _distance_to_band(before, band), _distance_to_band(after, band)
        if gap_before == gap_after == 0:
            return "inside"
    elif kind == "lower":
        gap_before, gap_after = before, after
    else:
        gap_before, gap_after = -before, -after
    if abs(gap_after - gap_before) < 1e-9:
        return "same"
    return "closer" if gap_after < gap_before else "further"


def in_mock_interview(attempt: dict) -> bool:
    """Whether a practice answer was given in a mock interview (the coach asked it aloud). Such an
    answer is practice like any other, counted and averaged with it, and labelled where it is
    listed or counted so the user can tell it apart."""
    return attempt.get("mock_session_id") is not None


def _in_mock(n: int) -> str:
    return f"{n} in {'a mock interview' if n == 1 else 'mock interviews'}"


def mock_words(n: int) -> str:
    """' (2 in mock interviews)', ' (1 in a mock interview)', '' for none: how a count of practice
    answers says how many of them came from mock interviews, the same way everywhere."""
    return f" ({_in_mock(n)})" if n else ""


def mock_sentence(n: int) -> str:
    """'2 in mock interviews, counted as practice.' ('' for none): the sentence Progress adds to its
    count of practice answers, in mock_words' words."""
    return f"{_in_mock(n)}, counted as practice." if n else ""


def _practice_points(attempts: list[dict], measure: str) -> list[dict]:
    return [
        {
            "at": a["created_at"],
            "value": a[measure],
            "figure": _figure(a[measure], measure),  # as the tables and sentences give it
            "attempt_id": a["id"],
            "question_id": a["question_id"],
            "mock_interview": in_mock_interview(a),
        }
        for a in attempts
        if a.get(measure) is not None
    ]


def _real_points(turns: list[dict], measure: str) -> list[dict]:
    return [
        {
            "at": t["interview_date"],
            "value": t[measure],
            "figure": _figure(t[measure], measure),
            "turn_id": t["id"],
            "question_id": t["question_id"],
            "company": t["company"],
            "stage": t["stage"],
        }
        for t in turns
        if t.get(measure) is not None
    ]


def trends(attempts: list[dict], turns: list[dict]) -> dict:
    """Each measure over time, practice and real interviews as separate series, oldest first."""
    return {
        measure: {"practice": _practice_points(attempts, measure), "real": _real_points(turns, measure)}
        for measure in MEASURES
    }


def _mean(values: list[float]) -> float | None:
    return round(fmean(values), 2) if values else None


# Practice set beside real interviews is the practice that led up to them: the answers taken in
# the 30 days up to an interview's day. Months of earlier practice measured someone who has moved
# on since (a pace of 200 wpm in March beside an interview in June at 160 said the interview was
# the better one, when the practice just before it ran at 150).
LEAD_UP_DAYS = 30


def _lead_up(attempts: list[dict], turns: list[dict]) -> tuple[list[dict], list[dict]] | None:
    """The practice answers taken in the LEAD_UP_DAYS up to a real interview, and the answers of
    the interviews that had such practice; None when no interview had any."""
    held = {t["interview_date"]: date.fromisoformat(str(t["interview_date"])[:10]) for t in turns}
    practice, led_up = [], set()
    for a in attempts:
        taken = date.fromisoformat(local_day(str(a["created_at"])))
        before = {k for k, day in held.items() if timedelta(0) <= day - taken <= timedelta(LEAD_UP_DAYS)}
        if before:
            practice.append(a)
            led_up |= before
    if not practice:
        return None
    return practice, [t for t in turns if t["interview_date"] in led_up]


def practice_vs_real(attempts: list[dict], turns: list[dict], settings: Settings) -> dict:
    """Mean of each measure in practice and in real interviews, with the band where one applies:
    the practice of the 30 days up to each interview beside those interviews
    (`lead_up_days`), or, when no interview had practice that close, all of each (None)."""
    lead_up = _lead_up(attempts, turns)
    if lead_up:
        attempts, turns = lead_up
    result = {}
    for measure in MEASURES:
        practice = [a[measure] for a in attempts if a.get(measure) is not None]
        real = [t[measure] for t in turns if t.get(measure) is not None]
        result[measure] = {
            "label": LABELS[measure],
            "practice_mean": _mean(practice),
            "practice_n": len(practice),
            "real_mean": _mean(real),
            "real_n": len(real),
            "band": bands(settings).get(measure),
            "lead_up_days": LEAD_UP_DAYS if lead_up else None,
        }
    return result


def improvement(
    attempts: list[dict],
    settings: Settings,
    *,
    last_n: int = DEFAULT_LAST_N,
    targets: dict[str, float] | None = None,
) -> dict:
    """Practice since the first attempt and over the last N: values, change, and its direction."""
    targets = targets or {}
    result = {}
    for measure in MEASURES:
        values = [a[measure] for a in attempts if a.get(measure) is not None]
        if not values:
            continue
        first, latest = values[0], values[-1]
        recent = values[-last_n:]
        before_recent = values[-2 * last_n : -last_n]
        entry = {
            "measure": measure,
            "label": LABELS[measure],
            "attempts": len(values),
            "first": first,
            "latest": latest,
            "change_since_first": round(latest - first, 2),
            "since_first": _closer(measure, first, latest, settings, targets.get(measure)),
            f"mean_last_{last_n}": _mean(recent),
            "target": targets.get(measure),
            "band": bands(settings).get(measure),
        }
        if len(values) >= 2 * ENDS_N:  # months of answers: a few at each end, not one noisy pair
            n = ends_window(len(values))
            opening, closing = values[:n], values[-n:]
            entry["first_and_last"] = {
                "n": n,
                "first_mean": shown(fmean(opening), measure),
                "last_mean": shown(fmean(closing), measure),
                "direction": _closer(measure, fmean(opening), fmean(closing), settings, targets.get(measure)),
            }
        if before_recent:
            entry[f"mean_previous_{last_n}"] = _mean(before_recent)
            entry[f"over_last_{last_n}"] = _closer(
                measure, fmean(before_recent), fmean(recent), settings, targets.get(measure)
            )
        result[measure] = entry
    return result


def per_question(
    attempts: list[dict], turns: list[dict], bank_texts: dict[str, str] | None = None
) -> list[dict]:
    """For each question answered, every practice attempt and every real answer side by side: those
    measured (an answer too short to score, or heard in one voice, is left out, as from every average,
    and counted in `unmeasured`).

    A question is named by its words in the bank (`bank_texts`, by id) when it is there: a real
    answer's row holds the question as transcribed ("disagreed with a calling"), which would
    otherwise name the line when no practice attempt came first."""
    bank_texts = bank_texts or {}
    by_id: dict[str, dict] = {}

    def entry_for(row: dict) -> dict:
        entry = by_id.setdefault(
            row["question_id"],
            {
                "question_id": row["question_id"],
                "question_text": bank_texts.get(row["question_id"], ""),
                "practice": [],
                "real": [],
                "unmeasured": 0,
                "unmeasured_real": 0,  # how many of `unmeasured` were answers in a real interview
                "off_question": 0,  # how many of `unmeasured` were measured but off the question
            },
        )
        entry["question_text"] = entry["question_text"] or row["question_text"]
        return entry

    for attempt in attempts:
        if attempt["question_id"] and attempt.get("score_overall") is not None:
            keys = ("id", "created_at", *MEASURES)
            entry_for(attempt)["practice"].append(
                {**{k: attempt.get(k) for k in keys}, "mock_interview": in_mock_interview(attempt)}
            )
    for turn in turns:
        if turn["question_id"] and turn.get("score_overall") is not None:
            keys = ("id", "interview_date", "company", "stage", *MEASURES)
            entry_for(turn)["real"].append({k: turn.get(k) for k in keys})
    # the question's answers that could not be measured, counted beside it: Practice's "answered
    # 5 times" and `coach history --question` count them, and the line said "4 practice"; which of
    # them were real ones is kept too ("2 could not be measured" read as 2 of the practice answers)
    for rows, real in ((attempts, False), (turns, True)):
        for row in rows:
            if row.get("question_id") in by_id and row.get("score_overall") is None:
                by_id[row["question_id"]]["unmeasured"] += 1
                by_id[row["question_id"]]["unmeasured_real"] += real
                by_id[row["question_id"]]["off_question"] += bool(row.get("off_the_question"))
    return sorted(by_id.values(), key=lambda e: (-(len(e["practice"]) + len(e["real"])), e["question_id"]))


@dataclass(frozen=True)
class AnsweredBefore:
    """How often the user has answered one question, and how the latest answer went: what the
    Practice page tells them before they answer it again."""

    times: int
    last_day: date | None  # the latest answer's day on the user's clock (not UTC's)
    last_score: float | None  # its overall score; None when the quality gate could not measure it
    in_mock: int = 0  # how many of `times` were answers in a mock interview
    in_real: int = 0  # how many of `times` were answers in a real interview (Progress counts them too)
    unmeasured: int = 0  # how many of `times` could not be measured (Progress counts them too)
    off_question: int = 0  # how many of `times` were measured but not scored: off the question


def answered_before(attempts: Sequence[dict], question_id: str, turns: Sequence[dict] = ()) -> AnsweredBefore:
    """`attempts`: the user's own (store.list_attempts reads the signed-in person's only); `turns`:
    their real interview answers (store.list_turns), so the Practice page's count agrees with
    Progress's "1 practice, 1 real". An answer that could not be measured counts as answered; it
    just has no score to show."""
    answered = [
        (date.fromisoformat(local_day(a["created_at"])), str(a["created_at"]), a.get("score_overall"))
        for a in attempts
        if a.get("question_id") == question_id
    ]
    real = [
        (date.fromisoformat(str(t["interview_date"])[:10]), "", t.get("score_overall"))
        for t in turns
        if t.get("question_id") == question_id
    ]
    # left unscored for not answering it (store's `off_the_question`): measured, so said apart
    off_question = sum(
        1
        for row in (*attempts, *turns)
        if row.get("question_id") == question_id and row.get("off_the_question")
    )
    if not answered and not real:
        return AnsweredBefore(0, None, None)
    # the latest day; on one day a practice answer is taken as after the interview's
    last_day, _, last_score = max([*answered, *real], key=lambda item: (item[0], item[1]))
    return AnsweredBefore(
        len(answered) + len(real),
        last_day,
        last_score,
        sum(1 for a in attempts if a.get("question_id") == question_id and in_mock_interview(a)),
        len(real),
        sum(1 for _, _, score in (*answered, *real) if score is None) - off_question,
        off_question,
    )


# A question last answered this many days ago or more is due again: the Questions page's "Not
# answered in the last 30 days" and `coach questions --not-answered-in` (a default for both).
LONG_AGO_DAYS = 30

# Which questions the Questions page lists by the user's answers to them (`coach questions` has a
# flag for each but the first): every one, those never answered, those not answered in the last
# LONG_AGO_DAYS days (never answered included), those answered at least once.
ANSWERED_FILTERS = ("any", "not yet", "not lately", "answered")


def answered_by_question(attempts: Sequence[dict], turns: Sequence[dict] = ()) -> dict[str, AnsweredBefore]:
    """answered_before for every question the user has answered, by question id, in one pass over
    their answers (practice, mock and real interviews): the Questions page says it beside each of
    ~300 questions, and a question absent here has not been answered."""
    attempts_of: dict[str, list[dict]] = {}
    turns_of: dict[str, list[dict]] = {}
    for attempt in attempts:
        if attempt.get("question_id"):
            attempts_of.setdefault(attempt["question_id"], []).append(attempt)
    for turn in turns:
        if turn.get("question_id"):
            turns_of.setdefault(turn["question_id"], []).append(turn)
    return {
        question_id: answered_before(
            attempts_of.get(question_id, []), question_id, turns_of.get(question_id, [])
        )
        for question_id in attempts_of.keys() | turns_of.keys()
    }


def answered_words(before: AnsweredBefore | None, when: str, lead: str = "Answered") -> str:
    """'Answered 3 times (1 in a mock interview, 1 in a real interview), last on Thu 12 Nov (score
    71)', or 'Not answered yet': what the Questions page and `coach questions` say beside a
    question; Practice says the same under it, led by "You have answered this". `when`: the latest
    answer's day as the caller dates it ('on Thu 12 Nov', 'today')."""
    if before is None or not before.times:
        return "Not answered yet"
    score = f" (score {before.last_score:.0f})" if before.last_score is not None else ""
    if before.times == 1:
        where = " in a mock interview" if before.in_mock else " in a real interview" if before.in_real else ""
        unscored = f" ({NOT_SCORED_OFF_QUESTION})" if before.off_question else ""
        score = score or unscored or (" (it could not be measured)" if before.unmeasured else "")
        return f"{lead} once{where}, {when}{score}"
    return f"{lead} {before.times} times{where_answered(before)}, last {when}{score}"


def unscored_words(unmeasured: int, off_question: int, noun: str = "answer", *, why: bool = False) -> str:
    """'2 practice answers could not be measured', '1 practice answer was not scored because it did
    not answer the question', or '3 practice answers were not scored (1 could not be measured, 2 did
    not answer the question)': an answer off the question was measured, and "could not be
    measured" read as a microphone problem. `why`: say what makes one unmeasurable."""
    return f"{count(unmeasured + off_question, noun)} {unscored_said(unmeasured, off_question, why=why)}"


def unscored_said(unmeasured: int, off_question: int, *, why: bool = False) -> str:
    """What became of answers left unscored, after their count (`unscored_words`; `coach history
    --not-measured` says "2 of 5 practice answers" before it): 'could not be measured', 'was not
    scored because it did not answer the question', or 'were not scored (1 could not be measured, 2
    did not answer the question)'."""
    if not off_question:
        return "could not be measured" + (" (too short, speech lost, ...)" * why)
    if not unmeasured:
        was, it = ("was", "it") if off_question == 1 else ("were", "they")
        return f"{was} not scored because {it} did not answer the question"
    return f"were not scored ({unmeasured} could not be measured, {off_question} did not answer the question)"


def where_answered(before: AnsweredBefore) -> str:
    """' (1 in a mock interview, 1 in a real interview, 1 could not be measured)' after a count of
    a question's answers, or '': the same words under the question on Practice, beside it on the
    Questions page and in `coach questions`."""
    # every one of them in mock (or real) interviews: "2 times (2 in mock interviews)" said it twice
    every = "both" if before.times == 2 else "all"
    parts = [
        f"{every if n == before.times else n} in {one if n == 1 else many}"
        for n, one, many in (
            (before.in_mock, "a mock interview", "mock interviews"),
            (before.in_real, "a real interview", "real interviews"),
        )
        if n
    ]
    if before.unmeasured:
        parts.append(f"{before.unmeasured} could not be measured")
    if before.off_question:  # measured, but not an answer to it: not a microphone's fault
        they = "it" if before.off_question == 1 else "they"
        parts.append(f"{before.off_question} not scored: {they} did not answer the question")
    return f" ({', '.join(parts)})" if parts else ""


def by_answers(
    questions: Sequence,
    answered: dict[str, AnsweredBefore],
    which: str,
    today: date,
    *,
    days: int = LONG_AGO_DAYS,
) -> list:
    """The questions (anything with an `id`) that `which` (one of ANSWERED_FILTERS) keeps, in their
    order: "not lately" keeps those not answered in the last `days` days on the user's clock
    (answered `days` days ago is long ago; never answered is too)."""
    if which not in ANSWERED_FILTERS:
        raise ValueError(f"which must be one of {ANSWERED_FILTERS}, not {which!r}")

    def keeps(question) -> bool:
        before = answered.get(question.id)
        if which == "not yet":
            return before is None
        if which == "answered":
            return before is not None
        if which == "not lately":
            return before is None or (today - before.last_day).days >= days
        return True

    return [q for q in questions if keeps(q)]


def debrief_gaps(debriefs: list[dict], *, today: date) -> list[dict]:
    """Competencies named as gaps in the last year's debriefs, most named first (then the most
    recent): what the Practice page recommends from and Progress lists, in the same order."""
    counts: dict[str, dict] = {}
    for debrief in _recent_gap_debriefs(debriefs, today):  # newest first: ties go to the most recent
        pieces = [
            (p, banks.skill_gap_to_competencies(p)) for p in banks.skill_gap_pieces(debrief["skill_gaps"])
        ]
        for competency in banks.skill_gap_to_competencies(debrief["skill_gaps"]):
            entry = counts.setdefault(competency, {"competency": competency, "mentions": 0, "from": []})
            entry["mentions"] += 1  # debriefs, not matches: one naming it twice counts once
            entry["from"].append(
                {
                    "company": debrief["company"],
                    "stage": debrief["stage"],
                    "interview_date": debrief["interview_date"],
                    "text": debrief["skill_gaps"],
                    # the gap as it wrote it: "distributed consensus" for system design
                    "words": [piece for piece, named in pieces if competency in named],
                }
            )
    return sorted(counts.values(), key=lambda g: -g["mentions"])


def gaps_named_words(gaps: list[dict]) -> str:
    """The gaps `debrief_gaps` found, as Progress and `coach progress` name them, each as
    `gap_named_words` says it: "system design (2×; you wrote “system design” and “distributed
    consensus”), conflict (1×)", a gap counted under two skills once (`gaps_named`)."""
    return ", ".join(dict.fromkeys(gaps_named(gaps).values()))


def _gap_words(gap: dict, quoted: Collection[str] = ()) -> tuple[str, list[str]]:
    """A gap's own words as its debriefs wrote them (each way once, oldest debrief first), less
    those of the questions `quoted`, and how the gap is named: "alone" (only quoted words), "counted"
    (no words, or words that say the skill: "handling conflict" says conflict) or "wrote"."""
    skill = banks.tag_words(gap["competency"])
    words: dict[str, str] = {}
    for entry in reversed(gap.get("from", ())):
        for w in entry.get("words", ()):
            words.setdefault(w.casefold(), w)
    said = [q.casefold() for q in quoted if q.strip()]
    if said and words:
        words = {k: w for k, w in words.items() if not any(q in k for q in said)}
        if not words:
            return "alone", []
    if any(skill.casefold() not in w for w in words):
        return "wrote", list(words.values())
    return "counted", []


def gap_named_words(gap: dict, quoted: Collection[str] = ()) -> str:
    """One gap of `debrief_gaps`, as Progress, Practice and the mock interview name it: the skill
    with the number of debriefs that named it, and their own words when any does not say the
    skill's ("system design (2×; you wrote “system design” and “distributed consensus”)"; not for
    "handling conflict", which says conflict). It said
    "system design (2×)" when one debrief wrote "system design" and another "distributed
    consensus", read as system design named twice. `quoted`: the words of questions the gaps name,
    said beside it as those questions ("“greatest weakness”"): what the debriefs wrote about them is
    not said again, and a skill only they named is named alone ("communication"). The words are in
    curly quotes, as the pages quote everywhere else."""
    skill = banks.tag_words(gap["competency"])
    how, words = _gap_words(gap, quoted)
    if how == "alone":
        return skill
    wrote = f"; you wrote {listed([f'“{w}”' for w in words])}" if how == "wrote" else ""
    return f"{skill} ({gap['mentions']}×{wrote})"


def gaps_named(gaps: list[dict], quoted: Collection[str] = ()) -> dict[str, str]:
    """Each of `gaps` by skill, as `gap_named_words` says it, but the words of one gap counted
    under two skills said once, with both: "explaining trade-offs with numbers" is communication
    and prioritisation, and Practice and Progress quoted it twice in a row ("communication (1×; you
    wrote …), prioritisation (1×; you wrote …)"). Those skills get one and the same sentence,
    "“explaining trade-offs with numbers” (communication and prioritisation, 1×)", which a list of
    them says once (`dict.fromkeys`)."""
    together: dict[tuple, list[dict]] = {}
    for gap in gaps:
        how, words = _gap_words(gap, quoted)
        if how == "wrote":
            together.setdefault((tuple(w.casefold() for w in words), gap["mentions"]), []).append(gap)
    named = {gap["competency"]: gap_named_words(gap, quoted) for gap in gaps}
    for (_, mentions), group in together.items():
        if len(group) > 1:
            _, words = _gap_words(group[0], quoted)
            skills = listed([banks.tag_words(g["competency"]) for g in group])
            both = f"{listed([f'“{w}”' for w in words])} ({skills}, {mentions}×)"
            named.update({g["competency"]: both for g in group})
    return named


def gaps_said(debriefs: list[dict], *, today: date, quoted: Collection[str] = ()) -> dict[str, str]:
    """Each gap the last year's debriefs named, by skill, as `gaps_named` says it: what
    Practice's "From your debriefs: …" and the mock interview's reasons name the skills with
    (they said "From your debriefs: system design." where Progress said the debriefs had written
    "distributed consensus"). `quoted`: the words of the questions named beside them."""
    return gaps_named(debrief_gaps(debriefs, today=today), quoted)


def debrief_named_questions(debriefs: list[dict], *, today: date) -> list[tuple[str, str]]:
    """The bank questions the last year's debriefs name as skill gaps ("greatest weakness", "tell me
    about yourself"), newest first, each once with the words that named it: what the Practice page
    and Progress put first (recommend.recommended's `named`)."""
    named: dict[str, str] = {}
    for debrief in _recent_gap_debriefs(debriefs, today):
        for question_id, words in banks.questions_named(debrief["skill_gaps"]):
            named.setdefault(question_id, words)
    return list(named.items())


def skill_gaps(
    debriefs: list[dict],
    attempts: list[dict],
    questions: list[banks.Question],
    *,
    today: date,
    n: int = 5,
    interview: recommend.InterviewAsks | None = None,
    role: str | None = None,
    gap_roles: Mapping[int, str | None] | None = None,
) -> dict:
    """Competencies named as gaps in recent debriefs, and the questions the Practice page
    recommends for them (one decision, so both pages list the same questions; `interview`: what a
    coming interview asks for, whose picks Practice lists first; `role`: the user's, as Practice
    picks for it). Only questions that practise a gap are listed here: not those picked for weak
    score areas, nor those picked for the interview that practise none of the gaps. `gap_roles`:
    by interview id, the role its debrief's gaps are judged by, as saving the debrief judged them
    (debrief.role_for_gaps); `role` for every debrief without it."""
    practised_for = _practised_for(questions, role, gap_roles)
    gaps = _gaps_with_questions(debriefs, practised_for, today)
    _mark_practised_for_another_role(gaps, debriefs, questions, role, practised_for, gap_roles, today)
    recommended = []
    if gaps:
        competencies = [g["competency"] for g in gaps]
        practise = set(banks.as_competencies(competencies))
        picks = [  # a pick for the interview that practises a gap too is one for the gap: the page
            # said "Skill gaps: system design, conflict" above a system design question alone, as
            # the conflict questions had gone to the interview that also asked for conflict
            q
            for q in recommend.recommended(
                questions,
                attempts,
                competencies,
                n=n,
                today=today,
                interview=interview,
                role=role,
                named=debrief_named_questions(debriefs, today=today),
            ).questions
            if practise & set(q.competencies)
        ]
        recommended = [
            {"id": q.id, "text": q.text, "category": q.category, "competencies": list(q.competencies)}
            for q in picks
        ]
    # a gap one debrief's role has no question for ("system design" after an engineering manager
    # interview) that another's has, is listed above with its question: not said to match none too
    listed = {g["competency"] for g in gaps}
    unmatched = [
        g
        for g in unmatched_gaps(debriefs, practised_for, today=today)
        if not listed.intersection(banks.skill_gap_to_competencies(g))
    ]
    kinds = kinds_of_question(unmatched)  # said as saving the debrief said them, not as a skill
    return {
        "gaps": gaps,
        "recommended": recommended,
        "unmatched": [g for g in unmatched if g not in kinds],
        "kinds_of_question": kinds,
        "role": role,  # the role Practice picks for, as the gaps `practised_for` another are said
        "debriefs": len(debriefs),  # written, gaps or not: the page asks for a debrief only when none is
    }


def _mark_practised_for_another_role(
    gaps: list[dict],
    debriefs: list[dict],
    questions: Sequence[banks.Question],
    role: str | None,
    practised_for: Callable[[dict], set[str]],
    gap_roles: Mapping[int, str | None] | None,
    today: date,
) -> None:
    """Each gap only another role's questions practise, judged by its debrief's interview's role
    (an engineering manager interview's "interviewing candidates") while Practice picks for `role`
    (a software engineer's), gets `practised_for`: that other role. Progress listed "hiring (1×)"
    with no question under it and no word why (`practised_for_another_role_words`)."""
    picked_for = competencies_practised(questions, role)
    for gap in gaps:
        if gap["competency"] in picked_for:
            continue
        gap["practised_for"] = next(
            (
                (gap_roles or {}).get(debrief.get("interview_id"), role)
                for debrief in _recent_gap_debriefs(debriefs, today)
                if gap["competency"] in banks.skill_gap_to_competencies(debrief["skill_gaps"])
                and gap["competency"] in practised_for(debrief)
            ),
            None,
        )


def practised_for_another_role_words(gaps: dict, find: str) -> list[str]:
    """What Progress says of each gap Practice picks no question for, its questions being another
    role's (`skill_gaps`' gaps with `practised_for`): "hiring is practised by questions for
    engineering management roles, and Practice picks questions for software engineering roles, none
    of which practise it: find one on the Questions page (Role: engineering manager)." `find`: where
    this page or command finds a role's questions, with `{role}` for the role as the banks tag it."""
    said = []
    for gap in gaps["gaps"]:
        other = gap.get("practised_for")
        if not other or not gaps.get("role"):
            continue
        said.append(
            f"{banks.tag_words(gap['competency'])} is practised by questions for "
            f"{banks.ROLE_PHRASES[other]}, and Practice picks questions for "
            f"{banks.ROLE_PHRASES[gaps['role']]}, none of which practise it: find one "
            f"{find.format(role=other, role_words=banks.tag_words(other))}."
        )
    return said


def skill_gaps_now(
    store: Store,
    settings: Settings,
    *,
    today: date,
    attempts: list[dict] | None = None,
    questions: list[banks.Question] | None = None,
    interviews: list[dict] | None = None,
    n: int = 5,
) -> dict:
    """`skill_gaps` as Progress reports them from what the store holds (what it read already may be
    passed): the gaps Practice recommends for, when no interview is chosen there."""
    attempts = list_attempts(store, newest_first=False) if attempts is None else attempts
    questions = (
        banks.load_questions(settings.data_dir, owner=settings.owner) if questions is None else questions
    )
    interviews = list_interviews(store) if interviews is None else interviews
    asks = interview_asks(interviews, today, leave_out=joining_stages(store, today))
    yours = your_role(settings, store)  # read once: in a cohort it is read from the store
    return skill_gaps(
        list_debriefs(store),
        attempts,
        questions,
        today=today,
        n=n,
        interview=asks,  # as Practice, unless another is chosen there
        # as Practice: the role of the interview whose description steers the picks, else this
        # person's own (in a cohort too)
        role=recommend.role_to_practise(yours, (steering(interviews, asks) or {}).get("role")),
        # whether a debrief's gap has a question, as saving it said: by its own interview's role
        gap_roles=gap_roles(interviews, yours),
    )


def practised_gaps(report: dict) -> set[str]:
    """The skills of `skill_gaps_now`'s gaps Practice recommends questions for: not those only another
    role's questions practise (`practised_for`)."""
    return {g["competency"] for g in report["gaps"] if not g.get("practised_for")}


def gaps_to_practise(
    debriefs: list[dict],
    questions: Sequence[banks.Question],
    *,
    today: date,
    role: str | None,
    gap_roles: Mapping[int, str | None],
) -> list[str]:
    """The competencies the last year's debriefs named as gaps that have a question, most named
    first: what the Practice page recommends from, as Progress lists them (`skill_gaps`, with the
    same `role` and `gap_roles`). Practice recommended from every gap: with no role set, a
    software engineer's debrief naming "hiring" got an engineering manager's hiring question
    there, while Progress said no practice question matched it. The mock interview asks about them
    too: it read every debrief ever written, so a gap from two years ago steered it long after
    Practice let it go."""
    practised_for = _practised_for(questions, role, gap_roles)
    return [g["competency"] for g in _gaps_with_questions(debriefs, practised_for, today)]


def gap_roles(interviews: Sequence[dict], yours: str | None) -> dict[int, str | None]:
    """By interview id, the role its debrief's gaps are judged by (role_for_gaps), as saving the
    debrief judged them; `yours`: the user's own role."""
    return {i["id"]: role_for_gaps(yours, i.get("role")) for i in interviews}


def _gaps_with_questions(
    debriefs: list[dict], practised_for: Callable[[dict], set[str]], today: date
) -> list[dict]:
    """`debrief_gaps` without the gaps no question for their debrief's role practises: those are
    listed with the gaps the banks lack (`unmatched`); "hiring (1×)" for a software engineer read as
    practised, with none listed."""
    named = {
        c
        for debrief in _recent_gap_debriefs(debriefs, today)
        for c in banks.skill_gap_to_competencies(debrief["skill_gaps"])
        if c in practised_for(debrief)
    }
    return [g for g in debrief_gaps(debriefs, today=today) if g["competency"] in named]


def _practised_for(
    questions: Sequence[banks.Question], role: str | None, gap_roles: Mapping[int, str | None] | None
) -> Callable[[dict], set[str]]:
    """What a debrief's gaps must name to have a question: debrief.competencies_practised for the
    role its gaps are judged by (`gap_roles` by its interview, else `role`), worked out once a role."""
    by_role: dict[str | None, set[str]] = {}

    def practised(debrief: dict) -> set[str]:
        judged_by = (gap_roles or {}).get(debrief.get("interview_id"), role)
        if judged_by not in by_role:
            by_role[judged_by] = competencies_practised(questions, judged_by)
        return by_role[judged_by]

    return practised


def unmatched_gaps(
    debriefs: list[dict], practised_for: Callable[[dict], set[str]], *, today: date
) -> list[str]:
    """Gaps the last year's debriefs named that no practice question practises ("Kafka"; "hiring"
    for a software engineer: debrief.gaps_without_questions, as saving the debrief said, for the
    same role), newest first, each once: said, so they do not vanish from what to practise without
    a word. `practised_for`: the competencies a debrief's gaps must name (`_practised_for`)."""
    found: dict[str, str] = {}
    for debrief in _recent_gap_debriefs(debriefs, today):
        for gap in gaps_without_questions(debrief["skill_gaps"], practised_for(debrief)):
            found.setdefault(gap.casefold(), gap)
    return list(found.values())


def _recent_gap_debriefs(debriefs: list[dict], today: date):
    """The debriefs of the last SKILL_GAP_WINDOW_DAYS that name skill gaps, newest first."""
    cutoff = today - timedelta(days=SKILL_GAP_WINDOW_DAYS)
    for debrief in reversed(debriefs):
        if (debrief["skill_gaps"] or "").strip() and date.fromisoformat(debrief["interview_date"]) >= cutoff:
            yield debrief


def _real_interview_goal(goals: list[dict]) -> dict:
    """The user's real-interview goal, or the playbook's default (the Interviews page shows the same)."""
    stored = newest_goal(goals, CADENCE_GOAL_KIND)
    if stored:
        return stored
    default = load_playbook().cadence
    return {
        "target": default.interviews,
        "period_days": default.period_days,
        "note": "the playbook's default",
    }


def cadence(
    interview_dates: list[date],
    practice_days: list[date],
    goals: list[dict],
    *,
    today: date,
    booked_today: int = 0,
) -> dict:
    """When the last real interview and practice were, and when the next is due by the user's goals.

    `practice_days`: each practice answer's day on the user's clock (local_day), as `today` is, so
    an evening's practice is that day's. Real interviews always have a goal (the playbook's default
    until the user sets one), read by `playbook.cadence_status` exactly as the Interviews page
    reads it. The next one booked, and the new job's cadence once an offer is accepted, are
    real_interview_cadence's."""
    result = {}
    for kind, dates in (
        ("real_interviews", sorted(interview_dates)),
        ("practice_attempts", sorted(practice_days)),
    ):
        past = [d for d in dates if d <= today]
        last = past[-1] if past else None
        goal = _real_interview_goal(goals) if kind == CADENCE_GOAL_KIND else newest_goal(goals, kind)
        entry = {
            "last": last.isoformat() if last else None,
            "days_since_last": (today - last).days if last else None,
            # with today's still to come (not in `interview_dates`: not held yet)
            "upcoming": [today.isoformat()] * (booked_today if kind == "real_interviews" else 0)
            + [d.isoformat() for d in dates if d > today],
            "last_365_days": sum(1 for d in past if (today - d).days < 365),
            "goal": None,
            "next_due": None,
            "overdue": False,
        }
        if goal:
            every = counted_cadence(goal, kind)
            if kind == CADENCE_GOAL_KIND:
                status = cadence_status(every, dates, today)
                state = status.state
            else:  # days with practice ("3 days every week"), a first one not "to book"
                status = replace(cadence_status(every, sorted(set(dates)), today), none_held=False)
                state = "on track" if status.on_track else "behind"
            entry.update(
                goal={k: goal[k] for k in ("target", "period_days", "note")} | _as_counted(goal, every),
                next_due=status.next_due.isoformat(),
                overdue=status.due_now,
                first_to_book=status.first_to_book,
                state=state,
                in_current_period=status.interviews_in_period,
            )
        result[kind] = entry
    return result


def after_accepting(
    opportunities: list, options: list[dict], interviews: Sequence[dict], goal: Cadence, today: date
) -> dict | None:
    """The cadence once an offer is accepted, or None (none accepted, or a real interview held since,
    after which the goal counts as before). "Next real interview: booked: Umbrella" was said of a
    process the user may now withdraw from (and of Northwind's onboarding chat after its offer, as
    if an interview): always be interviewing means a real interview now and then in the new job too,
    so the next is due a goal's spacing after the day the offer was accepted. Named as booked only
    when it is in a process begun since. `opportunities` and `options` as pipeline_report gives
    them; `goal` the real-interview goal as counted."""
    companies = accepted_offers(opportunities, options)
    if not companies:
        return None
    joining = {s.interview_id for o in opportunities if o.status == "accepted" for s in o.stages}
    days = [o["answered_on"] for o in options if o["kind"] == "offer" and o["status"] == "accepted"]
    held = [
        date.fromisoformat(str(i["interview_date"])[:10])
        for i in interviews
        if is_interview(i.get("stage")) and not is_ahead(i, today) and i["id"] not in joining
    ]
    # the day it was said; one accepted before that day was kept (a restore, an older version): the
    # last interview held, else today
    since = date.fromisoformat(max(d for d in days if d)) if any(days) else max(held, default=today)
    if any(day > since for day in held):  # interviewing again since: the goal counts as before
        return None
    begun = {  # the stages of the processes begun since the offer was accepted, as the note says
        s.interview_id for o in opportunities if began_after(o.stages, since.isoformat()) for s in o.stages
    }
    booked = next_booked([i for i in interviews if i["id"] in begun], today)
    next_due = since + timedelta(days=max(goal.period_days // max(goal.interviews, 1), 1))
    still_open = still_open_after_accepting(opportunities, options)[1]
    return {
        "companies": companies,
        "accepted_on": since.isoformat(),
        "goal": {"target": goal.interviews, "period_days": goal.period_days},
        "next_due": next_due.isoformat(),
        "overdue": next_due <= today and booked is None,
        "next_booked": booked,
        # the processes open beside it when it was accepted, to go on with or withdraw from
        "still_open": [o.company for o in still_open if not any(s.interview_id in begun for s in o.stages)],
    }


def real_interviews_counted(interviews: Sequence[dict], opportunities: list) -> list[dict]:
    """The log's interviews that can be real ones, for every count of them and the cadence: a stage
    of the process you are joining logged after its offer (Northwind Labs' onboarding chat) is
    none (pipeline.after_the_offer_accepted), nor one of another process whose day came after that
    offer was accepted, with no debrief (Umbrella's onsite, most likely never held: it was counted
    as the last real interview; pipeline.unconfirmed_after_accepting). `opportunities` as
    pipeline_report gives them."""
    not_interviews = after_the_offer_accepted(opportunities) | unconfirmed_stages(opportunities)
    return [i for i in interviews if i["id"] not in not_interviews]


def real_interview_cadence(
    interviews: Sequence[dict], opportunities: list, options: list[dict], goal: Cadence, today: date
) -> dict:
    """Where the real-interview goal stands, as the Progress page, the Interviews page's cadence
    panel, `coach progress` (text and --json) and `coach interviews` all say it, from one decision:
    the real interviews held in the goal's period, the next one due ("next_due", "state",
    "overdue", "first_to_book") or booked ("next_booked"), and once an offer is accepted the new
    job's cadence (after_accepting) in their place: the JSON's next_booked named Umbrella, a process
    you may withdraw from, where the text said the next by Mon 8 Mar 2027, and the Interviews page
    said "booked: Umbrella". `goal` the real-interview goal as counted."""
    counted = real_interviews_counted(interviews, opportunities)
    status = cadence_status(goal, held_interview_dates(counted, today), today)
    after = after_accepting(opportunities, options, counted, goal, today)
    if after:
        due = date.fromisoformat(after["next_due"])
        state = "due now" if after["overdue"] else "on track" if due > today else "booked"
        said = {
            "next_due": after["next_due"],
            "overdue": after["overdue"],
            "first_to_book": False,
            "state": state,
            "next_booked": after["next_booked"],
        }
    else:
        said = {
            "next_due": status.next_due.isoformat(),
            "overdue": status.due_now,
            "first_to_book": status.first_to_book,
            "state": status.state,
            "next_booked": next_booked(counted, today),
        }
    return {"in_current_period": status.interviews_in_period, **said, "after_accepting": after}


def after_accepting_words(entry: dict, where: str | None) -> str:
    """What the Progress page and `coach progress` say once an offer is accepted (`after_accepting`),
    `where` the processes still open are listed ("the Interviews page", "`coach interviews`"; None
    where they are listed already, as on the Interviews page: the sentence is left out): "You
    accepted the offer from Northwind Labs on Mon 7 Dec 2026. Interviewing is a skill that fades:
    keep it with a real interview every quarter in the new job too, the next by Mon 8 Mar 2027.
    Umbrella and Initech are still open: go on with them or withdraw (the Interviews page lists
    them)." """
    accepted = (
        f"You accepted the offer from {listed(entry['companies'])} on {long_date(entry['accepted_on'])}."
    )
    target, period = entry["goal"]["target"], period_words(entry["goal"]["period_days"])
    every = f"a real interview every {period}" if target == 1 else f"{target} real interviews every {period}"
    booked = entry["next_booked"]
    if booked:
        stage = f" ({own_stage_name(booked['stage'])})" if own_stage_name(booked["stage"]) else ""
        then = f"the next booked for {long_date(booked['date'])} at {booked['company']}{stage}"
    elif entry["overdue"]:
        then = f"the next due since {long_date(entry['next_due'])}"
    else:
        then = f"the next by {long_date(entry['next_due'])}"
    said = f"{accepted} Interviewing is a skill that fades: keep it with {every} in the new job too, {then}."
    if entry["still_open"] and where:
        one = len(entry["still_open"]) == 1
        said += (
            f" {listed(entry['still_open'])} {'is' if one else 'are'} still open: go on with "
            f"{'it' if one else 'them'} or withdraw ({where} lists {'it' if one else 'them'})."
        )
    return said


def period_words(period_days: int) -> str:
    """A cadence goal's period as the Interviews page says it: "quarter" for the playbook's, else
    "30 days"."""
    default = load_playbook().cadence
    return default.period_label if period_days == default.period_days else f"{period_days} days"


def counted_cadence(goal: dict, kind: str) -> Cadence:
    """A stored cadence goal as it is counted: a real-interview goal within what can be set
    (playbook.cadence_within_bounds), as the Interviews page counts it; a practice goal, whose
    period may be shorter than a week, only within the calendar (a billion days, written by a
    restore or an older version, overflowed the date arithmetic of the Progress page and `coach
    progress`)."""
    stored = Cadence(whole_count(goal["target"]), int(goal["period_days"]))
    if kind == CADENCE_GOAL_KIND:
        return cadence_within_bounds(stored)
    days = min(max(stored.period_days, 1), CADENCE_PERIOD_DAYS[1])
    if days == stored.period_days:
        return stored
    return replace(stored, period_days=days, period_label=count(days, "day"))


def _as_counted(goal: dict, counted: Cadence) -> dict:
    """The goal's count and period as `counted_cadence` counts them, where they differ from those
    stored (what `coach progress` and its JSON then say is what its dates follow)."""
    if (whole_count(goal["target"]), int(goal["period_days"])) == (counted.interviews, counted.period_days):
        return {}
    return {"target": counted.interviews, "period_days": counted.period_days}


def practice_goal_standing(store: Store, *, today: date | None = None) -> dict:
    """Where the practice goal stands on `today` (the user's clock), counted as progress_report
    counts it for Progress and `coach progress` (its cadence's "practice_attempts"; the goal None
    when none is set): `coach goals` said the goal and not where it stood."""
    today = today or local_time.today()
    days = practice_days(list_attempts(store, newest_first=False))
    return cadence([], days, list_goals(store), today=today)["practice_attempts"]


def practice_days(attempts: Sequence[dict]) -> list[date]:
    """Each practice answer's day on the user's clock, as `cadence` counts them."""
    return [date.fromisoformat(local_day(a["created_at"])) for a in attempts]


def practice_goal_words(entry: dict, due: str) -> tuple[str, str, str] | None:
    """The practice goal, where the user stands and what next, `due` the next due date as the caller
    words it: ('on 3 days every week', 'on track', '3 of 3 days in the last week; practise again by
    8 Dec to stay on it') or (…, 'behind', '1 of 3 days in the last week; practise today'); behind
    with today's practice done, '…; practise again tomorrow' (a second answer today is no second
    day: "practise today" stood beside "Last practice: today"). None without a goal."""
    goal = entry.get("goal")
    if not goal:
        return None
    practice = PracticeGoal(whole_count(goal["target"]), int(goal["period_days"]))
    if practice.every_days == 1:
        done = "practised today" if entry["in_current_period"] else "no practice yet today"
    elif entry["in_current_period"] > practice.days:  # "6 of 4 days" read as a slip
        beyond = entry["in_current_period"] - practice.days
        done = (
            f"{count(entry['in_current_period'], 'day')} in the last "
            f"{goals_period_words(practice.every_days)}, {beyond} more than your goal"
        )
    else:
        done = (
            f"{entry['in_current_period']} of {count(practice.days, 'day')} in the last "
            f"{goals_period_words(practice.every_days)}"
        )
    if entry["state"] == "on track":
        then = f"practise again by {due} to stay on it"
    elif entry.get("days_since_last") == 0:  # today is one of the days already: a new day is next
        then = "practise again tomorrow"
    else:
        then = "practise today"
    return practice.words(), entry["state"], f"{done}; {then}"


def target_goals(goals: list[dict]) -> dict[str, float]:
    return {g["kind"]: g["target"] for g in goals if g["active"] and g["kind"] in MEASURES}


def mock_series(sessions: list[dict]) -> list[dict]:
    """Mock interviews oldest first, each with its overall score, time and the gap that repeated:
    a series of their own, apart from single practice answers and real interviews."""
    series = []
    for s in sessions:
        summary = s.get("summary") or {}
        series.append(
            {
                "session_id": s["id"],
                "at": s["created_at"],
                "format": s["format"],
                "format_label": summary.get("format_label", s["format"]),
                "score_overall": s["score_overall"],
                "used_s": s["used_s"],
                "planned_s": s["planned_s"],
                "answers": summary.get("answers"),
                "pattern": summary.get("pattern"),
                "ended_early": bool(summary.get("ended_early")),
                # every question answered, only the last follow-up waiting, as its report says
                "ended_before_the_last_follow_up": ended_before_the_last_follow_up(summary),
                # asked and moved on from without an answer: counted, never scored
                "questions_skipped": summary.get("questions_skipped", 0),
                "follow_ups_skipped": summary.get("follow_ups_skipped", 0),
            }
        )
    return series


def progress_report(
    store: Store,
    settings: Settings,
    *,
    today: date | None = None,
    last_n: int = DEFAULT_LAST_N,
    recommend_n: int = 5,
    attempts: list[dict] | None = None,
) -> dict:
    """Everything the progress page and `coach progress --json` show, in one dict. `attempts`: the
    practice answers oldest first, as list_attempts(newest_first=False) gives them, when the caller
    has read them already (the page lists them again below; a year's 450 were read three times)."""
    today = today or local_time.today()
    if attempts is None:
        attempts = list_attempts(store, newest_first=False)
    turns = list_turns(store)
    # a review that picked out no answer (two voices, no question recognised) kept its whole
    # recording as one: no answer of the user's, as the Interviews card says ("none picked out")
    none_picked = picked_out_none(store)
    goals = list_goals(store)
    interviews = list_interviews(store)
    targets = target_goals(goals)
    mocks = mock_series(list_mock_sessions(store))
    questions = banks.load_questions(settings.data_dir, owner=settings.owner)
    opportunities, options = pipeline_report(store, today)
    # the process you are joining, after its offer, holds no real interview (an onboarding chat)
    counted = real_interviews_counted(interviews, opportunities)
    held = held_interview_dates(counted, today)
    report = {
        "today": today.isoformat(),
        "counts": {
            "practice_attempts": len(attempts),
            # of them, the answers measured (one too short, or with no speech heard, has no score)
            "practice_measured": sum(1 for a in attempts if a.get("score_overall") is not None),
            # of the others, answers measured but not scored as they did not answer the question
            "practice_off_question": sum(1 for a in attempts if a.get("off_the_question")),
            # of them, answers given in a mock interview (practice too, labelled where listed)
            "practice_in_mock_interviews": sum(1 for a in attempts if in_mock_interview(a)),
            # held by today: one booked for next week is in the cadence's "upcoming", not done yet;
            # an offer or a rejection logged as a stage is not an interview held
            "real_interviews": sum(1 for day in held if day <= today),
            # measured ones: an answer the review could not score (one voice, a short reply) is
            # kept with its interview but counted and averaged nowhere (it read "4 answers analysed"
            # where 2 were measured)
            "real_answers": sum(1 for t in turns if t.get("score_overall") is not None),
            # every answer the reviews kept, measured or not ("0 of 1 answer analysed", as `coach
            # history` and the Interviews page count them), but a whole recording kept for want of one
            "real_answers_reviewed": sum(1 for t in turns if t["id"] not in none_picked),
            # the reviewed recordings that picked out no answer ("Answers analysed: none picked out")
            "real_recordings_none_picked_out": len(none_picked),
        },
        "mock_interviews": mocks,
        "trends": trends(attempts, turns),
        "practice_vs_real": practice_vs_real(attempts, turns, settings),
        "improvement": improvement(attempts, settings, last_n=last_n, targets=targets),
        "per_question": per_question(attempts, turns, {q.id: q.text for q in questions}),
        "skill_gaps": skill_gaps_now(
            store,
            settings,
            today=today,
            attempts=attempts,
            questions=questions,
            interviews=interviews,
            n=recommend_n,
        ),
        "cadence": {
            "real_interviews": real_interview_standing(counted, opportunities, options, goals, today),
            "practice_attempts": cadence([], practice_days(attempts), goals, today=today)[
                "practice_attempts"
            ],
        },
        "targets": targets,
    }
    return report


def real_interview_standing(
    counted: list[dict], opportunities: list, options: list[dict], goals: list[dict], today: date
) -> dict:
    """The real-interview goal's entry in progress_report's cadence, as the Progress page, `coach
    progress` and `coach goals` read it: the last held, those booked, the goal as counted, and the
    next due or booked as the Interviews page says it (the new job's once an offer is accepted).
    `counted` as real_interviews_counted gives them."""
    booked_today = sum(
        1
        for i in counted
        if is_interview(i.get("stage")) and is_ahead(i, today) and not dated_after(i, today)
    )
    held = held_interview_dates(counted, today)
    entry = cadence(held, [], goals, today=today, booked_today=booked_today)["real_interviews"]
    goal = counted_cadence(_real_interview_goal(goals), CADENCE_GOAL_KIND)
    return entry | real_interview_cadence(counted, opportunities, options, goal, today)


def real_interview_goal_standing(store: Store, *, today: date | None = None) -> dict:
    """Where the real-interview goal stands on `today` (the user's clock), counted as progress_report
    counts it: `coach goals` said the goal ("1 interview every quarter") and not where it stood, which
    the Progress page's "Next real interview" says."""
    today = today or local_time.today()
    opportunities, options = pipeline_report(store, today)
    counted = real_interviews_counted(list_interviews(store), opportunities)
    return real_interview_standing(counted, opportunities, options, list_goals(store), today)


def real_interview_next_words(entry: dict) -> str:
    """What comes next on the real-interview goal (`real_interview_cadence`'s entry), as `coach goals`
    and `coach interviews` say it: "next booked: Initech on Fri 20 Nov 2026", "next due by Mon 8 Mar
    2027 (due now)", "next due by Mon 8 Mar 2027 in the new job (on track)"; with none ever logged,
    "book your first"."""
    booked = entry["next_booked"]
    if booked:
        return f"next booked: {booked['company'] or 'an interview'} on {long_date(booked['date'])}"
    if entry["first_to_book"]:
        return entry["state"]
    new_job = " in the new job" if entry["after_accepting"] else ""
    return f"next due by {long_date(entry['next_due'])}{new_job} ({entry['state']})"


def _figure(value: float, measure: str) -> str:
    """A figure as the pages show it (`shown`): pace and scores whole (120, not 119.5), rates to
    one decimal."""
    return f"{shown(value, measure):g}"


# Filler rates read to one decimal wherever figures stand side by side, a whole one too ("0.0"), as
# the tables' column of fillers per 100 words reads them (coach.ui.summary.ONE_DECIMAL_COLUMNS):
# Progress's per-question table said "0.0" where Practice against real interviews said "0" of the
# same zero. Means of counts (long pauses) keep a decimal only where one of them needs it.
ONE_DECIMAL = {"fillers_per_100_words", "fillers_per_min"}


def figures_side_by_side(values: Sequence[float | None], measure: str) -> list[str]:
    """Figures read side by side (practice's mean beside real interviews'), at one precision: a rate
    whose other figure shows a decimal shows its own too ("5.0" beside "5.3", not "5"), and a filler
    rate always shows one (ONE_DECIMAL); "—" for none."""
    said = [None if v is None else shown(v, measure) for v in values]
    decimals = measure in ONE_DECIMAL or (
        measure not in WHOLE and any(v is not None and v != int(v) for v in said)
    )
    return ["—" if v is None else f"{v:.1f}" if decimals else f"{v:g}" for v in said]


# How many mock interviews `coach progress` lists, newest first: the page's table has them all.
MOCKS_LISTED = 3


def _mock_interview_lines(series: list[dict]) -> list[str]:
    """The newest mock interviews as the Progress page's table gives them: day, format, overall
    score, time used and the gap that repeated (the first and latest scores alone left out what
    each report found). A day has its time, on the user's clock, where two fell on it, as in the
    table: two of one day read "2026-12-07, behavioural round" alike."""
    per_day = Counter(local_day(m["at"]) for m in series)
    lines = []
    for m in reversed(series[-MOCKS_LISTED:]):
        day = local_day(m["at"])
        when = f"{local_time.local_moment(m['at']):%Y-%m-%d %H:%M}" if per_day[day] > 1 else day
        kind = m["format_label"][:1].lower() + m["format_label"][1:]
        score = (
            "no overall score"
            if m["score_overall"] is None
            else f"overall {_figure(m['score_overall'], 'score_overall')}"
        )
        planned = f" of {m['planned_s'] // 60} min" if m.get("planned_s") else ""
        used = f", {clock(m['used_s'])}{planned}" if m["used_s"] else ""
        early = f", {ended}" if (ended := ended_words(m)) else ""
        if skipped := skipped_words(m.get("questions_skipped", 0), m.get("follow_ups_skipped", 0)):
            early += f", {skipped}"
        gap = f"; repeated gap: {m['pattern'].strip().rstrip('.')}" if m.get("pattern") else ""
        lines.append(f"  {when}, {kind}: {score}{used}{early}{gap}.")
    if len(series) > MOCKS_LISTED:
        lines.append(f"  and {len(series) - MOCKS_LISTED} before (`coach progress --json` lists them all).")
    return lines


def _days_ago(days: int) -> str:
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")


# How a measure moved, in the words the Progress page uses ("closer" alone read "closer since the first")
DIRECTION_WORDS = {
    "closer": "closer to where it should be",
    "further": "further from where it should be",
    "same": "no nearer to or further from where it should be",
    "inside": "inside the comfortable band both times",
}
# ... and a score's, which has no place it "should be": "40 on the first answer, 72 on the latest;
# closer to where it should be" read as if 72 were too high or too low
HIGHER_WORDS = {"closer": "up", "further": "down", "same": "unchanged"}
# ... and a band's measure gone across its band, each side in its words
BAND_SIDES = {"wpm": ("too slow", "too fast"), "duration_s": ("too short", "too long")}


def direction_words(direction: str, measure: str) -> str:
    """How `measure` moved ("closer", "further", "same", "above", "below", "inside", from `_closer`) in the
    pages' words."""
    if direction in ("above", "below"):
        low, high = BAND_SIDES[measure]
        now, was = (high, low) if direction == "above" else (low, high)
        return f"now {now}, where it was {was}"
    return (HIGHER_WORDS if MEASURES.get(measure) == "higher" else DIRECTION_WORDS)[direction]


def real_answers_counted(counts: dict) -> bool:
    """Whether a question's count of real answers means something: with a real interview held or
    reviewed, "0 real" says the question has not come up in one; before any, it counted what could
    not have happened yet ("Why should we hire you? — 1 practice, 0 real" to a new user)."""
    return bool(counts.get("real_interviews") or counts.get("real_answers_reviewed"))


def real_answers_analysed(counts: dict) -> str:
    """'3 answers analysed', or '0 of 1 answer analysed' when a review kept answers it could not
    measure (one voice heard, a short reply), as `coach history` and the Interviews page say it:
    "0 answers analysed" read as if no recording had been reviewed; 'no answers picked out' when the
    reviews picked out none (no question of the interviewer's recognised)."""
    measured = counts["real_answers"]
    reviewed = max(counts.get("real_answers_reviewed", measured), measured)
    if not reviewed and counts.get("real_recordings_none_picked_out"):  # as the Interviews card says it
        return "no answers picked out"
    if reviewed == measured:
        return f"{count(measured, 'answer')} analysed"
    return f"{measured} of {count(reviewed, 'answer')} analysed"


def summary_lines(report: dict, *, last_n: int = DEFAULT_LAST_N) -> list[str]:
    """The report as a few plain sentences for the terminal; `last_n` as the report was made with
    (`coach progress --last N` compares the last N answers with the N before)."""
    counts = report["counts"]
    booked = len(report["cadence"]["real_interviews"]["upcoming"])
    if counts["real_interviews"]:
        more = f"; {booked} more booked" if booked else ""
        analysed = f" ({real_answers_analysed(counts)}{more})"
    else:  # "0 real interviews (0 answers analysed; 1 more booked)": more than none held
        analysed = f" ({booked} booked)" if booked else ""
    lines = [
        f"{count(counts['practice_attempts'], 'practice answer')}"
        f"{mock_words(counts.get('practice_in_mock_interviews', 0))}, "
        f"{count(counts['real_interviews'], 'real interview')}{analysed}."
    ]
    unscored = counts["practice_attempts"] - counts.get("practice_measured", counts["practice_attempts"])
    if unscored:  # as the page says it: kept, but in none of the figures below
        off = counts.get("practice_off_question", 0)
        lines.append(
            f"{unscored_words(unscored - off, off, 'practice answer', why=True)}: kept, but left out of "
            f"the figures below; `coach history --not-measured` lists {'it' if unscored == 1 else 'them'}."
        )
    for measure in ("wpm", "fillers_per_100_words", "score_overall"):
        entry = report["improvement"].get(measure)
        if entry:
            beside = [f"comfortable band {entry['band'][0]:g}–{entry['band'][1]:g}"] if entry["band"] else []
            if entry.get("target") is not None:
                beside.append(f"your goal {TARGETS[measure].figure(entry['target'])}")
            band = f" ({'; '.join(beside)})" if beside else ""
            ends = entry.get("first_and_last")
            if ends:
                before, after = figures_side_by_side((ends["first_mean"], ends["last_mean"]), measure)
                lines.append(
                    f"{entry['label'].capitalize()}: {before} on average over "
                    f"the first {ends['n']} answers, {after} over the last "
                    f"{ends['n']}{band}; {direction_words(ends['direction'], measure)}."
                )
            elif entry.get("attempts", 0) < 2:  # one answer has nothing to compare with (as the page says)
                # "on your first answer; answer again" beside answers given again and not measured:
                # the page's "first measured answer"
                first = "first measured answer" if unscored else "first answer"
                lines.append(
                    f"{entry['label'].capitalize()}: {_figure(entry['latest'], measure)} on your {first}"
                    f"{band}; answer again to see the change."
                )
            else:
                before, after = figures_side_by_side((entry["first"], entry["latest"]), measure)
                lines.append(
                    f"{entry['label'].capitalize()}: {before} on the first "
                    f"answer, {after} on the latest{band}; "
                    f"{direction_words(entry['since_first'], measure)}."
                )
            if entry.get(f"mean_previous_{last_n}") is not None:  # --last N said nothing in words
                before, after = (
                    f"{v:g}" if measure in WHOLE else f"{v:.1f}"  # a rate to one decimal: "0.0", not "0"
                    for v in (shown(entry[f"mean_{k}_{last_n}"], measure) for k in ("previous", "last"))
                )
                moved = direction_words(entry[f"over_last_{last_n}"], measure)
                earlier = min(last_n, entry["attempts"] - last_n)  # 5 answers, --last 3: the 2 before
                lines.append(
                    f"  the latest answer: {after}, the one before: {before}; {moved}."
                    if last_n == 1
                    else f"  the last {last_n} answers: {after} on average, {before} over "
                    f"{'the one' if earlier == 1 else f'the {earlier}'} before; {moved}."
                )
        comparison = report["practice_vs_real"][measure]
        if comparison["practice_n"] and comparison["real_n"]:
            practice_mean, real_mean = figures_side_by_side(
                (comparison["practice_mean"], comparison["real_mean"]), measure
            )
            lines.append(
                f"  practice in the {comparison['lead_up_days']} days up to your interviews "
                f"{practice_mean} on average, the interviews {real_mean}."
                if comparison["lead_up_days"]
                else f"  practice mean {practice_mean}, real interviews mean {real_mean}."
            )
    mocks = [m for m in report.get("mock_interviews", []) if m["score_overall"] is not None]
    if len(mocks) == 1:  # one score has no first and latest
        lines.append(
            f"Mock interviews: {len(report['mock_interviews'])}; overall score "
            f"{_figure(mocks[0]['score_overall'], 'score_overall')}."
        )
    elif mocks:
        lines.append(
            f"Mock interviews: {len(report['mock_interviews'])}; overall score "
            f"{_figure(mocks[0]['score_overall'], 'score_overall')} in the first, "
            f"{_figure(mocks[-1]['score_overall'], 'score_overall')} in the latest."
        )
    elif report.get("mock_interviews"):  # none scored: the rows below still say when and how long
        lines.append(f"Mock interviews: {len(report['mock_interviews'])}; no overall score yet.")
    lines += _mock_interview_lines(report.get("mock_interviews", []))
    practice = report["cadence"]["practice_attempts"]
    if practice["last"]:  # the page's "Last practice", so a returning user sees the gap here too
        lines.append(
            f"Last practice: {long_date(practice['last'])} ({_days_ago(practice['days_since_last'])})."
        )
    # days as every sentence gives them ("Thu 26 Nov 2026"), not 2026-11-26 (local_time.long_date)
    due = practice.get("next_due")
    practice_goal = practice_goal_words(practice, long_date(due) if due else "")
    if practice_goal:
        goal, state, rest = practice_goal
        lines.append(f"Practice goal ({goal}): {state}, {rest}.")
    targets = report.get("targets") or {}
    if targets:
        said = [TARGETS[kind].words(value) for kind, value in targets.items() if kind in TARGETS]
        lines.append(f"Your targets: {', '.join(said)} (`coach goals` changes them).")
    real = report["cadence"]["real_interviews"]
    if real["last"]:
        lines.append(
            f"Last real interview: {long_date(real['last'])} ({_days_ago(real['days_since_last'])})."
        )
    if real.get("after_accepting"):  # the new job's cadence, not a process to withdraw from
        lines.append(after_accepting_words(real["after_accepting"], "`coach interviews`"))
    elif real.get("next_booked"):  # one in the calendar: no longer "due"
        booked = real["next_booked"]
        stage = f" ({own_stage_name(booked['stage'])})" if own_stage_name(booked["stage"]) else ""
        lines.append(
            f"Next real interview: booked for {long_date(booked['date'])} at {booked['company']}{stage}."
        )
    elif real.get("first_to_book"):  # never one: an invitation, not a date already due
        lines.append(
            "Next real interview: none logged yet. Always be interviewing: book a first-round interview "
            "and log it with `coach add-interview`; your goal counts from it."
        )
    elif real["next_due"]:
        goal = real["goal"]
        period = period_words(goal["period_days"])  # "every quarter" as the Interviews page says it
        every = f" ({count(whole_count(goal['target']), 'interview')} every {period})"
        lines.append(
            f"Next real interview due by your goal{every}: {long_date(real['next_due'])}"
            + (" (overdue)." if real["overdue"] else ".")
        )
    gaps = report["skill_gaps"]
    if gaps["gaps"]:
        # how often each was named, as the page says it: the one six debriefs named comes first
        lines.append(f"Skill gaps from your debriefs: {gaps_named_words(gaps['gaps'])}.")
        lines += [f"  practise: [{q['id']}] {q['text']}" for q in gaps["recommended"]]
        lines += practised_for_another_role_words(
            gaps, "with `coach questions --role {role}` or on the Questions page (Role: {role_words})"
        )
    if gaps.get("unmatched"):
        lines.append(
            f"Also named, matching no practice question: {', '.join(gaps['unmatched'])} "
            "(add a question of your own for each: `coach add-question` or the Questions page)."
        )
    if gaps.get("kinds_of_question"):
        lines.append(f"Also named: {kinds_of_question_note(gaps['kinds_of_question'])}")
    return lines


# ---------------------------------------------------------------- the cohort, for its staff
# A week's averages are shown only when the answers of at least this many people were measured in
# it, so a number can never be one person's score under another name.
COHORT_MIN_PEOPLE = 3


def cohort_no_question_words(reviews: int) -> str:
    """What the staff read of this week's reviews in which no question was found ("" for none), on
    the Cohort page and from `coach cohort` alike."""
    if not reviews:
        return ""
    one = reviews == 1
    return (
        f"{count(reviews, 'real interview')} reviewed this week {'had' if one else 'each had'} no question "
        f"found in {'it' if one else 'them'}, so "
        f"{'it is not counted as an answer' if one else 'they are not counted as answers'}."
    )


def cohort_report(store: Store, settings: Settings, *, today: date | None = None, weeks: int = 8) -> dict:
    """Aggregates over the cohort's answers (multi-user mode, staff only): people, answers this
    week (practice and in real interviews reviewed, each counted too), and per week the answers,
    people and average score, filler rate and pace. Never a name, a transcript or a recording."""
    from coach.errors import InputError
    from coach.identity import STAFF_ONLY, is_staff
    from coach.store.cohort import AVERAGED, cohort_answers, week_of

    if not is_staff(store.owner, settings):
        raise InputError(STAFF_ONLY)
    found = cohort_answers(store, local_time.zone(), staff=settings.staff)
    this_week = week_of(today or local_time.today())
    answers = [a for a in found if a["question_found"]]
    no_question_this_week = sum(1 for a in found if not a["question_found"] and a["week"] == this_week)
    starts = [this_week - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    rows = []
    for start in starts:
        in_week = [a for a in answers if a["week"] == start]
        people = len({a["person"] for a in in_week})
        row = {"week": start.isoformat(), "answers": len(in_week), "people": people}
        for name in AVERAGED:
            # the people whose answers were measured, not all who answered: with only one of three
            # measured, the "average" was that one person's
            measured = [a for a in in_week if a[name] is not None]
            enough = len({a["person"] for a in measured}) >= COHORT_MIN_PEOPLE
            row[name] = round(fmean(a[name] for a in measured), 1) if enough else None
        rows.append(row)
    real_this_week = sum(1 for a in answers if a["week"] == this_week and a["real"])
    return {
        "people": len({a["person"] for a in answers}),
        "answers_this_week": rows[-1]["answers"],  # practice and real interviews' answers alike
        "practice_this_week": rows[-1]["answers"] - real_this_week,
        "real_this_week": real_this_week,
        "people_this_week": rows[-1]["people"],
        # real interviews reviewed this week in which no question was found: not counted as answers
        "no_question_this_week": no_question_this_week,
        "weeks": rows,
        "min_people": COHORT_MIN_PEOPLE,
    }
