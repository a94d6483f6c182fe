"""Whether the interviewer follows up an answer, and with what: the rules, in one place.

A real interviewer probes what a story left out. The rules read the answer's analysis (the
`coach analyze` JSON: its STAR parts, 'I' against 'we' in the actions, the numbers found) and
go in order, the first that applies wins:

1. no sentence states a result     → "What was the outcome? How did you measure it?"
2. the actions are told only as "we" → "What was your own part?"
3. no number anywhere              → a question asking for one
4. otherwise the bank's own follow-up for the question, or none.

Rules 1–3 are for stories (a question whose format is STAR, coach.banks.asks_for_story); a free
answer ("Why this company?") gets only the bank's follow-up. An answer that could not be measured
gets no follow-up: the coach does not probe what it did not hear. No language model is involved.
The answer to a follow-up is coached as a story or not by its own words, else as the question it
follows (coach.banks.follow_up_format): "What was the outcome?" is part of a story, "What would you
do differently next time?" is not one.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.analysis.wording import count
from coach.banks import STORY_FORMAT, asks_for_story, follow_up_format

OUTCOME = "What was the outcome? How did you measure it?"
OWN_PART = "What was your own part?"
NUMBER = "Can you put a number on that? How much changed, for how many people, or how fast?"
# A follow-up answer is short: the analysis judges its length against this.
FOLLOW_UP_TARGET_S = 45


@dataclass(frozen=True)
class FollowUp:
    """A follow-up question, the rule that chose it, and why, in plain words for the report."""

    text: str
    rule: str  # no_result | we_only | no_number | bank
    why: str


@dataclass(frozen=True)
class FollowUpQuestion:
    """A follow-up as the practice orchestrator sees a question: no bank id, no talking points; a
    story or not as `ask` decides (coach.banks.follow_up_format). `follows` and `follows_points`:
    the question it follows and that question's talking points, what a reply is about when it is
    on topic (the off-topic check, coach.analysis.answer)."""

    text: str
    format: str = STORY_FORMAT
    id: str | None = None
    target_s: int = FOLLOW_UP_TARGET_S
    talking_points: tuple[str, ...] = ()
    follows: str = ""
    follows_points: tuple[str, ...] = ()

    @classmethod
    def ask(cls, text: str, followed) -> FollowUpQuestion:
        """The follow-up `text` to the question `followed`: its own words say whether its answer is
        a story, else it asks more about `followed`'s answer and is one as that answer is."""
        return cls(
            text,
            follow_up_format(text, followed),
            follows=getattr(followed, "text", "") or "",
            follows_points=tuple(getattr(followed, "talking_points", ()) or ()),
        )


def is_measured(analysis: dict) -> bool:
    return analysis.get("scores") is not None and bool((analysis.get("metrics") or {}).get("star"))


def no_result(analysis: dict) -> bool:
    return analysis["metrics"]["star"]["result"]["words"] == 0


def we_only(analysis: dict) -> bool:
    ivw = analysis["metrics"].get("i_vs_we") or {}
    return ivw.get("we", 0) >= 1 and ivw.get("i", 0) == 0


def no_number(analysis: dict) -> bool:
    return not analysis["metrics"].get("quantified_results")


def decide(analysis: dict, question) -> FollowUp | None:
    """The follow-up for this answer to `question` (a bank Question), or None."""
    if not is_measured(analysis):
        return None
    if asks_for_story(question):
        if no_result(analysis):
            return FollowUp(
                OUTCOME, "no_result", "No sentence said how it turned out, so the interviewer asked."
            )
        if we_only(analysis):
            we = analysis["metrics"]["i_vs_we"]["we"]
            return FollowUp(
                OWN_PART,
                "we_only",
                f"The actions were told as 'we' ({count(we, 'time')}), never 'I': your own part was unclear.",
            )
        if no_number(analysis):
            return FollowUp(
                NUMBER, "no_number", "The answer had no number in it: no measure of how much changed."
            )
    bank = tuple(getattr(question, "follow_ups", ()) or ())
    if bank:
        return FollowUp(
            bank[0],
            "bank",
            "The answer had a result, your own part and a number, so the interviewer asked "
            "this question's usual follow-up."
            if asks_for_story(question)
            else "The usual follow-up to this question.",
        )
    return None
