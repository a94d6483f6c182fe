"""A typed answer on the Practice page, as `coach analyze --text` analyses one: fillers, hedges,
structure, talking points and the job description's terms, no pace, pauses nor sound, and nothing
stored. The page offered only a recording or an upload."""

from datetime import date, timedelta

from app_support import markdown_text, page

from coach import store
from coach.config import load_settings
from coach.job_description import save_job_description
from coach.practice import NO_TYPED_ANSWER
from coach.ui.highlight import escape

QUESTION = "swe-beh-01"  # Tell me about an incident you were involved in
# 67 words, a story told in order; the markup in it is text the person typed, shown as typed
STAR = (
    "Last year our checkout service kept failing during a big sale. I was the engineer on call and "
    "my task was to find the cause and restore payments quickly. I read the traces, found one slow "
    "database query, added an index and rolled the fix out behind a <b>flag</b>. As a result the "
    "error rate dropped by ninety percent within an hour and we kept every order."
)
JOB = (
    "Backend Engineer, Checkout. You will own the reliability of our checkout service and its "
    "database. You will add tracing to our services, tune slow database queries, and lead "
    "incident response. We look for experience with PostgreSQL, Kafka and Kubernetes."
)


def _attempts(data_dir) -> list[dict]:
    db = store.open_store(load_settings(data_dir))
    try:
        return store.list_attempts(db)
    finally:
        db.close()


def _typed(at, text: str):
    at.text_area(key="practice_typed_text").input(text)
    return at.button(key="practice_typed_analyse").click().run()


def _on_the_question(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.session_state["practice_question_id"] = QUESTION
    return at.run()


def test_a_typed_story_shows_its_structure_and_terms_and_no_pace_and_is_not_saved(tmp_path, monkeypatch):
    db = store.open_store(load_settings(tmp_path))
    interview_id = store.add_interview(
        db, company="Acme Pay", role="Backend engineer", interview_date=date.today() + timedelta(days=5)
    )
    save_job_description(db, interview_id, JOB)
    db.close()
    at = _typed(_on_the_question(tmp_path, monkeypatch), STAR)
    assert not at.exception and not at.error
    assert [m.label for m in at.metric] == ["Overall", "Words", "Fillers"]
    assert {m.label: m.value for m in at.metric}["Words"] == "67"
    headers = [h.value for h in at.header]
    assert "Structure over the answer" in headers and "Pace and pauses" not in headers
    assert "Talking points" in headers and "Terms from the job description" in headers
    assert "What you typed" in headers and "Transcript" not in headers
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Situation") or "situation" in c.lower() for c in captions), captions
    assert any("of 5 heard in your answer" in c for c in captions), captions
    text = markdown_text(at)
    assert "Delivery" not in text and "wpm" not in text and "pause" not in text.lower(), text
    assert "&lt;b&gt;flag&lt;/b&gt;" in text and "<b>flag</b>" not in text
    # no filler, repetition or hedge in it: said once, not "0 fillers 0 repetitions 0 hedges"
    assert "Nothing marked: no fillers, repetitions or hedges." in text and ">0 " not in text
    assert "No fillers found." not in captions  # said once: not again under the legend
    # not saved, said once in plain words, and not the recordings' "saved automatically"
    assert (
        "A typed answer is not saved. Record it out loud to have it count on the Progress page." in captions
    )
    assert not [c for c in captions if "saved automatically" in c]
    assert _attempts(tmp_path) == []
    assert not [p for p in (tmp_path / "recordings").rglob("*") if p.is_file()]


def test_five_typed_words_get_the_too_little_sentence_and_no_score(tmp_path, monkeypatch):
    at = _typed(_on_the_question(tmp_path, monkeypatch), "I fixed the slow query.")
    assert not at.exception and not at.error
    assert [w.value for w in at.warning] == [
        escape(
            "Only 5 words: too little to measure. Write the whole answer, as you would say it, and try again."
        )
    ]
    assert not at.metric
    assert not [c.value for c in at.caption if "recording is kept" in c.value]
    assert _attempts(tmp_path) == []


def test_an_empty_box_is_one_sentence(tmp_path, monkeypatch):
    at = _typed(_on_the_question(tmp_path, monkeypatch), "   \n")
    assert not at.exception
    assert [e.value for e in at.error] == [NO_TYPED_ANSWER]
    assert not at.metric and _attempts(tmp_path) == []


def test_a_twenty_thousand_word_paste_gets_a_result(tmp_path, monkeypatch):
    at = _typed(_on_the_question(tmp_path, monkeypatch), " ".join([STAR] * 300))
    assert not at.exception and not at.error
    assert {m.label: m.value for m in at.metric}["Words"] == "20,100"
    assert any("take about" in m.value and "to say" in m.value for m in at.markdown), "its length said"
    assert _attempts(tmp_path) == []


def test_next_question_shows_the_next_recommended_question(tmp_path, monkeypatch):
    """ "Next question" under a result opened the question chooser with no question in it; it now
    shows the first recommended question other than the one just answered, with a fresh answer box."""
    at = _typed(_on_the_question(tmp_path, monkeypatch), STAR)
    assert not at.exception and not at.error
    at.button(key="practice_next").click().run()
    assert not at.exception and not at.error
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    shown = at.session_state["practice_question_id"]
    assert shown is not None and shown != QUESTION, shown
    assert shown == first_recommended.removeprefix("practice_rec_")
    assert [e.label for e in at.expander][0] == "Change the question"  # not "Choose a question"
    assert at.text_area(key="practice_typed_text").value == ""  # the last answer is not this one's
    assert "practice_try_again" not in [b.key for b in at.button]  # no result shown: a fresh take
