"""HTML: visible text with block structure kept as lines, links kept for context.

Scripts, styles and navigation chrome are dropped; every block element starts a new line so that
the splitter sees list items and paragraphs as it would in the rendered page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from auditor.models import Document

_BLOCK = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "header", "footer", "br", "dd", "dt", "dl", "blockquote", "pre", "aside", "nav",
    "figure", "figcaption", "main", "hr",
}
_SKIP = {"script", "style", "noscript", "template", "svg"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._skip = 0
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag in {"p", "li", "div", "h1", "h2", "h3", "h4"} else "\n")
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip:
            self._skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        if tag == "a" and self._href:
            self.links.append(("".join(self._link_text).strip(), self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        data = re.sub(r"\s+", " ", data)
        self.parts.append(data)
        if self._href is not None:
            self._link_text.append(data)


def read(value: str, source: str) -> Document:
    parser = _TextExtractor()
    parser.feed(value)
    parser.close()
    raw = "".join(parser.parts).replace("\u00a0", " ")
    lines = [line.strip() for line in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"
    numbered = text.split("\n")
    links = []
    for label, href in parser.links:
        line = next((i for i, s in enumerate(numbered, 1) if label and label in s), 0)
        links.append((label, href, line))
    return Document(source=source, reader="html", text=text, links=tuple(links))
