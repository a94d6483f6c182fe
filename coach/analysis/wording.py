"""How numbers read in feedback: "1 pause", "3 pauses", never "pause(s)"; times as 1:05."""

import math
import re

from coach.types import OFF_QUESTION_WORDS


def count(n: int, noun: str) -> str:
    """ "1 filler", "2,862 fillers": thousands separated as every count is (`times`)."""
    return f"{n} {noun}" if n == 1 else f"{times(n)} {noun}s"


# What the filler counts hold that was not said as a filler: named beside the fillers, never quoted
NOT_WORDS = frozenset({"repeated words", "broken-off words"})


def counted_apart(counts) -> str:
    """ "5 fillers, 2 repeated words and 1 broken-off word": the fillers as the headline and the
    transcript count them, repeated and broken-off words named beside them, never quoted as if said
    (the feedback's point and the fillers' score alike)."""
    said = sum(n for word, n in counts.items() if word not in NOT_WORDS)
    parts = [count(said, "filler")] if said else []
    for name in sorted(NOT_WORDS, reverse=True):  # "repeated words", then "broken-off words"
        if counts.get(name):
            parts.append(count(counts[name], name.removesuffix("s")))
    if not parts:
        return count(0, "filler")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def times(n: int) -> str:
    """A count as it is printed, "2,862": "2862 fillers" stood beside "20,000 words"."""
    return f"{n:,}"


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'; 'a, b, and c and d' when one of them has an "and" of its own
    (outside quotes and brackets), two as well: "communication, self awareness and failure and
    learning" read as four skills, "self awareness and failure and learning" as three."""
    if len(items) == 1:
        return items[0]
    own_and = any(" and " in re.sub(r"“[^”]*”|\([^)]*\)", "", item) for item in items)
    return ", ".join(items[:-1]) + (", and " if own_and else " and ") + items[-1]


def whole_percents(amounts: dict[str, float], whole: int = 100) -> dict[str, int]:
    """Each part's share of the whole as a whole percent, the percents summing to `whole` (100; less
    when another part's percent is said already) by the largest remainder method: each rounded
    down, then the points left over go to the largest fractions, the first listed on a tie. Each
    rounded alone, STAR's "situation 15%, task 22%, action 41%, result 21%" summed to 99. All zero
    stays all zero."""
    total = sum(amounts.values())
    if total <= 0:
        return dict.fromkeys(amounts, 0)
    exact = {part: whole * amount / total for part, amount in amounts.items()}
    percents = {part: int(value) for part, value in exact.items()}
    left = whole - sum(percents.values())
    by_remainder = sorted(exact, key=lambda part: exact[part] - percents[part], reverse=True)
    for part in by_remainder[:left]:
        percents[part] += 1
    return percents


def star_percents(star: dict) -> dict[str, int]:
    """Each STAR part's share of the answer as the whole percent every line says it (the sentence
    under the timeline, the feedback's point and the structure score): from the words counted in each
    part when the analysis has them (its shares are rounded to 0.001), summing to 100. Each said its
    own rounding: "The situation takes 50% of the answer" above "Share of words: situation 49%"."""
    counted = all(isinstance(info.get("words"), int) for info in star.values())
    amounts = {part: info["words"] if counted else info.get("share", 0) for part, info in star.items()}
    return whole_percents(amounts)


def over_percent(percent: int, limit_share: float) -> bool:
    """Whether a whole percent as said is over a limit kept as a share (0.4): "40% (over 40%)" was
    said of a share of 0.404."""
    return percent > round(limit_share * 100, 6)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def whole_seconds(seconds: float) -> int:
    """The whole seconds a recording lasts, as a recorder's clock counts them: 15.84 s is 15. The
    browser's recorder and the answer clock stop at 0:15 on such a take; rounded to 0:16, the page's
    Length said a second more than both (a hair under a whole second, 15.9999999, counts as 16)."""
    return math.floor(seconds + 1e-6)


def length_clock(seconds: float | None, unknown: str = "—") -> str:
    """A recording's length as its recorder's clock read when it stopped: 0:15 for 15.84 s (`clock`
    of its `whole_seconds`); `unknown` for None."""
    return unknown if seconds is None else clock(whole_seconds(seconds))


def clock(seconds: float | None, unknown: str = "—") -> str:
    """1:05 for 65 s, 1:02:05 past an hour; `unknown` for None."""
    if seconds is None:
        return unknown
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


# What lists say of an answer left unscored for not answering its question (quality.off_topic_problem)
# where another says "could not be measured".
NOT_SCORED_OFF_QUESTION = "not scored: it did not answer the question"


def unscored_as(off_question: bool) -> str:
    """What an answer without a score is called before its reason: "not scored" for one off its
    question (it was measured; "not measured" read as a fault of the sound), else "not measured"."""
    return "not scored" if off_question else "not measured"


def off_the_question(analysis: dict | None) -> bool:
    """Whether an answer was left unscored for not answering its question: it was measured, so
    "could not be measured" (too little said, speech lost, distorted audio) would read as a
    microphone problem."""
    analysis = analysis or {}
    return analysis.get("scores") is None and any(
        OFF_QUESTION_WORDS in w for w in analysis.get("warnings") or []
    )
