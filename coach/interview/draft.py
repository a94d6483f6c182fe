"""The debrief draft a review writes: measured facts, one a line, for the user's own view to join.

Every line comes from one of the sentence templates below, so a line of the draft can be told
from a line the user wrote (`is_measured`). When an interview is reviewed again with other
speakers (Review page, "Who is who"), `refreshed` puts the new review's lines in place of the old
review's and keeps every line the user wrote, in the fields the draft fills; the fields it leaves
blank (skill gaps, interest, whether to go on, time, notes) are the user's alone and never change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence

from coach.analysis.feedback import length_verdict, pace_flagged_past, pace_verdict, result_verdict
from coach.analysis.wording import clock, count, counted_apart, times
from coach.config import Settings
from coach.debrief import REVIEW_DRAFT_NOTE_LINE
from coach.interview.metrics import over_recordings

# Facts for the draft: a start slower than this is a long wait. (An answer is long where its own
# feedback says so: analysis.feedback.length_verdict.)
SLOW_START_S = 5.0
# How much of a conversational interview the candidate usually speaks, in percent (interview
# coaching's rule of thumb: about 60-70%, the interviewer's questions and remarks the rest). A share
# is a fact, not praise: within TALK_SHARE_SLACK of it, it went well; further out, it could be better,
# with the usual share beside it.
TALK_SHARE_USUAL = (60, 70)
TALK_SHARE_SLACK = 5
# The fields the draft writes measured lines into.
MEASURED_FIELDS = ("went_well", "could_be_better")

TALK_SHARE = "You spoke {share}% of the time over {questions}."
TALK_SHARE_OUTSIDE = (
    "You spoke {share}% of the time over {questions}; about {low}–{high}% is usual for the candidate."
)
PACE = "Answers at a conversational pace ({low}–{high} wpm): {in_band} of {answers} measured."
FAST = "Answers faster than a conversational pace (over {high} wpm): {fast} of {answers} measured."
SLOW = "Answers slower than a conversational pace (under {low} wpm): {slow} of {answers} measured."
UNMEASURED = "{answers} not measured (too short, or the sound unusable), left out of the counts above."
# none measured: the lines above it, if any, count the conversation (the questions you asked, cutting
# in), the answer part of it; "left out of the counts above" said it was left out of them
NONE_MEASURED = "{answers} not measured (too short, or the sound unusable)."
RESULTS = "{results} a result."
OWN_QUESTIONS = "You asked {questions} of your own."
LONG_ANSWER = 'The answer to "{question}" ran {length}.'
FILLERS = "{fillers} in {words} words ({rate} per 100; about {typical} is ordinary in conversation)."
SLOW_STARTS = "{slow} started more than {limit} s after the question."
INTERRUPTIONS = "You started talking before the interviewer finished {times}."
NO_INTERRUPTIONS = "You did not start talking before the interviewer finished."
NO_RESULT = "{answers} to questions you can practise here did not say how things turned out (the result)."
TEMPLATES = (
    TALK_SHARE,
    TALK_SHARE_OUTSIDE,
    PACE,
    FAST,
    SLOW,
    UNMEASURED,
    NONE_MEASURED,
    RESULTS,
    OWN_QUESTIONS,
    LONG_ANSWER,
    FILLERS,
    SLOW_STARTS,
    INTERRUPTIONS,
    NO_RESULT,
)
# Earlier wordings of the same lines: a debrief saved before still has them, and they are the
# review's lines, not the user's, when the review is done again.
EARLIER_TEMPLATES = (
    "{in_band} of {answers} answers were at a conversational pace ({low}–{high} wpm).",
    "Answers at a conversational pace ({low}–{high} wpm): {in_band} of {answers}.",
    "{answers} to bank questions did not state a result.",
    "{answers} not measured (too short, or the sound unusable), left out of these counts.",
)


# What each field of a template can hold, so only the review's own lines match, not a line of the
# user's that happens to share its words ("I started more than 5 s after the question"). A count
# and its noun are one field ("1 answer", "3 answers"); lines stored before the plurals were right
# ("1 answers", "2 time(s)") still match, as do counts from before thousands were separated ("1200").
COUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
FIELDS = {
    "share": r"\d+",
    "questions": rf"{COUNT} questions?",
    "in_band": COUNT,
    "fast": COUNT,
    "answers": rf"{COUNT}(?: answers?)?",
    "low": r"\d+",
    "high": r"\d+",
    "results": rf"{COUNT} answers? stated",
    "question": r".+",
    "length": r"[\d:]+",
    # "5 fillers", "2 fillers and 3 repeated words", "1 filler, 2 repeated words and 1 broken-off word"
    "fillers": rf"{COUNT} (?:fillers?|repeated words?|broken-off words?)"
    rf"(?:(?:, | and ){COUNT} (?:repeated words?|broken-off words?))*",
    "words": COUNT,
    "rate": r"[\d.]+",
    "typical": r"[\d.]+",
    "slow": rf"{COUNT}(?: answers?)?",
    "limit": r"[\d.]+",
    "times": rf"{COUNT}(?: times?| time\(s\))?",
}


def _pattern(template: str) -> re.Pattern:
    """A template as a regular expression: its words as written, each {field} what it can hold."""
    out, last = "^", 0
    for field in re.finditer(r"\{(\w+)\}", template):
        out += re.escape(template[last : field.start()]) + f"(?:{FIELDS[field.group(1)]})"
        last = field.end()
    return re.compile(out + re.escape(template[last:]) + "$")


_MEASURED = tuple(_pattern(t) for t in TEMPLATES + EARLIER_TEMPLATES)


def is_measured(line: str) -> bool:
    """Whether a line of a debrief is one the review wrote (in one of its sentence forms)."""
    return any(p.match(line.strip()) for p in _MEASURED)


def debrief_draft(answers: Sequence[dict], facts: dict, settings: Settings) -> dict:
    """Measured facts to start the debrief from; the user's own judgement goes next to them."""
    t = settings.thresholds
    well, better = [], []
    unmeasured = sum(1 for a in answers if a["analysis"].get("scores") is None)
    answers = [a for a in answers if a["analysis"].get("scores") is not None]  # the gate passed
    share = facts.get("candidate_talk_share")
    if share is not None and answers:
        percent, (low, high) = round(100 * share), TALK_SHARE_USUAL
        questions = count(facts["questions"], "question")
        if low - TALK_SHARE_SLACK <= percent <= high + TALK_SHARE_SLACK:
            well.append(TALK_SHARE.format(share=percent, questions=questions))
        else:
            better.append(TALK_SHARE_OUTSIDE.format(share=percent, questions=questions, low=low, high=high))
    in_band = [
        a
        for a in answers
        if a["analysis"]["metrics"].get("wpm")
        and t.pace_low_wpm <= a["analysis"]["metrics"]["wpm"] <= t.pace_high_wpm
    ]
    if in_band:
        well.append(
            PACE.format(
                in_band=len(in_band),
                answers=len(answers),
                low=f"{t.pace_low_wpm:.0f}",
                high=f"{t.pace_high_wpm:.0f}",
            )
        )
    # a result is a story's part: an answer to a question that asks for none ("What is your biggest
    # weakness?", its structure "does not apply") neither stated one nor left one out
    stories = [a for a in answers if _tells_a_story(a["analysis"])]
    with_result = [
        a for a in stories if a["analysis"]["metrics"].get("star", {}).get("result", {}).get("words")
    ]
    if with_result:
        stated = "answer stated" if len(with_result) == 1 else "answers stated"
        well.append(RESULTS.format(results=f"{len(with_result)} {stated}"))
    # Who asked what, who waited and who cut in are known only when two voices were told apart and
    # an interviewer's question was heard: a one-voice recording "asked 0 questions of your own".
    conversation = facts.get("candidate_talk_share") is not None and facts.get("questions")
    asked = facts.get("candidate_questions") or []
    if conversation:
        (well if asked else better).append(OWN_QUESTIONS.format(questions=count(len(asked), "question")))
    for a in answers:
        # long for its question where its own feedback says so ("The answer ran 150 s, past the
        # 120 s …"): the draft named any answer past 180 s, one within its question's length too.
        # The answer's own length: the interviewer's remarks inside it are not part of it.
        metrics = a["analysis"]["metrics"]
        if length_verdict(metrics) == "long":
            better.append(
                LONG_ANSWER.format(question=_short(a["question"]), length=clock(metrics["duration_s"]))
            )
    fillers = sum(len(a["analysis"]["fillers"]) for a in answers)
    # named as each answer's feedback names them: "2 fillers and 3 repeated words", where the draft
    # said "5 fillers" of two "um"s and three words said twice
    counted = sum((Counter(a["analysis"]["metrics"].get("filler_counts") or {}) for a in answers), Counter())
    words = sum(a["analysis"]["metrics"].get("words") or 0 for a in answers)
    if words and 100 * fillers / words > t.fillers_per_100_words_typical:
        better.append(
            FILLERS.format(
                fillers=counted_apart(counted)
                if sum(counted.values()) == fillers
                else count(fillers, "filler"),
                words=times(words),
                rate=f"{100 * fillers / words:.1f}",
                typical=f"{t.fillers_per_100_words_typical:g}",
            )
        )
    # flagged as each answer's own feedback flags it: only well outside the band
    pace = [pace_verdict(a["analysis"]["metrics"], t) for a in answers]
    slower_than, faster_than = pace_flagged_past(t)
    if fast := pace.count("fast"):
        better.append(FAST.format(fast=fast, answers=len(answers), high=f"{faster_than:.0f}"))
    if slowly := pace.count("slow"):
        better.append(SLOW.format(slow=slowly, answers=len(answers), low=f"{slower_than:.0f}"))
    slow = [x for x in facts["response_time_s"]["each"] if x > SLOW_START_S] if conversation else []
    if slow:
        better.append(SLOW_STARTS.format(slow=count(len(slow), "answer"), limit=f"{SLOW_START_S:g}"))
    if conversation and facts["interruptions"]["by_candidate"]:
        better.append(interruptions_said(facts))
    # missing where the answer's own feedback says so: a result told in passing is not missing
    no_result = [
        a
        for a in stories
        if a["bank_id"]
        and result_verdict(a["analysis"]["metrics"], len(a["analysis"].get("sentences") or ())) == "missing"
    ]
    if no_result:
        better.append(NO_RESULT.format(answers=count(len(no_result), "answer")))
    # the counts above leave them out: "1 of 2" beside three answers said why not. Last, under what
    # could be better: under what went well, an answer not measured read as something that went well
    if unmeasured and (well or better):
        said = UNMEASURED if answers else NONE_MEASURED
        better.append(said.format(answers=count(unmeasured, "answer")))
    return {
        "went_well": "\n".join(well),
        "could_be_better": "\n".join(better),
        "skill_gaps": "",
        "notes": REVIEW_DRAFT_NOTE_LINE,
    }


def interruptions_said(facts: dict) -> str:
    """How often the candidate cut in on the interviewer, as the draft and `coach review` say it:
    the terminal counted both voices' cut-ins ("2 interruptions") beside a draft counting the
    candidate's alone ("… 1 time"), the only count the Review page shows. The interviewer cutting in
    stays in `coach review --json`."""
    cut_in = facts["interruptions"]["by_candidate"]
    return INTERRUPTIONS.format(times=count(cut_in, "time")) if cut_in else NO_INTERRUPTIONS


def _tells_a_story(analysis: dict) -> bool:
    """Whether the answer was coached as a story: its structure scored, not "does not apply"
    (`coach.banks.asks_for_story`, recorded by the analysis as the structure score's `applies`)."""
    return ((analysis.get("scores") or {}).get("structure") or {}).get("applies", True) is not False


def interview_draft(interview: dict, practisable: Collection[str], settings: Settings) -> dict:
    """The draft of a whole interview: the answers every reviewed recording of it stored, and their
    conversation facts together, so a second recording (the call's second half, another round kept
    under it) adds to the measured lines instead of putting its own in their place. `interview` as
    `store.get_interview` gives it; `practisable`: the ids of the questions one can practise here
    (an answer's stored question id is the bank's when the review matched one, else the id its
    question was kept under as asked)."""
    recordings = interview.get("recordings") or []
    answers = [
        _stored_answer(turn, practisable)
        for recording in recordings
        for turn in recording.get("turns") or []
        if turn.get("analysis")
    ]
    facts = over_recordings([recording.get("conversation") for recording in recordings])
    return debrief_draft(answers, facts, settings)


def _stored_answer(turn: dict, practisable: Collection[str]) -> dict:
    """A stored turn in the shape of a review's answer, as far as the draft reads it."""
    question_id = turn.get("question_id")
    return {
        "question": turn.get("question_text") or "",
        "bank_id": question_id if question_id in practisable else None,
        "analysis": turn["analysis"],
    }


def refreshed_text(current: str, measured: str) -> str:
    """One field after a review done again: the new review's measured lines, then every line of
    `current` the user wrote (the old review's measured lines are dropped)."""
    own = [line for line in (current or "").splitlines() if line.strip() and not is_measured(line)]
    return "\n".join([*(measured or "").splitlines(), *own])


def refreshed(debrief: dict, draft: dict) -> dict:
    """The measured fields of a stored debrief with the new review's lines in place of the old
    review's, the user's own lines kept: the values to store (other fields are not touched)."""
    return {field: refreshed_text(debrief.get(field) or "", draft[field]) for field in MEASURED_FIELDS}


def _short(text: str | None, n: int = 60) -> str:
    text = text or "(no question)"
    return text if len(text) <= n else text[: n - 1] + "…"
