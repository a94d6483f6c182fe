"""Real recordings for checking the filled-pause detector, taken from packages on PyPI.

    .venv/bin/python scripts/real_speech.py      # idempotent; `make test` and the benchmark run it

The synthetic set (scripts/make_filled_pause_set.py) knows every filler's time but is not real
speech. These are: a lecture with many "uh"s, a telephone conversation and a news broadcast,
shipped as test and sample audio inside two MIT-licensed packages (silero-vad's source
distribution, pyannote.audio's wheel). They are not committed here: each is fetched once with
`pip download` (the package registry, like every other dependency), checked against its SHA-256,
and kept in tests/data/real_speech/ beside the committed labels. The 8 kHz copies (telephone
band, where Whisper drops fillers most) are made with sox, without its random dither.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from coach.audio import file_sha256

HERE = Path(__file__).resolve().parent.parent / "tests" / "data" / "real_speech"
LABELS = HERE / "labels.json"


def labels() -> dict:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def clip_labels(name: str) -> dict:
    clips = labels()["clips"]
    clip = clips[name]
    while "telephone_copy_of" in clip or "same_labels_as" in clip:
        clip = clips[clip.get("telephone_copy_of") or clip["same_labels_as"]]
    return clip


def _download(requirement: str, source_only: bool, into: Path) -> Path:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(into), requirement]
    if source_only:
        command[5:5] = ["--no-binary", ":all:"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(
            f"Could not download {requirement} from the package index for the real-speech "
            "clips; check the connection to PyPI and run this script again.\n" + done.stderr[-500:]
        )
    return next(into.iterdir())


def _extract(archive: Path, member: str, to: Path) -> None:
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as zf:
            to.write_bytes(zf.read(member))
    else:
        with tarfile.open(archive) as tf:
            stream = tf.extractfile(member)
            if stream is None:
                raise SystemExit(f"{archive.name} has no file {member}")
            to.write_bytes(stream.read())


def _missing(clips: dict) -> dict[str, list[str]]:
    """Clips not yet here (or not the labelled recording), grouped by the package that has them."""
    by_package: dict[str, list[str]] = {}
    for name, clip in clips.items():
        source = clip.get("source")
        target = HERE / name
        if source and not (target.exists() and file_sha256(target) == source["sha256"]):
            by_package.setdefault(source["package"], []).append(name)
    return by_package


def _fetch(package: str, names: list[str], clips: dict) -> None:
    """One download per package, however many clips it holds."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = _download(package, clips[names[0]]["source"]["archive"] == "sdist", Path(tmp))
        for name in names:
            source, target = clips[name]["source"], HERE / name
            _extract(archive, source["member"], target)
            if file_sha256(target) != source["sha256"]:
                target.unlink()
                raise SystemExit(
                    f"{name} from {package} is not the recording the labels were made on "
                    "(SHA-256 differs); the labels would not fit it."
                )


def _telephone(name: str, original: str) -> None:
    """An 8 kHz copy, as a phone line carries it (sox's default high-quality resampler).

    Without dither (-D): sox's default dither is random, and tiny.en's words on the copy moved
    with it from run to run (benchmarks/filled_pauses_real.py measures that spread on purpose).
    """
    target, source = HERE / name, HERE / original
    stamp = target.with_suffix(".from")
    if target.exists() and stamp.exists() and stamp.read_text() == file_sha256(source):
        return
    subprocess.run(["sox", "-D", str(source), "-r", "8000", str(target)], check=True)
    stamp.write_text(file_sha256(source))


def ensure() -> Path:
    """Every clip named in labels.json present and verified; returns the folder."""
    clips = labels()["clips"]
    for package, names in _missing(clips).items():
        _fetch(package, names, clips)
    for name, clip in clips.items():
        if "telephone_copy_of" in clip:
            _telephone(name, clip["telephone_copy_of"])
    return HERE


if __name__ == "__main__":
    print(f"real-speech clips ready in {ensure()}")
