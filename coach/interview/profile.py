"""The candidate's voice profile, built from their own saved practice recordings.

Practice takes are always the user's own voice, so their mean speaker embedding says which voice
in an interview is the candidate. It is cached in the work folder beside the recordings it came
from (an embedding is biometric data: it stays in the data directory like the recordings, and
`forget_profile` removes it), and rebuilt when the set of recordings changes.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np

from coach.files import write_private
from coach.interview.resume import work_root
from coach.interview.speakers import profile_from_recordings

# The most recent practice takes used: a dozen answers (10+ minutes of speech) is plenty for a
# stable voice embedding and keeps building the profile to seconds.
MAX_RECORDINGS = 12
PROFILE_FILE = "voice-profile.npz"


def practice_recordings(store) -> list[Path]:
    """Paths of the user's saved practice recordings that could be measured, newest first. A take
    left unscored is not taken as the user's voice: one off the question may be a talk or a podcast
    played to try the coach (a lecture's two takes made a week's voice profile), one distorted or
    nearly silent holds little of a voice."""
    from coach.store import list_attempts

    paths = []
    for attempt in list_attempts(store, newest_first=True):
        relative = attempt.get("recording_path")
        if attempt.get("score_overall") is None:
            continue
        if relative and (path := store.absolute(relative)).is_file():
            paths.append(path)
    return paths[:MAX_RECORDINGS]


def voice_profile(store) -> tuple[np.ndarray | None, int]:
    """The profile and how many recordings it was built from (None, 0 without any)."""
    paths = practice_recordings(store)
    if not paths:
        return None, 0
    settings = store.settings
    key = hashlib.sha256(json.dumps([str(p) for p in paths]).encode()).hexdigest()
    cache = work_root(settings) / PROFILE_FILE
    if cache.exists():
        try:
            with np.load(cache, allow_pickle=False) as data:
                if str(data["key"]) == key:
                    return data["profile"], int(data["count"])
        except (OSError, ValueError, KeyError):
            pass
    profile = profile_from_recordings(paths, settings)
    if profile is not None:
        out = io.BytesIO()  # a voiceprint: written private, like the recordings it comes from
        np.savez(out, key=np.array(key), profile=profile, count=np.array(len(paths)))
        write_private(cache, out.getvalue())
    return profile, len(paths) if profile is not None else 0


def forget_profile(settings) -> None:
    (work_root(settings) / PROFILE_FILE).unlink(missing_ok=True)
