"""Finished chunks kept on disk, so a crash, a restart or a cancel never costs finished work.

A review's work folder lives in the data directory under `review-work/` (a person of a cohort: their
own folder inside it, `work_root`), named by the recording's content hash and everything that
changes what a chunk holds (engine, model, beam, verbatim, chunk length, format version). Each
finished chunk is one `.npz` written atomically (temporary file, fsync, rename), so a chunk file is
either whole or absent. A new run with the same recording and settings loads the chunks that are
there and processes only the rest.

The folder holds a transcript and voice embeddings, and each answer as it was heard again
(`answer-*.json`, coach.interview.takes), so it is private data: a saved review's stays for
reviewing again with other speakers and is removed with the interview's recordings, or by `forget`
on request; a review not saved removes its own once it ends (coach.interview.orchestrator), and only
a run stopped midway keeps it, to resume.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.config import REVIEW_WORK_FOLDER, Settings
from coach.files import private_folder, write_private
from coach.interview.speakers import VoiceWindows
from coach.types import Sound, Word

# 3: speech heard and speech left unheard (coach.transcribe.coverage); 4: pitch, level, silences;
# 5: voice windows over the voice detector's speech, every 0.25 s (issue 18)
FORMAT_VERSION = 5
WORK_DIR_NAME = REVIEW_WORK_FOLDER


@dataclass(frozen=True)
class ChunkResult:
    """What one chunk of audio yields: its words, voice windows and channel levels."""

    index: int
    start_s: float
    end_s: float
    words: tuple[Word, ...]
    windows: VoiceWindows
    levels: np.ndarray  # (frames of 100 ms, channels); empty for mono
    speech: tuple[tuple[float, float], ...] = ()  # where the voice detector heard speech
    unheard: tuple[tuple[float, float], ...] = ()  # speech no word covers, after decoding it again
    sound: Sound | None = None  # pitch, level and silences, times from the chunk's start


def work_root(settings: Settings) -> Path:
    """The folder of the user's review work: review-work/ for the single user, a person's own
    folder inside it in a cohort (it holds transcripts, voice embeddings and their voiceprint, so
    one person's never sits beside another's, and "delete all data" removes it with theirs)."""
    return settings.owners_folder(WORK_DIR_NAME)


class WorkDir:
    def __init__(self, settings: Settings, recording_sha256: str, chunk_s: float):
        key = json.dumps(
            [
                FORMAT_VERSION,
                recording_sha256,
                settings.engine,
                settings.model,
                settings.beam_size,
                settings.verbatim,
                settings.recover_fillers,
                chunk_s,
            ]
        )
        folder = f"{recording_sha256[:16]}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
        self.path = work_root(settings) / folder

    def chunk_path(self, index: int) -> Path:
        return self.path / f"chunk-{index:05d}.npz"

    def load(self, index: int, start_s: float, end_s: float) -> ChunkResult | None:
        """A finished chunk, if one was kept for exactly this stretch of audio."""
        path = self.chunk_path(index)
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                if abs(meta["start_s"] - start_s) > 1e-3 or abs(meta["end_s"] - end_s) > 1e-3:
                    return None
                words = tuple(Word(*w) for w in meta["words"])
                return ChunkResult(
                    index,
                    start_s,
                    end_s,
                    words,
                    VoiceWindows(data["window_starts"], data["embeddings"], data["window_lengths"]),
                    data["levels"],
                    _spans(meta["speech"]),
                    _spans(meta["unheard"]),
                    _sound(meta, data),
                )
        except (OSError, ValueError, KeyError):  # a damaged file is redone, not trusted
            return None

    def save(self, result: ChunkResult) -> None:
        private_folder(self.path)
        meta = {
            "start_s": result.start_s,
            "end_s": result.end_s,
            "words": [[w.text, w.start_s, w.end_s, w.prob, w.source] for w in result.words],
            "speech": result.speech,
            "unheard": result.unheard,
            "sound": None
            if result.sound is None
            else {"frame_s": result.sound.frame_s, "silences": result.sound.silences},
        }
        fd, tmp = tempfile.mkstemp(dir=self.path, prefix=".saving-", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(
                    f,
                    meta=np.array(json.dumps(meta)),
                    window_starts=result.windows.starts_s,
                    window_lengths=result.windows.lengths_s,
                    embeddings=result.windows.embeddings,
                    levels=result.levels,
                    pitch_hz=np.zeros(0) if result.sound is None else result.sound.pitch_hz,
                    level_db=np.zeros(0) if result.sound is None else result.sound.level_db,
                )
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.chunk_path(result.index))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def finished_chunks(self) -> int:
        return len(list(self.path.glob("chunk-*.npz"))) if self.path.exists() else 0

    def forget(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _sound(meta: dict, data) -> Sound | None:
    if not meta.get("sound"):
        return None
    return Sound(
        float(meta["sound"]["frame_s"]), data["pitch_hz"], data["level_db"], _spans(meta["sound"]["silences"])
    )


def _spans(rows: list) -> tuple[tuple[float, float], ...]:
    return tuple((float(a), float(b)) for a, b in rows)


def forget_recording(settings: Settings, recording_sha256: str) -> None:
    """Remove the kept chunks of one recording, whatever settings they were made with."""
    for folder in work_root(settings).glob(f"{recording_sha256[:16]}-*"):
        shutil.rmtree(folder, ignore_errors=True)


def kept_work(settings: Settings, recording_sha256: str) -> bool:
    """Whether finished chunks of this recording are kept, so a review of it again reuses them."""
    return any(work_root(settings).glob(f"{recording_sha256[:16]}-*/chunk-*.npz"))


def packed_work(settings: Settings, recording_sha256: str) -> tuple[str, bytes] | None:
    """The work folder of one recording (its newest, if settings made more than one) as one zip:
    its name and bytes, for the database to keep beside the review (coach.store.review_work), so a
    machine that did not review it can review it again without transcribing it. None when none."""
    folders = [f for f in work_root(settings).glob(f"{recording_sha256[:16]}-*") if _kept_files(f)]
    if not folders:
        return None
    folder = max(folders, key=lambda f: max(p.stat().st_mtime for p in _kept_files(f)))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in _kept_files(folder):
            archive.write(path, path.name)
    return folder.name, packed.getvalue()


def unpack_work(settings: Settings, folder: str, archive: bytes) -> bool:
    """Put a review's kept work (`packed_work`) back in this machine's work folder, unless its
    chunks are there already; True when it was put back. Only a work folder's own files are taken."""
    target = work_root(settings) / Path(folder).name
    if any(target.glob("chunk-*.npz")):
        return False
    with zipfile.ZipFile(io.BytesIO(archive)) as packed:
        names = [n for n in packed.namelist() if _is_kept_file(n)]
        if not names:
            return False
        private_folder(target)
        for name in names:
            write_private(target / name, packed.read(name))
    return True


def _is_kept_file(name: str) -> bool:
    return "/" not in name and (
        (name.startswith("chunk-") and name.endswith(".npz"))
        or (name.startswith("answer-") and name.endswith(".json"))
    )


def _kept_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and _is_kept_file(p.name))


def forget_all(settings: Settings) -> None:
    """Remove every kept review chunk (privacy: they hold transcripts and voice embeddings)."""
    shutil.rmtree(work_root(settings), ignore_errors=True)
