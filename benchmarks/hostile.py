"""Hostile inputs: time and peak memory of each, against the target and a normal document.

    python -m benchmarks.hostile [--only NAME]

Each case is a file built here (or a device) and audited offline by the installed command in
its own process, as a user would run it; the figure is that process's wall time and peak
resident memory (``wait4``). The target for every case is at most 5 s and 500 MB, ending in a
report or one line and exit 2. The baseline, measured in the same run, is the 41-entry list
of seed 001.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed001-references.txt"
MAX_SECONDS = 5.0
MAX_MB = 500.0
HEAD = "References\n\n1. Smith J. A paper on ketamine. J Test. 2020;1:1-9.\n"


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, "utf-8")
    else:
        path.write_bytes(data)
    return path


def _gzip_bomb(folder: Path) -> Path:
    path = folder / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as handle:
        for _ in range(2000):
            handle.write(b" " * (1 << 20))
    return path


def _items_file(folder: Path) -> Path:
    path = folder / "items.json"
    work = {"DOI": "10.5555/x", "title": ["A work"], "author": [{"family": "Smith"}],
            "container-title": ["J Test"], "type": "journal-article", "abstract": "x" * 2000}
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"items": [')
        for i in range(55_000):
            handle.write(("," if i else "") + json.dumps({**work, "DOI": f"10.5555/x{i}"}))
        handle.write("]}")
    return path


def _docx_bomb(folder: Path) -> Path:
    """A .docx whose document part inflates to 1 GB of spaces from a few MB."""
    import zipfile

    path = folder / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(1024):
                member.write(b" " * (1 << 20))
    return path


def _long_pdf(folder: Path) -> Path:
    """A 50-page PDF, two columns of references on every page."""
    from auditor.testing.pdf_maker import column_pages, make_pdf

    lines = [f"{i}. Smith J. Paper {i}. J Test. 2020;{i % 50}:{i}."
             for i in range(1, 5_001)]
    return _write(folder, "long.pdf", make_pdf(column_pages(lines, columns=2, per_column=50,
                                                            head="J Test 2020")))


def _article_pdf(folder: Path) -> Path:
    """A 30-page two-column article: body text on 25 pages, then its list."""
    from auditor.testing.pdf_maker import column_pages, make_pdf

    prose = ("Ketamine produces antidepressant effects within hours in patients whose "
             "depression did not respond to other treatments, and the mechanisms")
    lines = [prose[i % 60: i % 60 + 55] for i in range(2_500)] + ["References"]
    lines += [f"{i}. Smith J. Paper {i}. J Test. 2020;{i % 50}:{i}." for i in range(1, 501)]
    return _write(folder, "article.pdf", make_pdf(column_pages(lines, columns=2,
                                                               per_column=50, head="J Test")))


def _blank_pages() -> bytes:
    from auditor.testing.pdf_maker import make_pdf

    return make_pdf([[] for _ in range(2_000)])


Case = tuple[str, Callable[[Path], Path], list[str]]
CASES: list[Case] = [
    ("html: 33,333 '<a '", lambda d: _write(d, "a.html", "<html><body><h2>References</h2><ol>"
                                            "<li>Smith J. A paper. J Test. 2020;1:1-9.</li>"
                                            "</ol>" + "<a " * 33_333), []),
    ("html: 1 MB of '<!--'", lambda d: _write(d, "c.html", "<html><body>" + "<!--" * 262_144),
     []),
    ("html: 20,000 links", lambda d: _write(d, "l.html", "<html><body>" + "".join(
        f'<p>See <a href="https://doi.org/10.5555/x{i}">study {i}</a>.</p>'
        for i in range(20_000))), []),
    # a note's paragraphs are lines of its list item: 1 MB of them, 240 blocks deep
    ("html: 125,000 paragraphs in one item", lambda d: _write(d, "p.html", (
        "<html><body><ol><li>" + "<div>" * 240 + "<p>x</p>" * 125_000 + "</div>" * 240
        + "</li></ol></body></html>")), []),
    ("text: 100,000 '['", lambda d: _write(d, "b.txt", "[" * 100_000), []),
    ("ids: labels + 50,000 spaces", lambda d: _write(d, "s.txt", HEAD + "".join(
        f"{label}" + " " * 50_000 + "\n" for label in ("arXiv", "PMID", "ISSN", "ISBN",
                                                       "PMCID"))), []),
    ("junk: 50,000 spaces and a comma", lambda d: _write(d, "j.txt", HEAD[:-1] + " " * 50_000
                                                         + ", x\n"), []),
    ("doi + 100,000 ')'", lambda d: _write(d, "d.txt", HEAD[:-1] + " doi:10.1000/x"
                                           + ")" * 100_000 + "\n"), []),
    ("20,000 entries, one author-year", lambda d: _write(d, "y.txt", "References\n\n" + "\n".join(
        f"{i}. Smith J. Paper number {i}. J Test. 2020;{i % 50}:{i}-{i + 5}."
        for i in range(1, 20_001))), []),
    # one paragraph, no full stop, 3,000 author-year citations of 60 years each
    ("3,000 citations of 60 years", lambda d: _write(d, "t.md", "# T\n\n" + (
        "(Smith et al., " + ", ".join(str(1900 + i) for i in range(60)) + ") ") * 3_000
        + "\n\n## References\n\n" + "".join(
            f"Smith, J., Lee, K., & Wu, H. ({1950 + i}). Title {i}. J Test, 1, {i}.\n\n"
            for i in range(1, 6))), []),
    # MLA's author-page citations: 6,000 parentheses of 40 each, all naming an entry
    ("6,000 groups of 40 MLA citations", lambda d: _write(d, "m.md", "# T\n\n" + (
        "(" + "; ".join(f"Smith {i}" for i in range(40)) + ") ") * 6_000
        + "\n\n## Works Cited\n\n" + "".join(
            f"Smith, John. Title {i}. Publisher, {1950 + i}.\n\n" for i in range(1, 6))), []),
    # digits after every word of a numbered list's text, as copied superscripts are read
    ("100,000 copied calls, 5,000 entries", lambda d: _write(d, "g.txt", "Title\n\n" + " ".join(
        f"word{i % 5 + 1}" for i in range(100_000)) + "\n\nReferences\n\n" + "\n".join(
        f"{i}. Smith J. Paper {i}. J Test. 2020;1:{i}." for i in range(1, 5_001))), []),
    ("'PMID: 1' x 10,000 in one entry", lambda d: _write(d, "p.txt", HEAD[:-1] + " "
                                                         + "PMID: 1 " * 10_000 + "\n"), []),
    ("--from lines, a 2 MB line", lambda d: _write(d, "l2.txt", "word " * 400_000),
     ["--from", "lines"]),
    ("--from lines, a 10 MB line", lambda d: _write(d, "l10.txt", "word " * 2_000_000),
     ["--from", "lines"]),
    ("a 5 MB single line", lambda d: _write(d, "one.txt", "x" * 5_000_000), []),
    ("100,000 numbered lines", lambda d: _write(d, "n.txt", "References\n\n" + "\n".join(
        f"{i}. Smith J. Paper {i}. J Test. 2020;1:{i}." for i in range(1, 100_001))), []),
    ("binary noise", lambda d: _write(d, "noise.txt", random.Random(1).randbytes(2_000_000)),
     []),
    ("/dev/zero", lambda d: Path("/dev/zero"), []),
    ("docx: a zip bomb (1 GB inside)", _docx_bomb, []),
    ("pdf: 50 pages, 5,000 entries", _long_pdf, []),
    ("pdf: a 30-page two-column article", _article_pdf, []),
    ("jats: billion laughs", lambda d: _write(d, "laughs.xml", '<?xml version="1.0"?>'
        '<!DOCTYPE article [<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + ']><article><front/><back><ref-list><ref id="r1"><mixed-citation>&j;'
        "</mixed-citation></ref></ref-list></back></article>"), []),
    ("jats: external entity", lambda d: _write(d, "xxe.xml", '<?xml version="1.0"?>'
        '<!DOCTYPE article [<!ENTITY x SYSTEM "file:///etc/passwd">]><article><front/><back>'
        '<ref-list><ref id="r1"><mixed-citation>&x; Smith J. A paper. J Test. 2020;1:1-9.'
        "</mixed-citation></ref></ref-list></back></article>"), []),
    ("pdf: 2,000 blank pages", lambda d: _write(d, "blank.pdf", _blank_pages()), []),
]
LOADS: list[tuple[str, Callable[[Path], Path]]] = [
    ("snapshot load: gzip bomb (2 GB of spaces)", _gzip_bomb),
    ("snapshot load: 120 MB {items: [...]}", _items_file),
]


def measure(command: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak MB, exit code and the last line of stderr of one run ("Traceback"
    when stderr holds one anywhere: its last line is the exception's, not the word)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode("utf-8", "replace").strip()
        lines = text.splitlines()
    last = (lines[-1] if lines else "")[:90]
    if "Traceback (most recent call last)" in text:
        last = f"Traceback: {last}"
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the cases whose name contains this")
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "refauditor")
    audit = [exe, "audit", "--offline", "-o", os.devnull]
    seconds, mb, code, _ = measure([*audit, str(SEED)])
    print(f"baseline (seed 001, 41 entries): {seconds:.2f} s, {mb:.0f} MB, exit {code}")
    print(f"target: every case <= {MAX_SECONDS:.0f} s and <= {MAX_MB:.0f} MB, "
          "a report or one line and exit 2")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        runs = [(name, [*audit, *extra, str(build(folder))]) for name, build, extra in CASES
                if not args.only or args.only in name]
        runs += [(name, [exe, "snapshot", "load", str(build(folder)), "--store",
                         str(folder / "store.sqlite")]) for name, build in LOADS
                 if not args.only or args.only in name]
        for name, command in runs:
            seconds, mb, code, last = measure(command)
            ok = seconds <= MAX_SECONDS and mb <= MAX_MB and code in (0, 1, 2) and \
                "Traceback" not in last
            failed += not ok
            print(f"{'ok ' if ok else 'OVER'} {name:<42} {seconds:6.2f} s {mb:7.0f} MB  "
                  f"exit {code}  {last}")
    print(f"{len(runs) - failed}/{len(runs)} cases within the target")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
