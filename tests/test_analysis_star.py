"""STAR labels, sentence splitting and the structure measures."""

from __future__ import annotations

from coach.analysis import analyze
from coach.types import Transcript

ANSWER = ("At my last job we deployed by hand every Thursday. "
          "My manager asked me to make releases safe. "
          "I wrote a script for every manual step. "
          "As a result, releases took twenty minutes instead of four hours.")


def labels(text: str) -> list[str | None]:
    return [s["star"] for s in analyze(Transcript.from_text(text)).sentences]


def test_a_plain_star_answer_is_labelled_in_order():
    assert labels(ANSWER) == ["situation", "task", "action", "result"]


def test_sentence_spans_cover_the_text():
    result = analyze(Transcript.from_text(ANSWER))
    first = result.sentences[0]
    assert ANSWER[first["start_char"]:first["end_char"]] == ANSWER.split(". ")[0] + "."


def test_answer_without_a_result_gets_feedback():
    text = ("At my last job the deploys were slow. My job was to fix them. "
            "I wrote a script. I added a staging server.")
    result = analyze(Transcript.from_text(text))
    assert result.metrics["star"]["result"]["words"] == 0
    assert any(line.startswith("No result stated") for line in result.feedback)


def test_we_only_actions_get_feedback():
    text = ("Our team had a slow release process. We wrote a script. We added tests. "
            "We moved to daily deploys. In the end releases took ten minutes.")
    result = analyze(Transcript.from_text(text))
    assert result.metrics["i_vs_we"]["i"] == 0
    assert any("'we' only" in line for line in result.feedback)


def test_long_situation_share_is_flagged():
    text = ("At my last job we had a huge legacy system with many services and a lot of old code. "
            "The company was growing fast and the team was struggling with every release. "
            "There were three teams and nobody owned the build. "
            "I wrote a script. It cut deploys by half.")
    result = analyze(Transcript.from_text(text))
    assert result.metrics["star"]["situation"]["share"] > 0.4
    assert any("situation takes" in line for line in result.feedback)


def test_quantified_results_count_percent_and_money():
    result = analyze(Transcript.from_text("Costs fell 30% and we saved $40,000 in 2021."))
    assert result.metrics["quantified_results"] == 2


def test_unpunctuated_run_still_splits_into_sentences():
    run = ("so I was working at a bank and we had a problem with the reports they were always late "
           "and nobody knew why so I looked at the pipeline and I found a slow query "
           "then I added an index and I rewrote the export and in the end the reports were on time ") * 3
    result = analyze(Transcript.from_text(run))
    lengths = [len(run[s["start_char"]:s["end_char"]].split()) for s in result.sentences]
    assert len(lengths) >= 6
    assert max(lengths) <= 45
