"""`coach review`'s debrief draft in the terminal: the measured lines under the debrief's own
headings. It printed them as one list, "Answers at a conversational pace (130–175 wpm): 1 of 2
measured." beside "Answers faster than a conversational pace (over 175 wpm): 1 of 2 measured.",
neither said to be what went well or what could be better. Text path: the draft is built from
answers' measures, no recording heard. Its first line says which voice is yours in words, not by the
method's name and a raw figure ("voice profile: ... (0.98)"); its progress on stderr says each step once."""

from __future__ import annotations

import pytest
from cli_support import unwrapped

from coach.cli import _describe_review
from coach.config import load_settings
from coach.interview.draft import debrief_draft


def _answer(wpm: float) -> dict:
    metrics = {"wpm": wpm, "words": 120, "star": {"result": {"words": 10}}}
    analysis = {"scores": {"overall": 70}, "metrics": metrics, "fillers": []}
    return {"analysis": analysis, "end_s": 60.0, "offset_s": 0.0, "bank_id": None, "question": "Q"}


def test_the_terminal_draft_says_which_lines_went_well_and_which_could_be_better(tmp_path):
    facts = {"candidate_talk_share": None, "questions": 0, "response_time_s": {"each": []}}
    draft = debrief_draft([_answer(150), _answer(200)], facts, load_settings(data_dir=tmp_path))
    result = {
        "duration_s": 120.0,
        # a note as reviews wrote it before: the figure is not shown, nor the method's name
        "identification": {
            "method": "voice profile",
            "note": "speaker 2 sounds most like your practice recordings (0.98)",
        },
        "speakers": [
            {"label": "interviewer", "source": "speaker 1", "talk_s": 30.0, "share": 0.3, "snippet": None},
            {"label": "candidate", "source": "speaker 2", "talk_s": 70.0, "share": 0.7, "snippet": None},
        ],
        "turns": [],
        "answers": [],
        "metrics": {"candidate_talk_share": None, "questions": 0},
        "debrief_draft": draft,
    }
    text = _describe_review(result)
    first = (
        "0 turns, 0 answers, 2:00 long "
        "(you: speaker 2, whose voice sounds most like your practice recordings)"
    )
    assert unwrapped(text).startswith(f"{first} interviewer"), text  # wrapped at words in 80 columns
    tail = text[text.index("Debrief draft:") :].splitlines()
    well, better = tail.index("Went well:"), tail.index("Could be better:")
    in_band = "  Answers at a conversational pace (130–175 wpm): 1 of 2 measured."
    fast = "  Answers faster than a conversational pace (over 185 wpm): 1 of 2 measured."
    assert well < tail.index(in_band) < better < tail.index(fast), text


@pytest.mark.parametrize(
    "share, field, line",
    [
        (0.65, "went_well", "You spoke 65% of the time over 3 questions."),
        (0.75, "went_well", "You spoke 75% of the time over 3 questions."),
        (
            0.9,
            "could_be_better",
            "You spoke 90% of the time over 3 questions; about 60–70% is usual for the candidate.",
        ),
        (
            0.4,
            "could_be_better",
            "You spoke 40% of the time over 3 questions; about 60–70% is usual for the candidate.",
        ),
    ],
)
def test_the_talk_share_is_said_where_it_belongs(tmp_path, share, field, line):
    """How much the candidate spoke is a fact, not praise: "You spoke 90% of the time" stood under
    what went well whatever the share. Near the usual 60–70% it went well; far from it, it could be
    better, with the usual share beside it; either way the line is the review's own when refreshed."""
    from coach.interview.draft import MEASURED_FIELDS, is_measured

    facts = {
        "candidate_talk_share": share,
        "questions": 3,
        "candidate_questions": ["What does the team ship?"],
        "response_time_s": {"each": []},
        "interruptions": {"by_candidate": 0},
    }
    draft = debrief_draft([_answer(150)], facts, load_settings(data_dir=tmp_path))
    assert line in draft[field].splitlines(), draft
    other = next(f for f in MEASURED_FIELDS if f != field)
    assert "You spoke" not in draft[other], draft
    assert is_measured(line)


@pytest.mark.parametrize(
    "method, note, source, said",
    [
        ("channel", "the candidate is on the left channel", "left", " (you: the left channel, as you said)"),
        ("picked", "you said you are speaker 2", "speaker 2", " (you: speaker 2, as you said)"),
        ("guess", "speaker 1 talks the most", "speaker 1", ""),  # its warning says it, printed before
        ("one voice", "one voice in the recording", "speaker 1", " (one voice in the recording)"),
    ],
)
def test_the_first_line_says_which_voice_is_yours_in_words(tmp_path, method, note, source, said):
    """Each way the review tells the user's voice, said as which one is theirs and why: it read
    "(one voice: one voice in the recording)" and "(picked: you said you are speaker 2)". A guess is
    said by its warning alone (it ended the line too: "(a guess: you are speaker 1, who talks the
    most)"; tests/test_interview_review.py has the whole terminal say it once)."""
    result = {
        "duration_s": 60.0,
        "identification": {"method": method, "note": note},
        "speakers": [{"label": "candidate", "source": source, "talk_s": 40.0, "share": 1.0, "snippet": None}],
        "turns": [],
        "answers": [],
        "metrics": {"candidate_talk_share": None, "questions": 0},
        "debrief_draft": {"went_well": "", "could_be_better": ""},
    }
    printed = _describe_review(result).splitlines()
    assert printed[0] == f"0 turns, 0 answers, 1:00 long{said}"  # it said "1.0 min"
    # no share of a conversation where none was measured (it read "40 s, 100%"; --json says null)
    assert printed[1] == f"  candidate ({source}): 40 s"


def test_the_terminal_progress_says_the_end_of_the_audio_once(capsys):
    """The last chunk's end is reported twice (its transcription reaching it, then the chunk done):
    `coach review` printed "reviewed 0:24 of 0:24 (100%), about 0:00 left" twice."""
    from coach.cli import _review_progress
    from coach.interview.listen import Progress

    show = _review_progress(True)
    for done_s, elapsed_s in ((5.0, 1.0), (24.0, 4.0), (24.0, 4.1)):
        show(Progress(done_s, 24.0, elapsed_s, eta_s=0.0, chunks_done=1, chunks_reused=0))
    show(Progress(24.0, 24.0, 5.0, eta_s=0.0, chunks_done=2, chunks_reused=0, answers_heard=(1, 1)))
    assert capsys.readouterr().err.splitlines() == [
        "reviewed 0:05 of 0:24 (21%), about 0:00 left",
        "reviewed 0:24 of 0:24 (100%), about 0:00 left",
        "hearing your answers again as practice takes: answer 1 of 1",
    ]


def test_the_terminal_says_the_end_of_the_audio_once_around_going_over_it(capsys):
    """The last chunk's end is reported as transcribed, then its sound is gone over again, then the
    chunk is done: `coach review` printed "reviewed 0:24 of 0:24 (100%)" before and after the step."""
    from coach.cli import _review_progress
    from coach.interview.listen import Progress

    show = _review_progress(True)
    show(Progress(24.0, 24.0, 4.0, eta_s=0.0, chunks_done=0, chunks_reused=0))
    show(
        Progress(
            24.0, 24.0, 4.1, eta_s=None, chunks_done=0, chunks_reused=0, step="listening to 0:00–0:24 again"
        )
    )
    show(Progress(24.0, 24.0, 9.0, eta_s=0.0, chunks_done=1, chunks_reused=0))
    assert capsys.readouterr().err.splitlines() == [
        "reviewed 0:24 of 0:24 (100%), about 0:00 left",
        "listening to 0:00–0:24 again",
    ]


def test_add_questions_says_what_it_added(tmp_path):
    """`coach review --add-questions` printed nothing of what it did: the questions it added to the
    user's own, or that there was none to add. Without the option, nothing is said of it."""
    result = {
        "duration_s": 60.0,
        "identification": {"method": "one voice", "note": "one voice in the recording"},
        "speakers": [],
        "turns": [],
        "answers": [],
        "metrics": {"candidate_talk_share": None, "questions": 0},
        "debrief_draft": {"went_well": "", "could_be_better": ""},
    }
    assert "practice questions" not in _describe_review(result)
    asked = {"user-how-do-you-price-1": "How do you price a deal?", "user-why-this-team-1": "Why this team?"}
    added = _describe_review(result, asked)
    assert added.endswith(
        "\n\nAdded to your practice questions:\n  user-how-do-you-price-1  How do you price a deal?"
        "\n  user-why-this-team-1  Why this team?"
    ), added
    none = _describe_review(result, {})
    assert none.endswith("\n\nNo question added to your practice questions: each one asked is there already.")


def test_the_terminal_counts_interruptions_as_the_draft_says_them(tmp_path):
    """`coach review` of the AMI meeting in tests/data/real_speech printed "2 interruptions" (one
    voice cutting in on the other, each way) over a draft saying "You started talking before the
    interviewer finished 1 time", the only way the Review page says it. Both count the same cut-ins
    now, in the draft's words."""
    from coach.interview.metrics import summary
    from coach.interview.turns import exchanges, make_turns
    from coach.types import Word

    said = [
        ("interviewer", "Tell me about a time you changed a plan. What did"),
        ("candidate", "Last spring we moved the billing service"),
        ("interviewer", "Sorry, which service?"),
        ("candidate", "The billing one. We moved it in a week and it went well."),
    ]
    words, speakers, start = [], [], 0.0
    for speaker, text in said:
        for word in text.split():
            words.append(Word(word, start, start + 0.25))
            speakers.append(speaker)
            start += 0.3
    turns = make_turns(words, speakers)
    pairs = exchanges(turns)
    facts = summary(turns, pairs, duration_s=start, overlaps=None, candidate_questions=[])
    assert (facts["interruptions"]["by_candidate"], facts["interruptions"]["of_candidate"]) == (1, 1)
    draft = debrief_draft([_answer(150)], facts, load_settings(data_dir=tmp_path))
    line = "You started talking before the interviewer finished 1 time."
    assert line in draft["could_be_better"].splitlines(), draft
    result = {
        "duration_s": start,
        "identification": {"method": "channel", "note": "the candidate is on the left channel"},
        "speakers": [{"label": "candidate", "source": "left", "talk_s": 5.0, "share": 0.6, "snippet": None}],
        "turns": [t.to_dict() for t in turns],
        "answers": [],
        "warnings": [],
        "metrics": facts,
        "debrief_draft": draft,
    }
    text = _describe_review(result)
    assert "interruption" not in text, text
    # the line wrapped at words in 80 columns: joined again, it ends with the draft's words
    assert f"; you asked 0 questions of your own. {line} Debrief draft:" in unwrapped(text), text


def _one_voice_review(analysis: dict) -> dict:
    """A 40 s review of one voice whose whole recording is one answer, analysed as `analysis`."""
    return {
        "duration_s": 40.0,
        "identification": {"method": "one voice", "note": "one voice in the recording"},
        "speakers": [
            {"label": "candidate", "source": "speaker 1", "talk_s": 40.0, "share": 1.0, "snippet": None}
        ],
        "turns": [],
        "answers": [{"question": None, "bank_question": None, "bank_id": None, "analysis": analysis}],
        "warnings": [],
        "metrics": {"candidate_talk_share": None, "questions": 0},
        "debrief_draft": {"went_well": "", "could_be_better": ""},
    }


def test_the_terminal_names_the_whole_recording_as_the_page_does():
    """`coach review … --speakers 1` titled its one answer "[not in bank] (whole talk)" where the
    Review page and `coach interview N` say "The whole recording"."""
    from coach.interview.turns import WHOLE_RECORDING

    analysis = {
        "scores": {"overall": 70},
        "metrics": {"duration_s": 40.0, "wpm": 150.0},
        "fillers": [],
        "warnings": [],
    }
    printed = _describe_review(_one_voice_review(analysis)).splitlines()
    assert WHOLE_RECORDING == "The whole recording"
    assert printed[printed.index("") + 1 : printed.index("") + 3] == [
        WHOLE_RECORDING,
        "  0:40 · 150 wpm · 0 fillers · score 70",
    ]


def test_the_terminal_counts_an_answers_fillers_as_the_page_does():
    """`coach review` put "2 fillers" under an answer of one 'um' and one repeated word, where the
    Practice and Review pages count 1 filler and name the repeated word apart."""
    analysis = {
        "scores": {"overall": 70},
        "metrics": {"duration_s": 40.0, "wpm": 150.0, "filler_counts": {"um": 1, "repeated words": 1}},
        "fillers": [{"kind": "filled_pause"}, {"kind": "repetition"}],
        "warnings": [],
    }
    printed = _describe_review(_one_voice_review(analysis)).splitlines()
    assert "  0:40 · 150 wpm · 1 filler and 1 repeated word · score 70" in printed, printed
