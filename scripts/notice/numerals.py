"""Roman numerals, as notices number their points and lists ("iv.", "XII"): a numeral in, its
value out, and back. Used by the extractor (is "iv." the item after "iii."?) and by the site (which
``<ol type="i">`` shows a list's marks)."""

from __future__ import annotations

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(numeral: str) -> int | None:
    """A Roman numeral in either case ("xiv") -> its value (14); None when it is not one written
    the usual way ("iiii", "vx")."""
    if not set(numeral.lower()) <= set(ROMAN):
        return None
    values = [ROMAN[c] for c in numeral.lower()]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if total > 0 and roman_numeral(total) == numeral.lower() else None


def roman_numeral(value: int) -> str:
    """A positive number -> its lower-case Roman numeral."""
    out = ""
    for step, text in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= step:
            out, value = out + text, value - step
    return out
