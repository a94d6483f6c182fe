"""Who is asking, in multi-user (cohort) mode, and what one person may upload.

The organisation's login proxy signs people in and passes the identity in a request header
(`Settings.identity_header`, e.g. X-Forwarded-Email). Anyone can send that header, so it is
believed only from the proxy itself: the connection's address must be in
`Settings.trusted_proxies`. Everything else gets no identity, and the app shows nothing but a
sentence pointing to the login page. No Streamlit here: the page hands in the headers and the
address it sees (coach.ui.shared), so these rules are tested without a browser.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from pathlib import Path

from coach.config import Settings
from coach.errors import InputError
from coach.files import files_of_the_last_hour, try_again_in

# RFC 5321 caps an address at 254 characters; a longer value is not a login identity.
MAX_IDENTITY_LENGTH = 254
SIGN_IN = (
    "Sign in through your organisation's login page to use the coach; "
    "it shows each person only their own answers and interviews."
)
CLI_NEEDS_USER = (
    "This coach is shared by a cohort (multi-user mode): say whose data to use with "
    "--user you@example.org or COACH_USER=you@example.org."
)


def normalise(identity: str | None) -> str | None:
    """An identity as the store keys it (trimmed, lower case), or None when it is not one."""
    if identity is None:
        return None
    value = identity.strip().lower()
    if (
        not value
        or len(value) > MAX_IDENTITY_LENGTH
        or any(ch.isspace() or not ch.isprintable() for ch in value)
    ):
        return None
    return value


def is_trusted(address: str | None, trusted_proxies: tuple[str, ...] | list[str]) -> bool:
    """Whether a connection from `address` comes from one of the trusted proxies."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    for entry in trusted_proxies:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except (ValueError, TypeError):
            continue
    return False


def header_value(headers: Mapping[str, str], name: str) -> str | None:
    """A header by name, whatever its case (HTTP header names are case-insensitive)."""
    wanted = name.strip().lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def identity_from(headers: Mapping[str, str], client_address: str | None, settings: Settings) -> str | None:
    """The signed-in person, or None: the identity header, believed only from a trusted proxy."""
    if not settings.multi_user or not is_trusted(client_address, settings.trusted_proxies):
        return None
    return normalise(header_value(headers, settings.identity_header))


# A trusted proxy sent the identity header, but its value is no identity (a display name with a
# space, an empty value): the person did sign in, so "sign in" is not what to tell them.
IDENTITY_REFUSED = (
    "Your organisation's login sent a name the coach cannot use as yours (it needs one word, such "
    "as your e-mail address); tell the people who run the coach."
)


def refused_identity(headers: Mapping[str, str], client_address: str | None, settings: Settings) -> bool:
    """Whether a trusted proxy sent the identity header with a value that is no identity."""
    if not settings.multi_user or not is_trusted(client_address, settings.trusted_proxies):
        return False
    value = header_value(headers, settings.identity_header)
    return value is not None and normalise(value) is None


# What someone not among the staff reads where the cohort view would be (page and refusals alike).
STAFF_ONLY = "The cohort view is for the coaching staff named in the coach's settings."


def is_staff(identity: str | None, settings: Settings) -> bool:
    """Whether this person may open the cohort view (aggregates only)."""
    return bool(settings.multi_user and identity and identity in {s.lower() for s in settings.staff})


def cli_owner(settings: Settings, user: str | None) -> str:
    """The owner a terminal command works for: "" for the single user; in multi-user mode the
    --user / COACH_USER identity, or a refusal in one sentence."""
    if not settings.multi_user:
        return ""
    owner = normalise(user)
    if owner is None:
        raise InputError(CLI_NEEDS_USER)
    return owner


# ---------------------------------------------------------------- per-person upload limits


def check_upload(settings: Settings, size_bytes: int, *, now: float | None = None) -> None:
    """Refuse, in one sentence, an upload over one person's limits (multi-user mode only): the
    size of one recording, and how many they may keep per hour. Counted from the files in their
    own recordings folder, so uploads still being transcribed count too."""
    if not settings.multi_user or not settings.owner:
        return
    limit_mb = settings.upload_limit_mb  # the one the upload boxes say and enforce
    if size_bytes > limit_mb * 1024 * 1024:
        raise InputError(
            f"This recording is {_megabytes(size_bytes)} MB; here one upload can be at most "
            f"{limit_mb} MB. Upload a shorter or compressed recording (an MP3 or M4A is much smaller)."
        )
    recent = sorted(recent_uploads(settings.recordings_dir, now=now))
    most, saved = settings.user_uploads_per_hour, len(recent)
    if saved >= most:
        # more than the limit when it was lowered after they were saved: said as saved, and the
        # wait is until enough of them leave the hour for one more
        allowed = "the most allowed here" if saved == most else f"and the most allowed here is {most}"
        raise InputError(
            f"You have saved {saved} recording{'' if saved == 1 else 's'} in the last hour (answers "
            f"recorded here count, as do a mock interview's), {allowed}; "
            f"{try_again_in(recent[saved - most], now=now)}."
        )


def _megabytes(size_bytes: int) -> str:
    """A size over a limit of whole MB, never rounded down onto it ("1.2 MB", not "1 MB" over 1)."""
    mb = size_bytes / (1024 * 1024)
    return f"{mb:.1f}" if mb < 10 else f"{mb:,.0f}"


def recent_uploads(folder: Path, *, now: float | None = None) -> list[float]:
    """The modification times of the recordings in `folder` saved within the last hour (one
    still being written, '.saving-…', counts; the hidden notes beside recordings do not)."""
    return [when for when, _ in files_of_the_last_hour(folder, now=now)]
