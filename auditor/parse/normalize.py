"""Small normalisers shared by the parsers: dates, pages, titles, whitespace."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_YEAR_RE = re.compile(r"(?<![\d/.\-])(1[5-9]\d{2}|20\d{2})(?![\d])")
_ACCESSED_RE = re.compile(
    r"\(?\b(?:accessed|retrieved|cited|viewed|last accessed)(?:\s+on)?\s*:?\s*"
    r"(?P<date>[^).;]*?\d{4}|\d{4}[^).;]*)\s*\)?\.?",
    re.IGNORECASE,
)

# Inline typesetting tags that survive in pasted JATS or word-processor text: they mark a title
# or journal in italics and are never part of a field's value.
_MARKUP_RE = re.compile(r"</?(?:italic|i|b|bold|em|strong|sup|sub|sc|u|cite|span)\b[^<>]{0,80}>",
                        re.IGNORECASE)


def strip_markup(text: str) -> str:
    return _MARKUP_RE.sub("", text) if "<" in text else text


def year_of(text: str) -> int | None:
    """The first plausible publication year in ``text`` (1500-2099), or None."""
    m = _YEAR_RE.search(text)
    return int(m.group(1)) if m else None


def date_parts(text: str) -> list[int] | None:
    """``2024 Jan 29``, ``June 6, 2024``, ``10 August 2024``, ``2024-01-29`` → ``[y, m, d]``."""
    iso = re.search(r"(?<!\d)(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?!\d)", text)
    if iso and 1 <= int(iso.group(2)) <= 12:
        return [int(g) for g in iso.groups() if g]
    year = year_of(text)
    if year is None:
        return None
    parts = [year]
    month = next(
        (MONTHS[w.lower().rstrip(".")] for w in re.findall(r"[A-Za-z]+\.?", text)
         if w.lower().rstrip(".") in MONTHS),
        None,
    )
    if month:
        parts.append(month)
        day = re.search(r"(?<!\d)([0-3]?\d)(?!\d)", _YEAR_RE.sub("", text))
        if day and 1 <= int(day.group(1)) <= 31:
            parts.append(int(day.group(1)))
    return parts


def find_accessed(text: str) -> tuple[dict[str, Any] | None, str]:
    """Pull an access date out of ``text``; return it (CSL date) and the text without it."""
    m = _ACCESSED_RE.search(text)
    if not m:
        return None, text
    parts = date_parts(m.group("date"))
    if not parts:
        return None, text
    return {"date-parts": [parts]}, (text[: m.start()] + text[m.end() :]).strip()


_DASHES = re.compile(r"(?<!\s)\s*[‐‑‒–—−-]+\s*")
# "pp. 3-9", "p 12", "pages 725-732", German "S. 12-15"; S1-S10 (a supplement) stays.
_PP = re.compile(r"^(?:pp?|pages?|pgs?|s)(?:[.:]\s*|\s+)", re.IGNORECASE)


def normalize_pages(pages: str) -> str:
    """En-dash and hyphen variants to ``-``; ``e852–e857`` and article numbers kept as is."""
    return _PP.sub("", _DASHES.sub("-", pages.strip().rstrip(".,;")))


def clean(text: str) -> str:
    """Collapse whitespace and trim separators left around a field."""
    text = " ".join(text.split())
    return text.strip(" ,;:").rstrip(".").strip(" ,;:\"“”'")


_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


# Letters that carry their mark in their shape, so that no decomposition takes it off, as
# their languages' names are written without it: "AYDIN" is "Aydın" in capitals (Turkish
# dotless i), "Lukasz" is "Łukasz", "Soren" is "Søren", "Dordevic" is "Đorđević".
_SHAPED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"})


def strip_marks(text: str) -> str:
    """``text`` without accents or other combining marks, in any script (Cyrillic, CJK...
    stay letters, unlike :func:`fold`, which keeps ASCII only)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SHAPED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Accent-, case- and punctuation-free form for comparing titles and names (hot path:
    plain ASCII skips Unicode decomposition)."""
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_SHAPED)))
    return _NON_WORD.sub(" ", text.lower()).strip()
