"""Cut a long recording into chunks at quiet moments, as it is decoded, so memory stays flat.

`coach.audio.load_audio` decodes a whole file at once, which is right for a two-minute answer and
wrong for a 90-minute interview (a 16 kHz float32 hour is 230 MB per channel, before any copy).
Here the pieces of `coach.audio.AudioReader` are gathered into chunks of about `chunk_s` seconds,
each cut at the quietest 100 ms near its end so no word is split between two chunks. The cut
points depend only on the audio, so a resumed run cuts exactly where the first run did.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.audio import AudioReader, hms
from coach.config import Settings
from coach.types import SAMPLE_RATE

CHUNK_S = 60.0
# The cut is placed at the quietest 100 ms frame in the last CUT_SEARCH_S seconds of a chunk.
CUT_SEARCH_S = 6.0
FRAME_S = 0.1


@dataclass(frozen=True)
class AudioChunk:
    """`samples` is (n, channels) float32 at 16 kHz; channels is 1, or 2 for a stereo source."""

    index: int
    start_s: float
    samples: np.ndarray

    @property
    def end_s(self) -> float:
        return self.start_s + len(self.samples) / SAMPLE_RATE

    @property
    def mix(self) -> np.ndarray:
        if self.samples.shape[1] == 1:
            return self.samples[:, 0]
        return self.samples.mean(axis=1, dtype=np.float32)


def open_interview(path: Path, settings: Settings, *, name: str = "") -> AudioReader:
    """A reader of an interview recording, refusing it early when its header says it is too long.

    Both sides of a stereo file are kept (a call recorder often puts each voice on its own side),
    and a file that stops being readable midway is reviewed up to that point.
    """
    return AudioReader(
        path,
        settings,
        name=name,
        keep_sides=True,
        partial=True,
        too_long_advice="cut it into shorter parts (each part can be reviewed on its own)",
    )


def opening(path: Path, settings: Settings, *, name: str = "", seconds: float = 120.0) -> np.ndarray:
    """The first `seconds` of a recording, its sides mixed: enough to tell how it sounds."""
    pieces, wanted = [], int(seconds * SAMPLE_RATE)
    with closing(iter(open_interview(path, settings, name=name))) as reader:
        for piece in reader:
            pieces.append(piece.mean(axis=1, dtype=np.float32))
            wanted -= len(piece)
            if wanted <= 0:
                break
    return np.concatenate(pieces) if pieces else np.zeros(0, np.float32)


class ChunkReader:
    """Iterate over a recording's chunks. After iterating, `stopped_early` says whether the file
    ended in a decoding error (a cut-off download, a recorder that crashed) and where."""

    def __init__(self, audio: AudioReader, chunk_s: float = CHUNK_S):
        self.audio, self.chunk_s = audio, chunk_s

    @property
    def stopped_early(self) -> str | None:
        if self.audio.stop_reason is None:
            return None
        return (
            f"{self.audio.name} stops being readable at {hms(self.audio.decoded_s)} "
            f"({self.audio.stop_reason}); the part before that was reviewed. The file may be "
            "cut off: if you have a complete copy, review that one."
        )

    def __iter__(self) -> Iterator[AudioChunk]:
        frame = int(FRAME_S * SAMPLE_RATE)
        target = max(2 * frame, int(self.chunk_s * SAMPLE_RATE) // frame * frame)
        buffer, index, start = np.zeros((0, self.audio.channels), np.float32), 0, 0
        for piece in self.audio:
            buffer = np.concatenate([buffer, piece]) if len(buffer) else piece
            while len(buffer) >= target + int(CUT_SEARCH_S * SAMPLE_RATE):
                cut = quiet_cut(buffer, target)
                yield AudioChunk(index, start / SAMPLE_RATE, np.ascontiguousarray(buffer[:cut]))
                buffer, index, start = buffer[cut:], index + 1, start + cut
        if len(buffer):
            yield AudioChunk(index, start / SAMPLE_RATE, np.ascontiguousarray(buffer))


def quiet_cut(buffer: np.ndarray, target: int) -> int:
    """Sample index where the quietest 100 ms frame in the CUT_SEARCH_S seconds before `target` starts."""
    frame = int(FRAME_S * SAMPLE_RATE)
    lo = max(frame, target - int(CUT_SEARCH_S * SAMPLE_RATE)) // frame * frame
    region = buffer[lo : target + frame]
    mono = region.mean(axis=1) if region.ndim == 2 else region
    n = len(mono) // frame
    if n < 2:
        return target
    energy = (mono[: n * frame].reshape(n, frame) ** 2).mean(axis=1)
    # the latest of the (near-)quietest frames keeps chunks close to their target length
    best = int(np.flatnonzero(energy <= energy.min() * 1.05 + 1e-10)[-1])
    # cuts fall on 100 ms boundaries, so per-chunk channel levels line up when joined
    return lo + best * frame


def channel_levels(samples: np.ndarray) -> np.ndarray:
    """RMS of each channel per 100 ms frame, shape (frames, channels): who is loud when."""
    frame = int(FRAME_S * SAMPLE_RATE)
    n = len(samples) // frame
    if n == 0:
        return np.zeros((0, samples.shape[1]), np.float32)
    framed = samples[: n * frame].reshape(n, frame, samples.shape[1])
    return np.sqrt((framed**2).mean(axis=1)).astype(np.float32)
