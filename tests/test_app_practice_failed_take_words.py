"""A take the Practice page could not analyse: its message said "Your recording is saved in
/tmp/…/data/recordings." (a folder on disk, on a web page), and an uploaded music file was told to
check the microphone. Now the page says where the take is in its own words, a file is told to upload
a recording of the answer, a take recorded in the page keeps the microphone advice, and the
terminal keeps its own sentence (it may name files)."""

from app_support import DATA, page
from cli_support import run_coach


def _error_for(at, take) -> str:
    take(at).run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    return error


def test_an_uploaded_file_without_speech_is_told_to_upload_an_answer_and_no_folder_is_named(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.button(key="practice_first_question").click().run()
    error = _error_for(
        at, lambda at: at.file_uploader[0].upload("music.wav", (DATA / "noise.wav").read_bytes(), "audio/wav")
    )
    assert error == (
        "No speech was found in music.wav; upload a recording of your answer spoken out loud, or record "
        "it on this page. Your recording is kept among the recordings not analysed on the Progress page."
    )
    assert str(tmp_path) not in error and "microphone" not in error
    assert list((tmp_path / "recordings").rglob("*.wav"))  # kept, as said


def test_a_take_recorded_in_the_page_without_speech_keeps_the_microphone_advice(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.button(key="practice_first_question").click().run()
    error = _error_for(
        at,
        lambda at: at.audio_input[0].set_value(
            ("answer.wav", (DATA / "noise.wav").read_bytes(), "audio/wav")
        ),
    )
    assert error.startswith("No speech was found in your recording; check the microphone"), error
    assert error.endswith("Your recording is kept among the recordings not analysed on the Progress page.")
    assert str(tmp_path) not in error


def test_the_terminal_keeps_its_sentence(tmp_path, clips):
    done = run_coach("analyze", clips / "noise.wav", data_dir=tmp_path)
    assert done.returncode != 0
    assert "No speech was found in noise.wav; check the microphone is picking up your voice" in done.stderr
