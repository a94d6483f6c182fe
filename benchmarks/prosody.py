"""Pitch variation, flat stretches and pauses heard in the sound (issue 20).

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/prosody.py [--voices en-us,en-gb,...]

1. Flat vs lively (synthetic speech): the same answer spoken by espeak-ng with SSML
   `<prosody range="x-low">` and `range="x-high"`, per voice, through the practice path
   (transcription, then coach.analysis): pitch variation in semitones, and whether it is called
   monotone. Target: every flat take monotone, no lively take.
2. Real recordings (tests/data/real_speech: lecture, phone call, news): pitch variation, the
   lowest 10 s window, and any flat stretch. Target: none called monotone.
3. Pauses (real speech): silences of known length (0.3-3 s) inserted at known places in the
   real recordings, at sentence ends and inside clauses (between two words with no punctuation),
   filled with Gaussian noise at the recording's own floor (its 10th-percentile frame level), so
   a "silence" is as quiet as the room, not digital zero. Each is looked for among the pauses
   the analysis finds: heard in the sound (coach.transcribe.sound, the app's way) and from gaps
   between word stamps (the earlier way). Found: a pause whose span overlaps the inserted one;
   length right: within 0.1 s of the inserted length plus any silence already at that point in
   the original; place right: after the same word (by text) and on the right side of the
   sentence-end / inside-clause line.
4. Time: measuring the sound (pitch, level, silences: one pass) against transcription.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.analysis.delivery import find_pauses  # noqa: E402
from coach.analysis.pipeline import load_pipeline, make_doc  # noqa: E402
from coach.config import load_settings  # noqa: E402
from coach.practice import practice_answer  # noqa: E402
from coach.transcribe import transcribe_file  # noqa: E402
from coach.transcribe.filled_pauses.features import measure  # noqa: E402
from coach.transcribe.sound import listen  # noqa: E402
from coach.types import SAMPLE_RATE, Transcript  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real_speech"
TEXT = (
    "In my last role our checkout service was failing during peak traffic. I was asked to find "
    "the cause within a week. I added tracing to every request, found a slow database query, and "
    "rewrote it with an index. As a result, checkout errors dropped by ninety percent and revenue "
    "recovered."
)
VOICES = ("en-us", "en-gb", "en-us+f3", "en-us+f4", "en-us+m7")
LENGTHS_S = (0.3, 0.5, 0.8, 1.2, 2.0, 3.0)


def espeak(voice: str, pitch_range: str, out: Path) -> Path:
    import subprocess

    raw = out.with_suffix(".raw.wav")
    ssml = f'<speak><prosody range="{pitch_range}">{TEXT}</prosody></speak>'
    subprocess.run(["espeak-ng", "-m", "-v", voice, "-s", "160", "-w", str(raw), ssml], check=True)
    subprocess.run(["sox", "-R", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)], check=True)
    return out


def flat_vs_lively(settings, voices: list[str], work: Path) -> None:
    print("\n1. Flat vs lively (espeak-ng, synthetic speech; practice path)")
    print(f"{'voice':10} {'flat st':>8} {'monotone':>9} {'lively st':>10} {'monotone':>9}")
    right = 0
    for voice in voices:
        row = []
        for pitch_range in ("x-low", "x-high"):
            clip = espeak(voice, pitch_range, work / f"{voice}-{pitch_range}.wav")
            prosody = practice_answer(clip, settings, save=False).analysis["metrics"]["prosody"]
            row.append(prosody)
        right += row[0]["monotone"] and not row[1]["monotone"]
        print(
            f"{voice:10} {row[0]['pitch_variation_st']:8.2f} {str(row[0]['monotone']):>9} "
            f"{row[1]['pitch_variation_st']:10.2f} {str(row[1]['monotone']):>9}"
        )
    print(f"flat called monotone and lively not: {right} of {len(voices)} voices")


def real_recordings(settings) -> dict[str, Transcript]:
    print("\n2. Real recordings (practice path)")
    heard = {}
    for name in ("lecture.wav", "conversation.wav", "news.wav"):
        result = practice_answer(REAL / name, settings, save=False)
        heard[name] = result.transcript
        p = result.analysis["metrics"]["prosody"]
        lowest = min((w["pitch_variation_st"] for w in p["windows"]), default=None)
        print(
            f"{name:18} variation {p['pitch_variation_st']:.2f} st, lowest 10 s window {lowest:.2f} st, "
            f"monotone {p['monotone']}, flat stretches {p['monotone_spans']}, "
            f"level {p['loudness_db']:.1f} dBFS (sd {p['loudness_variation_db']:.1f}), quiet {p['quiet']}"
        )
    return heard


@dataclass(frozen=True)
class Insert:
    after_word: str
    at_s: float  # in the original
    seconds: float
    sentence_end: bool
    already_s: float  # silence already there in the original


def plan(transcript: Transcript, n: int) -> list[Insert]:
    """Up to n places, alternating sentence ends and inside-clause junctions, spread out."""
    words = transcript.words
    silences = transcript.sound.silences
    ends, inside = [], []
    for k in range(1, len(words) - 2):
        w, nxt = words[k], words[k + 1]
        if w.source != "asr" or nxt.source != "asr":
            continue
        if w.text.endswith((".", "?", "!")):
            ends.append(k)
        elif re.fullmatch(r"[A-Za-z']+", w.text) and re.fullmatch(r"[a-z']+", nxt.text):
            inside.append(k)
    chosen, last = [], -10.0
    pools = [ends, inside]
    for i in range(n * 4):
        pool = pools[i % 2]
        for k in pool:
            at = (words[k].end_s + words[k + 1].start_s) / 2
            if at - last >= 4.0:
                break
        else:
            continue
        pool.remove(k)
        already = next((b - a for a, b in silences if a - 0.05 <= at <= b + 0.05), 0.0)
        if already:
            at = next((a + b) / 2 for a, b in silences if a - 0.05 <= at <= b + 0.05)
        chosen.append(
            Insert(words[k].text, at, LENGTHS_S[len(chosen) % len(LENGTHS_S)], pool is ends, already)
        )
        last = at
        if len(chosen) == n:
            break
    return sorted(chosen, key=lambda x: x.at_s)


def insert_silences(samples: np.ndarray, inserts: list[Insert]) -> tuple[np.ndarray, list[float]]:
    """The audio with noise at its floor inserted; where each insert starts in the new audio."""
    frames = measure(samples)
    sounding = frames.intensity_db[frames.intensity_db > -99]
    floor_rms = 2e-5 * 10 ** (np.percentile(sounding, 10) / 20)
    rng = np.random.default_rng(20)
    pieces, starts, pos, shift = [], [], 0, 0.0
    for ins in inserts:
        cut = int(round(ins.at_s * SAMPLE_RATE))
        pieces.append(samples[pos:cut])
        pieces.append(rng.normal(0, floor_rms, int(round(ins.seconds * SAMPLE_RATE))).astype(np.float32))
        starts.append(ins.at_s + shift)
        shift += ins.seconds
        pos = cut
    pieces.append(samples[pos:])
    return np.concatenate(pieces), starts


def pauses_test(settings, heard: dict[str, Transcript], work: Path) -> None:
    print("\n3. Pauses: silences inserted into real recordings (practice path's transcription)")
    nlp = load_pipeline()
    totals = {"sound": [0, 0, 0, []], "word gaps": [0, 0, 0, []]}
    n_all = 0
    for name, original in heard.items():
        samples, _ = sf.read(REAL / name, dtype="float32")
        if samples.ndim > 1:
            samples = samples.mean(axis=1)
        inserts = plan(original, 6)
        longer, starts = insert_silences(samples, inserts)
        path = work / f"paused-{name}"
        sf.write(path, longer, SAMPLE_RATE)
        transcript = transcribe_file(path, settings)
        doc = nlp(make_doc(nlp, transcript))
        ways = {
            "sound": find_pauses(transcript, doc, settings.thresholds.pause_min_s),
            "word gaps": find_pauses(replace(transcript, sound=None), doc, settings.thresholds.pause_min_s),
        }
        for ins, start in zip(inserts, starts, strict=True):
            n_all += 1
            truth = ins.seconds + ins.already_s
            where = "sentence end" if ins.sentence_end else "inside clause"
            line = f"  {name:17} {ins.seconds:.1f} s after {ins.after_word!r:14} ({where}"
            line += f", {ins.already_s:.2f} s there)"
            for way, pauses in ways.items():
                hit = [p for p in pauses if p.start_s < start + ins.seconds and p.start_s + p.seconds > start]
                t = totals[way]
                if not hit:
                    line += f" | {way}: missed"
                    continue
                p = max(hit, key=lambda p: p.seconds)
                word = transcript.words[p.after_word].text
                placed = _same(word, ins.after_word) and p.at_boundary == ins.sentence_end
                t[0] += 1
                t[1] += abs(p.seconds - truth) <= 0.1
                t[2] += placed
                t[3].append(abs(p.seconds - truth))
                line += f" | {way}: {p.seconds:.2f} s after {word!r}{'' if placed else ' (place wrong)'}"
            print(line)
    for way, (found, length_ok, placed, errors) in totals.items():
        print(
            f"{way:10}: found {found}/{n_all}, length within 0.1 s {length_ok}/{n_all} "
            f"(median error {np.median(errors) if errors else float('nan'):.2f} s, "
            f"worst {max(errors, default=float('nan')):.2f} s), place right {placed}/{n_all}"
        )


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W", "", a.lower()) == re.sub(r"\W", "", b.lower())


def timing(settings) -> None:
    print("\n4. Time: measuring the sound against transcription (real recordings)")
    from coach.audio import load_audio

    for name in ("lecture.wav", "news.wav"):
        audio = load_audio(REAL / name, settings)
        t0 = time.perf_counter()
        transcribe_file(REAL / name, settings)
        transcribing = time.perf_counter() - t0
        t0 = time.perf_counter()
        frames = measure(audio.samples)
        measuring = time.perf_counter() - t0
        t0 = time.perf_counter()
        listen(audio.samples, frames)
        extra = time.perf_counter() - t0
        print(
            f"{name:12} transcription (with the frame pass) {transcribing:.1f} s; the frame pass "
            f"{measuring:.2f} s (shared with the filler detector); pitch/level/silences on top "
            f"{extra * 1000:.0f} ms = {100 * extra / transcribing:.1f}% "
            f"({100 * (extra + measuring) / transcribing:.1f}% with the whole frame pass)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", default=",".join(VOICES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        settings = load_settings(work / "data")
        flat_vs_lively(settings, args.voices.split(","), work)
        heard = real_recordings(settings)
        pauses_test(settings, heard, work)
        timing(settings)


if __name__ == "__main__":
    main()
