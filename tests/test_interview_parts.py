"""The pieces of a review that need no model: question recognition, exchanges, matching, cuts."""

from __future__ import annotations

import subprocess
import tracemalloc
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import soundfile

from coach.audio import load_audio
from coach.banks import load_questions
from coach.errors import AudioError
from coach.interview.chunks import SAMPLE_RATE, ChunkReader, open_interview, quiet_cut
from coach.interview.matching import match_question
from coach.interview.metrics import interruptions, summary, talk_time
from coach.interview.speakers import channels_identical, viterbi
from coach.interview.turns import asked_question_text, candidate_questions, exchanges, is_question, make_turns
from coach.types import Word


def _words(text: str, start: float, speaker: str, step: float = 0.3):
    out = []
    for i, w in enumerate(text.split()):
        out.append((Word(w, start + i * step, start + i * step + 0.25), speaker))
    return out


def _conversation(*parts):
    pairs = [p for part in parts for p in _words(*part)]
    return make_turns([w for w, _ in pairs], [s for _, s in pairs])


@pytest.mark.parametrize(
    "text",
    [
        "Tell me about a time you disagreed with a colleague.",
        "How did you resolve it?",
        "Okay, can you walk me through a project that did not meet its goals",
        "Describe a time you fixed the root cause of a problem.",
        "Do you have any questions for me?",
        "When did you last change your mind about a design",
        "What would you do in your first month",
        "When I say ownership, what does that mean to you?",
        "What I want to understand is why you left the team.",
        "What I'd like to hear about is a conflict with a manager.",
        "Is John's team still hiring",
        # an auxiliary before "they", "we" or "I" asks, as before any other subject (the rule for
        # story openings, "When I joined…", took these for statements)
        "Are they ready to move the billing service",
        "Did we cover everything you wanted to ask",
        "Have I answered your question",
        "Was she the one who led the migration",
        "Okay, do they work from the office on Fridays",
    ],
)
def test_interviewer_questions_are_recognised(text):
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for coming in today.",
        "I see, go on.",
        "Great, thank you.",
        "I thought the risk was too high.",
        "We have a few minutes left.",
        # a wh-word opening the speaker's own story (a candidate's sentence heard as the
        # interviewer's went into the debrief's questions and from there into the bank)
        "When I joined the data team, I had never used the stream processing tool.",
        "What we built was a queue in front of the billing service.",
        "How I handled it: I called the customer that evening.",
        # the rest of a sentence cut off by a change of voice (an AMI meeting: "…and your role /
        # is I'm the marketing expert"), an auxiliary before a subject that has its verb already
        "is I'm the marketing expert",
        "was we're going to ship it on Monday anyway.",
        "Is it’s the same team as before",
        # …or an auxiliary before a subject it does not go with ("…the thing / is we built it")
        "is we built it in a week and shipped it",
        "was they never asked us about the budget.",
        "are I think we should wait for the audit",
    ],
)
def test_remarks_and_statements_are_not_questions(text):
    assert not is_question(text)


def test_multi_sentence_question_keeps_both_sentences_and_drops_the_thanks():
    turns = _conversation(
        (
            "Thanks for coming in. Tell me about a time you disagreed with a colleague. "
            "How did you resolve it?",
            0.0,
            "interviewer",
        ),
        ("We measured the slow paths first and agreed on an experiment.", 12.0, "candidate"),
    )
    [pair] = exchanges(turns)
    assert pair.question == "Tell me about a time you disagreed with a colleague. How did you resolve it?"
    assert " ".join(w.text for w in pair.answer_words).startswith("We measured")


def test_the_question_is_the_last_one_asked_not_everything_since_the_first():
    """A turn that asks, talks for three sentences, then asks again is answered on its last
    question: the review titled a news clip's answer with five sentences ("How did he not know that?
    Then he said with the loans, oh, I didn't know that. Smart guy. He doesn't know that. Yeah,
    that's worse than Hillary, would you think about it?") and offered them as one question for the
    bank. Questions one sentence apart still go together."""
    turns = _conversation(
        (
            "Why did you leave? We have seen many people leave. It happens a lot here. Most go to "
            "startups. Tell me about a project you led. It can be anything from work. What was your role?",
            0.0,
            "interviewer",
        ),
        ("I led the move of our billing service to a new database.", 20.0, "candidate"),
    )
    [pair] = exchanges(turns)
    asked = "Tell me about a project you led. It can be anything from work. What was your role?"
    assert pair.question == asked


def test_a_backchannel_stays_out_of_the_answer_and_does_not_start_a_new_one():
    turns = _conversation(
        ("Describe a time a teammate was struggling.", 0.0, "interviewer"),
        ("A new teammate was missing deadlines.", 4.0, "candidate"),
        ("I see, go on.", 7.0, "interviewer"),
        ("I asked him how things were going.", 9.0, "candidate"),
    )
    [pair] = exchanges(turns)
    answer = " ".join(w.text for w in pair.answer_words)
    assert "go on" not in answer and "I asked him" in answer


def test_one_voice_is_one_answer_without_a_question():
    [pair] = exchanges(_conversation(("I led the migration and it went well.", 0.0, "candidate")))
    assert pair.question is None and len(pair.answer_words) == 8


def test_a_recording_of_one_voice_counts_no_question_asked():
    """`coach review --json` said "questions": 1 of the phone call heard as one voice (the whole
    recording, asked by no one), and 0 of the same call told that two people speak."""
    turns = _conversation(("Hello. I didn't know you were there. I'm in New Jersey now.", 0.0, "candidate"))
    facts = summary(turns, exchanges(turns), duration_s=5.0, overlaps=None, candidate_questions=[])
    assert facts["questions"] == 0


def test_a_voices_snippet_ends_where_a_sentence_ends():
    """Who is who quoted the phone call's first voice as "…I need the design. Okay. I thought, you
    know, I heard a" and played it to that word: the snippet ends with the last sentence ended in
    its few seconds, and is cut mid-sentence only when none ends there."""
    from coach.interview.review import _snippet

    said = (
        "Hello. Oh, hello. I didn't know you were there. Okay. I thought, you know, I heard a beep and "
        "then nothing at all for a while."
    )
    [turn] = _conversation((said, 0.0, "candidate"))
    snippet = _snippet([turn])
    assert snippet["text"] == "Hello. Oh, hello. I didn't know you were there. Okay."
    assert snippet["end_s"] == round(turn.words[9].end_s, 2)  # the player stops there too
    [long] = _conversation(("and so we went on with the migration over three weeks " * 3, 0.0, "candidate"))
    assert _snippet([long])["text"].startswith("and so we went on with the migration")


def test_candidate_questions_are_their_sentences_ending_in_a_question_mark():
    turns = _conversation(
        ("Do you have any questions for me?", 0.0, "interviewer"),
        ("Thanks. How does the team decide what to work on?", 3.0, "candidate"),
    )
    assert [q["text"] for q in candidate_questions(turns)] == ["How does the team decide what to work on?"]


def test_talk_time_and_an_interruption_mid_sentence():
    turns = _conversation(
        ("So the main reason we chose it was", 0.0, "candidate"),
        ("Sorry, can I stop you there?", 2.05, "interviewer"),
    )
    assert [c["by"] for c in interruptions(turns)] == ["interviewer"]
    assert talk_time(turns)["candidate"] == pytest.approx(8 * 0.3 - 0.05, abs=0.01)


def test_paraphrased_bank_question_matches_and_a_new_one_does_not():
    questions = load_questions()
    assert (
        match_question("Can you walk me through a project that did not meet its goals?", questions).bank_id
        == "beh-fail-03"
    )
    unknown = match_question("What is your favourite colour and why do you like it?", questions)
    assert unknown.bank_id is None and unknown.alternatives


def test_chunks_are_cut_in_the_quietest_moment_before_the_target():
    sound = np.full((SAMPLE_RATE * 20, 1), 0.3, np.float32)
    sound[int(17.2 * SAMPLE_RATE) : int(17.5 * SAMPLE_RATE)] = 0.0
    cut = quiet_cut(sound, 18 * SAMPLE_RATE)
    assert 17.2 <= cut / SAMPLE_RATE < 17.5


INTERVIEWS = Path(__file__).parent / "data" / "interviews"


@pytest.mark.parametrize(("name", "side"), [("interview_mono.flac", None), ("interview_stereo.flac", "left")])
def test_chunks_hold_exactly_the_samples_load_audio_decodes(settings, name, side):
    chunks = list(ChunkReader(open_interview(INTERVIEWS / name, settings), chunk_s=20.0))
    assert len(chunks) >= 2
    joined = np.concatenate([c.samples[:, 0] for c in chunks])
    assert np.array_equal(joined, load_audio(INTERVIEWS / name, settings, channel=side).samples)


def test_a_long_recording_is_chunked_without_decoding_it_whole(settings, tmp_path):
    path, minutes = tmp_path / "long.wav", 10
    second = (0.2 * np.sin(np.arange(SAMPLE_RATE) / 3)).astype(np.float32)
    with soundfile.SoundFile(str(path), "w", samplerate=SAMPLE_RATE, channels=2, subtype="PCM_16") as out:
        for _ in range(minutes * 60):
            out.write(np.stack([second, second[::-1]], axis=1))
    whole_bytes = minutes * 60 * SAMPLE_RATE * 2 * 4  # float32, both sides
    tracemalloc.start()
    try:
        seconds = sum(len(c.samples) for c in ChunkReader(open_interview(path, settings), 20.0)) / SAMPLE_RATE
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seconds == pytest.approx(minutes * 60, abs=0.1)
    assert peak < whole_bytes / 5, f"peak {peak / 1e6:.0f} MB for {whole_bytes / 1e6:.0f} MB of audio"


def test_a_stream_of_unstated_length_is_refused_past_the_limit_without_a_made_up_length(settings, tmp_path):
    path = tmp_path / "streamed.webm"  # written to a pipe: the header cannot say how long it is
    with open(path, "wb") as out:
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-i", str(INTERVIEWS / "interview_stereo.flac")]
            + ["-f", "webm", "-"],
            stdout=out,
            check=True,
        )
    reader = open_interview(path, replace(settings, max_duration_s=30.0))
    assert reader.declared_s is None
    with pytest.raises(AudioError, match=r"streamed.webm is longer than 0:00:30, the limit; cut it") as error:
        list(ChunkReader(reader, 20.0))
    assert "0:00:3" not in str(error.value).split("longer than")[0]


def test_identical_channels_are_recognised():
    rng = np.random.default_rng(0)
    loud = np.abs(rng.normal(0.1, 0.05, (200, 1))).astype(np.float32)
    assert channels_identical(np.hstack([loud, loud]))
    assert not channels_identical(np.hstack([loud, loud * 0.02]))


def test_a_speaker_change_inside_fluent_speech_needs_strong_evidence():
    words = [Word(f"w{i}", i * 0.3, i * 0.3 + 0.28) for i in range(6)]
    scores = np.array([[0.9, 0.6]] * 6, dtype=np.float32)
    scores[3] = [0.7, 0.75]  # one ambiguous word, no pause around it
    assert viterbi(words, scores).tolist() == [0] * 6


@pytest.mark.parametrize(
    "heard, kept",
    [
        ("Aren't you, do you have any questions for me?", "Do you have any questions for me?"),
        ("Um, so, can you tell me about yourself?", "Can you tell me about yourself?"),
        ("Tell me about a time, uh, when you failed.", "Tell me about a time when you failed."),
        ("What, in your view, makes a good team?", "What, in your view, makes a good team?"),
        ("Yeah, cool. So what brought you to this team?", "What brought you to this team?"),
        ("Thank you. Perfect, why this role?", "Why this role?"),
    ],
)
def test_an_asked_question_goes_into_the_bank_without_ums_or_a_broken_off_start(heard, kept):
    assert asked_question_text(heard) == kept


# The AMI meeting clip tests/data/real_speech/meetings/dev00.wav as `coach review` hears it (tiny.en)
# with its speaker 2 taken for you: the other voice's "er?" was the only question mark it said.
DEV00 = (
    ("Okay, well, I think we're ready to begin Right my name's on good.", 1.8, "interviewer"),
    ("Oh, I've been either a demi-sorry. He's like to spoil it", 13.2, "candidate"),
    ("Yeah, go for it Any z any z er? Am you sir and your role", 18.7, "interviewer"),
    ("is I'm the marketing expert", 25.7, "candidate"),
)


def test_garbled_words_ending_on_er_are_no_question_to_list_or_practise(tmp_path):
    """The review took "Yeah, go for it Any z any z er?" for the interviewer's question: cleaned of
    its "er?", "Go for it Any z any z" titled the answer, was listed in the debrief as a question
    they asked and offered to practise. A question mark on a closing "um" or "er" asks only when
    the words before it open as a question ("So, um, why this company, um?", kept with its "?")."""
    from coach.config import load_settings
    from coach.debrief import heard_questions

    assert exchanges(_conversation(*DEV00)) == []
    assert not is_question("Yeah, go for it Any z any z er?")
    assert is_question("So, um, why this company, um?")
    assert asked_question_text("So, um, why this company, um?") == "Why this company?"
    # an interview reviewed before this keeps the words as its answer's question: not listed
    stored = {"recordings": [{"turns": [
        {"question_id": None, "question_text": "Yeah, go for it Any z any z er?"},
        {"question_id": None, "question_text": "So, um, why this company, um?"},
    ]}]}  # fmt: skip
    assert heard_questions(stored, load_settings(tmp_path), questions=[]) == ["Why this company?"]


def test_an_asked_question_already_in_the_bank_in_other_words_is_not_added(tmp_path):
    from coach.banks import load_questions
    from coach.config import load_settings
    from coach.interview.saving import add_asked_questions

    settings = load_settings(tmp_path)
    result = {
        "answers": [
            {"add_to_bank": True, "question": "Um, why do you want to work at our company?"},
            {"add_to_bank": True, "question": "Aren't you, how do you handle on-call fatigue?"},
            {"add_to_bank": True, "question": "How do you, um, handle on-call fatigue?"},
        ]
    }
    [added] = add_asked_questions(settings, result)
    mine = [q for q in load_questions(tmp_path) if q.source != "bank"]
    assert [(q.id, q.text) for q in mine] == [(added, "How do you handle on-call fatigue?")]


def test_a_whisper_segment_that_spans_a_turn_change_is_split_at_the_word_where_the_voice_changes():
    """Issue 18: words are given speakers one by one, so one run of words without a pause (as
    Whisper writes a segment) goes to both people when the voice clearly changes inside it."""
    words = [Word(f"w{i}", i * 0.3, i * 0.3 + 0.28) for i in range(8)]
    scores = np.array([[0.9, 0.5]] * 4 + [[0.5, 0.9]] * 4, dtype=np.float32)
    assert viterbi(words, scores).tolist() == [0, 0, 0, 0, 1, 1, 1, 1]


def test_an_answer_is_heard_again_without_the_interviewers_words():
    """Issue 18: the stretch of an answer heard again as a practice take starts where the voice
    detector hears the answer (the question's tail before it silenced, since the prompted decoder
    writes it as "um"), silences an interviewer's remark inside it, and ends in the pause before
    the next speaker, even when Whisper stamped the last word late."""
    from coach.interview.takes import answer_stretches

    turns = _conversation(
        ("Tell me about a time you failed?", 0.0, "interviewer"),  # words to 2.05 s
        ("We missed the launch by six weeks", 3.0, "candidate"),  # 3.0-4.75 s
        ("I see go on", 5.5, "interviewer"),  # 5.5-6.65 s
        ("so I split the work up", 7.5, "candidate"),  # 7.5-9.25 s
        ("What did you learn?", 9.6, "interviewer"),
    )
    # the voice detector: the question sounds to 2.2 s, the answer from 2.9 s, a pause 9.0-9.5 s
    speech = [(0.0, 2.2), (2.9, 4.8), (5.4, 6.7), (7.4, 9.0), (9.5, 10.8)]
    [first] = exchanges(turns)  # the last question has no answer yet
    [stretch] = answer_stretches([first], turns, speech)
    assert stretch.start_s == pytest.approx(2.05)  # the answer's times count from the question's end
    assert stretch.silenced[0] == pytest.approx((2.05, 2.85))  # the wait, up to the answer's sound
    assert pytest.approx((5.5, 6.65)) in stretch.silenced  # "I see, go on"
    assert stretch.end_s == pytest.approx(9.0)  # the pause, not the late stamp of "up" (9.25)


def test_the_conversation_shows_every_word_of_an_answer_heard_again():
    """A take's words shown in the conversation, each in the turn of yours nearest it: a word the take
    stamped early, inside the interviewer's remark (silenced in the take, so it was heard after it),
    was on the answer's card and missing from the conversation."""
    from coach.interview.takes import Take, answer_stretches, heard_turns
    from coach.types import Transcript

    turns = _conversation(
        ("Tell me about a time you failed?", 0.0, "interviewer"),  # words to 2.05 s
        ("We missed the launch by six weeks", 3.0, "candidate"),  # 3.0-4.75 s
        ("I see go on", 5.5, "interviewer"),  # 5.5-6.65 s
        ("so I split the work up", 7.5, "candidate"),  # 7.5-9.25 s
    )
    [first] = exchanges(turns)
    [stretch] = answer_stretches([first], turns, [(0.0, 2.2), (2.9, 4.8), (5.4, 6.7), (7.0, 9.3)])
    # heard again: "So" stamped at 6.4 s, inside "I see go on" (times from the stretch's start)
    said = [("We", 3.0), ("missed", 3.3), ("the", 3.6), ("launch", 3.9), ("by", 4.2), ("six", 4.5)]
    said += [
        ("weeks.", 4.7),
        ("So", 6.4),
        ("I", 7.5),
        ("split", 7.8),
        ("the", 8.1),
        ("work", 8.4),
        ("up.", 8.7),
    ]
    words = [
        Word(w, round(t - stretch.start_s, 2), round(t - stretch.start_s + 0.25, 2), 0.9) for w, t in said
    ]
    take = Take(Transcript.from_words(words, stretch.end_s - stretch.start_s))
    shown = [(t.speaker, t.text) for t in heard_turns(turns, [stretch], [take])]
    assert shown == [
        ("interviewer", "Tell me about a time you failed?"),
        ("candidate", "We missed the launch by six weeks."),
        ("interviewer", "I see go on"),
        ("candidate", "So I split the work up."),
    ]


def test_the_last_answer_is_heard_again_to_the_end_of_its_sound():
    """A recording's last answer, with nobody speaking after it, runs to where the voice detector
    last hears speech, not 0.4 s past Whisper's last word: on the 1:00 lecture reviewed as one
    voice, the call's decode without the prompt lost the last word, cut off by the clip's end at
    59.97 s, so the take ended at 59.8 s and heard its fillers differently from the same file
    analysed as practice (tests/test_filled_pauses_real.py)."""
    from coach.interview.takes import answer_stretches

    turns = _conversation(
        ("Tell me about a time you failed?", 0.0, "interviewer"),  # words to 2.05 s
        ("We missed the launch by six weeks", 3.0, "candidate"),  # 3.0-4.75 s
    )
    speech = [(0.0, 2.2), (2.9, 4.8), (5.3, 6.4)]  # after "weeks", 1.1 s more speech with no words
    [first] = exchanges(turns)
    [stretch] = answer_stretches([first], turns, speech)
    assert stretch.end_s == pytest.approx(6.4)
