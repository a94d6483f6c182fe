"""Speech clips for the benchmarks, made on the fly with espeak-ng and sox (not committed)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

ANSWER = (
    "Last spring our team was asked to move the billing system to a new database without downtime. "
    "I was responsible for the migration plan and for keeping customers unaffected. "
    "First I mapped every query the service made and wrote a shadow reader that compared both databases. "
    "Then I ran the two side by side for two weeks and fixed each mismatch the reader found. "
    "I also wrote a rollback script and rehearsed it twice with the on call engineers. "
    "When we switched over, nobody noticed, and the nightly billing job got forty percent faster. "
    "The shadow reader is now our standard tool for every migration, and two other teams use it. "
    "Looking back, I would involve the finance team earlier, because they knew the edge cases best. "
)


def say(text: str, out: Path, *, voice: str = "en-us", speed: int = 160, rate: int = 16000) -> Path:
    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True)
    subprocess.run(["sox", "-R", str(raw), "-r", str(rate), "-c", "1", "-b", "16", str(out)], check=True)
    raw.unlink()
    return out


def minute_clip(folder: Path | None = None) -> Path:
    """About 60 s of a spoken STAR answer at 16 kHz."""
    folder = folder or Path(tempfile.mkdtemp(prefix="coach-bench-"))
    path = say(ANSWER * 2, folder / "answer.wav", speed=175)
    subprocess.run(["sox", "-R", str(path), str(folder / "answer60.wav"), "trim", "0", "60"], check=True)
    return folder / "answer60.wav"
