"""A mock interview answered from a folder of recordings (`coach mock --answers`): how many it
takes, and what is said when the folder has too few.

Each question takes one recording and so does each follow-up, and the interviewer follows up an
answer at most once (coach.mock.follow_up), so a mock interview of n questions takes n to 2n
recordings: which, only the answers decide. A folder with fewer than n cannot finish and is refused
before a question is spoken; one with fewer than 2n may run out, and is told so before it starts.

A file named `skip`, or ending in `-skip`, with no extension or `.txt` (`03-skip`, `03-skip.txt`),
takes a turn's place in the name order and skips that turn, as the page's "Skip this question"
("Skip this follow-up") and Enter at the microphone do: asked, not answered, never scored. A skip
counts as the turn's recording (a skipped question draws no follow-up).
"""

from __future__ import annotations

import re
from pathlib import Path

from coach.analysis.wording import count

WHY = "one for each question and one for each follow-up the interviewer asks"

# `skip`, `03-skip`, `03_skip`, `03 skip` (any case, then nothing or `.txt`): "skip" after a mark,
# not the end of a word ("03-nonskip")
SKIP_NAME = re.compile(r"(?:^|.*[^a-z])skip(?:\.txt)?", re.IGNORECASE)


def skips(path: Path) -> bool:
    """Whether this file of the folder skips its turn (see the module's docstring)."""
    return SKIP_NAME.fullmatch(path.name) is not None


def turns_in(folder: Path) -> list[Path]:
    """The folder's files that answer or skip a turn, in name order: its audio files and its skips
    (other files, such as the transcripts beside the recordings, are passed over)."""
    from coach.audio import SUPPORTED_SUFFIXES

    return sorted(
        p for p in folder.iterdir() if p.is_file() and (p.suffix.lower() in SUPPORTED_SUFFIXES or skips(p))
    )


def _has(have: int, skipped: int) -> str:
    """ "3 recordings", or "2 recordings and 1 skip" when some of the folder's turns are skips."""
    if not skipped:
        return count(have, "recording")
    return f"{count(have - skipped, 'recording')} and {count(skipped, 'skip')}"


def recordings_needed(questions: int) -> tuple[int, int]:
    """The fewest and the most recordings a mock interview of `questions` questions takes."""
    return questions, 2 * questions


def too_few(folder: str, have: int, questions: int, skipped: int = 0) -> str | None:
    """Why the folder cannot answer this mock interview, before it starts; None when it may.
    `have`: its recordings and skips; `skipped`: how many of them are skips."""
    least, most = recordings_needed(questions)
    if have >= least:
        return None
    return (
        f"{folder} has {_has(have, skipped)}, and a mock interview of {count(questions, 'question')} "
        f"takes {least} to {most} ({WHY}); add recordings or ask fewer questions."
    )


def may_run_short(folder: str, have: int, questions: int, skipped: int = 0) -> str | None:
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
        f"{folder} has {_has(have, skipped) if skipped else have}, so it ends early {when}."
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
