"""The Practice page, run by AppTest with the real model on the test clips."""

import html
import re
from dataclasses import replace

from app_support import DATA, ROOT, markdown_text, page, recommended_ids

from coach import store
from coach.config import load_settings, save_settings
from coach.ui.highlight import escape


def _answers(data_dir):
    db = store.open_store(load_settings(data_dir))
    try:
        return store.list_attempts(db, newest_first=False)
    finally:
        db.close()


def test_first_run_leads_to_a_first_answer_with_the_sample(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    assert not at.exception
    assert "Your first practice answer takes about two minutes" in [s.value for s in at.header]
    at.button(key="practice_sample_first").click().run()
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Fillers"] == "0" and metrics["Length"] == "1:04"
    text = markdown_text(at)
    # the first thing a new user hears is a whole STAR answer, heard word for word: the old 18 s
    # espeak-ng sample read "In my last roll hour checkout service… wrote it with an index… a
    # remote checkout error dropped at 90%" and was called short for its question
    assert not {m.label: m.delta for m in at.metric}["Length"], "a 64 s answer is not short for 2:00"
    assert escape("I read the traces and found one slow database query, a search on orders") in text
    assert escape("the error rate dropped by 90%") in text
    assert "Tell me about an incident you were involved in" in text
    # the sample is a demonstration: its talking points are heard in it, not in "your answer"
    assert "5 of 5 heard in the sample answer, judged by meaning, not exact words." in [
        c.value for c in at.caption
    ]
    # a talking point heard says when, then the sentence: "— heard at 0:13:", not "— heard: (at 0:13)"
    heard = [m for m in text.splitlines() if "— heard" in m]
    assert heard and all(re.search(r"— heard :gray\[at \d:\d\d\]:", m) for m in heard), heard
    assert _answers(tmp_path) == [], "the sample is a demonstration, never the user's own attempt"
    assert any("not saved as your answer" in c.value for c in at.caption)
    # ... and nothing under it says the opposite ("Every answer is saved automatically")
    assert not any("saved automatically" in c.value for c in at.caption)


def test_the_sample_is_shown_with_the_question_it_answers(tmp_path, monkeypatch):
    """The button "Use the sample recording" analysed the sample (an incident told as a story) as
    an answer to the question on the page: under "Why should we hire you?" it read 92/100, "2 of 4
    heard in the sample answer", "what you would bring in the first months — heard at 0:00: Last
    spring, our checkout service started failing…"; under "Tell me about a written document or
    proposal of yours that made a difference." 100/100 and "4 of 4 heard"."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.button(key="practice_first_question").click().run()
    chosen = at.session_state["practice_question_id"]
    assert chosen != "swe-beh-01", "the first question suggested is another than the sample's"
    at.button(key="practice_sample").click().run()
    assert not at.exception and not at.error
    text = markdown_text(at)
    assert "## " + escape("Tell me about an incident you were involved in and how it was handled.") in text
    assert "5 of 5 heard in the sample answer, judged by meaning, not exact words." in [
        c.value for c in at.caption
    ]
    assert _answers(tmp_path) == []


def test_try_again_after_the_sample_goes_back_to_the_question_chosen(tmp_path, monkeypatch):
    """ "Use the sample recording" under "Tell me about a time you failed." showed the sample under its
    own question, and "Try again" then asked for a take to the sample's question: the question chosen
    was gone, with nothing saying so (found on a first evening's walk). The page now says where Try
    again goes, and it goes there."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.button(key="practice_first_question").click().run()
    chosen = at.session_state["practice_question_id"]
    assert chosen != "swe-beh-01", "the first question suggested is another than the sample's"
    chosen_text = next(h.value for h in at.markdown if h.value.startswith("## ")).removeprefix("## ")
    at.button(key="practice_sample").click().run()
    assert not at.exception and not at.error
    assert "## " + escape("Tell me about an incident you were involved in and how it was handled.") in (
        markdown_text(at)
    )
    said = " ".join(c.value for c in at.caption)
    assert f"Try again goes back to your question, “{chosen_text}”" in said, said
    at.button(key="practice_try_again").click().run()
    assert not at.exception
    assert "## " + chosen_text in markdown_text(at)
    assert at.session_state["practice_question_id"] == chosen
    assert _answers(tmp_path) == []


def test_the_sample_buttons_say_how_long_the_sample_is(tmp_path, monkeypatch):
    """The first page's "Try it with a sample recording" said "An 18-second answer recorded for this
    app" of a sample whose result reads "Length 1:04" (the 18 s espeak-ng sample was replaced by a
    64 s answer)."""
    from coach.audio import load_audio
    from coach.ui.summary import SAMPLE_RECORDING

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    sample = load_audio(SAMPLE_RECORDING, load_settings(tmp_path))
    seconds = len(sample.samples) / sample.sample_rate
    assert 45 <= seconds < 90, seconds  # what "a one-minute answer" says of it
    at = page("practice").run()
    helps = [at.button(key="practice_sample_first").help]
    at.button(key="practice_first_question").click().run()
    helps.append(at.button(key="practice_sample").help)
    assert all(h.startswith("A one-minute answer recorded for this app") for h in helps), helps
    assert not any("18-second" in h for h in helps)


def test_an_unknown_engine_in_settings_is_said_as_a_choice_in_settings(tmp_path, monkeypatch):
    """`engine = "nosuch"` in settings.toml showed "Unknown engine 'nosuch'; choose one of:
    faster-whisper, openai-whisper" on the page: the settings file is named, and Settings fixes it."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    (tmp_path / "settings.toml").write_text('engine = "nosuch"\n')
    at = page("practice").run()
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    at.button(key=first_recommended).click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The settings file names a speech recognition engine the coach does not have (“nosuch”); "
        "choose one in Settings and save."
    ]


def test_a_file_that_is_not_audio_shows_what_to_do_and_is_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.button(key="practice_first_question").click().run()
    at.file_uploader[0].upload("notes.wav", (DATA / "not_audio.wav").read_bytes(), "audio/wav").run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "notes.wav is not audio the coach can read" in error and "saved in" not in error
    assert "(" not in error and "invalid data" not in error, error  # no decoder's message in the sentence
    # it named 7 formats ("export it again as WAV, FLAC, MP3, M4A, OGG, Opus or WebM") beside a box
    # listing 14: it names those the box lists, in its words
    # (Streamlit adds ".mpeg4" to ".mp4" itself, and does not show it)
    accepted = [t.lstrip(".").upper() for t in at.file_uploader[0].proto.type if t != ".mpeg4"]
    assert len(accepted) == 14 and error.endswith(f"{', '.join(accepted[:-1])} or {accepted[-1]}."), error
    assert not [p for p in (tmp_path / "recordings").rglob("*") if p.is_file()]  # not stored as a recording
    assert _answers(tmp_path) == []
    # the sample is then there to try: it was not, the refused upload staying the take
    at.button(key="practice_sample").click().run()
    assert not at.exception and not at.error
    assert any("not saved as your answer" in c.value for c in at.caption)
    assert at.file_uploader[0].value is None
    at.button(key="practice_try_again").click().run()
    # a take recorded in the page that holds no audio is not a file to export again or choose: it
    # said "Your recording is not audio the coach can read; export it again as WAV, FLAC, …" and
    # "Your recording is empty (0 bytes); record the answer again or choose another file."
    for take, sentence in (
        (b"not a sound" * 40, "Your recording could not be read as audio; record the answer again."),
        (b"", "Your recording is empty; record the answer again."),
    ):
        at.audio_input[0].set_value(("answer.wav", take, "audio/wav")).run()
        assert not at.exception
        assert [e.value for e in at.error] == [sentence]
        assert not [p for p in (tmp_path / "recordings").rglob("*") if p.is_file()]
    # a cut-off recording (a WAV header, then nothing) is kept, and said to record again, not export
    at.audio_input[0].set_value(("answer.wav", b"RIFF\x00\x00\x00\x00WAVE", "audio/wav")).run()
    [error] = [e.value for e in at.error]
    assert error.startswith("Your recording could not be read as audio; record the answer again."), error
    assert "export" not in error and "kept among the recordings not analysed" in error


def test_a_silent_take_is_kept_and_says_record_again_once(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.button(key="practice_first_question").click().run()
    at.file_uploader[0].upload("take.wav", (DATA / "silence.wav").read_bytes(), "audio/wav").run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    # an uploaded file is told to upload an answer, not to check the microphone; where it is kept is
    # said in the page's words, not as a folder on disk (tests/test_app_practice_failed_take_words.py)
    assert error.lower().count("record it on this page") == 1 and "kept among the recordings" in error
    [take] = list((tmp_path / "recordings").rglob("*.wav"))
    # the page said "No speech was found in take.wav" while `coach history` said "take.wav is silent"
    from coach.store.recordings import not_analysable_because

    assert error.startswith("take.wav is silent; upload a recording"), error
    assert not_analysable_because(take).startswith("take.wav is silent; ")
    assert not at.get("progress"), "no progress bar left standing under the error"


def test_your_own_questions_are_listed_under_your_own(tmp_path, monkeypatch):
    """A question added on the Questions page is one click away under "Your own", as that page
    promises ("appear in this list and in the Practice page"); it was found only by searching Browse."""
    from coach import banks

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    added = banks.add_user_question(tmp_path, "Why are you leaving your current role?", category="motivation")
    at = page("practice").run()
    at.segmented_control(key="practice_mode").set_value("Your own").run()
    assert not at.exception
    assert escape("Why are you leaving your current role?") in markdown_text(at)
    at.button(key=f"practice_mine_{added.id}").click().run()
    assert at.session_state["practice_question_id"] == added.id
    assert not at.exception


def test_your_own_questions_say_how_often_each_was_answered(tmp_path, monkeypatch):
    """Under "Your own" each of your questions said only its kind, where the Questions page says
    of every question how often and when it was answered: a year's user could not tell which of
    their 15 they had left aside."""
    from datetime import UTC, date, datetime

    from store_support import analysis_dict, save_answer

    from coach import banks
    from coach.config import load_settings
    from coach.store import open_store
    from coach.ui.log_labels import short_date

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    answered = banks.add_user_question(
        tmp_path, "Why are you leaving your current role?", category="motivation"
    )
    banks.add_user_question(tmp_path, "What would your first 90 days look like?", category="motivation")
    on = datetime(2026, 2, 21, 12, tzinfo=UTC)
    stored = open_store(load_settings(tmp_path))
    try:
        save_answer(stored, answered.id, answered.text, analysis=analysis_dict(overall=47.0), created_at=on)
    finally:
        stored.close()
    at = page("practice").run()
    at.segmented_control(key="practice_mode").set_value("Your own").run()
    assert not at.exception
    rows = [m.value for m in at.markdown if "Why are you leaving" in m.value or "first 90 days" in m.value]
    day = short_date(on.date().isoformat(), date.today())
    assert len(rows) == 2, rows
    assert rows[0].endswith(escape(f"Answered once, on {day} (score 47)") + "]"), rows[0]
    assert rows[1].endswith(":gray[Not answered yet]"), rows[1]


def test_your_own_question_is_shown_as_text_not_markup(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.segmented_control(key="practice_mode").set_value("Your own").run()
    at.text_area(key="practice_own_text").input("<script>alert(1)</script> Why this team?").run()
    at.button(key="practice_own_use").click().run()
    assert not at.exception
    text = markdown_text(at)
    assert escape("<script>alert(1)</script> Why this team?") in text and "<script>" not in text


def test_a_search_that_finds_nothing_says_what_to_do(tmp_path, monkeypatch):
    """Browse showed "0 questions" and nothing under it; the Questions page says what to do."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.segmented_control(key="practice_mode").set_value("Browse").run()
    at.text_input(key="practice_f_search").input("zzzz 🚀").run()
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == [
        "No question matches these filters. Loosen a filter, or type the question under “Your own”."
    ]
    at.text_input(key="practice_f_search").input("conflict").run()
    assert not at.info and at.button(key="practice_browse_use")
    # a random pick among none: it said "No question matches category=system-design,
    # competency=mentoring, difficulty=easy; loosen the filters."
    at.segmented_control(key="practice_mode").set_value("Random").run()
    at.selectbox(key="practice_f_category").set_value("system-design").run()
    at.selectbox(key="practice_f_competency").set_value("mentoring").run()
    at.selectbox(key="practice_f_difficulty").set_value("easy").run()
    at.button(key="practice_random").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "No question matches these filters. Loosen a filter, or type the question under “Your own”."
    ]


def test_what_you_typed_to_choose_a_question_is_kept_while_you_look_elsewhere(tmp_path, monkeypatch):
    """A question typed under "Your own" was gone after a look at "Browse" or at another page, and
    Browse's search after a look at "Your own": the page forgot a box it had not drawn in between."""

    def shown(box) -> str:
        """What the browser shows in a box drawn again after the page forgot it: the value the page
        sends with it, else the box's empty start (the page may hold a value it never showed)."""
        return box.proto.value if box.proto.set_value else box.proto.default

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    typed = "How would you handle a teammate who misses deadlines?"
    at = page("practice").run()
    at.segmented_control(key="practice_mode").set_value("Your own").run()
    at.text_area(key="practice_own_text").input(typed).run()
    # untouched, the kind shows its first choice, "Tell from the question's words": a None the page
    # sets itself (set_value) shows in the browser as "Choose an option", a choice not on the list
    assert not at.selectbox(key="practice_own_category").proto.set_value
    at.selectbox(key="practice_own_category").set_value("situational").run()
    at.segmented_control(key="practice_mode").set_value("Browse").run()
    at.text_input(key="practice_f_search").input("stakeholder").run()
    at.segmented_control(key="practice_mode").set_value("Your own").run()
    assert not at.exception
    assert shown(at.text_area(key="practice_own_text")) == typed
    assert at.selectbox(key="practice_own_category").value == "situational"
    at.segmented_control(key="practice_mode").set_value("Browse").run()
    assert shown(at.text_input(key="practice_f_search")) == "stakeholder"
    at.switch_page("app_pages/questions.py").run()  # a look at another page
    at.switch_page("app_pages/practice.py").run()
    assert not at.exception
    at.segmented_control(key="practice_mode").set_value("Browse").run()
    assert shown(at.text_input(key="practice_f_search")) == "stakeholder"
    at.segmented_control(key="practice_mode").set_value("Your own").run()
    assert shown(at.text_area(key="practice_own_text")) == typed


def test_attempts_at_the_same_question_are_compared(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    db = store.open_store(load_settings(tmp_path))
    try:  # three typed answers to another question first: the database ids run ahead of the count
        for _ in range(3):
            store.save_attempt(
                db,
                question_id="elsewhere",
                question_text="Another question",
                recording=None,
                transcript={},
                analysis={},
                engine="typed",
                model="",
            )
    finally:
        db.close()
    at = page("practice").run()
    at.button(key=[b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]).click().run()
    at.audio_input[0].set_value(("answer.wav", (DATA / "clean.wav").read_bytes(), "audio/wav")).run()
    assert [s.label for s in at.status] == ["Analysed and saved: your 1st answer to this question"]
    assert "This answer against your earlier ones" in [s.value for s in at.header]
    at.button(key="practice_try_again").click().run()
    at.audio_input[0].set_value(("answer.wav", (DATA / "fillers.wav").read_bytes(), "audio/wav")).run()
    assert not at.exception and not at.error
    # the count the user would make (their 2nd try at this question), not the database's id 5
    assert [s.label for s in at.status] == ["Analysed and saved: your 2nd answer to this question"]
    assert any(str(m.value).startswith("Since your previous answer: overall score") for m in at.markdown)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 2

    # a take too short to measure: the quality gate's sentence and what to do, not compared with the
    # earlier ones (a test of its own, which first recorded clean.wav on a fresh page for them)
    import io

    import soundfile as sf

    samples, rate = sf.read(DATA / "fillers.wav")
    short = io.BytesIO()
    sf.write(short, samples[: 6 * rate], rate, format="WAV")
    at.button(key="practice_try_again").click().run()
    at.audio_input[0].set_value(("answer.wav", short.getvalue(), "audio/wav")).run()
    assert not at.exception and not at.error
    assert any("too little to measure" in w.value for w in at.warning), [w.value for w in at.warning]
    assert "This answer against your earlier ones" not in [s.value for s in at.header]
    assert not at.dataframe and not any("Since your previous answer" in str(m.value) for m in at.markdown)
    # where it is kept, said once and agreeing: "left out of your progress", then "Every answer is
    # saved automatically; see them all on the Progress page" read as a contradiction
    captions = [c.value for c in at.caption]
    assert "The recording is kept, but it gets no score and is left out of your progress charts." in captions
    assert (
        "Every answer is saved automatically: this one is listed on the Progress page, among the "
        "answers that could not be measured." in captions
    ), captions
    assert not any("see them all" in c for c in captions), captions
    assert len(_answers(tmp_path)) == 3 + 3  # kept all the same (the typed answers to another question first)
    # no filler marks or counts on a failed measurement: its "um"s were marked in the transcript
    # under "What was transcribed" though it got no score and no advice; its words are shown plain
    db = store.open_store(load_settings(tmp_path))
    try:
        kept = store.get_attempt(db, _answers(tmp_path)[-1]["id"])["analysis"]
    finally:
        db.close()
    assert kept["scores"] is None and kept["fillers"], "the take's fillers are stored, not shown"
    assert "What was transcribed" in [s.value for s in at.header]
    shown = re.sub(r"<style>.*?</style>", "", markdown_text(at), flags=re.S)  # the marks' CSS is no mark
    assert "<mark" not in shown and "<sup>" not in shown and "filler" not in shown.lower(), shown
    assert html.escape(kept["transcript"]) in shown

    # the next take is compared with the last one measured: it was compared with the short one
    # just before it, which has no figures, and the section showed a chart with no line of change
    at.button(key="practice_try_again").click().run()
    at.audio_input[0].set_value(("answer.wav", (DATA / "clean.wav").read_bytes(), "audio/wav")).run()
    assert not at.exception and not at.error
    said = [str(m.value) for m in at.markdown if "overall score" in str(m.value)]
    assert said and said[0].startswith("Since your last answer that could be measured: overall score"), said


JOB = (
    "Backend Engineer, Checkout. You will own the reliability of our checkout service and its "
    "database. You will add tracing to our services, tune slow database queries, and lead "
    "incident response. We look for experience with PostgreSQL, Kafka and Kubernetes."
)


def test_an_answer_prepared_for_an_interview_shows_the_job_descriptions_terms(tmp_path, monkeypatch):
    from datetime import date, timedelta

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    db = store.open_store(load_settings(tmp_path))
    interview_id = store.add_interview(
        db, company="Acme Pay", role="Backend engineer", interview_date=date.today() + timedelta(days=5)
    )
    db.close()
    at = page("practice").run()
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    at.button(key=first_recommended).click().run()
    preparing = at.selectbox(key="practice_interview_id")
    # the interview in 5 days is what the answer prepares for until another is picked (it was "No
    # particular interview", so its job description's terms were never checked unless asked)
    assert preparing.value == interview_id, preparing.value
    assert preparing.options[0] == "No particular interview", preparing.options
    # saved empty before any was pasted: it said "Job description removed."
    at.button(key=f"practice_save_description_{interview_id}").click().run()
    assert [e.value for e in at.error] == ["The box is empty; paste the job posting's text, then save it."]
    assert not [c.value for c in at.caption if "removed" in c.value]
    at.text_area(key=f"practice_job_description_{interview_id}").input(JOB).run()
    at.button(key=f"practice_save_description_{interview_id}").click().run()
    assert not at.exception and not at.error
    assert any("Key terms to use" in c.value and "PostgreSQL" in c.value for c in at.caption)
    # one not in English: its terms are not picked, and the terms of the one it replaced are not
    # listed under that sentence, as they were
    at.text_area(key=f"practice_job_description_{interview_id}").input("🚀🚀🚀").run()
    at.button(key=f"practice_save_description_{interview_id}").click().run()
    assert any("its key terms were not picked" in w.value for w in at.warning)
    assert not [c.value for c in at.caption if "Key terms to use" in c.value]
    at.text_area(key=f"practice_job_description_{interview_id}").input(JOB).run()
    at.button(key=f"practice_save_description_{interview_id}").click().run()
    assert any("Key terms to use" in c.value and "PostgreSQL" in c.value for c in at.caption)

    at.audio_input[0].set_value(("answer.wav", (DATA / "clean.wav").read_bytes(), "audio/wav")).run()
    assert not at.exception and not at.error
    assert "Terms from the job description" in [s.value for s in at.header]
    text = markdown_text(at)
    assert escape("of the job description's") in text and escape("Not heard yet:") in text, text
    [attempt] = _answers(tmp_path)
    assert attempt["interview_id"] == interview_id
    db = store.open_store(load_settings(tmp_path))
    job = store.get_attempt(db, attempt["id"])["analysis"]["metrics"]["job_terms"]
    db.close()
    used = {t["term"] for t in job["terms"] if t["used"]}
    assert {"checkout", "tracing"} & used and "PostgreSQL" not in used, job


HEAVY = ("spacy", "torch", "altair", "pandas", "av", "numpy")
FIRST_PAGE = f"""
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({str(ROOT / "app.py")!r}, default_timeout=120).run()
assert not at.exception, at.exception
assert "Answer your first question" in [b.label for b in at.button]
print("loaded:" + ",".join(m for m in {HEAVY!r} if m in sys.modules))
"""


def test_the_first_page_loads_no_model_library_nor_charts(tmp_path):
    """The first page a new user sees needs none of spaCy, torch (2-3 s), altair, pandas, PyAV or
    numpy: they load with the first take and the first result (benchmarks/first_load.py)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, COACH_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    run = subprocess.run(
        [sys.executable, "-c", FIRST_PAGE], env=env, capture_output=True, text=True, timeout=180
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == "loaded:", run.stdout


def test_practice_and_mock_name_the_interviews_to_prepare_for_alike(tmp_path, monkeypatch):
    """The same log on both pages: "Preparing for" on Practice and "Prepare for an interview from
    your log" on Mock list the same choices in the same words (Practice left out the stage and
    named the empty choice differently)."""
    from datetime import date, timedelta

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        for offset, stage in ((5, "final"), (9, "")):
            store.add_interview(
                db,
                company="Initech",
                role="Backend engineer",
                stage=stage,
                interview_date=(today + timedelta(days=offset)).isoformat(),
            )
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    practice = page("practice").run()
    first_recommended = [b.key for b in practice.button if b.key and b.key.startswith("practice_rec_")][0]
    practice.button(key=first_recommended).click().run()
    assert not practice.exception
    mock = page("mock").run()
    assert not mock.exception
    on_practice = practice.selectbox(key="practice_interview_id").options
    # the interview in 5 days is chosen until another is picked
    assert practice.selectbox(key="practice_interview_id").index == 1
    on_mock = mock.selectbox(key="mock_interview").options
    day = today + timedelta(days=5)
    assert on_practice == on_mock, (on_practice, on_mock)
    assert on_practice[:2] == [
        "No particular interview",
        f"Initech — Backend engineer, {day.day} {day:%b %Y} · final",
    ], on_practice


def _answered(data_dir, owner: str, when, overall: float | None) -> None:
    """One stored answer to swe-beh-01 by `owner` ("" the single user), measured or not."""
    from store_support import analysis_dict, transcript_dict

    db = store.open_store(load_settings(data_dir))
    try:
        analysis = analysis_dict(overall=overall or 0.0)
        store.save_attempt(
            db.for_owner(owner),
            question_id="swe-beh-01",
            question_text="Tell me about an incident you were involved in.",
            recording=None,
            transcript=transcript_dict(),
            analysis=analysis if overall is not None else analysis | {"scores": None},
            engine="faster-whisper",
            model="tiny.en",
            created_at=when,
        )
    finally:
        db.close()


def _answered_line(data_dir) -> list[str]:
    """The captions under swe-beh-01 on the Practice page that say how often it was answered."""
    at = page("practice")
    at.session_state["practice_question_id"] = "swe-beh-01"
    at.run()
    assert not at.exception and not at.error
    return [c.value for c in at.caption if c.value.startswith(("First time answering", "You have answered"))]


def test_the_question_says_how_often_you_answered_it_before_you_answer(tmp_path, monkeypatch, zone):
    """Before answering, one line under the question: how often you answered it, on which of your
    days the latest was (23:30 UTC on the 11th is the 12th in Paris) and its score; someone else's
    answers in the same store are not yours; an answer that could not be measured counts, scoreless."""
    from datetime import UTC, datetime

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    zone("Europe/Paris")
    assert _answered_line(tmp_path) == ["First time answering this one."]
    _answered(tmp_path, "", datetime(2025, 10, 2, 9, tzinfo=UTC), 52.0)
    _answered(tmp_path, "", datetime(2025, 11, 11, 23, 30, tzinfo=UTC), 71.4)
    for day in (13, 14):  # a cohort member's, later and better: not the single user's
        _answered(tmp_path, "ana@example.edu", datetime(2025, 11, day, 9, tzinfo=UTC), 90.0)
    assert _answered_line(tmp_path) == ["You have answered this 2 times, last on Wed 12 Nov 2025 (score 71)."]
    _answered(tmp_path, "", datetime(2025, 11, 20, 9, tzinfo=UTC), None)  # could not be measured
    # it said "3 times, last on Thu 20 Nov 2025." with no sign that one could not be measured
    assert _answered_line(tmp_path) == [
        "You have answered this 3 times (1 could not be measured), last on Thu 20 Nov 2025."
    ]


def test_the_line_under_the_question_counts_the_answer_just_saved(tmp_path, monkeypatch):
    """The line under the question was written before the take was analysed: right after a first
    answer it still said "First time answering this one." above "Analysed and saved: your 1st
    answer to this question" (and "once" beside "your 2nd answer").

    And after a take is saved, the status line (your Nth attempt) and the comparison with earlier
    attempts both need this question's attempts: one read of the store serves both. Counted by
    SQLAlchemy's own event for every statement sent to the database (no query is changed). (That
    was a test of its own, test_a_saved_answer_reads_its_questions_attempts_once, recording the
    same clean.wav on a fresh page.)"""
    import sqlalchemy as sa

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.button(key=[b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]).click().run()
    assert _answered_captions(at) == ["First time answering this one."]
    question_reads: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany) -> None:
        if re.search(
            r"^SELECT\s.*\sFROM attempts\s.*\sWHERE\s.*attempts\.question_id = ", statement, re.DOTALL
        ):
            question_reads.append(statement)

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", note)
    try:
        at.audio_input[0].set_value(("answer.wav", (DATA / "clean.wav").read_bytes(), "audio/wav")).run()
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", note)
    assert not at.exception and not at.error
    assert [s.label for s in at.status] == ["Analysed and saved: your 1st answer to this question"]
    assert any("Your first answer to this question" in str(c.value) for c in at.caption)
    assert len(question_reads) == 1, question_reads
    [saved] = _answers(tmp_path)
    # above this answer's own result, "once, today (score 74)" read as an earlier answer
    assert _answered_captions(at) == ["You have answered this once: the answer below."]
    at.button(key="practice_try_again").click().run()  # a fresh take: the line tells of it as before
    assert _answered_captions(at) == [
        f"You have answered this once, today (score {saved['score_overall']:.0f})."
    ]


def _answered_captions(at) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith(("First time answering", "You have answered"))]


def test_a_later_stage_shows_the_job_description_pasted_at_an_earlier_one(tmp_path, monkeypatch):
    """Pasted once with the recruiter screen; preparing for the hiring-manager round of the same
    job shows its key terms, not an empty box asking for it again. The company it is for is not
    one of them, even where the description names it only in passing ("Acme Pay merchants")."""
    from datetime import date, timedelta

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    db = store.open_store(load_settings(tmp_path))
    today = date.today()
    described = JOB + " Thousands of Acme Pay merchants rely on it."
    store.add_interview(
        db, company="Acme Pay", role="Backend engineer", stage="recruiter screen",
        interview_date=today - timedelta(days=7), job_description=described,
    )  # fmt: skip
    later = store.add_interview(
        db,
        company="Acme Pay",
        role="Backend engineer",
        stage="first round",
        interview_date=today + timedelta(days=3),
    )
    db.close()
    at = page("practice").run()
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    at.button(key=first_recommended).click().run()
    at.selectbox(key="practice_interview_id").set_value(later).run()
    assert not at.exception
    assert at.text_area(key=f"practice_job_description_{later}").value == described
    [terms] = [c.value for c in at.caption if "Key terms to use" in c.value]
    assert "PostgreSQL" in terms and "merchants" in terms and "Acme" not in terms, terms


def test_an_interview_more_than_two_weeks_ahead_is_not_chosen_for_you(tmp_path, monkeypatch):
    """Only an interview in the next two weeks is what practice prepares for by itself; with one
    20 days ahead the page starts at "No particular interview" (an empty box would say "Choose
    an option"), and the user's own pick of none stays none."""
    from datetime import date, timedelta

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    db = store.open_store(load_settings(tmp_path))
    store.add_interview(
        db, company="Later Co", role="Analyst", interview_date=date.today() + timedelta(days=20)
    )
    db.close()
    at = page("practice").run()
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    at.button(key=first_recommended).click().run()
    preparing = at.selectbox(key="practice_interview_id")
    assert preparing.index == 0 and preparing.options[0] == "No particular interview", preparing.options
    db = store.open_store(load_settings(tmp_path))
    soon = store.add_interview(
        db, company="Soon Co", role="Analyst", interview_date=date.today() + timedelta(days=3)
    )
    db.close()
    at = page("practice").run()  # a new visit picks the one in 3 days
    at.button(key=first_recommended).click().run()
    assert at.selectbox(key="practice_interview_id").value == soon
    at.selectbox(key="practice_interview_id").set_value(0).run()
    at.button(key=first_recommended).click().run()
    assert at.selectbox(key="practice_interview_id").index == 0  # picked none: stays none


def test_an_interview_reviewed_today_is_not_chosen_for_you(tmp_path, monkeypatch):
    """An interview of today whose recording was reviewed has happened: practice after it does not
    prepare for it. A visit to Practice after reviewing Umbrella started at "Umbrella, <today> · first
    round", its job description box open, and kept each answer as practice for Umbrella; it starts
    at the one still to come (Soon Co, in 3 days), Umbrella still offered to pick by hand."""
    from datetime import date, timedelta

    from store_support import analysis_dict, save_real_answers

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    db = store.open_store(load_settings(tmp_path))
    held = store.add_interview(db, company="Umbrella", stage="first round", interview_date=date.today())
    heard = {"question_id": "mot-05", "question_text": "Tell me about yourself.", "analysis": analysis_dict()}
    save_real_answers(db, held, [heard])
    soon = store.add_interview(db, company="Soon Co", interview_date=date.today() + timedelta(days=3))
    db.close()
    at = page("practice").run()
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    at.button(key=first_recommended).click().run()
    assert not at.exception
    preparing = at.selectbox(key="practice_interview_id")
    assert preparing.value == soon, preparing.value
    assert any(o.startswith("Umbrella") for o in preparing.options), preparing.options


def test_a_silent_take_recorded_in_the_browser_is_called_your_recording(tmp_path, monkeypatch):
    """A take from the microphone has no file name of its own: the message said "answer.wav is
    silent", a name the person never saw, and `coach history` listed it as answer.wav."""
    from cli_support import run_coach, unwrapped

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    at = page("practice").run()
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    at.button(key=first_recommended).click().run()
    at.audio_input[0].set_value(("answer.wav", (DATA / "silence.wav").read_bytes(), "audio/wav")).run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert error.startswith("Your recording is silent; if you recorded it, check that the microphone"), error
    assert "answer.wav" not in error
    listed = run_coach("history", data_dir=tmp_path).stdout
    assert "saved but not analysed: your recording (recordings/" in unwrapped(listed), listed


def test_a_take_still_analysed_in_another_tab_is_not_offered_as_left(tmp_path, monkeypatch):
    """Two tabs of one person: while one analysed an answer, the Practice page in the other said
    that answer "was kept but not analysed: the page was left before its analysis finished", and
    "Analyse it now" would have analysed it a second time (seen in the browser by helper-200). A
    take is offered only once nothing analyses it any more."""
    import threading

    from coach import banks
    from coach.practice import practice_answer

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings = load_settings(tmp_path)
    question = banks.get_question("swe-beh-01", tmp_path)
    analysing, go_on = threading.Event(), threading.Event()

    def held_while_analysing(message: str, _fraction: float) -> None:
        if message.startswith("Analysing"):
            analysing.set()
            go_on.wait(120)

    other_tab = threading.Thread(
        target=practice_answer,
        args=(DATA / "clean.wav", settings),
        kwargs=dict(question=question, progress=held_while_analysing),
    )
    other_tab.start()
    try:
        assert analysing.wait(120), "the other tab's analysis never reached its analysing step"
        at = page("practice").run()
        assert not at.exception
        assert not any("was kept but not analysed" in m.value for m in at.markdown)
    finally:
        go_on.set()
        other_tab.join(120)
    assert len(_answers(tmp_path)) == 1  # the other tab's analysis saved its answer, once


def test_a_take_whose_analysis_the_page_left_is_offered_on_the_way_back(tmp_path, monkeypatch):
    """Leaving the page while a personal coach analyses a take stops the analysis (Streamlit stops
    the page's run): the take was kept, in no attempt, and the page said nothing about it on the
    way back. Now it is offered, and one click analyses it where it is kept (no second copy)."""
    from coach.audio import save_recording
    from coach.store.recordings import note_not_analysable, note_question

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings = load_settings(tmp_path)
    # a pace band of the user's own: the Pace figure's help says it, as the feedback does (it said
    # a fixed "about 140–160" beside feedback's "the 130–175 band")
    band = replace(settings.thresholds, pace_low_wpm=120.0, pace_high_wpm=165.0)
    settings = replace(settings, thresholds=band)
    save_settings(settings)
    # what practice_answer has done when the page is left during transcription
    kept = save_recording(
        (ROOT / "data" / "samples" / "sample-answer.ogg").read_bytes(),
        settings,
        original_name="your recording",
        kind="practice",
    )
    question = "Tell me about an incident you were involved in"
    note_question(kept.path, "swe-beh-01", question)
    at = page("practice").run()
    assert not at.exception
    offer = [m.value for m in at.markdown if "was kept but not analysed" in m.value]
    assert offer and question in offer[0].replace("\\", "")
    at.button(key="practice_resume_take").click().run()
    assert not at.exception and not at.error
    assert at.session_state["practice_question_id"] == "swe-beh-01"
    [attempt] = _answers(tmp_path)
    assert attempt["question_id"] == "swe-beh-01" and attempt["score_overall"] is not None
    assert [p for p in (tmp_path / "recordings").rglob("*") if p.is_file()] == [kept.path]
    assert "checkout" in markdown_text(at)  # its transcript and feedback are shown
    pace_help = {m.label: m.help for m in at.metric}["Pace"]
    assert "120–165" in pace_help and "140" not in pace_help, pace_help
    assert not any("was kept but not analysed" in m.value for m in at.markdown)
    at.button(key="practice_try_again").click().run()  # analysed: not offered again
    assert not any("was kept but not analysed" in m.value for m in page("practice").run().markdown)

    # a take that could not be measured is not offered (the same sound would fail again), and
    # "Not now" puts the offer away for the visit
    unusable = save_recording((DATA / "silence.wav").read_bytes(), settings, kind="practice")
    note_question(unusable.path, "swe-beh-01", question)
    note_not_analysable(unusable.path, "No speech was heard.")
    assert not any("was kept but not analysed" in m.value for m in page("practice").run().markdown)
    another = save_recording((DATA / "fillers.wav").read_bytes(), settings, kind="practice")
    note_question(another.path, "swe-beh-01", question)
    at = page("practice").run()
    assert any("was kept but not analysed" in m.value for m in at.markdown)
    at.button(key="practice_not_now_btn").click().run()
    assert not at.exception
    assert not any("was kept but not analysed" in m.value for m in at.markdown)
    assert not any("was kept but not analysed" in m.value for m in at.run().markdown)  # for the visit


def test_an_answer_not_wanted_is_deleted_with_its_recording(tmp_path, monkeypatch):
    """A take the person did not want kept could only go with all their data.

    Its first take is also the test of a recorded answer, its fillers shown and saved (that was a
    test of its own, test_a_recorded_answer_shows_its_fillers_and_is_saved, recording the same
    fillers.wav on a fresh page)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings = load_settings(tmp_path)  # a natural pause of its own, set in Settings
    save_settings(replace(settings, thresholds=replace(settings.thresholds, natural_pause_s=0.75)))
    at = page("practice").run()
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    at.button(key=first_recommended).click().run()
    question_id = at.session_state["practice_question_id"]
    at.audio_input[0].set_value(("answer.wav", (DATA / "fillers.wav").read_bytes(), "audio/wav")).run()
    assert not at.exception and not at.error and len(_answers(tmp_path)) == 1
    shown = markdown_text(at)
    assert '<mark class="cf-filler" title="filler">um<sup aria-hidden="true">F</sup>' in shown
    assert "What to work on" in [s.value for s in at.header]
    assert any("'um'" in str(m.value) for m in at.markdown)  # a feedback point names the filler
    [attempt] = _answers(tmp_path)
    assert attempt["question_id"] == question_id and attempt["fillers_per_100_words"] > 10
    assert any("saved automatically" in c.value for c in at.caption)  # and the page says so
    # the pause chart's caption says the natural pause of Settings, as the Delivery score does (it
    # said "about 0.6 s" whatever the setting)
    assert any(c.value.startswith("Pauses of about 0.75 s at sentence ends") for c in at.caption)
    assert "natural pauses ≈ 0.75 s" in shown
    recordings = list((tmp_path / "recordings").rglob("*.wav"))
    assert len(recordings) == 1
    at.button(key="practice_delete").click().run()  # asked first: nothing goes yet
    assert [w.value for w in at.warning] == [
        "Delete this answer with its recording, transcript and feedback? This cannot be undone."
    ]
    at.button(key="practice_delete_no").click().run()
    assert not at.warning and len(_answers(tmp_path)) == 1 and recordings[0].exists()
    at.button(key="practice_delete").click().run()
    at.button(key="practice_delete_yes").click().run()
    assert not at.exception and not at.error
    assert _answers(tmp_path) == [] and not recordings[0].exists()
    assert [s.value for s in at.success] == ["That answer is deleted, with its recording."]
    assert at.session_state["practice_result"] is None
    assert len(at.audio_input) == 1 and at.audio_input[0].value is None  # not analysed and saved again
    at.run()
    assert _answers(tmp_path) == [] and not at.success  # said once
    # asked about one take, then on to the next: the next take's result does not open asking
    at.audio_input[0].set_value(("answer.wav", (DATA / "fillers.wav").read_bytes(), "audio/wav")).run()
    at.button(key="practice_delete").click().run()
    at.button(key="practice_try_again").click().run()  # same question, a fresh take
    assert at.session_state["practice_question_id"] == question_id
    assert at.session_state["practice_result"] is None and len(at.audio_input) == 1
    assert at.audio_input[0].value is None
    at.audio_input[0].set_value(("answer.wav", (DATA / "fillers.wav").read_bytes(), "audio/wav")).run()
    assert not at.exception and not at.warning and len(_answers(tmp_path)) == 2
    # a file uploaded after a recording is analysed as the new take, not ignored (a test of its own,
    # test_an_upload_after_a_recording_is_analysed_as_the_new_take, recorded fillers.wav on a fresh
    # page first)
    at.file_uploader[0].upload("take2.wav", (DATA / "clean.wav").read_bytes(), "audio/wav").run()
    assert not at.exception and not at.error
    attempts = _answers(tmp_path)
    assert len(attempts) == 3  # the upload was analysed and saved, not ignored
    assert "tracing" in attempts[2]["transcript_text"].lower() and "tracing" in markdown_text(at).lower()


def test_after_a_dozen_answers_with_nothing_weak_the_recommendations_do_not_say_answer_a_few(
    tmp_path, monkeypatch
):
    """Twelve answers scoring 75–85 on every area, no debrief: the Practice page still said
    "Questions most interview loops open with. Answer a few and the recommendations follow your
    weak areas…". It says no area is weak yet, and its picks leave out what was answered lately."""
    from datetime import UTC, datetime, timedelta

    from store_support import analysis_dict, save_answer

    from coach import banks
    from coach.config import load_settings
    from coach.store import open_store

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    answered = [q for q in banks.load_questions(tmp_path) if "motivation" in q.competencies][:3]
    db = open_store(load_settings(tmp_path))
    try:
        for i in range(12):
            q = answered[i % len(answered)]
            when = datetime.now(UTC) - timedelta(days=12 - i)
            save_answer(db, q.id, q.text, analysis=analysis_dict(overall=80.0), created_at=when)
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert not [c for c in captions if "Answer a few" in c], captions
    assert (
        escape(
            "Your recent answers averaged 60 or more on structure (STAR), fillers and pacing (pace and "
            "pauses), so no area is weak yet: these are questions most interview loops open with, "
            "those you have not answered in the last two weeks first."
        )
        in captions
    ), captions
    picks = recommended_ids(at)
    assert len(picks) == 5 and not {q.id for q in answered} & set(picks), picks


def test_scores_read_as_an_average_say_so():
    """Fillers scored 28 in one answer and 94 in the next: Practice said "Your recent answers scored
    60 or more on ... fillers ..., so no area is weak yet" (their mean, 61), which read wrong beside
    the 28. Several answers "averaged" it; one answer "scored" it."""
    from datetime import date

    from coach import recommend

    def answer(fillers: float) -> dict:
        return dict(
            score_structure=70.0,
            score_fillers=fillers,
            score_delivery=80.0,
            score_content=75.0,
            created_at="2026-12-01T10:00:00+00:00",
        )

    today = date(2026, 12, 2)
    said = recommend._nothing_weak_reason([answer(28.0), answer(94.0)], today)
    assert said.startswith("Your recent answers averaged 60 or more on structure (STAR), fillers"), said
    until = recommend.without_debrief_gaps([answer(28.0), answer(94.0)], today)
    assert until.endswith("pacing (pace and pauses) average 60 or more."), until
    said = recommend._nothing_weak_reason([answer(94.0)], today)
    assert said.startswith("Your recent answer scored 60 or more on structure (STAR), fillers"), said
    assert recommend.without_debrief_gaps([answer(94.0)], today).endswith("are 60 or more.")


def _strong_answer(at) -> str:
    [covers] = [e for e in at.expander if e.label == "What a strong answer covers"]
    return "\n".join(m.value for m in covers.markdown)


def _timer(at) -> str:
    [clock] = [h.proto.body for h in at.get("html") if 'id="cf-timer"' in h.proto.body]
    return clock


def test_a_typed_motivation_question_is_not_coached_as_a_story(tmp_path, monkeypatch):
    """ "Why do you want to leave your current job?", filed as motivation, was to cover "a specific
    example, actions you took, the result", with "What would you do differently next time?" to
    expect, and the countdown said to note "the situation, task, action, result"."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.segmented_control(key="practice_mode").set_value("Your own").run()
    at.text_area(key="practice_own_text").input("Why do you want to leave your current job?").run()
    at.button(key="practice_own_use").click().run()
    assert not at.exception
    covers = _strong_answer(at)
    assert "- an honest reason\n- what you are looking for next\n- how this role fits" in covers, covers
    assert "**Follow-ups you may get:** What matters most to you in your next role?" in covers, covers
    assert "a specific example" not in covers and "differently next time" not in covers, covers
    clock = _timer(at)
    assert 'data-preparing="preparing: note the two or three points you will make"' in clock
    assert "situation, task, action, result" not in clock


def test_the_countdown_says_what_to_note_for_the_question_asked(tmp_path, monkeypatch):
    """ "Tell me about yourself." is no story to note as situation, task, action, result; a
    behavioural question is."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.session_state["practice_question_id"] = "mot-05"  # "Tell me about yourself."
    at.run()
    assert escape("Tell me about yourself.") in markdown_text(at)
    assert 'data-preparing="preparing: note the two or three points you will make"' in _timer(at)
    at.session_state["practice_question_id"] = "beh-own-07"
    at.run()
    assert 'data-preparing="preparing: note the situation, task, action, result"' in _timer(at)


def test_a_reload_offers_the_answer_just_given_one_click_from_its_feedback(tmp_path, monkeypatch):
    """A reload (or the page opened again) while reading an answer's feedback lost it: Practice
    went back to "Choose a question" and only Progress's table of figures was left. The answer
    saved in the last two hours is offered, one click from its feedback; an older one is not."""
    from datetime import UTC, datetime, timedelta

    from store_support import save_answer

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    db = store.open_store(load_settings(tmp_path))
    try:
        save_answer(
            db, "mot-05", "Tell me about yourself.", created_at=datetime.now(UTC) - timedelta(hours=3)
        )
    finally:
        db.close()
    at = page("practice").run()  # a fresh visit: the answer three hours old is not offered
    assert not at.exception and "practice_show_last" not in [b.key for b in at.button]

    db = store.open_store(load_settings(tmp_path))
    try:
        save_answer(db, "mot-05", "Tell me about yourself.")
    finally:
        db.close()
    at = page("practice").run()
    assert not at.exception
    said = "Your last answer, to “Tell me about yourself.”, is saved with its feedback."
    assert said in markdown_text(at).replace("\\", ""), markdown_text(at)  # as read, unescaped
    at.button(key="practice_show_last").click().run()
    assert not at.exception and at.session_state["practice_question_id"] == "mot-05"
    assert "Overall" in [m.label for m in at.metric]
    assert said not in markdown_text(at).replace("\\", "")  # offered once, not beside the feedback it opened
