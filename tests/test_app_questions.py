"""The Questions page: search, favourites, your own questions, questions to ask."""

from app_support import in_form, markdown_text, page

from coach import banks
from coach.analysis.wording import listed
from coach.config import load_settings
from coach.store import list_favourites, open_store
from coach.ui.highlight import escape


def test_search_star_and_add(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    assert not at.exception
    # where your questions can be practised, said where the list is still empty
    assert any("on the Practice page, under “Your own”" in c.value for c in at.caption)
    total = len(banks.load_questions(tmp_path))
    assert any(c.value == f"{total} of {total} questions" for c in at.caption)
    at.text_input(key="questions_search").input("rate limiter").run()
    shown = [c.value for c in at.caption if c.value.endswith(" questions")][0]
    assert 0 < int(shown.split()[0]) < total
    # nothing starred yet: "Starred only" says so, not "loosen a filter"
    at.toggle(key="questions_starred").set_value(True).run()
    assert [i.value for i in at.info] == [
        "You have starred no question yet: press Star beside one to keep it here."
    ]
    at.toggle(key="questions_starred").set_value(False).run()
    star = [b for b in at.button if b.key and b.key.startswith("questions_star_")][0]
    star_id = star.key.removeprefix("questions_star_")
    # a favourite looks like a button and says what it does (not a bare ☆ in plain text), in the
    # page's own word for it ("Star the ones you want to come back to"; it read "Save")
    assert star.label.startswith("Star ") and star.proto.type != "tertiary" and star.proto.icon
    star.click().run()
    assert at.button(key=f"questions_star_{star_id}").label.startswith("Starred ")
    stored = open_store(load_settings(tmp_path))
    assert list_favourites(stored) == [star_id]
    stored.close()
    at.toggle(key="questions_starred").set_value(True).run()
    assert any(c.value == f"1 of {total} questions" for c in at.caption)

    at.text_area[0].input("How do you decide what <b>not</b> to build?")
    [b for b in at.button if b.label == "Add to my questions"][0].click().run()
    assert not at.exception and not at.error
    assert "How do you decide what <b>not</b> to build?" in [q.text for q in banks.load_questions(tmp_path)]
    # the list of your questions shows it as text, not markup (each is an expander to edit it)
    assert any(
        e.label.startswith("How do you decide what &lt;b&gt;not&lt;/b&gt; to build?") for e in at.expander
    )
    # not "(added by you)", said of every entry of a list headed "Your questions", but how often and
    # when it was answered, as Browse says it beside each question
    [mine] = [e.label for e in at.expander if e.label.startswith("How do you decide")]
    assert mine == escape("How do you decide what <b>not</b> to build? — Not answered yet"), mine


def test_your_own_questions_can_be_shown_alone_and_say_how_often_they_were_answered(tmp_path, monkeypatch):
    """A year in, a user's 15 questions of their own sat on pages 12–13 of 13 of Browse, with no way to
    show them alone, and their list under "Add your own" labelled each "(added by you)" and said
    nothing of its answers. "Yours only" shows them alone; the list says how often and when each was
    answered, as Browse says it of every question."""
    from datetime import UTC, date, datetime

    from store_support import analysis_dict, save_answer

    from coach.ui.log_labels import short_date

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    at.toggle(key="questions_yours").set_value(True).run()
    assert not at.exception
    # none yet: said so, and where to add one, not "loosen a filter"
    assert [i.value for i in at.info] == [
        "You have added no question of your own yet: add one under “Add your own”."
    ]

    added = banks.add_user_question(tmp_path, "How do you decide what not to build?")
    heard = banks.add_user_question(tmp_path, "Why did you leave so soon?", source="real interview")
    answered_on = datetime(2026, 3, 10, 12, tzinfo=UTC)
    stored = open_store(load_settings(tmp_path))
    try:
        for _ in range(2):
            save_answer(
                stored, added.id, added.text, analysis=analysis_dict(overall=64.0), created_at=answered_on
            )
    finally:
        stored.close()
    total = len(banks.load_questions(tmp_path))
    at = page("questions").run()
    assert any(c.value == f"{total} of {total} questions" for c in at.caption)
    at.toggle(key="questions_yours").set_value(True).run()
    assert not at.exception and not at.info
    assert any(c.value == f"2 of {total} questions" for c in at.caption)
    listed_ids = [
        b.key.removeprefix("questions_star_")
        for b in at.button
        if (b.key or "").startswith("questions_star_")
    ]
    assert sorted(listed_ids) == sorted([added.id, heard.id])
    day = short_date(answered_on.date().isoformat(), date.today())
    said = f"Answered 2 times, last on {day} (score 64)"
    assert escape(said) in markdown_text(at)

    labels = [e.label for e in at.expander if e.label.startswith(("How do you decide", "Why did you"))]
    assert labels == [
        escape(f"How do you decide what not to build? — {said}"),
        escape("Why did you leave so soon? (asked in a real interview) — Not answered yet"),
    ], labels


def test_a_new_search_starts_at_its_first_page(tmp_path, monkeypatch):
    """On page 3 of the whole bank, searching "time" showed page 3 of its 4: the first 50 matches
    were skipped."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    at.button(key="questions_next").click().run()
    at.button(key="questions_next").click().run()
    assert "Page 3 of " in " ".join(c.value for c in at.caption)
    at.text_input(key="questions_search").input("time").run()
    assert not at.exception
    assert [c.value for c in at.caption if c.value.startswith("Page ")][0].startswith("Page 1 of ")
    first = banks.filter_questions(banks.load_questions(tmp_path), text="time")[0]
    assert at.button(key=f"questions_star_{first.id}")  # the first match is on the page


def test_the_page_count_sits_level_with_previous_and_next(tmp_path, monkeypatch):
    """ "Page 1 of 12" sat at the top of its row, above the middle of the Previous and Next buttons
    beside it; the row now centres its three parts on one line."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    assert not at.exception
    columns = list(at.columns)
    first = next(
        i
        for i, c in enumerate(columns)
        if any(getattr(e, "key", None) == "questions_prev" for e in c.children.values())
    )
    row = columns[first : first + 3]
    assert [c.children[0].type for c in row] == ["button", "caption", "button"], row
    assert all(c.proto.vertical_alignment == c.proto.VerticalAlignment.CENTER for c in row), row


def test_star_and_practise_beside_a_question_are_the_same_width(tmp_path, monkeypatch):
    """At 390 px Star filled half the row (171 px) and Practise sat beside it at its words' width
    (73 px; 96 and 73 px at 1280): uneven buttons. Both now fill their equal columns. The width is
    in the message the page sends the browser, which AppTest's elements leave out, so the test
    keeps the messages of the run."""
    from streamlit.testing.v1 import local_script_runner

    sent: list = []
    parse = local_script_runner.parse_tree_from_messages

    def keep_messages(messages):
        sent[:] = list(messages)
        return parse(messages)

    monkeypatch.setattr(local_script_runner, "parse_tree_from_messages", keep_messages)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    assert not at.exception
    widths: dict[str, set[str]] = {"questions_star_": set(), "questions_practise_": set()}
    for message in sent:
        element = message.delta.new_element
        if message.WhichOneof("type") != "delta" or element.WhichOneof("type") != "button":
            continue
        for prefix, seen in widths.items():
            if f"-{prefix}" in element.button.id:
                seen.add(element.width_config.WhichOneof("width_spec"))
    assert widths == {"questions_star_": {"use_stretch"}, "questions_practise_": {"use_stretch"}}, widths


def test_questions_to_ask_the_interviewer():
    at = page("questions").run()
    assert not at.exception
    asks = banks.load_questions_to_ask()
    assert asks[0].text in markdown_text(at)


def test_your_own_question_can_be_edited_and_deleted_its_answers_moving_to_the_bank(tmp_path, monkeypatch):
    from store_support import analysis_dict, transcript_dict

    from coach.store import list_attempts, save_attempt

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    bank = banks.load_questions(tmp_path)[0]
    copy = banks.add_user_question(tmp_path, "Aren't you, " + bank.text.lower(), source="real interview")
    stored = open_store(load_settings(tmp_path))
    try:
        save_attempt(
            stored,
            question_id=copy.id,
            question_text=copy.text,
            recording=None,
            transcript=transcript_dict(),
            analysis=analysis_dict(),
            engine="faster-whisper",
            model="tiny.en",
        )
    finally:
        stored.close()

    at = page("questions").run()
    assert not at.exception
    at.text_area(key=f"questions_edit_text_{copy.id}").input("Why this company, of all of them?")
    # everything given when adding it can be changed: difficulty, competencies, talking points
    at.selectbox(key=f"questions_edit_difficulty_{copy.id}").set_value("hard")
    at.multiselect(key=f"questions_edit_competencies_{copy.id}").set_value(["motivation", "communication"])
    at.text_area(key=f"questions_edit_points_{copy.id}").input("Their product\nWhat I would bring")
    [b for b in at.button if b.label == "Save changes"][0].click().run()
    assert not at.exception and not at.error
    # said, not silent; with the kind its new words were told (it was a story's, behavioural)
    assert [s.value.replace("\\", "") for s in at.success] == [
        "Saved: Why this company, of all of them? It is a motivation question, told from its words; "
        "change it under “Your questions”."
    ]
    [mine] = [q for q in banks.load_questions(tmp_path) if q.source != "bank"]
    assert (mine.id, mine.text, mine.difficulty) == (copy.id, "Why this company, of all of them?", "hard")
    assert (copy.category, mine.category) == ("behavioural", "motivation")
    assert mine.competencies == ("motivation", "communication")
    assert mine.talking_points == ("Their product", "What I would bring")

    at.selectbox(key=f"questions_move_{copy.id}").set_value(bank.id)
    move = at.selectbox(key=f"questions_move_{copy.id}")
    # one answer is "it", not "Its 1 answer … keep them"
    assert move.label == "Its answer, once it is deleted"
    assert move.options[:2] == ["keep it under this question's words", f"file it under: {bank.text}"]
    # a bin and its words, as every delete in the app (it was a framed button, unlike the others)
    look = at.button(key=f"questions_delete_{copy.id}").proto
    assert (look.type, look.icon) == ("tertiary", ":material/delete:"), look
    at.button(key=f"questions_delete_{copy.id}").click().run()
    # the first click only asks, naming how many answers and where they go
    assert not at.exception
    assert [q.id for q in banks.load_questions(tmp_path) if q.source != "bank"] == [copy.id]
    [warning] = [w.value for w in at.warning]
    assert "Its answer will be filed under" in warning and "cannot be undone" in warning, warning
    assert ".”." not in warning  # the bank question's own full stop, then the sentence's
    at.button(key=f"questions_delete_{copy.id}_no").click().run()  # Cancel: nothing happens
    assert not at.warning
    assert [q.id for q in banks.load_questions(tmp_path) if q.source != "bank"] == [copy.id]
    at.button(key=f"questions_delete_{copy.id}").click().run()
    at.button(key=f"questions_delete_{copy.id}_yes").click().run()
    assert not at.exception and not at.error
    assert [q for q in banks.load_questions(tmp_path) if q.source != "bank"] == []
    # which question went and where its answer is, as "Added: …" and "Saved: …" say (it said "Deleted; 1
    # answer moved.", and only "Deleted." without answers)
    said = f"Deleted: Why this company, of all of them? — 1 answer moved to: {bank.text}"
    assert said in [s.value.replace("\\", "") for s in at.success]  # as shown: markdown's escapes gone
    stored = open_store(load_settings(tmp_path))
    try:
        [attempt] = list_attempts(stored)
        assert (attempt["question_id"], attempt["question_text"]) == (bank.id, bank.text)
    finally:
        stored.close()


HYPHENATED_TAGS = [
    t for t in (*banks.CATEGORIES, *banks.COMPETENCIES, *banks.ROLES, *banks.ASK_TOPICS) if "-" in t
]


def _tags_in(text: str) -> list[str]:
    """The bank ids in a page's text (its markdown escapes a hyphen as a backslash and a hyphen)."""
    text = text.replace("\\", "")
    return [t for t in HYPHENATED_TAGS if t in text]


def test_a_question_longer_than_the_add_box_is_edited_whole(tmp_path, monkeypatch):
    """A 594-character question of your own (kept from a real interview, or from the terminal before
    it held questions to 400) showed cut to 400 characters in its edit box, and "Save changes"
    stored the cut without a word."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    long_text = "Walk me through the outage " + "and what you changed after it " * 19 + "?"
    assert len(long_text) > 500
    mine = banks.add_user_question(tmp_path, long_text, source="real interview")
    at = page("questions").run()
    [box] = [t for t in at.text_area if t.value == mine.text]
    assert not box.max_chars or box.max_chars >= len(mine.text)  # no limit, or one it fits in
    [b for b in at.button if b.label == "Save changes"][0].click().run()
    assert not at.exception and not at.error
    [kept] = [q for q in banks.load_questions(tmp_path) if q.source != "bank"]
    assert kept.text == mine.text


def test_tags_read_as_words_on_the_questions_practice_and_progress_pages(monkeypatch):
    """'system design, customer focus', not the bank's ids 'system-design, customer-focus': in
    each question's line, the filters' choices, and the questions recommended from a debrief's
    skill gaps (the seeded debrief names system design)."""
    from app_support import seeded_dir

    data_dir, _ = seeded_dir()
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))

    at = page("questions").run()
    at.selectbox(key="questions_category").set_value("system-design").run()
    assert not at.exception
    lines = [str(m.value) for m in at.markdown if "about " in str(m.value)]
    assert lines and not _tags_in("\n".join(lines)), lines
    assert "system design · " in lines[0], lines[0]
    options = at.selectbox(key="questions_competency").options
    assert "failure and learning" in options and "customer focus" in options, options
    assert not _tags_in("\n".join(options)), options
    assert "sales and customer roles" in at.selectbox(key="questions_role").options

    at = page("practice").run()  # Practice: recommended from the debrief's gaps
    assert not at.exception
    recommended = [str(m.value) for m in at.markdown if "about " in str(m.value)]
    assert recommended and not _tags_in("\n".join(recommended)), recommended

    at = page("progress").run()
    assert not at.exception
    text = markdown_text(at)
    assert "Skill gaps from your debriefs: system design" in text
    what_next = text[text.index("Skill gaps from your debriefs") :]
    assert not _tags_in(what_next), what_next


def test_each_example_the_search_box_gives_finds_questions(tmp_path, monkeypatch):
    """The box suggested "outage", which found "0 of 288 questions": a word naming a competency
    finds the questions testing it (reliability, for an outage), as each example must."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    placeholder = at.text_input(key="questions_search").proto.placeholder
    examples = [e.strip() for e in placeholder.removeprefix("e.g.").split(",")]
    assert "outage" in examples, placeholder
    total = len(banks.load_questions(tmp_path))
    for example in examples:
        at.text_input(key="questions_search").input(example).run()
        assert not at.exception
        [shown] = [c.value for c in at.caption if c.value.endswith(f" of {total} questions")]
        assert int(shown.split()[0]) > 0, (example, shown)
    # what "outage" finds is about incidents and reliability, not any question at all
    found = banks.filter_questions(banks.load_questions(tmp_path), text="outage")
    assert found and all("reliability" in q.competencies or "outage" in q.text.lower() for q in found)
    assert any("incident" in q.text.lower() for q in found)


def _error_after(at, button_label: str, form_id: str | None = None) -> str:
    buttons = in_form(at.button, form_id) if form_id else at.button
    [b for b in buttons if b.label == button_label][0].click().run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    return error


def test_a_copy_of_a_bank_question_is_refused_by_its_words_not_its_id(tmp_path, monkeypatch):
    """The page said "The banks already have this question (beh-fail-01)…": an id the page never
    shows. Adding it, or editing one of yours into it, names the question by its words and kind."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    bank = next(q for q in banks.load_questions(tmp_path) if q.text == "Tell me about a time you failed.")
    mine = banks.add_user_question(tmp_path, "What did you learn from your last project?")
    said = (
        "The banks already have this question among their behavioural questions: “Tell me about a time "
        "you failed.”; practise that one, or word yours differently."
    )

    at = page("questions").run()
    at.text_area[0].input(bank.text)
    added = _error_after(at, "Add to my questions")
    assert added == said and bank.id not in added

    at = page("questions").run()
    [box] = [t for t in at.text_area if t.value == mine.text]
    box.input(bank.text)
    edited = _error_after(at, "Save changes", f"questions_edit_{mine.id}")
    assert edited == said and bank.id not in edited
    assert [q.text for q in banks.load_questions(tmp_path) if q.source != "bank"] == [mine.text]


def test_editing_one_of_yours_into_another_of_yours_or_into_nothing_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    team = banks.add_user_question(tmp_path, "Why this team?")
    company = banks.add_user_question(tmp_path, "Why this company?")

    at = page("questions").run()
    [t for t in at.text_area if t.value == company.text][0].input("why this team")
    copied = _error_after(at, "Save changes", f"questions_edit_{company.id}")
    assert copied == (
        "You already have this question among your questions: “Why this team?”; practise that one, "
        "or word yours differently."
    )
    assert team.id not in copied

    at = page("questions").run()
    [t for t in at.text_area if t.value == company.text][0].input(" ")
    emptied = _error_after(at, "Save changes", f"questions_edit_{company.id}")
    assert emptied == "The question's box is empty; type the question, or leave its words as they were."
    assert [q.text for q in banks.load_questions(tmp_path) if q.source != "bank"] == [team.text, company.text]


def _where(at, label_start: str):
    """How the browser tells one expander from the next across reruns: its key's id when it has one,
    else its place in the page (which moves when an element above it comes or goes)."""

    def walk(node, path):
        for i, child in getattr(node, "children", {}).items():
            if getattr(child, "type", None) == "expander" and child.label.startswith(label_start):
                return child._block_id or path + (i,)
            found = walk(child, path + (i,))
            if found:
                return found
        return None

    return walk(at._tree, ())


def test_delete_after_adding_a_question_keeps_its_box_open(tmp_path, monkeypatch):
    """Adding a question says "Added: …" above the list; a click on "Delete this question" in one
    of your questions then reran the page without that line, the box moved up one place, the browser
    took it for a new box and closed it, and the "Yes, delete" it had just asked for was hidden."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    mine = banks.add_user_question(tmp_path, "Why do you want to leave after three years?")
    at = page("questions").run()
    at.text_area[0].input("What would your last manager say about you?")
    [b for b in at.button if b.label == "Add to my questions"][0].click().run()
    [added] = [s.value for s in at.success]
    assert added.startswith("Added: What would your last manager say about you? It practises ")
    before = _where(at, "Why do you want to leave")
    at.button(key=f"questions_delete_{mine.id}").click().run()
    assert not at.exception and not at.success
    assert at.button(key=f"questions_delete_{mine.id}_yes")  # asked inside the box...
    assert _where(at, "Why do you want to leave") == before  # ...which the browser keeps open


def test_the_add_form_says_its_limits_before_a_question_is_added(tmp_path, monkeypatch):
    """A question of your own with 21 talking points, one over 200 characters, or of one word
    without "?" was refused only after "Add to my questions"; nothing on the form said the limits.
    They are said under the boxes, with the numbers the add checks (coach.banks), not copies."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(banks, "MAX_POINTS", 7)  # the form says the add's own numbers
    monkeypatch.setattr(banks, "POINT_CHARS", 90)
    at = page("questions").run()
    assert not at.exception
    said = _captions_in_form(at, "questions_add")
    assert "Up to 7 points, each up to 90 characters." in said, said
    assert (
        "At least two words, or one word ending in “?” (like “Strengths?”); up to "
        f"{banks.QUESTION_CHARS} characters: the question as asked, the points hold the rest."
    ) in said, said
    # one of your own, edited: the same rule for its points and its words
    banks.add_user_question(tmp_path, "How do you pick what to test first?", owner="")
    at = page("questions").run()
    [edit_form] = [
        f.proto.form.form_id for f in at.get("form") if f.proto.form.form_id.startswith("questions_edit_")
    ]
    assert "Up to 7 points, each up to 90 characters." in _captions_in_form(at, edit_form)
    [question_box] = [t for t in at.text_area if t.form_id == edit_form and t.label == "The question"]
    assert question_box.help == "At least two words, or one word ending in “?” (like “Strengths?”)."


def _captions_in_form(at, form_id: str) -> list[str]:
    [form] = [f for f in at.get("form") if f.proto.form.form_id == form_id]
    return [c.value for c in form.caption]


def test_each_question_says_how_often_it_was_answered_and_the_unanswered_can_be_listed(tmp_path, monkeypatch):
    """Three months in, the Questions page did not say which questions had been answered, how
    often, when last or how the last answer scored, and could not list those not answered yet or
    not lately. Each question now says it (practice, mock and real interviews counted, as Practice
    counts them), and "Your answers" keeps those not answered yet, not in the last 30 days, or
    answered."""
    from datetime import date

    from store_support import answered_over_months

    from coach.progress import answered_before, answered_by_question
    from coach.store import list_attempts, list_turns
    from coach.ui.highlight import escape
    from coach.ui.log_labels import short_date

    db = open_store(load_settings(tmp_path))
    try:
        days = answered_over_months(db)
        attempts, turns = list_attempts(db), list_turns(db)
    finally:
        db.close()
    # counted per question in one pass, as Practice counts one question (answered_before)
    counts = answered_by_question(attempts, turns)
    assert counts == {q: answered_before(attempts, q, turns) for q in ("mot-05", "beh-lead-01")}
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    assert not at.exception
    total = len(banks.load_questions(tmp_path))
    at.selectbox(key="questions_answered").set_value("answered").run()
    assert any(c.value == f"2 of {total} questions" for c in at.caption)
    shown = markdown_text(at)
    today = date.today()
    assert (
        escape(
            "Answered 3 times (1 in a real interview), last on "
            f"{short_date(days['mot-05'].isoformat(), today)} (score 71)"
        )
        in shown
    ), shown
    assert (
        escape(f"Answered once, on {short_date(days['beh-lead-01'].isoformat(), today)} (score 65)") in shown
    )
    assert "Not answered yet" not in shown
    # not in the last 30 days: the one answered 50 days ago and every one never answered
    at.selectbox(key="questions_answered").set_value("not lately").run()
    assert any(c.value == f"{total - 1} of {total} questions" for c in at.caption)
    assert at.button(key="questions_star_beh-lead-01")
    at.selectbox(key="questions_answered").set_value("not yet").run()
    assert any(c.value == f"{total - 2} of {total} questions" for c in at.caption)
    assert "Not answered yet" in markdown_text(at) and "Answered " not in markdown_text(at)
    assert at.selectbox(key="questions_answered").options == [
        "any",
        "Not answered yet",
        "Not in the last 30 days",
        "Answered before",
    ]


def test_a_bank_question_typed_with_typos_is_refused_by_its_words(tmp_path, monkeypatch):
    """Typed "Tell me abuot a tiem you failed." was added beside the banks' "Tell me about a time you
    failed.": the page says which question it is, spelt as the banks spell it."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    at.text_area[0].input("Tell me abuot a tiem you failed.")
    refused = _error_after(at, "Add to my questions")
    assert refused == (
        "The banks already have this question among their behavioural questions: “Tell me about a time "
        "you failed.”; practise that one, or word yours differently."
    )
    assert [q for q in banks.load_questions(tmp_path) if q.source != "bank"] == []


def test_an_interviewers_follow_up_typed_alone_is_added_as_your_own_question(tmp_path, monkeypatch):
    """ "How did you tell the people affected?", the banks' follow-up to "Describe a mistake you made
    that affected other people.", was refused as that question ("The banks already have this
    question ..."), and so was "What would make you accept our offer?" as "If we made you an offer,
    would you accept?": neither could be added to practise. Each is added as a question of yours."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    asked = ("How did you tell the people affected?", "What would make you accept our offer?")
    for question in asked:
        at = page("questions").run()
        at.text_area[0].input(question)
        [b for b in at.button if b.label == "Add to my questions"][0].click().run()
        assert not at.exception and [e.value for e in at.error] == [], question
        assert any(e.label.startswith(escape(question)) for e in at.expander), question
    assert [q.text for q in banks.load_questions(tmp_path) if q.source != "bank"] == list(asked)


def test_deleting_one_of_your_questions_says_which(tmp_path, monkeypatch):
    """Adding said "Added: …" and saving "Saved: …", but deleting only "Deleted."."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    mine = banks.add_user_question(tmp_path, "What would you change in our onboarding?")
    at = page("questions").run()
    at.button(key=f"questions_delete_{mine.id}").click().run()
    at.button(key=f"questions_delete_{mine.id}_yes").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Deleted: What would you change in our onboarding?"]
    assert [q for q in banks.load_questions(tmp_path) if q.source != "bank"] == []


def test_an_edit_with_every_competency_taken_off_tells_them_from_the_words_and_says_so(tmp_path, monkeypatch):
    """Taking every competency off a question of yours and saving new words said "Saved" and kept the
    old ones ("Strengths?" edited into a question about a missed deadline still practised only
    self awareness), though the add form tells them from the words when none are chosen."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    mine = banks.add_user_question(tmp_path, "Strengths?", competencies=["self-awareness"])
    words = "Tell me about a time you resolved a conflict with a colleague."
    at = page("questions").run()
    assert at.multiselect(key=f"questions_edit_competencies_{mine.id}").placeholder == (
        "Tell from the question's words"  # as the add form's box says what empty means
    )
    [box] = [t for t in at.text_area if t.value == "Strengths?"]
    box.input(words)
    at.multiselect(key=f"questions_edit_competencies_{mine.id}").set_value([])
    [b for b in at.button if b.label == "Save changes"][0].click().run()
    assert not at.exception and not at.error
    [edited] = [q for q in banks.load_questions(tmp_path) if q.id == mine.id]
    assert edited.competencies == tuple(banks.guess_competencies(words, edited.category))
    assert "conflict" in edited.competencies and "self-awareness" not in edited.competencies
    [saved] = [s.value.replace("\\", "") for s in at.success]  # as shown: markdown's escapes gone
    assert saved.startswith(f"Saved: {words} It practises ") and "told from its new words" in saved
    assert "(it practised self awareness before)" in saved, saved  # as `coach edit-question` says


def test_new_words_that_ask_for_a_story_give_a_story_s_length_as_when_added(tmp_path, monkeypatch):
    """Editing "Strengths?" into "Tell me about a time you missed a deadline." showed "about 1:30" in
    the list, where the same words added new read "about 2:00" (its kind of answer followed the new
    words, its length stayed the old words')."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    mine = banks.add_user_question(tmp_path, "Strengths?")
    words = "Tell me about a time you missed a deadline at work."
    at = page("questions").run()
    [box] = [t for t in at.text_area if t.value == "Strengths?"]
    box.input(words)
    [b for b in at.button if b.label == "Save changes"][0].click().run()
    assert not at.exception and not at.error
    at.text_input(key="questions_search").input("missed a deadline").run()
    shown = [str(m.value).replace("\\", "") for m in at.markdown]  # as shown: markdown's escapes gone
    [line] = [m for m in shown if m.startswith(f"**{words}**")]
    assert "about 2:00" in line and "about 1:30" not in line, line
    [edited] = [q for q in banks.load_questions(tmp_path) if q.id == mine.id]
    assert edited.target_s == banks.add_user_question(tmp_path / "new", words).target_s == 120


def test_answered_before_with_nothing_answered_yet_says_so_not_loosen_a_filter(tmp_path, monkeypatch):
    """A new person (or a cohort's staff member) choosing "Answered before" read "No question matches
    these filters. Loosen a filter, or add the question yourself under “Add your own”": adding a
    question answers none, and no filter was too tight."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    at.selectbox(key="questions_answered").set_value("answered").run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "You have answered no question yet: choose “any” under “Your answers” and press Practise beside "
        "one; once answered, it is listed here."
    ]


def test_words_alone_that_find_nothing_are_said_as_words_not_filters(tmp_path, monkeypatch):
    """A search with no filter set ("zzzz qqq") read "No question matches these filters. Loosen a
    filter…", pointing at filters nobody set; with a filter set it still says so."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    at.text_input(key="questions_search").input("zzzz <b>qqq</b>").run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "No question has the words “zzzz &lt;b&gt;qqq&lt;/b&gt;”. Try other words, or add the question "
        "yourself under “Add your own”."
    ]
    at.selectbox(key="questions_difficulty").set_value("hard").run()
    assert [i.value for i in at.info][0].startswith("No question matches these filters."), at.info


def _named(at, prefix: str) -> dict[str, str]:
    """The labels of the page's buttons whose keys start with `prefix`, by the question id after it."""
    return {b.key.removeprefix(prefix): b.label for b in at.button if b.key and b.key.startswith(prefix)}


def test_each_button_beside_a_question_says_which_question_it_is_for(monkeypatch):
    """A screen reader lists a page's buttons by name: the Questions page's 25 rows gave 50 buttons
    named "Star" or "Practise", Practice's recommended questions five named "Answer" and Progress's
    four named "Practise", with nothing to tell one from another. Each now names its question too
    (shown on the page as the word alone: tests/e2e/test_screen_reader_browser.py)."""
    from app_support import seeded_dir

    data_dir, _ = seeded_dir()
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    text = {q.id: q.text for q in banks.load_questions(data_dir)}

    at = page("questions").run()
    assert not at.exception
    for prefix, verb in (("questions_star_", "Star"), ("questions_practise_", "Practise")):
        labels = _named(at, prefix)
        assert len(labels) == 25, labels
        for qid, label in labels.items():
            assert label.startswith(f"{verb} ") and escape(text[qid]) in label, label

    at = page("practice").run()  # Practice: recommended from the debrief's gaps
    assert not at.exception
    labels = _named(at, "practice_rec_")
    assert labels and all(escape(text[qid]) in label for qid, label in labels.items()), labels

    at = page("progress").run()  # What to practise next
    assert not at.exception
    labels = _named(at, "progress_rec_")
    assert labels and all(escape(text[qid]) in label for qid, label in labels.items()), labels


def test_the_edit_form_holds_your_points_and_says_what_answers_are_checked_for(tmp_path, monkeypatch):
    """Editing a question of yours showed in its points box what it had been given as if you had
    typed it: a story's "a specific example / actions you took / the result", which no answer is
    checked for, and for "What is your greatest weakness?" the bank's weakness points; saving it
    reworded kept the weakness points, checked against the new question's answers. The box holds
    what you typed, and a line under it says what the answers are checked for."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    story = banks.add_user_question(tmp_path, "Tell me about a time you disagreed with your manager.")
    typed = banks.add_user_question(
        tmp_path, "Why do you want to leave your job?", talking_points=["Growth", "No bad-mouthing"]
    )
    weakness = banks.add_user_question(tmp_path, "What is your greatest weakness?")
    [bank_weakness] = [q for q in banks.load_questions(tmp_path) if q.id == "beh-fail-07"]
    at = page("questions").run()
    assert not at.exception
    boxes = {q.id: at.text_area(key=f"questions_edit_points_{q.id}").value for q in (story, typed, weakness)}
    assert boxes == {story.id: "", typed.id: "Growth\nNo bad-mouthing", weakness.id: ""}
    said = [str(c.value).replace("\\", "") for c in at.caption]
    assert (
        "None typed: its answers are not checked for talking points; Practice shows the reminders "
        "for its kind: a specific example; actions you took; the result."
    ) in said
    assert (
        f"None typed: its answers are checked for the points of the bank's “{bank_weakness.text}”: "
        f"{'; '.join(bank_weakness.talking_points)}. Type your own to check for them instead."
    ) in said

    # reworded, points untouched: given what the new words give, as when added new
    [words] = [t for t in at.text_area if t.value == weakness.text]
    words.input("Tell me about a time you missed a deadline at work.")
    in_form(at.button, f"questions_edit_{weakness.id}")[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.text_area(key=f"questions_edit_points_{story.id}").input("why we disagreed")
    in_form(at.button, f"questions_edit_{story.id}")[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    mine = {q.id: q for q in banks.load_questions(tmp_path) if q.source != "bank"}
    new = banks.add_user_question(tmp_path / "new", "Tell me about a time you missed a deadline at work.")
    assert mine[weakness.id].talking_points == new.talking_points
    assert banks.points_to_check(mine[weakness.id].talking_points) == ()
    assert mine[story.id].talking_points == ("why we disagreed",)  # only what was typed
    assert mine[typed.id].talking_points == ("Growth", "No bad-mouthing")

    # the box emptied: the question is given its points again, not refused
    at.text_area(key=f"questions_edit_points_{story.id}").input("")
    in_form(at.button, f"questions_edit_{story.id}")[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [again] = [q for q in banks.load_questions(tmp_path) if q.id == story.id]
    assert again.talking_points == story.talking_points
    assert at.text_area(key=f"questions_edit_points_{story.id}").value == ""


def test_the_edit_form_says_the_follow_up_and_it_follows_new_words(tmp_path, monkeypatch):
    """The edit form of a question of yours showed its points and what is checked, never the
    follow-up a mock interview may ask; and "What is your greatest weakness?" reworded in it into
    "Tell me about a time you missed a deadline." kept the bank weakness question's "How would your
    colleagues describe it?". The form says the follow-up and whose it is, and the new words get
    theirs, as their points; one written for the question is said as it is."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    weakness = banks.add_user_question(tmp_path, "What is your greatest weakness?")
    banks.add_user_question(tmp_path, "Why this company?", follow_ups=["Who do you know here?"])
    [bank_weakness] = [q for q in banks.load_questions(tmp_path) if q.id == "beh-fail-07"]
    at = page("questions").run()
    assert not at.exception
    said = [str(c.value).replace("\\", "") for c in at.caption]
    assert (
        f"Follow-up you may get: “{bank_weakness.follow_ups[0]}”, the bank's for “{bank_weakness.text}”; "
        "new words give it the follow-up that fits them."
    ) in said
    assert "Follow-up you may get: “Who do you know here?”." in said

    [words] = [t for t in at.text_area if t.value == weakness.text]
    words.input("Tell me about a time you missed a deadline at work.")
    in_form(at.button, f"questions_edit_{weakness.id}")[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [mine] = [q for q in banks.load_questions(tmp_path) if q.id == weakness.id]
    assert mine.follow_ups == ("What would you do differently next time?",)
    said = [str(c.value).replace("\\", "") for c in at.caption]
    assert (
        "Follow-up you may get: “What would you do differently next time?”, one for any behavioural "
        "question; new words give it the follow-up that fits them."
    ) in said
    assert not any(bank_weakness.follow_ups[0] in line for line in said), said


def test_competencies_told_from_its_words_follow_new_words_and_chosen_ones_stay(tmp_path, monkeypatch):
    """A question of yours added with no competencies chosen was told "prioritisation, decision
    making"; reworded in its edit form into "What is your greatest weakness?" it kept them, since the
    box starts filled with them and "Save changes" sent them back as if chosen. Told ones follow the
    new words (as the same words added anew are told), and "Saved: …" says what they are now; ones
    you chose stay."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    told = banks.add_user_question(
        tmp_path, "Tell me about a time you had to prioritise between two urgent decisions."
    )
    chosen = banks.add_user_question(
        tmp_path, "Tell me about a time you had to choose which project to drop.", competencies=["influence"]
    )
    assert set(told.competencies) == {"prioritisation", "decision-making"}
    weakness = banks.add_user_question(tmp_path / "new", "What is your greatest weakness?")
    assert set(weakness.competencies).isdisjoint(told.competencies)
    at = page("questions").run()
    for question in (told, chosen):
        [words] = [t for t in at.text_area if t.value == question.text]
        words.input(weakness.text if question is told else "What is your biggest weakness as a lead?")
        in_form(at.button, f"questions_edit_{question.id}")[0].click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        if question is told:
            said = [str(s.value).replace("\\", "") for s in at.success]
            assert any(
                line.startswith(f"Saved: {weakness.text} It practises ")
                and "told from its new words (it practised prioritisation and decision making before)" in line
                for line in said
            ), said
    mine = {q.id: q for q in banks.load_questions(tmp_path)}
    assert mine[told.id].competencies == weakness.competencies
    assert mine[chosen.id].competencies == ("influence",)


def test_a_kind_told_from_its_words_follows_new_words_and_a_chosen_one_stays(tmp_path, monkeypatch):
    """A question of yours added with its category left to its words ("Which feature would you cut
    first?" is role-specific), reworded in its edit form into "What is your greatest weakness?", kept
    role-specific: the box starts filled with it and "Save changes" sent it back as if chosen, so it
    practised "failure learning, product sense" with a role question's points. A kind told follows
    the new words, with what they give, and "Saved: …" says it; one you chose stays."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    told = banks.add_user_question(tmp_path, "Which feature would you cut first?")
    chosen = banks.add_user_question(
        tmp_path, "Which stakeholder would you update first?", category="situational"
    )
    assert told.category == "role-specific"
    weakness = banks.add_user_question(tmp_path / "new", "What is your greatest weakness?")
    at = page("questions").run()
    said = {}
    for question, words in ((told, weakness.text), (chosen, "What is your biggest weakness as a lead?")):
        [box] = [t for t in at.text_area if t.value == question.text]
        box.input(words)
        in_form(at.button, f"questions_edit_{question.id}")[0].click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        [said[question.id]] = [str(s.value).replace("\\", "") for s in at.success]
    practises = listed([banks.tag_words(c) for c in weakness.competencies])  # "…, and failure and learning"
    assert said[told.id] == (
        f"Saved: {weakness.text} It practises {practises} as a behavioural question, told from its new words "
        f"(it practised {listed([banks.tag_words(c) for c in told.competencies])} before); change them under "
        "“Your questions”."
    )
    assert "question, told" not in said[chosen.id], said  # its kind was chosen: not said as told
    mine = {q.id: q for q in banks.load_questions(tmp_path)}
    assert (mine[told.id].category, mine[told.id].competencies) == (weakness.category, weakness.competencies)
    assert mine[told.id].talking_points == weakness.talking_points
    assert mine[chosen.id].category == "situational"


def test_your_question_is_edited_in_a_box_that_shows_it_whole(tmp_path, monkeypatch):
    """The edit box was one line: at 390 px it showed "Tell me about a time you had to give bad news
    to a clie", and a question of 300 characters a fifth of itself, where the add box above wraps
    the words it holds. It is a box of several lines, as the add box, and saves what is typed in it."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    words = (
        "Tell me about a time you had to give bad news to a client who had been promised a date by "
        "someone else in your company, how you prepared for that conversation, and what you did "
        "afterwards to win back their trust."
    )
    mine = banks.add_user_question(tmp_path, words)
    at = page("questions").run()
    assert not at.exception
    [box] = [t for t in at.text_area if t.value == words]
    assert box.label == "The question" and box.form_id == f"questions_edit_{mine.id}"
    box.input(words.replace("a client", "a customer"))
    in_form(at.button, f"questions_edit_{mine.id}")[0].click().run()
    assert not at.exception and not at.error
    [edited] = [q for q in banks.load_questions(tmp_path) if q.id == mine.id]
    assert edited.text == words.replace("a client", "a customer")


def test_added_says_what_it_practises_so_failure_and_learning_reads_as_one_skill(tmp_path, monkeypatch):
    """ "Added: …" said "It practises failure and learning and communication": one skill or three?
    The skill whose name holds an "and" is set apart by a comma, as the mock interview lists them,
    and so is the question's line in the list above."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    words = "Tell me about a time you learned from a mistake that hurt your self-confidence."
    at = page("questions").run()
    at.text_area[0].input(words)
    [b for b in at.button if b.label == "Add to my questions"][0].click().run()
    assert not at.exception and not at.error
    [added] = [s.value.replace("\\", "") for s in at.success]
    assert "It practises failure and learning, and communication, told from its words" in added, added
    at.text_input(key="questions_search").input("self-confidence").run()
    shown = markdown_text(at)
    assert "· failure and learning, and communication ·" in shown, shown


def test_after_new_words_are_saved_the_edit_box_shows_what_they_practise_now(tmp_path, monkeypatch):
    """Reworded and saved, a question of yours was told "customer focus" from its new words, and
    "Saved: …" said so, but its box went on showing "execution, customer focus", what the old words
    had given; a second "Save changes" (its difficulty changed) sent them back as chosen, so it
    practised execution again without a word. The box shows what was saved."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    mine = banks.add_user_question(
        tmp_path, "Tell me about a time you had to deliver bad news to a customer."
    )
    assert set(mine.competencies) == {"execution", "customer-focus"}
    at = page("questions").run()
    at.text_area(key=f"questions_edit_text_{mine.id}").input(
        "Tell me about a time you had to give a customer bad news."
    )
    in_form(at.button, f"questions_edit_{mine.id}")[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [saved] = [q for q in banks.load_questions(tmp_path) if q.id == mine.id]
    assert saved.competencies == ("customer-focus",)
    assert at.multiselect(key=f"questions_edit_competencies_{mine.id}").value == ["customer-focus"]
    at.selectbox(key=f"questions_edit_difficulty_{mine.id}").set_value("hard")
    in_form(at.button, f"questions_edit_{mine.id}")[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [again] = [q for q in banks.load_questions(tmp_path) if q.id == mine.id]
    assert (again.difficulty, again.competencies) == ("hard", ("customer-focus",))


def test_the_role_filters_name_the_roles_as_settings_and_the_mock_interview_do(tmp_path, monkeypatch):
    """The Questions and Practice pages' Role filter offered "software engineer" and "engineering
    manager", where Settings and the mock interview's Role offer "Software engineering" and
    "Engineering management": one role under two names. The filters say Settings' names, in their
    own lower case."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings_names = [name.lower() for role, name in banks.ROLE_LABELS.items() if role != "any"]
    assert "software engineering" in settings_names and "engineering management" in settings_names
    for name in ("questions", "practice"):
        at = page(name).run()
        if name == "practice":  # its filters show when browsing
            at.segmented_control(key="practice_mode").set_value("Browse").run()
        assert not at.exception
        [role] = [s for s in at.selectbox if s.label == "Role"]
        assert role.options == ["any", *settings_names], (name, role.options)
        role.set_value("engineering-manager").run()  # the filter still filters by the role
        assert not at.exception
        assert [s for s in at.selectbox if s.label == "Role"][0].value == "engineering-manager"
