"""Moonshine tiny against the fluent set: measured as a candidate transcriber, not used.

    npm pack @moonshine-ai/moonshine-js@0.1.29   # MIT; ships Moonshine tiny, int8 ONNX (28 MB)
    pip download useful-moonshine-onnx==20251121 --no-deps   # MIT; ships the tokenizer only
    (unpack both into DIR), then
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/moonshine_tiny.py DIR [--set FOLDER]

    pip download moonshine-cpp==0.1.4 --no-deps   # MIT; ships Moonshine base English, int8 ORT
    (unpack its wheel into DIR too), then the same with --base

Moonshine (Useful Sensors, 2024) is the one English speech model we found whose weights install
from a package registry besides Whisper's: the npm package above carries
`dist/model/tiny/quantized/{encoder_model,decoder_model_merged}.onnx`, run here with onnxruntime
(already installed for faster-whisper's voice detector) and greedy decoding, as its own Python
package does. It gives text without word times, so it could only ever check Whisper's words, and it
is measured here on the fluent set's text alone: each clip cut by the Silero voice detector into
pieces of at most 20 s (Moonshine is trained on short utterances), the pieces' text joined, WER
with fluent_speech.py's normalisation (filled pauses left out). Printout:
benchmarks/results/moonshine_tiny_fluent.txt. `--base`: Moonshine base (8 decoder layers, head size
52) from the PyPI package moonshine-cpp, whose wheel carries `moonshine_cpp/models/base-en/
{encoder_model,decoder_model_merged}.ort` (onnxruntime's own format, opened the same way).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import jiwer
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.fluent_speech import clip_set, normalise  # noqa: E402
from coach.audio import load_audio  # noqa: E402
from coach.config import load_settings  # noqa: E402

SIZES = {"tiny": (6, 8, 36), "base": (8, 8, 52)}  # the decoder's layers, heads, head size
START, END = 1, 2


class MoonshineTiny:
    def __init__(self, folder: Path, size: str = "tiny"):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model, kind = folder / "package" / "dist" / "model" / "tiny" / "quantized", "onnx"
        if size == "base":
            model, kind = folder / "moonshine_cpp" / "models" / "base-en", "ort"
        self.layers, self.heads, self.head_dim = SIZES[size]
        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        cpu = ["CPUExecutionProvider"]
        self.encoder = ort.InferenceSession(str(model / f"encoder_model.{kind}"), options, providers=cpu)
        self.decoder = ort.InferenceSession(
            str(model / f"decoder_model_merged.{kind}"), options, providers=cpu
        )
        self.tokenizer = Tokenizer.from_file(str(folder / "moonshine_onnx" / "assets" / "tokenizer.json"))

    def text(self, samples: np.ndarray) -> str:
        audio = samples[None, :].astype(np.float32)
        hidden = self.encoder.run(None, {"input_values": audio})[0]
        past = {
            f"past_key_values.{i}.{side}.{kind}": np.zeros((0, self.heads, 1, self.head_dim), np.float32)
            for i in range(self.layers)
            for side in ("decoder", "encoder")
            for kind in ("key", "value")
        }
        tokens, ids = [START], [[START]]
        for step in range(int(len(samples) / 16000 * 6.5) + 10):  # at most 6.5 tokens a second
            cached = step > 0
            inputs = {
                "input_ids": np.array(ids, np.int64),
                "encoder_hidden_states": hidden,
                "use_cache_branch": np.array([cached]),
                **past,
            }
            logits, *present = self.decoder.run(None, inputs)
            token = int(logits[0, -1].argmax())
            tokens.append(token)
            if token == END:
                break
            ids = [[token]]
            for key, value in zip(list(past), present, strict=True):
                if not cached or ".decoder." in key:
                    past[key] = value
        return self.tokenizer.decode(tokens[1:], skip_special_tokens=True)


def main() -> None:
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path, help="where the npm and PyPI packages were unpacked")
    parser.add_argument("--set", type=Path, help="the fluent set's folder (built there if missing)")
    parser.add_argument("--base", action="store_true", help="Moonshine base (moonshine-cpp's wheel in DIR)")
    args = parser.parse_args()
    model, settings = MoonshineTiny(args.folder, "base" if args.base else "tiny"), load_settings()
    folder = args.set or Path(tempfile.mkdtemp())
    errors, words = {"16k": 0, "8k": 0}, {"16k": 0, "8k": 0}
    pieces = VadOptions(max_speech_duration_s=20, min_silence_duration_ms=300, speech_pad_ms=200)
    for clip in clip_set(folder):
        samples = load_audio(folder / clip["file"], settings).samples
        said = " ".join(
            model.text(samples[p["start"] : p["end"]]) for p in get_speech_timestamps(samples, pieces)
        )
        reference = [w for w in normalise(clip["text"]) if w not in ("um", "uh")]
        heard = [w for w in normalise(said) if w not in ("um", "uh")]
        out = jiwer.process_words(" ".join(reference), " ".join(heard))
        wrong = out.substitutions + out.deletions + out.insertions
        rate = "8k" if clip["file"].endswith("-8k.wav") else "16k"
        errors[rate] += wrong
        words[rate] += len(reference)
        dropped = out.deletions / len(reference)
        print(f"{clip['file']:55s} WER {wrong / len(reference):.3f}  dropped {dropped:.3f}")
    total = sum(errors.values()) / sum(words.values())
    by_rate = "; ".join(f"{rate} {errors[rate] / words[rate]:.3f}" for rate in ("16k", "8k"))
    print(f"WER, whole set {total:.3f}; {by_rate}")


if __name__ == "__main__":
    main()
