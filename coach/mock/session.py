"""A mock interview, end to end: speak each question, take the answer, follow up, report, store.

The Mock interview page and `coach mock` both drive a `MockSession`, so the app and the
terminal ask the same questions and follow up the same way. Each answer goes through the
practice orchestrator (`coach.practice.practice_answer`): kept first, transcribed, analysed and
stored as a practice attempt, exactly as an answer on the Practice page. While an answer is
analysed, a background thread speaks the next question (and the current question's usual
follow-up), so the interviewer is ready when the analysis ends.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coach import local_time
from coach.config import Settings
from coach.errors import InputError, StorageError, server_fault
from coach.files import private_folder
from coach.mock import follow_up, report
from coach.mock.follow_up import FollowUpQuestion
from coach.mock.plan import Plan
from coach.mock.voice import Speech, get_voice, write_speech

StageProgress = Callable[[str, float], None]
MOCK_FOLDER = "mock"  # under the data directory: one folder of spoken questions per session
_SPEECH_CACHE_SIZE = 64
_speech_cache: dict[tuple[str, str], Speech] = {}
_speech_lock = threading.Lock()


@dataclass
class Turn:
    """One thing the interviewer said (a question or a follow-up) and the answer to it."""

    kind: str  # question | follow_up
    text: str
    question: object  # the bank Question, or a FollowUpQuestion
    question_id: str | None  # the bank question (for a follow-up: the question it follows)
    audio: Path
    speech_s: float
    why: str | None = None
    rule: str | None = None
    answer: dict | None = None
    attempt_id: int | None = None
    skipped: bool = False  # moved on without an answer ("Skip this question"): asked, not answered

    @property
    def among_your_questions(self) -> bool:
        """Whether the question is one of the banks' or yours, which a command can look up by its
        id: not one an earlier stage asked that is none of them, kept only once answered
        (banks.as_asked), which a skip or the interview's end left unkept."""
        from coach import banks

        return not banks.not_kept_yet(self.question)

    @property
    def listed_id(self) -> str | None:
        """The question's id as the JSON and the stored interview give it: None for one not among
        your questions (named by its words alone, as a question heard in an interview is)."""
        return self.question_id if self.among_your_questions else None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "question_id": self.listed_id,
            "among_your_questions": self.among_your_questions,
            "text": self.text,
            "audio": str(self.audio),
            "why": self.why,
            "rule": self.rule,
            "attempt_id": self.attempt_id,
            "answer": self.answer,
            "skipped": self.skipped,
        }


def speak(voice, text: str) -> Speech:
    """The voice saying `text`, from the cache when it said it before in this process."""
    key = (voice.name, text)
    with _speech_lock:
        if key in _speech_cache:
            return _speech_cache[key]
    speech = voice.speak(text)
    with _speech_lock:
        if len(_speech_cache) >= _SPEECH_CACHE_SIZE:
            _speech_cache.pop(next(iter(_speech_cache)))
        _speech_cache[key] = speech
    return speech


class MockSession:
    """The interview as it goes: `current` is the turn waiting for an answer, None at the end."""

    def __init__(self, settings: Settings, plan: Plan, *, voice=None):
        if not plan.questions:
            raise InputError("A mock interview needs at least one question; choose another format or role.")
        self.settings = settings
        self.plan = plan
        self.voice = voice or get_voice()
        # named on the person's clock, as their recordings are (coach.audio.save_recording): in a
        # cohort the server's zone would date a Tokyo student's 08:00 interview yesterday
        started = f"{datetime.now(local_time.zone()):%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
        self.folder = settings.owners_folder(MOCK_FOLDER) / started
        self.turns: list[Turn] = []
        self.summary: dict | None = None
        self.session_id: int | None = None
        self._pending = list(plan.questions)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mock-voice")
        self._speaking: dict[str, Future] = {}
        try:  # the folder for the spoken questions, and the first of them
            private_folder(self.folder)
            self._ask_next_question()
        except OSError as e:
            self._pool.shutdown(wait=False, cancel_futures=True)
            raise StorageError(
                f"Could not write the interviewer's questions in {self.folder} ({e.strerror}); free some "
                "disk space or choose a writable data directory.",
                on_server=server_fault("start the mock interview", e),
            ) from e
        # while the first answer is given: the next question and the rule-based follow-ups
        for text in [q.text for q in self._pending[:1]] + [
            follow_up.OUTCOME,
            follow_up.OWN_PART,
            follow_up.NUMBER,
        ]:
            self._prepare(text)

    # ------------------------------------------------------------ speaking
    def _prepare(self, text: str) -> None:
        if text not in self._speaking:
            self._speaking[text] = self._pool.submit(speak, self.voice, text)

    def _say(self, kind: str, question, question_id: str | None, why=None, rule=None) -> Turn:
        text = question.text
        waiting = self._speaking.pop(text, None)
        speech = waiting.result() if waiting is not None else speak(self.voice, text)
        audio = write_speech(speech, self.folder / f"{len(self.turns) + 1:02d}-{kind.replace('_', '-')}.wav")
        turn = Turn(kind, text, question, question_id, audio, round(speech.seconds, 2), why, rule)
        self.turns.append(turn)
        return turn

    def _ask_next_question(self) -> Turn | None:
        if not self._pending:
            return None
        question = self._pending.pop(0)
        return self._say("question", question, question.id)

    # ------------------------------------------------------------ listening
    @property
    def current(self) -> Turn | None:
        last = self.turns[-1] if self.turns else None
        if self.summary is not None or last is None or last.answer is not None or last.skipped:
            return None
        return self.turns[-1]

    @property
    def finished(self) -> bool:
        return self.current is None

    def where(self) -> str:
        """'question 2 of 6', 'the follow-up to question 2 of 6': the turn waiting for an answer,
        as the page says where an interview under way is."""
        asked = sum(1 for t in self.turns if t.kind == "question")
        at = f"question {asked} of {len(self.plan.questions)}"
        turn = self.current
        return f"the follow-up to {at}" if turn is not None and turn.kind == "follow_up" else at

    def answer(
        self,
        source: bytes | Path,
        *,
        original_name: str = "",
        progress: StageProgress | None = None,
        settings: Settings | None = None,
    ) -> Turn:
        """Analyse the answer to the current turn, then ask the follow-up or the next question.

        A file that is not audio raises (the turn stays open for another take); an answer the
        quality gate could not measure is kept, gets no follow-up, and the interview moves on.
        `settings`: as read now (the page reads them each run), by default those the interview
        started with: a cohort's staff may change the upload limits, the model or the thresholds
        during an interview, and their change holds for everyone's next answer, this one's too."""
        from coach.practice import StoppedWithTakeKept, practice_answer

        turn = self.current
        if turn is None:
            raise InputError("This mock interview is over; start a new one to answer more questions.")
        if self._pending:
            self._prepare(self._pending[0].text)
        if turn.kind == "question" and getattr(turn.question, "follow_ups", ()):
            self._prepare(turn.question.follow_ups[0])
        result = practice_answer(
            source,
            settings or self.settings,
            original_name=original_name or f"mock-{len(self.turns):02d}.wav",
            question=self._kept(turn),
            save=True,
            progress=progress,
            # a main question prepares for the interview chosen: its job description's terms are
            # checked and the answer is linked to it (a follow-up has no talking points to check)
            interview_id=self.plan.interview_id if turn.kind == "question" else None,
            interview=True,  # the interview moves on: a short reply is not a take to record again
            off_topic_check=True,  # but the question is known: an answer about something else is not scored
        )
        try:
            turn.answer, turn.attempt_id = result.analysis, result.attempt_id
        except KeyboardInterrupt as e:  # the answer stored, then stopped: kept (it was said "not kept")
            raise StoppedWithTakeKept(result.recording, result.attempt_id) from e
        chosen = follow_up.decide(turn.answer, turn.question) if turn.kind == "question" else None
        if chosen is not None:
            self._say(
                "follow_up",
                FollowUpQuestion.ask(chosen.text, turn.question),
                turn.question_id,
                chosen.why,
                chosen.rule,
            )
        else:
            self._ask_next_question()
        return turn

    def _kept(self, turn: Turn):
        """The question `turn` asks, to file its answer under: one an earlier stage asked that was
        none of yours (banks.as_asked) is kept among your questions first, as Practice keeps it when
        chosen, and the turn and the plan ask it as kept."""
        from coach import banks
        from coach.recommend import keep_asked

        if turn.kind != "question" or not banks.not_kept_yet(turn.question):
            return turn.question
        kept = keep_asked(self.settings, turn.question.text)
        self.plan = self.plan.with_kept(turn.question.id, kept)
        turn.question, turn.question_id = kept, kept.id
        return kept

    def skip(self) -> Turn:
        """Move on from the current turn without an answer, as one may say "I'd rather come back to
        that" in an interview: the next question is asked (a skipped question draws no follow-up).
        The report counts the turn as asked and not answered, and scores nothing for it."""
        turn = self.current
        if turn is None:
            raise InputError("This mock interview is over; start a new one to answer more questions.")
        turn.skipped = True
        self._ask_next_question()
        return turn

    def passed(self, said: int) -> Turn | None:
        """The turn a page showed when `said` turns had been said, if the interview has gone past it
        since (another tab of the page answered it, or ended the interview); None while it waits."""
        if not 1 <= said <= len(self.turns):
            return None
        turn = self.turns[said - 1]
        return None if turn is self.current else turn

    def keep_passed_answer(
        self,
        turn: Turn,
        source: bytes | Path,
        *,
        original_name: str = "",
        progress: StageProgress | None = None,
        settings: Settings | None = None,
    ):
        """An answer recorded for a turn the interview had gone past (`passed`): kept, analysed and
        saved as a practice answer to its question, as every answer of the interview is, but not
        made part of the interview, whose turn has its answer (or ended without one). Returns the
        practice result. Before, the page dropped such a take without a word."""
        from coach.practice import practice_answer

        return practice_answer(
            source,
            settings or self.settings,
            original_name=original_name or "mock-late.wav",
            question=self._kept(turn),
            save=True,
            progress=progress,
            interview_id=self.plan.interview_id if turn.kind == "question" else None,
            interview=True,
            off_topic_check=True,
        )

    # ------------------------------------------------------------ the end
    def finish(self, store=None) -> dict:
        """The report, stored with the session (also when it ends early); returns it."""
        if self.summary is not None:
            return self.summary
        from coach.store import open_store
        from coach.store.mock_sessions import list_mock_sessions, save_mock_session

        self._pool.shutdown(wait=False, cancel_futures=True)
        db = store or open_store(self.settings)
        try:
            # compared with the last mock interview that measured an answer: one that measured none
            # has nothing to compare with
            earlier = [s for s in list_mock_sessions(db) if s.get("score_overall") is not None]
            previous = earlier[-1] if earlier else None
            asked = [t for t in self.turns if t.answer is not None]
            spoken_s = sum(t.speech_s for t in asked)
            summary = report.summarise(asked, self.plan, previous, spoken_s, said=self.turns)
            summary["questions"] = report.per_question(self.turns)  # a turn left waiting too
            summary.update(report.follow_up_counts(summary["questions"]))
            summary["ended_early"] = bool(self._pending) or self.current is not None
            summary["questions_skipped"] = sum(1 for t in self.turns if t.kind == "question" and t.skipped)
            # the question asked as the interview ended, spoken and left without an answer: 0 or 1
            waiting = self.current is not None and self.current.kind == "question"
            summary["questions_asked_not_answered"] = int(waiting)
            summary["questions_asked"] += summary["questions_skipped"] + waiting  # asked, and not answered
            # the main questions not answered, asked or not: none when only the last follow-up waited
            summary["questions_not_answered"] = len(self._pending) + waiting
            if not asked:  # ended before any answer: nothing to keep, count or compare
                # nor the interviewer's spoken questions, which no stored session would list or delete
                shutil.rmtree(self.folder, ignore_errors=True)
                return self._done(summary)
            self.session_id = save_mock_session(
                db,
                format=self.plan.format.key,
                role=self.plan.role or "",
                interview_id=self.plan.interview_id,
                planned_s=self.plan.planned_s,
                used_s=summary["used_s"],
                score_overall=summary["score_overall"],
                summary=summary,
                turns=[
                    {
                        "kind": t.kind,
                        "question_id": t.question_id,
                        "question_text": t.text,
                        "why": t.why,
                        "attempt_id": t.attempt_id,
                        "score_overall": (report.turn_scores(t.answer) or {}).get("overall"),
                        "duration_s": (t.answer.get("metrics") or {}).get("duration_s"),
                    }
                    for t in asked
                ],
            )
        finally:
            if store is None:
                db.close()
        return self._done(summary)

    def _done(self, summary: dict) -> dict:
        summary["session_id"] = self.session_id
        self.summary = summary
        return summary

    def to_dict(self) -> dict:
        """What `coach mock --json` prints."""
        return {
            "session_id": self.session_id,
            "turns": [t.to_dict() for t in self.turns],
            "summary": self.summary,
        }


def plan_for(
    store,
    settings: Settings,
    *,
    format: str | None = None,
    n: int | None = None,
    role: str | None = None,
    interview_id: int | None = None,
) -> Plan:
    """The plan from what the store knows: recent answers and scores, debrief gaps, the interview.
    The role is `role` when given (the command's --role, the page's choice), else the interview's
    when its title names one of the banks' roles, else the user's role from Settings."""
    from coach import banks
    from coach.job_description import opportunity_description
    from coach.mock.plan import make_plan
    from coach.playbook import is_interview
    from coach.prepare import asked_before
    from coach.progress import debrief_named_questions, gap_roles, gaps_said, gaps_to_practise
    from coach.recommend import role_to_practise
    from coach.roles import your_role
    from coach.store import get_interview, list_attempts, list_debriefs, list_interviews

    interview = get_interview(store, interview_id) if interview_id is not None else None
    if interview is not None and not is_interview(interview["stage"]):  # the page offers none of these
        raise InputError(
            f"#{interview_id} ({interview['company']}, {interview['stage']}) is an outcome, not an "
            "interview: a mock interview prepares for an interview; give one of those."
        )
    logged = list_interviews(store)
    if interview is not None:  # a later stage steers by the description pasted at an earlier one
        described = opportunity_description(logged, interview_id)
        interview = {**interview, "job_description": described}
    debriefs = list_debriefs(store)
    questions = banks.load_questions(settings.data_dir, owner=settings.owner)
    yours = your_role(settings, store)
    # the names `coach settings --role` takes ("Sales and customer roles", "pm", "any"); "any" is
    # every role's questions, in a behavioural round unless another is asked for
    chosen = banks.normalise_role(role) if role else None
    picked_for = chosen or role_to_practise(yours, (interview or {}).get("role"))
    today = local_time.today()
    attempts = list_attempts(store, newest_first=False)
    return make_plan(
        questions,
        attempts,
        format=format or ("role" if chosen not in (None, "any") else "behavioural"),
        n=n,
        role=picked_for,
        # the last year's gaps that have a question, most named first, as Practice picks for them
        debrief_gaps=gaps_to_practise(
            debriefs,
            questions,
            today=today,
            role=None if picked_for == "any" else picked_for,
            gap_roles=gap_roles(logged, yours),
        ),
        # in the debriefs' words, as Progress names them, but those of a question asked said once
        gaps_said=lambda quoted: gaps_said(debriefs, today=today, quoted=quoted),
        interview=interview,
        # "greatest weakness" named: that question asked, as Practice puts it first
        named=debrief_named_questions(debriefs, today=today),
        # what the stages before asked: one of them asked, as Practice lists them first
        asked_before=asked_before(store, interview_id, questions, attempts, logged) if interview else (),
    )
