"""Filler decisions, one behaviour a test, on the real en_core_web_sm pipeline and the shipped model.

The markers follow Rev16's editors (issue 16): where the tests written for the old rules disagreed
with them, the test now says so and gives the counts from the training episodes; where the model
still gets a case wrong that both conventions agree on, the test is an expected failure (strict,
so a fix shows up).
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from coach.analysis import analyze, load_pipeline
from coach.types import Transcript


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def fillers(text: str) -> list[str]:
    return [f["text"].lower() for f in analyze(Transcript.from_text(text)).fillers]


def hedges(text: str) -> list[str]:
    return [h["text"].lower() for h in analyze(Transcript.from_text(text)).hedges]


def test_like_as_verb_is_not_a_filler():
    assert fillers("I like Python") == []


def test_like_between_commas_is_a_filler():
    assert fillers("it was, like, huge") == ["like"]


def test_like_after_looks_is_a_preposition():
    assert fillers("It looks like rain.") == []


def test_like_after_a_noun_means_such_as():
    assert fillers("We used things like caching.") == []


def test_like_before_a_number_is_an_approximation_filler():
    # An expected failure until the model read each marker's contextual vector (13 kept / 12 deleted
    # in Rev16 train before a number; with the vector it scores 0.49 against its threshold 0.45).
    assert fillers("The build took like forty minutes.") == ["like"]


def test_quotative_like_is_not_a_filler():
    # Changed for issue 16: Rev16's editors keep quotative "was like," (97 kept, 23 deleted in train).
    assert fillers("She was like, why is this broken?") == []


@pytest.mark.xfail(
    strict=True,
    reason="model error: 'Like I said' at a sentence start scores 0.57 (0.59 without the vectors)",
)
def test_like_i_said_is_not_a_filler():
    assert fillers("Like I said, the schema was hard.") == []


def test_you_know_alone_is_a_filler():
    assert fillers("It was a tough quarter, you know.") == ["you know"]


def test_do_you_know_is_a_question():
    assert fillers("Do you know the answer?") == []


def test_you_know_with_an_object_is_not_a_filler():
    assert fillers("You know the answer.") == []


@pytest.mark.xfail(
    strict=True,
    reason="model error: with contextual vectors 'I mean,' opening a sentence scores 0.37, "
    "just over its threshold 0.35 (without them 0.34)",
)
def test_i_mean_opening_a_clause_is_kept_as_the_editors_keep_it():
    # Changed for issue 16: Rev16's editors keep "I mean," two times in three (41 kept, 19 deleted).
    assert fillers("I mean, it was a good outcome.") == []


def test_what_i_mean_is_not_a_filler():
    assert fillers("What I mean is that we shipped it.") == []


def test_so_that_is_not_a_filler():
    assert fillers("We added an index so that the query used it.") == []


def test_so_much_is_not_a_filler():
    assert fillers("There was so much legacy code.") == []


def test_so_opening_the_answer_is_not_a_filler():
    # Changed for issue 16: Rev16's editors keep a sentence-opening "so" (231 kept, 87 deleted).
    assert fillers("So, I was working at a startup.") == []


def test_so_meaning_therefore_is_not_a_filler():
    assert fillers("It was slow, so I profiled it.") == []


def test_kind_of_softening_an_adjective_is_a_hedge_not_a_filler():
    # Decided for issue 16: "kind of" softening a claim is reported as a hedge, never as a filler.
    assert fillers("It was kind of slow.") == []
    assert hedges("It was kind of slow.") == ["kind of"]


def test_a_kind_of_tool_names_a_type():
    assert fillers("It is a kind of tool.") == []


def test_tag_right_is_not_a_filler():
    # Changed for issue 16: Rev16's editors keep a tag "right?" (43 kept, 22 deleted in train).
    assert fillers("We had to ship by Friday, right?") == []


def test_the_right_call_is_not_a_filler():
    assert fillers("I made the right call.") == []


def test_well_opening_a_clause_is_not_a_filler():
    # Changed for issue 16: Rev16's editors keep a sentence-opening "well" (55 kept, 15 deleted).
    assert fillers("Well, I think it went fine.") == []


def test_went_well_is_not_a_filler():
    assert fillers("The launch went well.") == []


def test_actually_stating_a_contrast_is_not_a_filler():
    assert fillers("It actually worked.") == []


def test_um_is_a_filled_pause():
    result = analyze(Transcript.from_text("Um, the project was late."))
    assert [(f["text"], f["kind"]) for f in result.fillers] == [("Um", "filled_pause")]


def test_long_spellings_of_uh_are_filled_pauses():
    assert fillers("We had, uhh, four engineers and umm two designers.") == ["uhh", "umm"]


def test_uh_huh_is_not_a_filled_pause():
    assert fillers("Uh-huh, that's what I said.") == []


def test_filler_spans_index_the_text_as_given():
    text = "  Odd   spacing,   like,  here"
    [filler] = analyze(Transcript.from_text(text)).fillers
    assert text[filler["start_char"] : filler["end_char"]] == "like"


def test_component_on_a_doc_built_from_words(nlp):
    doc = Doc(
        nlp.vocab,
        words=["it", "was", ",", "like", ",", "huge"],
        spaces=[True, False, True, False, True, False],
    )
    doc = nlp(doc)
    assert [(doc[m.start : m.end].text, m.kind) for m in doc._.coach_fillers] == [
        ("like", "discourse_marker")
    ]


def test_basically_opening_a_clause_is_not_a_filler():
    # Changed for issue 16: Rev16's editors never delete "basically" (0 of 28 in all 11 episodes).
    assert fillers("basically we had no tests at all") == []


def test_basically_after_and_is_not_a_filler():
    assert fillers("we moved the jobs and basically the queue drained") == []


def test_basically_modifying_a_predicate_is_not_a_filler():
    assert fillers("the queue was basically empty by noon") == []


def test_literally_modifying_a_verb_is_not_a_filler():
    assert fillers("we literally printed every invoice") == []


def test_literally_opening_a_clause_is_not_a_filler():
    # Changed for issue 16: Rev16's editors keep "literally" (29 kept, 3 deleted).
    assert fillers("literally everyone was on that call") == []


def test_you_know_after_a_copula_without_commas_is_a_filler():
    assert fillers("it was you know a pretty small team") == ["you know"]


def test_you_know_before_a_new_subject_is_a_filler():
    assert fillers("and you know nobody wanted the pager") == ["you know"]


def test_trailing_right_without_a_question_mark_is_not_a_filler():
    # Changed for issue 16: Rev16's editors keep most "right"s (512 kept, 222 deleted).
    assert fillers("you always test on staging first right") == []


def test_trailing_right_after_that_was_it_is_not_a_filler():
    assert fillers("and that was it right") == []


def test_get_it_right_at_the_end_is_not_a_filler():
    assert fillers("we had to get it right") == []


def test_trailing_so_after_that_was_it_is_a_filler():
    assert fillers("and that was pretty much it so") == ["so"]


@pytest.mark.xfail(strict=True, reason="model error: the rules' 'make it so' exception is not learned")
def test_made_it_so_is_not_a_filler():
    assert fillers("we made it so") == []


def test_like_before_a_possessive_after_had_is_a_filler():
    assert fillers("each team had like their own build scripts") == ["like"]


def test_like_before_the_after_a_preposition_is_a_filler():
    assert fillers("for like the whole quarter nobody touched it") == ["like"]


def test_like_after_think_is_a_preposition():
    assert fillers("I try to think like the customer") == []


def test_a_kind_of_before_an_adjective_softens_it_as_a_hedge():
    assert fillers("it was a kind of strange week") == []
    assert hedges("it was a kind of strange week") == ["kind of"]


def test_a_kind_of_before_a_noun_still_names_a_type():
    assert fillers("it's a kind of queue that never drops messages") == []
