"""Scores 0–100 per dimension, each with the measured numbers and the threshold behind it.

A score is None when the input cannot support it (no timings for delivery, no words at all);
the overall score averages the dimensions that have one.
"""

from __future__ import annotations

from coach.analysis.wording import clock, count, counted_apart, over_percent, star_percents, whole_seconds
from coach.config import Thresholds

# Where a score's yardstick comes from; the page shows it behind a "why?" mark, not in the sentence.
PACE_SOURCE = "The pace band: conversational pace (Street & Brady 1982); meeting tools use 130–175 wpm."
FILLER_SOURCE = "Ordinary conversation has about 6 fillers per 100 words (Bortfeld et al. 2001)."


def _clamp(value: float) -> int:
    return int(round(max(0.0, min(100.0, value))))


def delivery_score(metrics: dict, t: Thresholds) -> dict:
    wpm = metrics["wpm"]
    if wpm is None:
        return {
            "score": None,
            "because": "No word timings (typed text), so pace and pauses are not measured.",
        }
    if t.pace_low_wpm <= wpm <= t.pace_high_wpm:
        pace = 100.0
        pace_note = f"{wpm:.0f} wpm is inside the {t.pace_low_wpm:.0f}–{t.pace_high_wpm:.0f} band"
    else:
        edge = t.pace_low_wpm if wpm < t.pace_low_wpm else t.pace_high_wpm
        # Lose 2 points a wpm outside the band: 25 wpm past the edge halves the pace part.
        pace = 100.0 - 2.0 * abs(wpm - edge)
        pace_note = f"{wpm:.0f} wpm is outside the {t.pace_low_wpm:.0f}–{t.pace_high_wpm:.0f} band"
    pauses = metrics["pauses"] or {}
    long_mid = pauses.get("long_mid_clause", 0)
    pause_part = 100.0 - 15.0 * long_mid - 5.0 * ((metrics["long_pauses"] or 0) - long_mid)
    score = 0.6 * max(0.0, pace) + 0.4 * max(0.0, pause_part)
    n_long = metrics["long_pauses"] or 0
    long_pauses = (
        f"{count(n_long, 'pause')} of {t.long_pause_s:g} s or more, {long_mid} of them inside a clause"
        if n_long
        else f"no pause of {t.long_pause_s:g} s or more"
    )
    because = f"{pace_note}; {long_pauses} (natural pauses ≈ {t.natural_pause_s:g} s at sentence ends)"
    return {"score": _clamp(score), "because": because, "source": PACE_SOURCE}


def _rate(per_100: float) -> str:
    """'0', '2.5', '17.9': a rate per 100 words to one decimal, and none as plain 0, not 0.0."""
    return "0" if round(per_100, 1) == 0 else f"{per_100:.1f}"


def filler_score(metrics: dict, counts: dict[str, int], t: Thresholds) -> dict:
    if not metrics["words"]:
        return {"score": None, "because": "No words to count fillers in."}
    rate = metrics["fillers_per_100_words"]
    # 0 fillers → 100; the conversational norm (6 per 100) → 50; twice the norm → 0.
    score = 100.0 - 50.0 * rate / t.fillers_per_100_words_typical
    return {
        "score": _clamp(score),
        "because": (
            # as the headline counts fillers: "6 fillers in 88 words" stood under "Fillers 5"
            f"{counted_apart(counts)} in {count(metrics['words'], 'word')} = {_rate(rate)} per 100 words; "
            f"ordinary conversation has about {t.fillers_per_100_words_typical:.0f} per 100, which scores 50"
        ),
        "source": FILLER_SOURCE,
    }


# A story or point told in a fraction of the time its question needs cannot hold it: a recorded
# answer to a question of known length (a bank question's "about 2:00"), or to no question (taken as
# a story of the usual 60–120 s, which its feedback names), shorter than the shortest full answer
# (half the question's time, or 60 s) keeps the share it took of its structure points (a story), or
# of its content points (an answer asking for no story, which has no structure score). A 12 s story
# with every part named in a sentence scored 90 of 100 while its first feedback point said it was
# too short to tell; an 18 s one to no question scored 95 beside "under the 60 s".
def fullness(metrics: dict) -> dict | None:
    """A recorded answer's time against the shortest full answer when it is short of it: {"share":
    0–1, "took_s", "min_s", "target_s"}; None for one long enough, to a question with no length of its own (a
    real interviewer's follow-up: `length.judges_short`), or typed (no time of its own: its length
    is judged as the feedback judges it, by its words)."""
    length, took = metrics.get("length") or {}, metrics.get("duration_s")
    judged = length.get("judges_short", bool(length.get("target_s")))
    if not judged or not metrics.get("words") or took is None or took >= length["min_s"]:
        return None
    return {
        "share": round(took / length["min_s"], 2),
        "took_s": took,
        "min_s": length["min_s"],
        "target_s": length.get("target_s"),
    }


def _shortened(score: float, notes: list[str], short: dict | None) -> float:
    """The score scaled by the share of a full answer's time the answer took, said in its notes."""
    if short is None:
        return score
    # a question of its own length: its feedback says "a full answer runs about 2:00", so the
    # shortest full answer is said as the half of that it is, not as a second "full answer" of 60 s
    target = short.get("target_s")
    # in words read at once: "14 s, under 45 s, half the 1:30 a full answer runs: 31% of these points"
    # left the reader to work out what the 45 s and the 31% were
    if target:
        needs = f"under half the {clock(target)} a full answer runs ({short['min_s']:.0f} s)"
    else:
        needs = f"under the {short['min_s']:.0f} s a full answer needs"
    took = whole_seconds(short["took_s"])  # as its Length says it: 0:15 for 15.84 s
    notes.append(f"only {took} s long, {needs}, so {short['share']:.0%} of these points count")
    return score * short["share"]


def structure_score(star: dict, n_sentences: int, t: Thresholds, short: dict | None = None) -> dict:
    if not n_sentences:
        return {"score": None, "because": "No sentences to label."}
    weights = {"situation": 15, "task": 15, "action": 35, "result": 35}
    present = [p for p in weights if star[p]["words"] > 0]
    score = float(sum(weights[p] for p in present))
    # each part heard earns its points; the missing ones say what they would have added
    heard = " + ".join(str(weights[p]) for p in present)
    notes = [f"heard: {', '.join(present)} ({heard} points)" if present else "no STAR part heard"]
    missing = [p for p in weights if p not in present]
    if missing:
        notes.append("not heard: " + ", ".join(f"{p} (worth {weights[p]})" for p in missing))
    situation = star_percents(star)["situation"]
    if over_percent(situation, t.situation_max_share):
        score -= 20
        notes.append(
            f"situation is {situation}% of the words, over the {t.situation_max_share:.0%} limit (−20)"
        )
    return {"score": _clamp(_shortened(score, notes, short)), "because": "; ".join(notes)}


# A question that asks for no story ("Why this team?", "Design a URL shortener.") is not scored on
# situation, task, action and result: null, as a score the input cannot support, and so left out of
# the overall score; `applies` tells it from one that could not be measured.
NOT_A_STORY = "Not scored: the question asks for no story told as situation, task, action and result."


def structure_not_asked() -> dict:
    return {"score": None, "applies": False, "because": NOT_A_STORY}


# An answer to a question asking for no story is judged on what fits it: the talking points, how
# specific it is and how plainly it is said; a story's quantified result and 'I' in its actions
# are a story's evidence ("Why this team?" lost 40 of its 100 content points for giving no outcome
# number). Specifics take the quantified results' and the actions' share (0.4 + 0.3 of what is not
# talking points) less what plain statement keeps (0.3 → 0.4): a hedge-free answer naming nothing
# keeps the 0.4 of 0.7 it scored when 'I' was counted on no action sentence (the usual for a free
# answer), and 2 specifics earn full marks, as 2 quantified results do in a story.
SPECIFICS_FULL_MARKS = 2
FREE_ANSWER_SPECIFICS_SHARE = 0.6


def content_score(
    relevance: dict | None,
    quantified: int,
    i_share: float | None,
    hedge_rate: float,
    t: Thresholds,
    n_words: int,
    *,
    story: bool = True,
    specifics: int = 0,
    short: dict | None = None,
    unchecked: str = "no talking points to check",
    action_sentences: int = 0,
) -> dict:
    """Talking points heard (half the score when there are any), then for a story its quantified
    results and 'I' in its actions, for another answer its specifics (`story` False), and hedges.
    `unchecked`: why there are no talking points to check, said first when there are none.
    `action_sentences`: how many sentences tell the actions; when there are some and none has 'I'
    or 'we' doing it (`i_share` None), the actions are told of others and 'I' earns nothing, as
    actions told as 'we' only do (they earned full marks: "the team lead asked for a fix, a nightly
    script rebuilt everything" scored content 100)."""
    if not n_words:
        return {"score": None, "because": "No words to judge the content of."}
    notes, score = [], 0.0
    if relevance and relevance.get("coverage") is not None:
        score += 50.0 * relevance["coverage"]
        notes.append(
            f"{relevance['covered']} of {relevance['total']} talking points heard "
            f"({50.0 * relevance['coverage']:.0f} of 50 points)"
        )
        base = 50.0
    else:
        base = 100.0
        notes.append(unchecked)
    plain = (
        1.0
        if hedge_rate <= t.hedges_per_100_words_max
        else max(0.0, 1 - (hedge_rate - t.hedges_per_100_words_max) / t.hedges_per_100_words_max)
    )

    # each part with the points it gave of those it can give, as the talking points' are: "12 of 50
    # points" beside parts without theirs could not be added up to the score shown
    def hedged(most: float) -> str:
        rule = f"above {t.hedges_per_100_words_max:.0f} costs marks"
        return f"{_rate(hedge_rate)} hedges per 100 words ({_points(most * plain, most)}; {rule})"

    if not story:
        share = FREE_ANSWER_SPECIFICS_SHARE
        named = base * share * min(specifics, SPECIFICS_FULL_MARKS) / SPECIFICS_FULL_MARKS
        score += named + base * (1 - share) * plain
        notes.append(
            f"{count(specifics, 'specific')} named: numbers, names, examples "
            f"({_points(named, base * share)}; {SPECIFICS_FULL_MARKS} earn full marks); "
            f"{hedged(base * (1 - share))}"
        )
        return {"score": _clamp(_shortened(score, notes, short)), "because": "; ".join(notes)}
    results = base * 0.4 * (min(quantified, 2) / 2)
    told_of_others = i_share is None and action_sentences > 0
    if told_of_others:
        own_part = 0.0
    elif i_share is None or i_share >= t.action_i_min_share:
        own_part = 1.0
    else:
        own_part = i_share / t.action_i_min_share
    mine = base * 0.3 * own_part
    score += results + mine + base * 0.3 * plain
    notes.append(
        f"{count(quantified, 'quantified result')} ({_points(results, base * 0.4)}; 2 earn full marks); "
        + (
            f"no action told with 'I' or 'we' doing it ({_points(mine, base * 0.3)}; "
            f"aim for 'I' in {t.action_i_min_share:.0%} or more)"
            if told_of_others
            else f"no sentence about what was done to count 'I' in ({_points(mine, base * 0.3)})"
            if i_share is None
            else f"'I' in {i_share:.0%} of action subjects ({_points(mine, base * 0.3)}; "
            f"aim ≥ {t.action_i_min_share:.0%})"
        )
        + f"; {hedged(base * 0.3)}"
    )
    return {"score": _clamp(_shortened(score, notes, short)), "because": "; ".join(notes)}


# Where a question of your own is given talking points, as the content score's note says it. An
# answer is stored with the Questions page's words (a page shows a stored answer as it is, whichever
# way it was taken); a command prints it with its own (`points_added_where`).
POINTS_ADDED_ON_THE_PAGE = "on the Questions page"


def own_question_unchecked(where: str) -> str:
    """Why an answer to a question of your own has no talking points checked, with `where` its
    points are added, in the reader's words ("on the Questions page")."""
    return f"your own question has no talking points to check (add what a strong answer covers {where})"


def points_added_where(analysis: dict, where: str) -> dict:
    """`analysis` (an answer's, as stored or as `coach analyze --json` gives it) with its content
    score's note on a question of your own without talking points saying where they are added in
    the caller's words (`where`: "with `coach edit-question ID --talking-point POINT`"): stored, it
    names the Questions page, which a terminal's reader is not on. Any other analysis comes back
    as it is."""
    scores = analysis.get("scores") or {}
    content = scores.get("content") or {}
    stored = own_question_unchecked(POINTS_ADDED_ON_THE_PAGE)
    because = content.get("because") or ""
    if not because.startswith(stored):
        return analysis
    content = {**content, "because": own_question_unchecked(where) + because[len(stored) :]}
    return {**analysis, "scores": {**scores, "content": content}}


def _points(given: float, most: float) -> str:
    return f"{given:.0f} of {most:.0f} points"


def overall(scores: dict) -> int | None:
    values = [s["score"] for s in scores.values() if isinstance(s, dict) and s.get("score") is not None]
    return int(round(sum(values) / len(values))) if values else None
