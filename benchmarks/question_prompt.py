"""Does a question in the decoder's prompt get written into answers that never said it?

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/question_prompt.py [CLIP ...]

Issue 15's experiment gives Whisper the question an answer was recorded for, before or after the
verbatim prompt (benchmarks/fluent_speech.py, settings app-question-first / app-question-last).
Whisper reads its prompt as the text said just before, so it may copy it. This transcribes real
and test recordings through the app's path with the default prompt and with questions they do
not answer, and prints, per clip, question and order: how many transcript words changed against
the default (word errors, taking the default as reference), the question's own words written with
the question that the default transcript does not have (copied), and the fillers ("um", "uh")
written with and without it.

Default clips: the three real-speech recordings at both rates (scripts/real_speech.py puts them in
tests/data/real_speech) and the test answers in tests/data.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import jiwer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.fluent_speech import (  # noqa: E402
    _app,
    fillers_in,
    question_first,
    question_last,
)
from coach.audio import load_audio  # noqa: E402
from coach.config import load_settings  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CLIPS = [
    *(DATA / "real_speech" / name for name in ("conversation.wav", "lecture.wav", "news.wav")),
    *(DATA / "real_speech" / name for name in ("conversation_8k.wav", "lecture_8k.wav", "news_8k.wav")),
    DATA / "clean.wav",
    DATA / "fillers.wav",
    DATA / "phone_8k.wav",
    *sorted((DATA / "mock").glob("*.wav")),
]
# Questions none of the clips answers (a lecture on philosophy, news, a conversation, and short
# answers about a checkout service, a schedule and a billing team).
UNRELATED = [
    "Tell me about someone you mentored. How did they grow?",
    "What happens, step by step, when you type a URL into a browser and press enter?",
]
STOP = set("a an and the to of in on you your me about how what when did do does is are it they time".split())


def plain(text: str) -> list[str]:
    return re.sub(r"[^a-z' ]", " ", text.lower()).split()


def copied(question: str, default: str, prompted: str) -> list[str]:
    """Question words (not the small ones) the prompted transcript has more of than the default."""
    said, heard = plain(default), plain(prompted)
    return sorted(
        {w for w in plain(question) if w not in STOP and heard.count(w) > said.count(w)},
    )


def main(argv: list[str]) -> None:
    clips = [Path(a) for a in argv] or [c for c in CLIPS if c.exists()]
    with tempfile.TemporaryDirectory(prefix="coach-question-prompt-") as tmp:
        settings = load_settings(data_dir=Path(tmp) / "data")
        default_run = _app(None)
        ways = [
            ("question+prompt", _app(None, question_first)),
            ("prompt+question", _app(None, question_last)),
        ]
        totals = {label: [0, 0, 0, 0] for label, _ in ways}  # changed words, default words, copied, fillers
        default_fillers = 0
        for clip in clips:
            audio = load_audio(clip, settings)
            default = default_run(audio, settings, "").text
            fillers = sum(fillers_in(plain(default)).values())
            default_fillers += fillers * len(UNRELATED)
            print(f"\n{clip.relative_to(DATA)}: {len(plain(default))} words, {fillers} fillers")
            print(f"  default: {default}")
            for question in UNRELATED:
                for label, run in ways:
                    text = run(audio, settings, question).text
                    changed = jiwer.process_words(
                        " ".join(plain(default)) or "-", " ".join(plain(text)) or "-"
                    )
                    errors = changed.substitutions + changed.deletions + changed.insertions
                    written = copied(question, default, text)
                    kept = sum(fillers_in(plain(text)).values())
                    total = totals[label]
                    total[0] += errors
                    total[1] += len(plain(default))
                    total[2] += len(written)
                    total[3] += kept
                    print(
                        f"  {label} ({question[:30]}...): {errors} words changed, fillers {kept}, "
                        f"question words written {written or '-'}"
                    )
                    if errors:
                        print(f"    {text}")
        print(
            f"\n{len(clips)} clips x {len(UNRELATED)} unrelated questions; default fillers {default_fillers}"
        )
        for label, (errors, words, written, kept) in totals.items():
            print(
                f"{label}: {errors} of {words} words changed against the default "
                f"({errors / max(words, 1):.1%}), question words written {written}, fillers {kept}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
