"""The recommended group's caption named the first three debrief gaps whatever was picked: "From
your debriefs: negotiation, communication, system design." above questions none of which practised
system design (a product role has none), while one practised prioritisation, a gap not named. Now it
names the gaps the listed questions practise."""

import re

from app_support import page

from coach import banks, store
from coach.config import load_settings
from coach.debrief import save_debrief
from coach.local_time import today
from coach.ui.highlight import escape

GAPS = "negotiation / I could not explain system design trade-offs"


def _debriefed_today(data_dir, role: str, gaps_by_company: list[tuple[str, str]]) -> None:
    """A first-round interview today at each company, for `role`, debriefed with its skill gaps."""
    settings = load_settings(data_dir)
    db = store.open_store(settings)
    try:
        for company, gaps in gaps_by_company:
            interview_id = store.add_interview(
                db, company=company, role=role, stage="first round", interview_date=today().isoformat()
            )
            save_debrief(db, settings, interview_id, {"skill_gaps": gaps, "interest": 3, "proceed": "yes"})
    finally:
        db.close()


def _named(caption: str) -> list[str]:
    """The gaps a caption names, as the page escapes them, without what follows each in brackets
    (how many debriefs named it, and their words: "communication (1×; you wrote “…”)"); one gap
    counted under two skills is its words with both ("“…” (communication and prioritisation, 1×)")."""
    skills = re.sub(r"“[^”]*” \\\((.*?), \d+×\\\)", r"\1", caption)
    skills = re.sub(r" \\\(.*?\\\)(?=, |,? and |\\\.$)", "", skills)
    return re.split(
        r",? and |, ", skills.removeprefix(escape("From your debriefs: ")).removesuffix(escape("."))
    )


def test_the_practice_page_names_only_the_gaps_its_questions_practise(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    (tmp_path / "settings.toml").write_text('role = "product"\n')
    _debriefed_today(tmp_path, "Product manager", [("Acme", GAPS)])
    at = page("practice").run()
    assert not at.exception
    [caption] = [c.value for c in at.caption if c.value.startswith(escape("From your debriefs: "))]
    keys = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")]
    listed = [banks.get_question(k.removeprefix("practice_rec_"), tmp_path) for k in keys]
    practised = {escape(banks.tag_words(c)) for q in listed for c in q.competencies}
    assert listed and all(name in practised for name in _named(caption)), (caption, practised)
    assert escape("system design (") not in caption and "prioritisation" in caption, caption


def test_every_gap_a_listed_question_practises_is_named_as_progress_names_it(tmp_path, monkeypatch):
    """A year in, five debrief gaps and five picks, one for each: the caption named three ("From your
    debriefs: influence, mentoring and prioritisation."), so "Describe an API you designed" stood
    under it for no reason given, while Progress named all five above the same questions."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    _debriefed_today(
        tmp_path,
        "Staff engineer",
        [
            ("Acme", "influencing without authority"),
            ("Initech", "giving hard feedback"),
            ("Globex", "prioritisation under pressure"),
            ("Hooli", "system design, handling conflict"),
        ],
    )
    at = page("practice").run()
    assert not at.exception
    [caption] = [c.value for c in at.caption if c.value.startswith(escape("From your debriefs: "))]
    keys = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")]
    listed = [banks.get_question(k.removeprefix("practice_rec_"), tmp_path) for k in keys]
    named = set(_named(caption))
    gaps = {"influence", "mentoring", "prioritisation", "system design", "conflict"}
    unexplained = [q.text for q in listed if not named & {escape(banks.tag_words(c)) for c in q.competencies}]
    assert len(listed) == 5 and not unexplained, (caption, unexplained)
    progress = page("progress").run()
    [said] = [m.value for m in progress.markdown if m.value.startswith("Skill gaps from your debriefs: ")]
    assert named == {escape(g) for g in gaps} and all(escape(g) in said for g in gaps), (caption, said)
