"""What a page of a cohort's coach says while a recording waits in the queue (coach.queue): the
Practice page of an answer, the Review page of an interview, in the same words."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from coach.analysis.wording import count

# How much of a waiting interview's company and of its role the card shows, each cut at a word:
# a company and a role of 200 characters filled the card's label and the sentence under it.
NAME_SHOWN_CHARS = 60

# What someone waiting on a stopped or missing analyser can do about it.
TELL_THEM = "If this lasts more than a few minutes, tell the people who run this coach for you."


def failed_while_away(question: str | None, problem: str) -> str:
    """Said once on the Practice page to a person back after their answer to `question` (None: one
    no longer in the bank) could not be analysed while they were away: which answer, that it was not
    analysed, then the sentence the page says to one who waits on it (why, and what to do).
    `question` is shown as written."""
    from coach.queue import NOT_ANALYSED  # a cohort's only: a personal coach never imports the queue

    answer = f"your answer to “{question}”" if question else "your answer"
    # "… could not be analysed: this answer could not be analysed; …" said it twice
    problem = problem.removeprefix(NOT_ANALYSED)
    why = problem[0].lower() + problem[1:] if problem.startswith(("This ", "The ")) else problem
    return f"While you were away, {answer} could not be analysed: {why}"


# Said where a typed answer waited when its result was shown on another page of the coach (Practice
# open in two tabs): a typed answer is not saved, so its result goes once shown, and this page's card
# had nothing left to draw.
TYPED_SHOWN_ELSEWHERE = (
    "The feedback on what you typed was shown in another tab or window of the coach: a typed answer "
    "is not saved, so its feedback is shown once."
)
# and, on the page it was typed on, where the words are still in their box
TYPED_SHOWN_ELSEWHERE_AGAIN = " Press “Analyse what you typed” to see it here too."


def kept_while_away(thing: str = "answer", typed: bool = False) -> str:
    """Said after the database's sentence while it is away (`typed`: of an answer typed, not recorded)."""
    kept = "What you typed is kept" if typed else "Your recording is kept"
    return f"{kept}, and this page shows your {thing}'s place again once the database is back."


@dataclass(frozen=True)
class Waiting:
    """How a page names what waits: "answer" / "your answer", what working on it means, and what
    comes of it where."""

    thing: str  # "answer", "interview"
    working: str  # the label while a worker has it, "{yours}" the thing (named when it is)
    working_detail: str
    outcome: str  # what will be on the page when it is ready: "result", "review"
    also_where: str  # where else it will be: "on the Progress page" ("": nowhere, see `until`)
    ahead_of: str = ""  # what stands in the queue in front of it (default: `thing`)
    kept: str = "Your recording is saved."  # what is safe meanwhile
    until: str = ""  # how long it waits on the page, when it is nowhere else


# The queue ahead holds practice answers and interviews alike, so it is counted in recordings ("2
# answers ahead" counted an interview's review as an answer)
ANSWER = Waiting(
    "answer",
    "Analysing {yours} now",
    "Transcribing it, then fillers, pace and structure.",
    outcome="result",
    also_where="on the Progress page",
    ahead_of="recording",
)
# an answer typed in a cohort: no recording, nothing to transcribe, and not saved (as on a personal
# coach): its result waits with its job, gone once shown or an hour after (coach.queue)
TYPED = Waiting(
    "answer",
    "Analysing {yours} now",
    "Fillers, hedges, structure and talking points.",
    outcome="result",
    also_where="",
    ahead_of="recording",
    kept="What you typed is kept with it.",
    until="for an hour once it is ready (a typed answer is not saved)",
)
INTERVIEW = Waiting(
    "interview",
    "Reviewing {yours} now",
    "Transcribing it, telling the voices apart, then each answer; a long interview takes minutes.",
    outcome="review",
    also_where="in your interview log",
    ahead_of="recording",
)


def where_it_stands(state, said: Waiting = ANSWER, named: str = "") -> tuple[str, str]:
    """The label and the sentence under it for a `coach.queue.JobState` still waiting or worked on;
    `named` says which one it is ("Hooli — Platform engineer, 6 Dec 2026 · first round"), as shown."""
    your = f"your {said.thing}" + (f" with {named}" if named else "")
    yours = your[0].upper() + your[1:]
    if state.state == "working" and state.stalled and not state.workers:
        return (
            f"The analyser working on {your} stopped, and no other analyser is running",
            f"{yours} is kept and analysed as soon as an analyser starts again; nothing is lost. {TELL_THEM}",
        )
    if state.state == "working" and state.stalled:
        return (
            f"The analyser working on {your} stopped",
            f"{yours} goes back in the queue and another analyser takes it up; nothing is lost. {TELL_THEM}",
        )
    if state.state == "working":
        return said.working.format(yours=your), said.working_detail
    if not state.workers:
        return (
            "No analyser is running at the moment",
            f"{yours} is analysed as soon as one starts. {TELL_THEM}",
        )
    soon = "It is analysed as soon as a place is free."
    if state.ahead:
        return (
            f"{yours} is in the queue: {count(state.ahead, said.ahead_of or said.thing)} ahead of yours",
            soon,
        )
    return f"{yours} is next in the queue", soon


def show_where_it_stands(state, said: Waiting = ANSWER, named: str = "") -> None:
    """The card a page redraws while its recording waits: where it stands (which one, `named` as
    shown), and that the person can leave (the Practice and Review pages' waiting fragments both
    draw it)."""
    label, detail = where_it_stands(state, said, named)
    with st.container(border=True):
        st.markdown(f"**{label}**")
        st.write(detail)
        back = f"and {said.also_where}, when it is ready" if said.also_where else said.until
        st.caption(
            f"{said.kept} You can leave this page: the {said.outcome} will be here when you "
            f"come back, {back}."
        )
