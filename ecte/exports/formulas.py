"""Cells a spreadsheet would run as a formula, and how an export keeps them text.

A text cell that begins with =, +, - or @ (or a tab or carriage return, which some
programs skip before reading the rest) gets a leading apostrophe, so an exported
name like "=HYPERLINK(...)" is shown, never run.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DANGEROUS_FIRST = frozenset(FORMULA_STARTS)


def neutralise(value: str) -> str:
    """'=1+1' -> "'=1+1": a spreadsheet shows it as text and never runs it."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
