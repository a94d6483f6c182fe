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

from coach.files import file_sha256

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


# ---------------------------------------------------------------- recordings with speaker turns

# Who spoke when, as reference turns (RTTM), for benchmarks/speakers_real.py. pyannote.audio's
# source distribution (MIT) ships 14 clips of 30 s from the AMI Meeting Corpus (CC BY 4.0; far-field
# meeting-room speech, 1-4 speakers each) with their reference turns, and its wheel the phone call
# (conversation.wav above) with sample.rttm.
MEETINGS = HERE / "meetings"
MEETINGS_PACKAGE = "pyannote.audio==4.0.7"
MEETING_FILES = {  # name here: (member of the sdist, SHA-256)
    "dev00.wav": ("tests/data/dev00.wav", "187386cda67317574da5b30068a8b853e52cc6df0d13abfec381912dfa9e7461"),
    "dev01.wav": ("tests/data/dev01.wav", "13834217e1bd46a581af1b8040018bfba1e65ce1e0b9ee46cdcefa9334b9ddea"),
    "trn00.wav": (
        "tests/data/tr\u00f100.wav",
        "2b0ac2846b90199cf0fdaef0c38c26e965651f2fee29e7af13a30a5b84218142",
    ),
    "trn01.wav": ("tests/data/trn01.wav", "b5e8d91105604d25cb05cc3840d015d88bd6689a2acba35506dd0d7dcb00668a"),
    "trn02.wav": ("tests/data/trn02.wav", "2e4ce968332e68cac5ed74cd00f96b63ed6c034667583be34a32a7c2aa260803"),
    "trn03.wav": ("tests/data/trn03.wav", "d12d132a6d4788f85efaa8e18563e575746e6a6fcc928e919c7c0e6a3e0238b2"),
    "trn04.wav": ("tests/data/trn04.wav", "afa4bd13ee05be34953beb594d0d755ba83284c5a742ae27e388952d41c4d0f1"),
    "trn05.wav": ("tests/data/trn05.wav", "ec694aa5c9eea7453263eaf90d38ed921c1b6f8cc4f52897d9a4457a504d668d"),
    "trn06.wav": ("tests/data/trn06.wav", "e70cbed4f13c7971fdf9d424b079d87a25ed1ce3928da0bccd18f143eb4ac359"),
    "trn07.wav": ("tests/data/trn07.wav", "77628cd91dcc27c61f9b709e670f003cb860d597fda56e7ccb0ccbbc42d5a26f"),
    "trn08.wav": ("tests/data/trn08.wav", "a7d3397e82cb1025307f08b0fe8459a9d43fe61f3d9ce674f17819c7450bfac5"),
    "trn09.wav": ("tests/data/trn09.wav", "8e18bc410e6d54a166bbba2ff0b46a222626706788fa222add4f97bca842f822"),
    "tst00.wav": ("tests/data/tst00.wav", "0af781fb566501f7950479fd8bd92329276782c7ac930a03497d553b21c33397"),
    "tst01.wav": ("tests/data/tst01.wav", "a40925742870d05363eb781bd2cf1501fc37883cf003389175a39b24a5b2c7c9"),
    "train.rttm": (
        "tests/data/debug.train.rttm",
        "972ee04414fc7644f26eabe1909d6a0f6a3fa57ab840719ec0112d26f3a957d5",
    ),
    "development.rttm": (
        "tests/data/debug.development.rttm",
        "9667a672072f7d0ad5b647cfaed987d8c52209a4e1ddc252fed06d0b955e7aeb",
    ),
    "test.rttm": (
        "tests/data/debug.test.rttm",
        "eae147d74d3f08002a5028183538eb35e6a7c7a77fe7d87c51eec95852d33161",
    ),
    "conversation.rttm": (
        "src/pyannote/audio/sample/sample.rttm",
        "d78fe62c69d8e6dcbb42c26adfce83faccb374c5a1e6d987fe37f85f1c173c87",
    ),
}


def ensure_meetings() -> Path:
    """The AMI clips and reference turns present and verified (one 14 MB download); the folder."""
    missing = [n for n, (_, sha) in MEETING_FILES.items() if not _verified(MEETINGS / n, sha)]
    if not missing:
        return MEETINGS
    MEETINGS.mkdir(parents=True, exist_ok=True)
    root = MEETINGS_PACKAGE.replace("==", "-").replace(".", "_", 1)
    with tempfile.TemporaryDirectory() as tmp:
        archive = _download(MEETINGS_PACKAGE, True, Path(tmp))
        for name in missing:
            member, sha = MEETING_FILES[name]
            target = MEETINGS / name
            _extract(archive, f"{root}/{member}", target)
            if not _verified(target, sha):
                target.unlink()
                raise SystemExit(
                    f"{name} from {MEETINGS_PACKAGE} is not the file its reference turns describe."
                )
    return MEETINGS


def _verified(path: Path, sha256: str) -> bool:
    return path.exists() and file_sha256(path) == sha256


def reference_turns(clip: str) -> list[dict]:
    """Reference turns of a clip (`dev00`, `conversation`, ...) as {speaker, start_s, end_s}."""
    files = (
        [MEETINGS / "conversation.rttm"]
        if clip.startswith("conversation")
        else sorted(MEETINGS.glob("*.rttm"))
    )
    uri = "sample" if clip.startswith("conversation") else clip
    turns = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            part = line.split()
            if len(part) >= 8 and part[0] == "SPEAKER" and part[1] == uri:
                start, length = float(part[3]), float(part[4])
                turns.append({"speaker": part[7], "start_s": start, "end_s": start + length})
    return turns


if __name__ == "__main__":
    print(f"real-speech clips ready in {ensure()}")
    print(f"meeting clips with reference turns ready in {ensure_meetings()}")
