"""Personal and corporate names into CSL ``{family, given}`` / ``{literal}``.

Handles the orders citation styles use: ``Family II`` (Vancouver), ``Family, I.`` (APA),
``Family, Given`` then ``Given Family`` (MLA, Chicago), ``I. Family`` (IEEE), particles
(van, de, von), suffixes (Jr, III), hyphenated surnames and "et al.".
"""

from __future__ import annotations

import re
from typing import Any

PARTICLES = frozenset(
    "van von de der den del della di da dos du la le ten ter zu vom van't d' al el bin ibn".split()
)
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd"})
_ET_AL_RE = re.compile(r"(?<!\s),?\s*\bet\.?\s*al\b\.?", re.IGNORECASE)
_CORPORATE_WORDS = frozenset(
    "organization organisation institute institution association society council committee "
    "group agency department ministry university college centre center foundation office "
    "board commission administration consortium collaboration network service services "
    "federation academy authority bureau union trust who nice cdc fda".split()
)
Name = dict[str, Any]


def is_initials(token: str) -> bool:
    """``JW``, ``J.W.``, ``J. W.``, ``J-W`` are initials; ``Jo`` or ``Kim`` are not."""
    t = token.replace(".", "").replace("-", "").replace(" ", "")
    return 0 < len(t) <= 4 and t.isupper() and t.isalpha()


_CORPORATE_RE = re.compile(rf"\b(?:{'|'.join(sorted(_CORPORATE_WORDS))})\b", re.IGNORECASE)


def is_corporate(text: str) -> bool:
    """Whether a name reads as an organisation (one regex pass: author lists run long)."""
    return " " in text.strip() and _CORPORATE_RE.search(text) is not None


def _split_suffix(tokens: list[str]) -> tuple[list[str], str | None]:
    if len(tokens) > 1 and tokens[-1].lower() in SUFFIXES:
        return tokens[:-1], tokens[-1].rstrip(".")
    return tokens, None


def _with_suffix(name: Name, suffix: str | None) -> Name:
    if suffix:
        name["suffix"] = suffix
    return name


def family_first(text: str) -> Name:
    """``Zarate CA Jr``, ``van Asselt ADI``, ``Smith, J. R.``, ``Réus, Gislaine Z.``."""
    text = text.strip().strip(",;")
    if "," in text:
        family, given = (s.strip() for s in text.split(",", 1))
        given_tokens, suffix = _split_suffix(given.split())
        return _with_suffix({"family": family, "given": " ".join(given_tokens)}, suffix)
    tokens, suffix = _split_suffix(text.split())
    if len(tokens) >= 2 and is_initials(tokens[-1]):
        return _with_suffix({"family": " ".join(tokens[:-1]), "given": tokens[-1]}, suffix)
    if len(tokens) == 1:
        return {"family": tokens[0]}
    return given_first(text)


def given_first(text: str) -> Name:
    """``Omar K. Sial``, ``Ben Julian A. Palanca``, ``Ludwig van Beethoven``, ``J. R. Smith``."""
    tokens, suffix = _split_suffix(text.strip().strip(",;").split())
    if len(tokens) == 1:
        return _with_suffix({"family": tokens[0]}, suffix)
    cut = len(tokens) - 1
    while cut > 1 and tokens[cut - 1].lower() in PARTICLES:
        cut -= 1
    name = {"family": " ".join(tokens[cut:]), "given": " ".join(tokens[:cut])}
    return _with_suffix(name, suffix)


_COMMA_SUFFIX_RE = re.compile(r"(\S),\s*(Jr|Sr|II|III|IV)\b\.?")


def _join_suffix(match: re.Match[str]) -> str:
    return f"{match.group(1)} {match.group(2)}"


# "and" and its German, French and Spanish forms ("et al." is gone before this runs).
_CONJUNCTION_RE = re.compile(r"(?<!\s)\s*(?:,\s*)?(?:\b(?:and|und|et|y)\b|&)\s+")


def split_author_list(text: str) -> tuple[list[str], bool]:
    """Split an author string into name strings; report whether it ended with "et al."."""
    text = _COMMA_SUFFIX_RE.sub(_join_suffix, text)  # "Bade HA, III"
    et_al = bool(_ET_AL_RE.search(text))
    text = _ET_AL_RE.sub("", text).strip().rstrip(",:; ")
    if text.endswith(".") and not re.search(r"(?:^|[\s.\-])[A-Z]\.$", text):
        text = text[:-1]  # a sentence period, not the dot of an initial
    text = _CONJUNCTION_RE.sub(", ", text)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    return parts, et_al


def parse_vancouver(text: str) -> tuple[list[Name], bool]:
    """``Kim JW, Suzuki K, et al`` → family-first names, one per comma."""
    parts, et_al = split_author_list(text)
    names = []
    for part in parts:
        names.append({"literal": part} if is_corporate(part) else family_first(part))
    return names, et_al


def parse_inverted_pairs(text: str) -> tuple[list[Name], bool]:
    """``Smith, J. R., Doe, A., & Roe, B.`` (APA/Harvard/Nature): pairs of family, initials."""
    parts, et_al = split_author_list(text)
    names: list[Name] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if nxt is not None and is_initials(nxt) and not is_initials(part):
            names.append(family_first(f"{part}, {nxt}"))
            i += 2
        elif is_corporate(part):
            names.append({"literal": part})
            i += 1
        else:
            names.append(family_first(part) if is_initials(part.split()[-1]) else given_first(part))
            i += 1
    return names, et_al


def parse_mla(text: str) -> tuple[list[Name], bool]:
    """``Gerhard, Danielle M., Eric S. Wohleb, and Ronald S. Duman``: first inverted, rest not."""
    parts, et_al = split_author_list(text)
    if not parts:
        return [], et_al
    names: list[Name] = []
    if len(parts) >= 2:
        names.append({"family": parts[0], "given": parts[1]})
        rest = parts[2:]
    else:
        names.append(family_first(parts[0]))
        rest = []
    names.extend(given_first(p) for p in rest)
    return names, et_al


def parse_given_first_list(text: str) -> tuple[list[Name], bool]:
    """``Omar K. Sial, Eric M. Parise`` or ``J. Smith and A. Doe`` (Elsevier, IEEE)."""
    parts, et_al = split_author_list(text)
    return [{"literal": p} if is_corporate(p) else given_first(p) for p in parts], et_al


_VANCOUVER_LIST = re.compile(
    r"^(?:[a-z]{1,3}\s)?[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)*\s[A-Z]{1,4}(?:\s(?:Jr|Sr|II|III))?"
    r"(?:,\s*(?:[a-z]{1,3}\s)?[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)*\s[A-Z]{1,4}"
    r"(?:\s(?:Jr|Sr|II|III))?)*(?:,?\s*et\.?\s*al\.?)?[.,;:]?$"
)
_INVERTED_INITIALS = re.compile(r"^(?:[a-z]{1,3}\s)?[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?,\s+[A-Z]\.")
_INVERTED_FULL = re.compile(r"^(?:[a-z]{1,3}\s)?[A-Z][\w'’\-]+,\s+[A-Z][a-z]")
_INITIALS_FIRST = re.compile(r"^(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*)\s*[A-Z]")


def parse_any(text: str) -> tuple[list[Name], bool]:
    """Names in whatever order the string uses (detected from its first name); a name left
    without a letter in its family part (a stray bracket or comma) is dropped, not reported."""
    names, et_al = _parse_any(text.strip())
    return [n for n in names if _has_letter(n.get("family") or n.get("literal") or "")], et_al


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _parse_any(text: str) -> tuple[list[Name], bool]:
    if _VANCOUVER_LIST.match(text):
        return parse_vancouver(text)
    if _INVERTED_INITIALS.match(text):
        return parse_inverted_pairs(text)
    if _INITIALS_FIRST.match(text):
        return parse_given_first_list(text)
    if _INVERTED_FULL.match(text):
        return parse_mla(text)
    if is_corporate(text):
        return [{"literal": clean_literal(text)}], False
    return parse_inverted_pairs(text)


def clean_literal(text: str) -> str:
    return text.strip().strip(".,;:")
