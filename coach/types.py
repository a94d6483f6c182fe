"""Frozen dataclasses shared by every stage: audio → transcript → analysis → store."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

# Every stage after decoding works at 16 kHz mono: what Whisper, the voice detector, the voice
# embedder and the filled-pause detector all take.
SAMPLE_RATE = 16000

# The words every sentence saying an answer went unscored for being about something else carries
# (coach.analysis.quality.off_topic_problem): the store finds such answers by them, so the pages and
# `coach history` say "not scored: it did not answer the question", not "could not be measured".
OFF_QUESTION_WORDS = "does not sound like an answer to"

# A question's fields in a bank file and in the database, besides its id (and, for one of your own,
# where it came from): the banks check a file's entries against them, the store keeps them.
QUESTION_FIELDS = (
    "text",
    "category",
    "competencies",
    "roles",
    "difficulty",
    "format",
    "target_s",
    "talking_points",
    "follow_ups",
)


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
class Sound:
    """How the recording sounds beside its words (issue 20): pitch and level every `frame_s`
    seconds from the start, and the stretches of silence heard in it.

    `pitch_hz` is 0 where the frame is unvoiced; `level_db` is the frame's level in dB below full
    scale (0 dBFS is a full-scale square wave). Both are numpy arrays of equal length. Measured
    once per recording, in the same pass as the filled-pause detector
    (coach.transcribe.filled_pauses.features).
    """

    frame_s: float
    pitch_hz: object  # numpy.ndarray, float
    level_db: object  # numpy.ndarray, float
    silences: tuple[tuple[float, float], ...] = ()

    def slice(self, start_s: float, end_s: float) -> Sound:
        """The part from `start_s` to `end_s`, with times counted from `start_s`."""
        a = max(0, int(round(start_s / self.frame_s)))
        b = max(a, int(round(end_s / self.frame_s)))
        silences = tuple(
            (round(max(s, start_s) - start_s, 3), round(min(e, end_s) - start_s, 3))
            for s, e in self.silences
            if e > start_s and s < end_s
        )
        return Sound(self.frame_s, self.pitch_hz[a:b], self.level_db[a:b], silences)

    def to_dict(self) -> dict:
        return {
            "frame_s": self.frame_s,
            "pitch_hz": [round(float(f), 1) for f in self.pitch_hz],
            "level_db": [round(float(v), 1) for v in self.level_db],
            "silences": [[round(a, 3), round(b, 3)] for a, b in self.silences],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Sound:
        import numpy as np

        return cls(
            float(data["frame_s"]),
            np.asarray(data["pitch_hz"], dtype=np.float64),
            np.asarray(data["level_db"], dtype=np.float64),
            tuple((float(a), float(b)) for a, b in data.get("silences") or ()),
        )


@dataclass(frozen=True)
class Transcript:
    """What a transcriber heard.

    `text` is the words joined by single spaces, so word i spans
    `word_spans()[i]` in `text`; analysis relies on that to attach times to characters.
    `speech_s` is how much speech the voice detector heard (None when not checked) and
    `unheard` the stretches of it, in seconds, that no word covers even after decoding them again
    (coach.transcribe.coverage): speech the transcript lost. `sound` is the recording's pitch,
    level and silences (None for typed text and transcripts stored before issue 20). `others` are
    the stretches inside an interview answer where someone else spoke (the interviewer's "right,
    go on"): not the answerer's time, so not their pace, their pauses or their answer's length.
    """

    text: str
    words: tuple[Word, ...] = ()
    duration_s: float | None = None
    language: str = "en"
    engine: str = ""
    model: str = ""
    speech_s: float | None = None
    unheard: tuple[tuple[float, float], ...] = ()
    sound: Sound | None = field(default=None, compare=False, repr=False)
    others: tuple[tuple[float, float], ...] = ()

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

    def others_within(self, start_s: float, end_s: float) -> float:
        """Seconds of `others` between two times."""
        return sum(max(0.0, min(b, end_s) - max(a, start_s)) for a, b in self.others)

    def to_dict(self, *, with_sound: bool = True) -> dict:
        """`with_sound`: keep the pitch and level frames (stored for re-analysis; bulky to print)."""
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
        if self.others:
            data["others"] = [{"start_s": a, "end_s": b} for a, b in self.others]
        if with_sound and self.sound is not None:
            data["sound"] = self.sound.to_dict()
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
            sound=Sound.from_dict(data["sound"]) if data.get("sound") else None,
            others=tuple((float(u["start_s"]), float(u["end_s"])) for u in data.get("others") or ()),
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


__all__ = [
    "SAMPLE_RATE",
    "QUESTION_FIELDS",
    "Word",
    "Sound",
    "Transcript",
    "DecodedAudio",
    "ModelInfo",
    "field",
]
