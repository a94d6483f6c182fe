"""Make test interviews from espeak-ng voices, with the ground truth of who said what and when.

    python scripts/make_interview_clips.py [OUT_DIR]      # default: tests/data/interviews
    python scripts/make_interview_clips.py --tuning OUT_DIR   # three-voice TUNING interviews

Each interview alternates clearly different voices (an interviewer, sometimes a second one, and
the candidate); the ground truth JSON beside each clip lists every turn with its speaker, kind
(question, answer, other, candidate_question), time and text, and each question's bank id.
The same functions build the longer, varied interviews the benchmarks generate into a temporary
folder (`build_interview`, `interview_script`), so nothing long is committed.

Deterministic for a given espeak-ng and sox version. Needs the `espeak-ng` and `sox` programs.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

RATE = 16000
# espeak-ng voices that sound clearly different. `en-gb+f2` silently ignores `+f2`; `en+f2` works.
# The second interviewer is male like the candidate: the hard case for voice separation.
VOICES = {
    "candidate": ("en-gb", 160, 45),
    "interviewer": ("en+f2", 165, 55),
    "interviewer 2": ("en-us+m3", 170, 65),
}
# Three-voice interviews for TUNING speaker separation only (`tuning_interviews`): other espeak-ng
# voices and variants than VOICES, the second interviewer again a man like the candidate. Nothing
# measured on the reported interviews (VOICES) may choose a threshold; these may.
TUNING_VOICES = [
    {
        "candidate": ("en-gb-scotland+m1", 155, 40),
        "interviewer": ("en-us+f3", 160, 60),
        "interviewer 2": ("en-029+m2", 170, 55),
    },
    {
        "candidate": ("en-us-nyc", 165, 50),
        "interviewer": ("en+f4", 170, 65),
        "interviewer 2": ("en-gb-x-rp+m4", 160, 45),
    },
    {
        "candidate": ("en-gb-x-gbclan+m7", 160, 50),
        "interviewer": ("en+f1", 165, 60),
        "interviewer 2": ("en-us+m5", 165, 60),
    },
    {
        "candidate": ("en-029", 150, 45),
        "interviewer": ("en-us+f4", 175, 55),
        "interviewer 2": ("en-gb-scotland+m3", 165, 50),
    },
    {
        "candidate": ("en-gb-x-rp", 150, 40),
        "interviewer": ("en-us+f2", 170, 60),
        "interviewer 2": ("en-us+m1", 165, 55),
    },
    {
        "candidate": ("en-us+m4", 160, 45),
        "interviewer": ("en+f3", 165, 65),
        "interviewer 2": ("en-gb-x-gbcwmd", 165, 55),
    },
    {
        "candidate": ("en-gb-x-gbcwmd+m2", 155, 50),
        "interviewer": ("en-us+f1", 170, 60),
        "interviewer 2": ("en+m2", 160, 45),
    },
    {
        "candidate": ("en-us+m6", 160, 50),
        "interviewer": ("en-029+f2", 165, 60),
        "interviewer 2": ("en-gb-scotland", 160, 40),
    },
]
# Bank questions as an interviewer might ask them: the bank id, then the words actually said.
QUESTIONS = [
    (
        "beh-conf-01",
        "Thanks for coming in today. Let's start. Tell me about a time you disagreed with a "
        "colleague. How did you resolve it?",
    ),
    ("beh-fail-03", "Okay. Can you walk me through a project that did not meet its goals?"),
    (
        "beh-own-06",
        "Great, thank you. Describe a time you fixed the root cause of a problem instead of "
        "patching the symptom.",
    ),
    ("beh-lead-01", "Next one. Tell me about a time you led a project without formal authority."),
    ("beh-fail-05", "Tell me about a time you had to learn something new very quickly."),
    ("beh-collab-02", "Thanks. Describe a time a teammate was struggling. What did you do?"),
    ("beh-conf-02", "I see. How did you handle a time you disagreed with your manager's decision?"),
    ("beh-fail-07", "What is your biggest weakness, and what are you doing about it?"),
]
ANSWERS = [
    "In my last team a colleague wanted to rewrite the billing service from scratch. I thought the risk "
    "was too high, so I proposed that we measure the slowest paths first. We agreed to a two week "
    "experiment, and the data showed that three queries caused most of the delay.",
    "We planned to launch a new search page in one quarter. I underestimated the data migration, and "
    "we slipped by six weeks. I learned to split large projects into smaller releases with clear "
    "checkpoints.",
    "Our nightly reports kept failing and people restarted them by hand. I traced the failures to a "
    "shared lock in the database, and I moved the reports to a replica. After that change the "
    "reports did not fail again for a whole year.",
    "Two teams needed a common login library but neither owned it. I wrote a short proposal, "
    "organised a weekly meeting, and split the work by expertise. We shipped the library in two "
    "months and both teams still use it.",
    "When I joined a data team I had never used the stream processing tool they relied on. I read "
    "the documentation each evening and paired with a senior engineer. Within three weeks I fixed "
    "my first production issue on my own.",
    "A new teammate was missing deadlines and seemed worried. I asked him how things were going in "
    "a quiet one to one. We found he was blocked by unclear tickets, so I helped him break them "
    "down, and his work was on time the next month.",
    "My manager wanted to cut testing to meet a deadline. I showed him the incidents from the last "
    "release and suggested we keep tests for the payment flow only. He agreed, and we met the "
    "deadline without a single payment bug.",
    "I sometimes say yes to too many requests. Now I keep a written list of my commitments and I "
    "review it every Monday, so I can say no early and explain why.",
]
# The same answers as a nervous candidate says them: fillers written in, which espeak-ng says
# ("um", "uh", "like" and "you know" set off by commas, where no rule could read them as words
# that mean something). Each answer's truth is `written_fillers(text)`.
FILLED_ANSWERS = [
    "Um, in my last team a colleague wanted to rewrite the billing service from scratch. I thought "
    "the risk was, like, too high, so I, uh, proposed that we measure the slowest paths first. We "
    "agreed to a two week experiment, and, you know, the data showed that three queries caused most "
    "of the delay.",
    "We planned to launch a new search page in, um, one quarter. I, uh, underestimated the data "
    "migration, and we slipped by, like, six weeks. I learned to, um, split large projects into "
    "smaller releases with clear checkpoints.",
    "Our nightly reports kept failing and, um, people restarted them by hand. I traced the failures "
    "to, you know, a shared lock in the database, and I, uh, moved the reports to a replica. After "
    "that change the reports did not fail again for, like, a whole year.",
    "Uh, two teams needed a common login library but neither owned it. I wrote a short proposal, "
    "um, organised a weekly meeting, and, you know, split the work by expertise. We shipped the "
    "library in, um, two months and both teams still use it.",
    "When I joined a data team I had, um, never used the stream processing tool they relied on. I "
    "read the documentation, like, each evening and, uh, paired with a senior engineer. Within "
    "three weeks I, um, fixed my first production issue on my own.",
    "Um, a new teammate was missing deadlines and seemed worried. I asked him how things were going "
    "in, uh, a quiet one to one. We found he was, you know, blocked by unclear tickets, so I helped "
    "him break them down, and, um, his work was on time the next month.",
    "My manager wanted to, uh, cut testing to meet a deadline. I showed him the, um, incidents from "
    "the last release and, like, suggested we keep tests for the payment flow only. He agreed, and, "
    "you know, we met the deadline without a single payment bug.",
    "Uh, I sometimes say yes to, um, too many requests. Now I keep a written list of my commitments "
    "and, like, I review it every Monday, so I can, uh, say no early and explain why.",
]
WRITTEN_FILLERS = ("um", "uh", "like", "you know")
CANDIDATE_QUESTIONS = [
    "Thank you. What does success look like in the first ninety days in this role?",
    "Thanks. How does the team decide what to work on each quarter?",
]
INTRO = ("candidate", "Hello, thanks for having me. I am happy to be here.", "other")
CLOSING = ("interviewer", "We have a few minutes left. Do you have any questions for me?", "question")
PRACTICE_TEXT = (
    "Here is my practice answer. In my previous job I led the move of our build system to a "
    "faster tool. I measured the build times, planned the change in small steps, and "
    "trained the team. Build times fell from twenty minutes to six."
)


@dataclass(frozen=True)
class Line:
    speaker: str
    text: str
    kind: str  # question | answer | other | candidate_question
    bank_id: str | None = None


def written_fillers(text: str) -> int:
    """How many fillers were written into a line: every um and uh, and like / you know set off by
    commas (as FILLED_ANSWERS writes them; no answer uses either as words that mean something)."""
    words = re.findall(r"[a-z]+|,", text.lower())
    said = sum(w in ("um", "uh") for w in words)
    for i in range(len(words) - 2):
        said += words[i : i + 3] == [",", "like", ","]
        said += words[i : i + 4] == [",", "you", "know", ","]
    return said


def interview_script(
    pairs: list[int],
    *,
    second_interviewer: bool = False,
    closing: bool = True,
    backchannel: bool = False,
    fillers: bool = False,
) -> list[Line]:
    """The lines of one interview: intro, the chosen question/answer pairs, candidate questions.
    With `fillers`, the candidate answers with FILLED_ANSWERS."""
    lines = [Line(*INTRO)]
    for n, index in enumerate(pairs):
        asker = "interviewer 2" if second_interviewer and n % 2 == 1 else "interviewer"
        bank_id, question = QUESTIONS[index]
        lines.append(Line(asker, question, "question", bank_id))
        answer = (FILLED_ANSWERS if fillers else ANSWERS)[index]
        if backchannel and n == 0:
            first, _, rest = answer.partition(". ")
            lines += [
                Line("candidate", first + ".", "answer"),
                Line(asker, "I see, go on.", "other"),
                Line("candidate", rest, "answer"),
            ]
        else:
            lines.append(Line("candidate", answer, "answer"))
    if closing:
        lines.append(Line(*CLOSING))
        lines.append(Line("candidate", CANDIDATE_QUESTIONS[pairs[0] % 2], "candidate_question"))
    return lines


def say(line: Line, voices: dict, workdir: Path) -> np.ndarray:
    """One line spoken by its voice as 16 kHz mono float32."""
    voice, speed, pitch = voices[line.speaker]
    raw, wav = workdir / "raw.wav", workdir / "line.wav"
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(raw), line.text], check=True
    )
    subprocess.run(["sox", "-R", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(wav)], check=True)
    samples, _ = soundfile.read(str(wav), dtype="float32")
    return 0.7 * _trim(samples)  # headroom, so mixing voices and noise does not clip


def _trim(samples: np.ndarray, level: float = 0.01) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > level)
    return samples[loud[0] : loud[-1] + 1] if loud.size else samples


def render(
    lines: list[Line],
    *,
    voices: dict | None = None,
    seed: int = 0,
    gap_range: tuple[float, float] = (0.5, 1.2),
) -> tuple[dict[str, np.ndarray], list[dict]]:
    """Each speaker's own track (same length, silence when others talk) and the ground-truth turns."""
    voices = voices or VOICES
    rng = random.Random(seed)
    spoken, truth, t = [], [], 0.6
    with tempfile.TemporaryDirectory() as tmp:
        for line in lines:
            audio = say(line, voices, Path(tmp))
            start = t
            spoken.append((line.speaker, int(start * RATE), audio))
            truth.append(
                {
                    "speaker": line.speaker,
                    "kind": line.kind,
                    "bank_id": line.bank_id,
                    "start_s": round(start, 3),
                    "end_s": round(start + len(audio) / RATE, 3),
                    "text": line.text,
                }
            )
            t = start + len(audio) / RATE + rng.uniform(*gap_range)
    length = int((t + 0.5) * RATE)
    tracks = {s: np.zeros(length, dtype=np.float32) for s in {line.speaker for line in lines}}
    for speaker, offset, audio in spoken:
        tracks[speaker][offset : offset + len(audio)] += audio
    return tracks, truth


def mono_mix(tracks: dict[str, np.ndarray]) -> np.ndarray:
    return np.clip(sum(tracks.values()), -1, 1).astype(np.float32)


def stereo(
    tracks: dict[str, np.ndarray], candidate_side: str = "left", bleed_db: float = -30.0
) -> np.ndarray:
    """Candidate on one channel, everyone else on the other, with a little bleed like a real call."""
    me = tracks["candidate"]
    them = sum(v for k, v in tracks.items() if k != "candidate")
    bleed = 10 ** (bleed_db / 20)
    mine, theirs = me + bleed * them, them + bleed * me
    left, right = (mine, theirs) if candidate_side == "left" else (theirs, mine)
    return np.clip(np.stack([left, right], axis=1), -1, 1).astype(np.float32)


def add_noise(samples: np.ndarray, snr_db: float, seed: int = 0) -> np.ndarray:
    """Pink-ish background noise at a speech-to-noise ratio measured over the speech."""
    rng = np.random.default_rng(seed)
    white = rng.standard_normal(len(samples)).astype(np.float32)
    pink = np.convolve(white, np.ones(8) / 8, mode="same")
    speech_power = np.mean(samples[np.abs(samples) > 0.01] ** 2)
    pink *= np.sqrt(speech_power / 10 ** (snr_db / 10) / np.mean(pink**2))
    return np.clip(samples + pink, -1, 1).astype(np.float32)


def write(path: Path, samples: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(str(path), samples, RATE, subtype="PCM_16")


def telephone(src: Path, out: Path) -> None:
    """300–3400 Hz band, 8 kHz, 8-bit mu-law, as a phone line carries it."""
    subprocess.run(
        ["sox", "-R", str(src), "-r", "8000", "-e", "mu-law", str(out), "sinc", "300-3400"], check=True
    )


def build_interview(
    out: Path,
    lines: list[Line],
    *,
    form: str = "mono",
    seed: int = 0,
    voices: dict | None = None,
    snr_db: float | None = None,
) -> dict:
    """Write one interview (mono | stereo | phone) and its ground truth next to it as JSON."""
    tracks, truth = render(lines, voices=voices, seed=seed)
    if form == "stereo":
        samples = stereo(tracks)
    else:
        samples = mono_mix(tracks)
        if snr_db is not None:
            samples = add_noise(samples, snr_db, seed)
    if form == "phone":
        with tempfile.TemporaryDirectory() as tmp:
            wide = Path(tmp) / "wide.wav"
            write(wide, samples)
            telephone(wide, out)
    else:
        write(out, samples)
    info = {
        "clip": out.name,
        "form": form,
        "candidate_channel": "left" if form == "stereo" else None,
        "snr_db": snr_db,
        "duration_s": round(len(samples) / RATE, 3),
        "turns": truth,
    }
    out.with_suffix(".json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


def make_all(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    # Two question/answer pairs each keeps a committed clip under a minute.
    build_interview(out / "interview_mono.flac", interview_script([0, 1]), seed=1)
    build_interview(out / "interview_stereo.flac", interview_script([3, 4]), form="stereo", seed=2)
    build_interview(
        out / "interview_three_noise.flac",
        interview_script([6, 2], second_interviewer=True, backchannel=True),
        seed=3,
        snr_db=15.0,
    )
    build_interview(out / "interview_phone.wav", interview_script([5, 7]), form="phone", seed=4)
    # Fillers written into the answers: the review must count them as practice does (issue 18).
    build_interview(out / "interview_fillers.flac", interview_script([2, 5], fillers=True), seed=8)
    # Three voices, the second interviewer a man like the candidate, long filled answers: the weak
    # spot of issue 18 (told three voices, the candidate's own voice is split in two).
    build_interview(
        out / "interview_three_fillers.flac",
        interview_script([1, 4], second_interviewer=True, fillers=True),
        seed=9,
    )
    # One question and its answer (24 s): for the browser tests of what the Review page does with a
    # review (tests/e2e/test_review_*_browser.py), which a longer interview only makes slower.
    build_interview(out / "interview_short.flac", interview_script([1], closing=False), seed=10)
    # Bad input: one voice only; the same audio on both channels.
    tracks, _ = render(
        [Line("candidate", ANSWERS[0], "answer"), Line("candidate", ANSWERS[4], "answer")], seed=5
    )
    write(out / "one_voice.flac", mono_mix(tracks))
    tracks, _ = render(interview_script([7], closing=False), seed=6)
    mixed = mono_mix(tracks)
    write(out / "identical_stereo.flac", np.stack([mixed, mixed], axis=1))
    # A practice answer in the candidate's voice: the enrollment profile's source.
    tracks, _ = render([Line("candidate", PRACTICE_TEXT, "answer")], seed=7)
    write(out / "candidate_practice.flac", mono_mix(tracks))
    # Music without words: two chords with a slow tremolo.
    subprocess.run(
        [
            "sox",
            "-R",
            "-n",
            "-r",
            str(RATE),
            "-c",
            "1",
            "-b",
            "16",
            str(out / "music.flac"),
            "synth",
            "6",
            "pluck",
            "C3",
            "pluck",
            "E3",
            "pluck",
            "G3",
            "tremolo",
            "3",
            "40",
            "vol",
            "0.5",
        ],
        check=True,
    )


def tuning_interviews(out: Path) -> list[tuple[Path, dict, Path]]:
    """Write the three-voice TUNING interviews (TUNING_VOICES; plain and filled answers, mono and
    telephone) and a practice take per candidate voice: [(clip, ground truth, practice take)]."""
    out.mkdir(parents=True, exist_ok=True)
    plans = [  # voices, question/answer pairs, form, fillers, backchannel
        (0, [2, 5, 7, 0], "mono", True, False),
        (1, [6, 1, 3, 4], "mono", False, True),
        (2, [4, 7, 2, 6], "mono", True, True),
        (3, [3, 0, 5, 1], "mono", False, False),
        (0, [1, 6, 4, 3], "phone", False, True),
        (2, [5, 3, 0, 2], "phone", True, False),
        (4, [0, 3, 6, 1], "mono", True, False),
        (5, [7, 2, 4, 5], "mono", False, True),
        (6, [1, 5, 0, 6], "mono", True, False),
        (7, [2, 4, 7, 3], "mono", False, False),
        (4, [6, 0, 2, 7], "phone", True, True),
        (6, [3, 7, 1, 4], "phone", False, False),
    ]
    made = []
    for n, (v, pairs, form, fillers, backchannel) in enumerate(plans):
        voices = TUNING_VOICES[v]
        practice = out / f"practice-{v}.flac"
        if not practice.exists():
            tracks, _ = render([Line("candidate", PRACTICE_TEXT, "answer")], voices=voices, seed=500 + v)
            write(practice, mono_mix(tracks))
        clip = out / f"tuning-{n}{'.wav' if form == 'phone' else '.flac'}"
        lines = interview_script(pairs, second_interviewer=True, fillers=fillers, backchannel=backchannel)
        made.append((clip, build_interview(clip, lines, form=form, seed=400 + n, voices=voices), practice))
    return made


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--tuning"]:
        for clip, _, _ in tuning_interviews(Path(args[1])):
            print(f"tuning interview written: {clip}")
        sys.exit(0)
    default = Path(__file__).resolve().parent.parent / "tests/data/interviews"
    target = Path(args[0]) if args else default
    make_all(target)
    print(f"interview clips written to {target}")
