"""A hand-edited backup whose interview, person met, debrief, option or goal holds a value the store
would not take is refused whole, in one sentence naming the row and the field as the backup's JSON
names it, before anything is written, on SQLite and PostgreSQL alike. Before, some were restored as
they were (an option of kind "dream", a goal of 0 real interviews every 0 days, an interview with no
company), others refused as a damaged backup ("proceed": "yes") or in the database's own words."""

from __future__ import annotations

import json
import zipfile

import pytest
from store_support import (  # noqa: F401
    analysis_dict,
    backend_fixture,
    make_settings,
    record,
    settings_fixture,
    store_fixture,
    transcript_dict,
)

from coach.errors import InputError
from coach.store import (
    add_debrief,
    add_goal,
    add_interview,
    add_option,
    list_attempts,
    list_debriefs,
    list_goals,
    list_interviews,
    list_options,
    open_store,
    save_attempt,
)
from coach.store.mock_sessions import list_mock_sessions, save_mock_session
from coach.store.transfer import export_data, import_data

DO = "nothing was imported: correct it in the backup, or back up again where it was made."


@pytest.mark.parametrize(
    ("table", "field", "value", "said"),
    [
        (
            "debriefs",
            "proceed",
            "yes",
            'The debrief of the onsite at “Acme” has "proceed": "yes", not true, false or null',
        ),
        (
            "debriefs",
            "went_well",
            None,
            'The debrief of the onsite at “Acme” has "went_well": null, not text',
        ),
        (
            "options",
            "kind",
            "dream",
            'The option “Acme” has "kind": "dream", not offer, alternative or batna',
        ),
        (
            "options",
            "status",
            "maybe",
            'The offer “Acme” has "status": "maybe", not open, accepted, declined or expired',
        ),
        ("options", "status", 5, 'The offer “Acme” has "status": 5, not open, accepted, declined or expired'),
        (
            "interviews",
            "origin",
            "xyz",
            'The onsite at “Acme” has "origin": "xyz", not they_reached_out, i_applied, referral, other '
            'or ""',
        ),
        (
            "options",
            "deadline",
            "next week",
            'The offer “Acme” has "deadline": "next week", not a date written YYYY-MM-DD, or null',
        ),
        (
            "interviews",
            "interview_date",
            None,
            'The onsite at “Acme” has "interview_date": null, not a date written YYYY-MM-DD',
        ),
        ("interviews", "stage", 3, 'The interview at “Acme” has "stage": 3, not text'),
        ("interviews", "company", "", 'An interview has "company": "", not a name'),
        ("interview_people", "name", " ", 'Someone met at the onsite at “Acme” has "name": " ", not a name'),
        (
            "goals",
            "period_days",
            0,
            'The goal of real interviews has "period_days": 0, not a whole number of days above 0 (null only '
            "for a goal of a measure)",
        ),
        (
            "goals",
            "target",
            "ten",
            'The goal of real interviews has "target": "ten", not a number (above 0 for a count of '
            "interviews or answers)",
        ),
        ("goals", "active", "yes", 'The goal of real interviews has "active": "yes", not true or false'),
    ],
)
def test_a_field_the_store_would_not_take_is_one_sentence_naming_it_and_restores_nothing(
    store, tmp_path, backend, table, field, value, said
):
    onsite = add_interview(
        store, company="Acme", stage="onsite", interview_date="2025-01-10", people=[{"name": "Jo"}]
    )
    add_debrief(store, onsite, went_well="the system design round", proceed=True)
    add_option(store, kind="offer", company="Acme", interview_id=onsite, deadline="2025-02-01")
    add_goal(store, kind="real_interviews", target=1, period_days=91)
    export_data(store, tmp_path / "backup.zip")
    with zipfile.ZipFile(tmp_path / "backup.zip") as backup:
        manifest = json.loads(backup.read("coach-export.json"))
    for row in manifest["tables"][table]:
        row[field] = value
    with zipfile.ZipFile(tmp_path / "edited.zip", "w") as edited:
        edited.writestr("coach-export.json", json.dumps(manifest))

    restored = open_store(make_settings(tmp_path, backend, "restored"))
    add_option(restored, kind="batna", company="current job")  # theirs, kept as it was
    with pytest.raises(InputError) as refused:
        import_data(restored, tmp_path / "edited.zip", name="this backup")
    who, what = said.split(" has ", 1)
    assert str(refused.value) == f"{who} in this backup has {what}; {DO}"
    assert [o["company"] for o in list_options(restored)] == ["current job"]
    assert list_interviews(restored) == [] and list_debriefs(restored) == [] and list_goals(restored) == []
    restored.close()


def test_a_backup_as_exported_still_restores_every_field(store, tmp_path, backend):
    """The checks refuse only what the store would not take: an export restores whole."""
    onsite = add_interview(
        store, company="Acme", stage="onsite", interview_date="2025-01-10", people=[{"name": "Jo"}]
    )
    add_debrief(store, onsite, proceed=None)
    add_option(store, kind="batna", company="current job")
    add_goal(store, kind="wpm", target=150)
    export_data(store, tmp_path / "backup.zip")
    restored = open_store(make_settings(tmp_path, backend, "restored"))
    imported = import_data(restored, tmp_path / "backup.zip")
    assert {k: imported["added"][k] for k in ("interviews", "debriefs", "options", "goals")} == dict.fromkeys(
        ("interviews", "debriefs", "options", "goals"), 1
    )
    assert [g["period_days"] for g in list_goals(restored)] == [None]
    restored.close()


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ("recordings", 'The recording “take-220.wav” has "kind": "other", not practice or interview'),
        (
            "mock_turns",
            'The mock interview\'s turn “Tell me about something you built.” has "kind": "other", not '
            "question or follow_up",
        ),
    ],
)
def test_a_kind_the_coach_does_not_know_is_one_sentence_naming_it_and_restores_nothing(
    store, settings, tmp_path, backend, table, said
):
    """A recording of kind "other" was restored and `coach reanalyze` took it for a practice answer;
    a mock interview's turn of kind "other", which saving refuses, was restored."""
    answer = save_attempt(
        store,
        question_id="beh-own-07",
        question_text="Tell me about something you built.",
        recording=record(settings, 220.0),
        transcript=transcript_dict(),
        analysis=analysis_dict(),
        engine="faster-whisper",
        model="tiny.en",
    )
    turn = dict(kind="question", question_id="beh-own-07", question_text="Tell me about something you built.")
    turn |= dict(why=None, attempt_id=answer, score_overall=64.0, duration_s=40.0)
    save_mock_session(
        store, format="role", planned_s=2700, used_s=40.0, score_overall=64.0, summary={}, turns=[turn]
    )
    export_data(store, tmp_path / "backup.zip")
    with (
        zipfile.ZipFile(tmp_path / "backup.zip") as backup,
        zipfile.ZipFile(tmp_path / "edited.zip", "w") as edited,
    ):
        for member in backup.namelist():
            if member == "coach-export.json":
                manifest = json.loads(backup.read(member))
                for row in manifest["tables"][table]:
                    row["kind"] = "other"
                edited.writestr(member, json.dumps(manifest))
            else:
                edited.writestr(member, backup.read(member))

    restored = open_store(make_settings(tmp_path, backend, "restored"))
    with pytest.raises(InputError) as refused:
        import_data(restored, tmp_path / "edited.zip", name="this backup")
    who, what = said.split(" has ", 1)
    assert str(refused.value) == f"{who} in this backup has {what}; {DO}"
    assert list_attempts(restored) == [] and list_mock_sessions(restored) == []
    assert not any(p.is_file() for p in (tmp_path / "restored").rglob("*.wav"))
    restored.close()
