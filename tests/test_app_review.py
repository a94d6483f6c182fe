"""The Review page: upload a real interview, see its analysis, write the debrief."""

import re
from datetime import date

import pytest
from app_support import DATA, interviews_page, markdown_text, page

from coach import store
from coach.config import load_settings
from coach.ui import shared, summary

# These transcribe and separate their recordings here; the others resume from the work earlier
# tests' reviews of the same recordings left (conftest.earlier_reviews), as a review run again does.
TRANSCRIBED_HERE = {
    "test_an_uploaded_interview_is_analysed_and_logged",
    "test_a_two_voice_interview_is_cut_into_questions_and_answers",
    "test_picking_your_voice_reviews_again_without_transcribing_again",
}


@pytest.fixture(autouse=True)
def _reviews_before(request, tmp_path, earlier_reviews):
    earlier_reviews(tmp_path, reuse=request.node.originalname not in TRANSCRIBED_HERE)


def _reviewed(name: str, clip, mime: str, company: str):
    """The Review page after uploading `clip` as `name` for a new interview at `company`."""
    at = page("review").run()
    at.file_uploader[0].upload(name, clip.read_bytes(), mime)
    at.text_input(key="review_company").input(company)
    at.button[0].click().run()
    assert not at.exception and not at.error
    return at


def _field(at, form: str, field: str):
    """A field of the debrief form `form` as the page draws it now: its key changes each time
    "Review again" gives it new text (coach.ui.shared.field_key)."""
    [shown] = [t for t in at.text_area if t.key.split("__")[0] == f"{form}_{field}"]
    return shown


def test_an_uploaded_interview_is_analysed_and_logged(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("review").run()
    assert not at.exception
    at.file_uploader[0].upload("call.mp3", (DATA / "clean.mp3").read_bytes(), "audio/mpeg")
    at.text_input(key="review_company").input("Globex <i>Corp</i>")
    at.text_input(key="review_role").input("Platform engineer")
    at.selectbox(key="review_stage").select("technical")
    at.date_input(key="review_date").set_value(date(2026, 11, 2))
    at.button[0].click().run()  # the form's submit button
    assert not at.exception and not at.error
    text = markdown_text(at)
    assert "tracing to every request" in text and "Globex &lt;i&gt;Corp&lt;/i&gt;" in " ".join(
        s.value for s in at.header
    )
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        assert interview["company"] == "Globex <i>Corp</i>" and interview["answers"] == 1
        assert interview["notes"] == "Logged from its recording."  # not the command's name, "coach review"
        recordings = store.get_interview(db, interview["id"])["recordings"]
        assert (tmp_path / recordings[0]["recording_path"]).read_bytes() == (DATA / "clean.mp3").read_bytes()
    finally:
        db.close()
    # the form is emptied for the next interview: it kept the file and the company, and pressing
    # "Analyse the interview" again said only "Already in your log … pick that interview"
    at.run()
    assert not at.exception
    assert at.file_uploader[0].value is None
    assert (at.text_input(key="review_company").value, at.text_input(key="review_role").value) == ("", "")
    # all of it: the stage and the date kept the last interview's while the company was emptied
    assert at.selectbox(key="review_stage").value == "first round"
    assert at.date_input(key="review_date").value == date.today()
    next(b for b in at.button if b.label == "Analyse the interview").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Choose the recording first (drag an audio file onto the box above: WAV, FLAC, OGG, OPUS, OGA, "
        "WEBM, MP3, M4A, AAC, MP4, WEBA, MKA, MKV or MOV), then press Analyse."
    ]
    assert "Globex &lt;i&gt;Corp&lt;/i&gt;" in " ".join(s.value for s in at.header)  # the review stays


def test_analyse_without_a_file_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("review").run()
    at.text_input(key="review_company").input("Initech")
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Choose the recording first (drag an audio file onto the box above: WAV, FLAC, OGG, OPUS, OGA, "
        "WEBM, MP3, M4A, AAC, MP4, WEBA, MKA, MKV or MOV), then press Analyse."
    ]
    # the upload box states its limit under the label ("1GB per file"): the label said it again
    # ("Interview recording (up to 1 GB)"); the box lists the formats the sentence above names
    assert at.file_uploader[0].label == "Interview recording"
    assert at.file_uploader[0].proto.max_upload_size_mb == 1024
    # (Streamlit adds ".mpeg4" to ".mp4" itself, and does not show it)
    accepted = [t.lstrip(".").upper() for t in at.file_uploader[0].proto.type if t != ".mpeg4"]
    assert f"{', '.join(accepted[:-1])} or {accepted[-1]}" in at.error[0].value


def test_a_file_that_is_not_audio_logs_nothing_and_names_the_users_file(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("review").run()
    at.file_uploader[0].upload("Evil Co notes.wav", (DATA / "not_audio.wav").read_bytes(), "audio/wav")
    at.text_input(key="review_company").input("Evil Co")
    at.button[0].click().run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "Evil Co notes.wav is not audio the coach can read" in error and "Nothing was saved" in error
    assert not [p for p in (tmp_path / "recordings").rglob("*") if p.is_file()]  # no copy kept as a recording
    db = store.open_store(load_settings(tmp_path))
    try:
        assert store.list_interviews(db) == []
    finally:
        db.close()


def test_a_role_too_long_is_said_as_what_was_typed_not_as_the_recording(tmp_path, monkeypatch):
    """A role of 300 characters read "Could not analyse this recording" over the sentence saying the
    role is too long: nothing was wrong with the recording, and nothing was kept or logged."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("review").run()
    at.file_uploader[0].upload("call.mp3", (DATA / "clean.mp3").read_bytes(), "audio/mpeg")
    at.text_input(key="review_company").input("Globex")
    at.text_input(key="review_role").input("Platform engineer " * 17)
    at.button[0].click().run()
    assert not at.exception
    assert [s.label for s in at.status] == ["Check what you typed: the review did not start"]
    [error] = [e.value for e in at.error]
    assert "role up to 200 characters" in error, error
    db = store.open_store(load_settings(tmp_path))
    try:
        assert store.list_interviews(db) == []
    finally:
        db.close()


def test_a_model_that_cannot_load_saves_nothing_and_says_so(tmp_path, monkeypatch, language_model_missing):
    """The models load before anything is kept: when one cannot (here the English language model,
    missing), the page said "The recording is kept" and logged an interview with no recording.
    Now it says nothing was saved, and the log stays empty."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("review").run()
    clip = DATA / "interviews" / "interview_stereo.flac"
    at.file_uploader[0].upload(clip.name, clip.read_bytes(), "audio/flac")
    at.text_input(key="review_company").input("Hooli")
    at.button[0].click().run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert error.startswith("The English language model") and error.endswith("Nothing was saved.")
    assert not [p for p in (tmp_path / "recordings").rglob("*") if p.is_file()]
    db = store.open_store(load_settings(tmp_path))
    try:
        assert store.list_interviews(db) == []
    finally:
        db.close()


def test_silence_keeps_the_interview_and_the_recording(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("review").run()
    at.file_uploader[0].upload("quiet.wav", (DATA / "silence.wav").read_bytes(), "audio/wav")
    at.text_input(key="review_company").input("Initech")
    at.button[0].click().run()
    assert not at.exception
    assert len(at.error) == 1 and "The recording is kept with the interview in your log" in at.error[0].value
    [kept] = list((tmp_path / "recordings").rglob("*.wav"))
    assert "Debrief" in [s.value for s in at.subheader]  # the debrief can still be written
    # the recording belongs to the interview logged (it had been a stray file no delete reached):
    # deleting the interview with its recordings removes it
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        [recording] = store.get_interview(db, interview["id"])["recordings"]
        assert db.absolute(recording["recording_path"]) == kept and not recording["turns"]
    finally:
        db.close()
    # the log says why the interview has no answers, naming the file as the user gave it
    shown = markdown_text(interviews_page().run()).replace("\\", "")
    # one recording, one sentence for what was found, as practice says it: it said "No speech was
    # found in quiet.wav (0:03 of audio: silence, noise or music)" where practice says "is silent"
    said = (
        "A recording of this interview could not be analysed: quiet.wav is silent; check it is the interview"
    )
    assert said in shown
    # a recording was uploaded: its count stays, not the "none reviewed yet" of a stage without one
    assert "**Answers analysed:** 0" in shown and "none reviewed yet" not in shown
    db = store.open_store(load_settings(tmp_path))
    try:
        store.delete_interview(db, interview["id"], keep_audio=False)
    finally:
        db.close()
    assert not kept.exists()


def test_a_two_voice_interview_is_cut_into_questions_and_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("review").run()
    clip = DATA / "interviews" / "interview_stereo.flac"
    at.file_uploader[0].upload(clip.name, clip.read_bytes(), "audio/flac")
    at.text_input(key="review_company").input("Hooli")
    at.selectbox(key="review_channel").set_value("left")
    at.button[0].click().run()
    assert not at.exception and not at.error
    text = markdown_text(at)
    assert "**You**" in text and "**Interviewer**" in text and "common login library" in text
    answers = [e.label.replace("\\", "") for e in at.expander if e.label.startswith("Answer ")]  # unescaped
    # a question that matched the bank is titled as the bank words it, what was heard said under it
    assert answers == [
        "Answer 1: Tell me about a time you led a project or team without formal authority.",
        "Answer 2: Tell me about a time you had to learn something new very quickly.",
        "Answer 3: Do you have any questions for us?",
    ]
    heard = [c.value for c in at.caption if c.value.startswith("Matched to this question of the bank")]
    assert len(heard) == 3 and "Do you have any questions for me?" in heard[-1]
    # who is you, in words over the conversation (it read "Speakers told apart by: the candidate is
    # on the left channel.")
    assert "You: the left channel, as you said." in [c.value for c in at.caption]
    # how the conversation went, as `coach review` prints it, before the conversation and the answers
    drawn = [str(m.value) for m in at.markdown]
    went = drawn[drawn.index("### How the conversation went") + 1]
    assert drawn.index("### How the conversation went") < drawn.index("### The conversation")
    shares = r"- You spoke \d+% of the time \(0:\d\d\), the interviewer \d+% \(0:\d\d\); about 60–70%"
    assert re.match(shares, went), went
    assert "\n- You usually began answering " in went and "; you asked " in went, went
    # a talking point is heard at the moment of the recording the conversation above gives its
    # sentence, not at a time from the end of the question: "heard at 0:00" sat under "You 0:09"
    said_at = {
        m.value.split("  \n", 1)[1]: m.value.split(":gray[", 1)[1].split("]", 1)[0]
        for m in at.markdown
        if m.value.startswith("**You**")
    }
    heard = [
        re.search(r"heard :gray\[at (\d+:\d\d)\]:  \n> (.+)$", m.value, re.S).groups()
        for e in at.expander
        if e.label.startswith("Answer ")
        for m in e.markdown
        if "— heard :gray[at " in m.value
    ]
    assert heard
    for at_time, sentence in heard:
        [turn_at] = [when for turn, when in said_at.items() if sentence in turn]
        assert _seconds(at_time) >= _seconds(turn_at), (at_time, sentence, turn_at)
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        assert interview["company"] == "Hooli" and interview["answers"] == 3
    finally:
        db.close()
    # the words and voice windows stay in the private work folder for reviewing again
    assert list((tmp_path / "review-work").glob("*/chunk-*"))


def _seconds(clock: str) -> int:
    minutes, seconds = clock.split(":")
    return 60 * int(minutes) + int(seconds)


def _you_said(at) -> str:
    """Everything the conversation gives to "You"."""
    return " ".join(m.value for m in at.markdown if m.value.startswith("**You**"))


def test_picking_your_voice_reviews_again_without_transcribing_again(tmp_path, monkeypatch):
    """Issue 18: each voice has a snippet to play; picking the other one as yours swaps who said
    what, keeps one interview with one recording, and reuses the transcription (no chunk is
    written again)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = _reviewed("interview_mono.flac", DATA / "interviews" / "interview_mono.flac", "audio/flac", "Hooli")
    assert "### Who is who" in markdown_text(at)
    voices = at.radio(key="review_mine").options
    assert voices == ["Speaker 1", "Speaker 2"] and at.selectbox(key="review_people").value == "2"
    assert len(at.get("audio")) >= 3  # the recording and one snippet per voice
    first = _you_said(at)
    assert "In my last team" in first  # the candidate's answer, taken to be you
    # the guess said once, by the notice over the page; the conversation's caption said it again
    assert [w.value for w in at.warning if "who talks the most" in w.value] == [
        "No voice profile yet (it is built from your saved practice recordings), so speaker 1, who "
        "talks the most, was taken to be you."
    ]
    assert not [c.value for c in at.caption if "who talks the most" in c.value]
    chunks = {p: p.stat().st_mtime_ns for p in (tmp_path / "review-work").glob("*/chunk-*")}
    assert chunks
    before = _stored_answers(tmp_path)
    other = next(v for v in voices if v != at.radio(key="review_mine").value)
    at.radio(key="review_mine").set_value(other)
    next(b for b in at.button if b.label == "Review again with these").click().run()
    assert not at.exception and not at.error
    assert at.radio(key="review_mine").value == other
    assert f"You: {other.lower()}, as you said." in [c.value for c in at.caption]
    swapped = _you_said(at)
    assert swapped and "In my last team" not in swapped  # now the other voice is you
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "review-work").glob("*/chunk-*")} == chunks
    after = _stored_answers(tmp_path)  # one interview, one recording, its answers replaced
    assert after != before and [a for a in before if a.startswith("In my last team")]
    assert not [a for a in after if a.startswith("In my last team")]


def _stored_answers(data_dir) -> list[str]:
    db = store.open_store(load_settings(data_dir))
    try:
        [interview] = store.list_interviews(db)
        [recording] = store.get_interview(db, interview["id"])["recordings"]
        return [t["transcript"]["transcript"] for t in recording["turns"]]
    finally:
        db.close()


def test_saying_two_people_speak_splits_a_recording_heard_as_one_voice(tmp_path, monkeypatch):
    """A recording reviewed as one person (the user said so) can be reviewed again as two."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("review").run()
    clip = DATA / "interviews" / "interview_mono.flac"
    at.file_uploader[0].upload(clip.name, clip.read_bytes(), "audio/flac")
    at.text_input(key="review_company").input("Hooli")
    at.selectbox(key="review_speakers").set_value("1 (only me)")
    at.button[0].click().run()
    assert not at.exception and not at.error
    # one voice: no "Which voice is yours?" with the one choice "Speaker 1", which changed nothing
    assert not [r for r in at.radio if r.key == "review_mine"]
    assert "**Speaker 1** · taken to be you" in markdown_text(at)
    assert "**Interviewer**" not in markdown_text(at)
    at.selectbox(key="review_people").set_value("2")
    next(b for b in at.button if b.label == "Review again with these").click().run()
    assert not at.exception and not at.error
    assert at.radio(key="review_mine").options == ["Speaker 1", "Speaker 2"]
    assert "**Interviewer**" in markdown_text(at)
    assert any("pick yours" in w.value for w in at.warning)
    # "Which voice is yours?" picks the voice the new review took to be you, and sends it as a value
    # the browser takes: it kept the first review's pick beside "Speaker 2 · taken to be you"
    [yours] = [m.value for m in at.markdown if m.value.endswith("· taken to be you")]
    assert yours.startswith(f"**{at.radio(key='review_mine').value}**"), yours
    assert at.radio(key="review_mine").proto.set_value
    # the other voice is "the interviewer", as a person says it, not "taken to be interviewer"
    assert [
        m.value.split("· ")[1] for m in at.markdown if "· taken to be" in m.value and m.value != yours
    ] == ["taken to be the interviewer"]


def test_a_recording_heard_as_one_voice_stores_no_debrief_draft(tmp_path, monkeypatch):
    """One voice found where an interview has two: nothing is scored, so no draft is stored and the
    debrief form does not say "Started from what the review measured" (it did, over a draft whose
    only line was "You asked 0 questions of your own")."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = _reviewed("one voice.flac", DATA / "interviews" / "one_voice.flac", "audio/flac", "Hooli")
    assert any("Only one voice was found" in w.value for w in at.warning)
    # said plainly beside the page's own box (it read "…saying how many people speak (2).")
    assert any(
        w.value.endswith("If the interviewer speaks in it too, review it again saying 2 people speak.")
        for w in at.warning
    )
    # the box over it does not say "analysed" of a review that measured nothing
    assert [s.label for s in at.status] == ["Interview saved; nothing could be scored (why below)"]
    captions = "\n".join(c.value for c in at.caption)
    assert "Started from what the review measured" not in captions
    # its "100%" is no share of a conversation: nothing is said of how the conversation went
    assert "How the conversation went" not in markdown_text(at)
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        # no empty draft is stored as if it were the user's debrief (the log showed one)
        assert store.list_debriefs(db, interview_id=interview["id"]) == []
    finally:
        db.close()
    key = f"review_debrief_{interview['id']}"
    assert _field(at, key, "could_be_better").value == ""
    # the notice asks to say two people speak, and the box below offers it (it offered "1 (only
    # me)", so one press of "Review again with these" scored the interviewer's words as yours)
    assert at.selectbox(key="review_people").value == "2"
    # one name for it, the notice's, on the upload form's box and on this one (the form's read
    # "Number of speakers")
    assert at.selectbox(key="review_speakers").label == "How many people speak"
    assert at.selectbox(key="review_people").label == "How many people speak"


@pytest.mark.parametrize(
    ("clip", "people", "why"),
    [
        ("one_voice.flac", "found by the coach", "Only one voice was found"),
        ("fillers.wav", "2", "No question from the interviewer was recognised"),  # nothing on it is asked
    ],
)
def test_a_review_that_scored_nothing_says_why_once_and_shows_the_words_once(
    tmp_path, monkeypatch, clip, people, why
):
    """The phone call heard as one voice (or told two voices, no question heard): the page said
    why nothing was scored over the review, then again in "Answer 1: The whole recording" ("No
    interviewer question was recognised…", in other words, without what to do), over the same
    words as "The conversation" above it. Said once, with what to do, and the words shown once."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    path = DATA / "interviews" / clip if clip == "one_voice.flac" else DATA / clip
    at = page("review").run()
    at.file_uploader[0].upload(
        clip, path.read_bytes(), "audio/flac" if clip.endswith("flac") else "audio/wav"
    )
    at.text_input(key="review_company").input("Hooli")
    at.selectbox(key="review_speakers").set_value(people)
    at.button[0].click().run()
    assert not at.exception and not at.error
    shown = [w.value for w in at.warning]
    assert len([w for w in shown if w.startswith(why)]) == 1, shown
    assert not [w for w in shown if "recognised" in w or "one voice" in w.lower() if not w.startswith(why)], (
        shown
    )
    assert not [e for e in at.expander if e.label.startswith("Answer ")]
    assert "Your answers, each analysed like a practice answer" not in markdown_text(at)
    assert "The conversation" in markdown_text(at)


def test_saving_the_debrief_edits_the_reviews_draft(tmp_path, monkeypatch):
    """The review writes a draft debrief from what it measured; the form starts from it and saving
    it updates that draft instead of adding a second debrief."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    # two voices: one voice heard (clean.mp3) measures nothing and stores no draft
    at = _reviewed("call.flac", DATA / "interviews" / "interview_mono.flac", "audio/flac", "Initech")
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        [draft] = store.list_debriefs(db, interview_id=interview["id"])
        key = f"review_debrief_{interview['id']}"
        # the draft is marked in the store by a line in words (not the command's name), which the
        # notes box does not show as if the user had written it: the box starts empty
        assert "coach review" not in draft["notes"] and draft["notes"].startswith("Measured by the coach's")
        assert _field(at, key, "notes").value == ""
        assert _field(at, key, "went_well").value == draft["went_well"]
        # one heading over the debrief: "Debrief" stood over "After it: the debrief"
        assert "Debrief" in [s.value for s in at.subheader]
        assert "After it: the debrief" not in markdown_text(at)
        assert "Write the debrief the same day" in markdown_text(at)  # what to do, still said
        # typed and not saved, the debrief was lost on opening another page, with nothing said (a
        # browser sends a form's fields only with its button); the tab keeps it now, and says so
        assert shared.KEPT_UNTIL_SAVED in [c.value for c in at.caption]
        # the short reply the review could not measure is said last under what could be better, as
        # `coach review` prints it; it stood under what went well, as if it had gone well
        assert "not measured (" not in draft["went_well"]
        unmeasured = "1 answer not measured (too short, or the sound unusable), left out of the counts above."
        assert _field(at, key, "could_be_better").value.splitlines()[-1] == unmeasured
        _field(at, key, "skill_gaps").input("pricing conversations")
        _field(at, key, "questions_asked").input("How do you price a new feature?")
        at.segmented_control(key=f"{key}_interest").set_value(5)
        [b for b in at.button if b.label == "Save debrief"][0].click().run()
        assert not at.exception and not at.error
        assert any(s.value.startswith("Debrief saved.") for s in at.success)
        [saved] = store.list_debriefs(db, interview_id=interview["id"])
        assert saved["id"] == draft["id"]
        assert (saved["skill_gaps"], saved["interest"]) == ("pricing conversations", 5)
        assert saved["went_well"] == draft["went_well"]  # the measured facts stay unless changed
        assert "How do you price a new feature?" in saved["notes"]
        # more typed after the save and saved again: the page's run after a save had started the
        # form again from the store, so the second save wrote the first one's text over the typing
        _field(at, key, "skill_gaps").input("pricing conversations\nSQL window functions")
        [b for b in at.button if b.label == "Save debrief"][0].click().run()
        assert not at.exception and not at.error
        [saved] = store.list_debriefs(db, interview_id=interview["id"])
        assert saved["skill_gaps"] == "pricing conversations\nSQL window functions", saved["skill_gaps"]
        assert _field(at, key, "skill_gaps").value == "pricing conversations\nSQL window functions"
    finally:
        db.close()


def _saved_review(data_dir) -> dict:
    """What a review left in the store: each answer's row and the debrief draft, without ids or times."""
    db = store.open_store(load_settings(data_dir))
    try:
        [listed] = store.list_interviews(db)
        interview = store.get_interview(db, listed["id"])
    finally:
        db.close()
    own = {"id", "uid", "interview_recording_id", "created_at"}
    [recording] = interview["recordings"]
    return {
        "answers": [{k: v for k, v in turn.items() if k not in own} for turn in recording["turns"]],
        "draft": [(d["went_well"], d["could_be_better"], d["notes"]) for d in interview["debriefs"]],
    }


def test_the_page_and_coach_review_save_the_same_answers(tmp_path, monkeypatch, earlier_reviews):
    """One orchestrator: told there are two speakers, a talk with no interviewer question (nothing
    on fillers.wav is asked) keeps the whole recording as one answer, unscored, whether reviewed on
    the page or by `coach review --save` (the command once saved no answer at all). The command
    starts from the page's review work, and finds it its own: it hears the recording with the same
    settings, so it writes no chunk again (it had transcribed the clip a second time)."""
    import shutil

    from coach.config import REVIEW_WORK_FOLDER
    from tests.cli_support import run_coach

    earlier_reviews(tmp_path / "page")
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "page"))
    at = page("review").run()
    at.file_uploader[0].upload("call.wav", (DATA / "fillers.wav").read_bytes(), "audio/wav")
    at.text_input(key="review_company").input("Acme")
    at.selectbox(key="review_speakers").set_value("2")
    at.button[0].click().run()
    assert not at.exception and not at.error

    work = tmp_path / "cli" / REVIEW_WORK_FOLDER
    shutil.copytree(tmp_path / "page" / REVIEW_WORK_FOLDER, work)
    chunks = {p: p.stat().st_mtime_ns for p in work.glob("*/chunk-*")}
    assert chunks
    args = ["review", str(DATA / "fillers.wav"), "--speakers", "2", "--save", "--company", "Acme"]
    done = run_coach(*args, "--json", "--no-progress", data_dir=tmp_path / "cli")
    assert done.returncode == 0, done.stderr
    assert {p: p.stat().st_mtime_ns for p in work.glob("*/chunk-*")} == chunks

    on_page, by_command = _saved_review(tmp_path / "page"), _saved_review(tmp_path / "cli")
    [answer] = on_page["answers"]
    assert answer["question_text"] == "" and answer["transcript"] and answer["score_overall"] is None
    assert by_command == on_page


def test_reviewing_again_brings_the_debrief_draft_up_to_date_and_keeps_what_you_wrote(tmp_path, monkeypatch):
    """Issue 18: after "Review again with these", the debrief's measured lines are the new
    review's (the old review's are gone, from the store and from the form on the page), while the
    lines the user added and a field only they fill stay as they wrote them."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = _reviewed("interview_mono.flac", DATA / "interviews" / "interview_mono.flac", "audio/flac", "Hooli")
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        [first] = store.list_debriefs(db, interview_id=interview["id"])
        assert first["went_well"]  # the review measured something that went well
        key = f"review_debrief_{interview['id']}"
        mine = {
            "went_well": "The interviewer was friendly and knew the product well.",
            "could_be_better": "I rushed the last answer.",
        }
        for field, line in mine.items():
            _field(at, key, field).input(f"{first[field]}\n{line}".strip())
        _field(at, key, "skill_gaps").input("system design")
        [b for b in at.button if b.label == "Save debrief"][0].click().run()
        assert not at.exception and not at.error

        voices = at.radio(key="review_mine").options
        other = next(v for v in voices if v != at.radio(key="review_mine").value)
        at.radio(key="review_mine").set_value(other)
        next(b for b in at.button if b.label == "Review again with these").click().run()
        assert not at.exception and not at.error

        [again] = store.list_debriefs(db, interview_id=interview["id"])
        assert again["id"] == first["id"]  # the same debrief, brought up to date, not a second one
        redone = _draft_for(tmp_path, int(other.split()[1]))
        assert redone["went_well"] != first["went_well"]  # the other voice measures differently
        for field, line in mine.items():
            expected = "\n".join(filter(None, [redone[field], line]))
            assert again[field] == expected  # stored: the new measured lines, then the user's
            assert _field(at, key, field).value == expected  # and so on the page
        assert again["skill_gaps"] == "system design"
        assert _field(at, key, "skill_gaps").value == "system design"
    finally:
        db.close()


def _press(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception


def test_reviewing_again_sends_the_new_measured_lines_to_the_browser(tmp_path, monkeypatch):
    """A tester's browser kept the first review's lines ("You spoke 78%…") in the debrief form
    after "Review again with these" with another number of people, and "Save debrief" stored
    them: the form dropped what it held to start again from the stored debrief, but a browser keeps
    showing (and sends back) a field's old text unless the page sends it the new text, which it did
    not. Now it does, as a new field (shared.field_key), so that what is shown is what is saved
    (in Chromium: tests/e2e/test_review_again_browser.py)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = _reviewed("interview_mono.flac", DATA / "interviews" / "interview_mono.flac", "audio/flac", "Hooli")
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        [first] = store.list_debriefs(db, interview_id=interview["id"])
        key = f"review_debrief_{interview['id']}"
        at.selectbox(key="review_people").set_value("1 (only me)")
        _press(at, "Review again with these")
        assert not at.error
        [again] = store.list_debriefs(db, interview_id=interview["id"])
        assert again["went_well"] != first["went_well"]  # one voice measures other things, or none
        for field in ("went_well", "could_be_better"):
            shown = _field(at, key, field)
            assert shown.value == (again[field] or "")
            if again[field] != first[field]:  # the browser is sent the new text to show in place of its own
                assert shown.proto.set_value and shown.proto.value == (again[field] or ""), field
        _press(at, "Save debrief")
        assert not at.error
        [saved] = store.list_debriefs(db, interview_id=interview["id"])
        assert saved["went_well"] == again["went_well"]
    finally:
        db.close()


def test_reviewing_again_keeps_the_lines_of_a_debrief_not_saved_yet(tmp_path, monkeypatch):
    """Lines the form holds that are not stored (here its save was refused: a name longer than
    the log keeps) stay after "Review again with these", beside the new review's measured lines:
    the stored debrief had changed, so the form started again from it and they were gone. (Text
    typed and not saved is sent by a browser with the press, a button of the debrief's form: the
    browser test shows it kept.)"""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = _reviewed("interview_mono.flac", DATA / "interviews" / "interview_mono.flac", "audio/flac", "Hooli")
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        [first] = store.list_debriefs(db, interview_id=interview["id"])
        key = f"review_debrief_{interview['id']}"
        mine = "The interviewer was friendly and knew the product well."
        _field(at, key, "went_well").input(f"{first['went_well']}\n{mine}".strip())
        _field(at, key, "skill_gaps").input("system design")
        _field(at, key, "people_met").input("Dana " + "x" * 300)  # longer than a name is kept
        _press(at, "Save debrief")
        assert at.error  # refused: nothing of it stored
        assert store.list_debriefs(db, interview_id=interview["id"]) == [first]

        voices = at.radio(key="review_mine").options
        at.radio(key="review_mine").set_value(
            next(v for v in voices if v != at.radio(key="review_mine").value)
        )
        _press(at, "Review again with these")
        assert not at.error
        [again] = store.list_debriefs(db, interview_id=interview["id"])
        assert again["went_well"] != first["went_well"] and mine not in again["went_well"]
        expected = "\n".join(filter(None, [again["went_well"], mine]))  # the new lines, then the user's
        assert _field(at, key, "went_well").value == expected
        assert _field(at, key, "skill_gaps").value == "system design"

        _field(at, key, "people_met").input("Dana Ortiz — hiring manager")
        _press(at, "Save debrief")
        assert not at.error
        [saved] = store.list_debriefs(db, interview_id=interview["id"])
        assert (saved["went_well"], saved["skill_gaps"]) == (expected, "system design")
    finally:
        db.close()


def _draft_for(data_dir, speaker: int) -> dict:
    """The debrief draft of the stored recording reviewed with `speaker` as the user, as the page's
    "Review again" asks for it (the kept words and takes make this quick)."""
    from coach.banks import load_questions
    from coach.interview.review import ReviewOptions, review

    settings = load_settings(data_dir)
    db = store.open_store(settings)
    try:
        [interview] = store.list_interviews(db)
        [recording] = store.get_interview(db, interview["id"])["recordings"]
        kept = store.interview_recording(db, recording["id"])
        path = db.absolute(kept["recording_path"])
    finally:
        db.close()
    options = ReviewOptions(n_speakers=2, candidate_speaker=speaker)
    questions = load_questions(settings.data_dir)
    result = review(path, settings, options, questions=questions, sha256=kept["recording_sha256"])
    return result["debrief_draft"]


def test_a_recording_goes_to_the_interview_already_in_the_log(tmp_path, monkeypatch):
    """Logged on the Interviews page before it took place, then reviewed: one interview, not two."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(
            db,
            company="Globex",
            role="Platform engineer",
            stage="recruiter screen",
            interview_date="2026-11-30",
        )
        logged = store.add_interview(
            db, company="Globex", role="Platform engineer", stage="first round", interview_date="2026-11-30"
        )
    finally:
        db.close()
    at = page("review").run()
    assert not at.exception
    choice = at.selectbox(key="review_interview")
    assert choice.value == 0  # a new one unless the user picks
    # the same company and day at two stages read apart, the day and the stage first
    after_the_day = [o.split(" · ", 1)[-1] for o in choice.options if "30 Nov" in o]
    assert sorted(after_the_day) == [
        "first round · Globex — Platform engineer",
        "recruiter screen · Globex — Platform engineer",
    ], choice.options
    choice.set_value(logged).run()
    assert not at.exception
    assert not [t for t in at.text_input if t.key == "review_company"]  # nothing to type again
    at.file_uploader[0].upload("call.mp3", (DATA / "clean.mp3").read_bytes(), "audio/mpeg")
    [b for b in at.button if b.label == "Analyse the interview"][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = [i for i in store.list_interviews(db) if i["id"] == logged]
        assert len(store.list_interviews(db)) == 2  # no third one logged
        assert interview["answers"] == 1 and len(store.get_interview(db, logged)["recordings"]) == 1
    finally:
        db.close()
    # the form is emptied as soon as the review is saved, the result still said: it showed the file
    # until the next run, and a recording dropped on it then was dropped by that run, "Choose the
    # recording first" said though one was chosen
    assert at.file_uploader[0].value is None
    assert [s.label for s in at.status] == ["Interview saved; nothing could be scored (why below)"]
    at.file_uploader[0].upload("notes.wav", (DATA / "not_audio.wav").read_bytes(), "audio/wav")
    [b for b in at.button if b.label == "Analyse the interview"][0].click().run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "notes.wav is not audio the coach can read" in error, error


def test_reviewing_the_interview_again_from_a_new_upload_keeps_one_debrief(tmp_path, monkeypatch):
    """The same interview uploaded again (the same recording, or another of it) brings its one
    debrief up to date, as "Review again" does: no second draft, what the user wrote kept, in the
    store and in the form on the page."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    clip = DATA / "interviews" / "interview_mono.flac"  # two voices, so the review drafts a debrief
    at = _reviewed("call.flac", clip, "audio/flac", "Initech")
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        [first] = store.list_debriefs(db, interview_id=interview["id"])
        key = f"review_debrief_{interview['id']}"
        mine = "The interviewer liked the tracing story."
        _field(at, key, "went_well").input(f"{first['went_well']}\n{mine}".strip())
        _field(at, key, "skill_gaps").input("pricing conversations")
        [b for b in at.button if b.label == "Save debrief"][0].click().run()
        assert not at.exception and not at.error

        at.selectbox(key="review_interview").set_value(interview["id"]).run()
        at.file_uploader[0].upload("call-again.flac", clip.read_bytes(), "audio/flac")
        [b for b in at.button if b.label == "Analyse the interview"][0].click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        # the same bytes: one copy kept, its answers replaced rather than listed twice
        assert len(store.get_interview(db, interview["id"])["recordings"]) == 1
        [again] = store.list_debriefs(db, interview_id=interview["id"])  # one debrief, not two
        assert again["id"] == first["id"]
        assert again["went_well"] == "\n".join(filter(None, [first["went_well"], mine]))
        assert again["went_well"].count("You spoke") == first["went_well"].count("You spoke")  # not doubled
        assert again["skill_gaps"] == "pricing conversations"
        assert _field(at, key, "went_well").value == again["went_well"]
    finally:
        db.close()


def test_after_another_voice_is_picked_only_the_interviewers_questions_reach_the_bank(tmp_path, monkeypatch):
    """The "questions they asked" list follows the voice picked as the user's: with the wrong one it
    holds the user's own sentences, so once another voice is picked and the interview reviewed
    again, the list is the new review's questions (lines the user typed stay: test_app_helpers),
    so saving the debrief adds none of the old ones."""
    from coach import banks
    from coach.debrief import heard_questions

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = _reviewed("interview_mono.flac", DATA / "interviews" / "interview_mono.flac", "audio/flac", "Hooli")
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        key = f"review_debrief_{interview['id']}"
        before = heard_questions(store.get_interview(db, interview["id"]), load_settings(tmp_path))
        assert _field(at, key, "questions_asked").value.splitlines() == before  # offered until the user saves

        radio = at.radio(key="review_mine")
        radio.set_value(next(v for v in radio.options if v != radio.value))
        next(b for b in at.button if b.label == "Review again with these").click().run()
        assert not at.exception and not at.error
        now = heard_questions(store.get_interview(db, interview["id"]), load_settings(tmp_path))
        dropped = [q for q in before if q not in now]
        assert dropped, (before, now)  # the other voice hears other questions: the check means something
        assert _field(at, key, "questions_asked").value.splitlines() == now

        [b for b in at.button if b.label == "Save debrief"][0].click().run()
        assert not at.exception and not at.error
        own = {q.text for q in banks.load_questions(tmp_path) if q.source != "bank"}
        assert not own & set(dropped), own & set(dropped)
    finally:
        db.close()


def test_questions_saved_with_the_wrong_voice_leave_the_bank_when_the_debrief_is_saved_again(
    tmp_path, monkeypatch
):
    """Saved with one voice picked as the user's, the debrief listed what that review heard as the
    interviewer's questions (in the bank's words where the review matched them, so none is added
    twice); after the other voice is picked and reviewed again, the stored list holds the new
    review's questions and the typed one; saved again, the questions the new
    review no longer hears are not in the user's own questions, and a question the user typed into
    the list stays. (A question taken out of a debrief leaving the bank: test_app_interviews.)"""
    from coach import banks
    from coach.debrief import heard_questions, latest_debrief, questions_in_notes

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = _reviewed("interview_mono.flac", DATA / "interviews" / "interview_mono.flac", "audio/flac", "Hooli")
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        key = f"review_debrief_{interview['id']}"
        mine = "How do you run your on-call rotation?"
        asked = _field(at, key, "questions_asked")
        asked.input(f"{asked.value}\n{mine}")
        [b for b in at.button if b.label == "Save debrief"][0].click().run()
        assert not at.exception and not at.error
        before = heard_questions(store.get_interview(db, interview["id"]), load_settings(tmp_path))
        own = {q.text for q in banks.load_questions(tmp_path) if q.source != "bank"}
        bank = {q.text for q in banks.load_questions(tmp_path)}
        assert mine in own and set(before) <= bank  # the first pick's questions are all in the bank

        radio = at.radio(key="review_mine")
        radio.set_value(next(v for v in radio.options if v != radio.value))
        next(b for b in at.button if b.label == "Review again with these").click().run()
        assert not at.exception and not at.error
        now = heard_questions(store.get_interview(db, interview["id"]), load_settings(tmp_path))
        dropped = [q for q in before if q not in now]
        assert dropped, (before, now)
        # the stored debrief follows at once, before any save: the Interviews page lists its
        # questions, and had kept the old review's until the form was saved again
        notes = latest_debrief(store.get_interview(db, interview["id"])["debriefs"])["notes"]
        assert questions_in_notes(notes) == [*now, mine]
        [b for b in at.button if b.label == "Save debrief"][0].click().run()
        assert not at.exception and not at.error
        own = {q.text for q in banks.load_questions(tmp_path) if q.source != "bank"}
        assert not own & set(dropped), own & set(dropped)
        assert mine in own
    finally:
        db.close()


def test_questions_matched_to_the_bank_are_offered_in_the_banks_words(tmp_path, monkeypatch):
    """tiny.en hears "Tell me about a time you led a project…" as "tell me an outer time new leather
    project…"; the review matches it to the bank. The debrief's "questions they asked" gives the
    bank's wording, so saving it adds no misheard copy of a bank question to the user's own."""
    from coach import banks

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    clip = DATA / "interviews" / "interview_stereo.flac"
    at = _reviewed("interview.flac", clip, "audio/flac", "Globex")
    matched = [a for a in at.session_state["review_result"]["answers"] if a.get("bank_question")]
    assert len(matched) >= 2, "the clip's questions match the bank: the check means something"
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
    finally:
        db.close()
    offered = at.text_area(key=f"review_debrief_{interview['id']}_questions_asked").value.splitlines()
    for answer in matched:
        assert answer["bank_question"] in offered, (answer["bank_question"], offered)
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    own = [q.text for q in banks.load_questions(tmp_path) if q.source != "bank"]
    misheard = [a["question_text"] for a in matched]
    assert not [
        q for q in own if any(banks.normalised_text(q) in banks.normalised_text(m) for m in misheard)
    ], (
        own,
        misheard,
    )


def test_the_debrief_names_the_people_the_interview_already_has(tmp_path, monkeypatch):
    """The form's "People met" box starts empty (people typed are added on save), so the people
    the interview already has are named under it; before, the Review page showed none of them."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        logged = store.add_interview(db, company="Globex", stage="first round", interview_date="2026-11-30")
        store.add_person(db, logged, name="Dana Ortiz", title="hiring manager")
    finally:
        db.close()
    at = page("review").run()
    at.selectbox(key="review_interview").set_value(logged).run()
    at.file_uploader[0].upload("call.mp3", (DATA / "clean.mp3").read_bytes(), "audio/mpeg")
    [b for b in at.button if b.label == "Analyse the interview"][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    captions = [c.value.replace("\\", "") for c in at.caption]  # as drawn, without markdown escapes
    assert any(c.startswith("Already recorded: Dana Ortiz — hiring manager.") for c in captions), captions


def test_an_offer_or_a_rejection_is_not_offered_as_the_interview_a_recording_belongs_to(
    tmp_path, monkeypatch
):
    """An offer, a rejection or a withdrawal logged as a stage is no interview to review, so the
    picker leaves it out; one that already has reviewed answers stays, so they remain reachable."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(db, company="Globex", stage="first round", interview_date="2026-11-20")
        store.add_interview(db, company="Globex", stage="offer", interview_date="2026-11-28")
        store.add_interview(db, company="Initech", stage="Rejected by email", interview_date="2026-11-25")
        store.add_interview(db, company="Umbrella", stage="withdrew", interview_date="2026-11-26")
        answered = store.add_interview(db, company="Hooli", stage="offer call", interview_date="2026-11-27")
        store.save_interview_recording(
            db,
            answered,
            recording=None,
            transcript={"transcript": "Tell me about yourself."},
            answers=[{"question_text": "Tell me about yourself.", "transcript": None, "analysis": None}],
            engine="faster-whisper",
            model="tiny.en",
        )
    finally:
        db.close()
    at = page("review").run()
    assert not at.exception
    options = at.selectbox(key="review_interview").options
    assert [o.split(" · ", 1)[-1] for o in options] == [  # after the day
        "A new one (fill in the company below)",
        "offer call · Hooli · nothing measured",  # no score, no audio kept
        "first round · Globex",
    ], options


@pytest.mark.skipif(
    __import__("coach.transcribe.models", fromlist=["is_installed"]).is_installed("base"),
    reason="Whisper base is installed here (`make models`): Settings offers More accurate",
)
def test_a_phone_recording_is_not_sent_to_a_choice_settings_does_not_offer(tmp_path, monkeypatch):
    """A phone call reviewed with only Quick here: the page said "More accurate, in Settings, hears
    phone recordings better", and Settings listed Quick and Quick, second engine only, with a note
    beneath on how to add a more accurate model. It says now that one can be added, as Settings does."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("review").run()
    at.file_uploader[0].upload("call.wav", (DATA / "phone_8k.wav").read_bytes(), "audio/wav")
    at.text_input(key="review_company").input("Hooli")
    at.selectbox(key="review_speakers").set_value("1 (only me)")
    at.button[0].click().run()
    assert not at.exception and not at.error
    [phone] = [w.value for w in at.warning if w.value.startswith("This is a phone recording")]
    assert "More accurate, in Settings" not in phone, phone
    assert phone.endswith(summary.MORE_ACCURATE_TO_ADD), phone
    settings = page("settings").run()
    [model] = [s for s in settings.selectbox if s.label == "Speech recognition"]
    assert "More accurate" not in model.options  # the choice the sentence no longer names
    assert shared.more_accurate_model_sentence(load_settings(tmp_path)) in [c.value for c in settings.caption]
