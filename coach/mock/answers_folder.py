"""A mock interview answered from a folder of recordings (`coach mock --answers`): how many it
takes, and what is said when the folder has too few.

Each question takes one recording and so does each follow-up, and the interviewer follows up an
answer at most once (coach.mock.follow_up), so a mock interview of n questions takes n to 2n
recordings: which, only the answers decide. A folder with fewer than n cannot finish and is refused
before a question is spoken; one with fewer than 2n may run out, and is told so before it starts.
"""

from __future__ import annotations

from coach.analysis.wording import count

WHY = "one for each question and one for each follow-up the interviewer asks"


def recordings_needed(questions: int) -> tuple[int, int]:
    """The fewest and the most recordings a mock interview of `questions` questions takes."""
    return questions, 2 * questions


def too_few(folder: str, have: int, questions: int) -> str | None:
    """Why the folder cannot answer this mock interview, before it starts; None when it may."""
    least, most = recordings_needed(questions)
    if have >= least:
        return None
    return (
        f"{folder} has {count(have, 'recording')}, and a mock interview of {count(questions, 'question')} "
        f"takes {least} to {most} ({WHY}); add recordings or ask fewer questions."
    )


def may_run_short(folder: str, have: int, questions: int) -> str | None:
    """A warning before the interview starts when the folder may run out; None when it cannot."""
    least, most = recordings_needed(questions)
    if not least <= have < most:
        return None
    spare = have - least
    when = (
        "if the interviewer follows up any answer"
        if spare == 0
        else f"if the interviewer follows up more than {count(spare, 'answer')}"
    )
    return (
        f"A mock interview of {count(questions, 'question')} takes {least} to {most} recordings ({WHY}); "
        f"{folder} has {have}, so it ends early {when}."
    )


def ran_out(folder: str, session) -> str:
    """What happened when the folder had no recording left for the turn waiting (a MockSession's
    `current`): which turn, and what is kept of those done."""
    turn = session.current
    asked = session.turns[: session.turns.index(turn) + 1] if turn is not None else session.turns
    number = sum(1 for t in asked if t.kind == "question")
    follows_up = turn is not None and turn.kind == "follow_up"
    waiting = f"the follow-up to question {number}" if follows_up else f"question {number}"
    answered = sum(1 for t in session.turns if t.answer is not None)
    kept = (
        f"the {count(answered, 'answer')} given {'is' if answered == 1 else 'are'} kept, with the report"
        if answered
        else "nothing was kept"
    )
    questions = len(session.plan.questions)
    return (
        f"{folder} had no recording left for {waiting}, so the mock interview ended there and {kept}; "
        f"a mock interview of {count(questions, 'question')} takes up to {recordings_needed(questions)[1]} "
        f"recordings ({WHY})."
    )
