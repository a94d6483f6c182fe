"""Chart inputs with one, two and twenty points, shaped as the store and the analysis give them.

The day-one case of issue 21 is in them: real interviews dated weeks before, then a day of
practice answers minutes apart. Used by tests/test_charts.py (the specs) and by the browser's
chart gallery (tests/e2e/chart_gallery.py), which draws them for a screenshot."""

from __future__ import annotations

SIZES = (1, 2, 20)


def trend_series(n: int) -> dict:
    """n points: with two or more, the first is a real interview weeks before a day of practice."""
    real = [{"at": "2026-10-01", "value": 160.0, "company": "Globex", "stage": "first round"}]
    if n >= 20:
        real.append({"at": "2026-11-12", "value": 150.0, "company": "Initech", "stage": "onsite"})
    if n == 1:
        real = []
    practice = [
        {"at": f"2026-11-30T09:{10 + 2 * i:02d}:00+00:00", "value": 112.0 + 3 * (i % 5)}
        for i in range(n - len(real))
    ]
    return {"practice": practice, "real": real}


def attempts(n: int) -> list[dict]:
    return [
        {
            "id": i + 1,
            "score_overall": 48.0 + 2 * i,
            "created_at": f"2026-11-{10 + i // 2:02d}T09:{i:02d}:00+00:00",
        }
        for i in range(n)
    ]


def answer_with_pauses(n: int) -> dict:
    """An answer of 60 s with n heard pauses (one long), and a word every half second around them."""
    duration = 60.0
    pauses = [
        {
            "start_s": round(2.0 + i * duration / (n + 1), 2),
            "end_s": round(2.0 + i * duration / (n + 1) + (2.4 if i == 0 else 0.5 + 0.05 * i), 2),
            "seconds": 2.4 if i == 0 else round(0.5 + 0.05 * i, 2),
            "at_boundary": i % 2 == 0,
        }
        for i in range(n)
    ]
    words = [{"text": "word", "start_s": t / 2, "end_s": t / 2 + 0.3} for t in range(int(duration * 2))]
    return {"duration_s": duration, "words": words, "metrics": {"pauses": {"items": pauses}}}


def star_answer() -> dict:
    """A 14 s answer told as situation, a pause, then result (as the STAR chart draws it)."""
    return {
        "transcript": "x" * 100,
        "sentences": [
            {"start_char": 0, "end_char": 50, "start_s": 0.0, "end_s": 6.5, "star": "situation"},
            {"start_char": 50, "end_char": 100, "start_s": 9.0, "end_s": 13.7, "star": "result"},
        ],
    }


def _timed_story(parts: list[tuple[str, float, float]], chars: int) -> dict:
    """A 64 s answer whose sentences are `parts` (STAR part, start, end), each `chars` long."""
    return {
        "transcript": "x" * (chars * len(parts)),
        "duration_s": 64.0,
        "sentences": [
            {"start_char": at, "end_char": at + chars, "start_s": start, "end_s": end, "star": part}
            for at, (part, start, end) in zip(range(0, chars * len(parts), chars), parts, strict=True)
        ],
    }


def sample_star_answer() -> dict:
    """The sample recording's story as Whisper times it: a five-second result between two actions,
    whose "Result" was drawn wider than its block on a phone."""
    parts = [
        ("situation", 0.0, 13.6),
        ("task", 14.2, 19.6),
        ("action", 20.2, 35.2),
        ("result", 36.0, 40.8),
        ("action", 41.6, 51.8),
        ("result", 52.4, 63.6),
    ]
    return _timed_story(parts, 20)


def long_star_answer() -> dict:
    """A whole 64 s story, each part in turn (the sample recording's length): ten seconds apart,
    its ticks are where a narrow chart's numbers went wrong."""
    parts = [("situation", 0.0, 14.0), ("task", 14.0, 20.0), ("action", 20.0, 41.0), ("result", 41.0, 64.0)]
    return _timed_story(parts, 25)
