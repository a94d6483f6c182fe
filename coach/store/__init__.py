"""Storage that never loses a recording: one schema for SQLite and PostgreSQL, numbered migrations.

Open it with `open_store(settings)`; every function takes that Store first. Rows come back as
JSON-ready dicts (times as ISO-8601 UTC strings). Recording paths are relative to the data
directory.

A Store belongs to one owner ("" for the single user; in multi-user mode a login identity, with
`store.for_owner(identity)`): every function reads only that owner's rows and stamps it on every
row it writes, so another person's row is, by list or by id, a row that does not exist.
`coach.store.cohort` is the one exception, and hands back numbers only.
"""

from coach.store.attempts import (
    delete_attempt,
    get_attempt,
    list_attempts,
    list_sessions,
    save_attempt,
    start_session,
)
from coach.store.db import Store, open_store
from coach.store.debriefs import MORE_QUESTIONS as DEBRIEF_MORE_QUESTIONS
from coach.store.debriefs import add_debrief, delete_debrief, list_debriefs, update_debrief
from coach.store.favourites import list_favourites, set_favourite
from coach.store.goals import add_goal, delete_goal, list_goals, update_goal
from coach.store.interviews import (
    add_interview,
    add_person,
    check_interview,
    check_person,
    delete_interview,
    delete_interview_audio,
    delete_person,
    get_interview,
    interview_keeping,
    interview_recording,
    keep_shown,
    last_review,
    list_interviews,
    list_turns,
    mark_prepared_step,
    prepared_steps_of,
    replace_interview_answers,
    save_interview_recording,
    update_interview,
    update_person,
)
from coach.store.options import add_option, delete_option, list_options, option_status_changed, update_option
from coach.store.own_questions import (
    add_own_question,
    count_answers_by_question,
    count_answers_to,
    delete_own_question,
    edit_own_question,
    list_own_questions,
    own_questions_added_at,
)
from coach.store.questions import add_question, delete_question, get_question, list_questions
from coach.store.recordings import recover_recordings, unanalysed_recordings

__all__ = [
    "Store",
    "open_store",
    "save_attempt",
    "list_attempts",
    "get_attempt",
    "delete_attempt",
    "start_session",
    "list_sessions",
    "add_interview",
    "update_interview",
    "get_interview",
    "list_interviews",
    "delete_interview",
    "delete_interview_audio",
    "add_person",
    "check_interview",
    "check_person",
    "update_person",
    "delete_person",
    "save_interview_recording",
    "interview_recording",
    "keep_shown",
    "last_review",
    "interview_keeping",
    "replace_interview_answers",
    "list_turns",
    "prepared_steps_of",
    "mark_prepared_step",
    "DEBRIEF_MORE_QUESTIONS",
    "add_debrief",
    "update_debrief",
    "delete_debrief",
    "list_debriefs",
    "add_option",
    "update_option",
    "delete_option",
    "list_options",
    "option_status_changed",
    "add_goal",
    "update_goal",
    "delete_goal",
    "list_goals",
    "add_question",
    "get_question",
    "list_questions",
    "delete_question",
    "add_own_question",
    "edit_own_question",
    "delete_own_question",
    "count_answers_by_question",
    "count_answers_to",
    "list_own_questions",
    "own_questions_added_at",
    "list_favourites",
    "set_favourite",
    "recover_recordings",
    "unanalysed_recordings",
]
