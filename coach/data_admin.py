"""Data administration: backup, restore and delete-everything (the Settings page calls these)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import fields, replace
from pathlib import Path

import sqlalchemy as sa

from coach import banks
from coach.analysis.wording import count, listed
from coach.config import (
    OWNERS_FOLDER,
    REVIEW_WORK_FOLDER,
    SETTINGS_FILE_NAME,
    Settings,
    Thresholds,
    load_settings,
    save_settings,
    thresholds_kept_from,
)
from coach.errors import SERVER, CoachError, StorageError
from coach.files import private_folder, staging, write_private
from coach.goals import goal_named
from coach.identity import is_staff
from coach.interview_log import whole_recording_kept
from coach.roles import save_your_role, your_role
from coach.store import Store
from coach.store.old_files import FAVOURITES_FILE  # only while a damaged one waits to be moved
from coach.store.person_settings import get_role as role_choice_of
from coach.store.schema import TABLES_IN_ORDER, deletions, field_changes, row_changes
from coach.store.transfer import (
    RETIRED_GOALS,
    UNTICKED_STEPS,
    WHOLE_RECORDINGS,
    check_backup_size,
    export_data,
    import_data,
)

# What "delete all data" removes from the data directory (its README and samples/ stay).
USER_PATHS = (
    "recordings",
    "mock",
    REVIEW_WORK_FOLDER,  # reviews' transcripts and voice embeddings, and the voiceprint
    "question_banks",
    "models",
    SETTINGS_FILE_NAME,
    FAVOURITES_FILE,
)
CONFIRM_WORD = "DELETE"
# The hidden names a backup made for the Settings page's download, and one uploaded there, have in
# the data folder while they are written and read (coach.files.staging).
DOWNLOAD_STAGED = ".download-"
UPLOAD_STAGED = ".upload-"
# The Settings page's choices about 'um's (kept as Whisper writes them, heard from the sound) that a
# backup brings back where this coach still has the defaults.
UM_CHOICES = ("verbatim", "recover_fillers")
DEFAULT_UM_CHOICES = {f.name: f.default for f in fields(Settings) if f.name in UM_CHOICES}
# Folders of the data directory that hold one folder per person in multi-user mode.
PER_OWNER = ("recordings", "mock", REVIEW_WORK_FOLDER)


# What a backup holds, as a person counts it (table by table, in this order); a table's rows are
# not a word for a person ("97 rows"), nor is "N other items" ("and 4 other items" were 3 answers
# from a real interview and its transcript, and "15 other items" after `coach reanalyze --force`).
BACKUP_PARTS = (
    ("attempts", "practice answer", "practice answers"),
    ("practice_sessions", "practice session", "practice sessions"),
    ("interviews", "interview", "interviews"),
    ("interview_recordings", "interview transcript", "interview transcripts"),
    ("turns", "answer from a real interview", "answers from real interviews"),
    ("interview_people", "person met", "people met"),
    ("prepared_steps", "checklist tick", "checklist ticks"),
    (UNTICKED_STEPS, "checklist step you unticked", "checklist steps you unticked"),
    ("debriefs", "debrief", "debriefs"),
    ("mock_sessions", "mock interview", "mock interviews"),
    ("options", "option", "options"),
    ("goals", "goal", "goals"),
    ("questions", "question in your history", "questions in your history"),
    ("own_questions", "of your own questions", "of your own questions"),  # "1 of your own questions"
    ("favourites", "starred question", "starred questions"),  # as the Questions page's "Starred"
    ("recordings", "recording", "recordings"),
    ("person_settings", "chosen role", "chosen roles"),
    ("question_banks", "question bank file", "question bank files"),
)
# Rows that are part of something named above, never counted on their own: an answer's earlier
# analyses (kept when it is analysed again), a mock interview's questions, goals replaced by a
# later one of their kind (one pace goal was "2 goals"), and a review's whole recording kept where
# it picked out no answer (part of its interview transcript: it was "1 answer from a real interview").
PARTS_OF_OTHERS = ("analysis_runs", "mock_turns", RETIRED_GOALS, WHOLE_RECORDINGS)


def backup_words(counts: dict) -> str:
    """'36 practice answers, 6 interviews, 1 mock interview and 27 recordings' (none left out but
    the parts it has none of); 'nothing' when there is none of anything. A table the list does not
    know yet is still counted, as "other items", so an import that added only it is never told
    nothing was added."""
    named = {name for name, _, _ in BACKUP_PARTS} | set(PARTS_OF_OTHERS)
    parts = [
        f"{counts[name]} {one if counts[name] == 1 else many}"
        for name, one, many in BACKUP_PARTS
        if counts.get(name)
    ]
    others = sum(n for name, n in counts.items() if name not in named and n)
    if others:
        parts.append(count(others, "other item"))
    if not parts:
        return "nothing"
    return listed(parts)


def export_sentence(result: dict, settings: Settings | None = None) -> str:
    """What a backup holds, the same words in `coach export` and on the Settings page (an empty
    store makes no backup: export_data raises NothingToExport). `settings`: whose page it is, so a
    student of a cohort is sent to the staff for what only they can do (audio_missing_said)."""
    said = f"The backup holds {exported_words(result)}"
    if only_deletions(result):  # "The backup holds nothing." read as a useless file
        return f"{said}: restoring it on another machine deletes those there too."
    missing = audio_missing_said(
        result, "prepare the backup again", for_a_student=settings is not None and a_student(settings)
    )
    return f"{said}." + (f" {missing}" if missing else "")


def a_student(settings: Settings) -> bool:
    """Whether this person uses a cohort's coach from a browser and is not its staff: what is done
    in the server's folders is for the staff to do, and they are sent to them."""
    return settings.on_server and not is_staff(settings.owner, settings)


def audio_missing_said(result: dict, again: str, *, for_a_student: bool = False) -> str:
    """What an export left out because a recording's file is not in the data folder, and what to do,
    said where the backup is made: the new laptop was the first to say an answer had no audio, once
    the old one (maybe with the file still on it) was gone. `again`: how to make the backup again
    there. A student of a cohort cannot reach the server's folders: they are sent to the staff ("put
    it back there if you still have it" asked them for what only the staff can do). "" when every
    recording is in the backup."""
    missing = len(result.get("missing_recordings") or ())
    if not missing:
        return ""
    one = missing == 1
    it = "it" if one else "them"
    if for_a_student:
        return (
            f"{count(missing, 'recording')} {'is' if one else 'are'} missing from {SERVER}, so the backup "
            f"holds no audio for {it}; ask your coaching staff whether they can put {it} back, then {again}."
        )
    return (
        f"{count(missing, 'recording')} {'is' if one else 'are'} missing from the data folder here, so the "
        f"backup holds no audio for {it}; put {it} back there if you still have {it}, then {again}."
    )


def exported_words(result: dict) -> str:
    """What an export wrote, in backup_words' words; a store whose every row was deleted wrote only
    its record of deletions: 'only the record of what was deleted here (2 practice answers and 1
    option)'."""
    if only_deletions(result):
        return f"only the record of what was deleted here ({backup_words(result['deletions'])})"
    held = backup_words(result["counts"])
    if held == "nothing" and result.get("settings"):  # chosen before any answer: what it carries
        return "your settings (role, thresholds, the “um”s kept)"
    return held


def only_deletions(result: dict) -> bool:
    """Whether an export holds no rows, only the record of what was deleted."""
    return backup_words(result["counts"]) == "nothing" and bool(result.get("deletions"))


# A field's name as the pages head it, where its column's name does not say it (the Interviews
# page's debrief headings are coach.debrief.DEBRIEF_HEADINGS).
FIELD_WORDS = {
    "proceed": "Going on",
    "interview_date": "Date",
    "text": "Words",
    "talking_points": "Talking points",
    "follow_ups": "Follow-up questions",
}


def _field_words(name: str) -> str:
    from coach.debrief import DEBRIEF_HEADINGS  # the debrief's parts as the Interviews page heads them

    return dict(DEBRIEF_HEADINGS).get(name) or FIELD_WORDS.get(name) or name.replace("_", " ").capitalize()


def _value_said(value: object) -> str:
    if value is None or value == "" or value == []:
        return "nothing"
    if isinstance(value, bool):
        return "“yes”" if value else "“no”"
    if isinstance(value, list):
        return listed([f"“{item}”" for item in value])
    return f"“{value}”"


def _changed_on_both_said(change: dict) -> str:
    """One field changed both here and where the backup was made, neither side seeing the other's:
    which side's is kept, and what the other's read, so no words typed go without a trace."""
    what = change["what"]
    what = what[0].lower() + what[1:]  # "The debrief of …" / "A debrief" within the sentence
    backup_kept = change["kept"] == "backup"
    kept, other = ("the backup's", "the one here") if backup_kept else ("the one here", "the backup's")
    replaced = change["value_here"] if backup_kept else change["backup_value"]
    field = f"“{_field_words(change['field'])}”"
    if change.get("kept_row_time_only"):  # whether its field changed there is not known
        typed, whole = ("here", "the backup's") if backup_kept else ("in the backup", "the one here")
        return (
            f" In {what}, {field} was changed {typed}, and {whole} was changed later as a whole (which "
            f"fields, the coach did not note then): {kept} is kept, and {other} read {_value_said(replaced)}."
        )
    if change.get("kept_below"):  # a text field: the replaced words are in it, below the later
        said = (
            f"(“{replaced.strip()}”) is kept below it"
            if len(replaced.strip()) <= QUOTED_WHOLE_CHARS and "\n" not in replaced.strip()
            else f"is kept below it, under “{change['kept_below']}”"
        )
        return (
            f" In {what}, {field} was changed both here and in the backup; "
            f"{kept}, changed later, is kept, and {other} {said}."
        )
    return (
        f" In {what}, {field} was changed both here and in the backup; "
        f"{kept}, changed later, is kept, and {other} read {_value_said(replaced)}."
    )


# The replaced words an import's sentence quotes whole, kept below the later ones: a few words on one
# line; longer ones (a 2,300-character note) are said to be there, under their heading.
QUOTED_WHOLE_CHARS = 80


def import_sentence(result: dict) -> str:
    """What an import added and what was already here, the same words in `coach import` and on the
    Settings page."""
    absent = len(result.get("recordings_not_in_backup") or ())
    added_counts, present_counts = dict(result["added"]), dict(result["already_present"])
    if absent:  # a recording the backup lists without its file is no recording brought in
        added_counts["recordings"] = max(0, added_counts.get("recordings", 0) - absent)
    linked = result.get("recordings_linked_to_answers") or 0
    if linked:  # said as linked to their answers, not only as "not added twice"
        present_counts["recordings"] = max(0, present_counts.get("recordings", 0) - linked)
    goals_said = _goals_settled_said(result.get("goals_settled") or [])
    added, present = backup_words(added_counts), backup_words(present_counts)
    missing = _not_in_backup_said(absent, len(result.get("recordings_not_in_backup_without_answers") or ()))
    deleted = result.get("recordings_deleted_here") or 0
    missing += (
        f" {count(deleted, 'recording')} in the backup {'was' if deleted == 1 else 'were'} not brought back: "
        f"{'its interview or answer is' if deleted == 1 else 'their interviews or answers are'} "
        "here already, with the audio deleted here."
        if deleted
        else ""
    )
    missing += _left_out_said(result.get("deleted_here") or {})
    missing += _copies_said(result.get("answers_made_here_of_its_recordings") or [])
    missing += _deleted_there_said(
        result.get("deleted_in_backup") or {}, result.get("deleted_in_backup_kept") or {}
    )
    missing += goals_said
    left_out_any = bool(result.get("deleted_here") or goals_said)  # "this backup is empty" it was not
    # a backup of deletions only deleted rows here: it is not "empty"
    deleted_any = bool(result.get("deleted_in_backup") or result.get("deleted_in_backup_kept"))
    newer = result.get("newer_in_backup") or {}
    if newer:  # changed later on the machine the backup came from
        one = sum(newer.values()) == 1
        missing += (
            f" {backup_words(newer)} in the backup {'was' if one else 'were'} changed later than "
            f"{'the one' if one else 'the ones'} here and replaced {'it' if one else 'them'}."
        )
    differing = result.get("differing_kept_here") or {}
    if differing:  # no time says which side changed later, so the one here is kept
        one = sum(differing.values()) == 1
        differ = (
            "differs from the one here; the one here was"
            if one
            else "differ from the ones here; the ones here were"
        )
        missing += f" {backup_words(differing)} in the backup {differ} kept."
    older = result.get("older_in_backup") or {}
    if older:  # changed here later: the backup holds what was here before (imported again, say)
        one = sum(older.values()) == 1
        missing += f" {backup_words(older)} in the backup " + (
            "is an older copy of the one here: the one here, changed later, was kept."
            if one
            else "are older copies of the ones here: the ones here, changed later, were kept."
        )
    merged = result.get("merged_field_by_field") or {}
    if merged:  # each side changed other fields: each field from the side that changed it later
        one = sum(merged.values()) == 1
        ones = "the one" if one else "the ones"
        missing += (
            f" {backup_words(merged)} in the backup and {ones} here were changed in different "
            "fields: the changes of both are kept."
        )
    for change in result.get("changed_on_both") or []:  # a record said field by field
        missing += _changed_on_both_said(change)
        also = [f"“{_field_words(name)}”" for name in change.get("also_from_backup") or []]
        if also:
            missing += f" Its {listed(also)} came in from the backup, changed later there."
    for name in result.get("question_banks_left_out") or {}:  # its reason holds the file's own words
        missing += f" The question bank {name} in the backup was not brought in: the coach would refuse it."
    restored = result.get("settings_restored") or []
    not_restored = "".join(f" {sentence}" for sentence in result.get("settings_not_restored") or [])
    if added == "nothing" and present == "nothing" and restored and not (left_out_any or deleted_any):
        # a backup of settings chosen before any answer: "Nothing to import: this backup is empty.
        # Your role came back too." said it was empty and not
        return f"This backup holds only settings: {listed(restored)} came back." + missing + not_restored
    missing += (f" {listed(restored).capitalize()} came back too." if restored else "") + not_restored
    if added == "nothing" and present == "nothing":
        empty = (
            "Nothing new to import."
            if left_out_any or deleted_any
            else "Nothing to import: this backup is empty."
        )
        return empty + missing
    if added == "nothing" and result["added"].get("analysis_runs"):
        said = "Imported the earlier analyses of answers already here, kept when they were analysed again."
        return (
            said
            + (f" Already here, so not added twice: {present}." if present != "nothing" else "")
            + missing
        )
    audio_back = result.get("recordings_audio_restored") or 0
    brought_back = (
        f"Brought back the audio of {count(audio_back, 'recording')} whose "
        f"{'file was' if audio_back == 1 else 'files were'} missing here"
    )
    if added == "nothing":
        everything = "everything else" if left_out_any or audio_back else "everything"
        if audio_back:  # the rows were here, their files not: "Nothing new to import" hid them coming back
            return f"{brought_back}; {everything} in this backup is already here ({present})." + missing
        if _changes_came_in(result):  # "Nothing new to import" read as if the backup changed nothing
            return (
                f"Nothing new was added, but changes came in from the backup: {everything} in it was "
                f"already here ({present})." + missing
            )
        return f"Nothing new to import: {everything} in this backup is already here ({present})." + missing
    said = f"Imported {added}."
    if present != "nothing":
        said += f" Already here, so not added twice: {present}."
    if linked:  # the files an import stopped midway left, listed as takes "saved but not analysed"
        one = linked == 1
        said += (
            f" {count(linked, 'recording')} already here without an answer {'is' if one else 'are'} now "
            f"linked to {'its answer' if one else 'their answers'} from the backup."
        )
    if audio_back:
        said += f" {brought_back}."
    return said + missing


def _changes_came_in(result: dict) -> bool:
    """Whether the import changed something already here: a record the backup changed later, taken
    whole or field by field, or a field changed on both sides whose backup's words were kept, or
    kept below the words here."""
    return bool(
        result.get("newer_in_backup")
        or result.get("merged_field_by_field")
        or any(
            change["kept"] == "backup" or change.get("kept_below")
            for change in result.get("changed_on_both") or []
        )
    )


def _not_in_backup_said(absent: int, without_answers: int) -> str:
    """The recordings a backup lists without holding their files, those with an answer apart from those
    it kept without one: ' 2 recordings listed in the backup were not in it, so their answers have no
    audio here. 1 recording kept without an answer was listed in the backup but not in it either, so it
    has no audio here.' All were said to be answers left without audio."""
    answered = absent - without_answers
    said = (
        f" {count(answered, 'recording')} listed in the backup {'was' if answered == 1 else 'were'} not in "
        f"it, so {'its answer has' if answered == 1 else 'their answers have'} no audio here."
        if answered
        else ""
    )
    if without_answers:
        one = without_answers == 1
        either = " either" if answered else ""
        said += (
            f" {count(without_answers, 'recording')} kept without an answer {'was' if one else 'were'} "
            f"listed in the backup but not in it{either}, so {'it has' if one else 'they have'} no audio "
            "here."
        )
    return said


def _goals_settled_said(settled: list[dict]) -> str:
    """What became of a goal here of a kind the backup has another value of (the one set later
    counts): ' Your pace goal here (140 words per minute) is kept; the backup's (150 words per
    minute), set earlier, was not used.' or ' The backup's pace goal (150 words per minute), set
    later than yours here (140 words per minute), is now yours.' The import said "Imported 2 goals"
    and `coach goals` still showed the one here, or another than before without a word; a goal
    passed back and forth and changed in between was "1 goal in the backup was changed later than
    the one here and replaced it"."""
    said = ""
    for goal in settled:
        name, here = goal_named(goal["kind"], *goal["here"])
        if goal["backup"] is None:
            said += (
                f" Your {name} here ({here}) was replaced by a later one where the backup was made, "
                f"and that one cleared since: you have no {name} now."
            )
            continue
        backup = goal_named(goal["kind"], *goal["backup"])[1]
        if goal["backup_counts"]:
            said += f" The backup's {name} ({backup}), set later than yours here ({here}), is now yours."
        else:
            said += f" Your {name} here ({here}) is kept; the backup's ({backup}), set earlier, was not used."
    return said


def _copies_said(copies: list[int]) -> str:
    """The practice answers here made of recordings the backup's answers use (an import killed
    midway left them without their answers, before imports listed the files they place), by their
    number in the history: ' 2 practice answers here (#1 and #2 in your history) were made from …'.
    The import kept them, and said nothing: each answer counted twice."""
    if not copies:
        return ""
    one = len(copies) == 1
    numbers = listed([f"#{number}" for number in copies])
    stay = (
        "recording stays, with the backup's answer" if one else "recordings stay, with the backup's answers"
    )
    return (
        f" {count(len(copies), 'practice answer')} here ({numbers} in your history) "
        f"{'was' if one else 'were'} made from {'a recording' if one else 'recordings'} an import "
        f"stopped midway left without {'its answer' if one else 'their answers'}, and the backup's "
        f"{'answer' if one else 'answers'} to the same {'recording is' if one else 'recordings are'} "
        f"here now too: delete {'that one' if one else f'those {len(copies)}'} to count each answer once "
        f"(the {stay})."
    )


def _left_out_said(left_out: dict) -> str:
    """What the import left out because it was deleted here, and why: ' 1 practice answer and 1
    debrief in the backup were not brought back: they were deleted here.' A real interview's
    answers alone are deleted only by reviewing its recording again, so those say that."""
    left_out = dict(left_out)
    replaced = left_out.pop("turns", 0)
    said = ""
    if left_out:
        one = sum(left_out.values()) == 1
        said += (
            f" {backup_words(left_out)} in the backup {'was' if one else 'were'} not brought back: "
            f"{'it was' if one else 'they were'} deleted here."
        )
    if replaced:
        one = replaced == 1
        said += (
            f" {backup_words({'turns': replaced})} in the backup {'was' if one else 'were'} not brought "
            f"back: {'its' if one else 'their'} recording was reviewed again here, which replaced "
            f"{'it' if one else 'them'}."
        )
    return said


def _deleted_there_said(deleted: dict, kept: dict) -> str:
    """What the backup's record of deletions did here: ' 1 option deleted where the backup was made
    was deleted here too. 1 goal deleted there was kept: it was changed here after that.'"""
    said = ""
    if deleted:
        one = sum(deleted.values()) == 1
        said += (
            f" {backup_words(deleted)} deleted where the backup was made "
            f"{'was' if one else 'were'} deleted here too."
        )
    if kept:
        one = sum(kept.values()) == 1
        said += (
            f" {backup_words(kept)} deleted where the backup was made {'was' if one else 'were'} kept: "
            f"{'it was' if one else 'they were'} changed here after that."
        )
    return said


def export_bytes(db: Store) -> tuple[bytes, dict]:
    """The whole history as one zip in memory, for a download button. It is made in the data folder,
    never in /tmp: an app stopped midway left the person's recordings and database there for good."""
    with staging(db.settings.data_dir, DOWNLOAD_STAGED, ".zip") as out:
        info = export_data(db, out, replace=True, whole_recording=whole_recording_kept)
        return out.read_bytes(), info


def import_bytes(db: Store, data: bytes) -> dict:
    """Restore an uploaded backup; its staged copy is the whole history, so its owner's only. One
    over the person's limits (a cohort) is refused before even that copy is written."""
    check_backup_size(db.settings, len(data))
    with staging(db.settings.data_dir, UPLOAD_STAGED, ".zip") as path:  # not in /tmp, as export_bytes
        path.write_bytes(data)
        return import_backup(db, path, name="this backup")


def import_backup(db: Store, path: Path, *, name: str | None = None) -> dict:
    """Restore a backup (`coach import` and the Settings page): its rows and recordings, then the
    role, thresholds and choices about 'um's it was made with where none are chosen here
    (`settings_restored` says which): a backup moved to a new laptop came back as "Your role: any"."""
    result = import_data(
        db,
        path,
        check_own_question=banks.check_own_question,
        usable_banks=lambda incoming: _refused_banks(db, incoming),
        name=name,
        whole_recording=whole_recording_kept,
    )
    if result.pop("answers_with_audio_deleted", False):  # as deleting a practice answer by hand does
        from coach.interview.profile import forget_profile

        forget_profile(db.settings)
    result["settings_restored"], result["settings_not_restored"] = _restore_settings(
        db, result.pop("settings", None)
    )
    return result


def _refused_banks(db: Store, incoming: dict[str, str]) -> dict[str, str]:
    """Which of a backup's own question bank files the banks here would refuse, each with why: each
    is read as the coach reads a bank, beside the shipped banks and the ones here, since one bad
    entry or a question id used twice stops every question loading (practice, the mock interview)."""
    here = db.settings.data_dir / banks.USER_BANKS_DIR_NAME
    taken: dict[str, str] = {}
    for path in banks.bank_files(db.settings.data_dir):
        try:
            questions, asks = banks.parse_bank_file(path, "user" if path.parent == here else "bank")
        except CoachError:  # a bank here the coach refuses already says so where it is read
            continue
        taken |= {item.id: path.name for item in (*questions, *asks)}
    refused = {}
    # in the data folder, as a backup's own staged copy (export_bytes): not left in /tmp if stopped
    with tempfile.TemporaryDirectory(dir=private_folder(db.settings.data_dir), prefix=".banks-") as tmp:
        for name, text in incoming.items():
            staged = write_private(Path(tmp) / name, text)
            try:
                questions, asks = banks.parse_bank_file(staged, "user")
            except CoachError as e:
                refused[name] = str(e).replace(str(staged), name)
                continue
            ids = [item.id for item in (*questions, *asks)]
            used = banks.reused_id(ids, taken)
            if used is not None:
                refused[name] = f"The question id '{used}' is already used in {taken.get(used, name)}."
                continue
            taken |= dict.fromkeys(ids, name)
    return refused


def _restore_settings(db: Store, saved: dict | None) -> tuple[list[str], list[str]]:
    """The backup's role, thresholds and choices about 'um's, each only where this coach still has
    none of its own (the defaults): a choice made here is never overwritten. Values a coach would
    refuse are left out. Returns what came back and sentences on what did not and why."""
    if not isinstance(saved, dict):
        return [], []
    current = db.settings
    restored: list[str] = []
    notes: list[str] = []
    role = saved.get("role")
    if isinstance(role, str) and role in banks.ROLES and role != "any":
        here = your_role(current, db)
        if here == "any" and (not current.multi_user or role_choice_of(db) is None):  # none chosen here
            save_your_role(current, db, role)
            restored.append("your role")
        else:  # "Your thresholds came back too." alone left the role unsaid, the backup's another
            notes.append(role_kept_said(here, role))
    if current.multi_user:  # in a cohort the thresholds and the 'um's are the host's, not a person's
        return restored, notes
    changes = {}
    thresholds, not_kept = _thresholds_from(saved.get("thresholds"))
    if current.thresholds == Thresholds():
        if thresholds not in (None, Thresholds()):
            changes["thresholds"] = thresholds
            restored.append("your thresholds")
        if not_kept:
            notes.append(not_kept)
    # the 'um's kept and heard: a new laptop had both on again, as if never chosen
    ums = {
        name: saved[name]
        for name in UM_CHOICES
        if isinstance(saved.get(name), bool)
        and saved[name] != DEFAULT_UM_CHOICES[name]
        and getattr(current, name) == DEFAULT_UM_CHOICES[name]
    }
    if ums:
        changes |= ums
        restored.append("your choice about 'um's")
    if changes:
        save_settings(replace(load_settings(current.data_dir), **changes))
    return restored, notes


def role_kept_said(here: str, backup: str) -> str:
    """The role chosen here, kept over the backup's: 'Your role here, Software engineering, was
    kept; the backup's, Data, was not used.'"""
    kept = f"Your role here, {_role_words(here)}, was kept"
    if here == backup:
        return f"{kept}: it is the backup's too."
    return f"{kept}; the backup's, {_role_words(backup)}, was not used."


def _role_words(role: str) -> str:
    return "Any role" if role == "any" else banks.ROLE_LABELS[role]


def _thresholds_from(saved: object) -> tuple[Thresholds | None, str | None]:
    """The backup's thresholds, the default for each outside what a setting may be (one made before
    the ranges were checked could hold a pace band of 9,999.5 wpm, and then none came back, without
    a word), and the sentence saying which were not kept; (None, None) when unusable."""
    if not isinstance(saved, dict):
        return None, None
    try:
        values = {f.name: float(saved[f.name]) for f in fields(Thresholds) if f.name in saved}
        return thresholds_kept_from(values)
    except (TypeError, ValueError, CoachError):
        return None, None


def delete_all_data(db: Store, settings: Settings, confirmation: str) -> list[str]:
    """Delete the store owner's every row and file; only with the word typed exactly.

    The single user's everything is every table's "" rows and the data directory's user files
    (not the cohort's folders, if the same directory also served one); a person of a cohort has
    their rows and their own folders (recordings, a mock interview's spoken questions), nothing
    shared."""
    if confirmation.strip() != CONFIRM_WORD:
        raise StorageError(f"Nothing was deleted: type {CONFIRM_WORD} in capitals to confirm.")
    _refuse_links_out(db, settings)
    with db.write() as conn:
        for table in reversed(TABLES_IN_ORDER):
            conn.execute(sa.delete(table).where(table.c.owner == db.owner))
        # what was deleted and changed here goes too: a backup restored after it comes back whole
        for kept_beside in (deletions, row_changes, field_changes):
            conn.execute(sa.delete(kept_beside).where(kept_beside.c.owner == db.owner))
    if db.engine.dialect.name == "postgresql":  # the queue's jobs hold file names and questions
        from coach.queue import forget_jobs

        forget_jobs(db)
    removed = _delete_user_files(db, settings)
    db.leave_no_copies()  # after the files: the space they free is what VACUUM may need
    return removed


def _refuse_links_out(db: Store, settings: Settings) -> None:
    """Stop before anything is deleted when a folder or file to delete is a link (recordings moved
    to another disk and linked back): what it points to is outside the data folder, which this never
    deletes, and Python's rmtree refused the link only after the answers were gone."""
    names = PER_OWNER if db.owner else USER_PATHS
    for name in names:
        path = db.settings.owners_folder(name) if db.owner else settings.user_path(name)
        if path.is_symlink():
            raise StorageError(
                f"Nothing was deleted: {path} is a link to {path.resolve()}, outside the data folder; "
                "delete what is there yourself or remove the link, then try again."
            )


def _delete_user_files(db: Store, settings: Settings) -> list[str]:
    """The store owner's files and folders (those of USER_PATHS, or a cohort person's own), by name."""
    if db.owner:
        removed = []
        for name in PER_OWNER:
            folder = db.settings.owners_folder(name)
            if folder.is_dir():
                shutil.rmtree(folder)
                removed.append(name)
        return removed
    removed = []
    for name in USER_PATHS:
        path = settings.user_path(name)
        cohort = path / OWNERS_FOLDER
        if name in PER_OWNER and cohort.is_dir():  # the same directory also serves a cohort
            for child in path.iterdir():
                if child != cohort:
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
            removed.append(name)
            continue
        if path.is_dir():
            shutil.rmtree(path)
            removed.append(name)
        elif path.exists():
            path.unlink()
            removed.append(name)
    return removed
