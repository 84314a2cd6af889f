"""Cells a spreadsheet would run as a formula, and how an export keeps them text.

A text cell that begins with =, +, - or @ (or a tab or carriage return, which some
programs skip before reading the rest) gets a leading apostrophe, so an exported
name like "=HYPERLINK(...)" is shown, never run.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DANGEROUS_FIRST = frozenset(FORMULA_STARTS)
# The same characters as a regular expression class, for writers that neutralise a whole
# batch of written text at once.
FORMULA_START_CLASS = "[" + "".join(re.escape(start) for start in FORMULA_STARTS) + "]"


def neutralise(value: str) -> str:
    """'=1+1' -> "'=1+1": a spreadsheet shows it as text and never runs it."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
