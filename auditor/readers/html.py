"""HTML through lxml: the visible text as lines, in blocks the way the page lays it out.

Navigation, headers, footers, asides, scripts, styles, forms and hidden elements are dropped.
Every heading, list item, paragraph, table row and division starts a block of its own, and
``<br>`` a line (in a paragraph, a paragraph of its own); a list item in an ``<ol>`` carries
its number as its marker, and paragraphs inside an item are lines of it. Link lines that
publishers add to each reference ("View Article", "Google Scholar", "PubMed/NCBI") are not
part of the reference's text; their targets are kept as links of that line. Notes as Pandoc,
Quarto and blogs print them lose the link back to their call ("↩︎"), and a call in a
superscript reads as a number in brackets.

libxml2's HTML parser is linear in the input, also on malformed markup, and the tree is walked
without recursion, so a deeply nested page costs no stack.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from auditor.citations import superscript_call
from auditor.errors import InputError
from auditor.lexicon import LINK_FURNITURE
from auditor.models import Block, Document

_DROPPED = frozenset({
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
    "form", "button", "select", "textarea", "iframe", "object", "embed", "canvas", "head",
    "title", "meta", "link", "math",
})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset({
    "p", "div", "li", "ul", "ol", "table", "tr", "section", "article", "main", "dd", "dt",
    "dl", "blockquote", "pre", "figure", "figcaption", "hr", "address", "details", "summary",
    "body", "html", "tbody", "thead", "tfoot", "caption", "center", *_HEADINGS,
})
_CELLS = frozenset({"td", "th"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_FURNITURE_ONLY = re.compile(r"[\s|•·,;/\-–—\[\]()]*")
# Blocks that start a paragraph of their own, except inside a list item, where they are
# lines of the item: Pandoc, Quarto and many blogs print each note as <li><p>...</p></li>.
_PARAGRAPHS = frozenset({"p", "dd", "dt", "tr", "blockquote", "pre", "figcaption"})
# A link inside the page that prints only numbers ("1", "2,3", "4–6") in a superscript is a
# note's call ("acts fast.<sup><a href="#fn1">1</a></sup>"); it reads as "[1]". One that
# prints no letter or digit ("↩︎", "^", "↑") leads back from a note to its call.
_CALL_NUMBERS = re.compile(r"\d{1,4}(?:\s*[,–-]\s*\d{1,4})*")
# Where a publisher's link was dropped: it takes the brackets or the bar it stood in with
# it, so that "351-354. [DOI] [PubMed] [Google Scholar]" is "351-354.", not "351-354. [] []
# []".
_DROPPED_LINK = "\x00"
_CLOSING = {"[": "]", "(": ")"}
_BARS = ("|", "•", "·")
_NO_MARKER = re.compile(r"list-style(?:-type)?\s*:\s*none", re.IGNORECASE)


def _without_dropped(text: str) -> str:
    """``text`` without the marks of its dropped links and the brackets or bar each stood
    in (one pass over the pieces between them)."""
    pieces = text.split(_DROPPED_LINK)
    kept = [pieces[0]]
    for piece in pieces[1:]:
        before, after = kept[-1].rstrip(), piece.lstrip()
        opening = before[-1:]
        if opening in _CLOSING and after[:1] == _CLOSING[opening]:
            before, after = before[:-1], after[1:]
        elif opening in _BARS:
            before = before[:-1]
        kept[-1] = before
        kept.append(" " + after)
    return "".join(kept)


def _hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


class _Layout:
    """Collects lines and blocks while the tree is walked."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self.links: list[tuple[str, str, int]] = []
        self.current = ""
        self.block_start = 0
        self.block_kind = "other"
        self.block_level = 0
        self.block_marker: str | None = None
        # the ids the text's note calls link to ("#fn3"): the notes, numbered as printed
        self.called: set[str] = set()
        self.prefix = ""  # printed before the next words: a called note's number

    def text(self, value: str) -> None:
        if self.prefix and value.strip():  # a note's number, before its first words
            value, self.prefix = self.prefix + value.lstrip(), ""
        self.current += value

    def line_break(self) -> None:
        text = self.current
        if _DROPPED_LINK in text:
            text = _without_dropped(text)
        text = _SPACE.sub(" ", text).strip()
        self.current = ""
        if text and not _FURNITURE_ONLY.fullmatch(text):
            self.lines.append(text)

    def open_block(self, kind: str, level: int = 0, marker: str | None = None) -> None:
        self.close_block()
        self.prefix = ""  # a called note that printed no words keeps its number to itself
        self.block_start, self.block_kind = len(self.lines), kind
        self.block_level, self.block_marker = level, marker

    def close_block(self) -> None:
        self.line_break()
        if len(self.lines) > self.block_start:
            self.blocks.append(Block(self.block_kind, self.block_start, len(self.lines),
                                     self.block_level, self.block_marker))
            self.lines.append("")  # blocks are set apart as on the rendered page
        self.block_start, self.block_kind = len(self.lines), "other"
        self.block_level, self.block_marker = 0, None


def _ordinal(item: etree._Element, counters: dict[int, int]) -> str | None:
    """The number an ordered list shows before ``item`` ("4."), "-" for an item of a list
    that shows a bullet, letters or nothing (``type="a"``, ``list-style: none``)."""
    parent = item.getparent()
    if parent is not None and parent.tag == "ol" and _unnumbered_ol(parent):
        return "-"
    if parent is None or parent.tag != "ol":
        return "-" if parent is not None and parent.tag == "ul" else None
    key = id(parent)
    value = item.get("value")
    if value and value.strip().isdigit():
        counters[key] = int(value)
    elif key not in counters:
        start = (parent.get("start") or "1").strip()
        counters[key] = int(start) if start.isdigit() else 1
    else:
        counters[key] += 1
    return f"{counters[key]}."


def _unnumbered_ol(ol: etree._Element) -> bool:
    """Whether an ``<ol>`` shows letters, roman numerals or nothing instead of numbers."""
    return (ol.get("type") or "1") != "1" or bool(_NO_MARKER.search(ol.get("style") or ""))


def _link_kind(element: etree._Element, shown: str) -> str:
    """What a link is on the page: ``furniture`` (a publisher's "PubMed", a note's way
    back "↩︎"), ``call`` (a note's number in a superscript) or ``text``."""
    if shown.lower() in LINK_FURNITURE:
        return "furniture"
    href = element.get("href") or ""
    if not href.startswith("#"):
        return "text"
    if not any(ch.isalnum() for ch in shown):
        return "furniture"
    superscript = any(True for _ in element.iterancestors("sup")) or any(
        True for _ in element.iterdescendants("sup"))
    return "call" if superscript and _CALL_NUMBERS.fullmatch(shown) else "text"


def _call(sup: etree._Element, before: str) -> str | None:
    """The call a ``<sup>`` without a link prints where it is a citation ("acts
    fast.<sup>3,4</sup>", as a manuscript saved as a web page prints it): numbers after a
    word, not an exponent. One holding a link is read as the link is (:func:`_link_kind`)."""
    if any(True for _ in sup.iterdescendants("a")):
        return None
    shown = _SPACE.sub("", "".join(str(t) for t in sup.itertext()))
    return superscript_call(before.rstrip(_DROPPED_LINK), shown)


def _walk(root: etree._Element) -> _Layout:
    layout = _Layout()
    counters: dict[int, int] = {}
    # The list items and paragraphs open around the walk, innermost last: True for an item,
    # and for a paragraph whether it sits right inside an item (a line of the item then).
    opened: list[bool] = []
    skipping: etree._Element | None = None
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if skipping is not None:
            if event == "end" and element is skipping:
                skipping = None
                layout.text(element.tail or "")
            continue
        if event == "start":
            if not tag or tag in _DROPPED or _hidden(element):
                if tag or not isinstance(element.tag, str):
                    skipping = element
                continue
            if tag == "a":
                shown = _SPACE.sub(" ", element.text_content()).strip()
                kind = _link_kind(element, shown)
                if kind != "text":
                    href = element.get("href")
                    if href and kind == "furniture":
                        layout.links.append(("", href, len(layout.lines) + 1))
                        layout.text(_DROPPED_LINK)
                    if kind == "call":
                        layout.text(f"[{shown}]")
                        layout.called.add(str(element.get("href"))[1:])
                    skipping = element
                    continue
            call = _call(element, layout.current) if tag == "sup" else None
            if call:
                layout.text(call)
                skipping = element
                continue
            if tag in _HEADINGS:
                layout.open_block("heading", level=_HEADINGS[tag])
            elif tag == "li":
                marker = _ordinal(element, counters)
                layout.open_block("item", marker=marker)
                opened.append(True)
                if marker and marker[0].isdigit() and element.get("id") in layout.called:
                    layout.prefix = f"{marker} "  # a note the text calls prints its number
            elif tag in _PARAGRAPHS:
                in_item = bool(opened) and opened[-1]
                opened.append(False)
                if in_item:
                    layout.line_break()
                else:
                    layout.open_block("paragraph")
            elif tag == "br" and opened and not opened[-1] and \
                    layout.block_kind == "paragraph":
                # a paragraph of lines broken by hand is a run of one-line paragraphs: a
                # page's list of entries set one to a line in a single <p>
                layout.open_block("paragraph")
            elif tag in _BLOCKS or tag == "br":
                layout.line_break()
            elif tag in _CELLS:
                layout.text(" ")
            layout.text(element.text or "")
        else:
            if tag == "a" and element.get("href"):
                label = _SPACE.sub(" ", element.text_content()).strip()
                layout.links.append((label, str(element.get("href")), len(layout.lines) + 1))
            if tag == "li" or tag in _PARAGRAPHS:
                opened.pop()
            if tag in _PARAGRAPHS and opened and opened[-1]:
                layout.line_break()  # a paragraph of the item around it
            elif tag in _HEADINGS or tag == "li" or tag in _PARAGRAPHS:
                layout.close_block()
            elif tag in _BLOCKS:
                layout.line_break()
            layout.text(element.tail or "")
    layout.close_block()
    return layout


def read(value: str, source: str) -> Document:
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                  no_network=True)
    try:
        root = lxml_html.document_fromstring(value.encode("utf-8", "surrogatepass"),
                                             parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{source}: not readable as HTML ({exc})") from None
    layout = _walk(root)
    lines = layout.lines
    while lines and not lines[-1]:
        lines.pop()
    return Document(source=source, reader="html", lines=tuple(lines),
                    blocks=tuple(layout.blocks), links=tuple(layout.links))
