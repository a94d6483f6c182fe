"""A reviewed recording's answer card and its conversation say the same words of yours.

Each answer is heard again as a practice take (coach.interview.takes), and the conversation shows
the take's words in place of the first pass's. The conversation cut the take's words again at the
first pass's change of speaker, so a word Whisper stamped a few tenths early, inside the other
speaker's turn (where the take was silent), was on the answer's card and nowhere in the
conversation: on a real AMI meeting, the card read "To know what that is." and the conversation
"know what that is.", after the other voice's "It's hard".
"""

from __future__ import annotations

import pytest

from coach.banks import load_questions
from coach.config import load_settings
from coach.interview.review import ReviewOptions, review
from scripts import real_speech

pytestmark = pytest.mark.slow


def test_the_answer_card_and_the_conversation_show_the_same_words_of_yours(tmp_path):
    # two real meetings, two voices, the second taken as you: trn08 (the card's "To know what that
    # is.") and trn06 (its "But, uh, they…" read "uh, they…"); under CT2_FORCE_CPU_ISA=GENERIC
    # Whisper's words of trn08 end its question without "?", so only trn06's answer is found there
    checked = {}
    for name in ("trn08.wav", "trn06.wav"):
        clip = real_speech.ensure_meetings() / name
        settings = load_settings(data_dir=tmp_path / name)
        result = review(
            clip, settings, ReviewOptions(n_speakers=2, candidate_speaker=2), questions=load_questions()
        )
        answers = [a for a in result["answers"] if a["question"]]
        checked[name] = [t["text"] for t in result["turns"]]
        for answer in answers:
            card = answer["analysis"]["transcript"].split()
            yours = [
                t["text"]
                for t in result["turns"]
                if t["speaker"] == "candidate" and answer["offset_s"] <= t["start_s"] < answer["end_s"]
            ]
            assert " ".join(yours).split() == card, (name, answer["question"], yours, card)
            checked[name] = True
    assert True in checked.values(), checked  # an answer was found to compare
