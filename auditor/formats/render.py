"""Render a record as a reference in a given citation style (for suggested corrections).

Small hand-written templates for the styles refauditor recognises; the output follows each
style's order and punctuation for journal articles, which is what corrections are about.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from auditor.models import CSL, issued_year


def _initials(given: str, dots: bool, space: bool = False) -> str:
    parts = [p for p in given.replace(".", " ").replace("-", " ").split() if p]
    letters = [x for p in parts for x in (p if p.isupper() and len(p) <= 3 else p[0].upper())]
    if dots:
        return (" " if space else "").join(f"{x}." for x in letters)
    return "".join(letters)


def _names(csl: CSL, fmt: Callable[[dict[str, Any]], str], limit: int, et_al: str,
           sep: str = ", ", last_sep: str | None = None) -> str:
    people = [n for n in csl.get("author") or [] if n.get("family") or n.get("literal")]
    if not people:
        return ""
    shown = [fmt(n) for n in people[:limit]]
    if len(people) > limit:
        return sep.join(shown) + et_al
    if last_sep and len(shown) > 1:
        return sep.join(shown[:-1]) + last_sep + shown[-1]
    return sep.join(shown)


def _family_initials(n: dict[str, Any], dots: bool = False, comma: bool = False) -> str:
    if "literal" in n:
        return str(n["literal"])
    ini = _initials(n.get("given", ""), dots, space=dots)
    return f"{n['family']}{',' if comma else ''} {ini}".strip()


def _inverted(n: dict[str, Any]) -> str:
    """``Zanos, P.`` (author-date styles)."""
    return _family_initials(n, dots=True, comma=True)


def _year(csl: CSL) -> str:
    return str(issued_year(csl) or "n.d.")


def _locator(csl: CSL, vol_issue: str, page_sep: str) -> str:
    vol, issue, page = csl.get("volume"), csl.get("issue"), csl.get("page")
    out = vol_issue.format(vol=vol or "", issue=f"({issue})" if issue else "") if vol else ""
    if page:
        out += f"{page_sep}{page}"
    return out


def _doi(csl: CSL, prefix: str = " doi: ") -> str:
    return f"{prefix}{csl['DOI']}" if csl.get("DOI") else ""


def vancouver(csl: CSL) -> str:
    authors = _names(csl, _family_initials, 6, ", et al")
    journal = csl.get("container-title-short") or csl.get("container-title") or ""
    if journal:
        src = f"{journal}. {_year(csl)};{_locator(csl, '{vol}{issue}', ':')}".rstrip(";")
    else:  # a book, a report, a page: "Cambridge: Cambridge University Press; 2004"
        place, publisher = csl.get("publisher-place") or "", csl.get("publisher") or ""
        where = f"{place}: {publisher}" if place and publisher else place or publisher
        src = f"{where}; {_year(csl)}" if where else _year(csl)
    return f"{authors}. {csl.get('title', '')}. {src}.{_doi(csl)}".replace(" .", ".").strip()


def _volume_issue_pages(csl: CSL, page_prefix: str) -> str:
    """``, 23(4), 801-811`` (author-date styles), pages introduced by ``page_prefix``."""
    vol = f", {csl['volume']}" if csl.get("volume") else ""
    issue = f"({csl['issue']})" if csl.get("issue") else ""
    page = f"{page_prefix}{csl['page']}" if csl.get("page") else ""
    return f"{vol}{issue}{page}"


def apa(csl: CSL) -> str:
    authors = _names(csl, _inverted, 20, ", et al.",
                     ", ", ", & ")
    return (f"{authors} ({_year(csl)}). {csl.get('title', '')}. "
            f"{csl.get('container-title', '')}{_volume_issue_pages(csl, ', ')}."
            f"{_doi(csl, ' https://doi.org/')}")


def harvard(csl: CSL) -> str:
    authors = _names(csl, _inverted, 3, " et al.",
                     ", ", " and ")
    return (f"{authors} ({_year(csl)}) '{csl.get('title', '')}', "
            f"{csl.get('container-title', '')}{_volume_issue_pages(csl, ', pp. ')}."
            f"{_doi(csl, ' doi: ')}")


def _quoted_title(csl: CSL, authors: str, issue: str) -> str:
    """``Authors. "Title." Journal 23{issue} (2018): 801-811.`` (MLA and Chicago)."""
    return (f"{authors}. \"{csl.get('title', '')}.\" {csl.get('container-title', '')} "
            f"{csl.get('volume', '')}{issue} ({_year(csl)}): {csl.get('page', '')}.")


def mla(csl: CSL) -> str:
    people = csl.get("author") or []
    if people and "family" in people[0]:
        first = f"{people[0]['family']}, {people[0].get('given', '')}".strip(", ")
    else:
        first = str(people[0].get("literal", "")) if people else ""
    authors = first + (", et al" if len(people) > 2 else
                       f", and {people[1].get('given', '')} {people[1].get('family', '')}"
                       if len(people) == 2 else "")
    return _quoted_title(csl, authors, f".{csl['issue']}" if csl.get("issue") else "")


def chicago(csl: CSL) -> str:
    authors = _names(csl, lambda n: f"{n.get('family', n.get('literal', ''))}, "
                     f"{n.get('given', '')}".strip(", "), 10, " et al.", ", ", ", and ")
    issue = f", no. {csl['issue']}" if csl.get("issue") else ""
    return _quoted_title(csl, authors, issue) + _doi(csl, " https://doi.org/")


def elsevier(csl: CSL) -> str:
    people = csl.get("author") or []
    authors = ", ".join(f"{n.get('given', '')} {n.get('family', '')}".strip()
                        if "family" in n else str(n.get("literal", "")) for n in people)
    issue = f", Issue {csl['issue']}" if csl.get("issue") else ""
    return (f"{authors}, {csl.get('title', '')}, {csl.get('container-title', '')}, Volume "
            f"{csl.get('volume', '')}{issue}, {_year(csl)}, {csl.get('page', '')}"
            f"{_doi(csl, ', https://doi.org/')}.")


def nature(csl: CSL) -> str:
    authors = _names(csl, _inverted, 5, " et al.",
                     ", ", " & ")
    journal = csl.get("container-title-short") or csl.get("container-title", "")
    return (f"{authors} {csl.get('title', '')}. {journal} "
            f"{csl.get('volume', '')}, {csl.get('page', '')} ({_year(csl)}).")


def ieee(csl: CSL) -> str:
    authors = _names(csl, lambda n: f"{_initials(n.get('given', ''), True, True)} "
                     f"{n.get('family', n.get('literal', ''))}".strip(), 6, " et al.", ", ",
                     ", and ")
    issue = f", no. {csl['issue']}" if csl.get("issue") else ""
    return (f"{authors}, \"{csl.get('title', '')},\" {csl.get('container-title', '')}, vol. "
            f"{csl.get('volume', '')}{issue}, pp. {csl.get('page', '')}, {_year(csl)}.")


RENDERERS: dict[str, Callable[[CSL], str]] = {
    "vancouver": vancouver, "ama": vancouver, "apa": apa, "harvard": harvard, "mla": mla,
    "chicago": chicago, "elsevier": elsevier, "nature": nature, "ieee": ieee,
}


def render(csl: CSL, style: str | None) -> str:
    """The record as a reference in ``style`` (Vancouver when the style is unknown)."""
    return RENDERERS.get(style or "vancouver", vancouver)(csl)
