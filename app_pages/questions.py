"""Questions: browse and search the banks, star favourites, add your own, questions to ask them."""

import streamlit as st

from coach import banks
from coach.analysis.wording import count
from coach.progress import ANSWERED_FILTERS, LONG_AGO_DAYS, answered_by_question, answered_words, by_answers
from coach.store import count_answers_by_question, list_attempts, list_favourites, list_turns, set_favourite
from coach.ui import browser_clock, shared, summary
from coach.ui.highlight import escape

ANY = "any"
PAGE_SIZE = 25

# The page's words for coach.progress.ANSWERED_FILTERS
ANSWERED_WORDS = {
    "any": "any",  # as the filters beside it say it
    "not yet": "Not answered yet",
    "not lately": f"Not in the last {LONG_AGO_DAYS} days",
    "answered": "Answered before",
}

today = browser_clock.today()  # the person's, from their browser (not the server's)
cfg = shared.settings()
ss = st.session_state
ss.setdefault("questions_page", 0)

questions = banks.load_questions(cfg.data_dir, owner=cfg.owner)
favourites = list_favourites(shared.store(cfg))
# how often each question was answered (practice, mock and real interviews) and when last
answered = answered_by_question(list_attempts(shared.store(cfg)), list_turns(shared.store(cfg)))


def answered_line(question_id: str) -> str:
    """'Answered 3 times, last on Thu 12 Nov (score 71)', or 'Not answered yet'."""
    before = answered.get(question_id)
    return answered_words(before, summary.answered_when(before, today) if before else "")


def toggle(question_id: str, starred: bool) -> None:
    with shared.shown_errors():
        set_favourite(shared.store(cfg), question_id, starred)


def browse() -> None:
    """Search and filter the banks, star favourites, practise any question in one click."""
    search = st.text_input(
        "Search questions", placeholder="e.g. conflict, deadline, stakeholder, outage", key="questions_search"
    )
    # "Your answers" wide enough to show "Not in the last 30 days" whole
    c1, c2, c3, c4, c5, c6 = st.columns([1, 1, 1, 1, 1.6, 1.2], vertical_alignment="bottom")
    category = c1.selectbox(
        "Category", [ANY, *banks.CATEGORIES], format_func=summary.tag_words, key="questions_category"
    )
    role = c2.selectbox(
        "Role", [ANY, *banks.ROLES[1:]], format_func=summary.role_filter_words, key="questions_role"
    )
    competency = c3.selectbox(
        "Competency", [ANY, *banks.COMPETENCIES], format_func=summary.tag_words, key="questions_competency"
    )
    difficulty = c4.selectbox("Difficulty", [ANY, *banks.DIFFICULTIES], key="questions_difficulty")
    by_answer = c5.selectbox(
        "Your answers",
        ANSWERED_FILTERS,
        format_func=ANSWERED_WORDS.get,
        key="questions_answered",
        help="Practice, mock and real interview answers count.",
    )
    only_starred = c6.toggle("Starred only", key="questions_starred")
    # yours sit at the end of the banks' ~300 (a year's 15 on pages 12–13 of 13): one switch shows them
    only_yours = c6.toggle(
        "Yours only",
        key="questions_yours",
        help="The questions you added, or that interviewers asked you (from a debrief).",
    )
    filters = {
        k: (None if v == ANY else v)
        for k, v in dict(category=category, role=role, competency=competency, difficulty=difficulty).items()
    }
    matching = banks.filter_questions(questions, text=search or None, **filters)
    if only_starred:
        matching = [q for q in matching if q.id in favourites]
    if only_yours:
        matching = [q for q in matching if q.source != "bank"]
    matching = by_answers(matching, answered, by_answer, today)
    st.caption(f"{len(matching)} of {len(questions)} questions")
    if not matching and only_starred and not favourites:  # nothing starred yet: not a filter to loosen
        st.info("You have starred no question yet: press Star beside one to keep it here.")
    elif not matching and only_yours and not any(q.source != "bank" for q in questions):
        st.info("You have added no question of your own yet: add one under “Add your own”.")
    elif not matching and by_answer == "answered" and not answered:  # nothing answered: no filter to loosen
        st.info(
            "You have answered no question yet: choose “any” under “Your answers” and press Practise "
            "beside one; once answered, it is listed here."
        )
    elif not matching and search.strip() and not any([*filters.values(), only_yours]) and by_answer == ANY:
        # no filter set, only words typed: "Loosen a filter" pointed at none ("Yours only" is one)
        st.info(
            f"No question has the words “{escape(search.strip())}”. Try other words, or add the "
            "question yourself under “Add your own”."
        )
    elif not matching:
        st.info(
            "No question matches these filters. Loosen a filter, or add the question yourself under "
            "“Add your own”."
        )
    looked_for = (search, category, role, competency, difficulty, by_answer, only_starred, only_yours)
    if ss.get("questions_looked_for") != looked_for:  # a new search starts at its first page
        ss.questions_looked_for = looked_for
        ss.questions_page = 0
    pages = max((len(matching) - 1) // PAGE_SIZE + 1, 1)
    page = min(ss.questions_page, pages - 1)
    shared.named_for_questions("questions_star_", "questions_practise_")
    for q in matching[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        starred = q.id in favourites
        row = st.columns([8, 1.4, 1.4], vertical_alignment="center")
        source = f" · {summary.question_source(q)}" if summary.question_source(q) else ""
        row[0].markdown(
            f"**{escape(q.text)}**  \n:gray[{escape(summary.describe_question(q))}{escape(source)}]  \n"
            f":gray[{escape(answered_line(q.id))}]"
        )
        row[1].button(  # a button that looks like one, saying what a click does ("Star", as said above)
            shared.for_question("Starred" if starred else "Star", q.text),
            icon=":material/star:" if starred else ":material/star_border:",
            key=f"questions_star_{q.id}",
            on_click=toggle,
            args=(q.id, not starred),
            help="Starred: one of your favourites; click to take the star off"
            if starred
            else "Star it: keep it among your favourites",
            width="stretch",
        )
        if row[2].button(
            shared.for_question("Practise", q.text),
            key=f"questions_practise_{q.id}",
            on_click=shared.practise,
            args=(q.id,),
            width="stretch",  # as wide as Star (at 390 px Star filled half the row, Practise a fifth)
        ):
            st.switch_page("app_pages/practice.py")
    if pages > 1:
        nav = st.columns([1, 2, 1], vertical_alignment="center")  # "Page 1 of 12" level with the buttons
        nav[0].button(
            "← Previous",
            disabled=page == 0,
            key="questions_prev",
            on_click=lambda: ss.update(questions_page=page - 1),
        )
        nav[1].caption(f"Page {page + 1} of {pages}")
        nav[2].button(
            "Next →",
            disabled=page >= pages - 1,
            key="questions_next",
            on_click=lambda: ss.update(questions_page=page + 1),
        )


def add_your_own() -> None:
    if ss.get("questions_flash"):
        st.success(ss.pop("questions_flash"))
    form = shared.form_key("questions_add")
    with st.form(form):
        # no max_chars: a browser drops a paste longer than the box's limit without a word (the box
        # stayed empty, then "The question is empty"); the add refuses a long one in a sentence
        text = st.text_area(
            "The question",
            placeholder="Tell me about a time you had to deliver bad news to a customer.",
            key=f"{form}_text",
        )
        st.caption(summary.own_question_rule())  # said before the add, not only in its refusal
        c1, c2, c3 = st.columns(3)
        new_category = c1.selectbox("Category", (None, *banks.CATEGORIES), format_func=summary.kind_words)
        new_competencies = c2.multiselect(
            "Competencies it tests",
            banks.COMPETENCIES,
            format_func=summary.tag_words,
            placeholder=summary.OWN_COMPETENCIES_PLACEHOLDER,
            help=summary.OWN_COMPETENCIES_RULE,
        )
        new_difficulty = c3.selectbox("Difficulty", banks.DIFFICULTIES, index=1)
        points = st.text_area("What a strong answer covers (one a line, optional)", key=f"{form}_points")
        st.caption(summary.talking_points_rule())
        shared.keep_typed(form, cfg.owner)  # typed, then another page opened: not lost
        if st.form_submit_button("Add to my questions", type="primary"):
            with shared.shown_errors():
                banks.check_not_there(cfg.data_dir, text, owner=cfg.owner)
                added = banks.add_user_question(
                    cfg.data_dir,
                    text,
                    category=new_category,
                    competencies=new_competencies or None,  # none chosen: told from its words
                    difficulty=new_difficulty,
                    talking_points=[p.strip() for p in points.splitlines() if p.strip()],
                    owner=cfg.owner,
                )
                shared.form_saved("questions_add")
                ss.questions_flash = f"Added: {escape(added.text)}{told(new_competencies, added)}"
                st.rerun()
    mine = [q for q in banks.load_questions(cfg.data_dir, owner=cfg.owner) if q.source != "bank"]
    st.markdown(f"**Your questions ({len(mine)})**")
    if not mine:
        st.caption(
            "None yet. Questions you add here, or that interviewers asked you (from a debrief), "
            "appear in this list and on the Practice page, under “Your own”."
        )
    answers = count_answers_by_question(shared.store(cfg), [q.id for q in mine])
    for q in mine:
        edit_own(q, answers[q.id])


def told(
    chosen: list[str], question: banks.Question, kind_told: bool = False, before: banks.Question | None = None
) -> str:
    """After "Added: …" or "Saved: …", what the question was given when no competency was chosen,
    and its kind when that was told from its words (`kind_told`); after "Saved: …", what it
    practised `before` when new words told it others, as `coach edit-question` says it."""
    said = summary.told_from_words(
        () if chosen else question.competencies,
        question.category if kind_told else None,
        banks.competencies_retold(before, question, chosen) if before else (),
    )
    return f" {escape(said)}" if said else ""


KEEP_WORDS = ("keep it under this question's words", "keep them under this question's words")


def edit_own(q: banks.Question, answers: int) -> None:
    """One of your own questions: change anything you gave it when adding it, or delete it after a
    second click that says what becomes of its answers (they can move to the bank question it
    copied)."""
    # keyed: the browser keeps the box open across the rerun a click in it makes, though the
    # "Added: …" line above it is gone by then (unkeyed, the box moved up a place and closed)
    label = escape(summary.own_question_label(q, answered_line(q.id)))
    boxes = edit_boxes(q)
    with st.expander(label, key=f"questions_own_{q.id}"):
        with st.form(f"questions_edit_{q.id}"):
            # no max_chars, as in the add form: a browser drops a paste longer than the limit without
            # a word (the box kept the old words, and "Save changes" said "Saved" of them); the edit
            # refuses a long one in a sentence. A question kept longer (heard in a real interview) is
            # shown whole: on several lines, as the add box (one line showed "…bad news to a clie" at
            # 390 px)
            text = st.text_area(
                "The question",
                **boxes["text"],
                height="content",
                help=summary.own_question_rule(adding=False),
                key=f"questions_edit_text_{q.id}",
            )
            c1, c2, c3 = st.columns(3)
            category = c1.selectbox(
                "Category",
                banks.CATEGORIES,
                format_func=summary.tag_words,
                index=banks.CATEGORIES.index(q.category),
            )
            competencies = c2.multiselect(
                "Competencies it tests",
                banks.COMPETENCIES,
                format_func=summary.tag_words,
                **boxes["competencies"],
                key=f"questions_edit_competencies_{q.id}",
                placeholder=summary.OWN_COMPETENCIES_PLACEHOLDER,  # taken off, as empty when adding
                help=summary.OWN_COMPETENCIES_RULE,
            )
            difficulty = c3.selectbox(
                "Difficulty",
                banks.DIFFICULTIES,
                **boxes["difficulty"],
                key=f"questions_edit_difficulty_{q.id}",
            )
            points = st.text_area(
                "What a strong answer covers (one a line, optional)",
                **boxes["points"],  # what was given is said below
                key=f"questions_edit_points_{q.id}",
            )
            if checked := summary.points_checked(q):
                st.caption(escape(checked))
            st.caption(summary.talking_points_rule())
            if follow_up := summary.follow_up_given(q):
                st.caption(escape(follow_up))
            shared.keep_typed("questions_edit", cfg.owner)  # its talking points typed and not saved
            if st.form_submit_button("Save changes"):
                with shared.shown_errors():
                    edited = banks.edit_user_question(
                        cfg.data_dir,
                        q.id,
                        owner=cfg.owner,
                        text=text,
                        category=category,
                        competencies=competencies,  # none left: told from its words
                        difficulty=difficulty,
                        talking_points=[p.strip() for p in points.splitlines() if p.strip()],
                    )
                    # said above the list too: the box may sit far down a long list
                    # and what it was told, when its competencies or kind were told (they follow
                    # its words)
                    chosen = banks.competencies_chosen(competencies, q)
                    kind_told = banks.category_chosen(category, q) is None
                    ss.questions_flash = (
                        f"Saved: {escape(edited.text)}{told(list(chosen), edited, kind_told, before=q)}"
                    )
                    ss[f"questions_edit_saved_{q.id}"] = True
                    st.rerun()
        delete_own(q, answers)


def edit_boxes(q: banks.Question) -> dict[str, dict]:
    """Each edit box of `q` (text, competencies, difficulty, points) starting at what is saved, as
    the box's own argument. Once "Save changes" saved `q`, the boxes are set to what was saved in
    session state instead, and given no starting value (Streamlit warns when a box has both).
    Keyed, they went on showing what was sent: new words told "customer focus" from them, and
    "Saved: …" said so, while the box still showed "execution, customer focus"; a second save sent
    those back as chosen."""
    saved = {
        "text": q.text,
        "competencies": [c for c in q.competencies if c in banks.COMPETENCIES],
        "difficulty": q.difficulty,
        "points": "\n".join(banks.points_typed(q.talking_points)),
    }
    if ss.pop(f"questions_edit_saved_{q.id}", False):
        for box, value in saved.items():
            ss[f"questions_edit_{box}_{q.id}"] = value
        return dict.fromkeys(saved, {})
    return {
        "text": {"value": saved["text"]},
        "competencies": {"default": saved["competencies"]},
        "difficulty": {"index": banks.DIFFICULTIES.index(saved["difficulty"])},
        "points": {"value": saved["points"]},
    }


def delete_own(q: banks.Question, answers: int) -> None:
    """Delete asks first, naming how many answers are filed under the question and where they go."""
    others = {o.id: o.text for o in questions if o.id != q.id}
    move_to = None
    if answers:
        them = "them" if answers > 1 else "it"
        move_to = st.selectbox(
            "Its answer, once it is deleted"
            if answers == 1
            else f"Its {answers} answers, once it is deleted",
            [None, *others],
            format_func=lambda i: KEEP_WORDS[answers > 1] if i is None else f"file {them} under: {others[i]}",
            key=f"questions_move_{q.id}",
            help="Pick the bank question this one copies, so its answers line up with your practice.",
        )
    sentence = summary.delete_question_sentence(q.text, answers, others.get(move_to))
    if shared.asked_first(
        f"questions_delete_{q.id}", "Delete this question", escape(sentence), yes="Yes, delete"
    ):
        with shared.shown_errors():
            moved = banks.delete_user_question(cfg.data_dir, q.id, answers_to=move_to, owner=cfg.owner)
            # which question went, as "Added: …" and "Saved: …" say which came or changed
            moved_to = f" — {count(moved, 'answer')} moved to: {escape(others[move_to])}" if move_to else ""
            if answers and not move_to:  # where they are, as asked before ("… stay in your history …")
                moved_to = f" — {summary.kept_answers_words(answers)}."
            ss.questions_flash = f"Deleted: {escape(q.text)}{moved_to}"
            st.rerun()


def questions_to_ask() -> None:
    st.caption("Ask at least one question at every stage: the answers tell you whether you want the job.")
    topic = st.selectbox(
        "Topic", [ANY, *banks.ASK_TOPICS], format_func=summary.tag_words, key="questions_ask_topic"
    )
    for ask in banks.load_questions_to_ask(cfg.data_dir, None if topic == ANY else topic):
        st.markdown(
            f"**{escape(ask.text)}**  \n:gray[{escape(summary.tag_words(ask.topic))} — {escape(ask.why)}]"
        )


shared.page_header(
    "Questions",
    "Every question in the shipped banks and your own. Star the ones you "
    "want to come back to; practise any of them in one click.",
)
browse_tab, own_tab, ask_tab = st.tabs(["Browse", "Add your own", "Questions to ask them"])
with browse_tab:
    browse()
with own_tab:
    add_your_own()
with ask_tab:
    questions_to_ask()
