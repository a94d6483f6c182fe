"""The mock interview's report: per answer its scores and the follow-up with its reason; across
the session the gap that repeats, the time used against the format, the change since last time."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean

from coach.analysis.feedback import timed_length_point
from coach.analysis.quality import MIN_SPEECH_S, MIN_WORDS
from coach.analysis.word_use import job_term_lines
from coach.analysis.wording import clock, count
from coach.banks import asks_for_story
from coach.local_time import local_day, long_date, today
from coach.mock import follow_up
from coach.mock.plan import FORMATS
from coach.mock.said import ended_before_the_last_follow_up

# Gaps the follow-up rules look for, as the report names them ("3 of 4 answers had no result").
GAPS = {
    "no_result": ("had no result", follow_up.no_result),
    "we_only": ("told the actions only as 'we'", follow_up.we_only),
    "no_number": ("had no number", follow_up.no_number),
}
SHORT = {
    "no_result": "answers with no result",
    "we_only": "'we'-only answers",
    "no_number": "answers with no number",
}
# A gap repeats in two story answers or more: fewer name no pattern, and compare none with last time.
STORIES_FOR_A_PATTERN = 2
# Said under a follow-up asked as the interview ended, in the page's report and `coach mock`'s.
FOLLOW_UP_NOT_ANSWERED = "Not answered: the interview ended here."
# And under a question asked as it ended: spoken, so listed as asked, as a skipped one is.
QUESTION_NOT_ANSWERED = FOLLOW_UP_NOT_ANSWERED
# Said under a question or a follow-up skipped ("Skip this question"), in the page's report.
SKIPPED_QUESTION = "Skipped: you moved on without answering, so it has no score."
SKIPPED_FOLLOW_UP = "Skipped: you moved on without answering it."
# Said under an answer that could not be measured and kept no warning saying why, in the page's
# report and `coach mock`'s, in place of its scores.
NOT_MEASURED = "This answer could not be measured."
# Said when every question was skipped: no answer, so no session is stored.
EVERY_QUESTION_SKIPPED = "You skipped every question, so no mock interview was saved."

# Said when the interview ended before any answer was heard, by the page and by `coach mock`: no
# session is stored, though a take that could not be used is kept among the recordings not analysed.
NOTHING_ANSWERED = "You ended the interview before answering a question, so no mock interview was saved."
# The same when `coach mock --answers` ran out of recordings it could use: the user ended nothing.
NOTHING_ANSWERED_RAN_OUT = "The interview ended before any answer was given, so no mock interview was saved."

# Said under the report's figures, by the page and by `coach mock`, when the interview was ended
# before its end: with every question answered and only the last follow-up waiting; else after how
# many of its questions (`ended_early_sentence`).
ENDED_BEFORE_THE_LAST_FOLLOW_UP = (
    "You ended the interview before answering the last follow-up; the answers you gave are saved."
)

# Said in place of the gap that repeats when no question answered asked for a story.
NO_STORY_ASKED = "No question you answered asked for a story, so there is no pattern of story gaps to show."


def nothing_answered_sentence(summary: dict, *, by_you: bool = True) -> str:
    """Why there is no report when no answer was given: ended before one, or every question skipped
    (it read "You ended the interview before answering a question" of one run to its end). `by_you`
    False: the interview ended without the user ending it (`coach mock --answers` ran out)."""
    if summary.get("questions_skipped") and not summary.get("ended_early"):
        return EVERY_QUESTION_SKIPPED
    return NOTHING_ANSWERED if by_you else NOTHING_ANSWERED_RAN_OUT


def ended_early_sentence(summary: dict, *, by_you: bool = True) -> str | None:
    """How the interview was ended before its end, or None when it ran to the end, the same on the
    page and in `coach mock` (the page said "You ended the interview before the last question", the
    terminal "Ended early, after 2 questions." of one whose two questions were answered and whose last
    follow-up waited): before the last follow-up, or after how many of its questions it went past
    (answered or skipped; the one it ended on is listed as not answered). `by_you` False: it ended
    without the user ending it, when `coach mock --answers` ran out of recordings ("You ended the
    interview" read above "error: … had no recording left for question 3")."""
    if not summary.get("ended_early"):
        return None
    if ended_before_the_last_follow_up(summary):
        if not by_you:
            return (
                "The interview ended before the last follow-up was answered; the answers you gave are saved."
            )
        return ENDED_BEFORE_THE_LAST_FOLLOW_UP
    went_past = summary["questions_asked"] - summary.get("questions_asked_not_answered", 0)
    left = summary.get("questions_not_answered")  # a report stored before it counted them: not said
    after = (
        count(went_past, "question")
        if left is None
        else f"{went_past} of {count(went_past + left, 'question')}"
    )
    ended = "You ended the interview" if by_you else "The interview ended"
    return f"{ended} after {after}; the answers you gave are saved."


def pattern_sentence(summary: dict) -> str:
    """The gap that repeated across the story answers, or why none is named: the page's report and
    `coach mock`'s say the same (the text report said nothing when no gap repeated)."""
    if summary.get("pattern"):
        return summary["pattern"]
    if summary.get("stories_asked") == 0:  # a report stored before it counted them says as it did
        # a round of role questions, every answer measured, read "No story answers were measured",
        # as if they had failed to be
        return NO_STORY_ASKED
    measured = summary.get("stories_measured") or 0
    if measured == 0:
        return "No story answers were measured, so there is no pattern to show."
    if measured == 1:
        # it said "One story is too few to see what repeats", never saying what might repeat
        return (
            "Only one answer told a story: too few to tell whether a gap repeats (no result, no number, "
            "actions told only as “we”). An interview with more questions shows it."
        )
    return "No gap repeated across your answers."


def _score(analysis: dict | None, name: str) -> float | None:
    value = ((analysis or {}).get("scores") or {}).get(name)
    if isinstance(value, dict):
        value = value.get("score")
    return None if value is None else round(float(value), 1)


def turn_scores(analysis: dict | None) -> dict | None:
    """The answer's scores (overall and each dimension), or None when it could not be measured."""
    if not analysis or analysis.get("scores") is None:
        return None
    return {
        name: _score(analysis, name) for name in ("overall", "delivery", "fillers", "structure", "content")
    }


def patterns(stories: Sequence[dict]) -> list[dict]:
    """How many of the measured story answers each gap appeared in, most frequent first."""
    measured = [a for a in stories if follow_up.is_measured(a)]
    found = []
    for key, (words, test) in GAPS.items():
        n = sum(1 for a in measured if test(a))
        if n:
            found.append(
                {
                    "gap": key,
                    "count": n,
                    "of": len(measured),
                    "sentence": f"{n} of {count(len(measured), 'answer')} {words}.",
                }
            )
    return sorted(found, key=lambda p: -p["count"])


def job_terms(answers: Sequence[dict]) -> dict | None:
    """The interview's job description's key terms across the session: each used when any answer
    used it (the shape of an answer's `metrics.job_terms`, with how many answers were checked);
    None when no answer was checked against a description (no interview chosen, or none pasted)."""
    checked = [j for j in ((a.get("metrics") or {}).get("job_terms") for a in answers) if j]
    if not checked:
        return None
    used: dict[str, bool] = {}
    for terms in checked:
        for term in terms.get("terms") or []:
            used[term["term"]] = used.get(term["term"], False) or bool(term["used"])
    return {
        "terms": [{"term": term, "used": said} for term, said in used.items()],
        "used": sum(used.values()),
        "note": next((j["note"] for j in checked if j.get("note")), None),
        "answers": len(checked),
    }


def why_these_questions(turns: Sequence, plan) -> str | None:
    """The plan's reason for its questions when it speaks of one that was asked (`turns`: every turn
    said, answered or not): see `Plan.reason_for`."""
    return plan.reason_for({t.question_id for t in turns if t.kind == "question"})


def summarise(
    turns: Sequence, plan, previous: dict | None, question_seconds: float, *, said: Sequence = ()
) -> dict:
    """The report of a session (`turns` are coach.mock.session.Turn, those answered), JSON-ready.
    `said`: every turn the interviewer said, answered or not (`turns` when not given): a question
    asked as the interview ended is among the reasons' questions."""
    answered = [t for t in turns if t.answer is not None]
    main = [t for t in answered if t.kind == "question"]
    stories = [t.answer for t in main if asks_for_story(t.question)]
    found = patterns(stories)
    repeated = next((p for p in found if p["count"] >= STORIES_FOR_A_PATTERN), None)
    scores = [s for s in (_score(t.answer, "overall") for t in main) if s is not None]
    overall = round(fmean(scores), 1) if scores else None
    answer_s = sum(
        float((t.answer.get("metrics") or {}).get("duration_s") or t.answer.get("duration_s") or 0)
        for t in answered
    )
    used_s = round(answer_s + question_seconds, 1)
    planned_s = plan.planned_s
    time_sentence = f"{clock(used_s)} used of {plan.time_words()} ({clock(answer_s)} of it your answers)."
    unmeasured = sum(1 for t in answered if not follow_up.is_measured(t.answer))
    stories_measured = sum(1 for a in stories if follow_up.is_measured(a))
    # the main questions' answers: a follow-up prepares for no interview, so none is checked; and
    # only those measured, as Practice shows no key terms for an answer it could not measure (two
    # answers about something else read "You used 0 of the job description's 12 key terms")
    terms = job_terms([t.answer for t in main if t.answer.get("scores") is not None])
    return {
        "format": plan.format.key,
        "format_label": plan.format.label,
        "role": plan.role,
        "why_these_questions": why_these_questions(said or turns, plan),
        "questions_asked": sum(1 for t in turns if t.kind == "question"),
        # the follow-ups are counted from the rows (`follow_up_counts`): one asked as the interview
        # ended has no answer among `turns`, yet the report lists it
        "answers": len(answered),
        "unmeasured_answers": unmeasured,
        "score_overall": overall,
        "patterns": found,
        "stories_asked": len(stories),
        "stories_measured": stories_measured,
        "pattern": repeated["sentence"] if repeated else None,
        "planned_s": planned_s,
        "used_s": used_s,
        "answers_s": round(answer_s, 1),
        "time": time_sentence,
        "job_terms": terms,
        "job_term_lines": job_term_lines(terms),  # as Practice says them, across the answers
        "change": change_since(overall, found, previous, stories_measured, format_key=plan.format.key),
        "previous_session_id": previous["id"] if previous else None,
    }


def _last_one(previous: dict, format_key: str | None) -> str:
    """'a behavioural round, earlier today': the last mock interview's format when it differs from
    this one's (a role round's score beside a behavioural round's is not like for like), and its day."""
    day = local_day(previous["created_at"]) if previous.get("created_at") else None
    when = long_date(day) if day else "date unknown"
    if day == today().isoformat():
        when = "earlier today"
    shape = FORMATS.get(previous.get("format") or "")
    if format_key and shape is not None and shape.key != format_key:
        return f"{shape.round_words}, {when}"
    return when


def change_since(
    overall: float | None,
    found: list[dict],
    previous: dict | None,
    stories_measured: int = 0,
    *,
    format_key: str | None = None,
) -> str | None:
    """One sentence on what moved since the last mock interview (`previous`, the last that measured
    an answer), or None for the first, or when this one measured nothing. The gaps are compared
    only when both measured enough stories for a gap to repeat (`STORIES_FOR_A_PATTERN`): "1 of 1 →
    none" of a session with none measured read as a gap closed. `format_key`: this interview's
    format, to name the last one's when it differs."""
    if previous is None or (overall is None and not stories_measured):
        return None
    when = _last_one(previous, format_key)
    before = previous.get("score_overall")
    parts = []
    if before is not None and overall is not None:
        # whole, as the report's headline and Progress give a score (78 → 82, not 78.5 → 81.5), and
        # the trend read from the same whole numbers, so "80 → 80" is never called "down"
        was, now_ = round(before), round(overall)
        trend = "up" if now_ > was else "down" if now_ < was else "about the same"
        parts.append(f"overall score {was} → {now_} ({trend})")
    earlier_summary = previous.get("summary") or {}
    earlier = {p["gap"]: p for p in (earlier_summary.get("patterns") or [])}
    now = {p["gap"]: p for p in found}
    # a report stored before it counted its stories: its patterns say how many they were counted of
    told_before = earlier_summary.get("stories_measured", max((p["of"] for p in earlier.values()), default=0))
    enough = min(stories_measured or 0, told_before or 0) >= STORIES_FOR_A_PATTERN
    # only when each told enough stories for a gap to repeat: after "Only one answer told a story:
    # too few to tell whether a gap repeats" it read "answers with no result 1 of 1 → 1 of 1"
    for gap in SHORT if enough else ():
        if gap in earlier or gap in now:
            was = f"{earlier[gap]['count']} of {earlier[gap]['of']}" if gap in earlier else "none"
            is_ = f"{now[gap]['count']} of {now[gap]['of']}" if gap in now else "none"
            parts.append(f"{SHORT[gap]} {was} → {is_}")
    if not parts:
        return f"Your last mock interview ({when}) had no measured answers to compare with."
    return f"Since your last mock interview ({when}): " + "; ".join(parts) + "."


def length_sentence(turn) -> str | None:
    """A main answer's length when it ran short or long for its question, in Practice's words: an
    18 s story scored 84 in the report with no word that it was short. None for a measured answer
    within its range, or one that could not be measured (its warning says why)."""
    answer = turn.answer or {}
    if not follow_up.is_measured(answer):
        return None
    point = timed_length_point(answer.get("metrics") or {}, asks_for_story(turn.question))
    return point[1] if point else None


def not_measured_now(turns: Sequence, turn, *, from_folder: bool = False) -> str | None:
    """Said at once, as the interview moves on, when the answer just given to `turn` (one of the
    session's `turns`) could not be measured: a 1 s take on question 1 went straight to "Question 2
    of 6" and the user learned why only at the report. None for a measured answer. `from_folder`:
    the answers are recordings made before (`coach mock --answers`), not given now."""
    answer = turn.answer
    if answer is None or follow_up.is_measured(answer):
        return None
    number = sum(1 for t in turns[: turns.index(turn) + 1] if t.kind == "question")
    which = "the follow-up" if turn.kind == "follow_up" else f"question {number}"
    metrics = answer.get("metrics") or {}
    words, seconds = metrics.get("words"), metrics.get("duration_s")
    if words is not None and seconds is not None and (words < MIN_WORDS or seconds < MIN_SPEECH_S):
        took = "under a second" if seconds < 0.5 else f"{seconds:.0f} s"
        said = (
            f"Your answer to {which} was too short to measure ({count(words, 'word')} in {took}), so it "
            "is kept but left out of the report's scores"
        )
        # what to do only where there is a next answer to give now: not after the interview's last
        # turn, nor to recordings taken from a folder, which were all made before
        going_on = turns[-1].answer is None and not from_folder
        return said + ("; give the next answer in full, as in an interview." if going_on else ".")
    # the sound, or an answer about something else: its warning says why and what to do
    why = " ".join(answer.get("warnings") or [])
    return f"Your answer to {which} is kept but left out of the report's scores. {why}".rstrip()


def per_question(turns: Sequence) -> list[dict]:
    """Each main question asked with its answer's scores and length when it ran short or long,
    whether it was answered (skipped, or asked as the interview ended: it was left out, though
    spoken), and the follow-up it drew, why, its scores, and whether it was answered."""
    rows: list[dict] = []
    for turn in turns:
        if turn.kind == "question":
            rows.append(
                {
                    "question_id": turn.listed_id,
                    "among_your_questions": turn.among_your_questions,
                    "text": turn.text,
                    "scores": turn_scores(turn.answer),
                    "measured": follow_up.is_measured(turn.answer or {}),
                    "warnings": list((turn.answer or {}).get("warnings") or []),
                    "length": length_sentence(turn),
                    "follow_up": None,
                    "answered": turn.answer is not None,
                    "skipped": turn.skipped,  # asked, not answered: no scores
                }
            )
        elif rows:
            rows[-1]["follow_up"] = {
                "text": turn.text,
                "why": turn.why,
                "rule": turn.rule,
                "scores": turn_scores(turn.answer),
                "answered": turn.answer is not None,
                "skipped": turn.skipped,
                "warnings": list((turn.answer or {}).get("warnings") or []),  # why it has no scores
            }
    return rows


def follow_up_counts(rows: Sequence[dict]) -> dict:
    """How many follow-ups the report lists under its questions (`per_question`'s rows), and how
    many of them were not answered, so the count and the list agree: a follow-up asked as the
    interview ended is listed, said not answered, and counted with it."""
    asked = [row["follow_up"] for row in rows if row["follow_up"]]
    return {
        "follow_ups_asked": len(asked),
        # asked as the interview ended; one skipped is counted apart, as the report says it
        "follow_ups_not_answered": sum(1 for f in asked if not f["answered"] and not f.get("skipped")),
        "follow_ups_skipped": sum(1 for f in asked if f.get("skipped")),
    }
