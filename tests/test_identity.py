"""Who is who in multi-user (cohort) mode: the identity header is believed only from a trusted
proxy, the cohort's settings load and survive a save, and one person's uploads are limited."""

from __future__ import annotations

import os
import time
from dataclasses import replace

import pytest
from store_support import wav_bytes

from coach.audio import save_recording
from coach.config import Settings, load_settings, save_settings
from coach.errors import InputError
from coach.identity import (
    CLI_NEEDS_USER,
    check_upload,
    cli_owner,
    identity_from,
    is_staff,
    is_trusted,
    refused_identity,
)
from coach.mock.plan import FORMATS

HEADERS = {"Host": "coach.example.edu", "X-Forwarded-Email": "Ana@Example.edu "}


@pytest.fixture(name="cohort")
def cohort_fixture(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, multi_user=True)


def test_the_header_from_a_trusted_proxy_names_the_person(cohort):
    assert identity_from(HEADERS, "127.0.0.1", cohort) == "ana@example.edu"
    # header names are case-insensitive; an IPv4 address written as IPv6 is the same address
    assert (
        identity_from({"x-forwarded-email": "ben@example.edu"}, "::ffff:127.0.0.1", cohort)
        == "ben@example.edu"
    )


def test_the_header_from_anyone_else_is_ignored(cohort):
    assert identity_from(HEADERS, "203.0.113.9", cohort) is None
    assert identity_from(HEADERS, "127.0.0.2", cohort) is None
    assert identity_from(HEADERS, None, cohort) is None  # no connection, no identity
    assert identity_from(HEADERS, "not an address", cohort) is None


def test_a_missing_or_empty_header_is_no_identity(cohort):
    assert identity_from({"Host": "coach.example.edu"}, "127.0.0.1", cohort) is None
    assert identity_from({"X-Forwarded-Email": "  "}, "127.0.0.1", cohort) is None
    assert identity_from({"X-Forwarded-Email": "two words@x.org"}, "127.0.0.1", cohort) is None


def test_a_header_the_proxy_sent_that_is_no_identity_is_told_apart_from_no_sign_in(cohort):
    """A proxy that sends a display name ("Ana Smith") had its person told to sign in, which they
    had, and the host's log said nothing: the page says what happened instead."""
    assert refused_identity({"X-Forwarded-Email": "Ana Smith"}, "127.0.0.1", cohort)
    assert refused_identity({"X-Forwarded-Email": ""}, "127.0.0.1", cohort)
    assert not refused_identity({"Host": "coach.example.edu"}, "127.0.0.1", cohort)  # not signed in
    assert not refused_identity(HEADERS, "127.0.0.1", cohort)  # a good one
    assert not refused_identity({"X-Forwarded-Email": "Ana Smith"}, "203.0.113.9", cohort)  # not the proxy


def test_a_proxy_network_and_another_header_name(cohort):
    behind = replace(cohort, trusted_proxies=("10.0.0.0/8",), identity_header="X-Auth-Request-Email")
    assert identity_from({"X-Auth-Request-Email": "cleo@x.org"}, "10.20.30.40", behind) == "cleo@x.org"
    assert identity_from({"X-Auth-Request-Email": "cleo@x.org"}, "127.0.0.1", behind) is None
    assert identity_from({"X-Forwarded-Email": "cleo@x.org"}, "10.20.30.40", behind) is None
    assert is_trusted("fd00::1", ("fd00::/8",)) and not is_trusted("fe80::1", ("fd00::/8",))


def test_single_user_mode_believes_no_header(tmp_path):
    assert identity_from(HEADERS, "127.0.0.1", Settings(data_dir=tmp_path)) is None


def test_staff_are_the_listed_identities_only_in_multi_user_mode(cohort):
    staffed = replace(cohort, staff=("coach@example.edu",))
    assert is_staff("coach@example.edu", staffed)
    assert not is_staff("ana@example.edu", staffed)
    assert not is_staff(None, staffed)
    assert not is_staff("coach@example.edu", replace(staffed, multi_user=False))


def test_the_command_line_needs_a_user_in_multi_user_mode(cohort):
    with pytest.raises(InputError) as refused:
        cli_owner(cohort, None)
    assert str(refused.value) == CLI_NEEDS_USER
    assert cli_owner(cohort, " Ana@Example.edu") == "ana@example.edu"
    assert cli_owner(replace(cohort, multi_user=False), "ana@example.edu") == ""


def test_cohort_settings_load_from_the_file_and_the_environment(tmp_path, monkeypatch):
    for name in (
        "COACH_MULTI_USER",
        "COACH_TRUSTED_PROXIES",
        "COACH_STAFF",
        "COACH_USER",
        "COACH_IDENTITY_HEADER",
    ):
        monkeypatch.delenv(name, raising=False)
    assert load_settings(tmp_path).multi_user is False
    (tmp_path / "settings.toml").write_text(
        'multi_user = true\ntrusted_proxies = ["127.0.0.1", "10.0.0.0/8"]\nstaff = ["Coach@Example.edu"]\n'
        "user_max_upload_mb = 50\n"
    )
    loaded = load_settings(tmp_path)
    assert loaded.multi_user and loaded.trusted_proxies == ("127.0.0.1", "10.0.0.0/8")
    assert loaded.staff == ("coach@example.edu",) and loaded.user_max_upload_mb == 50
    assert loaded.owner == ""
    monkeypatch.setenv("COACH_USER", "Ana@Example.edu")
    monkeypatch.setenv("COACH_TRUSTED_PROXIES", "192.0.2.1, 192.0.2.2")
    loaded = load_settings(tmp_path)
    assert loaded.owner == "ana@example.edu"
    assert loaded.trusted_proxies == ("192.0.2.1", "192.0.2.2")
    assert loaded.recordings_dir.parent == tmp_path / "recordings" / "users"
    assert "example" not in loaded.recordings_dir.name


def test_bad_cohort_settings_say_what_to_write(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_TRUSTED_PROXIES", raising=False)
    (tmp_path / "settings.toml").write_text('multi_user = true\ntrusted_proxies = ["the proxy"]\n')
    with pytest.raises(InputError, match="not an address or network"):
        load_settings(tmp_path)
    (tmp_path / "settings.toml").write_text('owner = "ana@example.edu"\n')  # never from a file
    with pytest.raises(InputError, match="unknown keys"):
        load_settings(tmp_path)


def test_saving_settings_keeps_the_cohorts(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_MULTI_USER", raising=False)
    (tmp_path / "settings.toml").write_text('multi_user = true\nstaff = ["coach@example.edu"]\n')
    save_settings(replace(load_settings(tmp_path), model="base.en"))
    again = load_settings(tmp_path)
    assert again.multi_user and again.staff == ("coach@example.edu",) and again.model == "base.en"


def test_one_persons_uploads_are_limited_in_size_and_per_hour(cohort):
    ana = replace(cohort, owner="ana@example.edu", user_max_upload_mb=1, user_uploads_per_hour=2)
    with pytest.raises(InputError, match=r"at most 1 MB"):
        save_recording(b"\0" * (2 * 1024 * 1024), ana, original_name="long.wav")
    save_recording(wav_bytes(pitch_hz=200), ana, original_name="one.wav")
    save_recording(wav_bytes(pitch_hz=210), ana, original_name="two.wav")
    with pytest.raises(InputError, match=r"2 recordings in the last hour.*try again in 60 minutes"):
        save_recording(wav_bytes(pitch_hz=220), ana, original_name="three.wav")
    # Another person, and the same person an hour later, may upload.
    save_recording(wav_bytes(pitch_hz=220), replace(ana, owner="ben@example.edu"), original_name="b.wav")
    for path in ana.recordings_dir.rglob("*.wav"):
        os.utime(path, (time.time() - 3700, time.time() - 3700))
    check_upload(ana, 1000)


def test_the_hourly_limit_does_not_call_recorded_answers_uploads(cohort):
    """Every take counts, the microphone's and a mock interview's too (a hostile browser can send
    anything as "recorded"), so a student who only ever pressed Record was told "You have uploaded
    2 recordings": the sentence now says what was counted."""
    ana = replace(cohort, owner="ana@example.edu", user_uploads_per_hour=2)
    for pitch in (200, 210):
        save_recording(wav_bytes(pitch_hz=pitch), ana, original_name="answer.wav")  # the recorder's name
    with pytest.raises(InputError) as refused:
        save_recording(wav_bytes(pitch_hz=220), ana, original_name="answer.wav")
    assert str(refused.value) == (
        "You have saved 2 recordings in the last hour (answers recorded here count, as do a mock "
        "interview's), the most allowed here; try again in 60 minutes."
    )


def test_an_hour_holds_three_full_mock_interviews_and_practice_answers(cohort):
    """Every answer in a mock interview is a recording, and each main question may get one follow-up:
    the three formats in full made 8, 12 and 12 recordings (every question followed up), so 30 an
    hour cut the third mock short with no practice at all. The default now holds all three, every
    question followed up, and two dozen practice takes."""
    ana = replace(cohort, owner="ana@example.edu")  # the default limits
    three_mocks = sum(2 * shape.questions for shape in FORMATS.values())
    assert three_mocks == 32
    for i in range(three_mocks + 24):
        save_recording(wav_bytes(seconds=0.1, pitch_hz=100 + i), ana, original_name="answer.wav")
    room = ana.user_uploads_per_hour - (three_mocks + 24)
    for i in range(room):
        save_recording(wav_bytes(seconds=0.1, pitch_hz=50 + i), ana, original_name="answer.wav")
    with pytest.raises(InputError, match=r"You have saved 60 recordings in the last hour"):
        save_recording(wav_bytes(seconds=0.1, pitch_hz=40), ana, original_name="answer.wav")


def test_a_limit_of_one_says_so_in_the_singular_and_a_size_just_over_it_is_not_rounded_onto_it(cohort):
    """A 1.2 MB file refused under a 1 MB limit read "This recording is 1 MB; … at most 1 MB", and a
    limit of one an hour "You have saved 1 recordings"."""
    ana = replace(cohort, owner="ana@example.edu", user_max_upload_mb=1, user_uploads_per_hour=1)
    with pytest.raises(InputError) as refused:
        check_upload(ana, int(1.2 * 1024 * 1024))
    assert str(refused.value).startswith("This recording is 1.2 MB; here one upload can be at most 1 MB.")
    save_recording(wav_bytes(pitch_hz=200), ana, original_name="one.wav")
    with pytest.raises(InputError) as refused:
        save_recording(wav_bytes(pitch_hz=210), ana, original_name="two.wav")
    assert str(refused.value).startswith("You have saved 1 recording in the last hour (")


def test_a_limit_lowered_below_what_was_saved_says_how_many_were_saved_and_the_wait_for_one_more(cohort):
    """Staff lowered the limit to 3 after Ana had saved 5 in the hour: she was told "You have saved 3
    recordings in the last hour" (the limit, not her count) and to wait for the oldest to leave the
    hour, after which she still could not save one."""
    ana = replace(cohort, owner="ana@example.edu", user_uploads_per_hour=5)
    for pitch in (200, 210, 220, 230, 240):
        save_recording(wav_bytes(pitch_hz=pitch), ana, original_name="answer.wav")
    now = time.time()
    saved = sorted(ana.recordings_dir.rglob("*.wav"))
    for minutes_ago, path in zip((50, 40, 30, 20, 10), saved, strict=True):
        os.utime(path, (now - 60 * minutes_ago, now - 60 * minutes_ago))
    with pytest.raises(InputError) as refused:
        check_upload(replace(ana, user_uploads_per_hour=3), 1000, now=now)
    assert str(refused.value) == (
        "You have saved 5 recordings in the last hour (answers recorded here count, as do a mock "
        "interview's), and the most allowed here is 3; try again in 30 minutes."
    )


def test_single_user_uploads_are_not_limited(tmp_path):
    solo = Settings(data_dir=tmp_path, user_max_upload_mb=1, user_uploads_per_hour=1)
    for pitch in (200, 210, 220):
        save_recording(wav_bytes(pitch_hz=pitch), solo, original_name="take.wav")
    check_upload(solo, 5 * 1024 * 1024)


def test_the_per_person_limit_is_the_settings_upload_limit(cohort):
    """One definition: a server limit below the per-person one is the limit people are held to."""
    ana = replace(cohort, owner="ana@example.edu", max_upload_mb=1, user_max_upload_mb=200)
    assert ana.upload_limit_mb == 1
    with pytest.raises(InputError, match=r"at most 1 MB"):
        check_upload(ana, 2 * 1024 * 1024)
