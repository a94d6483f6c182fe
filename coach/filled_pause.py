"""How a filled pause ("um", "uh", "erm", "hmm") is spelled in a transcript.

One spelling for every layer: analysis counts these words, the transcription's detector looks for
the ones Whisper dropped, and a real interview's question loses them before it is shown or goes
into a bank. Nothing heavy is imported here, so a page that only tidies a question loads neither
spaCy nor the audio libraries.
"""

from __future__ import annotations

import re

FILLED_PAUSE = re.compile(r"^(?:u+h*m+|u+h+|e+r+m*|e+h+m*|h+m+|m{2,}|a+h+m+|a{2,}m+)$")


def is_filled_pause(word: str) -> bool:
    """A word as Whisper wrote it ("Um,", "uh…", "uh-"): the punctuation around it does not count."""
    return bool(FILLED_PAUSE.match(word.strip(".,?!…-").lower()))
