"""Saving the debrief form: the store keeps its fields, people met join the interview, and the
questions the interviewer asked are kept with the debrief and can join the practice bank."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from coach import banks, local_time, playbook, store
from coach.analysis.wording import listed
from coach.config import Settings
from coach.errors import InputError
from coach.interview.turns import asked_question_text, asks_something, is_follow_up
from coach.question_match import same_question
from coach.recommend import role_to_practise
from coach.roles import your_role
from coach.store import Store
from coach.store.debriefs import QUESTIONS_HEADING
from coach.store.schema import LONG_TEXT_CHARS

# How the debrief draft a review writes opens its notes (coach.interview.review), so the form
# can tell the draft from a debrief the user wrote.
REVIEW_DRAFT_NOTE = "Measured by the coach's review"
# The whole line a review's draft opens its notes with: the coach's words to the user, not a note.
REVIEW_DRAFT_NOTE_LINE = f"{REVIEW_DRAFT_NOTE}; add your own view of how it went."
# what drafts said before the note was in the user's words (it named the `coach review` command)
OLD_REVIEW_DRAFT_NOTES = ("Measured by coach review",)
STORE_FIELDS = (
    *("went_well", "could_be_better", "skill_gaps", "interest", "proceed", "time_commitment"),
    *store.DEBRIEF_MORE_QUESTIONS,
)
# A written debrief's parts as the Interviews page and `coach interview` head them, in that order:
# the same words in both. Interest and going on are said on the debrief's first line, people met
# and the questions asked apart; the notes shown are the user's own (own_notes).
DEBRIEF_HEADINGS = (
    ("went_well", "Went well"),
    ("could_be_better", "Could be better"),
    ("skill_gaps", "Skill gaps"),
    ("time_commitment", "Time commitment"),
    ("red_flags", "Red flags"),
    ("pay_mentioned", "Pay or benefits mentioned"),
    ("compared_with_others", "Compared with the others"),
    ("notes", "Notes"),
)


# What separates a person's name, title and note on one line, the first found first: an em dash
# with or without spaces ("Sam Lee—EM"), an en dash or a hyphen with spaces (the hyphen of
# "Anne-Marie" separates nothing), a bar, a semicolon, a comma. None separates inside quotes
# ('"Jean — Paul" — CTO'): a name that holds one is typed in quotes.
PERSON_SEPARATORS = ("—", " – ", " - ", "|", ";", ",")
# Quotes that hold a stretch of a line together, each with the quote that closes it. The
# apostrophe is none: it is the one of O'Brien more often than a quote.
CLOSING_QUOTE = {'"': '"', "“": "”", "„": "“", "«": "»"}
QUOTED = "\0"  # what a quoted stretch reads as while separators are looked for


def _quotes_hidden(text: str) -> str:
    """`text` with each quoted stretch, quotes and all, read as QUOTED: the same length, so what
    is found in it is found at the same place in `text`. A quote never closed holds nothing."""
    hidden, at = [], 0
    while at < len(text):
        closing = CLOSING_QUOTE.get(text[at])
        end = text.find(closing, at + 1) if closing else -1
        if end == -1:
            hidden.append(text[at])
            at += 1
        else:
            hidden.append(QUOTED * (end + 1 - at))
            at = end + 1
    return "".join(hidden)


def _unquoted(name: str) -> str:
    """A name typed wholly in quotes without them ('"Jean — Paul"' is Jean — Paul): the quotes
    only held it together, and kept they would make it someone else than Jean — Paul typed later.
    Quotes inside a name ('“Anne-Marie — Annie” Smith') are the user's and stay."""
    if len(name) > 1 and name[0] in CLOSING_QUOTE and name.find(CLOSING_QUOTE[name[0]], 1) == len(name) - 1:
        return name[1:-1].strip()
    return name


def _cut(text: str, sep: str) -> list[str]:
    """`text` cut at the first `sep` outside quotes, into one piece or two."""
    at = _quotes_hidden(text).find(sep)
    return [text] if at == -1 else [text[:at], text[at + len(sep) :]]


def parse_person(line: str) -> dict:
    """'Sam Lee — engineering manager — ex-Stripe' → name, title, notes; a line with no name before
    its first separator ("— cto") is refused in one sentence (it was kept as a person "— cto")."""
    padded = f" {line or ''} "  # a separator typed first or last is found with its spaces
    hidden = _quotes_hidden(padded)
    sep = next((sep for sep in PERSON_SEPARATORS if sep in hidden), None)
    if sep is None:
        parts = [padded]
    else:
        name, rest = _cut(padded, sep)
        mark = sep.strip()
        if rest.lstrip().startswith(mark):  # "Al — — a note": no title, then the note
            parts = [name, "", rest.lstrip()[len(mark) :]]
        else:
            parts = [name, *_cut(rest, sep)]
    parts = [p.strip() for p in parts] + ["", ""]
    name = _unquoted(parts[0])
    if not name:
        raise InputError(no_name_said(line))
    return {"name": name, "title": parts[1], "notes": parts[2]}


def name_on_a_line(name: str) -> str:
    """A person's name as it stands on a line with their title: in quotes when it holds a
    separator ("“Jean — Paul” — CTO", not "Jean — Paul — CTO"), as it is typed to be one name."""
    hidden = _quotes_hidden(f" {name} ")
    return f"“{name}”" if any(sep in hidden for sep in PERSON_SEPARATORS) else name


NO_NAME = "Type the person's name (then, if you like, ' — ' their title and a note)."
QUOTED_LINE_CHARS = 60  # a line quoted in full up to this long, its start after


def no_name_said(line: str | None) -> str:
    """Why a person's line was refused, quoting the line: among several typed one a line (the
    people of a new interview, a debrief's people met), "Type the person's name" left the user to
    find which of them had none."""
    typed = " ".join((line or "").split())
    if not typed:
        return NO_NAME
    if len(typed) > QUOTED_LINE_CHARS:
        typed = typed[:QUOTED_LINE_CHARS].rsplit(" ", 1)[0] + "…"  # at a word's end
    return (
        f"The line “{typed}” has no name: start it with the person's name (then, if you like, "
        "' — ' their title and a note)."
    )


def _folded(text: str | None) -> str:
    """Text as compared: case and runs of spaces aside ("dana  ortiz" is "Dana Ortiz")."""
    return " ".join((text or "").split()).casefold()


def same_person(people: list[dict], name: str) -> dict | None:
    """The person already recorded under `name` (case and spacing aside), if any."""
    wanted = _folded(name)
    return next((p for p in people if _folded(p["name"]) == wanted), None)


# Words that make the second part of a person's line a job title ("Head of ML", "staff engineer"),
# not a note in the title's place ("Dana Ortiz — asked about on-call"), for someone already kept.
TITLE_WORDS = frozenset(
    (
        *("head", "lead", "leader", "manager", "director", "engineer", "engineering", "developer"),
        *("recruiter", "recruiting", "recruitment", "talent", "sourcer", "hr", "coordinator"),
        *("cto", "ceo", "cfo", "coo", "cpo", "ciso", "vp", "svp", "evp", "president", "chief", "officer"),
        *("principal", "staff", "senior", "sr", "junior", "founder", "co-founder", "cofounder", "partner"),
        *("designer", "scientist", "analyst", "architect", "researcher", "consultant", "specialist"),
        *("em", "pm", "tpm", "sre", "owner", "executive", "intern", "associate", "advisor"),
    )
)
TITLE_MOST_WORDS = 6


def is_job_title(text: str) -> bool:
    """Whether words typed in a person's title place read as a job title: a few words, one of them
    a role's (TITLE_WORDS). "Head of ML" is one; "asked about on-call" is a note."""
    words = re.findall(r"[\w-]+", text.casefold())
    return 0 < len(words) <= TITLE_MOST_WORDS and any(w in TITLE_WORDS for w in words)


def _already_noted(piece: str, notes: str) -> bool:
    """Whether the notes already say `piece`, as whole words ("ok" is not in "booked")."""
    return re.search(rf"(?<!\w){re.escape(_folded(piece))}(?!\w)", _folded(notes)) is not None


# How a person's notes keep the title a new one replaced ("earlier: engineering manager"): people
# change roles, and the first title written may have been wrong; either way it was the user's.
EARLIER_TITLE = "earlier: {}"


def person_additions(recorded: dict, typed: dict) -> dict:
    """What a line typed for someone already recorded changes for them: a title when none was kept;
    a job title other than the one kept (`is_job_title`: "Ana Lopez, VP Engineering") becomes
    their title, the one it replaces kept in their notes (EARLIER_TITLE); the note, and words in the
    title's place that are no title ("Dana — asked about Kafka"), join their notes. Nothing the user
    wrote is lost, and words already in their notes are not added twice (saving the same form
    again changes nothing)."""
    changes = {}
    title = typed.get("title", "").strip()
    kept_title = (recorded.get("title") or "").strip()
    pieces = [p.strip() for p in typed.get("notes", "").split(";")]  # each note on its own
    if title and not kept_title:
        changes["title"] = title
    elif title and _folded(title) != _folded(kept_title):
        if is_job_title(title):
            changes["title"] = title
            pieces.insert(0, EARLIER_TITLE.format(kept_title))
        else:
            pieces.insert(0, title)
    notes = (recorded.get("notes") or "").strip()
    for piece in pieces:
        if piece and not _already_noted(piece, notes):
            notes = f"{notes}; {piece}" if notes else piece
    if notes != (recorded.get("notes") or "").strip():
        changes["notes"] = notes
    return changes


def remember_person(db: Store, interview_id: int, person: dict, people: list[dict]) -> str:
    """Add someone met to an interview whose people so far are `people` (kept up to date), or,
    when that name is there already, change that person as `person_additions` says instead of
    adding a second one (the debrief's "people met", the page's Add person and `coach add-person`
    alike). Returns "added", "retitled" (a new title replaced the one kept), "noted" (added to the
    person's title or notes) or "known" (nothing new)."""
    recorded = same_person(people, person["name"])
    if recorded is None:
        person_id = store.add_person(db, interview_id, **person)
        people.append({**person, "id": person_id})
        return "added"
    kept_title = recorded.get("title") or ""
    changes = person_additions(recorded, person)
    if not changes:
        return "known"
    recorded.update(store.update_person(db, recorded["id"], **changes))
    return "retitled" if kept_title and "title" in changes else "noted"


def check_people_met(people: list[dict], typed: list[dict]) -> None:
    """The people of an interview (`people`, as kept) as saving the lines `typed` would leave them,
    checked before anything is written: a note that joins the notes of someone already met can
    make them longer than the store keeps, and finding that out after the debrief is written
    would leave half the form saved."""
    after = [dict(p) for p in people]
    for person in typed:
        recorded = same_person(after, person["name"])
        if recorded is None:
            store.check_person(**person)
            after.append(dict(person))
            continue
        recorded.update(person_additions(recorded, person))
        notes = recorded.get("notes") or ""
        if len(notes) > LONG_TEXT_CHARS:
            raise notes_too_long(recorded["name"], len(notes))
        store.check_person(recorded["name"], recorded.get("title") or "", notes)


def notes_too_long(name: str, chars: int) -> InputError:
    """A note for someone already met that would grow their notes past what the store keeps: the
    notes kept are what to shorten, with Edit beside their name on the Interviews page."""
    said = (
        f"The coach keeps up to {LONG_TEXT_CHARS:,} characters of notes on {name}, and this note would "
        f"make them {chars:,}"
    )
    return InputError(
        f"{said}; shorten the note, or their notes kept (Edit beside their name on the app's Interviews "
        "page).",
        in_app=f"{said}; shorten their notes with Edit beside their name, then save the debrief again.",
    )


def notes_with_questions(notes: str, questions: list[str]) -> str:
    if not questions:
        return notes
    block = QUESTIONS_HEADING + "\n" + "\n".join(f"- {q}" for q in questions)
    return f"{notes.strip()}\n\n{block}" if notes.strip() else block


def questions_in_notes(notes: str) -> list[str]:
    """The questions a debrief recorded (the list under QUESTIONS_HEADING in its notes)."""
    if QUESTIONS_HEADING not in (notes or ""):
        return []
    tail = notes.split(QUESTIONS_HEADING, 1)[1]
    found = []
    for line in tail.splitlines():
        line = line.strip()
        if line.startswith("- "):
            found.append(line[2:].strip())
        elif line:
            break
    return found


def notes_without_questions(notes: str) -> str:
    """A debrief's own notes, without the list of questions saving appends to them."""
    return (notes or "").split(QUESTIONS_HEADING, 1)[0].strip()


def own_notes(notes: str) -> str:
    """What the user wrote in a debrief's notes: without the questions list and without the line a
    review's draft opens with (kept in the form when the user saves their own debrief over it)."""
    text = notes_without_questions(notes)
    if text.startswith(REVIEW_DRAFT_NOTE_LINE):
        text = text[len(REVIEW_DRAFT_NOTE_LINE) :]
    return text.strip()


def form_values(debrief: dict | None, heard: list[str] | tuple = ()) -> dict:
    """What the debrief form shows: a stored debrief (a review's draft, or one written earlier) so
    saving edits it, or the template's blanks. People met are stored on the interview, so the form
    starts with none and only adds the ones typed. A review's draft lists the questions the review
    `heard` until the user writes their own list. Interest stays None (not set) until it is given."""
    if debrief is None:
        return {"interest": None, "proceed": "undecided", "questions_asked": "\n".join(dict.fromkeys(heard))}
    notes = debrief.get("notes") or ""
    asked = questions_in_notes(notes)
    if asked:
        notes = notes.split(QUESTIONS_HEADING, 1)[0].strip()
    elif from_review(debrief):
        asked = list(dict.fromkeys(heard))
    return {
        "went_well": debrief.get("went_well") or "",
        "could_be_better": debrief.get("could_be_better") or "",
        "skill_gaps": debrief.get("skill_gaps") or "",
        "questions_asked": "\n".join(asked),
        "interest": debrief.get("interest"),  # None until the user gives one: never a made-up 3
        "proceed": {True: "yes", False: "no"}.get(debrief.get("proceed"), "undecided"),
        "time_commitment": debrief.get("time_commitment") or "",
        **{name: debrief.get(name) or "" for name in store.DEBRIEF_MORE_QUESTIONS},
        # the box is the user's own: a review's draft marks itself with a line in the store (from_review)
        # that the form showed as text of theirs, to delete before writing their notes
        "notes": own_notes(notes),
    }


def from_review(debrief: dict | None) -> bool:
    """Whether this debrief is still the draft a review wrote (its notes open with the review's line)."""
    return bool(debrief) and (debrief.get("notes") or "").startswith(
        (REVIEW_DRAFT_NOTE, *OLD_REVIEW_DRAFT_NOTES)
    )


# What the debrief form opens with once the user has written and saved it: the playbook's intro
# ("Write the debrief the same day, while you still remember. …") read as if it were still to write.
WRITTEN_INTRO = (
    "The debrief you wrote. Add what you remember since and save: the skill gaps you name here "
    "choose your next practice questions."
)


def form_intro(intro: str, debrief: dict | None) -> str:
    """The debrief form's opening sentence: the playbook's `intro` for a debrief still to write (none
    yet, or the draft a review wrote), WRITTEN_INTRO for one the user saved."""
    return WRITTEN_INTRO if debrief and not from_review(debrief) else intro


def latest_debrief(debriefs: list[dict]) -> dict | None:
    """The debrief the form edits: an interview has one, the newest if older data holds more."""
    return max(debriefs, key=lambda d: (d["created_at"], d["id"])) if debriefs else None


# Said when a debrief is saved naming no skill gap (the page's Save debrief and `coach debrief`):
# only the gaps choose practice questions (coach.progress.debrief_gaps), so "What could be better"
# written alone led to no practice, and nothing said so.
NO_SKILL_GAP = "No skill gap is named: name one and Practice will recommend questions for it."


def no_skill_gap_note(saved: dict) -> str | None:
    """What a debrief just saved (`saved`: its fields as stored) is told when it names no skill gap;
    None when it names one."""
    return None if (saved.get("skill_gaps") or "").strip() else NO_SKILL_GAP


def competencies_practised(questions: Sequence[banks.Question], role: str | None = None) -> set[str]:
    """The competencies some question for `role` or for any role practises (all roles' for None):
    what a gap must name for Practice to recommend a question for it."""
    if role is not None:
        questions = banks.filter_questions(questions, role=role)
    return {c for q in questions for c in q.competencies}


def gaps_without_questions(skill_gaps: str, practised: set[str]) -> list[str]:
    """The gaps in a debrief's list, in the user's words and once each, that no practice question
    practises, so Practice never recommends one for them: those naming none of the competencies the
    banks practise ("Kubernetes", "small talk"), and those whose competencies no question for the
    role practises ("interviewing candidates" for a software engineer: only engineering managers'
    questions practise hiring). `practised`: competencies_practised of the user's questions (own
    ones included) for the role Practice picks for (coach.recommend.role_to_practise)."""
    left: dict[str, str] = {}
    for gap in banks.skill_gap_pieces(skill_gaps):
        if not practised.intersection(banks.skill_gap_to_competencies(gap)):
            left.setdefault(gap.casefold(), gap)
    return list(left.values())


def role_for_gaps(role: str | None, interview_role: str | None) -> str | None:
    """The role whose questions say whether a debrief's skill gap has one: that of the debrief's own
    interview, when its title names one of the banks' roles, else `role` (the user's own, chosen in
    Settings); None for any role. Saving the debrief decided with the Settings role while Progress
    used the role of the interview steering the picks, so one could say a gap had no question while
    the other listed questions for it."""
    return role_to_practise(role, interview_role)


def gaps_judged_by(db: Store, settings: Settings, interview_id: int) -> tuple[str | None, str]:
    """The role a debrief of interview `interview_id` has its gaps judged by (`role_for_gaps`), and
    that role as the save note names it: "for engineering management roles (this interview's role)",
    "for software engineering roles (your role)". The note said "for your role" of the interview's."""
    yours = your_role(settings, db)
    interview_role = store.get_interview(db, interview_id).get("role")
    role = role_for_gaps(yours, interview_role)
    if role is None:
        return None, "for any role"
    whose = "this interview's role" if role_for_gaps(None, interview_role) == role else "your role"
    return role, f"for {banks.ROLE_PHRASES[role]} ({whose})"


def saved_gaps_without_questions(db: Store, settings: Settings, saved: dict, interview_id: int) -> list[str]:
    """`gaps_without_questions` for a debrief of interview `interview_id` just saved (`saved`: its
    fields), with the user's questions for the role Progress judges its gaps by (`gaps_judged_by`),
    but for those Practice recommends questions for anyway (another debrief names them, judged by
    a role that has questions for them)."""
    if not (saved.get("skill_gaps") or "").strip():
        return []
    from coach.progress import practised_gaps, skill_gaps_now  # it reads this module

    questions = banks.load_questions(settings.data_dir, owner=settings.owner)
    role, _ = gaps_judged_by(db, settings, interview_id)
    left = gaps_without_questions(saved["skill_gaps"], competencies_practised(questions, role))
    if not left:
        return []
    # one Practice recommends for all the same, named by another debrief judged by a role that has
    # questions for it: "so Practice will recommend none for it" was untrue
    practised = practised_gaps(skill_gaps_now(db, settings, today=local_time.today(), questions=questions))
    return [
        g for g in left if not (skills := set(banks.skill_gap_to_competencies(g))) or not skills <= practised
    ]


def kinds_of_question(gaps: Sequence[str]) -> list[str]:
    """The gaps, of those no question practises, that name a kind of question rather than a skill
    ("behavioural questions"): the save note and Progress say so of them, and what to name instead."""
    return [g for g in gaps if banks.names_a_kind_of_question(g)]


def kinds_of_question_note(kinds: Sequence[str]) -> str:
    """What saving a debrief and Progress say of gaps naming a kind of question (`kinds_of_question`):
    Progress listed "behavioural questions" among the gaps "matching no practice question" and said
    to add a question of one's own for it, beside a bank of behavioural questions."""
    one = len(kinds) == 1
    return (
        f"{listed([f'“{g}”' for g in kinds])} {'names a kind' if one else 'name kinds'} of question "
        f"rather than {'a skill' if one else 'skills'}, so Practice will recommend none for "
        f"{'it' if one else 'them'}: name what those answers lacked instead, such as “structure”, "
        "“quantifying impact” or “handling conflict”."
    )


def no_question_note(gaps: Sequence[str], add_one: str, for_role: str = "for your role") -> str | None:
    """Said when a debrief is saved naming gaps no practice question practises (`gaps`, from
    `saved_gaps_without_questions`), as Progress marks them: the user took a named gap for one the
    coach would work on, and nothing said Practice would never recommend a question for it.
    A gap naming none of the skills questions are filed under ("Kubernetes") is never recommended,
    a question of the user's own included: they practise that question themselves. One whose skill
    only another role's questions practise is, once a question of their own practises it. One naming
    a kind of question ("behavioural questions") is told to name the skill those answers lacked.
    `add_one`: where this page or command adds a question ("on the Questions page (Add your own)");
    `for_role`: the role the gaps were judged by, in words (`gaps_judged_by`). None for none."""
    kinds = kinds_of_question(gaps)
    unknown = [g for g in gaps if not banks.skill_gap_to_competencies(g) and g not in kinds]
    others = [g for g in gaps if g not in unknown and g not in kinds]
    said = [kinds_of_question_note(kinds)] if kinds else []
    if unknown:
        one = len(unknown) == 1
        said.append(
            f"{listed([f'“{g}”' for g in unknown])} {'is' if one else 'are'} none of the skills the "
            f"practice questions are filed under, so Practice will recommend none for "
            f"{'it' if one else 'them'}: add a question of your own for {'it' if one else 'each'} "
            f"{add_one} and practise it from there."
        )
    if others:
        one = len(others) == 1
        said.append(
            f"{listed([f'“{g}”' for g in others])} {'matches' if one else 'match'} no practice question "
            f"{for_role}, so Practice will recommend none for {'it' if one else 'them'} until a "
            f"question of your own practises {'it' if one else 'them'}: add one {add_one}."
        )
    return " ".join(said) or None


def check_held(interview: dict) -> None:
    """A debrief follows an interview: one dated after today (on the user's clock) gets none yet
    (a debrief for 1 Jan 2030 was kept, with its interest, beside "1 stage booked")."""
    if playbook.dated_after(interview, local_time.today()):
        day = local_time.long_date(interview["interview_date"])
        raise InputError(
            f"{interview['company']} is on {day}, still to come: write its debrief on the day, after "
            "it. Nothing was saved."
        )


def save_debrief(
    db: Store,
    settings: Settings,
    interview_id: int,
    answers: dict,
    add_to_bank: bool = True,
    debrief_id: int | None = None,
) -> tuple[int, list[banks.Question], list[str]]:
    """Check the form against the playbook template, then store it (updating `debrief_id`, such as
    the draft a review wrote, rather than adding a second one); returns its id, the questions added
    to the bank and those taken back from it (`take_back_questions`)."""
    book = playbook.load_playbook()
    checked = playbook.check_debrief(book, answers)
    questions = checked.get("questions_asked") or []
    values = {k: checked.get(k) for k in STORE_FIELDS}
    values["notes"] = notes_with_questions(checked.get("notes") or "", questions)
    values = {k: ("" if v is None and k not in ("interest", "proceed") else v) for k, v in values.items()}
    people_met = [p for p in (parse_person(line) for line in checked.get("people_met") or []) if p["name"]]
    interview = store.get_interview(db, interview_id)
    if debrief_id is None:
        check_held(interview)
    people = interview["people"]
    check_people_met(people, people_met)  # the whole form is refused before any of it is written
    if debrief_id is None:
        listed_before, written_at = [], None
        debrief_id = store.add_debrief(db, interview_id, **values)
    else:
        earlier = next(
            (d for d in store.list_debriefs(db, interview_id=interview_id) if d["id"] == debrief_id), None
        )
        listed_before = questions_in_notes(earlier["notes"]) if earlier else []
        written_at = earlier["created_at"] if earlier else None
        store.update_debrief(db, debrief_id, **values)
    for person in people_met:
        remember_person(db, interview_id, person, people)
    added = (
        playbook.save_questions_asked(settings.data_dir, {"questions_asked": questions}, owner=settings.owner)
        if add_to_bank
        else []
    )
    taken_back = take_back_questions(db, settings, interview_id, listed_before, questions, written_at)
    return debrief_id, added, taken_back


def take_back_questions(
    db: Store,
    settings: Settings,
    interview_id: int,
    before: list[str],
    now: list[str],
    written_at: str | None = None,
) -> list[str]:
    """The questions an earlier save of this debrief (written at `written_at`) put in the bank that
    its list no longer holds: the user took them out, or the list followed the review done again
    after another voice was picked as theirs (with the wrong one, their own sentences were heard as
    the interviewer's). Each goes only when no other debrief lists it and the user has not made use
    of it since (`_added_and_untouched`). Returns the texts taken back."""
    dropped = {banks.normalised_text(q) for q in before} - {banks.normalised_text(q) for q in now}
    if not dropped:
        return []
    elsewhere = {
        banks.normalised_text(q)
        for d in store.list_debriefs(db)
        if d["interview_id"] != interview_id
        for q in questions_in_notes(d["notes"])
    }
    taken_back = _added_and_untouched(db, settings, dropped - elsewhere, written_at)
    for question in taken_back:
        banks.delete_user_question(settings.data_dir, question.id, owner=settings.owner)
    return [q.text for q in taken_back]


def _added_and_untouched(
    db: Store, settings: Settings, texts: set[str], written_at: str | None
) -> list[banks.Question]:
    """The own questions with these words (banks.normalised_text) that a debrief written at
    `written_at` put in the bank and that are still only what it put there: each came from a real
    interview, joined the bank when or after the debrief was written (one kept before it is none it
    added), has no answer filed under it, and the user has neither starred it nor made it their own
    since (points, a follow-up, a difficulty: deleting it from the Questions page asks first, so
    this may not)."""
    if not texts:
        return []
    starred = set(store.list_favourites(db))
    since = datetime.fromisoformat(written_at) if written_at else None
    added_at = store.own_questions_added_at(db) if since else {}
    found = []
    for question in banks.load_questions(settings.data_dir, owner=settings.owner):
        if question.source != "real interview" or banks.normalised_text(question.text) not in texts:
            continue
        if question.id in starred or not banks.as_added(question):
            continue
        if since is not None and question.id in added_at and added_at[question.id] < since:
            continue
        if store.count_answers_to(db, question.id) == 0:
            found.append(question)
    return found


def questions_a_deletion_takes_back(
    db: Store, settings: Settings, debrief_ids: list[int]
) -> list[banks.Question]:
    """The questions deleting these debriefs takes out of the user's practice questions: those their
    lists put in the bank (`_added_and_untouched`, from the earliest of them written) that no
    debrief left lists. Read from the store as kept now (a page open since may show an older list)."""
    kept = store.list_debriefs(db)
    going = [d for d in kept if d["id"] in set(debrief_ids)]
    if not going:
        return []
    listed = {banks.normalised_text(q) for d in going for q in questions_in_notes(d["notes"])}
    still_listed = {
        banks.normalised_text(q) for d in kept if d not in going for q in questions_in_notes(d["notes"])
    }
    written_at = min((d["created_at"] for d in going), key=datetime.fromisoformat)
    return _added_and_untouched(db, settings, listed - still_listed, written_at)


def delete_debriefs(db: Store, settings: Settings, debrief_ids: list[int]) -> list[str]:
    """Delete debriefs (one written on the wrong stage; its interview and people met stay) with the
    questions they added to the user's practice questions, as taking a question out of a debrief's
    list does (`questions_a_deletion_takes_back`): those left would be practised as asked in an
    interview no debrief recalls. The page's Delete this debrief and `coach delete-debrief` both
    delete through here. Returns the texts of the questions taken back."""
    taken_back = questions_a_deletion_takes_back(db, settings, debrief_ids)
    for debrief_id in debrief_ids:
        store.delete_debrief(db, debrief_id)  # "no debrief …" for one gone already
    for question in taken_back:
        banks.delete_user_question(settings.data_dir, question.id, owner=settings.owner)
    return [q.text for q in taken_back]


def delete_interview(db: Store, settings: Settings, interview_id: int) -> list[str]:
    """Delete an interview with its people, answers, debriefs and recordings, and the questions its
    debriefs added to the user's practice questions by the rule deleting only its debriefs follows
    (`questions_a_deletion_takes_back`): deleting the whole interview kept them, to be practised as
    asked in an interview no longer in the log. The options written down from it stay, tied to no
    interview (`options_a_deletion_keeps`). The page's Delete this interview and `coach
    delete-interview` both delete through here (its review work is the caller's, removed first).
    Returns the texts of the questions taken back."""
    interview = store.get_interview(db, interview_id)  # "no interview with id" before anything goes
    taken_back = questions_a_deletion_takes_back(db, settings, [d["id"] for d in interview["debriefs"]])
    store.delete_interview(db, interview_id, keep_audio=False)
    for question in taken_back:
        banks.delete_user_question(settings.data_dir, question.id, owner=settings.owner)
    return [q.text for q in taken_back]


def options_a_deletion_keeps(db: Store, interview_id: int) -> list[dict]:
    """The options written down from this interview (Offers and options' "From your interviews
    with"): deleting the interview keeps them, the user's record of an offer or an alternative, no
    longer tied to it (the store sets their interview to none, as for practice prepared for it).
    An offer stage deleted kept its offer and neither its confirmation nor the page said so; the
    option is removed under Offers and options."""
    return [o for o in store.list_options(db) if o["interview_id"] == interview_id]


def heard_questions(
    interview: dict, settings: Settings, questions: list[banks.Question] | None = None
) -> list[str]:
    """The interviewer's questions a review found in the interview's recordings, in order, as
    they would go into a bank (without "um"s or a broken-off start). A question the review matched
    to one in the bank is given in the bank's words: the transcript's "Tell me an outer time new
    leather project…" is not offered as a new practice question beside the bank's "Tell me about a
    time you led a project…" it was matched to. A bare follow-up ("What did you do?") asks nothing
    on its own, so it is not listed to join the bank. `questions`: the bank read already (a page
    showing many stages reads it once a run)."""
    if questions is None:
        questions = banks.load_questions(settings.data_dir, owner=settings.owner)
    known = {q.id: q.text for q in questions}
    asked = (
        known.get(t.get("question_id") or "") or _heard_on_its_own(t["question_text"])
        for rec in interview["recordings"]
        for t in rec["turns"]
    )
    return list(dict.fromkeys(text for text in asked if text))


def _heard_on_its_own(question_text: str) -> str:
    """A question the bank does not hold, as it would join it; "" for a bare follow-up and for
    words that ask nothing ("Go for it Any z any z", kept by an older review)."""
    text = asked_question_text(question_text)
    return "" if is_follow_up(text) or not asks_something(question_text) else text


def refreshed_questions(current: str, heard_before: list[str], heard_now: list[str]) -> str:
    """The "questions they asked" list after the interview is reviewed again (another voice picked
    as yours): the questions the earlier review heard give way to the ones heard now, so a sentence
    of yours taken for the interviewer's is not offered to your practice bank; lines the user typed
    stay."""
    lines = [line.strip() for line in (current or "").splitlines() if line.strip()]
    own = [line for line in lines if line not in set(heard_before)]
    return "\n".join(dict.fromkeys([*heard_now, *own]))


def notes_heard_again(notes: str, heard_before: list[str], heard_now: list[str]) -> str:
    """A stored debrief's notes after its interview is reviewed again: in the questions list it
    saved, the ones the old review heard give way to the new review's (`refreshed_questions`); the
    user's own lines and notes stay. Notes without a questions list are left as they are."""
    asked = questions_in_notes(notes)
    if not asked:
        return notes
    now = refreshed_questions("\n".join(asked), heard_before, heard_now).splitlines()
    return notes_with_questions(notes_without_questions(notes), now)


def in_bank(settings: Settings, text: str, questions: list[banks.Question] | None = None) -> bool:
    """Whether the question is in the bank already, as keep_question decides it. `questions`: the
    bank read already (a page asking of many questions reads it once a run)."""
    if questions is None:
        questions = banks.load_questions(settings.data_dir, owner=settings.owner)
    return same_question(text, questions) is not None


def write_debrief(
    db: Store,
    settings: Settings,
    interview_id: int,
    given: dict,
    add_to_bank: bool = True,
) -> tuple[int, list[banks.Question], list[str]]:
    """Write or add to an interview's debrief from some of the template's fields (what `coach
    debrief` was told): a field given replaces what the debrief said, people met and questions
    asked are added to it, a field not given keeps its value. Saved by `save_debrief`, as the form."""
    interview = store.get_interview(db, interview_id)
    debrief = latest_debrief(interview["debriefs"])
    answers = form_values(debrief, heard_questions(interview, settings)) if debrief else {}
    for name, value in given.items():
        if value is None or value == [] or value == "":
            continue
        if name == "questions_asked":
            known = [q for q in (answers.get(name) or "").splitlines() if q.strip()]
            value = "\n".join(dict.fromkeys([*known, *value]))
        answers[name] = value
    return save_debrief(
        db,
        settings,
        interview_id,
        answers,
        add_to_bank=add_to_bank,
        debrief_id=debrief["id"] if debrief else None,
    )
