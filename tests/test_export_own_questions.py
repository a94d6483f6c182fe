"""Your own questions travel with an export, so history that refers to them still makes sense."""

from __future__ import annotations

import json
import zipfile

import pytest
from store_support import analysis_dict, make_settings, transcript_dict

from coach.banks import add_user_question, check_own_question, get_question, load_questions
from coach.errors import InputError
from coach.store import list_attempts, open_store, save_attempt
from coach.store.transfer import export_data, import_data


def _store(tmp_path, name):
    return open_store(make_settings(tmp_path, "sqlite", name))


def test_own_questions_and_their_attempts_survive_a_move(tmp_path):
    source = _store(tmp_path, "old")
    mine = add_user_question(source.data_dir, "Tell me about the <b>hardest</b> bug you fixed.")
    heard = add_user_question(
        source.data_dir,
        "Why Acme, why now?",
        category="motivation",
        competencies=["motivation"],
        source="real interview",
    )
    save_attempt(
        source,
        question_id=mine.id,
        question_text=mine.text,
        recording=None,
        transcript=transcript_dict(),
        analysis=analysis_dict(),
        engine="faster-whisper",
        model="tiny.en",
    )
    export_data(source, tmp_path / "backup.zip")

    target = _store(tmp_path, "new")
    result = import_data(target, tmp_path / "backup.zip")
    assert result["own_questions_added"] == 2
    (attempt,) = list_attempts(target)
    assert get_question(attempt["question_id"], target.data_dir).text == mine.text
    assert get_question(heard.id, target.data_dir).source == "real interview"
    assert import_data(target, tmp_path / "backup.zip")["own_questions_added"] == 0  # nothing twice
    assert len([q for q in load_questions(target.data_dir) if q.source != "bank"]) == 2
    source.close()
    target.close()


def test_a_damaged_list_of_own_questions_imports_nothing(tmp_path):
    source = _store(tmp_path, "old")
    add_user_question(source.data_dir, "What would you build first?")
    export_data(source, tmp_path / "backup.zip")
    with zipfile.ZipFile(tmp_path / "backup.zip") as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    (manifest_name,) = [n for n in members if n.endswith(".json")]
    manifest = json.loads(members[manifest_name])
    manifest["tables"]["own_questions"][0]["category"] = "not-a-category"
    members[manifest_name] = json.dumps(manifest).encode()
    with zipfile.ZipFile(tmp_path / "broken.zip", "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)

    target = _store(tmp_path, "new")
    with pytest.raises(InputError, match="your question 1 in"):
        import_data(target, tmp_path / "broken.zip", check_own_question=check_own_question)
    assert list_attempts(target) == []
    assert [q for q in load_questions(target.data_dir) if q.source != "bank"] == []
    source.close()
    target.close()
