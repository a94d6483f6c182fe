"""Multi-user mode in the app: without a trusted identity every page shows one sentence and no data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from app_support import ROOT, page, recommended_ids
from store_support import analysis_dict, record, save_answer, transcript_dict, wav_bytes

from coach import banks, store
from coach.audio import save_recording
from coach.config import load_settings
from coach.data_admin import export_bytes
from coach.errors import MODEL_IS_THE_STAFFS
from coach.identity import SIGN_IN
from coach.ui import shared

PAGES = ("practice", "mock", "questions", "progress", "review", "interviews", "settings")


def _shown(at) -> str:
    """Every piece of text the page put on screen."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "text"):
        parts += [str(element.value) for element in getattr(at, kind)]
    parts += [str(m.label) + str(m.value) for m in at.metric]
    parts += [str(b.label) for b in at.button]
    return "\n".join(parts)


def _seed(data_dir) -> None:
    """The single user's and one cohort member's rows, each with words no sign-in page may show."""
    db = store.open_store(load_settings(data_dir))
    try:
        for who, company in (("", "Solo Secret Ltd"), ("ana@example.edu", "Ana Secret Corp")):
            mine = db.for_owner(who)
            store.add_interview(mine, company=company, interview_date="2026-11-20")
            store.save_attempt(
                mine,
                question_id="swe-beh-01",
                question_text="Tell me about a conflict.",
                recording=None,
                transcript=transcript_dict(f"{company} answer"),
                analysis=analysis_dict(text=f"{company} answer"),
                engine="faster-whisper",
                model="tiny.en",
            )
    finally:
        db.close()


@pytest.mark.parametrize("name", PAGES)
def test_multi_user_mode_without_an_identity_shows_the_sign_in_sentence_only(name, tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    _seed(tmp_path)
    (tmp_path / "settings.toml").write_text("multi_user = true\n")
    at = page(name).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [SIGN_IN]
    shown = _shown(at)
    assert "Secret" not in shown and str(tmp_path) not in shown
    assert len(at.title) == 0  # the page itself never started


def test_a_user_named_in_the_server_environment_is_not_an_identity(tmp_path, monkeypatch):
    """COACH_USER is the command line's; the app believes only the proxy's header."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_USER", "ana@example.edu")
    _seed(tmp_path)
    (tmp_path / "settings.toml").write_text("multi_user = true\n")
    at = page("progress").run()
    assert not at.exception
    assert [w.value for w in at.warning] == [SIGN_IN]
    assert "Secret" not in _shown(at)


def test_single_user_mode_shows_the_single_users_data_only(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    _seed(tmp_path)
    at = page("interviews").run()
    assert not at.exception and not at.warning
    shown = _shown(at)
    assert "Solo Secret Ltd" in shown and "Ana Secret Corp" not in shown


# ---------------------------------------------------------------- each person's own role

SALES_DEAL = "sales-02"  # "Tell me about the biggest deal you closed."
STAFF = "careers@example.edu"


def _signed_in(name: str, who: str):
    """The page as `who` opens it, signed in through Streamlit's own login (an identity provider
    configured, the person logged in): the identity the app believes without a proxy."""
    at = page(name)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test"}
    at.user = {"is_logged_in": True, "email": who}
    return at


def _with_a_negotiation_gap(data_dir, who: str) -> None:
    """A debrief naming "negotiation" (with no role, a sales question is picked for it) and an
    answer a month ago, so the picks are for the gap and not a starter set."""
    db = store.open_store(load_settings(data_dir)).for_owner(who)
    try:
        past = store.add_interview(
            db, company="Acme", role="Backend engineer", interview_date=date.today() - timedelta(days=10)
        )
        store.add_debrief(db, past, interest=3, skill_gaps="negotiation")
        save_answer(
            db, "mot-05", "Tell me about yourself.", created_at=datetime.now(UTC) - timedelta(days=30)
        )
    finally:
        db.close()


def test_a_student_saves_their_own_role_and_practice_follows_it_for_them_only(tmp_path, monkeypatch):
    """In a cohort settings.toml is everyone's and staff's to change, so a student could not choose
    a role at all: the engineers, designers and sales people of one cohort all got every role's
    questions. Now each signed-in person saves their own, and only their Practice follows it."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    cohort_file = f'multi_user = true\nstaff = ["{STAFF}"]\n'
    (tmp_path / "settings.toml").write_text(cohort_file)
    for who in ("ana@example.edu", "ben@example.edu"):
        _with_a_negotiation_gap(tmp_path, who)

    settings = _signed_in("settings", "ana@example.edu").run()
    assert not settings.exception and SIGN_IN not in [w.value for w in settings.warning]
    assert [s.key for s in settings.selectbox] == ["settings_role"]  # the shared ones stay staff's
    settings.selectbox(key="settings_role").set_value("software-engineer")
    [b for b in settings.button if b.label == "Save your role" and "role" in str(b.form_id)][0].click().run()
    assert not settings.exception and not settings.error
    assert [s.value for s in settings.success] == [
        "Saved: questions for software engineering roles and for any role."
    ]
    assert (tmp_path / "settings.toml").read_text() == cohort_file  # the cohort's file untouched

    practice = _signed_in("practice", "ana@example.edu").run()
    assert not practice.exception
    picks = recommended_ids(practice)
    questions = {q.id: q for q in banks.load_questions(tmp_path)}
    assert picks and SALES_DEAL not in picks, picks
    assert all({"software-engineer", "any"} & set(questions[i].roles) for i in picks), picks
    assert "Questions for software engineering roles and for any role: your role, set in Settings." in [
        c.value for c in practice.caption
    ]

    bens = _signed_in("practice", "ben@example.edu").run()  # Ben chose none: Ana's role is hers only
    assert not bens.exception
    assert SALES_DEAL in recommended_ids(bens), recommended_ids(bens)

    again = _signed_in("settings", "ana@example.edu").run()
    assert again.selectbox(key="settings_role").value == "software-engineer"
    staff = _signed_in("settings", STAFF).run()
    assert not staff.exception
    assert staff.selectbox(key="settings_role").value == "any"  # staff's own role, not Ana's
    assert len(staff.selectbox) == 2  # and the speech recognition they choose for everyone
    # and the page says so: a threshold saved here changes every student's feedback, not only theirs
    assert "applies to everyone's next answer" in _shown(staff)
    assert "applies to everyone's next answer" not in _shown(again)


def test_the_role_the_host_set_is_a_students_until_they_choose_their_own_any_role_included(
    tmp_path, monkeypatch
):
    """A host's role in settings.toml was ignored in a cohort: a student who had chosen none got every
    role's questions. It is now their default, named as their organisation's on Settings and Practice,
    until they choose their own, "Any role" too."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    (tmp_path / "settings.toml").write_text(
        f'multi_user = true\nstaff = ["{STAFF}"]\nrole = "software-engineer"\n'
    )
    _with_a_negotiation_gap(tmp_path, "ben@example.edu")
    organisations = "Until you choose your own, this is the role your organisation set for everyone."

    settings = _signed_in("settings", "ben@example.edu").run()
    assert not settings.exception
    assert settings.selectbox(key="settings_role").value == "software-engineer"
    assert any(organisations in c.value for c in settings.caption)
    practice = _signed_in("practice", "ben@example.edu").run()
    assert not practice.exception
    questions = {q.id: q for q in banks.load_questions(tmp_path)}
    picks = recommended_ids(practice)
    assert picks and SALES_DEAL not in picks, picks
    assert all({"software-engineer", "any"} & set(questions[i].roles) for i in picks), picks
    assert (
        "Questions for software engineering roles and for any role: the role your organisation set for "
        "everyone; choose your own in Settings."
    ) in [c.value for c in practice.caption]

    settings.selectbox(key="settings_role").set_value("any")  # chosen: every role's questions
    [b for b in settings.button if b.label == "Save your role" and "role" in str(b.form_id)][0].click().run()
    assert [s.value for s in settings.success] == ["Saved: questions for any role."]
    again = _signed_in("settings", "ben@example.edu").run()
    assert again.selectbox(key="settings_role").value == "any"
    assert not any(organisations in c.value for c in again.caption)
    practice = _signed_in("practice", "ben@example.edu").run()
    assert SALES_DEAL in recommended_ids(practice), recommended_ids(practice)
    assert not any("organisation set" in c.value for c in practice.caption)


def test_a_speech_model_that_cannot_load_sends_a_student_to_the_staff_not_to_settings(tmp_path, monkeypatch):
    """The speech model is the staff's to choose; when the one they chose is not on the server, a
    student was told it "is not on this machine; choose Quick in Settings", which their Settings page
    does not offer. Now the student is told to ask the staff, and the staff are still sent to Settings."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    # a model no test machine holds offline (the shipped one is tiny.en)
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\nmodel = "large-v3"\n')
    said = {}
    for who in ("ana@example.edu", STAFF):
        at = _signed_in("practice", who).run(timeout=120)
        [b for b in at.button if b.label == "Answer your first question"][0].click().run(timeout=120)
        assert not at.exception
        said[who] = [e.value for e in at.error]
    assert said["ana@example.edu"] == [MODEL_IS_THE_STAFFS]
    assert "Settings" in said[STAFF][0] and said[STAFF] != said["ana@example.edu"]


def test_a_missing_language_model_is_said_as_the_servers_fault_not_the_speech_models(
    tmp_path, monkeypatch, language_model_missing
):
    """The English language model every answer is read with missing on the server: a student was told
    the speech recognition the staff chose could not be used (another speech model would not help),
    and the staff to choose another model in Settings. Now both read that the language model is
    missing on the server, and nobody is sent to Settings."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    said = {}
    for who in ("ana@example.edu", STAFF):
        at = _signed_in("practice", who).run(timeout=120)
        [b for b in at.button if b.label == "Answer your first question"][0].click().run(timeout=120)
        assert not at.exception
        said[who] = [e.value for e in at.error]
    for sentences in said.values():
        assert sentences == [
            "The English language model the coach reads answers with is missing on your organisation's "
            "server, so answers cannot be analysed for now, a fault on the server, not yours; tell your "
            "coaching staff."
        ]


def test_a_student_who_deletes_everything_is_not_told_the_servers_folder_names(tmp_path, monkeypatch):
    """ "Delete all data" said "All data deleted (recordings, review-work)." to a person of a cohort:
    the names of the server's folders. Now one sentence in their words, and only their data goes."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    _seed(tmp_path)
    anas = load_settings(tmp_path, owner="ana@example.edu")
    saved = record(anas, 300.0)  # a take of Ana's in her own recordings folder
    at = _signed_in("settings", "ana@example.edu").run()
    at.text_input[-1].input("DELETE")
    [b for b in at.button if b.label == "Delete everything"][0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "All your data is deleted: your answers, interviews, debriefs and recordings. "
        "Everyone else's is untouched."
    ]
    assert not saved.path.exists()
    db = store.open_store(load_settings(tmp_path))
    try:
        assert [i["company"] for i in store.list_interviews(db.for_owner("ana@example.edu"))] == []
        assert [i["company"] for i in store.list_interviews(db)] == ["Solo Secret Ltd"]  # not hers: kept
    finally:
        db.close()


# Words that mean the person's own computer or the coach's files: in a cohort everyone is in a browser
# and the coach runs on a server, whose README and folders they do not have.
NOT_ON_A_SERVER = ("this machine", "this computer", "laptop", "README", "coach's folder", "make models")


def _settings_words(at) -> str:
    """Every sentence the Settings page shows or keeps one hover or one click away (choices, help)."""
    parts = [_shown(at)]
    for kind in ("selectbox", "number_input", "toggle", "text_input", "expander"):
        for element in getattr(at, kind):
            parts += [str(getattr(element, "label", "")), str(getattr(element, "help", "") or "")]
            if kind == "selectbox":
                parts += [str(o) for o in element.options]
    return "\n".join(parts)


def test_settings_in_a_cohort_speak_of_the_server_not_this_machine_or_the_readme(tmp_path, monkeypatch):
    """Staff choose the cohort's speech model in a browser; Settings told them the Quick model "suits a
    laptop", the second engine is slower "on this computer" and a more accurate model is added as "the
    README's Transcription section says ... from the coach's folder". Staff and students alike now read
    about the server only."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    for who in (STAFF, "ana@example.edu"):
        at = _signed_in("settings", who).run()
        assert not at.exception
        words = _settings_words(at)
        assert "your organisation's server" in words
        assert not [w for w in NOT_ON_A_SERVER if w in words], (
            who,
            [w for w in NOT_ON_A_SERVER if w in words],
        )
    staff = _signed_in("settings", STAFF).run()
    [model] = [s for s in staff.selectbox if s.label == "Speech recognition"]
    here = "More accurate" in model.options  # the help names it as a choice only then
    assert model.help == (
        "Quick gives feedback within seconds; More accurate is worth the wait for phone recordings and "
        "real interviews."
        if here
        else "Quick gives feedback within seconds. A more accurate model is worth the wait for phone "
        "recordings and real interviews: the note under Save transcription settings says how to add it."
    ), model.help
    captions = [c.value for c in staff.caption]
    # each choice's cost is said beneath the box, its name alone in it (cut on a phone otherwise)
    assert any("Quick, second engine: the same words as Quick, several times slower" in c for c in captions)
    if shared.more_accurate_model_sentence(load_settings(tmp_path)) in captions:  # only the Quick one here
        assert any("added to the server" in c for c in captions), captions


def test_no_speech_model_at_all_is_the_servers_to_fix_for_staff_and_this_machines_for_the_single_user(
    tmp_path,
):
    cohort = replace(load_settings(tmp_path), multi_user=True, owner=STAFF)
    assert "No speech model is on the server" in shared.no_model_sentence(cohort)
    assert not [w for w in NOT_ON_A_SERVER if w in shared.no_model_sentence(cohort)]
    single = load_settings(tmp_path)
    assert "No speech model is on this machine" in shared.no_model_sentence(single)
    assert "README" in shared.more_accurate_model_sentence(single)  # the single user has the README


def test_a_student_restoring_a_backup_over_her_limits_is_told_so_in_one_sentence_and_keeps_her_data(
    tmp_path, monkeypatch
):
    """Settings → Restore put any backup, however large, onto the server's disk. Now a backup over
    the person's limits is one sentence naming no file or folder, and what she had stays."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "server"))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    _seed(tmp_path / "server")
    (tmp_path / "server" / "settings.toml").write_text(
        "multi_user = true\nuser_max_upload_mb = 1\nuser_uploads_per_hour = 1\n"  # a restore: 1 MB at most
    )
    home = load_settings(tmp_path / "home")  # her own coach's backup: one 40 s take, 1.2 MB
    db = store.open_store(home)
    try:
        save_answer(db, "mot-05", "Tell me about yourself.")
        store.save_attempt(
            db,
            question_id="swe-beh-01",
            question_text="Tell me about a conflict.",
            recording=save_recording(wav_bytes(seconds=40.0), home, original_name="take.wav"),
            transcript=transcript_dict(),
            analysis=analysis_dict(),
            engine="faster-whisper",
            model="tiny.en",
        )
        backup = export_bytes(db)[0]
    finally:
        db.close()
    at = _signed_in("settings", "ana@example.edu").run()
    [u for u in at.get("file_uploader") if u.key == "settings_import"][0].upload(
        "coach-backup-2026-12-02.zip", backup, "application/zip"
    ).run()
    [b for b in at.button if b.label == "Import it"][0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "This backup holds 1.3 MB; a backup restored here can hold at most 1 MB, so nothing was imported. "
        "Ask your coaching staff to restore it for you."
    ]
    assert not at.success
    server = store.open_store(load_settings(tmp_path / "server")).for_owner("ana@example.edu")
    try:
        assert [i["company"] for i in store.list_interviews(server)] == ["Ana Secret Corp"]
        assert [a["question_id"] for a in store.list_attempts(server)] == ["swe-beh-01"]
        assert not server.settings.recordings_dir.exists()
    finally:
        server.close()


FAULT_CHILD = """
import json, os, sys
sys.path.insert(0, sys.argv[1])
from app_support import DATA, page
for data_dir, name in json.loads(sys.argv[2]):
    os.environ["COACH_DATA_DIR"] = data_dir
    print(f"{sys.argv[3]}{name}", file=sys.stderr, flush=True)
    at = page(name)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test"}
    at.user = {"is_logged_in": True, "email": "ana@example.edu"}
    at.run()
    if name == "practice":
        at.button(key="practice_first_question").click().run()
        at.file_uploader[0].upload("take.wav", (DATA / "clean.wav").read_bytes(), "audio/wav").run()
    elif name == "review":
        at.file_uploader[0].upload("call.mp3", (DATA / "clean.mp3").read_bytes(), "audio/mpeg")
        at.text_input(key="review_company").input("Globex")
        at.button[0].click().run()
    else:
        at.button(key="mock_start").click().run()
    print(json.dumps({"exception": bool(at.exception), "errors": [e.value for e in at.error]}), flush=True)
"""
# Where the child's log (stderr) for one page starts: this, then the page's name.
PAGE_STARTS = "=== the page: "


def _as_a_server_that_may_not_write(cases: list[tuple[str, Path, Path]]) -> dict[str, tuple[dict, str]]:
    """Each page `name` of `cases` (name, data folder, folder) as Ana uses it while `folder` (hers,
    under that data folder) is not writable: what it showed, and the server's log while it ran. One
    child process runs them all, one after the other (a child each loaded the coach and its models
    again). Run with root's powers dropped, since root writes anywhere."""
    for _, _, folder in cases:
        folder.mkdir(parents=True)
        folder.chmod(0o500)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for variable in ("COACH_DATA_DIR", "COACH_DATABASE_URL", "COACH_USER", "COACH_MULTI_USER"):
        env.pop(variable, None)
    pages = json.dumps([[str(data_dir), name] for name, data_dir, _ in cases])
    command = [sys.executable, "-c", FAULT_CHILD, str(Path(__file__).parent), pages, PAGE_STARTS]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-all", "--", *command]
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, cwd=ROOT)
    finally:
        for _, _, folder in cases:
            folder.chmod(0o700)
    assert result.returncode == 0, result.stderr[-2000:]
    shown = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    logs = dict(part.split("\n", 1) for part in result.stderr.split(PAGE_STARTS)[1:])
    assert [name for name, _, _ in cases] == list(logs) and len(shown) == len(cases), result.stderr[-2000:]
    return {name: (said, logs[name]) for (name, _, _), said in zip(cases, shown, strict=True)}


@pytest.fixture(scope="module")
def may_not_write(tmp_path_factory) -> dict[str, tuple[Path, Path, dict, str]]:
    """Practice, Review and the mock interview, each on a cohort's data folder of its own whose
    folder the page writes Ana's files to (her recordings, the interviewer's questions) the server
    may not write: name -> (data folder, that folder, what the page showed, the server's log)."""
    cases = []
    for name in ("practice", "review", "mock"):
        data_dir = tmp_path_factory.mktemp(f"may-not-write-{name}")
        (data_dir / "settings.toml").write_text("multi_user = true\n")
        settings = load_settings(data_dir, owner="ana@example.edu")
        cases.append(
            (name, data_dir, settings.owners_folder("mock") if name == "mock" else settings.recordings_dir)
        )
    shown = _as_a_server_that_may_not_write(cases)
    return {name: (data_dir, folder, *shown[name]) for name, data_dir, folder in cases}


@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv to drop root's powers")
def test_a_server_that_cannot_write_a_students_recordings_folder_names_none_of_its_folders(may_not_write):
    """A recordings folder the server may not write said "Could not save the recording in
    /srv/…/recordings/users/<hash>/practice/2026-12 (Permission denied); … choose a writable data
    directory. Your recording is saved in your organisation's server." to a student: a server path,
    a fix that is not hers, and a take said to be kept that was not. Now one sentence in her words;
    the server's log keeps the folder and the reason."""
    _, folder, shown, log = may_not_write["practice"]
    assert not shown["exception"]
    assert shown["errors"] == [
        "Your organisation's server could not save your recording (permission denied), a fault on the "
        "server, not yours; try again later, and tell your coaching staff if it keeps happening."
    ]
    assert f"Could not save the recording in {folder}" in log  # the server's log keeps the detail
    assert not [p for p in folder.rglob("*") if p.is_file()]


@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv to drop root's powers")
def test_a_real_interview_the_server_cannot_save_is_not_said_to_be_kept(may_not_write):
    """Review said "Could not save the recording in /srv/… The recording is kept in your
    organisation's server. The interview is in your log", and logged it: none of it was true."""
    data_dir, folder, shown, log = may_not_write["review"]
    assert not shown["exception"]
    assert shown["errors"] == [
        "Your organisation's server could not save your recording (permission denied), a fault on the "
        "server, not yours; try again later, and tell your coaching staff if it keeps happening. "
        "Nothing was saved."
    ]
    assert f"Could not save the recording in {folder}" in log
    db = store.open_store(load_settings(data_dir)).for_owner("ana@example.edu")
    try:
        assert store.list_interviews(db) == []
    finally:
        db.close()


@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv to drop root's powers")
def test_a_server_that_cannot_write_the_interviewers_questions_says_so_without_a_traceback(may_not_write):
    """The mock interview writes the questions it speaks to a folder of the person's; one the server
    may not write raised PermissionError on the page, a traceback naming the server's folders."""
    _, folder, shown, log = may_not_write["mock"]
    assert not shown["exception"]
    assert shown["errors"] == [
        "Your organisation's server could not start the mock interview (permission denied), a fault on "
        "the server, not yours; try again later, and tell your coaching staff if it keeps happening."
    ]
    assert f"Could not write the interviewer's questions in {folder}" in log


ADD_INTERVIEW_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from app_support import page
at = page("interviews")
at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test"}
at.user = {"is_logged_in": True, "email": "ana@example.edu"}
at.run()
at.text_input[0].input("Globex")
[b for b in at.button if b.label == "Add interview"][0].click().run()
print(json.dumps({"exception": bool(at.exception), "errors": [e.value for e in at.error]}))
"""


@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv to drop root's powers")
def test_a_cohort_whose_database_file_cannot_be_written_names_no_file_of_the_server(tmp_path):
    """A cohort's SQLite file the server may not write said "The database /srv/…/coach.db is
    read-only; make its folder writable or set COACH_DATA_DIR …" to a student adding an interview: a
    server path and a fix that is not hers. Now one sentence in her words; the server's log keeps the file."""
    (tmp_path / "settings.toml").write_text("multi_user = true\n")
    settings = load_settings(tmp_path)
    store.open_store(settings).close()  # made and migrated, then the server loses the right to write it
    settings.database_path.chmod(0o400)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COACH_DATA_DIR": str(tmp_path)}
    for variable in ("COACH_DATABASE_URL", "COACH_USER", "COACH_MULTI_USER"):
        env.pop(variable, None)
    command = [sys.executable, "-c", ADD_INTERVIEW_CHILD, str(Path(__file__).parent)]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-all", "--", *command]
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, cwd=ROOT)
    finally:
        settings.database_path.chmod(0o600)
    assert result.returncode == 0, result.stderr[-2000:]
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert not shown["exception"]
    assert shown["errors"] == [
        "Your organisation's server could not use its database (read-only), a fault on the server, not "
        "yours; nothing was saved; try again later, and tell your coaching staff if it keeps happening."
    ]
    assert f"The database {settings.database_path} is read-only" in result.stderr  # the server's log


@pytest.mark.parametrize("chosen", ["large-v3", "a folder"])
def test_a_model_the_server_cannot_load_is_said_to_staff_as_the_servers_without_its_folder(
    chosen, tmp_path, monkeypatch, caplog
):
    """The staff of a cohort were told the model "is not on this machine" (their browser's machine
    holds no model) and, for a model folder that would not load, the loader's own text naming the
    server's folder. Now "your organisation's server", no folder; the server's log keeps it."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    folder = tmp_path / "server-models" / "whisper-broken"  # a folder holding no model
    folder.mkdir(parents=True)
    model = str(folder) if chosen == "a folder" else chosen  # large-v3: no test machine holds it offline
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\nmodel = "{model}"\n')
    at = _signed_in("practice", STAFF).run(timeout=120)
    with caplog.at_level("WARNING"):
        [b for b in at.button if b.label == "Answer your first question"][0].click().run(timeout=120)
    assert not at.exception
    said = [e.value for e in at.error]
    if chosen == "a folder":
        assert said == [
            "The chosen speech recognition could not be loaded on your organisation's server; reinstall it "
            "there, or choose Quick (it comes with the app) in Settings."
        ]
        assert f"The model folder {folder} could not be loaded" in caplog.text  # the server's log
    else:
        assert said == [
            "The chosen speech recognition is not on your organisation's server; choose Quick (it comes "
            "with the app) in Settings."
        ]
    assert "this machine" not in said[0] and str(tmp_path) not in said[0]


DATABASE_DOWN_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from app_support import page
shown = {}
for name in sys.argv[2:]:
    at = page(name)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test"}
    at.user = {"is_logged_in": True, "email": "ana@example.edu"}
    at.run()
    shown[name] = {"exception": [str(e.value) for e in at.exception], "errors": [e.value for e in at.error]}
print(json.dumps(shown))
"""


def test_a_cohort_whose_database_is_down_shows_a_sentence_not_a_traceback(tmp_path):
    """PostgreSQL stopped under a running cohort: every page showed a student Streamlit's traceback
    of the server's files ("coach.errors.StorageError: Cannot reach the database named by
    COACH_DATABASE_URL (connection failed: … 127.0.0.1, port 55433 …)"). Now one sentence each."""
    (tmp_path / "settings.toml").write_text("multi_user = true\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COACH_DATA_DIR": str(tmp_path)}
    env["COACH_DATABASE_URL"] = "postgresql+psycopg://coach@127.0.0.1:9/coach"  # nothing listens there
    for variable in ("COACH_USER", "COACH_MULTI_USER"):
        env.pop(variable, None)
    command = [sys.executable, "-c", DATABASE_DOWN_CHILD, str(Path(__file__).parent), *PAGES]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    down = (
        "Your organisation's server could not use its database (unreachable), a fault on the server, "
        "not yours; try again later, and tell your coaching staff if it keeps happening."
    )
    kept = []
    for name in PAGES:
        assert shown[name]["exception"] == [], (name, shown[name])
        [error] = shown[name]["errors"]  # what became of their data may follow (Practice: recordings kept)
        assert error.startswith(down) and "127.0.0.1" not in error, (name, error)
        if error != down:  # "Your recordings are kept in your organisation's server." read wrong
            assert error == f"{down} Your recordings are kept on your organisation's server.", (name, error)
            kept.append(name)
    assert "practice" in kept, kept


def _role_reads_of_a_rerun(name: str, tmp_path, monkeypatch):
    """A student of a cohort whose host set a role, and they none, on page `name`: the page after
    a first run (the store opened, the models loaded), run again, and the statements that rerun
    sent to read person settings (SQLAlchemy's own event for every statement sent)."""
    import sqlalchemy as sa

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    (tmp_path / "settings.toml").write_text(
        f'multi_user = true\nstaff = ["{STAFF}"]\nrole = "software-engineer"\n'
    )
    at = _signed_in(name, "ben@example.edu").run()
    role_reads: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().startswith("SELECT") and "FROM person_settings" in statement:
            role_reads.append(statement)

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", note)
    try:
        at.run()
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", note)
    assert not at.exception and not at.error
    return at, role_reads


def test_practice_reads_a_students_role_once_a_run(tmp_path, monkeypatch):
    """Practice asked the store for the student's role for the first question it suggests, again
    for its recommendations and a third time to say whether the role is the one the host set: one
    read serves all three."""
    practice, role_reads = _role_reads_of_a_rerun("practice", tmp_path, monkeypatch)
    assert practice.button(key="practice_first_question").label == "Answer your first question"
    assert (
        "Questions for software engineering roles and for any role: the role your organisation set for "
        "everyone; choose your own in Settings."
    ) in [c.value for c in practice.caption]
    assert len(role_reads) == 1, role_reads


def test_settings_reads_a_students_role_once_a_run(tmp_path, monkeypatch):
    """Settings asked the store for the student's role to preselect it and again to say whether it is
    the one the host set: one read serves both."""
    settings, role_reads = _role_reads_of_a_rerun("settings", tmp_path, monkeypatch)
    assert settings.selectbox(key="settings_role").value == "software-engineer"
    assert any("this is the role your organisation set for everyone" in c.value for c in settings.caption)
    assert len(role_reads) == 1, role_reads


def test_a_students_restore_box_says_its_limit_and_who_restores_a_larger_backup(tmp_path, monkeypatch):
    """The Restore box took Streamlit's server-wide limit (200 MB under make serve-cohort, however
    much the person's own limits allowed) and said nothing of a larger backup, which Settings'
    own backup button can make. It now caps at the person's restore limit, at most the server's,
    and says who restores a larger one."""
    import streamlit as st

    from coach.ui import summary

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    (tmp_path / "settings.toml").write_text(
        f'multi_user = true\nstaff = ["{STAFF}"]\nuser_max_upload_mb = 3\nuser_uploads_per_hour = 2\n'
    )

    def restore_box(who: str):
        at = _signed_in("settings", who).run()
        assert not at.exception
        return next(u for u in at.get("file_uploader") if u.key == "settings_import").proto

    box = restore_box("ana@example.edu")
    assert box.max_upload_size_mb == 6  # 2 uploads an hour × 3 MB
    assert box.help == "Up to 6 MB here; your coaching staff can restore a larger one for you."
    assert restore_box(STAFF).help == "Up to 6 MB here."
    (tmp_path / "settings.toml").write_text("multi_user = true\nuser_uploads_per_hour = 60\n")  # 12,000 MB
    server = int(st.get_option("server.maxUploadSize"))
    box = restore_box("ana@example.edu")
    assert box.max_upload_size_mb == server and box.help.startswith(
        f"Up to {summary.upload_size(server)} here;"
    )


def test_a_student_whose_backup_lacks_a_recording_is_sent_to_the_staff_not_to_the_servers_folder(
    tmp_path, monkeypatch
):
    """A recording gone from the server, then a backup prepared: a student was told "1 recording is
    missing from the data folder here … put it back there if you still have it", a folder of the
    server's only its staff can reach. She is sent to the staff; the staff are told as before."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    for who in ("ana@example.edu", STAFF):
        theirs = load_settings(tmp_path, owner=who)
        taken = record(theirs)
        db = store.open_store(theirs).for_owner(who)
        try:
            save_answer(db, "mot-05", "Tell me about yourself.", recording=taken)
        finally:
            db.close()
        taken.path.unlink()  # gone from the server's folder

    def backup_said(who: str) -> str:
        at = _signed_in("settings", who).run()
        at.button(key="settings_export").click().run()
        assert not at.exception and not at.error
        return " ".join(c.value for c in at.caption if c.value.startswith("The backup holds"))

    assert backup_said("ana@example.edu") == (
        "The backup holds 1 practice answer. 1 recording is missing from your organisation's server, so "
        "the backup holds no audio for it; ask your coaching staff whether they can put it back, then "
        "prepare the backup again."
    )
    assert "put it back there if you still have it" in backup_said(STAFF)


def test_a_database_gone_while_the_app_runs_is_one_sentence_on_every_page(tmp_path, monkeypatch):
    """PostgreSQL stopped under a cohort whose pages had been open: Progress and Review a real
    interview showed the sentence and under it Streamlit's "This app has encountered an error"
    box (the page went on to use what its failed read should have given), Review the sentence
    twice. One sentence on every page now, the staff's Cohort page too."""
    from pg_server import allow_connections, get_server, skip_reason

    if skip_reason():
        pytest.skip(skip_reason())
    url = get_server().new_database_url()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COACH_DATABASE_URL", url)
    monkeypatch.delenv("COACH_USER", raising=False)
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    pages = {name: _signed_in(name, "ana@example.edu").run() for name in PAGES}
    pages["cohort"] = _signed_in("cohort", STAFF).run()
    for name, at in pages.items():
        assert not at.exception and not at.error, (name, at.exception, at.error)
    # the database goes away under the open store: no new connection, the open ones dropped
    allow_connections(url, False, drop=True)
    for name, at in pages.items():
        at.run()
        assert not at.exception, (name, [e.value for e in at.exception])
        errors = [e.value for e in at.error]
        assert len(errors) == 1, (name, errors)
        error = errors[0]
        assert error.startswith("Your organisation's server could not use its database"), (name, error)


def test_the_staff_page_says_practice_and_real_interview_answers_apart(tmp_path, monkeypatch):
    """ "Answers this week" said 6 after 2 practice answers and 2 reviewed interviews (4 answers in
    them): it counted the real interviews' answers too, and its label did not say so. Each is
    counted under its own name now, and the week's table says what its answers are."""
    from store_support import save_real_answers

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    db = store.open_store(load_settings(tmp_path))
    try:
        for _ in range(2):
            save_answer(db.for_owner("ana@example.edu"), "swe-beh-01", "Tell me about a conflict.")
        ben = db.for_owner("ben@example.edu")
        for company in ("Acme", "Initech"):
            interview = store.add_interview(ben, company=company, interview_date=date.today())
            answer = {"question_id": None, "question_text": "Why us?", "analysis": analysis_dict()}
            save_real_answers(ben, interview, [answer, answer])
    finally:
        db.close()
    at = _signed_in("cohort", STAFF).run()
    assert not at.exception and not at.error
    assert [(m.label, m.value) for m in at.metric] == [
        ("People who have answered", "2"),
        ("Practice answers this week", "2"),
        ("Real interview answers this week", "4"),
        ("People answering this week", "2"),
    ]
    assert any(
        str(c.value).startswith("Answers are practice answers and the answers of real interviews")
        for c in at.caption
    )
