"""Join the lines of one record into its text.

A line break inside a reference is a space, except where the break cut a word or an
identifier. A DOI or URL that ends a line and is continued by an identifier-shaped token on
the next is one token (``https://doi.org/10.1016/j.`` + ``annepidem.2010.08.004``), hyphen
and all: a typesetter breaks a link after its own hyphen and adds none
(``www.who.int/news-`` + ``room``). Elsewhere, a hyphen between two lower-case halves is a
soft hyphen from justification (``analy-`` + ``sis``), unless the document prints the
hyphenated form elsewhere, and any other hyphen after a letter is the word's own
(``Bolaños-`` + ``Guzmán``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from auditor.identifiers import DOI_PREFIX

_LINK_RE = re.compile(r"(?:\S*?)(?:https?://|www\.|doi\.org/?|" + DOI_PREFIX + r"|doi:10\.$)",
                      re.IGNORECASE)
_LINK_END_RE = re.compile(r"[/._\-=?&#:]$")
_CONTINUATION_RE = re.compile(r"^[\w./\-()<>;:%?=&#~]+")
_WORD_BEFORE_RE = re.compile(r"(\w+)-$")
_WORD_AFTER_RE = re.compile(r"^(\w+)")
# Only the end of the text joined so far is read: a record's length must not make each join
# slower (a runaway record of 90,000 lines stays linear).
_TAIL = 300


def _link_continues(before: str, after: str) -> bool:
    """Whether ``after`` carries on the DOI or URL that ends ``before``."""
    last = before[-_TAIL:].rsplit(None, 1)[-1]
    if not _LINK_RE.match(last):
        return False
    head = _CONTINUATION_RE.match(after)
    if not head:
        return False
    token = head.group()
    if last.endswith(".") and token[:1].isupper():
        return False  # the link ended a sentence: "https://example.org/a." + "Accessed"
    if _LINK_END_RE.search(last):
        return True
    # A DOI cut after its prefix or mid-suffix: the next token is lower case or digits.
    return "10." in last and not token[:1].isupper() and (
        len(token) >= 3 and any(ch.isdigit() or ch in "./" for ch in token))


def _soft_hyphen(before: str, after: str, hyphenated: frozenset[str]) -> bool:
    word = _WORD_BEFORE_RE.search(before[-_TAIL:])
    rest = _WORD_AFTER_RE.match(after[:_TAIL])
    if not word or not rest or not word.group(1)[-1:].islower() or not after[:1].islower():
        return False
    return f"{word.group(1)}-{rest.group(1)}".lower() not in hyphenated


def hyphenated_words(text: str) -> frozenset[str]:
    """Hyphenated words printed whole on one line somewhere in the document."""
    return frozenset(m.lower() for m in re.findall(r"(?<![\w-])\w+-\w+", text))


def join_lines(lines: Sequence[str], hyphenated: frozenset[str] = frozenset()) -> str:
    """One record's text from its stripped lines."""
    out = ""
    for line in lines:
        if not line:
            continue
        if not out:
            out = line
        elif _link_continues(out, line):
            out += line  # a link's own hyphen too: "www.who.int/news-" + "room/fact-sheets"
        elif out.endswith("-") and _soft_hyphen(out, line, hyphenated):
            out = out[:-1] + line
        elif out.endswith("-") and out[-2:-1].isalpha():
            out += line  # a hyphen of the word itself: "Bolaños-" + "Guzmán"
        else:
            out += " " + line
    return out
