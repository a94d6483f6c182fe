"""A recording whose header claims more than it holds, ending cleanly (a download stopped between
two FLAC frames): the review says where it ends and how long it said it was. Before, that sentence
called the review's progress clock as if it were the time formatter, and the review failed with a
TypeError instead of reviewing the part that is there."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile

from coach.interview.listen import listen

pytestmark = pytest.mark.slow  # the speech model loads (the tone holds no speech to decode)


def test_a_recording_cut_between_frames_is_reviewed_up_to_where_it_ends(tmp_path, settings):
    rate = 16000
    tone = (0.1 * np.sin(np.arange(rate * 20) * 2 * np.pi * 220 / rate)).astype(np.float32)
    whole = tmp_path / "whole.flac"
    soundfile.write(whole, tone, rate, format="FLAC")
    data = whole.read_bytes()
    cut = data.find(b"\xff\xf8", len(data) * 2 // 5)  # the next frame's start: it ends cleanly
    assert cut > 0
    recording = tmp_path / "interview.flac"
    recording.write_bytes(data[:cut])

    heard = listen(recording, settings)

    assert heard.duration_s < 10
    assert heard.stopped_early is not None
    assert heard.stopped_early.startswith("interview.flac ends at 0:0"), heard.stopped_early
    assert "although it says it lasts 0:20" in heard.stopped_early, heard.stopped_early
