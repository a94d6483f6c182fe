"""How numbers read in feedback: "1 pause", "3 pauses", never "pause(s)"; times as 1:05."""


def count(n: int, noun: str) -> str:
    """ "1 filler", "2,862 fillers": thousands separated as every count is (`times`)."""
    return f"{n} {noun}" if n == 1 else f"{times(n)} {noun}s"


def times(n: int) -> str:
    """A count as it is printed, "2,862": "2862 fillers" stood beside "20,000 words"."""
    return f"{n:,}"


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def clock(seconds: float | None, unknown: str = "—") -> str:
    """1:05 for 65 s, 1:02:05 past an hour; `unknown` for None."""
    if seconds is None:
        return unknown
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"
