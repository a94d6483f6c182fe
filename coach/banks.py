"""Question banks: the shipped TOML banks plus the user's own, checked against one schema.

Practice is only as good as its questions, and a bad bank entry (an unknown competency, a
duplicate id) would silently break recommendations and history, so every file is validated
when it is loaded and a mistake is reported as one sentence naming the file and the entry.

A bank file holds an optional `[defaults]` table and `[[question]]` entries; each entry gets
the defaults for any field it leaves out. `[[ask]]` entries are questions for the candidate to
ask the interviewer. User banks live in `<data_dir>/question_banks/*.toml`; the questions the
user adds here (typed, or heard in a real interview) live in the database (`coach.store`).
"""

from __future__ import annotations

import functools
import random
import re
import threading
import tomllib
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from coach.analysis.wording import count, listed
from coach.errors import InputError
from coach.question_match import (  # noqa: F401  (below the banks)
    closest,
    misspelt_question,
    normalise,
    normalised_text,
    same_question,
)
from coach.types import QUESTION_FIELDS

if TYPE_CHECKING:
    from coach.store import Store

SHIPPED_BANKS_DIR = Path(__file__).resolve().parent.parent / "question_banks"
USER_BANKS_DIR_NAME = "question_banks"
# The playbook lives beside the banks but is not a bank (coach.playbook reads it).
NON_BANK_FILES = frozenset({"playbook.toml"})

COMPETENCIES: tuple[str, ...] = (
    # Behavioural competencies most interview loops probe.
    "leadership",
    "ownership",
    "conflict",
    "failure-learning",
    "collaboration",
    "ambiguity",
    "influence",
    "prioritisation",
    "customer-focus",
    "mentoring",
    # Cross-cutting.
    "communication",
    "motivation",
    "self-awareness",
    "decision-making",
    "execution",
    "integrity",
    # Craft, by role.
    "system-design",
    "technical-depth",
    "problem-solving",
    "reliability",
    "data-analysis",
    "experimentation",
    "product-sense",
    "strategy",
    "design-craft",
    "user-research",
    "people-management",
    "hiring",
    "negotiation",
    "discovery",
)
CATEGORIES: tuple[str, ...] = (
    "behavioural",
    "motivation",
    "situational",
    "closing",
    "technical",
    "system-design",
    "role-specific",
)
ROLES: tuple[str, ...] = (
    "any",
    "software-engineer",
    "data",
    "product",
    "design",
    "engineering-manager",
    "sales-customer",
)
# The roles as the Settings page and the mock interview offer them, and as `coach settings` says them.
ROLE_LABELS = {
    "any": "Any role (all questions)",
    "software-engineer": "Software engineering",
    "data": "Data",
    "product": "Product",
    "design": "Design",
    "engineering-manager": "Engineering management",
    "sales-customer": "Sales and customer roles",
}
# The roles in a sentence: "Questions for product roles and for any role" (Practice), "matches no
# practice question for engineering management roles" (a debrief's save note).
ROLE_PHRASES = {
    "software-engineer": "software engineering roles",
    "data": "data roles",
    "product": "product roles",
    "design": "design roles",
    "engineering-manager": "engineering management roles",
    "sales-customer": "sales and customer roles",
}
ROLE_ALIASES: dict[str, str] = {
    # the Settings page's names for them ("Software engineering"), typed at `--role`
    "software-engineering": "software-engineer",
    "engineering-management": "engineering-manager",
    "sales-and-customer-roles": "sales-customer",
    "sales-and-customer": "sales-customer",
    "any-role": "any",
    "swe": "software-engineer",
    "engineer": "software-engineer",
    "software": "software-engineer",
    "developer": "software-engineer",
    "data-scientist": "data",
    "analyst": "data",
    "data-engineer": "data",
    "pm": "product",
    "product-manager": "product",
    "designer": "design",
    "em": "engineering-manager",
    "manager": "engineering-manager",
    "sales": "sales-customer",
    "customer": "sales-customer",
    "customer-success": "sales-customer",
    "solutions": "sales-customer",
}
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
FORMATS: tuple[str, ...] = ("star", "free")
SOURCES: tuple[str, ...] = ("bank", "user", "real interview")
ASK_TOPICS: tuple[str, ...] = (
    "process",
    "why-reached-out",
    "role-and-team",
    "expectations",
    "growth",
    "culture",
    "decision",
)
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TARGET_S_RANGE = (15, 1800)

# Words a person writes in a debrief ("struggled with system design", "got defensive when
# challenged") mapped to the competency that practice would build. Matched as word prefixes,
# longest first, so "machine learning" is data analysis and not failure and learning.
COMPETENCY_KEYWORDS: dict[str, tuple[str, ...]] = {
    # "delegation": the bank asks "Tell me about a time you delegated something important."
    "leadership": ("lead", "leadership", "vision", "rally", "took charge", "step up", "delegat"),
    "ownership": ("ownership", "own", "accountab", "initiative", "end to end", "follow through"),
    "conflict": (
        "conflict",
        "disagree",
        "pushback",
        "push back",
        "defensive",
        "difficult conversation",
        "tension",
        "argument",
    ),
    "failure-learning": ("fail", "mistake", "learning from", "lesson", "setback", "weakness"),
    "collaboration": (
        "collaborat",
        "teamwork",
        "team player",
        "cross-functional",
        "cross functional",
        "cross-team",
        "cross team",
        "working with others",
        "partner",
    ),
    "ambiguity": ("ambigu", "uncertain", "unclear", "vague", "open-ended", "open ended"),
    "influence": ("influenc", "persua", "buy-in", "buy in", "stakeholder", "convinc", "sell the idea"),
    "prioritisation": (
        "prioriti",
        "trade-off",
        "tradeoff",
        "trade off",
        "time manag",
        "deadline",
        "saying no",
        "focus on",
    ),
    "customer-focus": ("customer", "user need", "client", "empathy"),
    "mentoring": ("mentor", "coach", "teaching", "grow others", "onboard"),
    "communication": (
        "communicat",
        "rambl",
        "concise",
        "clarity",
        "structure",
        "storytelling",
        "explain",
        "too long",
        "filler",
        "presenting",
        "presentation",
        "public speaking",
        # an elevator pitch is the one the closing question asks for ("Give me your thirty-second
        # pitch …"), not a sales pitch (discovery's "pitch")
        "elevator pitch",
        # the STAR format the Structure score reads (the weak area "structure (STAR)" is practised
        # here); never "star" alone, which would take "start" and "startup"
        "star method",
        "star format",
        "star answer",
        "star stor",
    ),
    "motivation": (
        "motivation",
        "why this company",
        "why us",
        "why are you looking",
        "career goal",
        "passion",
    ),
    "self-awareness": ("self-aware", "self aware", "feedback", "strengths", "blind spot", "humility"),
    "decision-making": ("decision", "judgement", "judgment", "call under pressure", "decisive"),
    "execution": ("execution", "deliver", "shipping", "project manag", "planning", "estimat"),
    "integrity": ("integrity", "ethic", "honest", "trust"),
    "system-design": (
        "system design",
        "architecture",
        "scalab",
        "scaling",
        "distributed",
        "design a system",
        "capacity",
        "api design",
    ),
    "technical-depth": (
        "technical depth",
        "deep dive",
        "internals",
        "fundamentals",
        "concurrency",
        "database",
        "algorithm",
        "data structure",
        "programming language",
        "technical question",
        "technical discussion",
    ),
    "problem-solving": (
        "problem solving",
        "problem-solving",
        "coding",
        "live coding",
        "whiteboard",
        "puzzle",
        "analytical",
    ),
    "reliability": (
        "reliab",
        "incident",
        "on-call",
        "on call",
        "outage",
        "testing",
        "quality",
        "observab",
        "monitoring",
        "debug",
    ),
    "data-analysis": (
        "data analysis",
        "sql",
        "statistic",
        "analytics",
        "dashboard",
        "metric",
        "modelling",
        "modeling",
        "machine learning",
        "ml",
    ),
    # "a/b test" whole, so "A/B testing" is not reliability's "testing" too
    "experimentation": ("experiment", "a/b", "a/b test", "ab test", "hypothes", "causal"),
    "product-sense": (
        "product sense",
        "product thinking",
        "product case",
        "roadmap",
        "user problem",
        "feature",
        "product design",
    ),
    "strategy": ("strategy", "strategic", "market", "competit", "business model", "long-term", "long term"),
    "design-craft": (
        "design critique",
        "portfolio",
        "visual",
        "interaction design",
        "ux",
        "ui",
        "prototyp",
        "design process",
        "craft",
    ),
    "user-research": ("user research", "interview users", "user interview", "usability", "research"),
    "people-management": (
        "people management",
        "managing people",
        "performance management",
        "underperform",
        "1:1",
        "one-on-one",
        "one on one",
        "managing a team",
        "people manag",
        "line manag",
        "team health",
    ),
    "hiring": ("hiring", "recruit", "interviewing candidates", "headcount", "team building"),
    "negotiation": ("negotiat", "pricing", "discount", "objection", "closing the deal", "compensation"),
    "discovery": (
        "discovery",
        "qualif",
        "prospect",
        "pipeline",
        "pitch",
        "demo call",
        "product demo",
        "needs analysis",
        # a salesperson's leads, not leadership's "lead"
        "qualifying lead",
        "lead gen",
        "inbound lead",
        "outbound lead",
    ),
}

# Phrases whose words a keyword above would take in another sense, matched (longest first, as the
# keywords are) to name no competency: an engineer's "data pipelines" is no sales pipeline; a
# posting's "We are hiring a backend engineer" is the company hiring, not the skill of hiring.
OTHER_SENSES: tuple[str, ...] = (
    "data pipeline", "ci/cd pipeline", "deployment pipeline", "etl pipeline",
    "we're hiring", "we’re hiring", "is hiring", "are hiring", "now hiring",
)  # fmt: skip
# Keywords above that name another competency beside certain words, as regular expressions (matched
# as the keywords are): "feedback" is taking it (self-awareness), but giving it is mentoring, as
# the bank asks ("Tell me about a time you gave someone difficult feedback."); "me" in "gave me
# feedback" is taking it again. Metrics in one's answers are the number a result needs (the
# Structure score's feedback: "The result has no number in it"), practised with communication as
# the structure is, not data analysis; quantifying one's impact is that number too. Managing up is
# winning over those above you, as the influence questions ask ("… buy-in from a sceptical
# stakeholder", "Two senior stakeholders give you contradictory instructions").
KEYWORDS_IN_CONTEXT: dict[str, tuple[str, ...]] = {
    "communication": (
        r"(?:metric|number)s? in (?:my |the |your )?(?:answer|stor|example)",
        r"quantif(?:y|ied|ying|ication)(?: (?:my|the|our|your|their))? "
        r"(?:impact|results?|outcomes?|achievements?|accomplishments?|contributions?)(?![a-z])",
    ),
    "influence": (
        r"manag(?:e|es|ed|ing) up(?:wards?)?(?![a-z])",
        r"manag(?:e|es|ed|ing) (?:my|your|the|one's|their) (?:manager|boss)",
    ),
    "mentoring": (
        r"(?:give|gives|giving|gave|deliver[a-z]*)(?: (?!and\b|or\b|me\b|us\b)[a-z]+){0,2} feedback",
    ),
}


@dataclass(frozen=True)
class Question:
    """One practice question with what a strong answer covers (read by the analysis)."""

    id: str
    text: str
    category: str
    competencies: tuple[str, ...]
    roles: tuple[str, ...]
    difficulty: str
    format: str
    target_s: int
    talking_points: tuple[str, ...]
    follow_ups: tuple[str, ...]
    source: str = "bank"

    def to_dict(self) -> dict:
        return {
            name: list(value) if isinstance(value, tuple) else value for name, value in asdict(self).items()
        }


@dataclass(frozen=True)
class InterviewerQuestion:
    """A question for the candidate to ask, with what its answer tells them."""

    id: str
    text: str
    topic: str
    why: str
    source: str = "bank"
    # "first": asked at a process's first stage only ("What does the whole process look like?"),
    # as the playbook's steps are marked (coach.playbook.Step.at); "": at any stage
    at: str = ""
    # asked while deciding whether to move, not once an offer is accepted ("Is the role we are
    # discussing the one you are considering me for…?" at a team match after it: coach.prepare)
    until_accepted: bool = False
    # what its answer tells you at a stage after you accepted the offer, where `why` speaks of
    # rounds still to come ("a problem to talk about in later rounds", at a team match): coach.prepare
    why_accepted: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Bank:
    questions: tuple[Question, ...]
    to_ask: tuple[InterviewerQuestion, ...]


_QUESTION_FIELDS = ("id", *QUESTION_FIELDS)
_OPTIONAL_QUESTION_FIELDS = ("source",)
_ASK_FIELDS = ("id", "text", "topic", "why")
# Open stores of the data directories asked about (few: the app has one), oldest first.
_stores: dict[tuple[str, str | None], Store] = {}
_stores_lock = threading.Lock()
_MAX_OPEN_STORES = 4


# ---------------------------------------------------------------- loading


def load_questions(data_dir: Path | None = None, *, owner: str = "") -> list[Question]:
    """Every shipped and user-bank question (reloaded only when a bank file changes), then your
    own (`owner`'s, in multi-user mode)."""
    bank = _load_all(data_dir)
    own = _own_questions(data_dir, owner)
    taken = {item.id for item in (*bank.questions, *bank.to_ask)}
    for question in own:
        if question.id in taken:
            raise InputError(
                f"Your question '{question.id}' has the id of a question in a bank file; "
                "give the bank file's question a new id."
            )
    return [*bank.questions, *own]


def load_questions_to_ask(
    data_dir: Path | None = None, topic: str | None = None
) -> list[InterviewerQuestion]:
    """Questions to ask the interviewer, optionally of one topic (process, growth, ...)."""
    asks = list(_load_all(data_dir).to_ask)
    if topic is None:
        return asks
    _check_choice(topic, ASK_TOPICS, "topic")
    return [ask for ask in asks if ask.topic == topic]


def get_question(qid: str, data_dir: Path | None = None, *, owner: str = "") -> Question:
    for question in load_questions(data_dir, owner=owner):
        if question.id == qid:
            return question
    raise InputError(f"There is no question with id '{qid}'; list the ids with `coach questions`.")


def bank_files(data_dir: Path | None = None) -> list[Path]:
    """The shipped bank files, then the user's, in a stable order."""
    shipped = sorted(p for p in SHIPPED_BANKS_DIR.glob("*.toml") if p.name not in NON_BANK_FILES)
    user_dir = _user_banks_dir(data_dir)
    user = sorted(user_dir.glob("*.toml")) if user_dir.is_dir() else []
    return shipped + user


def _load_all(data_dir: Path | None) -> _Bank:
    user_dir = _user_banks_dir(data_dir)
    return _bank_of(str(user_dir), tuple(_file_state(p) for p in bank_files(data_dir)))


def _file_state(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path), stat.st_mtime_ns, stat.st_size


# Each person's bank (the shipped files and their own) and each file read, kept while unchanged
# (path, time of change, size: an edit makes a new key): one bank kept made a cohort's people, each
# with their own folder, take turns reading all 22 shipped files again on every page they opened.
@functools.lru_cache(maxsize=64)
def _bank_of(user_dir: str, files: tuple[tuple[str, int, int], ...]) -> _Bank:
    return _parse_files(files, Path(user_dir))


@functools.lru_cache(maxsize=512)
def _parsed(
    path: str, mtime_ns: int, size: int, default_source: str
) -> tuple[list[Question], list[InterviewerQuestion]]:
    """`parse_bank_file`, read again only once the file has changed."""
    return parse_bank_file(Path(path), default_source=default_source)


def _parse_files(files: Iterable[tuple[str, int, int]], user_dir: Path) -> _Bank:
    questions: list[Question] = []
    to_ask: list[InterviewerQuestion] = []
    seen: dict[str, Path] = {}
    for state in files:
        path = Path(state[0])
        is_user = path.parent == user_dir
        file_questions, file_asks = _parsed(*state, "user" if is_user else "bank")
        ids = [item.id for item in (*file_questions, *file_asks)]
        used = reused_id(ids, seen)
        if used is not None:
            raise InputError(
                f"The question id '{used}' in {path} is already used in {seen.get(used, path)};"
                " give one of them a new id."
            )
        seen |= dict.fromkeys(ids, path)
        questions += file_questions
        to_ask += file_asks
    return _Bank(tuple(questions), tuple(to_ask))


def reused_id(ids: list[str], taken: Container[str]) -> str | None:
    """The first of a bank file's question ids already used elsewhere (`taken`) or twice in the
    file: one id used twice stops every question loading (practice, the mock interview)."""
    return next((i for n, i in enumerate(ids) if i in taken or i in ids[:n]), None)


def parse_bank_file(
    path: Path, default_source: str = "bank"
) -> tuple[list[Question], list[InterviewerQuestion]]:
    """Read and validate one bank file; any mistake is an InputError naming the file and entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"The question bank {path} is not valid TOML ({e}); fix the file.") from e
    unknown = set(data) - {"defaults", "question", "ask"}
    if unknown:
        raise InputError(
            f"The question bank {path} has unknown tables {sorted(unknown)};"
            " use [defaults], [[question]] and [[ask]]."
        )
    defaults = {"source": default_source, **data.get("defaults", {})}
    questions = [
        _question_from_entry({**defaults, **entry}, f"question {i} ('{entry.get('id', '?')}') in {path}")
        for i, entry in enumerate(data.get("question", []), start=1)
    ]
    asks = [
        _ask_from_entry({"source": default_source, **entry}, path, i)
        for i, entry in enumerate(data.get("ask", []), start=1)
    ]
    return questions, asks


def _question_from_entry(entry: dict, where: str) -> Question:
    _check_fields(entry, _QUESTION_FIELDS, _OPTIONAL_QUESTION_FIELDS, where)
    _check_id(entry["id"], where)
    _check_text(entry["text"], "text", where)
    for name, allowed in (
        ("category", CATEGORIES),
        ("difficulty", DIFFICULTIES),
        ("format", FORMATS),
        ("source", SOURCES),
    ):
        _check_choice(entry[name], allowed, name, where)
    competencies = _check_list(entry["competencies"], "competencies", where, allowed=COMPETENCIES)
    roles = _check_list(entry["roles"], "roles", where, allowed=ROLES)
    talking_points = _check_list(entry["talking_points"], "talking_points", where)
    follow_ups = _check_list(entry["follow_ups"], "follow_ups", where)
    target_s = entry["target_s"]
    low, high = TARGET_S_RANGE
    if not isinstance(target_s, int) or isinstance(target_s, bool) or not low <= target_s <= high:
        raise InputError(f"target_s of {where} must be a whole number of seconds from {low} to {high}.")
    return Question(
        id=entry["id"],
        text=entry["text"].strip(),
        category=entry["category"],
        competencies=competencies,
        roles=roles,
        difficulty=entry["difficulty"],
        format=entry["format"],
        target_s=target_s,
        talking_points=talking_points,
        follow_ups=follow_ups,
        source=entry["source"],
    )


def _ask_from_entry(entry: dict, path: Path, index: int) -> InterviewerQuestion:
    where = f"question to ask {index} ('{entry.get('id', '?')}') in {path}"
    _check_fields(entry, _ASK_FIELDS, ("source", "at", "until_accepted", "why_accepted"), where)
    _check_id(entry["id"], where)
    _check_text(entry["text"], "text", where)
    _check_text(entry["why"], "why", where)
    _check_choice(entry["topic"], ASK_TOPICS, "topic", where)
    _check_choice(entry.get("at", ""), ("", "first"), "at", where)
    if not isinstance(entry.get("until_accepted", False), bool):
        raise InputError(f"The until_accepted of {where} must be true or false.")
    if "why_accepted" in entry:
        _check_text(entry["why_accepted"], "why_accepted", where)
    return InterviewerQuestion(
        id=entry["id"],
        text=entry["text"].strip(),
        topic=entry["topic"],
        why=entry["why"].strip(),
        source=entry["source"],
        at=entry.get("at", ""),
        until_accepted=entry.get("until_accepted", False),
        why_accepted=entry.get("why_accepted", "").strip(),
    )


def _check_fields(entry: dict, required: Sequence[str], optional: Sequence[str], where: str) -> None:
    missing = [name for name in required if name not in entry]
    if missing:
        raise InputError(f"{where[0].upper()}{where[1:]} is missing {', '.join(missing)}; add them.")
    unknown = sorted(set(entry) - set(required) - set(optional))
    if unknown:
        raise InputError(f"{where[0].upper()}{where[1:]} has unknown fields {unknown}; remove them.")


def _check_id(qid: object, where: str) -> None:
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        raise InputError(
            f"The id of {where} must be lowercase letters, digits and single hyphens"
            f" (like 'beh-lead-01'), not {qid!r}."
        )


def _check_text(value: object, name: str, where: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"The {name} of {where} must be a non-empty string.")


def _check_list(
    value: object, name: str, where: str, allowed: Sequence[str] | None = None
) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"The {name} of {where} must be a non-empty list of strings.")
    if allowed is not None:
        singular = {"competencies": "competency", "roles": "role"}.get(name, name)
        for item in value:
            _check_choice(item, allowed, singular, where)
    return tuple(v.strip() for v in value)


def _check_choice(value: object, allowed: Sequence[str], name: str, where: str | None = None) -> None:
    if value not in allowed:
        place = f" in {where}" if where else ""
        raise InputError(f"Unknown {name} {value!r}{place}; use one of: {', '.join(allowed)}.")


def _users_store(data_dir: Path | None, *, create: bool, owner: str = "") -> Store | None:
    """The store of the data directory (the database its settings name), opened once per process
    (a page asks for the questions on every rerun) and seen as `owner`'s, or None when there is
    no database yet and `create` is false, so looking at questions never makes one."""
    from coach.config import load_settings
    from coach.store import open_store
    from coach.store.old_files import OWN_QUESTIONS_FILE

    settings = load_settings(data_dir)
    key = (str(settings.data_dir), settings.database_url)
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            if not (create or settings.has_database or (settings.data_dir / OWN_QUESTIONS_FILE).exists()):
                return None
            store = _stores[key] = open_store(replace(settings, owner=""), recover=False)
            while len(_stores) > _MAX_OPEN_STORES:
                _stores.pop(next(iter(_stores))).close()
        return store.for_owner(owner)


def _own_questions(data_dir: Path | None, owner: str = "") -> list[Question]:
    from coach.store.own_questions import list_own_questions

    store = _users_store(data_dir, create=False, owner=owner)
    entries = list_own_questions(store) if store is not None else []
    return [
        _question_from_entry(_kind_defaults(entry), f"your question '{entry['id']}'") for entry in entries
    ]


def _kind_defaults(entry: dict) -> dict:
    """An own question saved before its kind, then its words, chose what it is given (every kind got
    a story's "a specific example", "actions you took", "the result" and "What would you do
    differently next time?"; "What is your greatest weakness?" kept those after its kind did), with
    what it is given now (`given_points`); points or a follow-up the user wrote stay as written. Its
    format follows its kind and words as they are now (`guess_format`; nobody sets it by hand): one
    saved as a story before its kind was changed, or before the wording rules knew a weakness
    question for what it is, was coached as a story."""
    kind = entry.get("category")
    text = str(entry.get("text") or "")
    entry = {**entry, "format": guess_format(text, kind)}
    if kind not in KIND_TALKING_POINTS:
        return entry
    points, follow_up = given_points(text, kind)
    if not points_typed(entry.get("talking_points") or ()):
        entry["talking_points"] = list(points)
    if not follow_up_typed(entry.get("follow_ups") or ()):
        entry["follow_ups"] = [follow_up]
    return entry


def _user_banks_dir(data_dir: Path | None) -> Path:
    if data_dir is None:
        from coach.config import load_settings

        data_dir = load_settings().data_dir
    return Path(data_dir) / USER_BANKS_DIR_NAME


# ---------------------------------------------------------------- choosing


def normalise_role(role: str) -> str:
    """Accept the names people use ('swe', 'pm', 'em') and the Settings page's ("Sales and customer
    roles", "Any role (all questions)") as well as the bank's own. An unknown one is refused naming
    the page's roles: it listed the bank's short names (sales-customer), which no page shows."""
    key = _role_key(role)
    key = ROLE_ALIASES.get(key) or {_role_key(label): r for r, label in ROLE_LABELS.items()}.get(key, key)
    if key not in ROLES:
        said = settings_page_roles()
        raise InputError(f"Unknown role {role!r}; use one of the Settings page's roles: {said}.")
    return key


def settings_page_roles(*, any_role: bool = True) -> str:
    """'“Any role”, “Software engineering”, … or “Sales and customer roles”': the roles as the
    Settings page names them, for a sentence refusing one (--role, settings.toml alike); without
    “Any role” when `any_role` is False (a round of role questions needs a role)."""
    said = [
        f"“{'Any role' if r == 'any' else label}”"
        for r, label in ROLE_LABELS.items()
        if any_role or r != "any"
    ]
    return f"{', '.join(said[:-1])} or {said[-1]}"


def _role_key(role: str) -> str:
    return role.strip().lower().replace(" ", "-").replace("_", "-")


# Role names people write in the interview log ("Staff engineer") → the bank's roles, by the words in
# them, first match wins: "Product designer" designs, "Sales engineer" sells. A manager is an
# engineering manager only when the title says what they manage is engineering or software
# ("Programme manager", "Store manager" and "Nurse manager" have no role of their own in the banks).
ROLE_WORDS = (
    (
        r"engineering (?:manager|lead|director)|head of engineering|(?:software|development) manager",
        "engineering-manager",
    ),
    (r"designer|design\b", "design"),
    (r"product\b", "product"),
    (r"data\b|analyst|scientist", "data"),
    (r"sales|accounts?\b|customer", "sales-customer"),  # not "accountant"
    (r"engineer|developer|programmer", "software-engineer"),
)


def role_from_title(title: str | None) -> str | None:
    """The bank's role for a job title as written in the interview log, or None."""
    text = (title or "").strip()
    if not text:
        return None
    try:
        return normalise_role(text)
    except InputError:
        pass
    lowered = text.lower()
    return next((role for words, role in ROLE_WORDS if re.search(rf"\b(?:{words})", lowered)), None)


def filter_questions(
    questions: Iterable[Question],
    category: str | None = None,
    role: str | None = None,
    competency: str | None = None,
    difficulty: str | None = None,
    text: str | None = None,
) -> list[Question]:
    """Questions matching every given filter; a role also matches questions meant for any role.
    Each word of `text` is found in a question's words, talking points or competencies, or names
    a competency it tests ("outage", "outages": reliability; COMPETENCY_KEYWORDS); the questions
    whose own words hold every word come first.

    An unknown category, role, competency or difficulty is an error rather than an empty list,
    so a typo is not mistaken for a bank with nothing to offer.
    """
    if category is not None:
        _check_choice(category, CATEGORIES, "category")
    if competency is not None:
        _check_choice(competency, COMPETENCIES, "competency")
    if difficulty is not None:
        _check_choice(difficulty, DIFFICULTIES, "difficulty")
    role = normalise_role(role) if role is not None else None
    # each word with the competencies it points to ("outage": reliability), as a debrief's are read
    words = [(w, set(skill_gap_to_competencies(w))) for w in search_words(text or "")]
    found = [
        q
        for q in questions
        if (category is None or q.category == category)
        and (role is None or role in q.roles or "any" in q.roles)
        and (competency is None or competency in q.competencies)
        and (difficulty is None or q.difficulty == difficulty)
        and all(_says(_searchable(q), w) or named.intersection(q.competencies) for w, named in words)
    ]
    # those whose own words say what was searched for first, then those found by their talking
    # points or competencies; each in the banks' order
    return sorted(found, key=lambda q: not all(_says(q.text.lower(), w) for w, _named in words))


def _says(text: str, word: str) -> bool:
    """Whether a word of `text` starts with the word searched for ("outage" finds "outages"): found
    anywhere inside a word, "art" listed 23 questions for their "start" and "part", and "ion" 230."""
    return re.search(rf"(?<![^\W_]){re.escape(word)}", text) is not None


def search_words(text: str) -> list[str]:
    """The words searched for, without the punctuation around them: "conflict (" found nothing, as
    every word had to be found and "(" is in no question. "C++" and "C#" keep their signs."""
    words = (re.sub(r"^[^\w+#]+|[^\w+#]+$", "", w) for w in text.lower().split())
    return [w for w in words if any(c.isalnum() for c in w)]


def _searchable(question: Question) -> str:
    return " ".join((question.id, question.text, *question.talking_points, *question.competencies)).lower()


def random_question(
    questions: Sequence[Question],
    rng: random.Random | None = None,
    exclude_ids: Iterable[str] = (),
    **filters,
) -> Question:
    """One question at random among those matching the filters, avoiding recently practised ids."""
    matching = filter_questions(questions, **filters)
    if not matching:
        raise InputError(f"No question matches {_describe(filters)}; loosen the filters.")
    excluded = set(exclude_ids)
    fresh = [q for q in matching if q.id not in excluded] or matching
    return (rng or random).choice(fresh)


def _describe(filters: dict) -> str:
    given = {k: v for k, v in filters.items() if v is not None}
    return ", ".join(f"{k}={v}" for k, v in given.items()) if given else "the bank"


def recommend(
    questions: Sequence[Question],
    weak_competencies: list[str],
    n: int = 5,
    exclude_ids: Iterable[str] = (),
    rng: random.Random | None = None,
    role: str | None = None,
) -> list[Question]:
    """Up to n questions that practise the weakest competencies first, one competency at a time.

    `weak_competencies` is ordered weakest first. Entries that are not competency names are read
    as debrief skill gaps ("handling conflict"), so a debrief can be passed straight in. Picks go
    round-robin so three weak areas get three different kinds of practice rather than five
    questions on the first; within a competency, questions that probe it alone and medium
    difficulty come first (a focused, realistic rep), and before those a question a real interviewer
    asked (kept from a debrief). Practised ids are skipped while others remain.
    With a role, only questions for that role or for any role are picked.
    """
    if role is not None:
        questions = filter_questions(questions, role=role)
    targets = as_competencies(weak_competencies)
    excluded = set(exclude_ids)
    queues = [_ranked_for(competency, questions, excluded, rng) for competency in targets]
    picked: list[Question] = []
    while len(picked) < n and any(queues):
        for queue in queues:
            while queue and queue[0] in picked:
                queue.pop(0)
            if queue and len(picked) < n:
                picked.append(queue.pop(0))
    return picked


def without_bank_twins(questions: Sequence[Question]) -> list[Question]:
    """`questions` less each bank question that a question of your own among them restates
    (`same_question`), your own standing for it: one kept before the rule found it ("Tell me about
    a time you disagreed with your manager." was, beside the banks' "... your manager's decision.")
    was recommended beside its twin, one question twice in a list of five. Your own is kept, not the
    bank's: it holds its answers and the words you were asked in, and a question you type again
    is filed under it (`keep_question` finds its very words first)."""
    own = [q for q in questions if q.source != "bank"]
    if not own:
        return list(questions)
    bank = [q for q in questions if q.source == "bank"]
    twins = {twin.id for q in own if (twin := same_question(q.text, bank)) is not None}
    return [q for q in questions if q.source != "bank" or q.id not in twins]


def as_competencies(names: Iterable[str]) -> list[str]:
    """Competency names, and the competencies behind debrief words ("handling conflict"), once each."""
    targets: list[str] = []
    for name in names:
        found = [name] if name in COMPETENCIES else skill_gap_to_competencies(name)
        targets += [c for c in found if c not in targets]
    return targets


def _ranked_for(
    competency: str, questions: Sequence[Question], excluded: set[str], rng: random.Random | None
) -> list[Question]:
    candidates = [q for q in questions if competency in q.competencies]
    if rng is not None:
        candidates = rng.sample(candidates, len(candidates))
    fresh = [q for q in candidates if q.id not in excluded] or candidates
    difficulty_rank = {"medium": 0, "easy": 1, "hard": 2}
    return sorted(
        fresh,
        key=lambda q: (
            # one a real interviewer asked (kept from a debrief) first: a debrief that named
            # "handling conflict" and listed the conflict question asked had two bank questions on
            # conflict recommended, never the one the user was asked
            q.source != "real interview",
            q.competencies.index(competency) > 0,
            len(q.competencies) > 2,
            difficulty_rank[q.difficulty],
        ),
    )


def skill_gap_to_competencies(text: str) -> list[str]:
    """The competencies behind free-text skill gaps, in the order the text mentions them.

    A debrief says "rambled on the system design question, got defensive about the outage";
    practice needs ["communication", "system-design", "conflict", "reliability"].
    """
    return list(dict.fromkeys(competency for _start, _end, competency in _mentions(text)))


def competency_mentions(text: str, skip: Iterable[str] = ()) -> list[tuple[str, list[str]]]:
    """Each competency a longer text (a job description) points to, with its words as the text
    writes them, the competency mentioned most first (then the one mentioned first): a posting
    that says "stakeholders" four times and "conflict" twice asks for influence, then conflict.
    `skip`: words that name no competency in this kind of text ("lessons" in a teacher's posting)."""
    skipped = {w.casefold() for w in skip}
    said: dict[str, list[str]] = {}
    for start, end, competency in _mentions(text):
        if text[start:end].casefold() not in skipped:
            said.setdefault(competency, []).append(text[start:end])
    return sorted(said.items(), key=lambda item: -len(item[1]))  # stable: first mentioned first


def _mentions(text: str) -> list[tuple[int, int, str]]:
    """Keyword matches in the order the text says them, a longer keyword taking its words from a
    shorter one inside it ("machine learning" beats "learning"), and a bank question's words
    taking theirs before any keyword."""
    lowered = text.lower().replace("_", " ")
    matches = sorted(_keyword_matches(lowered), key=lambda m: (m[0] - m[1], m[0]))
    taken = _question_matches(lowered)
    for start, end, competency in matches:
        if not any(start < t_end and t_start < end for t_start, t_end, _ in taken):
            taken.append((start, end, competency))
    # OTHER_SENSES took their words for none; a question's competencies stay in its order
    return sorted((m for m in taken if m[2]), key=lambda m: m[0])


def _question_matches(lowered: str) -> list[tuple[int, int, str]]:
    """A bank question said in its own words ("tell me about yourself") or by its short name
    (QUESTION_NAMES), with each competency it practises: the gap is that question, and Practice
    recommends for what it is filed under. Only its whole words: a category ("behavioural
    questions") names twenty competencies, none of them the gap."""
    return [
        (start, end, c) for start, end, question in _named_questions(lowered) for c in question.competencies
    ]


def questions_named(text: str) -> list[tuple[str, str]]:
    """The shipped questions a gap names, in its words or by a short name, each once with the words
    that named it, in the order said: "greatest weakness" is "What is your biggest weakness, and
    what are you doing about it?". Practice puts each first (coach.recommend.recommended): the gap
    reached it as the question's competencies only, and the question itself came anywhere or nowhere."""
    named: dict[str, str] = {}
    for start, end, question in _named_questions(text.lower().replace("_", " ")):
        named.setdefault(question.id, text[start:end])
    return list(named.items())


def _named_questions(lowered: str) -> list[tuple[int, int, Question]]:
    """Where a shipped question is said in `lowered`, in its whole words (the longest first) or by
    a short name, none over another's words, in the order said."""
    found: list[tuple[int, int, Question]] = []
    said = set(re.findall(r"[a-z0-9]+", lowered))  # only a question all of whose words are said is sought
    for words, pattern, question in _bank_question_patterns():
        if not words <= said:
            continue
        for m in pattern.finditer(lowered):
            if not any(m.start() < t_end and t_start < m.end() for t_start, t_end, _ in found):
                found.append((m.start(), m.end(), question))
    return sorted(found, key=lambda m: m[0])


# Short names a debrief gives a shipped question instead of its words, as regular expressions
# matched from a word's start to a word's end: the gap is that question, as its whole words are
# (`questions_named`). "greatest weakness" is the weakness question (a product's weakness is not).
QUESTION_NAMES: dict[str, tuple[str, ...]] = {
    "beh-fail-07": (r"(?<!product's )(?<!product )(?:greatest|biggest) weakness(?:es)?",),
    "mot-07": (r"where (?:do )?(?:you|i) see (?:yourself|myself)",),
    # "How do you review someone else's pull request?"
    "swe-tech-10": (
        r"code reviews?",
        r"review(?:ing)? (?:code|(?:a |someone's |other people's )?pull requests?|prs?)",
        r"(?:pull request|pr) reviews?",
    ),
}


@functools.lru_cache(maxsize=1)
def _bank_question_patterns() -> tuple[tuple[frozenset[str], re.Pattern, Question], ...]:
    """Each shipped question's words, longest first, punctuation between them as any ("Walk me
    through your CV." is said "walk me through your CV"), then its short names (QUESTION_NAMES),
    each with the words it needs said before it is sought (none for a name)."""
    shipped = _shipped_questions()
    worded = [(re.findall(r"[a-z0-9]+", q.text.lower()), q) for q in shipped.values()]
    whole = tuple(
        (frozenset(words), re.compile(r"(?<![a-z0-9])" + r"\W+".join(words) + r"(?![a-z0-9])"), question)
        for words, question in sorted(worded, key=lambda w: -len(" ".join(w[0])))
        if words
    )
    names = tuple(
        (frozenset(), re.compile(r"(?<![a-z0-9])(?:" + name + r")(?![a-z0-9])"), shipped[question_id])
        for question_id, question_names in QUESTION_NAMES.items()
        for name in question_names
    )
    return whole + names


# A kind of question named as a gap ("behavioural questions", "the situational round"): no skill,
# and one the kind's twenty-odd questions spread over every competency, so none is picked for it.
KIND_OF_QUESTION = re.compile(
    r"(?<![a-z])(?:behaviou?ral|situational|role[- ]specific|closing questions?)(?![a-z])"
)


def names_a_kind_of_question(gap: str) -> bool:
    """Whether a gap that names no skill names a kind of question instead ("behavioural questions"):
    saving the debrief said it was "none of the skills the practice questions are filed under" and
    to add a question of one's own for it, beside a bank of behavioural questions."""
    return not skill_gap_to_competencies(gap) and KIND_OF_QUESTION.search(gap.lower()) is not None


def skill_gap_pieces(text: str) -> list[str]:
    """The gaps in a debrief's list, one each, in the user's words and order: "Kafka, stakeholder
    management; Go" is ["Kafka", "stakeholder management", "Go"], and a slash between words parts
    them too ("negotiation / system design"), not one inside a word ("CI/CD")."""
    pieces = [p.strip(" .") for p in re.split(r"[,;\n]|\band\b|\s/|/\s", text)]
    return [p for p in pieces if p]


def _keyword_matches(lowered: str) -> Iterable[tuple[int, int, str]]:
    """Each keyword's matches with its competency; OTHER_SENSES' with none ("")."""
    named = [(c, (*keywords, c.replace("-", " "))) for c, keywords in COMPETENCY_KEYWORDS.items()]
    for competency, keywords in (*named, ("", OTHER_SENSES)):
        for keyword in keywords:
            yield from _matches(re.escape(keyword.strip()), competency, lowered)
    for competency, patterns in KEYWORDS_IN_CONTEXT.items():
        for pattern in patterns:
            yield from _matches(pattern, competency, lowered)


def _matches(pattern: str, competency: str, lowered: str) -> Iterable[tuple[int, int, str]]:
    """Where `pattern` starts a word, to the end of the word it ends in ("outage" takes "outages")."""
    for m in re.finditer(r"(?<![a-z])" + pattern + r"[a-z]*", lowered):
        yield m.start(), m.end(), competency


# ---------------------------------------------------------------- user questions


# A bank's tags (categories, competencies, roles, topics) are ids ("failure-learning"); a page
# says them in words. Most read right with spaces for hyphens; these need more.
TAG_WORDS = {
    "failure-learning": "failure and learning",
    "sales-customer": "sales and customer roles",
    "why-reached-out": "why they reached out",
    "role-and-team": "role and team",
}


def tag_words(tag: str) -> str:
    """'system design' for 'system-design': a bank tag as every page and the CLI say it."""
    return TAG_WORDS.get(tag, tag.replace("-", " "))


# What a question of your own is given to cover when you write no talking points of your own, by its
# kind, in the shipped banks' words for that kind: a reminder on the Practice and Questions pages.
# A story's are STAR in three phrases; "Why do you want to leave your current job?" was given those
# too, and told to bring "a specific example" and "the result". Answers are not checked against
# them: the structure already measures a story's parts (by meaning "actions you took" read as "not
# heard" beside a structure that heard the action), and the others are too general to be heard.
GENERIC_TALKING_POINTS = ("a specific example", "actions you took", "the result")
KIND_TALKING_POINTS: dict[str, tuple[str, ...]] = {
    "behavioural": GENERIC_TALKING_POINTS,
    "motivation": ("an honest reason", "what you are looking for next", "how this role fits"),
    "situational": (
        "what you would find out first",
        "the options you weigh",
        "what you would do, and why",
        "who you would involve",
    ),
    "closing": ("brief and honest", "what you still want to know", "the next step you want"),
    "technical": ("how it works", "when you would use it, and when not", "where you used it"),
    "system-design": (
        "the requirements you would clarify",
        "the main components and data flow",
        "the trade-offs you weigh",
        "how it scales and fails",
    ),
    "role-specific": (
        "your approach, step by step",
        "an example from your own work",
        "the trade-offs you weigh",
    ),
}
# The follow-up a question of your own is given when you write none: one that fits any question of
# its kind ("What would you do differently next time?" asks about a story, not "Tell me about yourself.").
KIND_FOLLOW_UPS: dict[str, str] = {
    "behavioural": "What would you do differently next time?",
    "motivation": "What matters most to you in your next role?",
    "situational": "What would you do if that did not work?",
    "closing": "Is there anything else before we finish?",
    "technical": "Where have you used that in your own work?",
    "system-design": "What would change at ten times the load?",
    "role-specific": "Can you give an example from your own work?",
}


# A question of your own asked in the words of one the banks hold for its kind gets that bank
# question's talking points and follow-up, which fit it, rather than its kind's, which do not: "What
# is your greatest weakness?" (behavioural, no story) was given a story's "a specific example",
# "actions you took", "the result" and "What would you do differently next time?"; "What are your
# salary expectations?" was to give "an honest reason" and "how this role fits". First match wins.
# ("Do you have any questions for us?" keeps the closing kind's points, written for it.)
_POINTS_FROM_BANK = tuple(
    (re.compile(pattern), question_id)
    for pattern, question_id in (
        (r"\b(your|my) (\w+ )?weakness", "beh-fail-07"),
        (r"\b(your|my) (\w+ )?strengths?\b|\bbest at\b", "beh-self-02"),
        (r"(would|will) (your|my) .{0,40}(say|describe) (about )?you", "beh-self-01"),
        (r"tell (me|us) (a little )?about yourself", "mot-05"),
        (r"walk me through your (cv|resume|background|career)", "mot-06"),
        (r"where do you see yourself", "mot-07"),
        (r"salary|compensation", "mot-13"),
        (r"interviewing elsewhere|other (offers|interviews)", "mot-14"),
        (r"notice period|when (could|can) you start", "mot-15"),
        (r"gap in your (cv|resume|career)", "mot-19"),
        (r"^why should we (hire|choose|pick)", "close-03"),
        (r"would you accept", "close-06"),
        (r"references\b", "close-07"),
    )
)


@functools.lru_cache(maxsize=1)
def _shipped_questions() -> dict[str, Question]:
    files = sorted(p for p in SHIPPED_BANKS_DIR.glob("*.toml") if p.name not in NON_BANK_FILES)
    return {q.id: q for path in files for q in parse_bank_file(path, default_source="bank")[0]}


def bank_question_giving_points(text: str, kind: str) -> Question | None:
    """The bank question of kind `kind` whose talking points and follow-up a question of your own
    worded as `text` is given (`_POINTS_FROM_BANK`), if any."""
    words = _words(text)
    for pattern, question_id in _POINTS_FROM_BANK:
        like = _shipped_questions().get(question_id)
        if pattern.search(words) and like is not None and like.category == kind:
            return like
    return None


def given_points(text: str, kind: str) -> tuple[tuple[str, ...], str]:
    """The talking points and follow-up a question of your own is given when you write none: those
    of the bank question of its kind it is worded as (`bank_question_giving_points`: a weakness
    question gets the bank's weakness question's), else its kind's (`KIND_TALKING_POINTS`,
    `KIND_FOLLOW_UPS`)."""
    like = bank_question_giving_points(text, kind)
    if like is not None:
        return tuple(like.talking_points), like.follow_ups[0] if like.follow_ups else KIND_FOLLOW_UPS[kind]
    return KIND_TALKING_POINTS.get(kind, GENERIC_TALKING_POINTS), KIND_FOLLOW_UPS.get(
        kind, KIND_FOLLOW_UPS["behavioural"]
    )


def points_typed(talking_points: Sequence[str]) -> tuple[str, ...]:
    """The talking points of a question of your own as you typed them: none when they are points
    it was given (`given_points`), for its words and kind now or for earlier ones. They are kept
    as given, so nothing else tells them apart: the edit form showed them as typed, and a question
    reworded or moved to another kind kept the points given for its old words."""
    points = tuple(talking_points)
    return () if points in _given_point_sets() else points


@functools.lru_cache(maxsize=1)
def _given_point_sets() -> frozenset[tuple[str, ...]]:
    """Every set of talking points a question of your own may be given: each kind's, and those of
    each bank question it may be worded as."""
    shipped = _shipped_questions()
    from_bank = (tuple(shipped[i].talking_points) for _, i in _POINTS_FROM_BANK if i in shipped)
    return frozenset({(), GENERIC_TALKING_POINTS, *KIND_TALKING_POINTS.values(), *from_bank})


def follow_up_typed(follow_ups: Sequence[str]) -> tuple[str, ...]:
    """The follow-ups of a question of your own as written for it: none when it holds one it was
    given (`given_points`), for its words and kind now or for earlier ones, as `points_typed` tells
    its points. "What is your greatest weakness?" reworded into "Tell me about a time you missed a
    deadline." kept the bank weakness question's "How would your colleagues describe it?"."""
    asked = tuple(follow_ups)
    return () if asked in _given_follow_ups() else asked


@functools.lru_cache(maxsize=1)
def _given_follow_ups() -> frozenset[tuple[str, ...]]:
    """Every follow-up a question of your own may be given: each kind's, and the first of each bank
    question it may be worded as."""
    shipped = _shipped_questions()
    from_bank = (
        (shipped[i].follow_ups[0],) for _, i in _POINTS_FROM_BANK if i in shipped and shipped[i].follow_ups
    )
    return frozenset({(), *((f,) for f in KIND_FOLLOW_UPS.values()), *from_bank})


def competencies_chosen(competencies: Sequence[str], question: Question) -> tuple[str, ...]:
    """The competencies of a question of your own as you chose them: none when they are those the
    coach told from its words and kind (`guess_competencies`, what it is given when none is chosen),
    as `points_typed` tells its points and `follow_up_typed` its follow-up. Chosen the same as told,
    they are read as told: new words are told theirs."""
    chosen = tuple(competencies)
    told = guess_competencies(question.text, question.category)
    return () if set(chosen) == set(told) else chosen


def competencies_retold(before: Question, after: Question, chosen: Sequence[str]) -> tuple[str, ...]:
    """What a question of yours practised before an edit told it others from its new words (none
    `chosen`): said by the Questions page's "Saved: …" and by `coach edit-question` alike, which
    changed "execution, customer-focus" into "customer-focus" without a word. () when they were
    chosen, or are the same."""
    if chosen or set(after.competencies) == set(before.competencies):
        return ()
    return tuple(before.competencies)


def told_words(competencies: Sequence[str], category: str | None = None, before: Sequence[str] = ()) -> str:
    """ "It practises failure and learning, and communication, told from its words": what a question
    of yours was given when no competency was chosen, with its kind when that was told too
    (`category`), or only its kind when `competencies` are none (they were chosen); '' when neither.
    `before`: what it practised before new words told it these ("told from its new words (it
    practised … before)"), as the page and the terminal say it."""
    kind = f"a {tag_words(category)} question" if category else ""
    if not competencies:
        return f"It is {kind}, told from its words" if kind else ""
    practises = listed([tag_words(c) for c in competencies]) + (f" as {kind}" if kind else "")
    if before:
        return (
            f"It practises {practises}, told from its new words (it practised "
            f"{listed([tag_words(c) for c in before])} before)"
        )
    return f"It practises {practises}, told from its words"


def category_chosen(category: str | None, question: Question) -> str | None:
    """The kind of a question of your own as you chose it: None when it is the one the coach told
    from its words (`guess_category`, what it is given when none is chosen), as
    `competencies_chosen` tells its competencies. "Which feature would you cut first?" reworded
    into "What is your greatest weakness?" stayed role-specific, the edit box starting filled with
    it; told, new words are told theirs."""
    return None if category in (None, guess_category(question.text)) else category


def points_to_check(talking_points: Sequence[str]) -> tuple[str, ...]:
    """The talking points an answer is checked against: none when they are only the generic ones."""
    points = tuple(talking_points)
    return () if points in KIND_TALKING_POINTS.values() else points


# How a question is worded tells its kind, which decides how its answers are coached (a story told
# as situation, action, result only for a question that asks for one: `asks_for_story`). First
# match wins; behavioural when nothing matches. Run over the shipped banks' 287 questions, which
# these rules were written beside (so this is no measure on new wording): 233 get the bank's kind
# (158 with the rules before, which filed every "How do you ...?" as a story and "How would you
# design a URL shortener?" as behavioural), and 265 are told a story or not as the bank's `format`
# says (184 before). Most of the rest are role questions told as stories ("Tell me about the
# biggest deal you closed."): behavioural by their words, and stories either way.
_TECHNICAL_WORDS = (
    r"\b(data|sql|quer(y|ies)|code|codebase|database|api|service|backend|architecture|bug|threads?"
    r"|concurren\w*|dashboard|pull request|model|metric|p-values?|overfitting|memory|browser|url"
    r"|tests?|testing|debt|observab\w*|fraud|deploy\w*|latency|algorithm|cache)\b"
)
# whom a situational question has you handle ("How do you handle a customer who threatens to churn?")
_SOMEONE = (
    r"(a|an|the|your|someone|people|colleagues?|customers?|clients?|stakeholders?|teammates?|managers?)"
)
# A question about how you see yourself: the banks file it behavioural but ask for no story
# ("What is your biggest weakness, and what are you doing about it?").
_SELF_VIEW = re.compile(
    r"weakness|strengths?\b|best at\b|(would|will) (your|my) .{0,40}(say|describe) (about )?you"
)
_KINDS_BY_WORDING = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "closing",
            r"(any|other) questions (for|you'?d like)|anything (else|we have not covered|we haven'?t)"
            r"|would you accept|accept (our|the|this|an?) offer|say yes to (our|the|this|an?) offer"
            r"|what would it take (for you )?to (join|accept)|how interested are you"
            r"|^why should we (hire|choose|pick)|references\b"
            r"|remember about you|(concerns|hesitations|reservations) (do you have )?about (this|our|the)"
            r"|summari[sz]e (our|this|today'?s) (conversation|interview|discussion)"
            r"|pitch for why|biggest challenge in this (role|job)",
        ),
        (
            "motivation",
            r"^(why|what (attracts|excites|motivates|interests|draws|energi[sz]es)|where do you see yourself"
            r"|(can you )?tell (me|us) (a little )?about yourself"
            r"|walk me through your (cv|resume|background|career)"
            r"|what are you looking for|what do you know about (us|our|the company))"
            r"|why are you (talking|speaking) to us|make you (leave|stay)|kept you at"
            r"|salary|notice period|when (could|can) you start|interviewing elsewhere"
            r"|other (offers|interviews)"
            r"|first (30|60|90|hundred) days|gap in your (cv|resume|career)"
            r"|(makes|is) a (good )?manager good for you|success look like for you|drains you",
        ),
        (
            "behavioural",
            r"^(tell me about a time|describe a (time|situation)|give (me )?an example|walk me through a time"
            r"|have you ever|tell me about an? |share an example|talk about a time)|" + _SELF_VIEW.pattern,
        ),
        (
            "situational",
            r"^(what would you do|imagine|suppose|if you|you (discover|find|are|have|join|notice|inherit"
            r"|disagree|learn|realise|realize)|your (manager|team|boss|colleague|customer|client)"
            r"|a (colleague|customer|client|stakeholder|teammate|key|new|project))"
            rf"|^how (would|do) you (handle|respond to|react to|deal with) {_SOMEONE}\b"
            r"|^how would you (handle|respond|react|deal|approach|prioriti[sz]e)"
            r"|[.?!] (what do you do|what would you do|how do you (proceed|react|respond|handle it))\?$",
        ),
        # a system to build; a product, feature or screen to design is a product or design role's question
        (
            "system-design",
            r"^(how would you )?design (a|an|the) (?!(product|feature|kiosk|first|experience|screen|a/b|test"
            r"|experiment))",
        ),
        ("role-specific", r"^(how would you )?(re)?design |^critique |^sell me"),
        ("technical", r"^(explain|write|what happens)|difference between|trade-offs? between"),
        ("technical", r"^(how (do|would) you|what is|which)\b.*" + _TECHNICAL_WORDS),
        # how you go about the work ("How do you run one-on-ones?"): an approach, not a story
        ("role-specific", r"^(how (do|would) you|which)\b"),
        # what you think of something ("What do you think about a global wealth tax?" was told as a
        # story: situation, action, result and "The situation takes …" advice)
        ("role-specific", r"^what do you think (about|of)\b|^what('s| is) your (view|opinion|take) on\b"),
    )
)
STORY_FORMAT = "star"


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def said_kind(text: str) -> str | None:
    """The kind a question's words name, or None when they name none ("What was the outcome?")."""
    words = _words(text)
    return next((kind for kind, pattern in _KINDS_BY_WORDING if pattern.search(words)), None)


def guess_category(text: str) -> str:
    """A typed or heard question's kind from its wording ("Why this team?" is about motivation, not a
    story to tell as situation, action and result); behavioural when the wording does not say."""
    return said_kind(text) or "behavioural"


# A question of your own given no competencies is given those of the shipped questions worded most
# like it (`guess_competencies`). Chosen on half the shipped questions (even-numbered ids), each
# guessed from all the others (benchmarks/own_competencies.py): the 5 closest, each counting by its
# closeness; a competency kept at half the votes of the first or more; two at most, as the banks tag
# 273 of their 287 questions. A question closer than CLOSE_SIMILARITY to none of them is told by its
# kind alone: no floor (with 8 neighbours) scored about the same on that half (F1 0.455 against
# 0.450) but lets a question like no other take the tags of whatever is least unlike it (the
# weakest best match of a shipped question is 0.17, one in twenty is below 0.24).
COMPETENCY_NEIGHBOURS = 5
CLOSE_SIMILARITY = 0.2
COMPETENCIES_TOLD = 2


def guess_competencies(
    text: str, category: str | None = None, bank: Sequence[Question] | None = None
) -> list[str]:
    """What a question of your own practises when you chose nothing: the competencies its words name
    ("... a conflict with a colleague" is conflict), then those the bank's questions worded most like
    it are tagged with ("Design a rate limiter." is system design, like "Design a URL shortener."),
    weighed with how often its kind is tagged each (`category`, else told from its words); when no
    bank question is close, what its kind is most often tagged. Communication only when none of
    that says anything. `bank`: the questions to learn from, the shipped ones unless given."""
    bank = list(_shipped_questions().values()) if bank is None else list(bank)
    votes = Counter(kind_competency_shares(category or guess_category(text), bank))
    for place, similarity in closest(text, bank, top=COMPETENCY_NEIGHBOURS):
        if similarity >= CLOSE_SIMILARITY:
            votes.update(dict.fromkeys(bank[place].competencies, similarity))
    ranked = votes.most_common(COMPETENCIES_TOLD)
    voted = [competency for competency, vote in ranked if vote >= ranked[0][1] / 2]
    named = skill_gap_to_competencies(text)
    return list(dict.fromkeys([*named, *voted]))[:COMPETENCIES_TOLD] or ["communication"]


def kind_competency_shares(kind: str, bank: Sequence[Question]) -> dict[str, float]:
    """How often the bank's questions of this kind are tagged each competency (a technical question
    is technical depth half the time), the most often first."""
    of_kind = [q for q in bank if q.category == kind]
    counts = Counter(competency for q in of_kind for competency in q.competencies)
    return {competency: n / len(of_kind) for competency, n in counts.most_common()}


def guess_format(text: str, category: str | None = None) -> str:
    """Whether a question of your own asks for a story ("star") or a free answer, from its kind (its
    wording's, when not given): a behavioural question asks for one, unless it asks how you see
    yourself ("What would your last manager say is your biggest weakness?"), as in the banks."""
    kind = category or guess_category(text)
    return STORY_FORMAT if kind == "behavioural" and not _SELF_VIEW.search(_words(text)) else "free"


def follow_up_format(text: str, followed) -> str:
    """A follow-up's format: its own words' when they name a kind ("What would you do differently
    next time?" asks what you would do, no story; "Tell me about a data leak you found." asks for
    one); when they name none ("What was the outcome?", "Could that be shortened?"), the format of
    the question it follows (`followed`), whose answer it asks more about: a story's outcome belongs
    to the story, a salary question's "What is your current compensation?" is no story."""
    kind = said_kind(text)
    if kind is None:
        return STORY_FORMAT if asks_for_story(followed) else "free"
    return guess_format(text, kind)


@dataclass(frozen=True)
class WordedQuestion:
    """A question known only by its words: asked in a real interview and matched to no bank
    question, or a practice answer's question since deleted, or a mock interview's follow-up. Its
    format is what its words say (`guess_format`, or `follow_up_format` for a follow-up); it has no
    talking points, no length of its own and no id (so no off-topic check: coach.analysis.answer),
    except a mock interview's follow-up, read with the question it `follows` and that question's
    points (as coach.mock.follow_up.FollowUpQuestion)."""

    text: str
    format: str
    id: None = None
    target_s: int | None = None
    talking_points: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    follows: str = ""
    follows_points: tuple[str, ...] = ()


def question_by_words(text: str | None) -> WordedQuestion | None:
    """The question `text` as the analysis reads it (`WordedQuestion`); None when no words are
    known, and the answer is then taken as a story (`asks_for_story`)."""
    text = " ".join((text or "").split())
    return WordedQuestion(text, guess_format(text)) if text else None


def asks_for_story(question) -> bool:
    """Whether answers to `question` are coached as a story: the structure score (situation, task,
    action, result), its feedback, the length advice in its terms and the mock interview's probing
    follow-ups. The one rule for practice, `coach analyze`, the mock interview and interview reviews:
    a question whose format is STAR (every bank question and question of your own has one, and a
    question known only by its words has its words': `question_by_words`, `follow_up_format`); with
    no question (none chosen, none heard) the answer is taken as a story, as a question whose wording
    does not say is behavioural."""
    return getattr(question, "format", None) in (None, "", STORY_FORMAT)


def _the_words(text: str) -> tuple[str, tuple[str, ...]]:
    """A question's very words, case, punctuation and framing aside (`normalise`), its numbers kept:
    "Session 2: tell me about a project" is not "Session 1: tell me about a project" (normalise,
    made for similarity, drops digits, so a second such question was refused as a copy)."""
    return normalise(text), tuple(re.findall(r"\d+", text))


def check_not_there(
    data_dir: Path, text: str, *, owner: str = "", leaving_out: str | None = None, typos: bool = True
) -> None:
    """Refuse a question typed to be added, or an own question's new words, when the bank or your
    own questions have its very words: a second copy would split its answers between two questions
    (`coach add-question`, `coach edit-question`, the Questions page). `leaving_out`: the id of the
    question being edited, which may keep its own words. `typos`: whether the same words misspelt,
    or a shorter way of saying a question there (`same_question`: the Practice page files a question
    typed so under it, `keep_question`), are refused too (as typed; `add_user_question` itself
    refuses only the very words, since a question heard in an interview goes through
    `keep_question`, which finds its own twins).

    The terminal names the question by its id (`coach questions` lists ids); the page, which shows
    no ids, by its words and where it is."""
    if not normalise(text):
        return
    wanted = _the_words(text)
    others = [q for q in load_questions(data_dir, owner=owner) if q.id != leaving_out]
    twin = next((q for q in others if _the_words(q.text) == wanted), None)
    # the same words misspelt ("Tell me abuot a tiem you failed."): named with its own spelling
    misspelt = None if twin is not None or not typos else misspelt_question(text, others)
    # fewer words for the same question ("Tell me about a time you led without authority."): the
    # Practice page files them under the question they shorten, so a copy here split its answers
    shorter = None if twin or misspelt or not typos else same_question(text, others)
    twin = twin or misspelt or shorter
    if twin is None:
        return
    mine = twin.source != "bank"
    then = "practise that one, or word yours differently."
    spelt = f", spelt “{twin.text}”" if misspelt else f", worded “{twin.text}”" if shorter else ""
    whose = "You already have" if mine else "The banks already have"
    raise InputError(
        f"{whose} this question{spelt} ({twin.id}); {then}",
        in_app=(
            f"You already have this question among your questions: “{twin.text}”; {then}"
            if mine
            else f"The banks already have this question among their {tag_words(twin.category)} "
            f"questions: “{twin.text}”; {then}"
        ),
    )


# The longest question typed as one's own: the Questions and Practice pages' boxes and `coach
# add-question` alike (a question heard in a real interview is kept as long as it was).
QUESTION_CHARS = 400
# A question typed as one's own is one that could be answered: at least two words (a word holds a
# letter), or one word asking ("Strengths?"). "?", "🚀" and "Yes." were kept as questions to practise;
# "Tell me about yourself." and "Walk me through your CV" ask without a question mark. Every shipped
# question passes (tests/test_banks.py).
NOT_A_QUESTION = (
    "That is not a question one could answer; type the question in words as it was asked (at least two "
    "words, or one ending in “?”, like “Strengths?”)."
)


# The most talking points (and follow-ups) a question of your own takes, and the longest each may
# be: the shipped banks' questions have at most 5 points of at most 57 characters (2 follow-ups of
# at most 72); a question with 1,000 points of 20 words each was kept. Each with a wide margin.
MAX_POINTS = 20
POINT_CHARS = 200


def check_points(talking_points: Sequence[str], follow_ups: Sequence[str] = ()) -> None:
    """Refuse more talking points or follow-ups than an answer could cover, or one longer than a point."""
    for items, name in ((talking_points, "talking points"), (follow_ups, "follow-up questions")):
        if len(items) > MAX_POINTS:
            raise InputError(
                f"That is {len(items):,} {name}; keep to the few a strong answer covers, "
                f"at most {MAX_POINTS}."
            )
        longest = max((len(item) for item in items), default=0)
        if longest > POINT_CHARS:
            raise InputError(
                f"One of the {name} is {longest:,} characters long; keep each to at most {POINT_CHARS} "
                "characters, one short point each."
            )


def is_a_question(text: str) -> bool:
    """Whether typed words could be a question to answer: at least two words, or one ending in "?"."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return len(words) >= 2 or (len(words) == 1 and text.rstrip().endswith(("?", "？")))


def check_length(text: str, longest: int = QUESTION_CHARS, *, points_typed_too: bool = True) -> None:
    """Refuse a question typed longer than `longest` characters (as the pages' boxes hold it)."""
    if len(text) > longest:
        rest = " (the talking points hold the rest)" if points_typed_too else " characters"
        raise InputError(
            f"The question is {len(text):,} characters long; keep it to the question itself, at most "
            f"{longest:,}{rest}."
        )


def own_target_s(question_format: str) -> int:
    """How long an answer to a question of your own is meant to take: two minutes for a story, a
    minute and a half otherwise (the bank's questions set their own)."""
    return 120 if question_format == STORY_FORMAT else 90


def add_user_question(
    data_dir: Path,
    text: str,
    category: str | None = None,
    competencies: Sequence[str] | None = None,
    source: str = "user",
    roles: Sequence[str] = ("any",),
    difficulty: str = "medium",
    talking_points: Sequence[str] = (),
    follow_ups: Sequence[str] = (),
    *,
    owner: str = "",
    points_typed_too: bool = True,
) -> Question:
    """Save a question of the user's own (or one heard in a real interview) to their bank; its
    `category` told from its wording when not given (`guess_category`), and its `competencies` when
    none are given (`guess_competencies`: what the bank's questions worded like it practise).
    `points_typed_too` says whether it was typed beside a place for its talking points (the
    Questions page, `coach add-question`), where a question too long is told the points hold the
    rest; the Practice page's box has none.

    The entry is validated exactly as a shipped one before anything is written.
    """
    from coach.store.own_questions import add_own_question

    text, talking_points, follow_ups = _as_kept(text), _all_kept(talking_points), _all_kept(follow_ups)
    category = category or guess_category(text)
    if not text:
        raise InputError("The question is empty; type the question as it was asked.")
    if source not in ("user", "real interview"):
        raise InputError(f"Unknown source {source!r}; use 'user' or 'real interview'.")
    if source == "user" and not is_a_question(text):
        raise InputError(NOT_A_QUESTION)
    if source == "user":
        check_length(text, points_typed_too=points_typed_too)
    check_points(talking_points, follow_ups)
    # a second copy of the same words splits its answers between two questions: refused here too,
    # in the sentence the page and `coach add-question` give (they check first, misspellings too)
    check_not_there(data_dir, text, owner=owner, typos=False)
    existing_ids = (
        {q.id for q in load_questions(data_dir, owner=owner)}
        | {a.id for a in load_questions_to_ask(data_dir)}
        | _ids_in_store(data_dir, owner)
    )
    entry = _own_entry(
        _new_user_id(text, existing_ids),
        text,
        category,
        competencies,
        source,
        roles,
        difficulty,
        talking_points,
        follow_ups,
    )
    question = _question_from_entry(entry, "the new question")
    add_own_question(_users_store(data_dir, create=True, owner=owner), question.to_dict())
    return question


def _own_entry(
    question_id: str,
    text: str,
    category: str,
    competencies: Sequence[str] | None,
    source: str,
    roles: Sequence[str] = ("any",),
    difficulty: str = "medium",
    talking_points: Sequence[str] = (),
    follow_ups: Sequence[str] = (),
) -> dict:
    """An own question's entry, what is not given told from its words (`add_user_question`)."""
    given, given_follow_up = given_points(text, category)
    return {
        "id": question_id,
        "text": text,
        "category": category,
        "competencies": list(competencies or guess_competencies(text, category)),
        "roles": [normalise_role(r) for r in roles],
        "difficulty": difficulty,
        "format": (story := guess_format(text, category)),
        "target_s": own_target_s(story),
        "talking_points": list(talking_points) or list(given),
        "follow_ups": list(follow_ups) or [given_follow_up],
        "source": source,
    }


# The id of a question a real interview asked that is none of the banks' or yours, until answering
# it keeps it among yours (`as_asked`); kept questions' ids start with "user-".
NOT_KEPT_YET = "asked-"


def as_asked(text: str) -> Question:
    """A question a real interview asked that matches none of the banks' or yours (a debrief's list
    of what they asked), as keeping it (`keep_question`, from a real interview) makes it, not kept
    yet: its kind, skills, talking points and follow-up told from its words. The mock interview asks
    it; answering it keeps it (`not_kept_yet` tells it apart), as Practice keeps it when chosen."""
    text = _as_kept(text)
    slug = _new_user_id(text, set()).removeprefix("user-")
    entry = _own_entry(NOT_KEPT_YET + slug, text, guess_category(text), None, "real interview")
    return _question_from_entry(entry, "a question asked at an earlier stage")


def not_kept_yet(question: object) -> bool:
    """Whether `question` is one `as_asked` made, asked but not yet among your questions."""
    return isinstance(question, Question) and question.id.startswith(NOT_KEPT_YET)


def as_added(question: Question) -> bool:
    """Whether an own question is as `add_user_question` made it from its words alone: the talking
    points and follow-up its words and kind are given (`given_points`), medium difficulty. One the
    user has since given points, a follow-up or a difficulty of their own is theirs to delete, not
    the coach's."""
    points, follow_up = given_points(question.text, question.category)
    return (
        question.difficulty == "medium"
        and tuple(question.talking_points) == points
        and tuple(question.follow_ups) == (follow_up,)
    )


def keep_question(
    data_dir: Path,
    text: str,
    category: str | None = None,
    competencies: Sequence[str] | None = None,
    source: str = "user",
    *,
    owner: str = "",
    points_typed_too: bool = True,
) -> tuple[Question, bool]:
    """The one way an asked or typed question joins the bank: the question already there (the
    same words, or a shorter way of saying it: coach.question_match.same_question), or a new
    own question, so a question's answers are not split between two copies of it. Returns it and
    whether it was added (`points_typed_too` as for add_user_question)."""
    there = same_question(text, load_questions(data_dir, owner=owner))
    if there is not None:
        return there, False
    return add_user_question(
        data_dir,
        text,
        category=category,
        competencies=competencies,
        source=source,
        owner=owner,
        points_typed_too=points_typed_too,
    ), True


def edit_user_question(
    data_dir: Path, question_id: str, *, owner: str = "", typed: bool = False, **changes
) -> Question:
    """Change one of your own questions; the result is checked like any bank entry first.
    `competencies` given empty are told from its words, as `add_user_question` tells them; its
    `category` and `competencies` as they were told for its old words are told again from its new
    words (`category_chosen`, `competencies_chosen`): the page's boxes start filled with them.
    `typed`: each change was typed on purpose (a command's options), so kept as given even when it
    equals what the coach told."""
    from coach.store.own_questions import edit_own_question

    current = next((q for q in _own_questions(data_dir, owner) if q.id == question_id), None)
    if current is None:
        shipped = any(q.id == question_id for q in _load_all(data_dir).questions)
        raise InputError(
            f"'{question_id}' is a question of the shipped banks, which stay as they are; add your own "
            "version with `coach add-question`."
            if shipped
            else f"You have no question with id '{question_id}'; list yours with `coach questions`."
        )
    for name in ("talking_points", "follow_ups"):
        if name in changes:
            changes[name] = _all_kept(changes[name])
    if "text" in changes:
        changes["text"] = _as_kept(str(changes["text"]))
        if not changes["text"]:
            raise InputError(
                "The question's new words are empty; type the question after --text, or leave --text "
                "out to keep its words.",
                in_app="The question's box is empty; type the question, or leave its words as they were.",
            )
        if not is_a_question(changes["text"]):
            raise InputError(NOT_A_QUESTION)
        # as long as a new one may be, or as the one kept (heard in a real interview) already is:
        # `coach edit-question --text` kept 2,000 characters the add refuses
        check_length(changes["text"], max(QUESTION_CHARS, len(current.text)))
        if normalise(changes["text"]) != normalise(current.text):
            check_not_there(data_dir, changes["text"], owner=owner, leaving_out=question_id)
    check_points(changes.get("talking_points") or (), changes.get("follow_ups") or ())
    if "category" in changes or "text" in changes:
        # the kind it was told (the box starts filled with it): told from its words as they now are,
        # as when added with none, before what its words and kind give below is told from it
        chosen_kind = (
            changes["category"]
            if typed and "category" in changes
            else category_chosen(changes.get("category", current.category), current)
        )
        changes["category"] = chosen_kind or guess_category(changes.get("text", current.text))
    given, given_follow_up = given_points(
        changes.get("text", current.text), changes.get("category", current.category)
    )
    if "talking_points" in changes or "text" in changes or "category" in changes:
        # none typed (the box left empty, or holding what it was given): given what its words and
        # kind now give, as when added; a weakness question reworded kept the weakness points
        written = (
            tuple(changes["talking_points"])
            if typed and "talking_points" in changes
            else points_typed(changes.get("talking_points", current.talking_points))
        )
        changes["talking_points"] = list(written or given)
    if "follow_ups" in changes or "text" in changes or "category" in changes:
        # its follow-up likewise, unless one was written for it: the weakness question's "How would
        # your colleagues describe it?" was asked after "Tell me about a time you missed a deadline."
        changes["follow_ups"] = list(
            follow_up_typed(changes.get("follow_ups", current.follow_ups)) or (given_follow_up,)
        )
    if "competencies" in changes or "text" in changes or "category" in changes:
        # every one taken off, or those it was told (the box starts filled with them): told from its
        # words and kind as they now are, as when it was added with none; a question about choosing
        # between projects reworded into one about a weakness kept "decision making, prioritisation"
        chosen = (
            tuple(changes["competencies"])
            if typed and "competencies" in changes
            else competencies_chosen(changes.get("competencies", current.competencies), current)
        )
        changes["competencies"] = list(chosen) or guess_competencies(
            changes.get("text", current.text), changes.get("category", current.category)
        )
    changed = {**current.to_dict(), **changes}
    # its format as it is loaded (`_kind_defaults`): from its kind and words
    changed["format"] = guess_format(str(changed["text"]), changed["category"])
    if "text" in changes or "category" in changes:
        # its length follows its words as its format does: "Strengths?" edited into "Tell me about a
        # time you missed a deadline." kept its minute and a half, where the same words added get two
        changes["target_s"] = changed["target_s"] = own_target_s(changed["format"])
    question = _question_from_entry(changed, f"your question '{question_id}'")
    edit_own_question(
        _users_store(data_dir, create=True, owner=owner),
        question_id,
        **{k: getattr(question, k) for k in changes},
    )
    return question


def answers_stay(answers: int, whose: str = "its") -> str:
    """What happens to the answers of one of your questions deleted without filing them elsewhere,
    as the Questions page and `coach delete-question` say it, before and after: "its answer stays",
    "whose 2 answers stay"."""
    return f"{whose} answer stays" if answers == 1 else f"{whose} {count(answers, 'answer')} stay"


def delete_user_question(
    data_dir: Path,
    question_id: str,
    answers_to: str | None = None,
    *,
    owner: str = "",
    agreed: Callable[[Question], None] | None = None,
) -> int:
    """Remove one of your own questions. Its answers keep its words in their history, or with
    `answers_to` (a question id) are filed under that question instead; returns how many moved.
    `agreed(question)` is asked once the ids are known good, before anything goes (it raises to
    stop: `coach delete-question` asking the user)."""
    from coach.store.own_questions import delete_own_question

    mine = next((q for q in _own_questions(data_dir, owner) if q.id == question_id), None)
    if mine is None and any(q.id == question_id for q in _load_all(data_dir).questions):
        # it read "You have no question with id 'beh-lead-01'", of a question `coach questions` lists
        raise InputError(
            f"'{question_id}' is a question of the shipped banks, which stay as they are; only your own "
            "questions (their ids start with user-) can be deleted."
        )
    target = None
    if answers_to is not None:
        others = (q for q in load_questions(data_dir, owner=owner) if q.id != question_id)
        target = next((q for q in others if q.id == answers_to), None)
        if target is None:  # a page offers only questions there are, unless one went in the meantime
            raise InputError(
                f"There is no other question with id '{answers_to}' to file the answers under; "
                "`coach questions` lists the ids (--search WORDS finds one by its words).",
                in_app="The question chosen to file the answers under is no longer there; choose another, "
                "or keep them under this question's words.",
            )
    if agreed is not None and mine is not None:  # not yours: the store says so in one sentence
        agreed(mine)
    return delete_own_question(
        _users_store(data_dir, create=True, owner=owner),
        question_id,
        answers_to=target.id if target else None,
        answers_to_text=target.text if target else "",
    )


def check_own_question(entry: dict, where: str) -> Question:
    """An own question (a bank entry) checked like a shipped one; InputError names `where`."""
    return _question_from_entry(dict(entry), where)


# How much of a question's first words its id keeps: the store keeps an id up to 200 characters,
# and a question of one long word (a pasted link, a run of letters) is no id the user should hear of.
ID_SLUG_CHARS = 60


def _ids_in_store(data_dir: Path, owner: str = "") -> set[str]:
    """Every question id the database still files something under (`question_ids_in_use`): a
    deleted question's answers keep its id and words, so a new question given that id would take
    them over in Progress and history."""
    from coach.store.own_questions import question_ids_in_use

    store = _users_store(data_dir, create=False, owner=owner)
    return set() if store is None else question_ids_in_use(store)


def _as_kept(typed: str) -> str:
    """An own question's words as typed, on one line without escape codes or control characters
    (coach.store.rows.typed_text): its id is made of them."""
    from coach.store.rows import typed_text

    return " ".join(typed_text(typed).split())


def _all_kept(typed: Sequence[str]) -> tuple[str, ...]:
    """Talking points or follow-ups as typed, each as `_as_kept`."""
    return tuple(_as_kept(t) if isinstance(t, str) else t for t in typed)


def _new_user_id(text: str, taken: set[str]) -> str:
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower())[:5])
    slug = slug[:ID_SLUG_CHARS].strip("-") or "question"
    number = 1
    while f"user-{slug}-{number}" in taken:
        number += 1
    return f"user-{slug}-{number}"
