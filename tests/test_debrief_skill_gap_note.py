"""Only a debrief's skill gaps choose practice questions: a debrief saved naming none says so, on the
Interviews page and in `coach debrief`, in the same sentence; one naming a gap says nothing more."""

from __future__ import annotations

from datetime import date

from app_support import held_interview, interviews_page
from cli_support import coach_printed

from coach import store
from coach.config import load_settings
from coach.progress import debrief_gaps

NO_SKILL_GAP = "No skill gap is named: name one and Practice will recommend questions for it."
COULD_BE_BETTER = "I rambled through the system design question and never drew the data flow."


def _gaps_practice_follows(data_dir) -> list[str]:
    db = store.open_store(load_settings(data_dir))
    try:
        return [g["competency"] for g in debrief_gaps(store.list_debriefs(db), today=date.today())]
    finally:
        db.close()


def test_a_debrief_saved_on_the_page_without_a_skill_gap_says_naming_one_brings_practice(
    tmp_path, monkeypatch
):
    """ "What could be better" written and saved said "Debrief saved." and Practice recommended
    nothing from it: nothing said that only the skill gaps choose practice questions."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    interview_id = held_interview(tmp_path)
    key = f"interviews_debrief_{interview_id}"
    at = interviews_page().run()
    at.text_area(key=f"{key}_could_be_better").input(COULD_BE_BETTER)
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [f"Debrief saved. {NO_SKILL_GAP}"]
    assert _gaps_practice_follows(tmp_path) == []  # what the sentence says: none to practise
    # a gap named: Practice follows it, and the page says nothing of it
    at.text_area(key=f"{key}_skill_gaps").input("system design")
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Debrief saved."]
    assert _gaps_practice_follows(tmp_path) == ["system-design"]


def test_coach_debrief_without_a_skill_gap_says_the_same(tmp_path):
    interview_id = held_interview(tmp_path)
    said = coach_printed(tmp_path, "debrief", interview_id, "--could-be-better", COULD_BE_BETTER)
    assert said.splitlines() == [
        f"Saved “Could be better” in the debrief of interview #{interview_id} (Acme, interest not set).",
        NO_SKILL_GAP,
    ]
    said = coach_printed(tmp_path, "debrief", interview_id, "--skill-gaps", "system design")
    assert NO_SKILL_GAP not in said
    # added to later, the debrief still names its gap: nothing said
    said = coach_printed(tmp_path, "debrief", interview_id, "--interest", "4")
    assert said.splitlines() == [
        f"Saved “Interest” in the debrief of interview #{interview_id} (Acme, interest 4/5)."
    ]
