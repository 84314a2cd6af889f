"""Reading a written workbook as a spreadsheet program shows it."""

import re

_OOXML_ESCAPE = re.compile("_[xX]([0-9A-Fa-f]{4})_")


def as_excel_shows(text):
    """OOXML text reads "_xHHHH_" as the character U+HHHH (ECMA-376 Part 1, 22.9.2.19),
    which openpyxl does not do for cells. Decoded here whatever the case of the x, to be
    sure of any spreadsheet program."""
    if not isinstance(text, str):
        return text
    return _OOXML_ESCAPE.sub(lambda match: chr(int(match[1], 16)), text)
