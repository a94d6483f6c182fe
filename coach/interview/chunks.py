"""Decode a long recording piece by piece, cut at quiet moments, so memory stays flat.

`load_audio` decodes a whole file at once, which is right for a two-minute answer and wrong for a
90-minute interview (a 16 kHz float32 hour is 230 MB per channel, before any copy). Here a file
is read as a stream and handed out in chunks of about `chunk_s` seconds, each cut at the quietest
100 ms near its end so no word is split between two chunks. The cut points depend only on the
audio, so a resumed run cuts exactly where the first run did.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from coach.audio import SAMPLE_RATE, _check_file, _hms, _reason, declared_seconds
from coach.config import Settings
from coach.errors import AudioError, printable

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


@dataclass(frozen=True)
class SourceInfo:
    channels: int  # 1 or 2 as decoded (more than two are mixed down to two)
    source_channels: int
    source_sample_rate: int
    declared_s: float | None  # what the container says; None when it does not say


def probe(path: Path, settings: Settings) -> SourceInfo:
    """What the file says about itself, refusing it early when it is over the length limit."""
    _check_file(path, printable(path.name))
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{path.name} has no audio track; choose a recording with sound.")
            stream = container.streams.audio[0]
            declared = declared_seconds(container, stream)
            info = SourceInfo(
                channels=2 if stream.codec_context.channels >= 2 else 1,
                source_channels=stream.codec_context.channels,
                source_sample_rate=stream.codec_context.sample_rate,
                declared_s=declared,
            )
    except av.error.FFmpegError as e:
        raise AudioError(
            f"{path.name} is not audio the coach can read ({_reason(e)}); "
            "export it again as WAV, MP3, M4A, OGG or WebM."
        ) from e
    if declared is not None and declared > settings.max_duration_s:
        raise AudioError(too_long(path, declared, settings.max_duration_s))
    return info


def too_long(path: Path, seconds: float, limit_s: float) -> str:
    return (
        f"{path.name} is {_hms(seconds)} long, over the limit of {_hms(limit_s)}; cut it into "
        "shorter parts (each part can be reviewed on its own) or raise max_duration_s in settings.toml."
    )


class ChunkReader:
    """Iterate over a recording's chunks. After iterating, `stopped_early` says whether the file
    ended in a decoding error (a cut-off download, a recorder that crashed) and where."""

    def __init__(self, path: Path, settings: Settings, info: SourceInfo, chunk_s: float = CHUNK_S):
        self.path, self.settings, self.info, self.chunk_s = path, settings, info, chunk_s
        self.stopped_early: str | None = None
        self.decoded_s = 0.0

    def __iter__(self) -> Iterator[AudioChunk]:
        frame = int(FRAME_S * SAMPLE_RATE)
        target = max(2 * frame, int(self.chunk_s * SAMPLE_RATE) // frame * frame)
        buffer, index, start = np.zeros((0, self.info.channels), np.float32), 0, 0
        for piece in self._pieces():
            buffer = np.concatenate([buffer, piece]) if len(buffer) else piece
            while len(buffer) >= target + int(CUT_SEARCH_S * SAMPLE_RATE):
                cut = quiet_cut(buffer, target)
                yield AudioChunk(index, start / SAMPLE_RATE, np.ascontiguousarray(buffer[:cut]))
                buffer, index, start = buffer[cut:], index + 1, start + cut
        if len(buffer):
            yield AudioChunk(index, start / SAMPLE_RATE, np.ascontiguousarray(buffer))

    def _pieces(self) -> Iterator[np.ndarray]:
        layout = "stereo" if self.info.channels == 2 else "mono"
        limit = int(self.settings.max_duration_s * SAMPLE_RATE)
        total = 0
        try:
            with av.open(str(self.path), mode="r", metadata_errors="ignore") as container:
                resampler = av.AudioResampler(format="flt", layout=layout, rate=SAMPLE_RATE)
                for frame in container.decode(audio=0):
                    for out in resampler.resample(frame):
                        piece = out.to_ndarray().reshape(-1, self.info.channels)
                        total += len(piece)
                        self.decoded_s = total / SAMPLE_RATE
                        yield piece
                    if total > limit:
                        limit_s = self.settings.max_duration_s
                        raise AudioError(too_long(self.path, total / SAMPLE_RATE, limit_s))
                for out in resampler.resample(None):
                    yield out.to_ndarray().reshape(-1, self.info.channels)
        except av.error.FFmpegError as e:
            if total == 0:
                raise AudioError(
                    f"{self.path.name} is not audio the coach can read ({_reason(e)}); "
                    "export it again as WAV, MP3, M4A, OGG or WebM."
                ) from e
            self.stopped_early = (
                f"{self.path.name} stops being readable at {_hms(total / SAMPLE_RATE)} "
                f"({_reason(e)}); the part before that was reviewed. The file may be "
                "cut off: if you have a complete copy, review that one."
            )


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
