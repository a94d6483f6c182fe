"""`review` on the generated test interviews (scripts/make_interview_clips.py): real Whisper, real
speaker encoder, ground truth from the script. Clips are under a minute; the model loads once."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import soundfile

from coach.banks import load_questions
from coach.cli import _describe_review
from coach.config import load_settings
from coach.errors import AudioError, NoSpeechError
from coach.interview.chunks import CHUNK_S as REVIEW_CHUNK_S
from coach.interview.evaluation import attribution_accuracy, questions_found
from coach.interview.listen import ReviewCancelled, listen
from coach.interview.matching import match_question
from coach.interview.review import ReviewOptions, review
from coach.interview.speakers import profile_from_recordings
from coach.interview.turns import exchanges, make_turns
from coach.types import Word
from tests.cli_support import run_coach, unwrapped

pytestmark = pytest.mark.slow
CLIPS = Path(__file__).parent / "data" / "interviews"
CHUNK_S = 20.0  # several chunks even in a one-minute clip, so chunking and resume are exercised
# the stereo clip is reviewed as `coach review` chunks it (one chunk), so the command's test starts
# from that review's work instead of transcribing both channels again
STEREO = dict(candidate_channel="left", chunk_s=REVIEW_CHUNK_S)
ANALYSIS_KEYS = {
    "transcript",
    "duration_s",
    "words",
    "fillers",
    "repetitions",
    "hedges",
    "sentences",
    "metrics",
    "scores",
    "feedback",
}


@pytest.fixture(scope="module")
def data_settings(tmp_path_factory):
    return load_settings(data_dir=tmp_path_factory.mktemp("review-data"))


@pytest.fixture(scope="module")
def profile(data_settings):
    return profile_from_recordings([CLIPS / "candidate_practice.flac"], data_settings)


@pytest.fixture(scope="module")
def run(data_settings):
    cache: dict = {}

    def run_review(name: str, **options) -> dict:
        key = (
            name,
            tuple(sorted((k, id(v) if isinstance(v, np.ndarray) else v) for k, v in options.items())),
        )
        if key not in cache:
            cache[key] = review(
                CLIPS / name,
                data_settings,
                ReviewOptions(**{"chunk_s": CHUNK_S, **options}),
                questions=load_questions(),
            )
        return cache[key]

    return run_review


def _truth(name: str) -> list[dict]:
    return json.loads((CLIPS / name).with_suffix(".json").read_text())["turns"]


def test_result_has_the_contract_shape(run, profile):
    result = run("interview_mono.flac", profile=profile)
    assert {"duration_s", "speakers", "turns", "answers", "metrics"} <= set(result)
    assert {s["label"] for s in result["speakers"]} == {"candidate", "interviewer"}
    starts = [t["start_s"] for t in result["turns"]]
    assert starts == sorted(starts)
    assert all(ANALYSIS_KEYS <= set(a["analysis"]) for a in result["answers"])


def test_with_a_voice_profile_the_candidate_is_found_and_speech_time_attributed(run, profile):
    result = run("interview_mono.flac", profile=profile)
    assert result["identification"]["method"] == "voice profile"
    assert attribution_accuracy(result["turns"], _truth("interview_mono.flac")) >= 0.90
    # said in words: the note and `coach review`'s first line ended in a raw figure, "(0.98)"
    note = result["identification"]["note"]
    assert re.fullmatch(r"speaker \d sounds most like your practice recordings", note), note
    # wrapped at words in 80 columns, above the speakers' lines
    first = " ".join(line for line in _describe_review(result).split("\n  ")[0].splitlines())
    assert re.search(r"\(you: speaker \d, whose voice sounds most like your practice recordings\)$", first)
    assert not re.search(r"\d\.\d\d", first), first


def test_speech_turns_say_who_spoke_when_from_the_sound(run, profile):
    """Beside the turns of words, turns over the voice detector's speech: in time order, never
    overlapping, named like the speakers, and (with the profile) giving the right person the
    speech time the script says they spoke."""
    result = run("interview_mono.flac", profile=profile)
    turns = result["speech_turns"]
    assert {t["speaker"] for t in turns} == {s["label"] for s in result["speakers"]}
    pairs = zip(turns, turns[1:], strict=False)
    assert all(a["end_s"] <= b["start_s"] and a["speaker"] != b["speaker"] for a, b in pairs)
    assert all(t["start_s"] < t["end_s"] for t in turns)
    assert attribution_accuracy(turns, _truth("interview_mono.flac")) >= 0.90


def test_stereo_channels_separate_the_speakers(run):
    result = run("interview_stereo.flac", **STEREO)
    assert result["identification"]["method"] == "channel"
    assert attribution_accuracy(result["turns"], _truth("interview_stereo.flac")) >= 0.90
    assert attribution_accuracy(result["speech_turns"], _truth("interview_stereo.flac")) >= 0.90
    assert result["metrics"]["overlaps"] is not None


def test_three_voices_with_background_noise(run):
    result = run("interview_three_noise.flac", n_speakers=3)
    truth = _truth("interview_three_noise.flac")
    assert attribution_accuracy(result["turns"], truth, best_mapping=True) >= 0.85
    assert {s["label"] for s in result["speakers"]} == {"candidate", "interviewer", "interviewer 2"}


@pytest.mark.xfail(
    strict=True,
    reason="known weak spot (README, Real interviews): told three people speak, one spectral cut "
    "splits the candidate's voice in two and gives an interviewer about half of each answer",
)
def test_three_voices_each_answer_is_yours_and_each_question_its_askers(run, profile):
    """What the user sees, told three people speak and with the voice profile: each of their answers
    is theirs (at least 90% of its time given to them, so its words and fillers are in it) and each
    question is listed as asked by the interviewer who asked it. The second interviewer is a man like
    the candidate, whose answers are long. Today one spectral cut into three splits the candidate's
    voice instead (issue 18); halving the groups, tried and not kept, gave the second interviewer's
    question to the candidate, joining the two answers into one."""
    result = run("interview_three_fillers.flac", n_speakers=3, profile=profile)
    truth = _truth("interview_three_fillers.flac")
    assert result["identification"]["method"] == "voice profile"
    for said in (t for t in truth if t["kind"] == "answer"):
        yours = sum(
            max(0.0, min(t["end_s"], said["end_s"]) - max(t["start_s"], said["start_s"]))
            for t in result["turns"]
            if t["speaker"] == "candidate"
        )
        assert yours >= 0.9 * (said["end_s"] - said["start_s"]), (said["text"], yours)
    asked = {a["bank_id"]: a["asked_by"] for a in result["answers"] if a["bank_id"]}
    questions = [t for t in truth if t["kind"] == "question" and t["bank_id"]]
    assert questions, "the clip's script asks bank questions"
    assert {q["bank_id"]: asked.get(q["bank_id"]) for q in questions} == {
        q["bank_id"]: q["speaker"] for q in questions
    }


def test_telephone_quality_questions_are_found_and_matched_to_the_bank(run):
    result = run("interview_phone.wav")
    truth = _truth("interview_phone.wav")
    assert attribution_accuracy(result["turns"], truth, best_mapping=True) >= 0.85
    found = questions_found(result["answers"], truth)
    # Measured under CT2_FORCE_CPU_ISA AVX, AVX2, AVX512 and GENERIC, 1 and 2 threads: 3 of 3
    # found (2 matched to the bank) except GENERIC, 2 of 3 (tiny.en hears "Describe a time a
    # teammate was struggling" as "the primer timer teammate once struggling." and gives "What did
    # you do?" to the candidate). A user notices a missed question; all but one are found everywhere.
    assert found["found"] >= found["questions"] - 1
    assert found["bank_matched"] >= found["found"] - 1


def _said(*parts: tuple[str, float, str]) -> list:
    """Turns of a conversation from (words, start, speaker), a word every 0.3 s."""
    words, speakers = [], []
    for text, start, speaker in parts:
        for i, word in enumerate(text.split()):
            words.append(Word(word, start + i * 0.3, start + i * 0.3 + 0.25))
            speakers.append(speaker)
    return make_turns(words, speakers)


def test_a_follow_up_is_asked_with_what_the_interviewer_said_before_it():
    """tiny.en hears "Thanks. Describe a time a teammate was struggling. What did you do?" as "Hank,
    the primer timer teammate was struggling. What did you do?": no prompt in the first sentence, so
    only "What did you do?" was taken as the question, matched nothing, and was offered as the
    user's own practice question beside the bank's beh-collab-02. The sentence before a bare
    follow-up in the same turn is what it asks about; after only "Thanks." a follow-up stays bare."""
    questions = load_questions()
    first, second = exchanges(
        _said(
            ("Hank, the primer timer teammate was struggling. What did you do?", 0.0, "interviewer"),
            ("I asked him how things were going in a quiet one to one.", 5.0, "candidate"),
            ("Thanks. Why?", 9.0, "interviewer"),
            ("Because he seemed worried and missed deadlines.", 10.0, "candidate"),
        )
    )
    assert first.question == "Hank, the primer timer teammate was struggling. What did you do?"
    assert first.question_start_s == 0.0
    assert match_question(first.question, questions).bank_id == "beh-collab-02"
    assert second.question == "Why?"


# Answers long enough to be scored (coach.analysis.quality: 20 words, 10 s of speech).
MOTIVE = (
    "I use your tools every day at work and I like how carefully they are built. I want to help make "
    "them better for other people, and this team works on exactly the part I care about most."
)
MOTIVE_AGAIN = (
    "I would like to keep building tools like that for many more people, and to learn from a team "
    "that cares about the details as much as I do, because that is the kind of work I enjoy."
)
STORY = (
    "Our nightly reports kept failing and people restarted them by hand every morning. I traced the "
    "failures to a shared lock in the database and moved the reports to a replica, and I told the team."
)


def _reviewed_answers(*parts: tuple[str, float, str]) -> list[dict]:
    """The review's answers to a conversation of text (`_said`), each answer's words taken as its
    take, as when heard again: the review's own steps from turns on, without audio."""
    from coach.interview.review import answers_of
    from coach.interview.takes import Take
    from coach.types import Transcript

    turns = _said(*parts)
    pairs = exchanges(turns)
    takes = [
        Take(
            Transcript.from_words(
                [
                    replace(w, start_s=w.start_s - p.answer_from_s, end_s=w.end_s - p.answer_from_s)
                    for w in p.answer_words
                ],
                p.answer_to_s - p.answer_from_s,
            )
        )
        for p in pairs
    ]
    return answers_of(pairs, turns, takes, load_questions(), load_settings(), None)


def test_a_bare_follow_up_is_coached_as_the_question_it_follows():
    """A bare follow-up matched to no bank question was coached by its words alone, as if asked on
    its own: "And how did that turn out?" after "Why do you want to work here?" was taken for a
    story question, its answer given a STAR structure score and "No result stated"; in a mock
    interview the same follow-up is no story (coach.banks.follow_up_format), nor is it here now.
    After a story question it stays a story's follow-up."""
    motive, why = _reviewed_answers(
        ("Why do you want to work here?", 0.0, "interviewer"),
        (MOTIVE, 3.0, "candidate"),
        ("And how did that turn out?", 20.0, "interviewer"),
        (MOTIVE_AGAIN, 22.0, "candidate"),
    )
    assert motive["bank_id"] == "mot-03"
    assert why["bank_id"] is None and why["question"] == "And how did that turn out?"
    assert why["analysis"]["scores"]["structure"].get("applies") is False, why["analysis"]["scores"]
    assert not [line for line in why["analysis"]["feedback"] if "No result stated" in line]
    story, then = _reviewed_answers(
        ("Describe a time you fixed the root cause of a problem.", 0.0, "interviewer"),
        (STORY, 4.0, "candidate"),
        ("What happened next?", 20.0, "interviewer"),
        (MOTIVE_AGAIN, 22.0, "candidate"),
    )
    assert story["bank_id"] and then["bank_id"] is None
    assert then["analysis"]["scores"]["structure"]["score"] is not None, then["analysis"]["scores"]
    assert [line for line in then["analysis"]["feedback"] if "No result stated" in line]


def test_a_bare_follow_up_is_matched_to_no_bank_question():
    """ "And then what?" after "Tell me about a time you disagreed with your manager." was matched to
    the bank's "What is a gap in your CV, and what were you doing then?" (similarity 0.503, its
    shared words "and", "what", "then"): its answer was counted as one to that question and coached
    as no story. A bare follow-up asks about what was said before it, so it is the story's
    follow-up, as "What did you learn?" is, not the bank's "Tell me about a deal you lost. What did
    you learn?"."""
    story, then, learned = _reviewed_answers(
        ("Tell me about a time you disagreed with your manager.", 0.0, "interviewer"),
        (STORY, 4.0, "candidate"),
        ("And then what?", 20.0, "interviewer"),
        (STORY, 22.0, "candidate"),
        ("What did you learn?", 38.0, "interviewer"),
        (MOTIVE_AGAIN, 40.0, "candidate"),
    )
    assert story["bank_id"] == "beh-conf-02"
    assert (then["bank_id"], learned["bank_id"]) == (None, None), (then["match"], learned["match"])
    assert then["analysis"]["scores"]["structure"]["score"] is not None, then["analysis"]["scores"]
    assert learned["analysis"]["scores"]["structure"]["score"] is not None, learned["analysis"]["scores"]


def test_the_banks_questions_that_end_in_a_follow_up_are_heard_whole_and_matched():
    """The bank asks situational questions the same way ("A teammate is consistently missing
    deadlines and it is affecting your work. What would you do?"): said as one turn, each is the
    whole question and matches its own entry. They had been cut to their last sentence ("What would
    you do?", "How do you decide?"), which matched another entry or none."""
    questions = load_questions()
    ids = ("beh-collab-02", "beh-ment-08", "beh-own-04", "pm-05", "pm-13", "sales-05", "sit-05", "sit-07")
    ids += ("sit-12", "sit-13", "sit-17", "sit-18", "sit-19", "sit-23", "sit-24")
    asked = [q for q in questions if q.id in ids]
    assert len(asked) == len(ids)
    for question in asked:
        answer = ("First I would ask what happened.", 30.0, "candidate")
        [pair] = exchanges(_said((question.text, 0.0, "interviewer"), answer))
        assert pair.question == question.text
        assert match_question(pair.question, questions).bank_id == question.id, question.text


def test_a_misheard_question_with_a_follow_up_is_matched_to_the_bank_not_offered(run):
    """The real clip: tiny.en hears the interviewer's "Thanks. Describe a time a teammate was
    struggling. What did you do?" as "Hank, this primer timer teammate was struggling. What did you
    do?". The review matched "What did you do?" to nothing and offered it for the user's bank."""
    result = run("interview_phone.wav")
    [asked] = [a for a in result["answers"] if "What did you do" in (a["question"] or "")]
    assert "struggling" in asked["question"], asked["question"]
    assert asked["bank_id"] == "beh-collab-02", asked["match"]
    assert not [a["question"] for a in result["answers"] if a["add_to_bank"]]


def test_cli_review_adds_no_bare_follow_up_to_your_questions(tmp_path):
    """`coach review --save --add-questions`, then `coach debrief`, which saves the review's list of
    questions they asked to the bank: "What did you do?" joined the user's own questions."""
    data = tmp_path / "data"
    args = ["review", CLIPS / "interview_phone.wav", "--save", "--company", "Acme", "--add-questions"]
    done = run_coach(*args, "--json", "--no-progress", data_dir=data)
    assert done.returncode == 0, done.stderr
    # no voice profile here: the guess is said for a terminal, which shows each speaker's words and
    # plays nothing (it said "Listen to the snippets")
    [guess] = [line for line in done.stderr.splitlines() if "No voice profile yet" in line]
    assert "was taken to be you. Read what each speaker says below; if that is wrong" in guess, guess
    result = json.loads(done.stdout)
    assert result["added_to_bank"] == []
    assert "beh-collab-02" in [a["bank_id"] for a in result["answers"]]
    kept = result["saved"]["interview_id"]
    debriefed = run_coach("debrief", kept, "--interest", "4", data_dir=data)
    assert debriefed.returncode == 0, debriefed.stderr
    shown = run_coach("interview", kept, data_dir=data).stdout
    assert "“Describe a time a teammate was struggling. What did you do?”" in unwrapped(shown), shown
    own = [q.text for q in load_questions(data) if q.source != "bank"]
    assert not [q for q in own if "What did you do" in q], own


def test_cli_review_tells_your_own_question_the_command_that_adds_its_talking_points(tmp_path):
    """interview_short.flac asks "Can you walk me through a project that did not meet its goals?",
    here a question of your own with no talking points: `coach review --json` told the user to "add
    what a strong answer covers on the Questions page", in a terminal, where `coach analyze` and
    `coach mock --json` name `coach edit-question ID --talking-point POINT`. It names the command
    now; the answer kept with --save, which the pages show, keeps naming the Questions page."""
    from coach.store import get_interview, open_store

    data = tmp_path / "data"
    asked = "Can you walk me through a project that did not meet its goals?"  # the clip's words
    added = run_coach("add-question", asked, data_dir=data)
    assert added.returncode == 0, added.stderr
    question_id = added.stdout.split()[0]
    clip = CLIPS / "interview_short.flac"
    done = run_coach("review", clip, "--save", "--company", "Acme", "--json", "--no-progress", data_dir=data)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    [answer] = [a for a in result["answers"] if a["bank_id"] == question_id]
    added_where = "your own question has no talking points to check (add what a strong answer covers"
    command = f"`coach edit-question {question_id} --talking-point POINT`"
    because = answer["analysis"]["scores"]["content"]["because"]
    assert because.startswith(f"{added_where} with {command});"), because
    assert "Questions page" not in done.stdout
    db = open_store(load_settings(data_dir=data))
    try:
        [kept] = get_interview(db, result["saved"]["interview_id"])["recordings"][0]["turns"]
    finally:
        db.close()
    stored = kept["analysis"]["scores"]["content"]["because"]
    assert stored.startswith(f"{added_where} on the Questions page);"), stored


def test_answers_are_timed_from_the_end_of_their_question(run, profile):
    result = run("interview_mono.flac", profile=profile)
    first = result["answers"][0]
    assert first["bank_id"] == "beh-conf-01"
    assert 0 < first["analysis"]["metrics"]["time_to_first_word_s"] < 3
    assert result["metrics"]["response_time_s"]["median"] < 3
    assert result["metrics"]["candidate_questions"], "the candidate's closing question is listed"


def test_an_answer_has_as_many_fillers_in_the_review_as_when_analysed_as_practice(
    run, profile, data_settings, tmp_path
):
    """Issue 18: each answer of interview_fillers.flac has 4 fillers written in (um, uh, like, you
    know). Reviewed in the interview, an answer's fillers are counted as when the same stretch of
    the recording is analysed alone as a practice take. Before each answer was heard again as a
    practice take is, the review counted 1 and 1 here where practice counted 4 and 4."""
    from coach.practice import practice_answer

    result = run("interview_fillers.flac", profile=profile)
    truth = _truth("interview_fillers.flac")
    answers = [(q["bank_id"], a) for q, a in zip(truth, truth[1:], strict=False) if a["kind"] == "answer"]
    samples, rate = soundfile.read(str(CLIPS / "interview_fillers.flac"), dtype="float32")
    reviewed, practised = [], []
    for k, (bank_id, turn) in enumerate(answers):
        [answer] = [a for a in result["answers"] if a["bank_id"] == bank_id]
        take = tmp_path / f"answer-{k}.wav"
        soundfile.write(
            str(take), samples[int((turn["start_s"] - 0.3) * rate) : int((turn["end_s"] + 0.3) * rate)], rate
        )
        practice = practice_answer(take, data_settings, save=False)
        reviewed.append(len(answer["analysis"]["fillers"]))
        practised.append(len(practice.analysis["fillers"]))
    written = 4 * len(answers)
    assert sum(practised) >= written - 1  # practice hears what was said
    assert all(abs(r - p) <= 1 for r, p in zip(reviewed, practised, strict=True)), (reviewed, practised)
    assert abs(sum(reviewed) - sum(practised)) <= 0.2 * sum(practised), (reviewed, practised)


def test_the_conversation_shows_your_answers_as_they_were_heard_again(run, profile):
    """The page's conversation and its answers read the same: your turns carry the words each
    answer was analysed from (the "um"s the pass over the whole call leaves out included), at
    their times in the recording."""
    result = run("interview_fillers.flac", profile=profile)
    yours = [t for t in result["turns"] if t["speaker"] == "candidate"]
    for answer in result["answers"]:
        words = answer["analysis"]["words"]
        said = [t for t in yours if answer["offset_s"] <= t["start_s"] < answer["end_s"]]
        assert said, answer["question"]
        shown = " ".join(t["text"] for t in said).split()
        assert shown == [w["text"] for w in words], answer["question"]
        assert abs(said[0]["start_s"] - (answer["offset_s"] + words[0]["start_s"])) < 0.01
    fillers = sum(len(a["analysis"]["fillers"]) for a in result["answers"])
    spoken = " ".join(t["text"] for t in yours).lower()
    assert fillers >= 6 and sum(spoken.count(f) for f in ("um", "uh")) >= 3
    # each voice's snippet (Who is who) quotes the conversation's words: it had quoted the pass over
    # the whole call ("a colleague wanted") beside the answer heard again ("I wanted")
    for speaker in result["speakers"]:
        theirs = " ".join(t["text"] for t in result["turns"] if t["speaker"] == speaker["label"])
        assert speaker["snippet"]["text"] in theirs, speaker["label"]


def test_the_drafts_measured_lines_are_told_from_the_users_own(run, profile):
    """What "Review again" relies on to refresh a debrief: every line a review drafts is known as
    measured, a line the user wrote is not (even one that shares its words), and refreshing keeps
    the user's lines after the new review's."""
    from coach.interview.draft import MEASURED_FIELDS, is_measured, refreshed_text

    draft = run("interview_fillers.flac", profile=profile)["debrief_draft"]
    lines = [line for field in MEASURED_FIELDS for line in draft[field].splitlines()]
    assert len(lines) >= 4 and all(is_measured(line) for line in lines), lines
    mine = ["I rushed the last answer.", "I started more than 5 s after the question."]
    assert not any(is_measured(line) for line in mine)
    old = "You spoke 12% of the time over 1 question.\n" + "\n".join(mine)
    assert refreshed_text(old, draft["went_well"]) == "\n".join([draft["went_well"], *mine])
    # lines a debrief saved in the earlier wording are still the review's, replaced when refreshed
    earlier = [
        "1 of 2 answers were at a conversational pace (130–175 wpm).",
        "1 answer to bank questions did not state a result.",
        "Answers at a conversational pace (130–175 wpm): 1 of 2.",
    ]
    assert all(is_measured(line) for line in earlier)
    assert refreshed_text("\n".join([*earlier, *mine]), "") == "\n".join(mine)


@pytest.fixture(scope="module")
def long_silence(tmp_path_factory) -> tuple[dict, list[str]]:
    """One review, with its progress lines, of the 24 s interview with 65 s of silence between the
    candidate's first words (to 4.1 s) and the question (from 5.0 s), as between a turn and the next
    question in the 58 s one; in a data folder of its own (no chunk kept from another review: all
    transcribed here). For the test of the silence and the two of the progress below, which had a
    review each of the same interview (the progress tests' without the silence: 4 s of CPU)."""
    folder = tmp_path_factory.mktemp("long-silence")
    samples, rate = soundfile.read(str(CLIPS / "interview_short.flac"), dtype="float32")
    split = int(4.5 * rate)
    padded = np.concatenate([samples[:split], np.zeros(int(65 * rate), np.float32), samples[split:]])
    path = folder / "gap.flac"
    soundfile.write(str(path), padded, rate)
    lines: list[str] = []
    result = review(
        path,
        load_settings(data_dir=folder / "data"),
        ReviewOptions(chunk_s=CHUNK_S),
        questions=load_questions(),
        progress=lambda p: lines.append(p.line()),
    )
    return result, lines


@pytest.fixture(scope="module")
def progress_lines(long_silence) -> list[str]:
    return long_silence[1]


def test_after_the_call_is_transcribed_the_progress_says_what_is_being_done(progress_lines):
    """Once the last of the call was transcribed, the Review page's bar (and the terminal) stayed on
    "Reviewed 1:00 of 1:00 (100%), about 0:00 left" while its sound was gone over again, the voices
    told apart and the answers analysed: 13 s, then 21 s more on the one-minute lecture of
    tests/data/real_speech on a loaded machine, longer the longer the call. It says each step."""
    lines = progress_lines
    # the last chunk transcribed: its sound is gone over again before it is done
    decoded = lines.index(next(line for line in lines if "(100%)" in line))
    assert lines[decoded + 1].endswith(" again for missed words, fillers and voices"), lines
    transcribed = max(i for i, line in enumerate(lines) if "(100%)" in line)
    after = list(dict.fromkeys(lines[transcribed + 1 :]))
    assert after[0] == "telling the voices apart", lines
    assert after[-2:] == ["analysing your answers", "done"], lines  # "done": the bar's end


def test_before_the_first_words_the_progress_says_the_model_loads_then_what_is_transcribed(progress_lines):
    """Until Whisper's first words the Review page said "Saving the recording" (5-17 s on the
    one-minute lecture of tests/data/real_speech: the speech model loading, then the first stretch
    transcribed) and the terminal said nothing. Both say those steps, from the review's own lines."""
    lines = progress_lines
    before = lines[: next(i for i, line in enumerate(lines) if line.startswith("reviewed "))]
    # a chunk ends in a pause near its length (0:20 here, for 20 s: the silence)
    assert len(before) == 2 and before[0] == "loading the speech model", lines
    assert re.fullmatch(r"transcribing 0:00–0:2\d", before[1]), lines


def test_the_terminal_says_each_step_before_the_first_words_however_soon(capsys):
    """`coach review` printed a line at most every 2 s: with the speech model already loaded, the
    stretch being transcribed came at once after "loading the speech model" and was not said."""
    from coach.cli import _review_progress
    from coach.interview.listen import Progress

    show = _review_progress(True)
    show(Progress(0.0, 60.0, 0.0, None, 0, 0, step="loading the speech model"))
    show(Progress(0.0, 60.0, 0.1, None, 0, 0, step="transcribing 0:00–1:00"))
    assert capsys.readouterr().err.splitlines() == ["loading the speech model", "transcribing 0:00–1:00"]


# one_voice.flac is reviewed as `coach review` chunks it, so the command's test starts from this
# review's work instead of transcribing it again
ONE_VOICE = dict(chunk_s=REVIEW_CHUNK_S)


def test_one_voice_gives_a_clear_warning_and_one_answer(run):
    result = run("one_voice.flac", **ONE_VOICE)
    assert any("Only one voice" in w for w in result["warnings"])
    assert len(result["answers"]) == 1 and result["answers"][0]["question"] is None


def test_only_you_speaking_gives_no_conversation_lines(run):
    """The user said only they speak in a recording of an interview: the draft read "You spoke 100%
    of the time over 1 question" and "You asked 4 questions of your own" (the interviewer's
    questions, in one voice, taken for the user's). With one voice there is no conversation to
    measure; the answer is still scored and drafted."""
    result = run("interview_mono.flac", n_speakers=1)
    assert result["identification"]["method"] == "one voice"
    assert result["metrics"]["candidate_talk_share"] is None
    [answer] = result["answers"]
    assert answer["analysis"]["scores"] is not None
    draft = result["debrief_draft"]
    lines = (draft["went_well"] + "\n" + draft["could_be_better"]).splitlines()
    assert not [line for line in lines if line.startswith(("You spoke", "You asked"))], lines
    assert any("conversational pace" in line for line in lines), lines


def test_the_interviewers_words_inside_an_answer_are_not_its_time(data_settings, tmp_path):
    """The real 8 kHz news clip reviewed as an interview: an answer of the voice taken for the
    candidate ran 57 s with two other voices' turns of 11-12 s inside it, and read 102 wpm with two
    12 s "pauses" where its speaker said 97 words in 33 s. Its length, pace and pauses are now its
    speaker's own. The clip from 85 s on holds that answer (without the fix: 56 s, 90 wpm, two long
    pauses; with it 29 s, 174 wpm), in 17 s of review where the whole 169 s clip took 28."""
    from coach.analysis import analyze
    from coach.interview.saving import _answer_transcript
    from coach.reanalysis import transcript_from_dict
    from scripts import real_speech

    samples, rate = soundfile.read(str(real_speech.ensure() / "news_8k.wav"), dtype="float32")
    clip = tmp_path / "news_8k_from_85s.wav"
    soundfile.write(str(clip), samples[int(85 * rate) :], rate)
    result = review(clip, data_settings, ReviewOptions(), questions=load_questions())
    turns = result["turns"]
    checked = 0
    for answer in result["answers"]:
        metrics, words = answer["analysis"]["metrics"], answer["analysis"]["words"]
        start, end = answer["offset_s"] + words[0]["start_s"], answer["offset_s"] + words[-1]["end_s"]
        inside = sum(
            min(t["end_s"], end) - max(t["start_s"], start)
            for t in turns
            if t["speaker"] != "candidate" and t["start_s"] < end and t["end_s"] > start
        )
        if inside < 5:
            continue
        checked += 1
        assert metrics["duration_s"] <= answer["end_s"] - answer["offset_s"] - inside + 1.0, metrics[
            "duration_s"
        ]
        assert metrics["long_pauses"] == 0, metrics["pauses"]
        assert metrics["wpm"] > 140, metrics["wpm"]  # a newsreader's pace
        # as stored, so `coach reanalyze` measures it the same way
        stored = transcript_from_dict(_answer_transcript(answer))
        again = analyze(stored, settings=data_settings, interview=True).metrics
        assert (again["duration_s"], again["wpm"]) == (metrics["duration_s"], metrics["wpm"])
    assert checked, "the clip has an answer with other voices inside it"


def test_the_terminal_says_what_to_do_about_one_voice_with_its_option(tmp_path, run, data_settings):
    """`coach review` on a recording heard as one voice printed the Review page's advice, "review it
    again saying 2 people speak" (a box there), as its warning and under the answer, then the
    command: the terminal names its option instead, and the page's words are not printed (and, as
    on the page, the reason is not said a second time under the whole talk as an answer). The
    command starts from the module's review of the recording with the same settings (what is
    tested is what it says, not how it transcribes)."""
    from coach.config import REVIEW_WORK_FOLDER

    clip = CLIPS / "one_voice.flac"
    run("one_voice.flac", **ONE_VOICE)  # done once per module: test_one_voice_gives_…
    shutil.copytree(data_settings.data_dir / REVIEW_WORK_FOLDER, tmp_path / REVIEW_WORK_FOLDER)
    done = run_coach("review", clip, "--no-progress", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    said = (
        "Only one voice was found, so your words could not be told apart from the interviewer's and "
        "nothing is scored. If the interviewer speaks in it too, review it again with --speakers 2."
    )
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    assert f"warning: {said}" in warnings, done.stderr
    # said once, as the page says it: not again under the whole talk listed as an answer
    assert "not measured" not in done.stdout, done.stdout
    assert "people speak" not in done.stdout + done.stderr


def test_the_terminal_says_a_guess_at_your_voice_once(tmp_path):
    """`coach review` on a two-voice recording with no voice profile said the guess twice: its first
    line ended "(a guess: you are speaker 1, who talks the most)", then the warning said "No voice
    profile yet …, so speaker 1, who talks the most, was taken to be you." The warning says it now,
    as on the Review page."""
    done = run_coach("review", CLIPS / "interview_phone.wav", "--no-progress", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    said = [line for line in (done.stderr + done.stdout).splitlines() if "who talks the most" in line]
    assert len(said) == 1 and said[0].startswith("warning: No voice profile yet"), said
    first = done.stdout.splitlines()[0]
    assert re.fullmatch(r"\d+ turns?, \d+ answers?, \d+:\d\d long", first), first


def test_the_terminal_summary_says_only_what_was_measured(run, profile):
    """`coach review` printed "Response time median None s; 0 interruptions; you asked 0 questions"
    for a recording heard as one voice, and "1 turns, 1 answers": the conversation's line is there
    only when two voices were told apart, and counts read as words. Questions are titled as on the
    Review page. Its first line counts the answers it lists, as the page lists them: a recording
    heard as one voice (or with no question heard) said "1 turn, 1 answer" above none, the warning
    before it saying that nothing was scored."""
    from coach.cli import _describe_review
    from coach.ui import summary

    alone = _describe_review(run("one_voice.flac", **ONE_VOICE))
    assert alone.startswith("1 turn, 0 answers, ")
    assert "None" not in alone and "began answering" not in alone and "you asked" not in alone
    assert alone.endswith("No debrief draft: nothing was measured.")
    reviewed = run("interview_fillers.flac", profile=profile)
    both = _describe_review(reviewed)
    # a matched question is titled in the bank's words, as the page titles it; what was heard below
    matched = [a for a in reviewed["answers"] if a["bank_question"]]
    assert matched and all(f"[{a['bank_id']}] {a['bank_question']}\n" in both for a in matched), both
    # each answer's length as the page's headline gives it (0:17 there, "18 s" here)
    scored = [a for a in reviewed["answers"] if a["analysis"]["scores"] is not None]
    assert all(f"  {summary.clock(a['analysis']['metrics']['duration_s'])} · " in both for a in scored), both
    said = (
        r"You usually began answering \d+\.\d s after a question; you asked \d+ questions? of your own\. "
        r"You (started|did not start) talking"
    )
    assert re.search(said, " ".join(both.split())), both  # wrapped at words in 80 columns
    assert both.startswith(f"{len(reviewed['turns'])} turns, {len(reviewed['answers'])} answers, ")
    assert len(re.findall(r"^\[", both, re.M)) == len(reviewed["answers"]), both  # each listed


def test_the_terminal_review_fits_80_columns_each_line_whole_once_joined(run, profile):
    """`coach review` of the 53 s interview printed its first line naming your voice (101 columns),
    each speaker's line with what they said (139), the share of talk (102), the conversation's
    line (108) and the draft's lines (86, 89) each on one line: an 80-column terminal cut them
    mid-word. Each now wraps at words under its own indent, and reads as before once joined."""
    from coach.cli import _describe_review
    from coach.interview.how_it_went import how_it_went

    reviewed = run("interview_fillers.flac", profile=profile)
    shown = _describe_review(reviewed).splitlines()
    assert [line for line in shown if len(line) > 80] == []
    said = " ".join(" ".join(shown).split())
    went = how_it_went(reviewed["metrics"])
    assert went.talk in said and f"{went.exchanges} {went.interruptions}" in said, said
    for line in (reviewed["debrief_draft"]["could_be_better"] or "").splitlines():
        assert " ".join(line.split()) in said, line
    # each speaker's line (both long: what they said is quoted), its next line under its words
    for speaker in reviewed["speakers"]:
        at = next(n for n, line in enumerate(shown) if line.startswith(f"  {speaker['label']} ("))
        assert shown[at + 1].startswith("    ") and shown[at + 1][4] != " ", shown[at : at + 2]


def test_a_second_recording_of_an_interview_adds_to_its_drafts_measured_lines(data_settings, profile):
    """Two recordings reviewed into one interview (its two halves): the debrief draft had the
    second's figures alone ("You spoke 56% of the time over 2 questions", its answers only in every
    count), the first's gone. Now the draft is the whole interview's, the same as stored and as the
    Review page and `coach review` get it, and reviewing one recording again keeps the other's.
    The clips were reviewed with these options above, so their words and answers are reused."""
    from coach import store
    from coach.analysis.wording import count
    from coach.cli import _describe_review
    from coach.interview.draft import MEASURED_FIELDS
    from coach.interview.orchestrator import review_again, review_recording

    halves = [
        ("interview_stereo.flac", ReviewOptions(**STEREO)),
        ("interview_mono.flac", ReviewOptions(chunk_s=CHUNK_S, profile=profile)),
    ]
    db = store.open_store(data_settings)
    try:
        held, results = None, []
        for name, options in halves:
            logged = dict(interview_id=held) if held else dict(company="Acme", interview_date="2025-05-01")
            reviewed = review_recording(db, data_settings, CLIPS / name, options, use_profile=False, **logged)
            results.append(reviewed.result)
            held = reviewed.result["saved"]["interview_id"]
        [debrief] = store.list_debriefs(db, interview_id=held)
        draft = results[1]["debrief_draft"]
        assert {field: debrief[field] for field in MEASURED_FIELDS} == {f: draft[f] for f in MEASURED_FIELDS}

        # every count covers both recordings: their questions, measured answers and own questions
        facts = [r["metrics"] for r in results]
        assert all(f["candidate_talk_share"] is not None and f["questions"] >= 2 for f in facts), facts
        lines = (draft["went_well"] + "\n" + draft["could_be_better"]).splitlines()
        [spoke] = [line for line in lines if line.startswith("You spoke")]
        assert f" of the time over {sum(f['questions'] for f in facts)} questions" in spoke, lines
        talk = [sum(f["talk_s"].values()) for f in facts]
        share = sum(f["candidate_talk_share"] * t for f, t in zip(facts, talk, strict=True)) / sum(talk)
        assert abs(int(re.search(r"You spoke (\d+)%", spoke).group(1)) - 100 * share) <= 1, spoke
        measured = sum(1 for r in results for a in r["answers"] if a["analysis"]["scores"] is not None)
        counted = [int(n) for n in re.findall(r" of (\d+) measured\.", "\n".join(lines))]
        assert counted and set(counted) == {measured}, lines
        asked = sum(len(f["candidate_questions"]) for f in facts)
        assert f"You asked {count(asked, 'question')} of your own." in lines, lines
        printed = _describe_review(results[1]).splitlines()  # what `coach review` prints, line by line
        well = printed.index("Went well:")
        went_well = [f"  {line}" for line in draft["went_well"].splitlines()]
        assert printed[well + 1 : well + 1 + len(went_well)] == went_well, printed

        # "Review again" of the first half, as it was: the draft is still the whole interview's
        first_recording = results[0]["saved"]["interview_recording_id"]
        again = review_again(db, data_settings, first_recording, halves[0][1]).result
        assert {f: again["debrief_draft"][f] for f in MEASURED_FIELDS} == {
            f: draft[f] for f in MEASURED_FIELDS
        }
        [debrief] = store.list_debriefs(db, interview_id=held)
        assert debrief["went_well"] == draft["went_well"]
    finally:
        db.close()


def test_identical_stereo_channels_fall_back_to_voices(run):
    result = run("identical_stereo.flac", candidate_channel="left")
    assert any("same sound" in w for w in result["warnings"])
    assert result["identification"]["method"] != "channel"


def test_music_without_speech_is_a_clear_error(data_settings):
    with pytest.raises(NoSpeechError, match="No speech was found"):
        review(CLIPS / "music.flac", data_settings, ReviewOptions(chunk_s=CHUNK_S))


def test_over_the_length_limit_is_refused_before_any_work(data_settings):
    with pytest.raises(AudioError, match="over the limit"):
        review(CLIPS / "interview_mono.flac", replace(data_settings, max_duration_s=30.0))


def test_a_file_that_stops_midway_gives_the_part_before_it(data_settings, tmp_path):
    cut = tmp_path / "cut.mp3"
    whole = CLIPS / "interview_short.flac"  # 24 s: the question and some of the answer in its first half
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-i",
            str(whole),
            "-b:a",
            "48k",
            str(tmp_path / "full.mp3"),
        ],
        check=True,
    )
    data = (tmp_path / "full.mp3").read_bytes()
    cut.write_bytes(data[: len(data) // 2] + b"\xff\x00" * 2000 + b"garbage" * 100)
    result = review(cut, data_settings, ReviewOptions(chunk_s=CHUNK_S), questions=load_questions())
    assert result["turns"], "the readable half is reviewed"
    assert result["duration_s"] < 0.75 * soundfile.info(str(whole)).duration
    assert result["processing"]["complete"] is False
    assert any("stops being readable" in w for w in result["warnings"])


def test_long_silence_is_reported_and_left_out(long_silence):
    # the 24 s interview, not the 58 s one (7.3 s a review; this one 2.9 s)
    result, _ = long_silence
    assert any("without speech" in w for w in result["warnings"])
    assert result["metrics"]["silence_s"] > 60


def test_a_stopped_run_resumes_without_redoing_finished_chunks(tmp_path, run, data_settings):
    settings = load_settings(data_dir=tmp_path / "data")
    clip = CLIPS / "interview_phone.wav"
    seen = []

    def cancel() -> bool:
        return len(seen) >= 1  # stop once the first chunk is finished

    with pytest.raises(ReviewCancelled, match="kept"):
        listen(
            clip,
            settings,
            chunk_s=CHUNK_S,
            cancel=cancel,
            progress=lambda p: seen.append(p.chunks_done) if p.chunks_done and not seen else None,
        )
    resumed = listen(clip, settings, chunk_s=CHUNK_S)
    assert resumed.chunks_reused >= 1 and resumed.chunks > resumed.chunks_reused
    # what a run never stopped heard: the module's review of the clip, with the same settings and
    # chunks, kept every chunk it finished (a third listen of its own took 3 s)
    run("interview_phone.wav")
    fresh = listen(clip, data_settings, chunk_s=CHUNK_S)
    assert fresh.chunks_reused == fresh.chunks == resumed.chunks
    assert [w.text for w in resumed.words] == [w.text for w in fresh.words]


def test_cli_review_saves_recording_answers_and_debrief(tmp_path, run, data_settings):
    """The command starts from the module's review of the same recording with the same settings (as
    in a data folder where it was reviewed before, unsaved work aside): what is tested here is what
    it saves and says; transcribing in the command is tested by tests/test_review_unsaved.py."""
    from coach.config import REVIEW_WORK_FOLDER

    data = tmp_path / "data"
    clip = tmp_path / "call.flac"
    shutil.copy(CLIPS / "interview_stereo.flac", clip)
    run("interview_stereo.flac", **STEREO)  # done once per module: test_stereo_channels_…
    shutil.copytree(data_settings.data_dir / REVIEW_WORK_FOLDER, data / REVIEW_WORK_FOLDER)
    done = run_coach(
        *[
            "review",
            str(clip),
            "--candidate-channel",
            "left",
            "--save",
            "--company",
            "Acme",
            "--date",
            "2025-05-01",
            "--role",
            "Platform engineer",
            "--stage",
            "Technical",
            "--json",
            "--no-progress",
        ],
        data_dir=data,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    # it heard the recording as the module's review did: every chunk reused, none written again
    assert result["processing"]["chunks_reused"] == result["processing"]["chunks"] >= 1, result["processing"]
    assert Path(result["saved"]["recording"]).is_file()
    from coach.store import get_interview, open_store

    store = open_store(load_settings(data_dir=data))
    try:
        interview = get_interview(store, result["saved"]["interview_id"])
    finally:
        store.close()
    assert len(interview["recordings"][0]["turns"]) == len(result["answers"]) >= 2
    # the talk share is said, as went well or as could be better: the candidate speaks about 75% of
    # the stereo clip, the edge of the usual share, so which one moves with the CPU (went well on an
    # Intel CPU with AVX512; "You spoke 76%", could be better, on an AMD EPYC with AVX2)
    debrief = interview["debriefs"][0]
    assert "You spoke" in debrief["went_well"] + debrief["could_be_better"]
    # the stage and role, as the Review page asks them (the terminal had no way to say either)
    assert (interview["stage"], interview["role"]) == ("technical", "Platform engineer")
    # as text, the review says where it was kept (it said nothing); the same recording again reuses
    # the transcription and brings the interview's one debrief up to date
    kept = result["saved"]["interview_id"]
    args = ["review", str(clip), "--candidate-channel", "left", "--save", "--interview", str(kept)]
    again = run_coach(*args, "--no-progress", data_dir=data)
    assert again.returncode == 0, again.stderr
    assert again.stdout.rstrip().endswith(
        f"Saved under interview #{kept} (Acme — Platform engineer, 1 May 2025 · technical) with its "
        "debrief draft; `coach interviews` lists it."
    ), again.stdout
    # `coach interview` lists each answer with its measures, as the Interviews page does
    shown = run_coach("interview", str(kept), data_dir=data).stdout
    measured = sum(1 for a in result["answers"] if a["analysis"]["scores"] is not None)
    assert f"Answers the review measured: {measured} of {len(result['answers'])}." in shown
    # the debrief is said to be the review's draft, as the page's form says (it read as if written)
    # wrapped at words in 80 columns
    assert (
        "Started from what the review measured: write your own view with "
        f"`coach debrief {kept} --went-well ...` (a field you give replaces its lines). Went well:"
    ) in unwrapped(shown), shown
    assert "\n  Started from what the review measured: write your own view" in shown, shown
    assert re.search(r" 1\. “.+” score \d+, \d+ wpm, \d+\.\d fillers/100", unwrapped(shown)), shown  # "1.0"


def test_cli_no_speech_keeps_the_upload_and_says_so(tmp_path):
    data = tmp_path / "data"
    args = ["review", str(CLIPS / "music.flac"), "--save", "--company", "Acme", "--no-progress"]
    done = run_coach(*args, data_dir=data)
    assert done.returncode == 1
    assert "No speech was found" in done.stderr
    # kept with the interview logged, in words (it had named the internal copy and logged nothing,
    # so `coach delete-interview` could never reach the recording)
    assert "The recording is kept with interview #1; write its debrief with `coach debrief 1`" in done.stderr
    [kept] = list((data / "recordings" / "interview").rglob("*.flac"))
    assert kept.name not in done.stderr
    listed = run_coach("interviews", "--json", data_dir=data)
    assert [o["company"] for o in json.loads(listed.stdout)["opportunities"]] == ["Acme"]
    deleted = run_coach("delete-interview", "1", "--yes", data_dir=data)
    assert deleted.returncode == 0, deleted.stderr
    assert not kept.exists()


def test_cli_save_without_an_interview_says_so_before_any_work(tmp_path):
    """`--save` with neither --interview nor --company: said at once, nothing kept (it had been
    said after the whole review, with the upload copied into the recordings)."""
    data = tmp_path / "data"
    done = run_coach("review", str(CLIPS / "music.flac"), "--save", "--no-progress", data_dir=data)
    assert done.returncode == 1
    assert "To save a review, name the interview" in done.stderr
    assert not [p for p in (data / "recordings").rglob("*") if p.is_file()]


def test_the_draft_says_how_many_answers_its_counts_leave_out(tmp_path):
    """Three answers, one a short reply the quality gate did not score: the draft said "1 of 2"
    beside three answers with no word why. Now the counts say they are of the measured answers
    and one line says how many were left out; it is the review's line, refreshed like the others.
    That line stood under "What went well"; it is the last line of what could be better."""
    from coach.interview.draft import debrief_draft, is_measured

    settings = load_settings(data_dir=tmp_path)

    def answer(wpm: float | None, scored: bool) -> dict:
        metrics = {"wpm": wpm, "words": 120, "star": {"result": {"words": 0}}}
        analysis = {"scores": {"overall": 70} if scored else None, "metrics": metrics, "fillers": []}
        return {"analysis": analysis, "end_s": 60.0, "offset_s": 0.0, "bank_id": None, "question": "Q"}

    facts = {
        "candidate_talk_share": 0.6,
        "questions": 3,
        "candidate_questions": ["How is the team split?"],
        "response_time_s": {"each": [1.0, 1.0, 1.0]},
        "interruptions": {"by_candidate": 0},
    }
    answers = [answer(150, True), answer(200, True), answer(None, False)]
    draft = debrief_draft(answers, facts, settings)
    went_well, better = draft["went_well"].splitlines(), draft["could_be_better"].splitlines()
    assert "Answers at a conversational pace (130–175 wpm): 1 of 2 measured." in went_well
    # not under what went well (it read as one more thing that went well): last of what could be better
    assert not [line for line in went_well if "not measured (" in line], went_well
    assert (
        better[-1]
        == "1 answer not measured (too short, or the sound unusable), left out of the counts above."
    )
    assert all(is_measured(line) for line in went_well + better)
    # a debrief saved with the earlier wording: that line is the review's, refreshed away, not the user's
    assert is_measured("1 answer not measured (too short, or the sound unusable), left out of these counts.")
    every_answer_scored = debrief_draft(answers[:2], facts, settings)
    assert "not measured (" not in every_answer_scored["went_well"] + every_answer_scored["could_be_better"]


def test_a_draft_with_no_answer_measured_leaves_it_out_of_no_count(tmp_path):
    """A real meeting clip reviewed as two voices: its one answer, 6 words, could not be measured, and
    the debrief's "Could be better" read "You asked 0 questions of your own. / You started talking
    before the interviewer finished 1 time. / 1 answer not measured (too short, or the sound
    unusable), left out of the counts above.", though the lines above count the conversation, the
    answer part of it, and no count of answers stood above it. It says the answer was not measured."""
    from coach.interview.draft import debrief_draft, is_measured

    settings = load_settings(data_dir=tmp_path)
    metrics = {"wpm": 138.0, "words": 6, "star": {"result": {"words": 0}}}
    short = {"analysis": {"scores": None, "metrics": metrics, "fillers": []}, "end_s": 28.3, "offset_s": 25.7}
    facts = {
        "candidate_talk_share": 0.25,
        "questions": 1,
        "candidate_questions": [],
        "response_time_s": {"each": [1.6]},
        "interruptions": {"by_candidate": 1},
    }
    draft = debrief_draft([{**short, "bank_id": None, "question": "Go for it"}], facts, settings)
    assert draft["went_well"] == ""
    assert draft["could_be_better"].splitlines() == [
        "You asked 0 questions of your own.",
        "You started talking before the interviewer finished 1 time.",
        "1 answer not measured (too short, or the sound unusable).",
    ]
    # the review's line, refreshed when the review is done again, not taken for the user's
    assert all(is_measured(line) for line in draft["could_be_better"].splitlines())


def test_the_draft_says_when_answers_ran_fast_or_slow(tmp_path):
    """An answer at 197 wpm got no word in the draft (only the answers in the band were counted);
    one outside the band on either side is now a line of what could be better, told from the
    user's own lines like the others."""
    from coach.interview.draft import debrief_draft, is_measured

    settings = load_settings(data_dir=tmp_path)

    def answer(wpm: float) -> dict:
        metrics = {"wpm": wpm, "words": 120, "star": {"result": {"words": 10}}}
        analysis = {"scores": {"overall": 70}, "metrics": metrics, "fillers": []}
        return {"analysis": analysis, "end_s": 60.0, "offset_s": 0.0, "bank_id": None, "question": "Q"}

    facts = {"candidate_talk_share": None, "questions": 0, "response_time_s": {"each": []}}
    draft = debrief_draft([answer(150), answer(197), answer(201), answer(105)], facts, settings)
    better = draft["could_be_better"].splitlines()
    # where each answer's own feedback speaks of pace, well outside the band
    # (tests/test_draft_agrees_with_feedback.py)
    assert "Answers faster than a conversational pace (over 185 wpm): 2 of 4 measured." in better
    assert "Answers slower than a conversational pace (under 110 wpm): 1 of 4 measured." in better
    assert all(is_measured(line) for line in better)
    in_band = debrief_draft([answer(150)], facts, settings)["could_be_better"]
    assert "conversational pace" not in in_band


def test_the_draft_counts_results_only_in_answers_that_tell_a_story(tmp_path):
    """interview_fillers.flac reviewed: the story ("learn something new quickly") named no result and
    the answer to "What is your biggest weakness?" (no story: its structure "does not apply") was
    tagged a result all through. The draft said "1 answer stated a result." beside "1 answer ... did
    not say how things turned out": credit for a result where the page says structure does not
    apply. A result is now counted, either way, only in answers that tell a story."""
    from coach.interview.draft import debrief_draft

    settings = load_settings(data_dir=tmp_path)

    def answer(bank_id: str, result_words: int, story: bool) -> dict:
        structure = {"score": 14} if story else {"score": None, "applies": False}
        star = {"result": {"words": result_words}}
        metrics = {"wpm": 165, "words": 45, "star": star, "quantified_results": 0}
        sentences = [
            {"star": "situation"},
            {"star": "action"},
            {"star": "result" if result_words else "action"},
        ]
        analysis = {
            "scores": {"overall": 50, "structure": structure},
            "metrics": metrics,
            "fillers": [],
            "sentences": sentences,
        }
        return {"analysis": analysis, "end_s": 20.0, "offset_s": 0.0, "bank_id": bank_id, "question": "Q"}

    facts = {"candidate_talk_share": None, "questions": 0, "response_time_s": {"each": []}}
    story, weakness = answer("beh-fail-05", 0, story=True), answer("beh-fail-07", 26, story=False)
    draft = debrief_draft([story, weakness], facts, settings)
    assert "stated a result" not in draft["went_well"], draft["went_well"]
    assert (
        "1 answer to questions you can practise here did not say how things turned out (the result)."
        in draft["could_be_better"].splitlines()
    )
    # with no story among them, no result line at all
    alone = debrief_draft([weakness, answer("mot-01", 0, story=False)], facts, settings)
    assert "result" not in alone["went_well"] + alone["could_be_better"], alone
    # a story that names its result still earns the line
    told = debrief_draft([answer("beh-fail-05", 12, story=True), weakness], facts, settings)
    assert "1 answer stated a result." in told["went_well"].splitlines()


def test_cli_review_refuses_what_it_cannot_do_before_keeping_anything(tmp_path):
    """A missing file printed a traceback; --interview 99 or an impossible --date failed after the
    upload was copied, leaving recordings no command could clear; --interview with --company and
    --date without --company were silently ignored. An unknown --stage is said with the choices."""
    data = tmp_path / "data"
    clip = str(CLIPS / "music.flac")
    cases = {
        ("review", str(CLIPS / "nope.flac")): f"error: No file at {CLIPS / 'nope.flac'}; check the path",
        ("review", clip, "--save", "--interview", "99"): "error: There is no interview with id 99",
        ("review", clip, "--save", "--company", "Foo", "--date", "2026-99-01"): "is not a date",
        ("review", clip, "--save", "--interview", "1", "--company", "Foo"): "Say where to save once",
        ("review", clip, "--date", "2026-01-01"): "--date is the date of a new interview",
        # the stage is one of the Review page's; given for an interview already logged, refused
        ("review", clip, "--save", "--company", "Foo", "--stage", "lunch"): (
            "error: No stage called 'lunch'; say one of: recruiter screen, first round, technical, "
            "onsite / loop, final, offer, other.\n"
        ),
        ("review", clip, "--save", "--interview", "1", "--stage", "final"): "--stage is for a new interview",
    }
    for args, said in cases.items():
        done = run_coach(*args, "--no-progress", data_dir=data)
        assert done.returncode == 1 and said in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert not [p for p in (data / "recordings").rglob("*") if p.is_file()]
