"""`coach record` and `coach mock` at the microphone, stopped with Ctrl+C. The machine running the
tests has no microphone, so a stand-in `sounddevice` module (first on PYTHONPATH) plays a real
test clip as the microphone and presses Ctrl+C where the test says; everything else is real."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile
from cli_support import run_coach, skipped_as_the_page_skips, unwrapped

from coach.config import load_settings
from coach.store import list_attempts, open_store
from coach.store.mock_sessions import list_mock_sessions

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent

# The microphone hears the clip; wait() returns (the whole take) for the first FULL takes, then
# Ctrl+C is pressed after CTRL_C_AFTER seconds of the next one. A take numbered in MIC_STOPPED_TAKES
# goes on until stop() ends it (Enter, in `coach mock`).
STAND_IN = """
import os, threading, time
import numpy as np
import soundfile

class PortAudioError(Exception):
    pass

_takes = 0
_started = 0.0
_stopped = threading.Event()

def rec(frames, samplerate, channels, dtype):
    global _takes, _started
    _takes += 1
    _started = time.monotonic()
    _stopped.clear()
    clip, _ = soundfile.read(os.environ["MIC_CLIP"], dtype="float32")
    out = np.zeros((frames, channels), dtype="float32")
    out[: min(frames, len(clip)), 0] = clip[:frames]
    return out

def wait():
    if str(_takes) in os.environ.get("MIC_STOPPED_TAKES", "").split(","):
        if not _stopped.wait(60):
            raise KeyboardInterrupt
    elif _takes > int(os.environ["MIC_FULL_TAKES"]):
        time.sleep(float(os.environ["MIC_CTRL_C_AFTER"]))
        raise KeyboardInterrupt

def stop():
    _stopped.set()
"""


def coach_at_the_microphone(
    tmp_path: Path,
    *args: str,
    clip: Path,
    full: int,
    ctrl_c_after: float,
    stopped: str = "",
    enter_at: tuple[int, ...] = (),
):
    """`coach ARGS` at the stand-in microphone. `enter_at`: the takes (1, 2, ...) at which Enter is
    pressed, once the prompt of the take is said; `stopped`: the takes that go on until stopped."""
    (tmp_path / "mic").mkdir(exist_ok=True)
    (tmp_path / "mic" / "sounddevice.py").write_text(STAND_IN)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path / "mic"), str(ROOT)]),
        "COACH_DATA_DIR": str(tmp_path / "data"),
        "MIC_CLIP": str(clip),
        "MIC_FULL_TAKES": str(full),
        "MIC_CTRL_C_AFTER": str(ctrl_c_after),
        "MIC_STOPPED_TAKES": stopped,
    }
    env.pop("COACH_DATABASE_URL", None)
    command = [sys.executable, "-m", "coach", *args]
    if not enter_at:
        return subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            cwd=tmp_path,
        )
    printed = tmp_path / "stdout.txt"
    with printed.open("w") as out:
        running = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        said, takes = [], 0
        for line in running.stderr:
            said.append(line)
            if line.startswith("Enter skips"):  # the take's prompt, said as it starts
                takes += 1
                if takes in enter_at:
                    running.stdin.write("\n")
                    running.stdin.flush()
        running.stdin.close()
        running.wait(timeout=600)
    return subprocess.CompletedProcess(command, running.returncode, printed.read_text(), "".join(said))


def test_ctrl_c_ends_the_recording_and_keeps_what_was_said(tmp_path):
    """`coach record` said "Ctrl+C stops", and Ctrl+C lost the whole take ("Stopped by the user")."""
    out = tmp_path / "take.wav"
    result = coach_at_the_microphone(
        tmp_path, "record", str(out), "--seconds", "60", clip=DATA / "fillers.wav", full=0, ctrl_c_after=3.0
    )
    assert result.returncode == 0, result.stderr
    assert f"Saved {out}." in result.stderr
    seconds = soundfile.info(out).duration
    assert 2.5 <= seconds <= 10, seconds  # what was heard until Ctrl+C, not 60 s
    at_once = coach_at_the_microphone(
        tmp_path, "record", str(tmp_path / "none.wav"), clip=DATA / "fillers.wav", full=0, ctrl_c_after=0.0
    )
    assert at_once.returncode == 1 and not (tmp_path / "none.wav").exists()
    assert (
        at_once.stderr.splitlines()[-1] == "error: Stopped before anything was recorded; nothing was saved."
    )


# `python -m coach ...` with Ctrl+C pressed (a real SIGINT) as the function CTRL_C_IN names
# ("file suffix:function", "<module>" for a module being imported) is first called.
CTRL_C_AT = """
import os, runpy, signal, sys

where, name = os.environ["CTRL_C_IN"].rsplit(":", 1)

def ctrl_c_there(frame, event, arg):
    if event == "call" and frame.f_code.co_name == name and frame.f_code.co_filename.endswith(where):
        sys.setprofile(None)
        os.kill(os.getpid(), signal.SIGINT)

sys.setprofile(ctrl_c_there)
if os.environ.get("COACH_SCRIPT"):  # the console script, as pip writes it
    runpy.run_path(os.environ["COACH_SCRIPT"], run_name="__main__")
else:
    runpy.run_module("coach", run_name="__main__", alter_sys=True)
"""


def console_script(folder: Path) -> Path:
    """The `coach` console script as pip writes it from pyproject.toml (.venv/bin/coach is this
    text): it imports the function [project.scripts] names, then calls it."""
    import tomllib

    named = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["coach"]
    module, function = named.split(":")
    script = folder / "coach-script.py"
    lines = ["import sys", f"from {module} import {function}", "if __name__ == '__main__':"]
    script.write_text("\n".join([*lines, f"    sys.exit({function}())", ""]))
    return script


@pytest.mark.parametrize("started", ["python -m coach", "the console script"])
@pytest.mark.parametrize(
    "moment",
    [
        "typer/__init__.py:<module>",  # Python reading the coach's modules: a traceback of the import
        "typer/main.py:get_command",  # typer reading the commands' options: a traceback of typer's
        "coach/cli.py:whose_data",  # whose data it is: it ended without a word
    ],
)
def test_ctrl_c_as_coach_record_starts_says_one_sentence_and_writes_nothing(
    tmp_path, tmp_path_factory, moment, started
):
    """Ctrl+C in the first moments of `coach record`, before the take begins (about 0.2 s of the
    command's start): it said one sentence only once the command itself had begun. The console
    script (`coach` as typed) imported coach.cli before any of the coach's code ran, so Ctrl+C while
    Python read it was still a traceback there."""
    out = tmp_path / "takes" / "take.wav"
    script = console_script(tmp_path_factory.mktemp("script")) if started == "the console script" else None
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "COACH_DATA_DIR": str(tmp_path / "data"),
        "CTRL_C_IN": moment,
        "COACH_SCRIPT": str(script or ""),
    }
    env.pop("COACH_DATABASE_URL", None)
    command = [sys.executable, "-c", CTRL_C_AT, "record", str(out)]
    stopped = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
    assert stopped.stderr.splitlines() == ["Stopped by the user; nothing was lost."], stopped.stderr[-2000:]
    assert stopped.returncode == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no take, no folder, no data directory


def coach_at_the_microphone_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str, clip: Path, full: int, ctrl_c_after: float
) -> subprocess.CompletedProcess:
    """`coach ARGS` at the stand-in microphone (STAND_IN, as `coach_at_the_microphone` puts it first
    on the path) in this process: Ctrl+C is the KeyboardInterrupt the stand-in's wait() raises, as
    Python raises it there on a real Ctrl+C, with no signal to catch, so a new interpreter adds
    nothing but its imports and model loads (about 9 s a command). The tests of real signals and of
    Enter at the terminal run `coach` as a process."""
    import types

    microphone = types.ModuleType("sounddevice")
    exec(compile(STAND_IN, "sounddevice.py", "exec"), microphone.__dict__)  # noqa: S102 - the stand-in above
    monkeypatch.setitem(sys.modules, "sounddevice", microphone)
    monkeypatch.setenv("MIC_CLIP", str(clip))
    monkeypatch.setenv("MIC_FULL_TAKES", str(full))
    monkeypatch.setenv("MIC_CTRL_C_AFTER", str(ctrl_c_after))
    monkeypatch.setenv("MIC_STOPPED_TAKES", "")
    return run_coach(*args, data_dir=tmp_path / "data")


@pytest.mark.slow
def test_ctrl_c_before_answering_ends_the_mock_interview_and_keeps_it(tmp_path, monkeypatch):
    """Ctrl+C in `coach mock` at the microphone ended the command: no report, no session stored,
    the answers given kept as plain practice."""
    result = coach_at_the_microphone_here(
        tmp_path,
        monkeypatch,
        "mock",
        "--questions",
        "2",
        "--json",
        clip=DATA / "mock" / "01-opener.wav",
        full=1,
        ctrl_c_after=0.0,
    )
    assert result.returncode == 0, result.stderr
    assert "Stopped: the interview ends here." in result.stderr
    data = json.loads(result.stdout)
    assert data["turns"][0]["answer"] is not None and data["summary"]["ended_early"]
    db = open_store(load_settings(data_dir=tmp_path / "data"))
    try:
        assert len(list_mock_sessions(db)) == 1 and len(list_attempts(db)) == 1
    finally:
        db.close()


@pytest.mark.slow
def test_enter_skips_a_question_and_a_follow_up_at_the_microphone_as_the_page_does(tmp_path, capsys):
    """`coach mock` at the microphone had no way on without an answer, while the Mock page has "Skip
    this question" and "Skip this follow-up". Enter skips the turn now: the interview the page's
    test skips (test_app_mock), question 1 and question 2's follow-up, reported and stored as the
    page stores it (tests/test_mock_session.py's session, skipped by the same MockSession.skip)."""
    from coach.mock.report import SKIPPED_FOLLOW_UP, SKIPPED_QUESTION

    result = coach_at_the_microphone(
        tmp_path,
        "mock",
        "--questions",
        "2",
        "--json",
        clip=DATA / "mock" / "01-opener.wav",
        full=99,
        ctrl_c_after=0.0,
        stopped="1,3",  # question 1 and the follow-up wait; question 2 is answered whole
        enter_at=(1, 3),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    said = result.stderr.splitlines()
    assert "Enter skips this question; Ctrl+C before you start ends the interview." in said
    assert "Enter skips this follow-up; Ctrl+C before you start ends the interview." in said
    assert max(len(line) for line in said if "Enter skips" in line or "Recording up to" in line) <= 80
    assert said.count(SKIPPED_QUESTION) == 1 and said.count(SKIPPED_FOLLOW_UP) == 1
    stored = skipped_as_the_page_skips(json.loads(result.stdout), tmp_path / "data", capsys)
    assert stored["summary"]["questions_skipped"] == 1
    answers = sorted(p.name for p in (tmp_path / "data").rglob("answer-*.wav"))
    assert answers == ["answer-02.wav"], answers


# `python -m coach ...` at the stand-in microphone with Ctrl+C pressed (a real SIGINT) while the take
# that ended is written (coach.audio.write_wav): CTRL_C_AS_WRITTEN "soundfile.py:write" as soundfile
# begins to write it, "returned:replace" the moment the written file was put in place. CTRL_C_CALLER
# names another function than write_wav the moment is in ("record": as the take ends).
CTRL_C_AS_WRITTEN = """
import os, runpy, signal, sys

where, name = os.environ["CTRL_C_AS_WRITTEN"].rsplit(":", 1)
caller = os.environ.get("CTRL_C_CALLER") or "write_wav"

def ctrl_c_there(frame, event, arg):
    if where == "returned":
        returned = event == "c_return" and getattr(arg, "__name__", "") == name
        now = returned and frame.f_code.co_name == caller
    else:
        now = (
            event == "call"
            and frame.f_code.co_name == name
            and frame.f_code.co_filename.endswith(where)
            and frame.f_back.f_code.co_name == caller
        )
    if now:
        sys.setprofile(None)
        os.kill(os.getpid(), signal.SIGINT)

sys.setprofile(ctrl_c_there)
runpy.run_module("coach", run_name="__main__", alter_sys=True)
"""


def coach_stopped_as_the_take_is_written(
    tmp_path: Path, moment: str, *args: str, clip: Path, caller: str = "write_wav", ctrl_c_after: float = 2.0
):
    """`coach ARGS` at the stand-in microphone: the first take is ended by Ctrl+C after
    `ctrl_c_after` seconds, and a second Ctrl+C comes at `moment` of writing it, or of `caller`
    (CTRL_C_AS_WRITTEN). Half a second where the take's length changes nothing the test sees (a
    `coach record` take being written or ending, a mock answer ending); 2 s where a mock answer
    must be kept (one that short is not written at all) or the take's length is checked."""
    (tmp_path / "mic").mkdir(exist_ok=True)
    (tmp_path / "mic" / "sounddevice.py").write_text(STAND_IN)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path / "mic"), str(ROOT)]),
        "COACH_DATA_DIR": str(tmp_path / "data"),
        "MIC_CLIP": str(clip),
        "MIC_FULL_TAKES": "0",
        "MIC_CTRL_C_AFTER": str(ctrl_c_after),
        "CTRL_C_AS_WRITTEN": moment,
        "CTRL_C_CALLER": caller,
    }
    env.pop("COACH_DATABASE_URL", None)
    command = [sys.executable, "-c", CTRL_C_AS_WRITTEN, *args]
    return subprocess.run(
        command, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path
    )


def said_last(stderr: str, after: str) -> str:
    """What was said on stderr after the line starting with `after`, its wrapped lines joined."""
    lines = stderr.splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith(after)) + 1
    return " ".join(line.strip() for line in lines[start:])


def test_ctrl_c_while_the_take_is_written_says_it_was_not_kept(tmp_path):
    """A second Ctrl+C while `coach record` wrote the take it had ended said "Stopped by the user;
    nothing was lost.", and the take was lost (no file, as no half file is left)."""
    out = tmp_path / "takes" / "take.wav"
    stopped = coach_stopped_as_the_take_is_written(
        tmp_path, "soundfile.py:write", "record", str(out), clip=DATA / "fillers.wav", ctrl_c_after=0.5
    )
    assert stopped.returncode == 130, stopped.stderr[-2000:]
    assert said_last(stopped.stderr, "Recording up to") == (
        f"Stopped by the user while the take was written to {out}, so it was not kept; record it again."
    )
    assert "nothing was lost" not in stopped.stderr
    assert not out.parent.exists() or list(out.parent.iterdir()) == []  # no take, no hidden half of one


def test_ctrl_c_as_the_take_ends_says_it_was_not_kept(tmp_path):
    """A second Ctrl+C while `coach record` stopped the microphone after the first (the take ending,
    before it is written) said "Stopped by the user; nothing was lost.", and the take was lost."""
    out = tmp_path / "take.wav"
    out.write_bytes(b"the take before")
    stopped = coach_stopped_as_the_take_is_written(
        tmp_path,
        "sounddevice.py:stop",
        "record",
        str(out),
        "--replace",
        clip=DATA / "fillers.wav",
        caller="record",
        ctrl_c_after=0.5,
    )
    assert stopped.returncode == 130, stopped.stderr[-2000:]
    assert said_last(stopped.stderr, "Recording up to") == (
        f"Stopped by the user as the take ended, before it was written to {out}, so it was not kept; "
        "record it again."
    )
    assert out.read_bytes() == b"the take before"  # not written over
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "mic") == ["take.wav"]


def test_ctrl_c_once_the_take_is_in_place_says_where_it_is_saved(tmp_path):
    """Ctrl+C the moment the written take was put in place: it is saved, and said to be (a take
    written over with --replace too: the file there before is not taken for the new one)."""
    out = tmp_path / "take.wav"
    out.write_bytes(b"the take before")
    stopped = coach_stopped_as_the_take_is_written(
        tmp_path, "returned:replace", "record", str(out), "--replace", clip=DATA / "fillers.wav"
    )
    assert stopped.returncode == 130, stopped.stderr[-2000:]
    assert said_last(stopped.stderr, "Recording up to") == (
        f"Stopped by the user once the take was saved in {out}; analyse it with `coach analyze {out}`."
    )
    assert 1.5 <= soundfile.info(out).duration <= 10
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "mic") == ["take.wav"]


def test_ctrl_c_as_a_mock_answer_ends_says_it_was_not_kept(tmp_path):
    """`coach mock` at the microphone: a second Ctrl+C while the first stopped the microphone said
    "Stopped: the interview ends here, and what you answered is kept.", and that answer was lost."""
    stopped = coach_stopped_as_the_take_is_written(
        tmp_path,
        "sounddevice.py:stop",
        "mock",
        "--questions",
        "2",
        "--json",
        clip=DATA / "mock" / "01-opener.wav",
        caller="record",
        ctrl_c_after=0.5,
    )
    assert stopped.returncode == 0, stopped.stderr[-2000:]
    assert said_last(stopped.stderr, "Enter skips") == (
        "Stopped while your answer was being saved, so it was not kept: the interview ends here. "
        "Practise that question again to record your answer."
    )
    assert "what you answered is kept" not in stopped.stderr
    data = json.loads(stopped.stdout)
    assert [t["answer"] for t in data["turns"]] == [None] and data["summary"]["answers"] == 0
    assert list((tmp_path / "data").rglob("answer-*")) == []


def test_ctrl_c_while_a_mock_answer_is_written_says_it_was_not_kept(tmp_path):
    """`coach mock` at the microphone: a second Ctrl+C while the answer just taken was written said
    "Stopped: the interview ends here, and what you answered is kept.", and that answer was lost."""
    stopped = coach_stopped_as_the_take_is_written(
        tmp_path,
        "soundfile.py:write",
        "mock",
        "--questions",
        "2",
        "--json",
        clip=DATA / "mock" / "01-opener.wav",
    )
    assert stopped.returncode == 0, stopped.stderr[-2000:]
    assert said_last(stopped.stderr, "Enter skips") == (
        "Stopped while your answer was being saved, so it was not kept: the interview ends here. "
        "Practise that question again to record your answer."
    )
    assert "what you answered is kept" not in stopped.stderr
    data = json.loads(stopped.stdout)
    assert [t["answer"] for t in data["turns"]] == [None] and data["summary"]["answers"] == 0
    db = open_store(load_settings(data_dir=tmp_path / "data"))
    try:
        assert list_attempts(db) == [] and list_mock_sessions(db) == []
    finally:
        db.close()
    assert list((tmp_path / "data").rglob("answer-*")) == []


def test_ctrl_c_as_a_mock_answer_s_copy_is_put_in_place_says_it_is_kept(tmp_path):
    """`coach mock` at the microphone: a second Ctrl+C the moment the answer's copy was put in place
    among the recordings said "so it was not kept", and the copy was kept (listed by `coach history`
    a minute later as a take not analysed)."""
    stopped = coach_stopped_as_the_take_is_written(
        tmp_path,
        "returned:link",
        "mock",
        "--questions",
        "2",
        "--json",
        clip=DATA / "mock" / "01-opener.wav",
        caller="_named",
    )
    assert stopped.returncode == 0, stopped.stderr[-2000:]
    assert (
        said_last(stopped.stderr, "Enter skips")
        == "Stopped: the interview ends here, and what you answered is kept."
    )
    assert "not kept" not in stopped.stderr
    [kept] = list((tmp_path / "data" / "recordings").rglob("*.wav"))
    listed = run_coach("history", data_dir=tmp_path / "data")  # at once, not a minute later
    assert f"{kept.relative_to(tmp_path / 'data')}: its analysis was interrupted" in unwrapped(
        listed.stdout
    ), listed.stdout


@pytest.mark.slow
def test_ctrl_c_once_a_mock_answer_is_stored_says_it_is_kept(tmp_path):
    """`coach mock` at the microphone: a second Ctrl+C the moment after the answer was analysed and
    stored (as the interview took its analysis) said "so it was not kept", and it was stored."""
    stopped = coach_stopped_as_the_take_is_written(
        tmp_path,
        "practice.py:analysis_dict",
        "mock",
        "--questions",
        "2",
        "--json",
        clip=DATA / "mock" / "01-opener.wav",
        caller="analysis",
    )
    assert stopped.returncode == 0, stopped.stderr[-2000:]
    assert (
        said_last(stopped.stderr, "Enter skips")
        == "Stopped: the interview ends here, and what you answered is kept."
    )
    assert "not kept" not in stopped.stderr
    db = open_store(load_settings(data_dir=tmp_path / "data"))
    try:
        assert len(list_attempts(db)) == 1  # stored as a practice answer, as every answer of a mock is
    finally:
        db.close()
