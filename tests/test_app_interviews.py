"""The Interviews page: the log, adding an interview, a debrief that feeds the question bank."""

from app_support import markdown_text, page, seeded_dir

from coach import banks, store
from coach.config import load_settings


def test_the_log_shows_people_questions_and_debrief(monkeypatch):
    data_dir, _ = seeded_dir()
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    at = page("interviews").run()
    assert not at.exception
    assert any("Acme Robotics" in e.label and "interest 4/5" in e.label for e in at.expander)
    text = markdown_text(at)
    assert "Dana Ortiz" in text and "How would you design a rate limiter?" in text
    assert "system design, handling conflict" in text
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Cadence goal"] == "1 every quarter"


def test_adding_an_interview_and_its_debrief(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("interviews").run()
    assert not at.exception and any("No interviews logged yet" in i.value for i in at.info)
    form = at.get("form")
    assert form  # the add form is there
    at.text_input[0].input("Umbrella")
    at.text_input[1].input("Data lead")
    at.text_area[0].input("Kim Park — recruiter")
    submit = [b for b in at.button if b.label == "Add interview"][0]
    submit.click().run()
    assert not at.exception
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        assert interview["company"] == "Umbrella" and interview["people"][0]["name"] == "Kim Park"
    finally:
        db.close()
    # the debrief form of that interview: a question they asked joins the practice bank
    key = f"interviews_debrief_{interview['id']}"
    at.text_area(key=f"{key}_skill_gaps").input("stakeholder management")
    at.text_area(key=f"{key}_questions_asked").input("Tell me about a time you changed a roadmap.")
    at.slider(key=f"{key}_interest").set_value(5)
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    assert any("1 question added" in s.value for s in at.success)
    texts = [q.text for q in banks.load_questions(tmp_path)]
    assert "Tell me about a time you changed a roadmap." in texts


def test_coming_up_leaves_out_todays_interview_once_it_is_debriefed(tmp_path, monkeypatch):
    from datetime import date, timedelta

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        done = store.add_interview(db, company="Done Co", interview_date=today, stage="first round")
        store.add_debrief(db, done, went_well="clear story")
        store.add_interview(db, company="Later Today", interview_date=today, stage="technical")
        store.add_interview(db, company="Next Week", interview_date=today + timedelta(days=7), stage="final")
        store.add_interview(db, company="Last Week", interview_date=today - timedelta(days=7), stage="final")
    finally:
        db.close()
    at = page("interviews").run()
    assert not at.exception
    [coming] = [t for t in markdown_text(at).splitlines() if t.startswith("**Coming up:**")]
    assert "Later Today" in coming and "Next Week" in coming
    assert "Done Co" not in coming and "Last Week" not in coming
    assert coming.index("Later Today") < coming.index("Next Week")
