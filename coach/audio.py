"""Audio in: save the original first (never lost), decode, resample to 16 kHz mono, validate.

Any container a browser or phone produces (webm, ogg/opus, wav, flac, mp3, m4a/aac) decodes
through PyAV, the same FFmpeg bindings faster-whisper uses, so no `ffmpeg` program is needed.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import av
import numpy as np

from coach.config import Settings
from coach.errors import AudioError, MicrophoneError, NoSpeechError, printable
from coach.types import SAMPLE_RATE, DecodedAudio

SUPPORTED_SUFFIXES = (
    ".wav",
    ".flac",
    ".ogg",
    ".opus",
    ".oga",
    ".webm",
    ".mp3",
    ".m4a",
    ".aac",
    ".mp4",
    ".weba",
    ".mka",
    ".mkv",
    ".mov",
)
# Below this peak level (about -54 dBFS) a recording holds nothing a microphone would call sound.
SILENCE_PEAK = 0.002
# Samples decoded at once before they are resampled; bounds memory for long files.
_FRAME_GROUP_SAMPLES = 500_000


@dataclass(frozen=True)
class SavedRecording:
    """An original recording as written to the data directory, byte for byte."""

    path: Path
    sha256: str
    size_bytes: int
    original_name: str = ""


def file_sha256(path: Path | str) -> str:
    """SHA-256 of a file, read in blocks (a recording can be a gigabyte)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_recording(
    source: bytes | Path, settings: Settings, *, original_name: str = "", kind: str = "practice"
) -> SavedRecording:
    """Write the user's bytes under recordings/ atomically, before anything tries to decode them.

    A file on disk is copied in blocks (a 90-minute 48 kHz stereo WAV is 1 GB), bytes are written
    as they are. The file name comes from the time and the content hash, never from the user's
    file name, so a hostile name cannot write outside the data directory.
    """
    if isinstance(source, Path):
        if not source.is_file():
            raise AudioError(f"No file at {source}; check the path and try again.")
        original_name = original_name or source.name
    now = datetime.now()
    folder = settings.recordings_dir / _safe_part(kind) / now.strftime("%Y-%m")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp, digest, size = _write_temporary(folder, source)
        path = folder / f"{now.strftime('%Y%m%d-%H%M%S')}-{digest[:10]}{_safe_suffix(original_name)}"
        os.replace(tmp, path)
    except OSError as e:
        raise AudioError(
            f"Could not save the recording in {folder} ({e.strerror}); "
            "free some disk space or choose a writable data directory."
        ) from e
    return SavedRecording(path=path, sha256=digest, size_bytes=size, original_name=original_name)


def load_audio(
    path: Path | str, settings: Settings, *, channel: str | None = None, name: str = ""
) -> DecodedAudio:
    """Decode a recording to 16 kHz mono float32 and check it can hold an answer.

    `channel` ("left" or "right") keeps one side of a stereo file instead of mixing both.
    `name` is what messages call the file (the user's own file name for a saved upload).
    """
    path = Path(path)
    name = printable(name or path.name)
    _check_file(path, name)
    samples, channels, source_rate = _decode(path, name, settings.max_duration_s, channel)
    audio = DecodedAudio(
        samples=samples,
        sample_rate=SAMPLE_RATE,
        source_path=str(path),
        source_channels=channels,
        source_sample_rate=source_rate,
        name=name,
    )
    _check_decoded(audio, settings)
    return audio


def _check_file(path: Path, name: str) -> None:
    if not path.exists():
        raise AudioError(f"No file at {path}; check the path and try again.")
    if path.is_dir():
        raise AudioError(f"{path} is a folder, not a recording; give the path of an audio file.")
    if path.stat().st_size == 0:
        raise AudioError(f"{name} is empty (0 bytes); record the answer again or choose another file.")


def _decode(path: Path, name: str, max_duration_s: float, channel: str | None) -> tuple[np.ndarray, int, int]:
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{name} has no audio track; choose a recording with sound.")
            stream = container.streams.audio[0]
            channels, source_rate = stream.codec_context.channels, stream.codec_context.sample_rate
            _check_declared_length(name, container, stream, max_duration_s)
            samples = _decode_stream(name, container, channel, channels, max_duration_s)
    except av.error.FFmpegError as e:
        raise AudioError(
            f"{name} is not audio the coach can read ({_reason(e)}); "
            "export it again as WAV, MP3, M4A, OGG or WebM."
        ) from e
    return samples, channels, source_rate


def declared_seconds(container, stream) -> float | None:
    """The length the file claims in its header (the stream's, else the container's), if any."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def _check_declared_length(name: str, container, stream, max_duration_s: float) -> None:
    declared = declared_seconds(container, stream)
    if declared is not None and declared > max_duration_s:
        raise AudioError(_too_long_message(name, declared, max_duration_s))


def _decode_stream(
    name: str, container, channel: str | None, channels: int, max_duration_s: float
) -> np.ndarray:
    keep_side = channel is not None and channels >= 2
    resampler = av.AudioResampler(format="flt", layout="stereo" if keep_side else "mono", rate=SAMPLE_RATE)
    pieces, total, limit = [], 0, int(max_duration_s * SAMPLE_RATE)
    for frame in container.decode(audio=0):
        for out in resampler.resample(frame):
            pieces.append(_pick_channel(out.to_ndarray(), keep_side, channel))
            total += len(pieces[-1])
        if total > limit:  # the header gave no length (or a false one): say only what is known
            raise AudioError(
                f"{name} is longer than {_hms(max_duration_s)}, the limit; cut it into "
                "shorter parts or raise max_duration_s in settings.toml."
            )
    for out in resampler.resample(None):
        pieces.append(_pick_channel(out.to_ndarray(), keep_side, channel))
    if not pieces:
        return np.zeros(0, dtype=np.float32)
    return np.ascontiguousarray(np.concatenate(pieces), dtype=np.float32)


def _pick_channel(array: np.ndarray, keep_side: bool, channel: str | None) -> np.ndarray:
    """PyAV gives packed float frames shaped (1, n*channels)."""
    flat = array.reshape(-1)
    if not keep_side:
        return flat
    return flat[0::2] if channel == "left" else flat[1::2]


def _check_decoded(audio: DecodedAudio, settings: Settings) -> None:
    name = audio.name
    if audio.samples.size == 0:
        raise AudioError(
            f"{name} holds no decodable audio (it may be truncated or corrupt); "
            "record it again or export it again."
        )
    if audio.duration_s < settings.min_duration_s:
        raise AudioError(
            f"{name} is only {audio.duration_s:.2f} s long; an answer needs at least "
            f"{settings.min_duration_s:g} s, so record it again."
        )
    if float(np.max(np.abs(audio.samples))) < SILENCE_PEAK:
        raise NoSpeechError(
            f"{name} is silent; check that the microphone is on and not muted, then record again."
        )


def _too_long_message(name: str, seconds: float, max_duration_s: float) -> str:
    return (
        f"{name} is {_hms(seconds)} long, over the limit of {_hms(max_duration_s)}; "
        "cut it into shorter parts or raise max_duration_s in settings.toml."
    )


def _hms(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _reason(error: Exception) -> str:
    text = getattr(error, "strerror", None) or str(error)
    return text.split(":")[0].strip().rstrip(".").lower() or "unknown format"


def _safe_part(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "", text.lower()) or "other"


def _safe_suffix(original_name: str) -> str:
    suffix = Path(original_name.replace("\\", "/").split("/")[-1]).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ".bin"


def _write_temporary(folder: Path, source: bytes | Path) -> tuple[Path, str, int]:
    """Copy `source` into a hidden temporary file in `folder`, synced, hashing as it goes."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".saving-")
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as out:
            for block in _blocks(source):
                digest.update(block)
                size += len(block)
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp), digest.hexdigest(), size


def _blocks(source: bytes | Path, block_size: int = 1 << 20):
    if not isinstance(source, Path):
        yield bytes(source)
        return
    with open(source, "rb") as f:
        while block := f.read(block_size):
            yield block


def write_wav(path: Path, samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> Path:
    """Write float samples as 16-bit PCM WAV (used for microphone takes)."""
    import soundfile

    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(str(path), samples, sample_rate, subtype="PCM_16")
    return path


def record(seconds: float, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Record from the default microphone for a fixed time (the CLI's `coach record`)."""
    try:
        import sounddevice
    except OSError as e:  # libportaudio2 missing
        raise MicrophoneError(
            "Audio recording needs PortAudio; install it with "
            "`apt-get install libportaudio2` (make setup does this)."
        ) from e
    try:
        frames = sounddevice.rec(
            int(seconds * sample_rate), samplerate=sample_rate, channels=1, dtype="float32"
        )
        sounddevice.wait()
    except (sounddevice.PortAudioError, ValueError) as e:
        raise MicrophoneError(
            f"No microphone could be opened ({e}); plug one in or allow access, "
            "or record elsewhere and run `coach analyze FILE`."
        ) from e
    return frames.reshape(-1)
