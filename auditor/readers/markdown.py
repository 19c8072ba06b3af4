"""Markdown through markdown-it-py: headings, list items and paragraphs as blocks, links kept.

Each source line stays one line of the document (so spans point into the file), with its
inline markup rendered: ``[text](href)`` becomes ``text (href)``, emphasis and heading marks
go, an ordered item keeps its printed number. markdown-it's link grammar keeps a URL with
parentheses whole (``.../S2215-0366(20)30001-1``). Footnotes, which CommonMark lacks, are
rendered as a page shows them: "[^1]: Berman RM, ..." is the item "1. Berman RM, ..." and
its call "[^1]" in the text the number "[1]".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.token import Token

from auditor.models import Block, Document
from auditor.readers.text import normalize_newlines

# A Markdown link or two headings make a .txt file Markdown (CONTRACTS.md). Bounded and free
# of nested quantifiers: 100,000 "[" are scanned in linear time.
_LINK = re.compile(r"\[[^\[\]\n]{1,500}\]\((?:https?://|www\.|/|#|mailto:)[^\s()]{0,2000}")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)
_PARSER = MarkdownIt("commonmark").enable("table")
# A footnote's definition ("[^1]: Berman RM, ...", as Pandoc, GitHub and most notes editors
# write a list of notes) and a call to it in the text ("... acts fast.[^1]"). CommonMark
# has neither, so the parser leaves both as text; rendered, a numbered note is an entry
# labelled with its number ("1. Berman RM, ...") and its call a number in brackets ("[1]").
_FOOTNOTE = re.compile(r"\[\^([^\]\s]{1,40})\]:[ \t]*")
_FOOTNOTE_CALL = re.compile(r"\[\^([^\]\s]{1,40})\](?!:)")
_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]{1,40})\]:", re.MULTILINE)


def _named_notes(value: str) -> dict[str, str]:
    """The number each named note ("[^berman]: ...") is shown with: a page numbers a
    document's notes in order, so where every note is named the n-th definition is note n,
    and its calls "[^berman]" read "[n]". Where some keys are numbers, those are the notes'
    numbers and the named ones stay unnumbered."""
    keys = list(dict.fromkeys(_DEFINITION.findall(value)))
    if not keys or any(key.isdigit() for key in keys):
        return {}
    return {key: str(n) for n, key in enumerate(keys, start=1)}


def looks_like_markdown(value: str) -> bool:
    return bool(_LINK.search(value)) or len(_HEADING.findall(value)) >= 2


def _call(named: dict[str, str]) -> Callable[[re.Match[str]], str]:
    """A footnote call as shown: "[^1]" is "[1]", a named one its note's number."""
    def shown(m: re.Match[str]) -> str:
        key = m.group(1)
        number = key if key.isdigit() and len(key) <= 4 else named.get(key)
        return f"[{number}]" if number else m.group(0)
    return shown


def _render(children: list[Token], call: Callable[[re.Match[str]], str]
            ) -> tuple[list[str], list[tuple[str, str, int]], list[int]]:
    """An inline token's text split at its line breaks, its links with their line, and the
    lines that open after a hard break (two spaces or a backslash at the line's end)."""
    lines = [""]
    links: list[tuple[str, str, int]] = []
    hard: list[int] = []
    href: str | None = None
    link_text = ""
    for child in children:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            lines.append("")
            if kind == "hardbreak":
                hard.append(len(lines) - 1)
        elif kind in ("text", "code_inline"):
            content = _FOOTNOTE_CALL.sub(call, child.content) if kind == "text" else \
                child.content
            lines[-1] += content
            if href is not None:
                link_text += content
        elif kind == "image":
            lines[-1] += child.content
        elif kind == "link_open":
            href, link_text = str(child.attrs.get("href", "")), ""
        elif kind == "link_close" and href is not None:
            links.append((link_text, href, len(lines) - 1))
            if href and href != link_text and f"mailto:{link_text}" != href:
                lines[-1] += f" ({href})"
            href = None
    return lines, links, hard


def _marker(tokens: list[Token], at: int) -> str:
    token = tokens[at]
    return f"{token.info}{token.markup}" if token.info else token.markup


def _footnote(text: str, source: str, in_item: bool, named: dict[str, str]
              ) -> tuple[str, str | None]:
    """``text`` (a rendered line; ``source`` as written) with the markup of a footnote's
    definition rendered, and the note's marker ("1." for "[^1]: ...", its number for a named
    note "[^berman]: ...", "-" where it has none), if the line opens one."""
    note = None if in_item or not source.lstrip().startswith("[^") else _FOOTNOTE.match(text)
    if note is None:
        return text, None
    key = note.group(1)
    rest = text[note.end():]
    number = key if key.isdigit() else named.get(key)
    return (f"{number}. {rest}", f"{number}.") if number else (rest, "-")


def read(value: str, source: str) -> Document:
    source_lines = normalize_newlines(value).split("\n")
    lines = list(source_lines)
    blocks: list[Block] = []
    links: list[tuple[str, str, int]] = []
    tokens = _PARSER.parse("\n".join(source_lines))
    named = _named_notes(value)
    call = _call(named)
    item_marker: list[str | None] = []
    pending_marker: str | None = None
    heading_level = 0
    for at, token in enumerate(tokens):
        if token.type == "list_item_open":
            marker = _marker(tokens, at)
            # "1. 17. Ueber den Einfluss ...": an entry whose text opens with a number is an
            # item holding a list of its own on the same line; both numbers are printed.
            pending_marker = f"{pending_marker} {marker}" if pending_marker else marker
            item_marker.append(marker)
            if token.map:
                blocks.append(Block("item", token.map[0], token.map[1], marker=pending_marker))
        elif token.type == "list_item_close" and item_marker:
            item_marker.pop()
        elif token.type == "heading_open":
            heading_level = int(token.tag[1:])
            if token.map:
                blocks.append(Block("heading", token.map[0], token.map[1], level=heading_level))
        elif token.type == "paragraph_open" and token.map and not item_marker:
            blocks.append(Block("paragraph", token.map[0], token.map[1]))
        elif token.type == "inline" and token.map:
            start, end = token.map
            rendered, found, hard = _render(token.children or [], call)
            if len(rendered) != end - start:
                continue  # lazy continuations or tables: keep the source lines as they are
            if hard and not item_marker and blocks and blocks[-1].kind == "paragraph" and \
                    blocks[-1].start == start:
                # lines broken by hand are paragraphs of their own: a list set an entry to
                # a line in one paragraph
                cuts = [start, *(start + offset for offset in hard), end]
                blocks[-1:] = [Block("paragraph", a, b) for a, b in pairwise(cuts)]
            notes: list[tuple[int, str]] = []  # footnote definitions: line, marker
            for offset, text in enumerate(rendered):
                number = start + offset
                indent = len(source_lines[number]) - len(source_lines[number].lstrip())
                prefix = ""
                if offset == 0 and pending_marker and pending_marker[:1].isdigit():
                    prefix = pending_marker + " "
                text, note = _footnote(text.strip(), source_lines[number], bool(item_marker),
                                       named)
                if note:
                    notes.append((number, note))
                lines[number] = " " * indent + prefix + text
            pending_marker = None
            # each note runs to the next one or to the paragraph's end
            for k, (number, note) in enumerate(notes):
                stop = notes[k + 1][0] if k + 1 < len(notes) else end
                blocks.append(Block("item", number, stop, marker=note))
            links.extend((text, href, start + line + 1) for text, href, line in found)
    return Document(source=source, reader="markdown", lines=tuple(lines),
                    blocks=tuple(blocks), links=tuple(links))
