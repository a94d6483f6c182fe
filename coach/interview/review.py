"""`review`: a real interview recording in, the `coach review --json` object out.

The steps, each in its own module: one pass over the audio in resumable chunks (listen), who
spoke each word (speakers), speaker turns and question → answer exchanges (turns), the bank
question each one was (matching), each answer heard again and analysed exactly as a practice
answer is (takes, coach.analysis), and the conversation's own measures (metrics). A debrief draft
holding the measured facts closes the review (draft).

Times in `turns` and `answers[].start_s/end_s` are seconds from the start of the recording. Inside
each `answers[].analysis` (the `coach analyze` shape), times are seconds from the end of the
question (`answers[].offset_s` in the recording), so its `time_to_first_word_s` is how long the
candidate took to start and its pace counts that wait, as a practice take counts its lead-in.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from coach.analysis.quality import (
    MIN_SPEECH_S,
    MIN_WORDS,
    NO_QUESTION_FOUND,
    ONE_VOICE,
    PHONE_SOUND_QUICK_MODEL,
    how_long,
    phone_sound,
)
from coach.analysis.wording import clock, count
from coach.audio import SILENCE_PEAK
from coach.banks import Question, WordedQuestion
from coach.config import Settings
from coach.errors import InputError, NoSpeechError
from coach.files import file_sha256
from coach.interview import metrics as measures
from coach.interview import speakers as sp
from coach.interview.chunks import CHUNK_S, open_interview, opening
from coach.interview.draft import debrief_draft
from coach.interview.listen import (
    ANSWERS_HEARD_BY,
    DONE,
    HEARD_BY,
    Heard,
    Progress,
    ProgressHandler,
    answers_fraction,
    listen,
    onward,
    work_dir,
)
from coach.interview.matching import Match, match_question
from coach.interview.takes import Take, answer_stretches, hear_answers, heard_turns
from coach.interview.turns import (
    CANDIDATE,
    Exchange,
    Turn,
    asked_question_text,
    asks_something,
    candidate_questions,
    exchanges,
    heard_question,
    is_follow_up,
    make_turns,
)
from coach.transcribe.models import DEFAULT_MODEL
from coach.types import Transcript, Word

# A silence this long inside an interview is worth telling the user about (a paused call, a
# recorder left running): the review still covers the speech around it.
LONG_SILENCE_S = 60.0
SNIPPET_S = 6.0
SNIPPET_MIN_S = 2.0  # a snippet ended at a sentence's end is at least this long


# One voice found where an interview has two: the interviewer's questions would be scored as the
# candidate's answer, so nothing is scored (the quality gate, issue 15).


@dataclass(frozen=True)
class ReviewOptions:
    candidate_channel: str | None = None  # "left" | "right": the candidate's side of a stereo call
    n_speakers: int | None = None  # people in the recording, when the user knows
    candidate_speaker: int | None = None  # the user's pick: "speaker N" (1-based) is them
    profile: np.ndarray | None = None  # the candidate's voice profile from practice takes
    chunk_s: float = CHUNK_S


@dataclass(frozen=True)
class Attribution:
    labels: list[str]  # per word
    method: str  # channel | voice profile | picked | guess | one voice
    clusters: dict[str, str]  # role label -> "speaker N" (voice clusters) or channel
    warnings: list[str]
    note: str = ""
    # who spoke when from the sound (the voice detector's speech), not from Whisper's words:
    # {speaker, start_s, end_s}, a turn running over pauses until the other voice speaks
    speech_turns: tuple[dict, ...] = ()


# No question of the interviewer's heard in a conversation: what the user sees, then what to do. The
# terminal's way is an option; the page says its own ("Who is who", coach.ui.summary.for_the_page).
NO_QUESTION_HEARD = (
    "No question from the interviewer was recognised, so the conversation is shown as it was said, "
    "with no answers picked out to score."
)
YOUR_WORDS_AS_THEIRS = (
    "If your words are shown as the interviewer's, review it again with --candidate-speaker N, "
    "N being the number of the speaker who is you."
)


# A recording holding less speech than one answer needs to be measured (coach.analysis.quality's
# MIN_WORDS, MIN_SPEECH_S) can have no answer scored, whoever speaks in it; telling two voices apart
# needs more still (coach.interview.speakers.MIN_SPEAKER_S a voice). Its review leads with this,
# and says nothing of how many people speak: a 1 s "Hello" was told to be reviewed again saying 2
# people speak, which could not work, while "too little to measure" showed only inside its answer.
TOO_LITTLE_WHAT_TO_DO = (
    "Record or upload a longer one, with the interviewer's questions and your answers in it."
)


def too_little_said(heard: Heard) -> str:
    """Why nothing in this recording can be measured, with what to do; "" when enough was said."""
    spoken_s = sum(b - a for a, b in heard.speech) if heard.speech else heard.duration_s
    if len(heard.words) >= MIN_WORDS and spoken_s >= MIN_SPEECH_S:
        return ""
    return (
        f"This recording holds only {count(len(heard.words), 'word')} in {how_long(spoken_s)} of speech: "
        f"too little to review. {TOO_LITTLE_WHAT_TO_DO}"
    )


def said_too_little(warnings: Sequence[str]) -> bool:
    """Whether a review's warnings say too little was said in its recording (`too_little_said`):
    then no answer is listed under the conversation and no voice is offered to pick."""
    return any(w.endswith(TOO_LITTLE_WHAT_TO_DO) for w in warnings)


# Why the whole recording, as one answer, got no score, and the review's warning that says it
# already, with what to do: the answer's sentence stands first in that warning or says it in other words
SAID_BY_THE_REVIEW = {ONE_VOICE: ONE_VOICE, NO_QUESTION_FOUND: NO_QUESTION_HEARD}


def shown_as_an_answer(answer: dict, warnings: Sequence[str]) -> bool:
    """Whether a page lists the answer under the conversation. Not the whole recording left
    unscored for a reason the review's `warnings` give over it (one voice heard; no question
    heard): the Review page showed the conversation's words again under that reason said a second
    time, for no question in other words and without what to do. An answer stopped for a reason of
    its own (too little speech, distorted) is listed, its reason said only there; not when the
    whole recording holds too little to measure (`too_little_said`), which the review leads with."""
    analysis = answer["analysis"]
    reasons = analysis.get("warnings") or []
    if analysis.get("scores") is None and said_too_little(warnings):  # each answer is shorter still
        return False
    if answer.get("question") or analysis.get("scores") is not None or not reasons:
        return True
    said = [SAID_BY_THE_REVIEW.get(reason) for reason in reasons]
    return not all(s and any(w.startswith(s) for w in warnings) for s in said)


def review(
    path: Path,
    settings: Settings,
    options: ReviewOptions = ReviewOptions(),
    *,
    questions: Sequence[Question] = (),
    practice_attempts: Sequence[dict] = (),
    progress: ProgressHandler | None = None,
    cancel: Callable[[], bool] | None = None,
    sha256: str | None = None,
    name: str = "",
) -> dict:
    """`name` is what messages call the recording: the user's own file name for a saved upload."""
    _check_options(options)
    sha256 = sha256 or file_sha256(Path(path))
    progress = onward(progress)
    heard = listen(
        Path(path),
        settings,
        chunk_s=options.chunk_s,
        progress=progress,
        cancel=cancel,
        sha256=sha256,
        name=name,
    )
    if not heard.words:
        raise NoSpeechError(_no_speech_message(name or Path(path).name, heard, _silent(path, settings, name)))
    said = _steps_progress(heard, progress)
    said("telling the voices apart", HEARD_BY)
    who = attribute(heard, options)
    turns = make_turns(heard.words, who.labels)
    pairs = exchanges(turns)
    too_little = too_little_said(heard)
    # too little said: no number of voices would let anything be scored, so none is asked for
    problems = [] if too_little else _unscorable(who, options)
    # each answer heard as a practice take is, so its fillers count as in practice; not when
    # nothing of this review can be scored (one voice where there are two)
    takes: list = [None] * len(pairs)
    shown_turns = turns
    if not problems:
        work = work_dir(settings, sha256, options.chunk_s)
        stretches = answer_stretches(pairs, turns, heard.speech)
        on_answer = _answers_progress(heard, progress)
        takes = hear_answers(
            Path(path), settings, stretches, work, name=name, cancel=cancel, progress=on_answer
        )
        shown_turns = heard_turns(turns, stretches, takes)
    said("analysing your answers", ANSWERS_HEARD_BY)
    answers = answers_of(pairs, turns, takes, questions, settings, heard, problems)
    overlaps = sp.overlaps(heard.levels) if who.method == "channel" else None
    facts = measures.summary(
        turns,
        pairs,
        duration_s=heard.duration_s,
        overlaps=overlaps,
        candidate_questions=candidate_questions(turns),
    )
    if who.method == "one voice":  # no conversation: who spoke how much, and who asked, not known
        # (with the user's word that only they speak: "100% of the time", their own sentences
        # taken for questions they asked the interviewer)
        facts["candidate_talk_share"] = None
    facts["compared_with_practice"] = measures.compare_with_practice(answers, practice_attempts)
    warnings = who.warnings + _audio_warnings(heard, turns) + _phone_warnings(path, settings, heard, name)
    if too_little:  # the one reason said first; who is who and which question was asked are moot
        warnings = [too_little, *(w for w in warnings if w not in who.warnings)]
    elif who.method != "one voice" and not pairs:
        # split by stereo channel, the sides say who is who: no voice to pick
        advice = "" if who.method == "channel" else f" {YOUR_WORDS_AS_THEIRS}"
        warnings.append(NO_QUESTION_HEARD + advice)
    result = {
        "duration_s": round(heard.duration_s, 2),
        "engine": heard.engine,
        "model": heard.model,
        # the snippets in the words the conversation and the answers show (each answer heard again)
        "speakers": _speakers(shown_turns, who, facts),
        "identification": {"method": who.method, "note": who.note, "unscorable": problems},
        "turns": [t.to_dict() for t in shown_turns],
        "speech_turns": list(who.speech_turns),
        "answers": answers,
        "metrics": facts,
        "debrief_draft": debrief_draft(answers, facts, settings),
        "warnings": warnings,
        "processing": {
            "chunks": heard.chunks,
            "chunks_reused": heard.chunks_reused,
            "complete": heard.stopped_early is None,
        },
        "transcript": Transcript.from_words(
            heard.words, heard.duration_s, engine=heard.engine, model=heard.model
        ).to_dict(),
    }
    said(DONE, 1.0)  # the bar's end: everything above is done
    return result


def _call_done(heard: Heard, started: float, **where) -> Progress:
    """Progress once the whole call is transcribed, with what is being done now (`where`: a step,
    or which answer is heard again)."""
    return Progress(
        done_s=heard.duration_s,
        total_s=heard.duration_s,
        elapsed_s=time.monotonic() - started,
        eta_s=None,
        chunks_done=heard.chunks,
        chunks_reused=heard.chunks_reused,
        **where,
    )


def _steps_progress(heard: Heard, progress: ProgressHandler | None) -> Callable[[str, float], None]:
    """Progress after the call is transcribed, a step at a time: the bar stood at "reviewed 1:00 of
    1:00 (100%), about 0:00 left" while the voices were told apart and the answers analysed."""
    started = time.monotonic()

    def report(step: str, fraction: float) -> None:
        if progress is not None:
            progress(_call_done(heard, started, step=step, fraction=fraction))

    return report


def _answers_progress(heard: Heard, progress: ProgressHandler | None) -> Callable[[int, int], None] | None:
    """Progress while answers are heard again: the call is done, answer N of M is being heard."""
    if progress is None:
        return None
    started = time.monotonic()

    def report(number: int, of: int) -> None:
        where = {"answers_heard": (number, of), "fraction": answers_fraction(number, of)}
        progress(_call_done(heard, started, **where))

    return report


def _check_options(options: ReviewOptions) -> None:
    if options.candidate_channel not in (None, "left", "right"):
        raise InputError(f"--candidate-channel is left or right, not {options.candidate_channel!r}.")
    if options.n_speakers is not None and not 1 <= options.n_speakers <= 6:
        raise InputError("--speakers counts everyone in the recording, you included: a number from 1 to 6.")
    if options.candidate_speaker is not None and options.candidate_speaker < 1:
        raise InputError("--candidate-speaker is the number of the speaker who is you: 1, 2, ...")


def _silent(path: Path, settings: Settings, name: str) -> bool:
    """Whether the recording holds no sound at all, as practice tells a silent take (its peak):
    read again only when no words were heard, so a long one costs a decoding, not a transcription."""
    with closing(iter(open_interview(path, settings, name=name))) as pieces:
        return all(float(np.max(np.abs(piece))) < SILENCE_PEAK for piece in pieces if piece.size)


def _no_speech_message(name: str, heard: Heard, silent: bool = False) -> str:
    """What was found, said as practice and the terminal say it of one recording ("silence.wav is
    silent", "No speech was found in noise.wav"): it said "No speech was found in silence.wav
    (0:03 of audio: silence, noise or music)" of a silent one."""
    found = (
        f"{name} is silent"
        if silent
        else f"No speech was found in {name} ({clock(heard.duration_s)} of audio: silence, noise or music)"
    )
    return f"{found}; check it is the interview recording, with the voices audible."


# ---------------------------------------------------------------- who spoke


def anything_scored(result: dict) -> bool:
    """Whether any answer of a stored review got scores: with one voice heard, or no answer long
    enough, the review is saved but measures nothing (its page said "Interview analysed and saved"
    over a notice that nothing was scored)."""
    return any((a.get("analysis") or {}).get("scores") for a in result.get("answers") or ())


def who_is_you(identification: dict, speakers: list[dict]) -> str:
    """Which voice the review took to be the user's, and why, in words: "voice profile: speaker 1
    sounds most like your practice recordings (0.98)" led the review with a method's name and a raw
    figure, and one voice read "(one voice: one voice in the recording)". The terminal's first line and
    the Review page's caption over the conversation say it so. Nothing for a guess: its warning, shown
    beside this in both, says it ("No voice profile yet …, so speaker 1, who talks the most, was taken
    to be you."); both said it again ("a guess: you are speaker 1, who talks the most")."""
    method, note = identification["method"], identification["note"]
    you = next((s["source"] for s in speakers if s["label"] == "candidate"), None)
    if you is None or method == "one voice":
        return note
    why = {
        "voice profile": f"{you}, whose voice sounds most like your practice recordings",
        "channel": f"the {you} channel, as you said",
        "picked": f"{you}, as you said",
    }.get(method)
    if method == "guess":  # its warning says so, and how to pick another
        return ""
    return f"you: {why}" if why else f"{method}: {note}"


def attribute(heard: Heard, options: ReviewOptions) -> Attribution:
    warnings: list[str] = []
    if options.candidate_channel:
        if heard.channels < 2:
            warnings.append(
                "The recording is mono, so your side of the call cannot be taken from one channel; "
                "the voices were told apart by sound instead."
            )
        elif sp.channels_identical(heard.levels):
            warnings.append(
                "Both channels of this stereo file carry the same sound, so they cannot tell the "
                "speakers apart; the voices were told apart by sound instead."
            )
        else:
            sides = sp.by_channel(heard.words, heard.levels, options.candidate_channel)
            other = "right" if options.candidate_channel == "left" else "left"
            return Attribution(
                [CANDIDATE if s == 0 else "interviewer" for s in sides],
                "channel",
                {CANDIDATE: options.candidate_channel, "interviewer": other},
                warnings,
                f"the candidate is on the {options.candidate_channel} channel",
                _channel_speech_turns(heard, options.candidate_channel),
            )
    groups = sp.cluster(heard.windows, options.n_speakers)
    k = len(groups.centroids)
    if k == 1:
        steps = sp.speech_steps(heard.speech)
        if options.n_speakers != 1:
            warnings.append(ONE_VOICE)
        return Attribution(
            [CANDIDATE] * len(heard.words),
            "one voice",
            {CANDIDATE: "speaker 1"},
            warnings,
            "you said only you speak in it" if options.n_speakers == 1 else "one voice in the recording",
            _speech_turns(sp.join_steps(steps, [0] * len(steps)), {0: CANDIDATE}),
        )
    path = sp.viterbi(heard.words, sp.word_scores(heard.words, heard.windows, groups.similarity))
    me, method, note = _which_is_candidate(path, heard.words, groups, options, warnings)
    names, others = {}, 0
    for c in range(k):
        if c == me:
            names[c] = CANDIDATE
        else:
            others += 1
            names[c] = "interviewer" if others == 1 else f"interviewer {others}"
    return Attribution(
        [names[int(c)] for c in path],
        method,
        {names[c]: f"speaker {c + 1}" for c in range(k)},
        warnings,
        note,
        _speech_turns(sp.speech_turns(heard.speech, heard.windows, groups.similarity), names),
    )


def _speech_turns(turns: Sequence[tuple[float, float, int]], names: dict[int, str]) -> tuple[dict, ...]:
    """Speech turns (start, end, group) as {speaker, start_s, end_s}."""
    return tuple({"speaker": names[c], "start_s": round(a, 2), "end_s": round(b, 2)} for a, b, c in turns)


def _channel_speech_turns(heard: Heard, candidate_channel: str) -> tuple[dict, ...]:
    """Speech turns of a stereo call: each step of the voice detector's speech goes to the louder side."""
    steps = sp.speech_steps(heard.speech)
    sides = sp.by_channel(steps, heard.levels, candidate_channel)
    return _speech_turns(sp.join_steps(steps, sides), {0: CANDIDATE, 1: "interviewer"})


def _which_is_candidate(
    path: np.ndarray,
    words: Sequence[Word],
    groups: sp.Clustering,
    options: ReviewOptions,
    warnings: list[str],
) -> tuple[int, str, str]:
    k = len(groups.centroids)
    if options.candidate_speaker is not None:
        if options.candidate_speaker > k:
            raise InputError(f"There are {k} speakers in this recording; --candidate-speaker is 1 to {k}.")
        picked = options.candidate_speaker
        return picked - 1, "picked", f"you said you are speaker {picked}"
    if options.profile is not None:
        # the closest voice, said in words: the raw similarity ("(0.98)") told a user nothing, and
        # no measured bar says which figure is too low to trust
        me, _ = sp.candidate_cluster(groups.centroids, options.profile)
        return me, "voice profile", f"speaker {me + 1} sounds most like your practice recordings"
    seconds = np.zeros(k)
    for word, c in zip(words, path, strict=True):
        seconds[c] += word.end_s - word.start_s
    me = int(np.argmax(seconds))
    # the second sentence is the terminal's, which prints each speaker's words below its warnings (it
    # said "Listen to the snippets", which a terminal cannot play); the Review page leaves it out for
    # naming an option (coach.ui.summary.for_the_page) and lets the user listen to each voice instead
    warnings.append(
        "No voice profile yet (it is built from your saved practice recordings), so "
        f"speaker {me + 1}, who talks the most, was taken to be you. Read what each speaker says "
        "below; if that is wrong, run again with --candidate-speaker N."
    )
    return me, "guess", f"speaker {me + 1} talks the most"


def _speakers(turns: Sequence[Turn], who: Attribution, facts: dict) -> list[dict]:
    out = []
    for label, source in who.clusters.items():
        own = [t for t in turns if t.speaker == label]
        out.append(
            {
                "label": label,
                "source": source,
                "talk_s": facts["talk_s"].get(label, 0.0),
                "share": facts["talk_share"].get(label, 0.0),
                "turns": len(own),
                "snippet": _snippet(own),
            }
        )
    return out


def _snippet(own: Sequence[Turn]) -> dict | None:
    """A few seconds of this speaker, from their longest turn, for the user to recognise them."""
    if not own:
        return None
    turn = max(own, key=lambda t: t.end_s - t.start_s)
    words = [w for w in turn.words if w.start_s < turn.start_s + SNIPPET_S] or list(turn.words[:1])
    # to the last sentence ended in it, if one ends far enough in to be heard: it was cut mid-word
    # run ("…I thought, you know, I heard a"), and its player stopped there
    ended = [
        i
        for i, w in enumerate(words)
        if w.text.endswith((".", "?", "!")) and w.end_s - words[0].start_s >= SNIPPET_MIN_S
    ]
    if ended:
        words = words[: ended[-1] + 1]
    return {
        "start_s": round(words[0].start_s, 2),
        "end_s": round(words[-1].end_s, 2),
        "text": " ".join(w.text for w in words),
    }


def _audio_warnings(heard: Heard, turns: Sequence[Turn]) -> list[str]:
    out = [heard.stopped_early] if heard.stopped_early else []
    gaps = [
        (a.end_s, b.start_s)
        for a, b in zip(heard.words, heard.words[1:], strict=False)
        if b.start_s - a.end_s >= LONG_SILENCE_S
    ]
    if heard.words and heard.words[0].start_s >= LONG_SILENCE_S:
        gaps.insert(0, (0.0, heard.words[0].start_s))
    if gaps:
        where = ", ".join(f"{clock(a)}–{clock(b)}" for a, b in gaps[:5])
        out.append(
            f"{'1 long stretch' if len(gaps) == 1 else f'{len(gaps)} long stretches'} without speech "
            f"({where}); {'they are' if len(gaps) > 1 else 'it is'} left out of the answers."
        )
    return out


def _phone_warnings(path: Path, settings: Settings, heard: Heard, name: str) -> list[str]:
    """A phone recording heard by the Quick model: its transcript misses more words (README)."""
    if heard.model != DEFAULT_MODEL or not phone_sound(opening(Path(path), settings, name=name)):
        return []
    return [PHONE_SOUND_QUICK_MODEL]


# ---------------------------------------------------------------- answers


def _others(exchange: Exchange, turns: Sequence[Turn]) -> list[tuple[float, float]]:
    """Where other speakers talked between an answer's first and last words."""
    words = exchange.answer_words
    return [
        (t.start_s, t.end_s)
        for t in turns
        if t.speaker != CANDIDATE and words and t.end_s > words[0].start_s and t.start_s < words[-1].end_s
    ]


def _unscorable(who: Attribution, options: ReviewOptions) -> list[str]:
    """Why no answer of this review can be scored, whatever its words: [] when they can."""
    return [ONE_VOICE] if who.method == "one voice" and options.n_speakers != 1 else []


def answers_of(
    pairs: Sequence[Exchange],
    turns: Sequence[Turn],
    takes: Sequence[Take | None],
    questions: Sequence[Question],
    settings: Settings,
    heard: Heard | None,
    problems: Sequence[str] = (),
) -> list[dict]:
    """Each exchange's answer (`_answer`), in the order asked: a question matched to no bank
    question is coached as its words say, a bare follow-up ("And how did that turn out?") as the
    question before it (coach.interview.turns.heard_question), as in a mock interview. `heard`:
    the pass over the whole call, for an answer not heard again as a take (None when all were)."""
    by_id = {q.id: q for q in questions}
    answers: list[dict] = []
    coached = None  # the question the answer before was coached as
    for exchange, take in zip(pairs, takes, strict=True):
        # a bare follow-up ("And then what?") is no bank question, whichever shares its few words
        asked = exchange.question and not is_follow_up(exchange.question)
        match = match_question(asked_question_text(exchange.question), questions) if asked else None
        bank = by_id.get(match.bank_id) if match and match.bank_id else None
        # a question matched to none is coached as its words say (a story or not), a bare follow-up
        # as the question it follows
        coached = bank or heard_question(exchange.question, coached)
        answers.append(
            _answer(exchange, match, bank, coached, settings, heard, problems, take, _others(exchange, turns))
        )
    return answers


def _answer(
    exchange: Exchange,
    match: Match | None,
    bank: Question | None,
    question: Question | WordedQuestion | None,
    settings: Settings,
    heard: Heard | None,
    problems: Sequence[str] = (),
    take: Take | None = None,
    others: Sequence[tuple[float, float]] = (),
) -> dict:
    """One answer in review's shape, analysed as practice analyses a take: `match` and `bank`, the
    bank question its question matched (None when none did); `question`, what it is coached as;
    `others`, where other speakers talked inside it, in the recording's times."""
    from coach.analysis import analyze

    offset = exchange.answer_from_s
    if take is not None:  # heard as a practice take: its own words, speech and sound
        transcript = take.transcript
        problems = [*problems, *take.problems]
    else:  # the words of the pass over the whole call
        shifted = [
            Word(w.text, round(w.start_s - offset, 3), round(w.end_s - offset, 3), w.prob, w.source)
            for w in exchange.answer_words
        ]
        speech_s, unheard = heard.coverage_of(offset, exchange.answer_to_s)
        transcript = replace(
            Transcript.from_words(shifted, round(exchange.answer_to_s - offset, 3)),
            speech_s=speech_s if heard.speech else None,
            unheard=tuple((round(a - offset, 2), round(b - offset, 2)) for a, b in unheard),
            sound=heard.sound.slice(offset, exchange.answer_to_s) if heard.sound is not None else None,
        )
    # someone else's words inside the answer (the interviewer's "right, go on") are not its time
    others = tuple((round(max(0.0, a - offset), 3), round(b - offset, 3)) for a, b in others if b > offset)
    transcript = replace(transcript, others=others)
    return {
        "question": exchange.question,
        "asked_by": exchange.asked_by,
        "bank_id": bank.id if bank else None,
        "bank_question": bank.text if bank else None,
        "match": match.to_dict() if match else None,
        # a bare follow-up ("What did you do?" after the candidate's story) is no question to practise
        # offered to practise only when its words ask something (the review's question, as heard)
        "add_to_bank": bool(exchange.question)
        and bank is None
        and not is_follow_up(exchange.question)
        and asks_something(exchange.question),
        "question_start_s": (
            None if exchange.question_start_s is None else round(exchange.question_start_s, 3)
        ),
        "start_s": round(exchange.answer_words[0].start_s, 3),
        "end_s": round(exchange.answer_to_s, 3),
        "offset_s": round(offset, 3),
        # other speakers inside the answer, in its times (from offset_s), as its words are
        "others": [{"start_s": a, "end_s": b} for a, b in others],
        "analysis": analyze(
            transcript, question=question, settings=settings, problems=problems, interview=True
        ).to_dict(),
    }
