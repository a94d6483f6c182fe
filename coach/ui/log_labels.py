"""How the Interviews page names an option and a person in its lists (plain text; the page escapes it)."""

from __future__ import annotations


def option_label(option: dict, kinds: dict[str, str]) -> str:
    """'offer · Initech · Staff engineer (open)' — enough to tell two options apart in a list."""
    parts = [kinds.get(option["kind"], option["kind"]).split(" (")[0], option["company"] or "—"]
    if option["title"]:
        parts.append(option["title"])
    return " · ".join(parts) + f" ({option['status']})"


def person_line(person: dict) -> str:
    """'Dana Ortiz — hiring manager (ex-Stripe)', plain text (the page escapes it)."""
    line = person["name"]
    if person.get("title"):
        line += f" — {person['title']}"
    if person.get("notes"):
        line += f" ({person['notes']})"
    return line
