"""Frozen dataclasses shared by every stage: audio → transcript → analysis → store."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

# Every stage after decoding works at 16 kHz mono: what Whisper, the voice detector, the voice
# embedder and the filled-pause detector all take.
SAMPLE_RATE = 16000


@dataclass(frozen=True)
class Word:
    """One transcribed word with its time in seconds from the start of the audio.

    `text` has no surrounding whitespace and keeps Whisper's punctuation ("Hello,").
    `source` is "asr" for words the transcriber produced and "acoustic" for fillers recovered
    from the audio itself.
    """

    text: str
    start_s: float
    end_s: float
    prob: float = 1.0
    source: str = "asr"

    def to_dict(self) -> dict:
        data = {
            "text": self.text,
            "start_s": round(self.start_s, 3),
            "end_s": round(self.end_s, 3),
            "prob": round(self.prob, 3),
        }
        if self.source != "asr":
            data["source"] = self.source
        return data


@dataclass(frozen=True)
class Transcript:
    """What a transcriber heard.

    `text` is the words joined by single spaces, so word i spans
    `word_spans()[i]` in `text`; analysis relies on that to attach times to characters.
    `speech_s` is how much speech the voice detector heard (None when not checked) and
    `unheard` the stretches of it, in seconds, that no word covers even after decoding them again
    (coach.transcribe.coverage): speech the transcript lost.
    """

    text: str
    words: tuple[Word, ...] = ()
    duration_s: float | None = None
    language: str = "en"
    engine: str = ""
    model: str = ""
    speech_s: float | None = None
    unheard: tuple[tuple[float, float], ...] = ()

    @classmethod
    def from_words(
        cls, words: list[Word] | tuple[Word, ...], duration_s: float | None, **info: str
    ) -> Transcript:
        kept = tuple(w for w in words if w.text.strip())
        text = " ".join(w.text.strip() for w in kept)
        return cls(text=text, words=kept, duration_s=duration_s, **info)

    def with_words(self, words: list[Word] | tuple[Word, ...]) -> Transcript:
        """The same transcript (duration, engine, coverage) with other words."""
        made = Transcript.from_words(words, self.duration_s)
        return replace(self, text=made.text, words=made.words)

    @classmethod
    def from_text(cls, text: str) -> Transcript:
        """A transcript typed or pasted by the user: no times, spans index `text` unchanged."""
        return cls(text=text, words=(), duration_s=None)

    def word_spans(self) -> list[tuple[int, int]]:
        """Character span of each word in `text` (only meaningful when built from words)."""
        spans, pos = [], 0
        for word in self.words:
            start = self.text.find(word.text.strip(), pos)
            if start < 0:
                start = pos
            end = start + len(word.text.strip())
            spans.append((start, end))
            pos = end
        return spans

    @property
    def unheard_s(self) -> float:
        return sum(b - a for a, b in self.unheard)

    def to_dict(self) -> dict:
        data = {
            "transcript": self.text,
            "duration_s": None if self.duration_s is None else round(self.duration_s, 3),
            "words": [w.to_dict() for w in self.words],
            "language": self.language,
            "engine": self.engine,
            "model": self.model,
        }
        if self.speech_s is not None:
            data["speech_s"] = self.speech_s
            data["unheard"] = [{"start_s": a, "end_s": b} for a, b in self.unheard]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Transcript:
        """The inverse of `to_dict` (a stored transcript back into words with times)."""
        words = tuple(
            Word(
                w["text"],
                float(w["start_s"]),
                float(w["end_s"]),
                float(w.get("prob", 1.0)),
                w.get("source", "asr"),
            )
            for w in data.get("words") or ()
        )
        text = data.get("transcript", data.get("text", ""))
        return cls(
            text=text,
            words=words,
            duration_s=data.get("duration_s"),
            language=data.get("language", "en"),
            engine=data.get("engine", ""),
            model=data.get("model", ""),
            speech_s=data.get("speech_s"),
            unheard=tuple((float(u["start_s"]), float(u["end_s"])) for u in data.get("unheard") or ()),
        )


@dataclass(frozen=True)
class DecodedAudio:
    """Audio ready for a transcriber: 16 kHz mono float32 in [-1, 1]."""

    samples: object  # numpy.ndarray, float32, shape (n,)
    sample_rate: int
    source_path: str
    source_channels: int
    source_sample_rate: int
    name: str = ""  # what messages call the recording: the user's file name where known

    @property
    def duration_s(self) -> float:
        return len(self.samples) / float(self.sample_rate)


@dataclass(frozen=True)
class ModelInfo:
    """A transcription model the user could pick, and whether it is usable offline."""

    engine: str
    name: str
    available: bool
    location: str = ""
    note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


__all__ = ["SAMPLE_RATE", "Word", "Transcript", "DecodedAudio", "ModelInfo", "field"]
