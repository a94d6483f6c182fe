"""A recorded take's length on the Practice page: its Length, the answer clock stopped above it and
the feedback under it say the same whole seconds as the browser's recorder does."""

from __future__ import annotations

import io
import re

import numpy as np
import soundfile as sf
from app_support import DATA, markdown_text, page


def _take_of(seconds: float) -> bytes:
    """tests/data/fillers.wav (an answer of 14.06 s) and silence after it, `seconds` in all."""
    audio, rate = sf.read(DATA / "fillers.wav", dtype="float32")
    padded = np.concatenate([audio, np.zeros(int(round(seconds * rate)) - len(audio), dtype="float32")])
    out = io.BytesIO()
    sf.write(out, padded, rate, format="WAV")
    return out.getvalue()


def test_a_takes_length_is_said_in_the_whole_seconds_its_recorder_counted(tmp_path, monkeypatch):
    """A take of 15.7 s: the browser's recorder and the answer clock stop at 0:15 (whole seconds gone
    by), where the page's Length said 0:16 (rounded) and the clock, counting on its own, 0:15 or
    0:16. The Length, the clock drawn again with the take's length, and the feedback's "only … s
    long" say 15 s."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.button(key="practice_first_question").click().run()
    at.audio_input[0].set_value(("answer.wav", _take_of(15.7), "audio/wav")).run()
    assert not at.exception and not at.error
    assert {m.label: m.value for m in at.metric}["Length"] == "0:15"
    [clock] = [h.proto.body for h in at.get("html") if 'id="cf-timer"' in h.proto.body]
    assert 'data-took="15"' in clock, clock
    said = markdown_text(at) + "\n".join(c.value for c in at.caption)
    lengths = re.findall(r"\b(\d+) s long\b|ran (\d+) s\b", said)
    assert lengths and all("15" in found for found in lengths), lengths
