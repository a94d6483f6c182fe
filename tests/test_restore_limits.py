"""Restoring a backup in a cohort is held to the person's upload limits (SECURITY.md): the backup's
size, what it unpacks to and each recording in it are checked from the zip's directory before
anything is written, and one over a limit is one sentence that changes nothing. A single user's
restore is not limited, but a manifest that is a decompression bomb is refused in any mode."""

from __future__ import annotations

import io
import json
import time
import zipfile
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from store_support import (  # noqa: F401
    backend_fixture,
    make_settings,
    save_answer,
    wav_bytes,
)

from coach.audio import save_recording
from coach.data_admin import import_bytes
from coach.errors import InputError
from coach.store import list_attempts, open_store
from coach.store.transfer import MANIFEST, export_data, import_data

ANA = "ana@example.edu"


def _backup(tmp_path, backend, seconds: tuple[float, ...]) -> bytes:
    """A real export (a single user's coach) holding one answer per recording of these lengths
    (16 kHz 16-bit WAV: 31.25 kB a second)."""
    source_settings = make_settings(tmp_path, backend, "home")
    source = open_store(source_settings)
    try:
        for i, length in enumerate(seconds):
            take = save_recording(
                wav_bytes(seconds=length, pitch_hz=200 + i), source_settings, original_name="take.wav"
            )
            save_answer(source, "beh-conflict", "Tell me about a conflict.", recording=take)
        export_data(source, tmp_path / "backup.zip")
    finally:
        source.close()
    return (tmp_path / "backup.zip").read_bytes()


def _anas_store(tmp_path, backend, **limits):
    """Ana's view of a cohort's store, with one answer of hers already in it and these limits."""
    server = replace(make_settings(tmp_path, backend, "server"), multi_user=True, **limits)
    db = open_store(server).for_owner(ANA)
    save_answer(db, "mot-05", "Tell me about yourself.")
    return db


def _what_ana_has(db) -> tuple[list, list]:
    folder = db.settings.recordings_dir
    return [a["question_id"] for a in list_attempts(db)], sorted(folder.rglob("*")) if folder.exists() else []


def _refused(db, given, restore=import_bytes) -> InputError:
    """The error a restore is refused with, once it is checked that nothing Ana had changed:
    nothing stored, nothing lost."""
    before = _what_ana_has(db)
    with pytest.raises(InputError) as refused:
        restore(db, given)
    assert _what_ana_has(db) == before
    return refused.value


def test_a_backup_over_a_persons_limits_is_one_sentence_and_changes_nothing(tmp_path, backend):
    """Before, a student could restore any size of backup (or a zip bomb) onto the server's disk."""
    small_takes = _backup(tmp_path / "a", backend, (22.0, 22.0))  # two takes of 0.67 MB: 1.3 MB in all
    big_take = _backup(tmp_path / "b", backend, (40.0,))  # one take of 1.2 MB
    for data, limits, sentence in (
        (
            small_takes,
            dict(user_max_upload_mb=1, user_uploads_per_hour=1),  # a restore may hold 1 × 1 MB
            "This backup holds 1.4 MB; a backup restored here can hold at most 1 MB, so nothing was "
            "imported. Ask your coaching staff to restore it for you.",
        ),
        (
            big_take,
            dict(user_max_upload_mb=1, user_uploads_per_hour=5),
            "A recording in this backup is 1.3 MB; here one recording can be at most 1 MB, as for an "
            "upload, so nothing was imported. Ask your coaching staff to restore it for you.",
        ),
    ):
        db = _anas_store(tmp_path / f"server-{len(data)}", backend, **limits)
        staged = _written(tmp_path / "restore.zip", data)
        for restore, given in ((import_bytes, data), (import_data, staged)):  # the page, `coach import`
            refused = _refused(db, given, restore)
            assert refused.in_app == sentence
            assert "settings.toml" in str(refused)  # the terminal's operator is told what to raise
        db.close()
    # The same backups restore for a person whose limits they fit, and for a single user.
    roomy = _anas_store(tmp_path / "roomy", backend, user_max_upload_mb=2, user_uploads_per_hour=2)
    assert import_bytes(roomy, small_takes)["added"]["attempts"] == 2
    roomy.close()
    solo = open_store(replace(make_settings(tmp_path, backend, "solo"), user_max_upload_mb=1))
    assert import_bytes(solo, big_take)["added"]["attempts"] == 1
    solo.close()


def test_restores_one_after_another_are_held_to_the_limit_of_an_hour(tmp_path, backend):
    """Each backup under the limit, one after another: before, nothing bounded what a student could
    put on the server's disk in an hour. Now what was restored (or recorded) in the last hour counts,
    and the backup over it is one sentence that changes nothing."""
    first = _backup(tmp_path / "a", backend, (22.0, 22.0))  # 1.4 MB: two takes of 0.67 MB
    second = _backup(tmp_path / "b", backend, (30.0,))  # 1.0 MB: another take
    db = _anas_store(tmp_path / "server", backend, user_max_upload_mb=1, user_uploads_per_hour=2)  # 2 MB
    assert import_bytes(db, first)["added"]["attempts"] == 2
    # the restored takes keep their recorded time: still, they were written to this disk just now
    assert _refused(db, second).in_app == (
        "You saved or restored 1.4 MB of recordings in the last hour, and this backup holds 1.0 MB: "
        "more than the 2 MB allowed here in an hour, so nothing was imported. Try again in 60 minutes. "
        "Ask your coaching staff to restore it for you."
    )
    db.close()
    # a person with room for both restores both
    roomy = _anas_store(tmp_path / "roomy", backend, user_max_upload_mb=1, user_uploads_per_hour=3)
    assert import_bytes(roomy, first)["added"]["attempts"] == 2
    assert import_bytes(roomy, second)["added"]["attempts"] == 1
    roomy.close()


def _written(path, data: bytes):
    path.write_bytes(data)
    return path


def _bomb(manifest: bytes, member: str, unpacked_mb: int) -> bytes:
    """A zip with `manifest` and a member of zeros that deflates about a thousand times."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest)
        with archive.open(member, "w", force_zip64=True) as out:
            for _ in range(unpacked_mb):
                out.write(bytes(1 << 20))
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_in_a_cohort_from_the_zips_directory_before_anything_is_read(tmp_path, backend):
    """64 MB of zeros in 64 kB, beside a manifest that is not even JSON: the size is refused first,
    from the directory alone (the damaged manifest would say "not a coach export" if it were read)."""
    data = _bomb(b"not json", "recordings/practice/2026-12/bomb.wav", 64)
    assert len(data) < 1 << 20
    db = _anas_store(tmp_path, backend, user_max_upload_mb=8, user_uploads_per_hour=4)  # 32 MB in all
    assert _refused(db, data).in_app == (
        "This backup holds 64.1 MB; a backup restored here can hold at most 32 MB, so nothing was "
        "imported. Ask your coaching staff to restore it for you."
    )
    db.close()


def test_a_manifest_that_is_a_decompression_bomb_is_refused_for_a_single_user_too(tmp_path):
    """A manifest is read whole into memory: one that unpacks to a thousand times its packed size
    (real ones: about 6 times) is refused before it is read. A real backup still imports."""
    solo = open_store(make_settings(tmp_path, "sqlite", "solo"))
    padded = json.dumps({"format": "coach-export", "tables": {}}).encode() + b" " * (64 << 20)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, padded)
    with pytest.raises(
        InputError, match=r"its list of answers unpacks to 64 MB from 0\.1 MB, which no backup does"
    ):
        import_data(solo, _written(tmp_path / "bomb.zip", buffer.getvalue()))
    assert list_attempts(solo) == []
    assert import_bytes(solo, _backup(tmp_path / "real", "sqlite", (1.0,)))["added"]["attempts"] == 1
    solo.close()


def test_a_restored_file_that_is_not_a_backup_is_called_this_backup_not_a_server_path(tmp_path):
    """The page stages an upload in a temporary folder, and its sentences named that copy: "/tmp/
    tmpk3j…/import.zip is not a coach export", a server path a person of a cohort cannot use."""
    db = _anas_store(tmp_path, "sqlite")
    with pytest.raises(InputError) as refused:
        import_bytes(db, b"hello")
    assert str(refused.value) == (
        "This backup is not a zip file (every backup of the coach is one), so nothing was imported; give "
        "the .zip that `coach export` wrote."
    )
    assert refused.value.in_app == (
        "This backup is not a zip file (every backup of the coach is one), so nothing was imported; choose "
        "the .zip that “Prepare a backup” on the Settings page gave you."
    )
    db.close()


def _recorded_days_ago(data: bytes, days: int) -> bytes:
    """The same backup, its recordings (rows and answers) dated `days` earlier, as a backup made
    from answers given then would be."""
    source = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(source.read(MANIFEST))
    for name in ("recordings", "attempts"):
        for row in manifest["tables"][name]:
            row["created_at"] = (datetime.fromisoformat(row["created_at"]) - timedelta(days=days)).isoformat()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info in source.infolist():
            out.writestr(info, json.dumps(manifest) if info.filename == MANIFEST else source.read(info))
    return buffer.getvalue()


def test_restored_recordings_keep_their_time_and_do_not_use_up_the_hours_recordings(tmp_path, backend):
    """A cohort counts a person's recordings of the last hour by their files' times, and a restore
    wrote every recording now: restoring a term's answers blocked recording for an hour ("You have
    saved 2 recordings in the last hour ...") though none was recorded in it. Restored recordings keep
    the time they were recorded."""
    from coach.identity import check_upload, recent_uploads

    backup = _recorded_days_ago(_backup(tmp_path, backend, (0.5, 0.5, 0.5)), days=3)
    db = _anas_store(tmp_path, backend, user_max_upload_mb=1, user_uploads_per_hour=2)
    try:
        assert import_bytes(db, backup)["added"]["attempts"] == 3
        assert recent_uploads(db.settings.recordings_dir) == []
        check_upload(db.settings, 1000)  # she may still record: nothing refused
        restored = sorted(p for p in db.settings.recordings_dir.rglob("*.wav"))
        assert len(restored) == 3 and all(time.time() - p.stat().st_mtime > 2 * 86400 for p in restored)
    finally:
        db.close()
