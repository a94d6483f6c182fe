"""Saving the debrief form: the store keeps its fields, people met join the interview, and the
questions the interviewer asked are kept with the debrief and can join the practice bank."""

from __future__ import annotations

from coach import banks, playbook, store
from coach.config import Settings
from coach.store import Store

QUESTIONS_HEADING = "Questions they asked:"
STORE_FIELDS = ("went_well", "could_be_better", "skill_gaps", "interest", "proceed", "time_commitment")


def parse_person(line: str) -> dict:
    """'Sam Lee — engineering manager — ex-Stripe' → name, title, notes (— , | or ; separate)."""
    for sep in (" — ", " - ", "|", ";", ","):
        if sep in line:
            parts = [p.strip() for p in line.split(sep, 2)]
            break
    else:
        parts = [line.strip()]
    parts += ["", ""]
    return {"name": parts[0], "title": parts[1], "notes": parts[2]}


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


def save_debrief(
    db: Store, settings: Settings, interview_id: int, answers: dict, add_to_bank: bool = True
) -> tuple[int, list[banks.Question]]:
    """Check the form against the playbook template, then store it; returns id and questions added."""
    book = playbook.load_playbook()
    checked = playbook.check_debrief(book, answers)
    questions = checked.get("questions_asked") or []
    values = {k: checked.get(k) for k in STORE_FIELDS}
    values["notes"] = notes_with_questions(checked.get("notes") or "", questions)
    values = {k: ("" if v is None and k not in ("interest", "proceed") else v) for k, v in values.items()}
    debrief_id = store.add_debrief(db, interview_id, **values)
    for line in checked.get("people_met") or []:
        person = parse_person(line)
        if person["name"]:
            store.add_person(db, interview_id, **person)
    added = (
        playbook.save_questions_asked(settings.data_dir, {"questions_asked": questions})
        if add_to_bank
        else []
    )
    return debrief_id, added


def in_bank(settings: Settings, text: str) -> bool:
    normalised = " ".join(text.lower().split())
    return any(
        " ".join(q.text.lower().split()) == normalised for q in banks.load_questions(settings.data_dir)
    )
