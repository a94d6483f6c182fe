"""How a reviewed conversation went, in a few sentences: each voice's share of the talk beside the
share usual for a candidate, how soon answers started, the questions the candidate asked, and how
often they cut in. `coach review` prints them after the answers and the Review page shows them
before; both take them from here, so the two cannot disagree.

Said only when the conversation was measured: two voices told apart and an interviewer's question
heard. A recording heard as one voice has no share of a conversation (its "100%" is no measure),
and with no question heard there is no answer to time nor a question of one's own to count.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.analysis.wording import clock, count, whole_percents
from coach.interview.draft import TALK_SHARE_USUAL, interruptions_said
from coach.interview.turns import CANDIDATE


@dataclass(frozen=True)
class HowItWent:
    percent: dict[str, int]  # each voice's share of the talk, by role label ("candidate", "interviewer 2")
    talk: str  # "You spoke 58% of the time (1:35), the interviewer 42% (1:09); about 60–70% is usual …"
    exchanges: str  # "You usually began answering 1.2 s after a question; you asked 2 questions of your own."
    interruptions: str  # "You started talking before the interviewer finished 1 time."

    @property
    def lines(self) -> tuple[str, ...]:
        return (self.talk, self.exchanges, self.interruptions)


def how_it_went(metrics: dict | None) -> HowItWent | None:
    """The conversation's facts (`coach review --json`'s metrics, as stored with each reviewed
    recording) said as sentences; None when they were not measured (see the module's note), or
    were kept by a review from before they were."""
    if not metrics or metrics.get("candidate_talk_share") is None or not metrics.get("questions"):
        return None
    talk_s, share = metrics["talk_s"], metrics["talk_share"]
    # yours as the debrief draft says it; the others' share what is left to 100 (each rounded
    # alone, a panel's three voices could read 33% + 33% + 33%)
    percent = {CANDIDATE: round(100 * metrics["candidate_talk_share"])}
    others = {label: share[label] for label in sorted(share) if label != CANDIDATE}
    percent |= whole_percents(others, whole=100 - percent[CANDIDATE])
    talked = {label: f"({clock(talk_s.get(label, 0.0))})" for label in percent}  # "(1:35)"
    you = f"You spoke {percent[CANDIDATE]}% of the time {talked[CANDIDATE]}"
    # the others as the review named them, "the interviewer 42% (1:09)"
    others = [f"{_who(label)} {percent[label]}% {talked[label]}" for label in percent if label != CANDIDATE]
    low, high = TALK_SHARE_USUAL  # said beside the share, as the debrief draft says it
    talk = ", ".join([you, *others]) + f"; about {low}–{high}% is usual for the candidate."
    median = metrics["response_time_s"]["median"]
    # the median in words (it read "Response time median 1.6 s", a report's heading, not a sentence)
    response = (
        "No answer followed a question directly"
        if median is None
        else f"You usually began answering {median:.1f} s after a question"  # "0.46 s" read as a machine's
    )
    asked = count(len(metrics["candidate_questions"]), "question")
    return HowItWent(
        percent=percent,
        talk=talk,
        exchanges=f"{response}; you asked {asked} of your own.",  # as the debrief draft says it
        interruptions=interruptions_said(metrics),
    )


def _who(label: str) -> str:
    """Another voice as a person says it: "the interviewer", "interviewer 2"."""
    return "the interviewer" if label == "interviewer" else label
