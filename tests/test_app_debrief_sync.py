"""A debrief changed elsewhere (`coach debrief` in a terminal, another tab) while its form is open
on a page: saving the form neither drops what was typed for the stored text and says "saved", nor
writes over the change made meanwhile without a word."""

from datetime import date

from app_support import interviews_page

from coach import store
from coach.config import load_settings

CHANGED = (
    "This debrief was changed elsewhere (in a terminal or another tab) after you opened it, so nothing "
    "was saved. The form still holds what you typed: check it, then save again to keep your version."
)


def _logged(tmp_path, monkeypatch, **debrief) -> int:
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        interview_id = store.add_interview(db, company="Umbrella", interview_date=date.today())
        if debrief:
            store.add_debrief(db, interview_id, **debrief)
        return interview_id
    finally:
        db.close()


def _debriefs(tmp_path, interview_id) -> list[dict]:
    db = store.open_store(load_settings(tmp_path))
    try:
        return store.list_debriefs(db, interview_id=interview_id)
    finally:
        db.close()


def _save(at):
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error


def test_a_debrief_changed_in_a_terminal_is_not_saved_over_nor_your_typing_lost(tmp_path, monkeypatch):
    interview_id = _logged(tmp_path, monkeypatch, went_well="coding")
    at = interviews_page().run()
    key = f"interviews_debrief_{interview_id}"
    at.text_area(key=f"{key}_went_well").input("coding, and the system design round")
    [debrief] = _debriefs(tmp_path, interview_id)
    db = store.open_store(load_settings(tmp_path))
    try:  # meanwhile, in a terminal
        store.update_debrief(db, debrief["id"], time_commitment="one more onsite")
    finally:
        db.close()
    _save(at)
    assert [w.value for w in at.warning] == [CHANGED]
    [kept] = _debriefs(tmp_path, interview_id)
    assert (kept["went_well"], kept["time_commitment"]) == ("coding", "one more onsite")
    assert at.text_area(key=f"{key}_went_well").value == "coding, and the system design round"
    _save(at)  # saved again: the user's version
    assert not at.warning and any(s.value.startswith("Debrief saved.") for s in at.success)
    [kept] = _debriefs(tmp_path, interview_id)
    assert kept["went_well"] == "coding, and the system design round"


def test_a_debrief_written_in_a_terminal_meanwhile_is_not_written_over(tmp_path, monkeypatch):
    interview_id = _logged(tmp_path, monkeypatch)
    at = interviews_page().run()
    key = f"interviews_debrief_{interview_id}"
    at.text_area(key=f"{key}_went_well").input("clear questions")
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_debrief(db, interview_id, skill_gaps="CLI gap", interest=2)
    finally:
        db.close()
    _save(at)
    assert [w.value for w in at.warning] == [CHANGED]
    [kept] = _debriefs(tmp_path, interview_id)
    assert (kept["skill_gaps"], kept["interest"], kept["went_well"]) == ("CLI gap", 2, "")


def test_an_interview_changed_in_a_terminal_is_not_saved_over_nor_your_typing_lost(tmp_path, monkeypatch):
    """`coach edit-interview 11 --format phone` while the page's edit form held new notes: Save
    changes said "Nothing had changed." and the notes were gone."""
    from app_support import in_form

    interview_id = _logged(tmp_path, monkeypatch)
    at = interviews_page().run()
    form = f"interviews_edit_{interview_id}"
    at.text_area(key=f"interviews_edit_notes_{interview_id}").input("Panel of three.")
    db = store.open_store(load_settings(tmp_path))
    try:
        store.update_interview(db, interview_id, format="phone")
    finally:
        db.close()
    in_form(at.button, form)[0].click().run()
    assert not at.exception and not at.error
    assert any(w.value.startswith("This interview was changed elsewhere") for w in at.warning)
    db = store.open_store(load_settings(tmp_path))
    try:
        kept = store.get_interview(db, interview_id)
        assert (kept["notes"], kept["format"]) == ("", "phone")
    finally:
        db.close()
    assert at.text_area(key=f"interviews_edit_notes_{interview_id}").value == "Panel of three."
    in_form(at.button, form)[0].click().run()
    db = store.open_store(load_settings(tmp_path))
    try:
        kept = store.get_interview(db, interview_id)
        assert (kept["notes"], kept["format"]) == ("Panel of three.", "phone")
    finally:
        db.close()
