"""The Progress page: empty state, then trends, per question and what to practise next."""

import re

from app_support import markdown_text, page, seeded_dir


def test_empty_progress_leads_to_practice(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    assert "Nothing to chart yet" in [s.value for s in at.subheader]


def test_progress_with_practice_and_a_real_interview(monkeypatch):
    data_dir, _ = seeded_dir()
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    at = page("progress").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Practice answers"] == "2" and metrics["Real interviews"] == "1"
    assert any("Tell me about an incident" in e.label and "2 practice" in e.label for e in at.expander)
    text = markdown_text(at)
    assert "Skill gaps from your debriefs: system design" in text
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    # numbers as a person reads them: no "142.25" or "0.50" in the tables
    for table in at.dataframe:
        cells = [str(c) for c in table.value.to_numpy().ravel() if c is not None]
        assert not [c for c in cells if re.fullmatch(r"-?\d+\.\d{2,}", c)], cells
    at.selectbox(key="progress_measure").set_value("fillers_per_100_words").run()
    assert not at.exception
    assert "Fillers per 100 words: **" in markdown_text(at)


def test_progress_charts_the_pitch_variation_of_recorded_answers(monkeypatch):
    data_dir, _ = seeded_dir()
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    at = page("progress").run()
    at.selectbox(key="progress_measure").set_value("pitch_variation_st").run()
    assert not at.exception
    assert "No values of this measure yet." not in [c.value for c in at.caption]
    assert any("heard as flat" in c.value for c in at.caption)
    assert "Pitch variation (semitones): **" in markdown_text(at)
