"""How numbers read in feedback: "1 pause", "3 pauses", never "pause(s)"."""


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
