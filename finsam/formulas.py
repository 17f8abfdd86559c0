"""User text in spreadsheets and CSV files must stay text (formula or CSV injection).

A spreadsheet program reads a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
return before one) as a formula, so a förbund's or a participant's code such as
`=HYPERLINK("http://…")` would become a live link or a call. Workbooks store such text as a string
cell (`finsam.excel`); CSV files prefix it with an apostrophe, as OWASP recommends, which Excel and
LibreOffice show as text and drop from the cell's value.
"""

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(text: str) -> bool:
    return text.startswith(TRIGGERS)


def csv_text(value):
    """A CSV cell's value: text that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and starts_like_formula(value):
        return "'" + value
    return value


def from_csv_text(text: str) -> str:
    """Undo `csv_text` for a file read back in: the apostrophe before a formula character goes."""
    if text.startswith("'") and starts_like_formula(text[1:]):
        return text[1:]
    return text
