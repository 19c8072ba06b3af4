"""Markdown through markdown-it-py: headings, list items and paragraphs as blocks, links kept.

Each source line stays one line of the document (so spans point into the file), with its
inline markup rendered: ``[text](href)`` becomes ``text (href)``, emphasis and heading marks
go, an ordered item keeps its printed number. markdown-it's link grammar keeps a URL with
parentheses whole (``.../S2215-0366(20)30001-1``).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from auditor.models import Block, Document
from auditor.readers.text import normalize_newlines

# A Markdown link or two headings make a .txt file Markdown (CONTRACTS.md). Bounded and free
# of nested quantifiers: 100,000 "[" are scanned in linear time.
_LINK = re.compile(r"\[[^\[\]\n]{1,500}\]\((?:https?://|www\.|/|#|mailto:)[^\s()]{0,2000}")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)
_PARSER = MarkdownIt("commonmark").enable("table")


def looks_like_markdown(value: str) -> bool:
    return bool(_LINK.search(value)) or len(_HEADING.findall(value)) >= 2


def _render(children: list[Token]) -> tuple[list[str], list[tuple[str, str, int]]]:
    """An inline token's text split at its line breaks, and its links with their line."""
    lines = [""]
    links: list[tuple[str, str, int]] = []
    href: str | None = None
    link_text = ""
    for child in children:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            lines.append("")
        elif kind in ("text", "code_inline"):
            lines[-1] += child.content
            if href is not None:
                link_text += child.content
        elif kind == "image":
            lines[-1] += child.content
        elif kind == "link_open":
            href, link_text = str(child.attrs.get("href", "")), ""
        elif kind == "link_close" and href is not None:
            links.append((link_text, href, len(lines) - 1))
            if href and href != link_text and f"mailto:{link_text}" != href:
                lines[-1] += f" ({href})"
            href = None
    return lines, links


def _marker(tokens: list[Token], at: int) -> str:
    token = tokens[at]
    return f"{token.info}{token.markup}" if token.info else token.markup


def read(value: str, source: str) -> Document:
    source_lines = normalize_newlines(value).split("\n")
    lines = list(source_lines)
    blocks: list[Block] = []
    links: list[tuple[str, str, int]] = []
    tokens = _PARSER.parse("\n".join(source_lines))
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
            rendered, found = _render(token.children or [])
            if len(rendered) != end - start:
                continue  # lazy continuations or tables: keep the source lines as they are
            for offset, text in enumerate(rendered):
                number = start + offset
                indent = len(source_lines[number]) - len(source_lines[number].lstrip())
                prefix = ""
                if offset == 0 and pending_marker and pending_marker[:1].isdigit():
                    prefix = pending_marker + " "
                lines[number] = " " * indent + prefix + text.strip()
            pending_marker = None
            links.extend((text, href, start + line + 1) for text, href, line in found)
    return Document(source=source, reader="markdown", lines=tuple(lines),
                    blocks=tuple(blocks), links=tuple(links))
