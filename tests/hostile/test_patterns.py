"""Every regular expression of the package, on adversarial strings of 100,000 characters.

A pattern with nested or adjacent unbounded quantifiers backtracks: on a long run of the
characters it hesitates over, its time grows with the square of the run (a few such runs
made minutes of CPU from kilobytes). Each pattern found in the package's modules is run,
with every method the package calls on it, on long runs of the characters references and
markup are made of. A linear pattern takes milliseconds; a quadratic one takes minutes, so
the generous budget below cannot be met by luck or missed by a slow machine.

A few patterns only ever see a bounded piece of text, and are run on that bound (the
longest input the package can give them), with the reason.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from pathlib import Path

import pytest

import auditor
from auditor.lexicon import PAGE_NUMBER_CHARS
from auditor.parse import MAX_ENTRY_CHARS
from auditor.sections import compound, join

LENGTH = 100_000
BUDGET = 2.0  # seconds for all the strings of one pattern: 100x what a linear one takes
FILLERS = (" ", "\t", "a", "A", "1", "(", ")", "[", ".", "-", ",", "/", "<a ", "A. ", ". ",
           "10.", "Ab, ", "1 ", "et al. ")
# Patterns that see a bounded piece of text only: that bound, and where it comes from.
BOUNDED = {
    # Run on a whole entry: the parser reads MAX_ENTRY_CHARS of it, whitespace runs as one.
    "auditor.parse.rules.HARVARD_RE": MAX_ENTRY_CHARS,
    "auditor.parse.rules.APA_RE": MAX_ENTRY_CHARS,
    "auditor.parse.rules.APA_UNTITLED_RE": MAX_ENTRY_CHARS,
    "auditor.parse.rules.APA_UNAUTHORED_RE": MAX_ENTRY_CHARS,
    # Run on the text around one candidate cut (compound._NEAR characters).
    "auditor.sections.compound._END_LOCATOR_RE": compound._NEAR,
    # Run on the end of a line (join._TAIL characters).
    "auditor.sections.join._WORD_BEFORE_RE": join._TAIL,
    # Run only on lines of at most PAGE_NUMBER_CHARS characters (lexicon.is_page_number).
    "auditor.lexicon.PAGE_NUMBER_RE": PAGE_NUMBER_CHARS,
}
# The parser's input has no whitespace runs: its patterns meet single spaces only.
COLLAPSED = {"auditor.parse.rules.HARVARD_RE", "auditor.parse.rules.APA_RE",
             "auditor.parse.rules.APA_UNTITLED_RE", "auditor.parse.rules.APA_UNAUTHORED_RE"}
_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split")


def _patterns() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """(module.NAME, pattern, the methods the module calls on it) for every module-level
    pattern of the package."""
    found: dict[int, tuple[str, re.Pattern[str], tuple[str, ...]]] = {}
    for info in pkgutil.walk_packages(auditor.__path__, "auditor."):
        if info.name.endswith("__main__") or info.name.startswith("auditor.testing"):
            continue
        module = importlib.import_module(info.name)
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                called = tuple(m for m in _METHODS if f"{name}.{m}(" in source) or ("search",)
                found.setdefault(id(value), (f"{info.name}.{name}", value, called))
    return sorted(found.values(), key=lambda item: item[0])


PATTERNS = _patterns()


def _run(pattern: re.Pattern[str], method: str, text: str) -> None:
    call = getattr(pattern, method)
    if method == "finditer":
        for _ in call(text):
            pass
    elif method in ("sub", "subn"):
        call("", text)
    else:
        call(text)


def test_the_package_has_patterns_to_check() -> None:
    assert len(PATTERNS) > 80  # every module was imported and read
    names = {name for name, _, _ in PATTERNS}
    assert set(BOUNDED) <= names  # no bound kept for a pattern that is gone


@pytest.mark.parametrize(("name", "pattern", "methods"), PATTERNS,
                         ids=[name for name, _, _ in PATTERNS])
def test_pattern_is_linear_on_long_adversarial_runs(name: str, pattern: re.Pattern[str],
                                                    methods: tuple[str, ...]) -> None:
    length = BOUNDED.get(name, LENGTH)
    fillers = [f for f in FILLERS if not (name in COLLAPSED and f.isspace())]
    started = time.perf_counter()
    for filler in fillers:
        text = (filler * (length // len(filler) + 1))[:length]
        for method in methods:
            _run(pattern, method, text)
            _run(pattern, method, "x" + text[:-2] + "!")
    spent = time.perf_counter() - started
    assert spent < BUDGET, f"{name} took {spent:.1f} s on {length:,}-character runs"
