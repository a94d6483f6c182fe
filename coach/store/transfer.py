"""Export everything to one zip, and import it into an empty or an existing data directory.

The zip holds `coach-export.json` (every table's rows, with foreign keys written as the parent's
uid so they survive a move between databases) and the recording files at their paths under the
data directory. Your own questions and your stars are tables like the rest; an export made
before they were (its manifest lists `user_questions` and `favourites` instead) still imports.
Import matches rows by uid (or by question id / recording path), so importing the same zip
twice, or an export of a directory that was itself imported, adds nothing twice, and imported
stars join the ones already here. Recording files are written before the rows that point to
them and removed again if the import fails, with the folders made for them. A recording is
brought in only for an answer or interview recording the import adds (or, kept in the backup on its own, as
itself): one whose answers are all here already had its audio deleted here, and restoring it
would leave a file that nothing here uses. A recording here whose file is missing here (the
recordings folder lost, or left behind on the old laptop) gets the backup's file back.

Beside the rows, the zip carries what is kept outside the database: the notes beside recordings
kept without an answer (why one could not be measured, its question, a stopped review's choices),
and the single user's own question bank files (`question_banks/*.toml`; one here of the same name
is never written over, one the banks here would refuse is left out). What the coach makes again
(the mock interviewer's voice, a review's work and the voiceprint) stays out.

Both see one owner's data only (the Store's): an export holds that person's rows and files and no
owner names; an import gives every row to the importing owner and puts the files in their folder.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import re
import tempfile
import time
import uuid
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from pathlib import Path, PurePosixPath

import sqlalchemy as sa

from coach.config import OWNERS_FOLDER, SETTINGS_FILE_NAME, Settings, Thresholds
from coach.errors import InputError, NothingToExport, StorageError, server_fault
from coach.files import (
    file_sha256,
    files_of_the_last_hour,
    private_folder,
    staging,
    try_again_in,
    write_private,
)
from coach.store import carried_deletions
from coach.store.attempts import TYPED_FIELDS as PRACTICE_TYPED
from coach.store.changes import (
    TIMED,
    FieldChange,
    changed_times,
    field_change,
    field_times,
    note_changed,
    write_field_changes,
)
from coach.store.db import Store
from coach.store.debriefs import EDITABLE as DEBRIEF_EDITABLE
from coach.store.debriefs import QUESTIONS_HEADING
from coach.store.debriefs import TYPED_FIELDS as DEBRIEF_TYPED
from coach.store.deletions import deleted_uids
from coach.store.goals import CADENCE_KINDS as GOAL_CADENCE_KINDS
from coach.store.goals import EDITABLE as GOAL_EDITABLE
from coach.store.goals import KINDS as GOAL_KINDS
from coach.store.goals import TYPED_FIELDS as GOAL_TYPED
from coach.store.goals import goals_in_effect, settle_imported_goals
from coach.store.interviews import EDITABLE as INTERVIEW_EDITABLE
from coach.store.interviews import ORIGINS, PERSON_EDITABLE, UNTICKED_MARK
from coach.store.interviews import TYPED_FIELDS as INTERVIEW_TYPED
from coach.store.migrations import MIGRATIONS, latest_migration
from coach.store.mock_sessions import KINDS as MOCK_TURN_KINDS
from coach.store.mock_sessions import TYPED_FIELDS as MOCK_TYPED
from coach.store.options import EDITABLE as OPTION_EDITABLE
from coach.store.options import KINDS as OPTION_KINDS
from coach.store.options import STATUSES as OPTION_STATUSES
from coach.store.options import TYPED_FIELDS as OPTION_TYPED
from coach.store.options import check_interest
from coach.store.own_questions import EDITABLE as OWN_QUESTION_EDITABLE
from coach.store.own_questions import ENTRY_FIELDS
from coach.store.own_questions import TYPED_FIELDS as OWN_QUESTION_TYPED
from coach.store.person_settings import TYPED_FIELDS as PERSON_SETTINGS_TYPED
from coach.store.questions import TYPED_FIELDS as QUESTION_TYPED
from coach.store.recordings import KINDS as RECORDING_KINDS
from coach.store.recordings import (
    finish_deletions,
    importing,
    is_referenced,
    not_analysable_because,
    note_not_analysable,
    note_question,
    note_review,
    noted_original_name,
    noted_question,
    noted_review,
)
from coach.store.rows import (
    as_utc,
    insert_row,
    mine,
    new_uid,
    owners_uid,
    parse_date,
    parse_datetime,
    plain,
    utc_now,
)
from coach.store.schema import (
    LONG_TEXT_CHARS,
    PARENTS,
    TABLES_IN_ORDER,
    attempts,
    debriefs,
    favourites,
    goals,
    interview_people,
    interview_recordings,
    interviews,
    mock_turns,
    options,
    own_questions,
    person_settings,
    prepared_steps,
    questions,
    recordings,
    turns,
)

MANIFEST = "coach-export.json"
MB = 1024 * 1024
# A manifest that unpacks to more than this many times its packed size is a decompression bomb, in
# any mode: json.loads would hold all of it in memory. A real one deflates about 7 times (measured
# on the export of three mock interviews: 32 answers spoken by espeak-ng, with their transcripts and
# analyses, 2.2 MB packed to 0.33 MB; the whole backup, its recordings stored whole, unpacks to 1.1
# times its size); zeros or spaces deflate about 1,000 times. One under MANIFEST_ALWAYS_READ is read
# whatever its ratio.
MANIFEST_MAX_RATIO = 100
MANIFEST_ALWAYS_READ = 16 * MB
# What to do about a backup over a person's limits in a cohort: a student asks the staff; whoever
# runs the command on the server is an operator and may raise the limits for a while.
ASK_STAFF = "Ask your coaching staff to restore it for you."
RAISE_LIMITS = (
    "To restore it anyway, raise user_max_upload_mb or user_uploads_per_hour in settings.toml for the import."
)
# What a hand-edited or hostile zip raises while it is read; each becomes one InputError.
DAMAGED = (
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    RecursionError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    sa.exc.StatementError,
)
FORMAT = "coach-export"
# Still 1 with the notes on recordings not analysed (RECORDING_NOTES): a key an older coach does not
# know it leaves alone, so a new backup still restores there (without those notes), and a backup
# without the key restores here as before.
FORMAT_VERSION = 1
RECORDING_NOTES = "recording_notes"
# What a note beside a recording kept without an answer says (coach.store.recordings), as a backup
# carries it: each a sentence or name but the review, what was typed for an interview's review.
NOTED_TEXT = ("question_id", "question_text", "not_analysable", "original_name")
# Rows that are the same thing when their key matches, whatever their uid.
NATURAL_KEYS = {
    questions.name: "question_id",
    own_questions.name: "question_id",
    favourites.name: "question_id",
    recordings.name: "path",
}
# What the user typed in each table: each store module's own list, the one its add and update
# functions check (rows.TypedFields), so an import checks exactly what saving checks.
TYPED_FIELDS = (
    *PRACTICE_TYPED,
    *INTERVIEW_TYPED,
    *DEBRIEF_TYPED,
    *OPTION_TYPED,
    *GOAL_TYPED,
    *QUESTION_TYPED,
    *OWN_QUESTION_TYPED,
    *MOCK_TYPED,
    *PERSON_SETTINGS_TYPED,
)
# What a person can change after saving, table by table (each store module's own list, less the
# interview an option is linked to): a row here whose fields differ from the backup's same row
# (same uid or question id) was edited on one machine or the other. When each last changed is kept
# (coach.store.changes, migration 0015; none if not since written, or only before 0015) and travels
# as the row's `updated_at`: the backup's is taken when it changed later, else the one here is kept,
# and the import says which (a newer backup after editing a debrief kept the older one here). Each
# field's own time (migration 0020) travels as the row's FIELD_CHANGES, and the import decides field
# by field: a debrief edited on both laptops, each in another field, keeps both edits (it went whole
# to the side changed later); a field changed on both is said, with the words it replaced.
EDITED_FIELDS = {
    interviews.name: INTERVIEW_EDITABLE,
    interview_people.name: PERSON_EDITABLE,
    debriefs.name: DEBRIEF_EDITABLE,
    options.name: tuple(name for name in OPTION_EDITABLE if name != "interview_id"),
    goals.name: GOAL_EDITABLE,
    own_questions.name: OWN_QUESTION_EDITABLE,
}
# Links that deleting the row they name empties here, and that an import fills again when the backup
# brings that row back (not a link a person edits, which would undo their edit): a mock interview's
# turn and its answer, deleted here before deletions were remembered, or deleted on the machine whose
# later backup, made before backups carried deletions, was restored first.
LINKED_AGAIN = {mock_turns.name: ("attempt_id",)}
# The key of an exported row holding when each of its edited fields last changed: {field:
# {"changed_at", "based_on", "edit_chain"}} (coach.store.changes.FieldChange); a backup from before
# it has the row's `updated_at` only, the time of each of its fields.
FIELD_CHANGES = "field_changes"
TOO_LONG_IN_BACKUP = "nothing was imported: shorten it where the backup was made and back up again"
# Tables of one row per owner (their own settings): the importer's row, when they have one, is kept.
ONE_PER_OWNER = (person_settings.name,)
# What a person is told who asks for a backup with nothing in the store yet (terminal, then app).
NOTHING_TO_EXPORT = (
    "Nothing to export yet, so no file was written: save a practice answer "
    "(coach analyze AUDIO --save) or log an interview (coach add-interview) first."
)
# The hidden name a backup is written under beside its destination until it is whole.
EXPORT_STAGED = ".export-"
NOTHING_TO_BACK_UP = "Nothing to back up yet: practise an answer or log an interview first."
# check_own_question(entry, where) raises InputError for an entry the banks would refuse.
OwnQuestionCheck = Callable[[dict, str], object]
# The single user's own question bank files (coach.banks: `<data dir>/question_banks/*.toml`), kept
# in the backup under the same folder. A person of a cohort has none: that folder is the host's.
BANKS_FOLDER = "question_banks"
# The checklist's rows that keep a step unticked though practice ticks it (UNTICKED_MARK), counted
# apart from its ticks: "3 checklist ticks" were 2 ticks and 1 untick.
UNTICKED_STEPS = "prepared_steps_unticked"
EARLIEST = datetime.min.replace(tzinfo=UTC)
# Goals replaced by a later one of their kind (coach.store.goals), kept and carried but never counted.
RETIRED_GOALS = "goals_retired"
# A review's answers that are each its whole recording, kept because the review picked out no answer
# (no question of the interviewer's was recognised): part of their interview transcript, never
# counted as an answer ("2 answers from real interviews" where `coach history` said of one review
# "no answers picked out" and of the other "0 of 1 answer analysed"). Which they are is the
# caller's rule (coach.interview_log.whole_recording_kept), read from the analysis the store keeps as given.
WHOLE_RECORDINGS = "turns_whole_recording"
# whole_recording(turn) says whether a review's answer row is its whole recording (WHOLE_RECORDINGS)
WholeRecording = Callable[[dict], bool]
BANK_MAX_BYTES = MB  # the largest shipped bank is about 30 kB
BANK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.toml")
# usable_banks({name: text}) returns, for each bank file the banks here would refuse beside the
# ones here, the sentence why (coach.data_admin); those are left out of the import.
BanksCheck = Callable[[dict[str, str]], dict[str, str]]


def export_data(
    store: Store, out_path: Path, *, replace: bool = False, whole_recording: WholeRecording | None = None
) -> dict:
    """Write the whole history and its recordings to `out_path` (a .zip). Returns counts.

    With nothing stored yet it writes nothing (NothingToExport): an empty zip would pass for a
    backup, and a backup already at `out_path` would be lost to it. A store whose every row was
    deleted still has its record of deletions to carry: with no backup of it, restoring an older
    one on a machine that still had those rows kept them all there. A file already there is kept
    unless `replace`; the coach's own files (the database, its settings, the recordings) never
    are written over. `whole_recording`: which answers from real interviews are counted apart, as
    WHOLE_RECORDINGS (without it, every one is counted as an answer)."""
    out_path = Path(out_path)
    _check_export_path(store.settings, out_path, replace)
    with store.read(snapshot=True) as conn:
        tables = {table.name: _export_rows(conn, store, table) for table in TABLES_IN_ORDER}
        deleted = carried_deletions.carried(conn, store.owner)
        notes = _notes_to_carry(conn, store, tables)
    bank_files = _own_bank_files(store)
    # the single user's choices travel in the backup (below): a role and thresholds chosen before any
    # answer were "Nothing to back up yet", though restoring a backup brings them back
    chosen = not store.owner and settings_chosen(store.settings)
    if not any(tables.values()) and not deleted and not bank_files and not chosen:
        raise NothingToExport(NOTHING_TO_EXPORT, in_app=NOTHING_TO_BACK_UP)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": latest_migration(),
        "exported_at": datetime.now(UTC).isoformat(),
        "tables": tables,
        # what was deleted here, so a machine that restores this backup deletes it too (and leaves
        # it out of an older backup restored after this one): coach.store.carried_deletions
        "deletions": deleted,
        # what is noted beside each recording kept without an answer, by its uid (_notes_to_carry)
        RECORDING_NOTES: notes,
    }
    if not store.owner:  # the single user's choices live in settings.toml (a cohort person's role is a row)
        manifest["settings"] = carried_settings(store.settings)
    missing = []
    try:
        # beside the backup, never in /tmp; one left by an export killed midway goes now
        with staging(out_path.parent, EXPORT_STAGED, ".zip") as tmp:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
                for bank in bank_files:
                    archive.write(bank, f"{BANKS_FOLDER}/{bank.name}")
                for row in tables["recordings"]:
                    source = store.absolute(row["path"])
                    if source.exists():
                        archive.write(source, row["path"], compress_type=zipfile.ZIP_STORED)
                    else:
                        missing.append(row["path"])
            os.replace(tmp, out_path)
    except OSError as e:
        raise StorageError(
            f"Could not write the export {out_path} ({e.strerror}); choose a writable "
            "place with enough free space.",
            on_server=server_fault("prepare your backup", e),
        ) from e
    counts = {
        name: len(rows)
        for table in TABLES_IN_ORDER
        for name, rows in _counted_apart(table, tables[table.name], whole_recording)
    }
    counts["recordings"] -= len(missing)  # what the zip holds: it said 5 recordings and held 4
    counts[BANKS_FOLDER] = len(bank_files)
    deleted_counts: dict[str, int] = {}
    for item in deleted:
        deleted_counts[item["table"]] = deleted_counts.get(item["table"], 0) + 1
    return {
        "path": str(out_path),
        "counts": counts,
        "missing_recordings": missing,
        "deletions": deleted_counts,  # what it carries as deleted here, table by table
        "settings": chosen,  # the single user's role, thresholds or 'um's, chosen other than the defaults
    }


# The single user's choices a backup carries besides the thresholds: the role, the 'um's kept and
# heard from the sound (the speech model is this machine's: not carried).
CARRIED_CHOICES = ("role", "verbatim", "recover_fillers")


def carried_settings(settings: Settings) -> dict:
    """The single user's choices as a backup carries them (its manifest's "settings")."""
    return {
        **{name: getattr(settings, name) for name in CARRIED_CHOICES},
        "thresholds": {f.name: getattr(settings.thresholds, f.name) for f in fields(Thresholds)},
    }


def settings_chosen(settings: Settings) -> bool:
    """Whether the single user chose anything a backup carries other than the defaults."""
    defaults = {f.name: f.default for f in fields(Settings) if f.name in CARRIED_CHOICES}
    unchosen = dataclasses.replace(settings, thresholds=Thresholds(), **defaults)
    return carried_settings(settings) != carried_settings(unchosen)


def _counted_apart(
    table: sa.Table, rows: list, whole_recording: WholeRecording | None = None
) -> list[tuple[str, list]]:
    """A table's rows under the name they are counted by: the checklist's kept unticks apart from
    its ticks (UNTICKED_STEPS), goals replaced by another of their kind apart from those that count
    (RETIRED_GOALS: "Exported 2 goals" was one pace goal), a review's whole recording apart from its
    answers (WHOLE_RECORDINGS, by `whole_recording`), every other table's rows under its own name."""
    if table is turns and whole_recording is not None and isinstance(rows, list):
        answers, whole = [], []
        for row in rows:
            (whole if isinstance(row, dict) and whole_recording(row) else answers).append(row)
        return [(table.name, answers), (WHOLE_RECORDINGS, whole)]
    if table is goals and isinstance(rows, list):
        retired = [row for row in rows if isinstance(row, dict) and row.get("active") is False]
        return [(table.name, [row for row in rows if row not in retired]), (RETIRED_GOALS, retired)]
    if table is not prepared_steps or not isinstance(rows, list):
        return [(table.name, rows)]
    ticks, unticked = [], []
    for row in rows:
        untick = isinstance(row, dict) and str(row.get("step_id", "")).startswith(UNTICKED_MARK)
        (unticked if untick else ticks).append(row)
    return [(table.name, ticks), (UNTICKED_STEPS, unticked)]


def _export_rows(conn: sa.Connection, store: Store, table: sa.Table) -> list[dict]:
    query = sa.select(table).where(mine(store, table)).order_by(table.c.id)
    if table is recordings:
        query = query.where(recordings.c.deleted_at.is_(None))
    parents = PARENTS[table.name]
    uid_of = {
        name: dict(
            conn.execute(
                sa.select(_table(name).c.id, _table(name).c.uid).where(mine(store, _table(name)))
            ).all()
        )
        for name in set(parents.values())
    }
    changed = changed_times(conn, store.owner, table)
    fields_changed = field_times(conn, store.owner, table)
    rows = []
    for row in conn.execute(query):
        data = plain(row)
        data.pop("id")
        data.pop("owner")
        for column, parent in parents.items():
            data[column] = uid_of[parent].get(data[column])
        if table.name in TIMED:  # when it last changed, for an import to take the newer version
            when = changed.get(data["uid"])
            data["updated_at"] = None if when is None else as_utc(when).isoformat()
            data[FIELD_CHANGES] = _fields_to_carry(table, fields_changed.get(data["uid"], {}), when)
        rows.append(data)
    return rows


def _fields_to_carry(table: sa.Table, noted: dict[str, FieldChange], row_time) -> dict[str, dict]:
    """When each edited field of a row last changed, as a backup carries it (FIELD_CHANGES)."""
    carried = {}
    for name in EDITED_FIELDS.get(table.name, ()):
        change = field_change(noted, row_time, name)
        if change is not None:
            carried[name] = {
                "changed_at": as_utc(change.changed_at).isoformat(),
                "based_on": None if change.based_on is None else as_utc(change.based_on).isoformat(),
                "edit_chain": change.edit_chain,
            }
    return carried


def _own_bank_files(store: Store) -> list[Path]:
    """The single user's own question bank files: a new laptop restored from a backup had none of
    them, so the questions in them were gone from practice and from `coach questions`."""
    folder = store.settings.data_dir / BANKS_FOLDER
    if store.owner or not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.is_file() and not p.name.startswith("."))


def _noted(recording: Path) -> dict:
    """What is noted beside a kept recording, the empty parts left out."""
    question_id, question_text = noted_question(recording)
    note = {
        "question_id": question_id,
        "question_text": question_text,
        "not_analysable": not_analysable_because(recording),
        "original_name": noted_original_name(recording),
        "review": noted_review(recording),
    }
    return {name: value for name, value in note.items() if value}


def _notes_to_carry(conn: sa.Connection, store: Store, tables: dict) -> dict[str, dict]:
    """The notes beside the exported recordings kept without an answer, by the recording's uid: why
    one could not be measured (silent, too short: a restored one read "its analysis was interrupted;
    run `coach reanalyze`", which meets the same sound again), the question a take answers, what was
    typed for an interview's review stopped midway. The interview a review is logged under travels
    as its uid, as a row's links do. A recording kept with an interview whose review could not use it
    (no transcript, no turns) carries its note too: without it, a silent one restored read "its review
    was stopped before the end"."""
    heard = {row.get("interview_recording_id") for row in tables.get(turns.name) or []}
    used = {row["recording_id"] for row in tables[attempts.name]} | {
        row["recording_id"]
        for row in tables[interview_recordings.name]
        if row.get("transcript") is not None or row["uid"] in heard
    }
    interview_uid = dict(
        conn.execute(sa.select(interviews.c.id, interviews.c.uid).where(mine(store, interviews))).all()
    )
    carried = {}
    for row in tables[recordings.name]:
        if row["uid"] in used or row.get("detached_at") is not None:
            continue
        note = _noted(store.absolute(row["path"]))
        review = note.get("review")
        if review is not None and review.get("interview_id") is not None:
            uid = interview_uid.get(review["interview_id"])
            rest = {k: v for k, v in review.items() if k != "interview_id"}
            note["review"] = (rest | {"interview_uid": uid}) if uid is not None else None
        note = {name: value for name, value in note.items() if value}
        if note:
            carried[row["uid"]] = note
    return carried


def _table(name: str) -> sa.Table:
    return next(t for t in TABLES_IN_ORDER if t.name == name)


def _check_export_path(settings: Settings, out_path: Path, replace: bool) -> None:
    """A backup written over the database made the coach unreadable ("not a coach database"), and
    one written over an older, fuller backup lost it, both without a word."""
    target = out_path.resolve()
    own = {settings.database_path.resolve(), (settings.data_dir / SETTINGS_FILE_NAME).resolve()}
    if target in own or target.is_relative_to(settings.recordings_dir.resolve()):
        raise InputError(
            f"{out_path} is where the coach keeps your data; write the backup somewhere else. "
            "Nothing was written."
        )
    if target.is_dir():
        raise InputError(f"{out_path} is a folder; give the name of the .zip to write in it.")
    if target.exists() and not replace:
        raise InputError(
            f"{out_path} already exists; give another name, or add --replace to write over it. "
            "Nothing was written."
        )


def import_data(
    store: Store,
    zip_path: Path,
    *,
    check_own_question: OwnQuestionCheck | None = None,
    usable_banks: BanksCheck | None = None,
    name: str | None = None,
    whole_recording: WholeRecording | None = None,
) -> dict:
    """Add an export's rows and recordings to this store, skipping everything already here.

    `check_own_question` (coach.banks.check_own_question) vets each own question before
    anything is written, so an import cannot bring in an entry that practice would refuse.
    `usable_banks` (coach.data_admin) says which of the backup's own question bank files not here
    the banks here would refuse; without it none is brought in.
    `name`: what messages call the backup ("this backup" for one uploaded to a page, whose staged
    copy's path means nothing to the person); its path by default.
    `whole_recording`: which answers from real interviews are counted apart (as export_data).
    """
    zip_path = Path(zip_path)
    where = name or str(zip_path)
    if name is None and not zip_path.exists():
        raise InputError(f"There is no file {zip_path}; give the path of a backup made by `coach export`.")
    if zip_path.is_dir():
        raise InputError(f"{_cap(where)} is a folder; give the backup's .zip file inside it.")
    try:
        archive = zipfile.ZipFile(zip_path)
    except zipfile.BadZipFile as e:
        raise _not_a_zip(zip_path, where) from e
    except OSError as e:
        raise InputError(f"{_cap(where)} could not be read ({e.strerror or e}). Nothing was imported.") from e
    created: list[Path] = []
    folders: list[Path] = []  # the folders the import made, outermost first
    try:
        with archive:
            _check_sizes(store.settings, archive, zip_path, where)  # from the zip's directory, before reading
            manifest = _read_manifest(archive, where)
            tables = manifest["tables"]
            backup_deletions = carried_deletions.read_carried(manifest.get("deletions"))
            if backup_deletions is None:
                raise InputError(f"{_cap(where)} has a damaged list of deletions; nothing was imported.")
            notes = _read_notes(manifest, where)
            _check_own_questions(tables.get(own_questions.name, []), check_own_question, where)
            _check_typed_lengths(tables)
            _check_interests(tables, where)
            _check_fields_set(tables, where)
            with store.read() as conn:
                left_out, removed = _leave_out_deleted(conn, store.owner, tables)
                deleted_here = _recordings_deleted_here(conn, store, tables, where)
                audio_gone, left_out_counts = _count_left_out(conn, store.owner, tables, left_out, removed)
                kept = [r for r in tables.get("recordings", []) if r["uid"] not in deleted_here]
                tables["recordings"] = kept
                audio_lost = _audio_lost_here(conn, store, tables["recordings"], where)
                unlinked_here = _here_without_an_answer(conn, store, tables["recordings"], where)
            unanswered = _kept_without_an_answer(tables, where)
            banks = _banks_in_backup(store, archive, usable_banks, where)
            # the recordings folder too, when the import makes it (its list of files placed goes there)
            here = store.settings.recordings_dir
            folders += [folder for folder in reversed([here, *here.parents]) if not folder.exists()]
            with importing(store) as placing:  # held until the rows are in (coach.store.recordings)
                absent = _place_recording_files(
                    store, archive, tables.get("recordings", []), created, folders, where, placing
                )
                audio_back = sum(path.is_file() for path in audio_lost)
                _place_banks(store, banks["added"], created, folders)
                local_ids: dict[str, dict[str, int]] = {}
                on_both: list[dict] = []  # fields changed here and in the backup, neither seeing the other
                with store.write() as conn:
                    goals_here = goals_in_effect(conn, store.owner)
                    counts = {
                        name: _import_rows(conn, store.owner, table, rows, local_ids, on_both)
                        for table in TABLES_IN_ORDER
                        for name, rows in _counted_apart(table, tables.get(table.name, []), whole_recording)
                    }
                    merged = carried_deletions.merge(conn, store.owner, backup_deletions, tables)
                    linked = [local for local in unlinked_here if is_referenced(conn, local)]
                    copies = _answers_made_here_of_its_recordings(
                        conn, store.owner, set(local_ids.get(attempts.name, {}).values())
                    )
                    goals_imported = settle_imported_goals(
                        conn, store.owner, goals_here, _goals_set(tables), local_ids.get(goals.name, {})
                    )
            # goals as a person counts them: one a kind, the one that counts (retired ones unsaid)
            counts[goals.name] = (goals_imported.added, goals_imported.present, 0, 0, 0, 0)
            counts[BANKS_FOLDER] = (len(banks["added"]), banks["same"], banks["kept_here"], 0, 0, 0)
    except BaseException as e:
        for path in created:
            path.unlink(missing_ok=True)
        _remove_if_empty(folders)
        if isinstance(e, DAMAGED):  # a manifest of the wrong shape, a broken member (a CRC error)
            raise _damaged(where) from e
        raise
    if merged.files_to_remove:  # after the commit (the import's own files stay whatever happens here)
        finish_deletions(store)
    _restore_notes(store, notes, local_ids)
    return {
        "path": str(zip_path),
        "added": {k: v[0] for k, v in counts.items()},
        "already_present": {k: v[1] for k, v in counts.items()},
        # already here but different (EDITED_FIELDS), with no time saying which side changed later
        # (a backup from before rows were timed, a question bank file): the rows here were kept
        "differing_kept_here": {k: v[2] for k, v in counts.items() if v[2]},
        # already here, changed here later than in the backup (a backup imported again after its
        # changes came in): the rows here were kept
        "older_in_backup": {k: v[5] for k, v in counts.items() if v[5]},
        # already here, changed later in the backup: the backup's taken
        "newer_in_backup": {k: v[3] for k, v in counts.items() if v[3]},
        # already here, changed on both sides in different fields: each field from the side that
        # changed it later, so both sides' changes are kept
        "merged_field_by_field": {k: v[4] for k, v in counts.items() if v[4]},
        # a field changed here and in the backup, neither knowing the other's: the one changed later
        # is kept, the other's value said (never lost without a word)
        "changed_on_both": _changed_on_both_named(on_both, tables),
        "favourites_added": counts[favourites.name][0],
        "own_questions_added": counts[own_questions.name][0],
        "recordings_not_in_backup": absent,
        # ... those of them the backup kept without an answer or interview (a take whose analysis
        # stopped): no answer of theirs is without audio
        "recordings_not_in_backup_without_answers": [member for member in absent if member in unanswered],
        # recordings here without an answer that the backup's answers or interviews now use (files an
        # import stopped midway left, or copied over by hand): counted among those already here too
        "recordings_linked_to_answers": len(linked),
        # practice answers made here of recordings the backup's answers use (their ids here)
        "answers_made_here_of_its_recordings": copies,
        # recordings here already whose files were missing here (a recordings folder lost or left
        # behind on the old laptop): the backup's files put back
        "recordings_audio_restored": audio_back,
        # own question bank files the banks here would refuse (a question id already used), and why
        "question_banks_left_out": banks["left_out"],
        "recordings_deleted_here": len(deleted_here) + audio_gone,
        # rows deleted here, left out with what went with them (an interview's debriefs and answers)
        "deleted_here": left_out_counts,
        # rows deleted where the backup was made, deleted here too (with what went with them) ...
        "deleted_in_backup": merged.deleted,
        # ... and those kept, changed here after they were deleted there
        "deleted_in_backup_kept": merged.kept,
        # a practice answer with a recording deleted: the voiceprint made from them is stale
        "answers_with_audio_deleted": merged.answers_deleted,
        # a goal here and one from the backup of the same kind: the one set later counts (the other
        # retired), and coach.data_admin says which
        "goals_settled": [dataclasses.asdict(settled) for settled in goals_imported.settled],
        # the exporter's role and thresholds, for coach.data_admin to bring back where none is chosen
        "settings": manifest.get("settings") if isinstance(manifest.get("settings"), dict) else None,
    }


def check_backup_size(settings: Settings, size_bytes: int) -> None:
    """Refuse, in one sentence, a backup bigger than this person may restore (`restore_limit_mb`,
    a cohort only): `size_bytes` is the zip's size, or everything in it unpacked."""
    limit_mb = settings.restore_limit_mb
    if limit_mb is not None and size_bytes > limit_mb * MB:
        raise _over_a_limit(
            f"This backup holds {_megabytes(size_bytes)}; a backup restored here can hold at most "
            f"{limit_mb:,} MB, so nothing was imported."
        )


def _check_the_hour(settings: Settings, size_bytes: int, now: float | None = None) -> None:
    """Refuse a backup that would put more on the server's disk within an hour than the person's
    restore limit, counting what they recorded, uploaded or restored in the last hour: one restore
    under the limit after another would otherwise have no bound."""
    limit_mb = settings.restore_limit_mb
    written = files_of_the_last_hour(settings.recordings_dir, now=now, on_disk=True)
    recent = sum(size for _, size in written)
    if limit_mb is None or recent + size_bytes <= limit_mb * MB:
        return
    wait = try_again_in(min(when for when, _ in written), now=now)
    raise _over_a_limit(
        f"You saved or restored {_megabytes(recent)} of recordings in the last hour, and this backup "
        f"holds {_megabytes(size_bytes)}: more than the {limit_mb:,} MB allowed here in an hour, so "
        f"nothing was imported. {wait.capitalize()}."
    )


def _over_a_limit(said: str) -> InputError:
    """A backup over a person's limits: `said`, then what to do, for the terminal's operator or a
    student on a page."""
    return InputError(f"{said} {RAISE_LIMITS}", in_app=f"{said} {ASK_STAFF}")


def _cap(text: str) -> str:
    """A sentence that starts with the backup's name starts with a capital ("This backup …"); a
    file's name or path keeps its own letters (it read "Trunc.zip is not a coach export")."""
    if "/" in text or "\\" in text or Path(text).suffix:
        return text
    return text[:1].upper() + text[1:]


def _megabytes(size_bytes: int) -> str:
    """'1.3 MB', '6,020.1 MB': rounded up, so a size over a limit never reads as the limit itself."""
    return f"{math.ceil(size_bytes / MB * 10) / 10:,.1f} MB"


def _check_sizes(settings: Settings, archive: zipfile.ZipFile, zip_path: Path, where: str) -> None:
    """What the zip's directory says its members unpack to, checked before any is read: a manifest
    that is a decompression bomb (always), and in a cohort the whole backup unpacked and each
    recording against the person's limits. Reading never inflates a member past the size its entry
    declares (zipfile stops there), so the declared sizes bound what the import can write."""
    infos = archive.infolist()
    manifest = next((i for i in infos if i.filename == MANIFEST), None)
    if (
        manifest is not None
        and manifest.file_size > MANIFEST_ALWAYS_READ
        and manifest.file_size > MANIFEST_MAX_RATIO * max(manifest.compress_size, 1)
    ):
        raise InputError(
            f"{_cap(where)} is not a coach export: its list of answers unpacks to "
            f"{manifest.file_size / MB:,.0f} MB from {manifest.compress_size / MB:,.1f} MB, which no backup "
            "does; nothing was imported."
        )
    if settings.restore_limit_mb is None:
        return
    size = max(zip_path.stat().st_size, sum(i.file_size for i in infos))
    check_backup_size(settings, size)
    _check_the_hour(settings, size)
    recordings = [i for i in infos if i.filename.startswith("recordings/")]
    largest = max(recordings, key=lambda i: i.file_size, default=None)
    if largest is not None and largest.file_size > settings.upload_limit_mb * MB:
        raise _over_a_limit(
            f"A recording in this backup is {_megabytes(largest.file_size)}; here one recording can be "
            f"at most {settings.upload_limit_mb:,} MB, as for an upload, so nothing was imported."
        )


# What to do about a file that is no whole backup: in a terminal, and on the app's Settings page.
MAKE_AGAIN = "make the backup again with `coach export`"
MAKE_AGAIN_IN_APP = "make the backup again with “Prepare a backup” on the Settings page"
GIVE_A_BACKUP = "give the .zip that `coach export` wrote"
GIVE_A_BACKUP_IN_APP = "choose the .zip that “Prepare a backup” on the Settings page gave you"


def _refused(said: str, cli_next: str, app_next: str) -> InputError:
    return InputError(
        f"{said}, so nothing was imported; {cli_next}.",
        in_app=f"{said}, so nothing was imported; {app_next}.",
    )


def _damaged(where: str) -> InputError:
    """A backup zipfile opens but cannot read through (a member whose bytes changed since it was
    written, a list of the wrong shape): said in words, not as Python's "BadZipFile: Bad CRC-32"."""
    said = (
        f"{_cap(where)} is damaged (part of it no longer reads as the coach wrote it), so nothing was "
        "imported and your data here is as it was"
    )
    return InputError(
        f"{said}; copy the backup again from where you keep it, or {MAKE_AGAIN}.",
        in_app=f"{said}; upload it again from where you keep it, or {MAKE_AGAIN_IN_APP}.",
    )


def _not_a_zip(zip_path: Path, where: str) -> InputError:
    """A file zipfile cannot open, said by its cause: a zip cut off before its end (it starts as a zip
    does: a copy or download that stopped; it read "is not a coach export: it is not a zip file"),
    an empty file, or no zip at all."""
    try:
        with zip_path.open("rb") as f:
            start = f.read(4)
    except OSError:
        start = b""
    if start == b"PK\x03\x04":
        return _refused(
            f"{_cap(where)} is a zip cut off before its end (a copy or download that did not finish)",
            f"copy it again in full, or {MAKE_AGAIN}",
            f"upload it again in full, or {MAKE_AGAIN_IN_APP}",
        )
    if not start:
        return _refused(f"{_cap(where)} is empty", MAKE_AGAIN, MAKE_AGAIN_IN_APP)
    return _refused(
        f"{_cap(where)} is not a zip file (every backup of the coach is one)",
        GIVE_A_BACKUP,
        GIVE_A_BACKUP_IN_APP,
    )


def _read_manifest(archive: zipfile.ZipFile, where: str) -> dict:
    not_ours = _refused(
        f"{_cap(where)} is a zip but no backup of the coach", GIVE_A_BACKUP, GIVE_A_BACKUP_IN_APP
    )
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError as e:
        raise not_ours from e
    except ValueError as e:
        raise _refused(
            f"{_cap(where)} is a coach backup whose list of answers is damaged", MAKE_AGAIN, MAKE_AGAIN_IN_APP
        ) from e
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or not isinstance(manifest.get("tables"), dict)
    ):
        raise not_ours
    _tables_from_older_lists(manifest, where)
    known = [name for name, _ in MIGRATIONS]
    if manifest.get("format_version", 0) > FORMAT_VERSION or manifest.get("schema") not in known:
        raise from_a_newer_coach(where)
    return manifest


def from_a_newer_coach(where: str) -> InputError:
    """A backup made by a coach newer than this one, refused as the other refusals are (nothing was
    imported) and with how the coach is updated (README: a checkout that `make setup` installs), the
    same sentence in `coach import` and on the Settings page."""
    return InputError(
        f"{_cap(where)} was exported by a newer version of coach, so nothing was imported; update the "
        "coach here to that version (`git pull` in its folder, then `make setup`, which installs what it "
        "needs, and start the app again if it is open), then import the backup again."
    )


def _tables_from_older_lists(manifest: dict, where: str) -> None:
    """An export made before stars and own questions were tables lists them in the manifest."""
    tables = manifest["tables"]
    stars = manifest.get("favourites", [])  # absent from exports made before favourites travelled
    if not isinstance(stars, list) or not all(isinstance(i, str) for i in stars):
        raise InputError(f"{_cap(where)} has a damaged list of favourite questions; nothing was imported.")
    entries = manifest.get("user_questions", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError(f"The list of your own questions in {where} is damaged; nothing was imported.")
    now = utc_now().isoformat()
    if stars and favourites.name not in tables:
        tables[favourites.name] = [{"uid": new_uid(), "question_id": i, "created_at": now} for i in stars]
    if entries and own_questions.name not in tables:
        tables[own_questions.name] = [
            {
                "uid": new_uid(),
                "question_id": e.get("id"),
                **{k: e.get(k) for k in ENTRY_FIELDS},
                "created_at": now,
            }
            for e in entries
        ]


def _read_notes(manifest: dict, where: str) -> dict[str, dict]:
    """The backup's notes on recordings not analysed (none in one made before they travelled), each
    with only what a note says, in the shapes it says it: a part of another shape is left out."""
    notes = manifest.get(RECORDING_NOTES, {})
    if not isinstance(notes, dict) or not all(isinstance(note, dict) for note in notes.values()):
        raise InputError(
            f"{_cap(where)} has a damaged list of why recordings were not analysed; nothing was imported."
        )
    read = {}
    for uid, note in notes.items():
        kept = {name: note[name] for name in NOTED_TEXT if isinstance(note.get(name), str) and note[name]}
        review = note.get("review")
        if isinstance(review, dict) and isinstance(review.get("interview_uid", ""), str):
            # an interview id is this database's own: a backup names its interview by uid
            kept["review"] = {name: value for name, value in review.items() if name != "interview_id"}
        if kept:
            read[uid] = kept
    return read


def _restore_notes(store: Store, notes: dict[str, dict], local_ids: dict[str, dict[str, int]]) -> None:
    """Note beside each recording the backup brought, or had here already, what its note in the
    backup says, where it is still kept here without an answer: what is noted here already stays
    (the backup adds only what the note here lacks). A review's interview is the one here that is
    the backup's; one not here (deleted here) leaves the review out, so finishing it asks which
    interview it belongs to instead of logging it under another."""
    here_ids = local_ids.get(recordings.name, {})
    wanted = {here_ids[uid]: note for uid, note in notes.items() if uid in here_ids}
    if not wanted:
        return
    with store.read() as conn:
        rows = conn.execute(
            sa.select(recordings.c.id, recordings.c.path).where(
                recordings.c.id.in_(wanted),
                mine(store, recordings),
                recordings.c.deleted_at.is_(None),
                recordings.c.detached_at.is_(None),
            )
        ).all()
        waiting = [(row.path, wanted[row.id]) for row in rows if not _has_answers(conn, row.id)]
    interview_ids = local_ids.get(interviews.name, {})
    for path, theirs in waiting:
        recording = store.absolute(path)
        if not recording.is_file():
            continue
        theirs = dict(theirs)
        review = theirs.pop("review", None)
        if review is not None and "interview_uid" in review:
            interview_id = interview_ids.get(review["interview_uid"])
            review = {k: v for k, v in review.items() if k != "interview_uid"}
            review = (review | {"interview_id": interview_id}) if interview_id is not None else None
        if review is not None:
            theirs["review"] = review
        _add_to_note(recording, theirs)


def _has_answers(conn: sa.Connection, recording_id: int) -> bool:
    """Whether a recording here is used by a practice answer or a review that heard it (a transcript
    or turns): one kept with an interview whose review could not use it still takes its note."""
    if conn.execute(sa.select(attempts.c.id).where(attempts.c.recording_id == recording_id).limit(1)).first():
        return True
    heard = sa.exists().where(turns.c.interview_recording_id == interview_recordings.c.id)
    reviews = sa.select(interview_recordings.c.transcript, heard.label("heard")).where(
        interview_recordings.c.recording_id == recording_id
    )
    # a transcript of none is kept as JSON's null, read back as None
    return any(row.transcript is not None or row.heard for row in conn.execute(reviews))


def _add_to_note(recording: Path, theirs: dict) -> None:
    """Note beside `recording` what `theirs` says and its note lacks, through the note's own writers
    (coach.store.recordings): the question first, since noting it writes the note afresh."""
    here = _noted(recording)
    merged = theirs | here
    if merged == here:
        return
    name = merged.get("original_name", "")
    question = (merged.get("question_id"), merged.get("question_text", ""))
    rewritten = question != (here.get("question_id"), here.get("question_text", ""))
    if rewritten:
        note_question(recording, *question)
    if merged.get("review") is not None and (rewritten or "review" not in here):
        note_review(recording, name, merged["review"])
    if merged.get("not_analysable") and (rewritten or "not_analysable" not in here):
        note_not_analysable(recording, merged["not_analysable"], name)


def _check_own_questions(rows: list, check: OwnQuestionCheck | None, where: str) -> None:
    if check is None:
        return
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InputError(f"The list of your own questions in {where} is damaged; nothing was imported.")
    for i, row in enumerate(rows, start=1):
        entry = {"id": row.get("question_id"), **{k: row.get(k) for k in ENTRY_FIELDS}}
        check(entry, f"your question {i} in {where}")


def _check_typed_lengths(tables: dict) -> None:
    """Refuse a backup holding typed text longer than the store keeps, in the store's own sentence,
    before anything is written: SQLite would keep it and PostgreSQL would refuse it as damage, so
    the same backup imports alike on both."""
    for typed in TYPED_FIELDS:
        for row in tables.get(typed.table.name) or []:
            if isinstance(row, dict):  # a row of another shape is damage, refused as such later
                typed.check(row, what_to_do=TOO_LONG_IN_BACKUP)


def _check_interests(tables: dict, where: str) -> None:
    """Refuse a backup holding an option's or a debrief's interest that is not a whole number from
    1 to 5 (a hand-edited one), naming it, before anything is written: an option's 7 was restored
    and shown as "7 out of 5", a debrief's was refused in the database's own words (SQLite's named
    a constraint, PostgreSQL's refused "high" as "invalid input syntax")."""
    stages = {row.get("uid"): row for row in tables.get(interviews.name) or [] if isinstance(row, dict)}
    for table in (options, debriefs):
        for row in tables.get(table.name) or []:
            if not isinstance(row, dict) or row.get("interest") is None:
                continue  # a row of another shape is damage, refused as such later
            try:
                check_interest(row["interest"])
            except InputError:
                raise InputError(
                    f"{_interest_of(table, row, stages)} in {where} has an interest of "
                    f"{json.dumps(row['interest'])}, not a whole number from 1 to 5; nothing was imported: "
                    "correct it in the backup, or back up again where it was made."
                ) from None


def _text(value: object, row: dict) -> bool:
    return isinstance(value, str)


def _a_name(value: object, row: dict) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _a_date(value: object, row: dict) -> bool:
    try:
        return isinstance(value, str) and bool(date.fromisoformat(value.strip()))
    except ValueError:
        return False


def _a_deadline(value: object, row: dict) -> bool:
    return value is None or _a_date(value, row)


def _yes_no(value: object, row: dict) -> bool:
    return isinstance(value, bool)


def _yes_no_or_none(value: object, row: dict) -> bool:
    return value is None or isinstance(value, bool)


def _a_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _a_target(value: object, row: dict) -> bool:
    return _a_number(value) and (value > 0 or row.get("kind") not in GOAL_CADENCE_KINDS)


def _days(value: object, row: dict) -> bool:
    whole = isinstance(value, int) and not isinstance(value, bool) and value > 0
    return whole or (value is None and row.get("kind") not in GOAL_CADENCE_KINDS)


def _one_of(choices: tuple[str, ...]) -> Callable[[object, dict], bool]:
    return lambda value, row: isinstance(value, str) and value in choices


def _choices_said(choices: tuple[str, ...]) -> str:
    """'offer, alternative or batna', as the backup's JSON writes each ("" for none chosen)."""
    said = [choice or '""' for choice in choices]
    return " or ".join((", ".join(said[:-1]), said[-1]))


# typed text: what the store's writers check the length of (TYPED_FIELDS), text and never null
_WRITTEN = {
    typed.table.name: typed.fields
    for group in (INTERVIEW_TYPED, DEBRIEF_TYPED, OPTION_TYPED, GOAL_TYPED)
    for typed in group
}
# The fields a person sets in the log (an interview, someone met, a debrief, an option) and in a
# goal, as the store's own writers take them: each (field, test of its value and row, what it must
# be, said as the backup's JSON says it). A hand-edited backup broke them unseen: an option of kind
# "dream", a goal of 0 real interviews every 0 days, a company of "" were restored as they were;
# a debrief's "proceed": "yes" read as a damaged backup, a missing date in the database's words; an
# option's status of "maybe" was shown as "(maybe)", and an interview's origin of "xyz" as nothing,
# then refused each edit of that interview in `coach edit-interview`.
FIELDS_SET = {
    interviews.name: (
        ("company", _a_name, "a name"),
        ("interview_date", _a_date, "a date written YYYY-MM-DD"),
        ("origin", _one_of(ORIGINS), _choices_said(ORIGINS)),
    ),
    interview_people.name: (("name", _a_name, "a name"),),
    debriefs.name: (("proceed", _yes_no_or_none, "true, false or null"),),
    options.name: (
        ("kind", _one_of(OPTION_KINDS), _choices_said(OPTION_KINDS)),
        ("deadline", _a_deadline, "a date written YYYY-MM-DD, or null"),
        ("status", _one_of(OPTION_STATUSES), _choices_said(OPTION_STATUSES)),
    ),
    goals.name: (
        ("kind", _one_of(GOAL_KINDS), "one of " + ", ".join(GOAL_KINDS)),
        ("target", _a_target, "a number (above 0 for a count of interviews or answers)"),
        ("period_days", _days, "a whole number of days above 0 (null only for a goal of a measure)"),
        ("active", _yes_no, "true or false"),
    ),
    # what the coach, not the person, set: a recording of another kind was re-analysed by `coach
    # reanalyze` as a practice answer, and the store refuses a mock interview's turn of another kind
    recordings.name: (("kind", _one_of(RECORDING_KINDS), _choices_said(RECORDING_KINDS)),),
    mock_turns.name: (("kind", _one_of(MOCK_TURN_KINDS), _choices_said(MOCK_TURN_KINDS)),),
}


def _check_fields_set(tables: dict, where: str) -> None:
    """Refuse a backup holding a field a person sets that the store would not take (FIELDS_SET, and
    any typed text that is not text), in one sentence naming the row, before anything is written."""
    stages = {row.get("uid"): row for row in tables.get(interviews.name) or [] if isinstance(row, dict)}
    for table in (interviews, interview_people, debriefs, options, goals, recordings, mock_turns):
        rules = FIELDS_SET.get(table.name, ())
        written = tuple((name, _text, "text") for name in _WRITTEN.get(table.name, ()))
        for row in tables.get(table.name) or []:
            if not isinstance(row, dict):
                continue  # a row of another shape is damage, refused as such later
            for name, usable, should_be in (*rules, *written):
                if name in row and not usable(row[name], row):  # an older backup may lack a field
                    shown = json.dumps(row[name], ensure_ascii=False)
                    shown = shown if len(shown) <= 60 else shown[:59] + "…"
                    raise InputError(  # the field as the backup's JSON names it, for whoever edits it
                        f'{_row_named(table, row, stages)} in {where} has "{name}": {shown}, not '
                        f"{should_be}; nothing was imported: correct it in the backup, or back up again "
                        "where it was made."
                    )


def _row_named(table: sa.Table, row: dict, stages: dict[str, dict]) -> str:
    """Which row, as the Interviews and Progress pages know it, from its fields that can name it."""
    if table is options:
        kind = row.get("kind") if row.get("kind") in OPTION_KINDS else "option"
        company = row.get("company") if _a_name(row.get("company"), row) else ""
        return _interest_of(options, {"kind": kind, "company": company}, stages)
    if table is goals:
        kind = row.get("kind")
        return f"The goal of {kind.replace('_', ' ')}" if kind in GOAL_KINDS else "A goal"
    if table is interviews:
        return _interview_named(row)
    if table is recordings:
        name = row.get("original_name")  # the file's name as given, never the one it is kept under
        return f"The recording “{name}”" if _a_name(name, row) else "A recording"
    if table is mock_turns:
        asked = row.get("question_text")
        return f"The mock interview's turn “{asked}”" if _a_name(asked, row) else "A mock interview's turn"
    if table is interview_people:
        held = _interview_named(stages.get(row.get("interview_id")) or {})
        return "Someone met at " + (f"the {held[4:]}" if held.startswith("The ") else "an interview")
    return _interest_of(debriefs, row, stages)


def _interview_named(row: dict) -> str:
    """'The onsite at “Acme”', 'The interview at “Acme”', or 'An interview' with no usable name."""
    if not _a_name(row.get("company"), row):
        return "An interview"
    stage = row.get("stage") if _a_name(row.get("stage"), row) else "interview"
    return f"The {stage} at “{row['company']}”"


def _interest_of(table: sa.Table, row: dict, stages: dict[str, dict]) -> str:
    """Whose interest, as the Interviews page knows it: 'The offer “Acme”', 'The debrief of the
    onsite at “Acme”'."""
    if table is options:
        kind = "BATNA" if row.get("kind") == "batna" else str(row.get("kind") or "option")
        return f"The {kind}" + (f" “{row['company']}”" if row.get("company") else "")
    stage = stages.get(row.get("interview_id")) or {}
    if not stage.get("company"):
        return "A debrief"
    return f"The debrief of the {stage.get('stage') or 'interview'} at “{stage['company']}”"


def _leave_out_deleted(conn: sa.Connection, owner: str, tables: dict) -> tuple[dict, dict]:
    """Take out of `tables` the rows deleted here (coach.store.deletions) and the rows that went
    with them: a child whose link to its parent cascades or cannot be empty (an interview's
    debriefs, answers and people). A row whose link can be empty stays, as the deletion left it
    here (practice for a deleted interview stays practice). Returns the rows deleted here
    themselves and every row taken out, each table by table."""
    logged = deleted_uids(conn, owner)
    left_out: dict[str, list[dict]] = {}
    removed: dict[str, list[dict]] = {}
    gone: dict[str, set] = {}
    for table in TABLES_IN_ORDER:
        rows = tables.get(table.name)
        if not isinstance(rows, list):
            continue  # damage, refused as such later
        kept = []
        for row in rows:
            if not isinstance(row, dict):
                kept.append(row)
                continue
            if _deleted_here(conn, owner, table, row, logged.get(table.name, set())):
                left_out.setdefault(table.name, []).append(row)
            elif not _went_with_a_parent(table, row, gone):
                kept.append(row)
                continue
            removed.setdefault(table.name, []).append(row)
            gone.setdefault(table.name, set()).add(row.get("uid"))
        tables[table.name] = kept
    return left_out, removed


def _deleted_here(conn: sa.Connection, owner: str, table: sa.Table, row: dict, logged: set) -> bool:
    """Whether the backup's `row` was deleted here and is not here again (a question of your own
    deleted and then typed again is here, by its id)."""
    uids = {row.get("uid"), owners_uid(owner, row.get("uid"))}
    return bool(uids & logged) and _existing_id(conn, owner, table, row) is None


def _went_with_a_parent(table: sa.Table, row: dict, gone: dict[str, set]) -> bool:
    """Whether deleting a parent here deleted `row` too (its link cascades or cannot be empty)."""
    return any(
        row.get(fk.parent.name) is not None
        and row[fk.parent.name] in gone.get(fk.column.table.name, ())
        and (fk.ondelete == "CASCADE" or not fk.parent.nullable)
        for fk in table.foreign_keys
    )


def _count_left_out(
    conn: sa.Connection, owner: str, tables: dict, left_out: dict[str, list[dict]], removed: dict
) -> tuple[int, dict[str, int]]:
    """How many of each kind the import left out as deleted here, and how many of those recordings
    belong to answers or interview recordings all here (their audio deleted here, said as such).
    A recording whose answer was left out too is part of it, not counted on its own."""
    counts = {name: len(rows) for name, rows in left_out.items() if name != recordings.name}
    audio_gone = alone = 0
    for row in left_out.get(recordings.name, []):
        users = [
            (table, user)
            for table in (attempts, interview_recordings)
            for user in tables.get(table.name) or []
            if isinstance(user, dict) and user.get("recording_id") == row["uid"]
        ]
        if users and all(_existing_id(conn, owner, table, user) is not None for table, user in users):
            audio_gone += 1
        elif users or not _was_used(row, removed):
            alone += 1  # kept on its own, or an answer not here whose audio was deleted here
    if alone:
        counts[recordings.name] = alone
    return audio_gone, counts


def _was_used(recording: dict, removed: dict[str, list[dict]]) -> bool:
    """Whether an answer or interview recording taken out of the import used this recording."""
    return any(
        user.get("recording_id") == recording["uid"]
        for name in (attempts.name, interview_recordings.name)
        for user in removed.get(name, [])
    )


def _here_without_an_answer(conn: sa.Connection, store: Store, rows: list[dict], where: str) -> list[int]:
    """The ids here of the backup's recordings that are here already with no answer or interview
    using them: the files an import stopped midway left (or copied over by hand), listed as takes
    "saved but not analysed". The backup's answers link them again, which was said only as
    "Already here, so not added twice: 2 recordings"."""
    found = []
    for row in rows:
        here = {**row, "path": _owners_path(store, _safe_member(row["path"], where))}
        local = _existing_id(conn, store.owner, recordings, here)
        if local is not None and not is_referenced(conn, local):
            found.append(local)
    return found


def _kept_without_an_answer(tables: dict, where: str) -> set[str]:
    """The backup's recordings (as its members) that none of its answers or interview recordings
    uses: takes kept there without an answer. One missing from the backup was said to leave "their
    answers" without audio, counted with those that had one."""
    used = {
        row.get("recording_id")
        for table in (attempts, interview_recordings)
        for row in tables.get(table.name) or []
    }
    return {
        _safe_member(row["path"], where)
        for row in tables.get(recordings.name) or []
        if row["uid"] not in used
    }


def _recordings_deleted_here(conn: sa.Connection, store: Store, tables: dict, where: str) -> set[str]:
    """The uids of the backup's recordings not here whose every answer and interview recording
    is here already: their audio was deleted here (`coach delete-interview N --audio-only`).
    Importing one came back as a file attached to nothing, listed as "saved but not analysed"."""
    used_by_new, used = set(), set()
    for table in (attempts, interview_recordings):
        for row in tables.get(table.name) or []:
            if row.get("recording_id") is None:
                continue
            used.add(row["recording_id"])
            if _existing_id(conn, store.owner, table, row) is None:
                used_by_new.add(row["recording_id"])
    deleted = set()
    for row in tables.get(recordings.name) or []:
        if row["uid"] not in used or row["uid"] in used_by_new:
            continue  # kept on its own in the backup (its answer deleted there, audio kept), or needed
        here = {**row, "path": _owners_path(store, _safe_member(row["path"], where))}
        if _existing_id(conn, store.owner, recordings, here) is None:
            deleted.add(row["uid"])
    return deleted


def _answers_made_here_of_its_recordings(conn: sa.Connection, owner: str, backups: set[int]) -> list[int]:
    """`owner`'s practice answers not in the backup (`backups`: the ids here of those it holds) whose
    recording an answer of the backup uses too, oldest first: made here from the backup's files that
    an import killed midway left without their answers (before imports listed the files they place,
    coach.store.recordings.IMPORT_LIST), so that importing it again counted each answer twice. They
    are kept (nothing of the person's is deleted without their word) and said."""
    if not backups:
        return []
    theirs = attempts.alias("theirs")
    return list(
        conn.execute(
            sa.select(attempts.c.id)
            .where(
                attempts.c.owner == owner,
                attempts.c.id.not_in(backups),
                sa.exists().where(
                    theirs.c.owner == owner,
                    theirs.c.recording_id == attempts.c.recording_id,
                    theirs.c.id.in_(backups),
                ),
            )
            .order_by(attempts.c.id)
        ).scalars()
    )


def _audio_lost_here(conn: sa.Connection, store: Store, rows: list[dict], where: str) -> list[Path]:
    """Where the files of the backup's recordings that are here already, and kept, should be but are
    not: the recordings folder was lost, or left behind when the database was copied to a new laptop.
    The import puts the backup's file back, and says so: it said "Nothing new to import", and the
    person thought their audio still gone."""
    lost = []
    for row in rows:
        here = {**row, "path": _owners_path(store, _safe_member(row["path"], where))}
        found = _existing_id(conn, store.owner, recordings, here)
        if found is None:
            continue
        path, deleted_at = conn.execute(
            sa.select(recordings.c.path, recordings.c.deleted_at).where(recordings.c.id == found)
        ).one()
        if deleted_at is None and not store.absolute(path).exists():
            lost.append(store.absolute(path))
    return lost


def _safe_member(path: str, where: str) -> str:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or pure.parts[0] != "recordings":
        raise InputError(
            f"{_cap(where)} names a recording outside recordings/ ({path!r}); it was not imported."
        )
    return pure.as_posix()


def _place_recording_files(
    store: Store,
    archive: zipfile.ZipFile,
    rows: list[dict],
    created: list[Path],
    folders: list[Path],
    where: str,
    placing: Callable[[Path], None],
) -> list[str]:
    """Put each exported recording in the data directory (renaming on a clash) before any row,
    noting in `created` each file written and in `folders` each folder made for one, and telling
    `placing` each before it is written. Returns the recordings the backup lists but does not hold
    (its answers come without audio)."""
    members = set(archive.namelist())
    absent = []
    for row in rows:
        member = _safe_member(row["path"], where)
        row["path"] = _owners_path(store, member)
        if member not in members:
            absent.append(member)
            continue
        target = store.absolute(row["path"])
        if target.exists():
            if file_sha256(target) == row["sha256"]:
                continue
            # A different file already has this name: keep both.
            pure = PurePosixPath(row["path"])
            row["path"] = str(pure.with_name(f"{pure.stem}-{row['uid'][:8]}{pure.suffix}"))
            target = store.absolute(row["path"])
            if target.exists():
                continue
        folders += [folder for folder in reversed(target.parents) if not folder.exists()]
        placing(target)
        if archive.getinfo(member).file_size != row["size_bytes"] or not _copy_member(
            archive, member, target, row["sha256"]
        ):  # never inflate more than the row declares
            raise InputError(
                f"The recording {member} in {where} is damaged (its size or checksum "
                "does not match); nothing was imported."
            )
        created.append(target)
        _keep_recorded_time(target, row.get("created_at"))
    return absent


def _banks_in_backup(
    store: Store, archive: zipfile.ZipFile, usable_banks: BanksCheck | None, where: str
) -> dict:
    """The backup's own question bank files, sorted out against those here: `added` (name → text,
    the ones not here that the banks here accept), how many are the `same` here, how many a file
    here of that name, with other questions, is `kept_here` for (never written over), and which are
    `left_out` (name → why). None for a person of a cohort, or without `usable_banks`."""
    found = {"added": {}, "same": 0, "kept_here": 0, "left_out": {}}
    if store.owner or usable_banks is None:
        return found
    folder = store.settings.data_dir / BANKS_FOLDER
    for info in archive.infolist():
        member = PurePosixPath(info.filename)
        if len(member.parts) != 2 or member.parts[0] != BANKS_FOLDER or info.is_dir():
            continue
        if not BANK_NAME.fullmatch(member.name):
            continue  # no bank file the coach would read (or a name no page should show)
        if info.file_size > BANK_MAX_BYTES:
            found["left_out"][member.name] = f"it is {_megabytes(info.file_size)}, more than a question bank"
            continue
        text = archive.read(info).decode("utf-8")  # not text: damage, refused as such
        here = folder / member.name
        if here.is_file():
            same = here.read_text(encoding="utf-8", errors="replace") == text
            found["same" if same else "kept_here"] += 1
            continue
        found["added"][member.name] = text
    refused = usable_banks(found["added"]) if found["added"] else {}
    found["left_out"] |= refused
    found["added"] = {name: text for name, text in found["added"].items() if name not in refused}
    return found


def _place_banks(store: Store, added: dict[str, str], created: list[Path], folders: list[Path]) -> None:
    """Write the backup's own question bank files not here, noting them as `_place_recording_files`
    does, so a failed import removes them."""
    folder = store.settings.data_dir / BANKS_FOLDER
    for name, text in added.items():
        folders += [f for f in reversed([folder, *folder.parents]) if not f.exists()]
        try:
            created.append(write_private(folder / name, text))
        except OSError as e:
            raise StorageError(
                f"Could not write the question bank {folder / name} ({e.strerror}); free some disk space "
                "or choose a writable data directory. Nothing was imported.",
                on_server=server_fault("store the question banks of this backup", e, "nothing was imported"),
            ) from e


def _remove_if_empty(folders: list[Path]) -> None:
    """Remove the folders a failed import made, innermost first, each only while it is empty: a
    damaged backup restored into a new data directory left recordings/practice/2026-12/ behind,
    empty. One that holds a file (a take saved meanwhile) stays, and so does every folder that was
    there before."""
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:  # not empty, or gone already
            continue


def _keep_recorded_time(path: Path, created_at) -> None:
    """Give a restored recording the time it was recorded, as `cp -p` would: a cohort counts a
    person's recordings of the last hour by their files' times (coach.identity.recent_uploads), and a
    term's answers restored at once are not an hour's recording (60 of them blocked practice for an
    hour). A time that cannot be read or lies ahead leaves the file at now."""
    try:
        moment = datetime.fromisoformat(str(created_at))
        stamp = (moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)).timestamp()
        if stamp < time.time():
            os.utime(path, (stamp, stamp))
    except (ValueError, OverflowError, OSError):  # a hand-edited time, one the file system refuses
        return


def _owners_path(store: Store, member: str) -> str:
    """Where an exported recording goes in this store: under the importing owner's recordings
    folder, whoever exported it (a cohort member's export names their own folder)."""
    rest = PurePosixPath(member).parts[1:]
    if len(rest) > 2 and rest[0] == OWNERS_FOLDER:
        rest = rest[2:]
    return store.relative(store.settings.recordings_dir.joinpath(*rest))


def _copy_member(archive: zipfile.ZipFile, member: str, path: Path, sha256: str) -> bool:
    """Stream a member to `path` atomically while hashing it; False (and nothing written) on a mismatch."""
    try:
        private_folder(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".saving-", suffix=path.suffix)
        try:
            digest = hashlib.sha256()
            with os.fdopen(fd, "wb") as f, archive.open(member) as source:
                for block in iter(lambda: source.read(1 << 20), b""):
                    digest.update(block)
                    f.write(block)
                f.flush()
                os.fsync(f.fileno())
            if digest.hexdigest() != sha256:
                return False
            os.replace(tmp, path)
            return True
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as e:
        raise StorageError(
            f"Could not write the recording {path} ({e.strerror}); free some disk space "
            "or choose a writable data directory. Nothing was imported.",
            on_server=server_fault("store the recordings of this backup", e, "nothing was imported"),
        ) from e


def _import_rows(
    conn: sa.Connection,
    owner: str,
    table: sa.Table,
    rows: list[dict],
    local_ids: dict[str, dict[str, int]],
    on_both: list[dict],
) -> tuple[int, int, int, int, int, int]:
    """Insert the rows `owner` does not have yet, as theirs; `local_ids` maps each table's
    exported uids to local ids. Returns how many were added, already here, already here but
    different (kept as they are here), already here but changed later in the backup (the
    backup's taken), and already here but changed on each side in other fields (merged); a row kept
    as it is here counts as different when no side says when its fields changed, and among those
    older (the sixth) when the ones here changed later. Each field
    changed on both sides, neither seeing the other's, is added to `on_both`, its row counted in
    none of these (the import says it field by field, with the row's other fields the backup gave
    as the last one's `also_from_backup`)."""
    parents = PARENTS[table.name]
    ids = local_ids.setdefault(table.name, {})
    added = present = differing = newer = merged = older = 0
    for row in rows:
        found = _existing_id(conn, owner, table, row)
        if found is not None:
            ids[row["uid"]] = found
            present += 1
            # a goal changed on one side or the other: which counts is settled after, kind by kind
            # (settle_imported_goals), and said there
            different = _differs(conn, owner, table, found, row) if table is not goals else set()
            if different:
                said_before = len(on_both)
                taken, kept, untimed = _merge_fields(conn, owner, table, found, row, different, on_both)
                if len(on_both) > said_before:  # said field by field, not as a whole record
                    conflicted = {change["field"] for change in on_both[said_before:]}
                    on_both[-1]["also_from_backup"] = [name for name in taken if name not in conflicted]
                else:
                    newer += bool(taken) and not kept
                    differing += bool(kept) and not taken and bool(untimed)
                    older += bool(kept) and not taken and not untimed
                    merged += bool(taken) and bool(kept)
            _link_again(conn, owner, table, found, row, local_ids)
            continue
        values = {}
        for column in table.c:
            if column.name in ("id", "owner") or column.name not in row:
                continue
            value = row[column.name]
            if column.name in parents and value is not None:
                value = local_ids.get(parents[column.name], {}).get(value)
            values[column.name] = _convert(column, value)
        values["owner"] = owner
        if conn.execute(sa.select(table.c.id).where(table.c.uid == values["uid"])).first() is not None:
            values["uid"] = owners_uid(owner, row["uid"])  # another owner imported it first
        ids[row["uid"]] = insert_row(conn, table, values)
        if _changed_in_backup(row) is not None:  # when it last changed travels with it
            note_changed(conn, owner, table, table.c.id == ids[row["uid"]], _changed_in_backup(row))
        theirs = _fields_changed_in_backup(row)
        if theirs:  # and when each field did
            write_field_changes(conn, owner, table, values["uid"], _as_taken(theirs))
        added += 1
    return added, present, differing, newer, merged, older


def _link_again(
    conn: sa.Connection, owner: str, table: sa.Table, local_id: int, row: dict, local_ids: dict
) -> None:
    """Fill again a link of `owner`'s row here that a deletion emptied (LINKED_AGAIN), now that the
    backup brought back the row it named: a mock interview's answer restored from a backup was a
    practice answer of no mock interview, and its turn had no answer."""
    for column in LINKED_AGAIN.get(table.name, ()):
        parent = local_ids.get(PARENTS[table.name][column], {}).get(row.get(column))
        if parent is not None:
            conn.execute(
                table.update()
                .where(table.c.id == local_id, table.c.owner == owner, table.c[column].is_(None))
                .values({column: parent})
            )


def _merge_fields(
    conn: sa.Connection,
    owner: str,
    table: sa.Table,
    local_id: int,
    row: dict,
    different: set[str],
    on_both: list[dict],
) -> tuple[list[str], list[str], list[str]]:
    """Give `owner`'s row here, field by field among those `different`, the backup's value where
    the backup's changed later. A field with no time of change was not changed since written (or
    only before migration 0015), so it is the older: the backup's is taken only when it has one.
    A field changed on both sides, the later not typed over the other, goes to `on_both`, and a text
    field keeps both sides' words (_both_kept). Returns the fields taken, those kept as they are
    here, and those of them kept with no time on either side (which side's is older is not known)."""
    this = sa.and_(table.c.id == local_id, table.c.owner == owner)
    here = conn.execute(sa.select(table).where(this)).one()
    ours_noted = field_times(conn, owner, table, [here.uid]).get(here.uid, {})
    ours_row = as_utc(changed_times(conn, owner, table).get(here.uid))
    theirs_noted = _fields_changed_in_backup(row)
    theirs_row = _changed_in_backup(row)
    taken: dict[str, FieldChange] = {}
    kept, untimed = [], []
    written: dict[str, tuple[str, FieldChange]] = {}  # a field changed on both, both sides' words kept
    for name in (name for name in EDITED_FIELDS[table.name] if name in different):
        ours = field_change(ours_noted, ours_row, name)
        if theirs_noted is None:  # a backup from before fields were timed: the row's time for each
            theirs = None if theirs_row is None else FieldChange(theirs_row)
        else:
            theirs = theirs_noted.get(name)
        later_there = theirs is not None and (ours is None or theirs.changed_at > as_utc(ours.changed_at))
        if later_there:
            taken[name] = theirs
        else:
            kept.append(name)
            untimed += [name] if ours is None else []
        winner, other = (theirs, ours) if later_there else (ours, theirs)
        # only a field timed on its own is known to have been typed: a row's time says no field
        if other is not None and other.edit_chain is not None and not winner.has_seen(other):
            value_here = plain(here)[name]
            kept_value, replaced = (row[name], value_here) if later_there else (value_here, row[name])
            both = _both_kept(table, name, kept_value, replaced, other.changed_at)
            if both is not None:  # the replaced words kept in the record, below the later ones
                words, heading = both
                latest = max(as_utc(winner.changed_at), as_utc(other.changed_at))
                # changed now, having seen both: the next import of either side's backup takes it
                at = max(utc_now(), latest + timedelta(microseconds=1))
                written[name] = (words, FieldChange(at, latest, str(uuid.uuid4()), made_here=True))
            on_both.append(
                {
                    "table": table.name,
                    "uid": row["uid"],
                    "field": name,
                    "kept": "backup" if later_there else "here",
                    # the side kept says when its row changed, not which of its fields did (an
                    # older coach's backup, or changes before migration 0020)
                    "kept_row_time_only": winner.edit_chain is None,
                    "backup_value": row[name],
                    "value_here": value_here,
                    # where the replaced words are kept: below the later ones, under this heading
                    "kept_below": None if both is None else both[1],
                }
            )
    values = {name: _convert(table.c[name], row[name]) for name in taken}
    values |= {name: words for name, (words, _) in written.items()}
    if values:
        conn.execute(table.update().where(this).values(values))
        changes = _as_taken(taken) | {name: change for name, (_, change) in written.items()}
        write_field_changes(conn, owner, table, here.uid, changes)
        latest = max(change.changed_at for change in changes.values())
        if ours_row is None or latest > ours_row:
            note_changed(conn, owner, table, this, latest)
    kept = [name for name in kept if name not in written]
    return list(taken), kept, [name for name in untimed if name in kept]


# Where the words a field changed on both sides lost are kept (coach.store.changes): below the
# later words in the field itself, as a conflicted copy would keep them, so a reload or a restart
# does not lose them with the import's sentence. `{day}`: the day they were typed.
KEPT_BELOW = "From the other copy, changed {day}:"


def _both_kept(
    table: sa.Table, name: str, kept: object, replaced: object, replaced_at: datetime
) -> tuple[str, str] | None:
    """The words of a text field (notes, what went well, an option's details) changed on both
    sides: the later, then the replaced ones in a paragraph of their own under KEPT_BELOW, and that
    heading. None for a field of one line or no text (a company, interest, a date: the later is
    kept, and the import says what the other read), for replaced words the later ones hold already
    (an import of the same backup again, or of one already holding both), or too long to keep."""
    if (
        not isinstance(table.c[name].type, sa.Text)
        or (table.name, name) in NOT_KEPT_BELOW
        or not isinstance(kept, str)
        or not isinstance(replaced, str)
    ):
        return None
    # the day on UTC's calendar, not this machine's: laptops on two clocks merging the same clash
    # each wrote their own day, so the two copies differed and the next import kept them below again
    day = as_utc(replaced_at).date()  # said as coach.local_time.long_date says a day ("Sun 6 Dec
    # 2026"), written here: the store imports nothing above it (tests/test_store_layers.py)
    heading = KEPT_BELOW.format(day=f"{day:%a} {day.day} {day:%b %Y}")
    questions = (table.name, name) == (debriefs.name, "notes")
    kept_text, kept_asked = _apart_from_questions(kept) if questions else (kept.strip(), [])
    other_text, other_asked = _apart_from_questions(replaced) if questions else (replaced.strip(), [])
    if other_text in kept_text:  # nothing of the other's words is missing from the later ones
        other_text = ""
    asked = list(dict.fromkeys([*kept_asked, *other_asked]))
    if not other_text and asked == kept_asked:
        return None
    parts = [kept_text, f"{heading} {other_text}" if other_text else ""]
    if asked:  # the questions they asked stay one list at the end, as saving a debrief writes them
        parts.append(QUESTIONS_HEADING + "\n" + "\n".join(f"- {q}" for q in asked))
    words = "\n\n".join(part for part in parts if part)
    if len(words) > LONG_TEXT_CHARS:
        return None
    return words, heading


# A text field whose words are one thing, not notes: an own question's words are the question asked.
NOT_KEPT_BELOW = {(own_questions.name, "text")}


def _apart_from_questions(notes: str) -> tuple[str, list[str]]:
    """A debrief's notes and the questions they asked listed at their end (coach.debrief)."""
    text, _, tail = notes.partition(QUESTIONS_HEADING)
    asked = [line.strip()[2:].strip() for line in tail.splitlines() if line.strip().startswith("- ")]
    return text.strip(), asked


def _as_taken(theirs: dict[str, FieldChange]) -> dict[str, FieldChange]:
    """The backup's fields as kept here: typed on the other machine, so the next edit here starts a
    chain of its own over them."""
    return {name: dataclasses.replace(change, made_here=False) for name, change in theirs.items()}


def _fields_changed_in_backup(row: dict) -> dict[str, FieldChange] | None:
    """When each of the backup's row's fields last changed (None: a backup from before fields were
    timed). A field's entry of another shape (a hand-edited backup) is read as none."""
    noted = row.get(FIELD_CHANGES)
    if not isinstance(noted, dict):
        return None
    changes = {}
    for name, change in noted.items():
        if not isinstance(change, dict):
            continue
        changed_at = _a_time(change.get("changed_at"))
        if changed_at is None:
            continue
        chain = change.get("edit_chain")
        changes[name] = FieldChange(
            changed_at, _a_time(change.get("based_on")), chain if isinstance(chain, str) and chain else None
        )
    return changes


def _a_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return as_utc(parse_datetime(value))
    except (TypeError, ValueError):
        return None


def _changed_on_both_named(on_both: list[dict], tables: dict) -> list[dict]:
    """Each field changed on both sides, with the row named as the pages know it."""
    stages = {row.get("uid"): row for row in tables.get(interviews.name) or [] if isinstance(row, dict)}
    named = []
    for change in on_both:
        table = _table(change["table"])
        rows = tables.get(table.name) or []
        row = next(r for r in rows if isinstance(r, dict) and r.get("uid") == change["uid"])
        named.append({"what": _row_named(table, row, stages), **change})
    return named


def _goals_set(tables: dict) -> list[dict]:
    """The backup's goals (checked by _check_fields_set), each with when it was set there (a goal
    of a hand-made backup with no time: earlier than any)."""
    return [
        row | {"set_at": _changed_in_backup(row) or parse_datetime(row.get("created_at")) or EARLIEST}
        for row in tables.get(goals.name, [])
    ]


def _changed_in_backup(row: dict):
    """When the backup's row last changed (None: not since written, or an older backup's)."""
    return as_utc(parse_datetime(row["updated_at"])) if row.get("updated_at") is not None else None


def _differs(conn: sa.Connection, owner: str, table: sa.Table, local_id: int, row: dict) -> set[str]:
    """The fields a person edits in which `owner`'s row here (`local_id`) holds other values than
    the backup's `row` (none: the same); a field the backup lacks (an older export) is no difference."""
    edited = [name for name in EDITED_FIELDS.get(table.name, ()) if name in row]
    if not edited:
        return set()
    here = conn.execute(
        sa.select(*(table.c[name] for name in edited)).where(table.c.id == local_id, table.c.owner == owner)
    ).one()
    return {
        name for name, value in zip(edited, here, strict=True) if _convert(table.c[name], row[name]) != value
    }


def _existing_id(conn: sa.Connection, owner: str, table: sa.Table, row: dict) -> int | None:
    """The owner's row that is this exported row: same uid, or the same question / recording file,
    or (their own settings) the one they have."""
    theirs = table.c.owner == owner
    uids = (row["uid"], owners_uid(owner, row["uid"]))
    found = conn.execute(sa.select(table.c.id).where(table.c.uid.in_(uids), theirs)).scalar()
    if found is None and table.name in ONE_PER_OWNER:
        found = conn.execute(sa.select(table.c.id).where(theirs)).scalar()
    key = NATURAL_KEYS.get(table.name)
    if found is None and key is not None:
        found = conn.execute(sa.select(table.c.id).where(table.c[key] == row[key], theirs)).scalar()
    return found


def _convert(column: sa.Column, value):
    if value is None:
        return None
    if isinstance(column.type, sa.DateTime):
        return parse_datetime(value)
    if isinstance(column.type, sa.Date):
        return parse_date(value)
    return value
