"""Make the labelled filled-pause set in tests/data/filled_pauses/ (issue 10).

Speech comes from espeak-ng, phrase by phrase; each "uh"/"um" is synthesised on its own, its
vowel stretched with sox's `tempo` to a chosen length (pitch kept), and spliced between
phrases, so every filler's time is known by construction. Negatives hold what a detector must
not call a filler: silent pauses, breaths (band-passed noise with a breath's rise and fall),
elongated words ("sooo"), a steady hum under the speech, a music interlude, background noise.
Glued clips run each filler straight into the next phrase, with no pause between.
Clips are stored at 16 kHz, and at 8 kHz band-limited to 300-3400 Hz (telephone), where
Whisper drops fillers. Voices in "heldout" are never used to tune thresholds.

    .venv/bin/python scripts/make_filled_pause_set.py [OUT_DIR]

Deterministic for a given espeak-ng and sox version (sox runs with -D: no random dither).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

RATE = 16000
OUT_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "filled_pauses"

PHRASES = [
    "I was leading the payments team at the time",
    "we had a release planned for the end of the month",
    "the database migration was taking much longer than expected",
    "so I sat down with the two engineers who owned it",
    "and we split the work into smaller pieces",
    "my manager wanted a date we could promise",
    "I think the main lesson was to ask for help early",
    "we measured the error rate every morning",
    "the customer was unhappy with the delays",
    "in the end we shipped two days late",
    "I wrote a short plan and shared it with everyone",
    "the tests were failing on every second build",
]
# (voice, words per minute, split). espeak-ng: "en+f2" gives a female voice; "en-gb+f2" ignores +f2.
VOICES = [
    ("en-us", 150, "dev"),
    ("en+f2", 140, "dev"),
    ("en+m3", 175, "dev"),
    ("en-us+f4", 165, "dev"),
    ("en-gb", 130, "heldout"),
    ("en+f3", 185, "heldout"),
]
FILLER_PHONEMES = {"uh": ["V", "@"], "um": ["Vm", "@m"]}


def run(*args: str) -> None:
    try:
        subprocess.run(args, check=True, capture_output=True)
    except subprocess.CalledProcessError as e:
        raise RuntimeError(f"{args[0]} failed: {e.stderr.decode(errors='replace')}") from e


def synth(text: str, voice: str, speed: int, tmp: Path, *, stretch_to_s: float | None = None) -> np.ndarray:
    """espeak-ng speech at 16 kHz, leading and trailing silence trimmed, optionally time-stretched."""
    raw, out = tmp / "raw.wav", tmp / "out.wav"
    run("espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text)
    run(
        "sox",
        "-D",
        str(raw),
        "-r",
        str(RATE),
        "-c",
        "1",
        "-b",
        "16",
        str(out),
        "silence",
        "1",
        "0.01",
        "0.5%",
        "reverse",
        "silence",
        "1",
        "0.01",
        "0.5%",
        "reverse",
    )
    if stretch_to_s is not None:
        length = sf.info(str(out)).duration
        run("sox", "-D", str(out), str(raw), "tempo", "-s", f"{length / stretch_to_s:.4f}")
        run("sox", "-D", str(raw), "-r", str(RATE), str(out))
    samples, _ = sf.read(str(out), dtype="float32")
    return samples


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.float32)


def breath(seconds: float, rng: np.random.Generator, level: float) -> np.ndarray:
    """An inhalation: noise shaped to 400-2500 Hz, rising then falling (no pitch at all)."""
    n = int(seconds * RATE)
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    spectrum[(freqs < 400) | (freqs > 2500)] = 0
    noise = np.fft.irfft(spectrum, n)
    envelope = np.sin(np.linspace(0, np.pi, n)) ** 2
    noise = noise * envelope
    return (noise / np.max(np.abs(noise)) * level).astype(np.float32)


def hum(seconds: float, f0: float, level: float) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    wave = sum(np.sin(2 * np.pi * f0 * k * t) / k for k in range(1, 6))
    return (wave / np.max(np.abs(wave)) * level).astype(np.float32)


def music(seconds: float, rng: np.random.Generator, level: float) -> np.ndarray:
    """Notes of a melody with harmonics and decay: steady pitches, like a held vowel's."""
    pieces, total = [], 0.0
    while total < seconds:
        length = float(rng.choice([0.25, 0.5, 0.75]))
        f0 = 220.0 * 2 ** (int(rng.integers(0, 12)) / 12)
        t = np.arange(int(length * RATE)) / RATE
        note = sum(np.sin(2 * np.pi * f0 * k * t) * 0.6**k for k in range(1, 6)) * np.exp(-2.5 * t)
        pieces.append(note)
        total += length
    wave = np.concatenate(pieces)[: int(seconds * RATE)]
    return (wave / np.max(np.abs(wave)) * level).astype(np.float32)


def positive_clip(index: int, voice: str, speed: int, rng: np.random.Generator, tmp: Path):
    """Three or four phrases with a filler before, between or after them."""
    phrases = [PHRASES[(index * 3 + k) % len(PHRASES)] for k in range(3)]
    pieces, fillers, t = [silence(0.3)], [], 0.3
    for k, phrase in enumerate(phrases):
        speech = synth(phrase, voice, speed, tmp)
        pieces.append(speech)
        t += len(speech) / RATE
        if k == len(phrases) - 1 and index % 2:
            break
        kind = "um" if rng.random() < 0.5 else "uh"
        phoneme = FILLER_PHONEMES[kind][int(rng.integers(0, 2))]
        length = float(rng.uniform(0.25, 0.9))
        before = float(rng.choice([0.02, 0.1, 0.25]))
        after = float(rng.uniform(0.1, 0.35))
        filler = synth(f"[[{phoneme}]]", voice, speed, tmp, stretch_to_s=length)
        pieces += [silence(before), filler, silence(after)]
        t += before
        fillers.append({"text": kind, "start_s": round(t, 3), "end_s": round(t + len(filler) / RATE, 3)})
        t += len(filler) / RATE + after
    pieces.append(silence(0.3))
    return np.concatenate(pieces), fillers


def glued_clip(index: int, voice: str, speed: int, rng: np.random.Generator, tmp: Path):
    """Fillers run straight into the next phrase, with no gap ("um-the database...")."""
    pieces, fillers, t = [silence(0.3)], [], 0.3
    for k in range(3):
        speech = synth(PHRASES[(index * 5 + k * 2) % len(PHRASES)], voice, speed, tmp)
        if k > 0:
            kind = ("uh", "um")[(index + k) % 2]
            filler = synth(
                f"[[{FILLER_PHONEMES[kind][0]}]]",
                voice,
                speed,
                tmp,
                stretch_to_s=float(rng.uniform(0.3, 0.7)),
            )
            pieces += [silence(0.25), filler]
            t += 0.25
            fillers.append({"text": kind, "start_s": round(t, 3), "end_s": round(t + len(filler) / RATE, 3)})
            t += len(filler) / RATE
        pieces.append(speech)
        t += len(speech) / RATE
    pieces.append(silence(0.3))
    return np.concatenate(pieces), fillers


def negative_clip(kind: str, voice: str, speed: int, rng: np.random.Generator, tmp: Path) -> np.ndarray:
    phrases = [PHRASES[int(i)] for i in rng.choice(len(PHRASES), 3, replace=False)]
    speech = [synth(p, voice, speed, tmp) for p in phrases]
    level = float(np.max(np.abs(np.concatenate(speech))))
    gaps: list[np.ndarray]
    if kind == "silent_pauses":
        gaps = [silence(float(rng.uniform(0.6, 1.6))) for _ in range(2)]
    elif kind == "breaths":
        gaps = [
            np.concatenate(
                [silence(0.15), breath(float(rng.uniform(0.3, 0.5)), rng, 0.12 * level), silence(0.15)]
            )
            for _ in range(2)
        ]
    elif kind == "elongated":
        # "sooo", "welll": the word's own vowel held; the transcriber writes the word, not a filler.
        held = [
            synth(w, voice, speed, tmp, stretch_to_s=float(rng.uniform(0.7, 1.1))) for w in ("so", "well")
        ]
        gaps = [np.concatenate([silence(0.15), word, silence(0.2)]) for word in held]
    elif kind == "music_interlude":
        gaps = [np.concatenate([silence(0.2), music(1.5, rng, 0.5 * level), silence(0.2)]), silence(0.8)]
    else:  # a quiet pause filled only by what is under the whole clip (hum_bed, noise_bed)
        gaps = [silence(float(rng.uniform(0.8, 1.4))) for _ in range(2)]
    clip = np.concatenate([silence(0.3), speech[0], gaps[0], speech[1], gaps[1], speech[2], silence(0.3)])
    if kind == "hum_bed":
        clip = clip + hum(len(clip) / RATE, float(rng.choice([110.0, 120.0, 180.0])), 0.06 * level)
    elif kind == "noise_bed":
        noise = np.cumsum(rng.standard_normal(len(clip))).astype(np.float32)
        noise -= np.convolve(noise, np.ones(400) / 400, mode="same")
        clip = clip + noise / np.max(np.abs(noise)) * 0.05 * level
    return clip.astype(np.float32)


def bad_input(kind: str, rng: np.random.Generator) -> np.ndarray:
    """No speech at all: what a detector sees if the transcriber invented words."""
    if kind == "music":
        return music(4.0, rng, 0.5)
    if kind == "hum":
        return hum(4.0, 120.0, 0.3)
    if kind == "noise":
        return (rng.standard_normal(4 * RATE) * 0.05).astype(np.float32)
    return silence(6.0)


def write(path: Path, samples: np.ndarray, telephone: bool, tmp: Path) -> None:
    peak = float(np.max(np.abs(samples))) or 1.0
    samples = samples / peak * 0.8 if peak > 0.8 else samples
    if not telephone:
        sf.write(str(path), samples, RATE, subtype="PCM_16")
        return
    wide = tmp / "wide.wav"
    sf.write(str(wide), samples, RATE, subtype="PCM_16")
    run("sox", "-D", str(wide), "-r", "8000", "-b", "16", str(path), "sinc", "300-3400")


def main(out_dir: Path = OUT_DIR) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    labels: dict[str, dict] = {}
    rng = np.random.default_rng(10)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        index = 0
        for voice, speed, split in VOICES:
            for telephone in (False, True):
                samples, fillers = positive_clip(index, voice, speed, rng, tmp)
                name = f"fillers_{index:02d}_{'8k' if telephone else '16k'}.wav"
                write(out_dir / name, samples, telephone, tmp)
                labels[name] = {
                    "kind": "fillers",
                    "split": split,
                    "voice": voice,
                    "speed": speed,
                    "sample_rate": 8000 if telephone else RATE,
                    "fillers": fillers,
                }
                index += 1
        negatives = ["silent_pauses", "breaths", "elongated", "hum_bed", "music_interlude", "noise_bed"]
        for k, kind in enumerate(negatives):
            for telephone in (False, True):
                voice, speed, split = VOICES[(k + int(telephone)) % len(VOICES)]
                name = f"{kind}_{'8k' if telephone else '16k'}.wav"
                write(out_dir / name, negative_clip(kind, voice, speed, rng, tmp), telephone, tmp)
                labels[name] = {
                    "kind": kind,
                    "split": split,
                    "voice": voice,
                    "speed": speed,
                    "sample_rate": 8000 if telephone else RATE,
                    "fillers": [],
                }
        for kind in ("music", "hum", "noise", "silence"):
            name = f"only_{kind}.wav"
            write(out_dir / name, bad_input(kind, rng), False, tmp)
            labels[name] = {"kind": f"only_{kind}", "split": "bad_input", "sample_rate": RATE, "fillers": []}
        # Added later with their own generator, so the clips above stay byte for byte the same.
        # All voices are "dev": every one was used when fixing how glued fillers were missed.
        glued_rng = np.random.default_rng(11)
        for index, (voice, speed, _) in enumerate(VOICES):
            for telephone in (False, True):
                samples, fillers = glued_clip(index, voice, speed, glued_rng, tmp)
                name = f"glued_{index:02d}_{'8k' if telephone else '16k'}.wav"
                write(out_dir / name, samples, telephone, tmp)
                labels[name] = {
                    "kind": "glued",
                    "split": "dev",
                    "voice": voice,
                    "speed": speed,
                    "sample_rate": 8000 if telephone else RATE,
                    "fillers": fillers,
                }
    (out_dir / "labels.json").write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")
    print(f"{len(labels)} clips and labels.json written to {out_dir}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR)
