"""A debrief keeps the red flags noticed, the pay or benefits mentioned and how the opportunity
compares with the others, on SQLite and PostgreSQL alike: written, changed, cleared, refused when
too long, carried by a backup, and gained by an older database."""

from __future__ import annotations

import json
import zipfile

import pytest
import sqlalchemy as sa
from store_support import backend_fixture, make_settings, settings_fixture, store_fixture  # noqa: F401

from coach.errors import InputError
from coach.store import add_debrief, add_interview, list_debriefs, open_store, update_debrief
from coach.store.db import database_url, make_engine
from coach.store.migrations import migrate
from coach.store.schema import LONG_TEXT_CHARS
from coach.store.transfer import export_data, import_data

MORE = ("red_flags", "pay_mentioned", "compared_with_others")


def _more(store) -> dict[str, tuple[str, str, str]]:
    return {d["company"]: tuple(d[name] for name in MORE) for d in list_debriefs(store)}


def test_a_debrief_keeps_red_flags_pay_and_how_it_compares(store):
    acme = add_interview(store, company="Acme", interview_date="2026-11-02")
    add_debrief(
        store,
        acme,
        went_well="system design",
        red_flags="the manager talked over everyone; third re-org this year",
        pay_mentioned="band tops at 160k, 4 weeks off",
        compared_with_others="more scope than Globex, less pay",
    )
    globex = add_interview(store, company="Globex", interview_date="2026-11-03")
    plain = add_debrief(store, globex, went_well="coding")
    assert _more(store) == {
        "Acme": (
            "the manager talked over everyone; third re-org this year",
            "band tops at 160k, 4 weeks off",
            "more scope than Globex, less pay",
        ),
        "Globex": ("", "", ""),
    }
    update_debrief(store, plain, red_flags="<b>on-call every other week</b>", pay_mentioned="")
    assert _more(store)["Globex"] == ("<b>on-call every other week</b>", "", "")
    update_debrief(store, plain, red_flags="")
    assert _more(store)["Globex"] == ("", "", "")


@pytest.mark.parametrize(
    ("field", "said"),
    [
        ("red_flags", "red flags"),
        ("pay_mentioned", "pay or benefits mentioned"),
        ("compared_with_others", "'how it compares with the others'"),
    ],
)
def test_a_text_longer_than_kept_is_one_sentence_and_keeps_nothing(store, field, said):
    acme = add_interview(store, company="Acme", interview_date="2026-11-02")
    too_long = "x" * (LONG_TEXT_CHARS + 1)
    with pytest.raises(InputError) as refused:
        add_debrief(store, acme, **{field: too_long})
    assert str(refused.value) == (
        f"The coach keeps the debrief's {said} up to {LONG_TEXT_CHARS:,} characters, not "
        f"{LONG_TEXT_CHARS + 1:,}; shorten the text."
    )
    assert list_debriefs(store) == []
    kept = add_debrief(store, acme, **{field: "short"})
    with pytest.raises(InputError, match=f"^The coach keeps the debrief's {said}"):
        update_debrief(store, kept, **{field: too_long})
    assert [d[field] for d in list_debriefs(store)] == ["short"]


def test_a_backup_carries_them_and_an_older_one_restores_without_them(store, tmp_path, backend):
    acme = add_interview(store, company="Acme", interview_date="2026-11-02")
    add_debrief(store, acme, red_flags="no roadmap", pay_mentioned="150k", compared_with_others="best so far")
    export_data(store, tmp_path / "backup.zip")
    other = "postgresql" if backend == "sqlite" else "sqlite"
    moved = open_store(make_settings(tmp_path, other, "moved"))
    import_data(moved, tmp_path / "backup.zip")
    assert _more(moved) == {"Acme": ("no roadmap", "150k", "best so far")}
    moved.close()

    # a backup made before debriefs kept them: its debriefs have no such fields
    with zipfile.ZipFile(tmp_path / "backup.zip") as backup:
        manifest = json.loads(backup.read("coach-export.json"))
    for row in manifest["tables"]["debriefs"]:
        for name in MORE:
            del row[name]
    with zipfile.ZipFile(tmp_path / "older.zip", "w") as older:
        older.writestr("coach-export.json", json.dumps(manifest))
    restored = open_store(make_settings(tmp_path, backend, "restored"))
    imported = import_data(restored, tmp_path / "older.zip")
    assert imported["added"]["debriefs"] == 1
    assert _more(restored) == {"Acme": ("", "", "")}
    # restored again over the same debrief (given red flags since), nothing is lost
    [debrief] = list_debriefs(restored)
    update_debrief(restored, debrief["id"], red_flags="the team lead left")
    import_data(restored, tmp_path / "older.zip")
    assert _more(restored) == {"Acme": ("the team lead left", "", "")}
    restored.close()


@pytest.mark.new_database  # the database of an older coach runs the migrations it lacks
def test_a_database_from_before_gains_them_with_every_debrief_kept(tmp_path, backend):
    settings = make_settings(tmp_path, backend, "old")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(database_url(settings))
    with engine.begin() as conn:
        assert migrate(conn, upto="0017_option_interest")[-1] == "0017_option_interest"
        conn.execute(
            sa.text(
                "INSERT INTO interviews (uid, company, interview_date, created_at, owner)"
                " VALUES ('i-1', 'Acme', '2026-11-02', CURRENT_TIMESTAMP, '')"
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO debriefs (uid, interview_id, created_at, went_well, interest, owner)"
                " SELECT 'd-1', id, CURRENT_TIMESTAMP, 'clear story', 4, '' FROM interviews"
            )
        )
    engine.dispose()
    store = open_store(settings)
    [debrief] = list_debriefs(store)
    assert (debrief["went_well"], debrief["interest"]) == ("clear story", 4)
    assert tuple(debrief[name] for name in MORE) == ("", "", "")
    update_debrief(store, debrief["id"], compared_with_others="behind Globex on pay")
    assert _more(store) == {"Acme": ("", "", "behind Globex on pay")}
    store.close()
