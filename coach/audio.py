"""Audio in: save the original first (never lost), decode, resample to 16 kHz mono, validate.

Any container a browser or phone produces (webm, ogg/opus, wav, flac, mp3, m4a/aac) decodes
through PyAV, the same FFmpeg bindings faster-whisper uses, so no `ffmpeg` program is needed.
There is one decoder, `AudioReader`, which hands a recording out piece by piece: `load_audio`
joins the pieces of an answer, and a long interview is cut into chunks from them
(coach.interview.chunks) without ever being held whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import av
import numpy as np

from coach import local_time
from coach.config import Settings
from coach.errors import (
    BROWSER_TAKE,
    AudioError,
    MicrophoneError,
    NoSpeechError,
    NotAudioError,
    NotSavedError,
    empty_name_said,
    names_this_folder,
    printable,
    said_name,
    server_fault,
)
from coach.files import private_folder, private_temporary
from coach.identity import check_upload
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


def formats_said() -> str:
    """The formats a recording may come in, as the upload boxes list them under their labels
    ("WAV, FLAC, OGG, …") and in their order: a file that is not audio was told to export it again
    as 7 of the 14 the box beside the message lists."""
    names = [suffix.lstrip(".").upper() for suffix in SUPPORTED_SUFFIXES]
    return f"{', '.join(names[:-1])} or {names[-1]}"


# Below this peak level (about -54 dBFS) a recording holds nothing a microphone would call sound.
SILENCE_PEAK = 0.002


@dataclass(frozen=True)
class SavedRecording:
    """An original recording as written to the data directory, byte for byte."""

    path: Path
    sha256: str
    size_bytes: int
    original_name: str = ""


def save_recording(
    source: bytes | Path,
    settings: Settings,
    *,
    original_name: str = "",
    kind: str = "practice",
    sha256: str | None = None,
) -> SavedRecording:
    """Write the user's bytes under recordings/ atomically, before anything tries to decode them.

    A file on disk is copied in blocks (a 90-minute 48 kHz stereo WAV is 1 GB), bytes are written
    as they are. The file name comes from the time and the content hash, never from the user's
    file name, so a hostile name cannot write outside the data directory; the time is the person's
    (coach.local_time: their browser's zone on a page), so the name shows their own day. `sha256`: the hash of
    these same bytes when the caller has just taken it (a new interview's upload, checked against
    the recordings kept), so a large file is not hashed a second time as it is copied.
    """
    if isinstance(source, Path):
        if not source.is_file():
            raise AudioError(f"No file at {source}; check the path and try again.")
        original_name = original_name or source.name
    # kept as data only; PostgreSQL cannot hold NUL in text, and a name must not cost the answer
    original_name = original_name.replace("\x00", "")
    check_upload(settings, source.stat().st_size if isinstance(source, Path) else len(source))
    # named on the person's clock (a page puts its run on their browser's zone): in a cohort the
    # server's zone would file a Tokyo student's 08:00 take under yesterday; this machine's otherwise
    now = datetime.now(local_time.zone())
    folder = settings.recordings_dir / _safe_part(kind) / now.strftime("%Y-%m")
    try:
        private_folder(folder)
        tmp, digest, size = _write_temporary(folder, source, sha256)
        stem = f"{now.strftime('%Y%m%d-%H%M%S')}-{digest[:10]}"
        kept = None
        try:
            with _ctrl_c_held():  # Ctrl+C as the copy is put in place comes once it is there
                path = _named(tmp, folder, stem, _safe_suffix(original_name))
                kept = SavedRecording(path=path, sha256=digest, size_bytes=size, original_name=original_name)
        except KeyboardInterrupt as e:
            if kept is None:  # stopped before the copy was put in place: nothing kept
                raise
            raise StoppedOnceKept(kept) from e
    except OSError as e:
        raise NotSavedError(
            f"Could not save the recording in {folder} ({e.strerror}); "
            "free some disk space or choose a writable data directory.",
            on_server=server_fault("save your recording", e),
        ) from e
    return kept


class StoppedOnceKept(KeyboardInterrupt):
    """Ctrl+C as `save_recording` put its copy in place: the copy is kept (`recording`), so the
    caller says so, as of a take stopped a moment later (it was said "not kept")."""

    def __init__(self, recording: SavedRecording):
        super().__init__(str(recording.path))
        self.recording = recording


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl+C pressed inside raised as its end, not midway: a step that puts a file in place ends
    knowing it did. Only where Ctrl+C raises KeyboardInterrupt (the main thread; the app's pages
    run in others, which get none)."""
    import signal

    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    pressed: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if pressed:
        raise KeyboardInterrupt


def load_audio(
    path: Path | str, settings: Settings, *, channel: str | None = None, name: str = ""
) -> DecodedAudio:
    """Decode a recording to 16 kHz mono float32 and check it can hold an answer.

    `channel` ("left" or "right") keeps one side of a stereo file instead of mixing both.
    `name` is what messages call the file (the user's own file name for a saved upload).
    """
    reader = AudioReader(path, settings, name=name, keep_sides=channel is not None)
    side = 0 if channel == "left" else 1
    pieces = [piece[:, side] if reader.channels == 2 else piece[:, 0] for piece in reader]
    samples = (
        np.ascontiguousarray(np.concatenate(pieces), dtype=np.float32)
        if pieces
        else np.zeros(0, dtype=np.float32)
    )
    audio = DecodedAudio(
        samples=samples,
        sample_rate=SAMPLE_RATE,
        source_path=str(reader.path),
        source_channels=reader.source_channels,
        source_sample_rate=reader.source_sample_rate,
        name=reader.name,
    )
    _check_decoded(audio, settings)
    return audio


class AudioReader:
    """A recording read as 16 kHz float32 pieces, so a long one never sits whole in memory.

    Making a reader checks what can be checked before decoding: the file is there and not empty,
    it has an audio track, and the length its header states is within `max_duration_s`. Iterating
    decodes and yields pieces shaped (n, channels) as FFmpeg hands them out (a few thousand
    samples each), and refuses the file once it passes the limit (when the header gave no length,
    or a false one).

    `keep_sides` keeps the two sides of a stereo source apart (channels == 2); otherwise every
    source is mixed down to mono. `partial`: a file that stops being readable midway (a cut-off
    download, a recorder that crashed) ends the pieces there, `stop_reason` saying why, instead
    of being refused. `too_long_advice` is what the too-long sentence tells the user to do.
    """

    def __init__(
        self,
        path: Path | str,
        settings: Settings,
        *,
        name: str = "",
        keep_sides: bool = False,
        partial: bool = False,
        too_long_advice: str = "cut it into shorter parts",
    ):
        self.path = Path(path)
        self.name = printable(name or self.path.name)
        self.said = said_name(self.name, start=True)  # how a sentence about it starts
        self.max_duration_s = settings.max_duration_s
        self.partial = partial
        self.too_long_advice = too_long_advice
        self.decoded_s = 0.0  # seconds handed out so far
        self.stop_reason: str | None = None  # why a `partial` read ended before the file did
        check_recording_file(self.path, self.name)
        try:
            with av.open(str(self.path), mode="r", metadata_errors="ignore") as container:
                if not container.streams.audio:
                    raise unusable(
                        self.path,
                        f"{self.said} has no audio track; choose a recording with sound.",
                    )
                stream = container.streams.audio[0]
                self.source_channels: int = stream.codec_context.channels
                self.source_sample_rate: int = stream.codec_context.sample_rate
                self.declared_s = declared_seconds(container, stream)
        except av.error.FFmpegError as e:
            raise unusable(self.path, _unreadable(self.said, e), self.name) from e
        self.channels = 2 if keep_sides and self.source_channels >= 2 else 1
        if self.declared_s is not None and self.declared_s > self.max_duration_s:
            too_long = (
                f"{self.said} is {hms(self.declared_s)} long, over the limit of {hms(self.max_duration_s)}; "
            )
            raise AudioError(too_long + self._what_to_do(), in_app=too_long + self._what_to_do(in_app=True))

    def __iter__(self) -> Iterator[np.ndarray]:
        self.decoded_s, self.stop_reason = 0.0, None
        layout = "stereo" if self.channels == 2 else "mono"
        total, limit = 0, int(self.max_duration_s * SAMPLE_RATE)
        try:
            with av.open(str(self.path), mode="r", metadata_errors="ignore") as container:
                resampler = av.AudioResampler(format="flt", layout=layout, rate=SAMPLE_RATE)
                for frame in container.decode(audio=0):
                    for out in resampler.resample(frame):
                        piece = out.to_ndarray().reshape(-1, self.channels)
                        total += len(piece)
                        self.decoded_s = total / SAMPLE_RATE
                        yield piece
                    if total > limit:  # the header gave no length (or a false one): say only what is known
                        too_long = f"{self.said} is longer than {hms(self.max_duration_s)}, the limit; "
                        raise AudioError(
                            too_long + self._what_to_do(), in_app=too_long + self._what_to_do(in_app=True)
                        )
                for out in resampler.resample(None):
                    yield out.to_ndarray().reshape(-1, self.channels)
        except av.error.FFmpegError as e:
            if total == 0:
                raise unusable(self.path, _unreadable(self.said, e), self.name) from e
            if not self.partial:
                in_app = _for_take(self.name, TAKE_UNREADABLE)
                raise AudioError(_unreadable(self.said, e), in_app=in_app) from e
            self.stop_reason = _reason(e)

    def _what_to_do(self, in_app: bool = False) -> str:
        """The terminal may raise the limit in settings.toml; a page names no setting's key or file
        (in a cohort the limit is the staff's), so it says only how to make the recording fit."""
        if in_app:
            return f"{self.too_long_advice}."
        return f"{self.too_long_advice} or raise max_duration_s in settings.toml."


def unusable(path: Path, message: str, name: str = "") -> AudioError:
    """The error for a file that cannot be used: a damaged recording (cut off, corrupt) is an
    AudioError and is kept; bytes no audio format starts with are a NotAudioError and are not.
    `name` is the recording's as given: a take recorded in a page is told to record again."""
    return (AudioError if looks_like_audio(path) else NotAudioError)(
        message, in_app=_for_take(name, TAKE_UNREADABLE)
    )


TAKE_UNREADABLE = "Your recording could not be read as audio; record the answer again."


def _for_take(name: str, sentence: str) -> str | None:
    """A page's words for a take recorded in the page (BROWSER_TAKE): a file's words ("choose
    another file", "export it again as WAV, FLAC, …") ask for a file the person never had, and the
    Mock page has no file to choose. The terminal's words stay a file's."""
    return sentence if name == BROWSER_TAKE else None


def looks_like_audio(path: Path) -> bool:
    """Whether the file starts the way an audio container does (WAV, FLAC, Ogg, MP3, MP4/M4A,
    WebM/Matroska, AIFF), however damaged the rest: such a file may be a cut-off recording."""
    with open(path, "rb") as f:
        head = f.read(12)
    return (
        head[:4] in (b"RIFF", b"RF64", b"fLaC", b"OggS", b"\x1a\x45\xdf\xa3", b"FORM")
        or head[:3] == b"ID3"
        or head[4:8] == b"ftyp"
        or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)  # an MPEG/AAC frame
    )


def check_recording_file(path: Path, name: str) -> None:
    """A recording named to be read: an empty name (which a command line makes this folder, "."), a
    folder, nothing there or an empty file, each said in one sentence."""
    said = said_name(name, start=True)
    if names_this_folder(path):  # it read "No file at ."
        raise AudioError(empty_name_said("a recording", "give the path of an audio file"))
    if not path.exists():
        raise AudioError(f"No file at {path}; check the path and try again.")
    if path.is_dir():
        raise AudioError(f"{path} is a folder, not a recording; give the path of an audio file in it.")
    if path.stat().st_size == 0:
        raise NotAudioError(
            f"{said} is empty (0 bytes); record the answer again or choose another file.",
            in_app=_for_take(name, "Your recording is empty; record the answer again."),
        )


def declared_seconds(container, stream) -> float | None:
    """The length the file claims in its header (the stream's, else the container's), if any."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def _check_decoded(audio: DecodedAudio, settings: Settings) -> None:
    name = said_name(audio.name, start=True)
    if audio.samples.size == 0:
        raise unusable(
            Path(audio.source_path),
            f"{name} holds no decodable audio (it may be truncated or corrupt); "
            "record it again or export it again.",
            audio.name,
        )
    if audio.duration_s < settings.min_duration_s:
        raise AudioError(
            f"{name} is only {too_short(audio.duration_s, settings.min_duration_s)} long; an answer "
            f"needs at least {settings.min_duration_s:g} s, so record it again."
        )
    if float(np.max(np.abs(audio.samples))) < SILENCE_PEAK:
        raise NoSpeechError(
            f"{name} is silent; if you recorded it, check that the microphone is on and not muted, "
            "then record again."
        )


def too_short(seconds: float, minimum: float) -> str:
    """A length under the minimum as a person says it: '0.3 s' (it said '0.30 s'), to a tenth,
    never rounded up to the minimum itself ('0.5 s long; an answer needs at least 0.5 s')."""
    tenths = round(seconds, 1)
    if tenths >= minimum:
        tenths = int(seconds * 10) / 10
    return f"{tenths:.1f} s" if tenths > 0 else "a split second"


def hms(seconds: float) -> str:
    """A length as H:MM:SS, the way messages state a recording's length and its limit."""
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _unreadable(name: str, error: Exception) -> str:
    """One sentence in the user's words: the decoder's own reason ("invalid data found when
    processing input") tells a user nothing they can act on, so it stays in the exception chain."""
    return f"{name} is not audio the coach can read; export it again as {formats_said()}."


def _reason(error: Exception) -> str:
    text = getattr(error, "strerror", None) or str(error)
    return text.split(":")[0].strip().rstrip(".").lower() or "unknown format"


def _safe_part(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "", text.lower()) or "other"


def _safe_suffix(original_name: str) -> str:
    suffix = Path(original_name.replace("\\", "/").split("/")[-1]).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ".bin"


def _named(tmp: Path, folder: Path, stem: str, suffix: str) -> Path:
    """Give the written copy its name in `folder`, never one another copy holds: the same bytes
    saved twice in one second (a review resumed from its kept work takes less) get the same time
    and hash in their name, and os.replace put the second copy over the first, so discarding the
    second (a duplicate of a recording an interview keeps) removed the interview's copy. The
    second becomes `stem-2`, and so on; os.link takes a name only when it is free."""
    for n in itertools.count(1):  # ends at the first free name
        path = folder / f"{stem}{f'-{n}' if n > 1 else ''}{suffix}"
        try:
            os.link(tmp, path)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: the free name, checked in this process
            if path.exists():
                continue
            os.replace(tmp, path)
            return path
        tmp.unlink()
        return path


def _write_temporary(folder: Path, source: bytes | Path, sha256: str | None = None) -> tuple[Path, str, int]:
    """Copy `source` into a hidden temporary file in `folder`, synced, hashing as it goes (unless
    its hash is known: `sha256`)."""
    fd, tmp = private_temporary(folder)
    digest, size = None if sha256 else hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as out:
            for block in _blocks(source):
                if digest is not None:
                    digest.update(block)
                size += len(block)
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp), sha256 or digest.hexdigest(), size


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

    private_folder(path.parent)
    fd, tmp = private_temporary(path.parent, suffix=".wav")
    os.close(fd)
    try:
        soundfile.write(str(tmp), samples, sample_rate, subtype="PCM_16")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # no hidden half take left behind; `path` is as it was
        raise
    return path


class TakeNotKept(KeyboardInterrupt):
    """Ctrl+C after a take from the microphone ended and before it was kept (while it was written or
    handed on): the take is lost, with no half file left, so "nothing was lost" would not be true."""


class EnterSkips:
    """Enter pressed in the terminal while a take records (`coach mock`): the take stops and
    `pressed` says so, and the turn is skipped, as the Mock page's "Skip this question" skips it.
    The terminal is read by a thread during the take only; a line typed before the take (while
    the answer before was analysed) is dropped, and a stdin at its end or not readable is not read."""

    def __init__(self) -> None:
        self.pressed = False
        self._over = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, stop_take: Callable[[], None]) -> None:
        import sys

        try:
            if sys.stdin.isatty():
                import termios

                termios.tcflush(sys.stdin, termios.TCIFLUSH)
        except (ImportError, OSError, ValueError, AttributeError):
            pass
        self._thread = threading.Thread(target=self._read, args=(stop_take,), daemon=True, name="enter-skips")
        self._thread.start()

    def _read(self, stop_take: Callable[[], None]) -> None:
        """A byte at a time up to the line's end, so a line typed for the next take stays unread."""
        import select
        import sys

        try:
            stdin = sys.stdin.fileno()
            while not self._over.is_set():
                if select.select([stdin], [], [], 0.05)[0]:
                    typed = os.read(stdin, 1)
                    if not typed:  # at its end: no one there to press Enter
                        return
                    if typed == b"\n":
                        self.pressed = True
                        stop_take()
                        return
        except (OSError, ValueError, AttributeError):  # no terminal to read (closed; no select on it)
            return

    def end(self) -> None:
        self._over.set()
        if self._thread is not None:
            self._thread.join()


def record(
    seconds: float,
    sample_rate: int = SAMPLE_RATE,
    *,
    otherwise: str = "`coach analyze FILE`",
    enter: EnterSkips | None = None,
) -> np.ndarray:
    """Record from the default microphone for up to `seconds` (`coach record`, `coach mock`);
    Ctrl+C ends the take early and keeps what was heard until then (it had lost the whole take); a
    second Ctrl+C as it ends raises TakeNotKept (the take is lost; the first, before it began, not).
    `otherwise`: the command to run on recordings made elsewhere, said when no microphone opens.
    `enter`: Enter ends the take too, and `enter.pressed` says it did (`coach mock` skips the turn)."""
    import time

    try:
        import sounddevice
    except OSError as e:  # libportaudio2 missing
        raise MicrophoneError(
            "Audio recording needs PortAudio; install it with "
            "`apt-get install libportaudio2` (make setup does this)."
        ) from e
    try:
        started = time.monotonic()
        frames = sounddevice.rec(
            int(seconds * sample_rate), samplerate=sample_rate, channels=1, dtype="float32"
        )
        if enter is not None:
            enter.start(sounddevice.stop)
        try:
            try:
                sounddevice.wait()
            except KeyboardInterrupt:
                sounddevice.stop()
                frames = frames[: int((time.monotonic() - started) * sample_rate)]
            finally:
                if enter is not None:
                    enter.end()
        except KeyboardInterrupt as e:  # a second Ctrl+C as the take ended: it is lost, not "nothing"
            raise TakeNotKept from e
    except (sounddevice.PortAudioError, ValueError) as e:
        raise MicrophoneError(
            f"No microphone could be opened ({e}); plug one in or allow access, "
            f"or record elsewhere and run {otherwise}."
        ) from e
    return frames.reshape(-1)
