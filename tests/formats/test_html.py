"""The HTML report: self-contained, one card per entry and link, and filters that work in a
real browser (Debian's chromium, headless)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from lxml import html as lxml_html

from auditor.formats import html
from auditor.pipeline import AuditOptions, run_audit
from auditor.resolvers.factory import ResolverConfig
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "sample-manuscript.md"
SNAPSHOT = FIXTURES / "sample-snapshot.jsonl"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    config = ResolverConfig(offline=True, snapshot=str(SNAPSHOT))
    report = run_audit([str(SAMPLE)], AuditOptions(offline=True), config)
    text = html.render(report)
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(text, "utf-8")
    return path, text


def test_the_page_is_self_contained_with_a_card_per_entry(page: tuple[Path, str]) -> None:
    _, text = page
    tree = lxml_html.fromstring(text)
    assert not tree.xpath("//script[@src] | //link[@href] | //img[@src]")
    assert "http://" not in "".join(tree.xpath("//style/text()"))
    cards = tree.xpath("//article[@class='card']")
    entries = [c for c in cards if c.get("id", "").startswith("d1-d1:r")]
    assert len(entries) == 42
    errors = [c for c in cards if "error" in c.get("data-severity", "").split()]
    assert errors and all(c.xpath(".//span[@class='sev error']") for c in errors)
    assert tree.xpath("//svg[@class='bars']")  # the summary's charts


def test_evidence_and_text_from_the_document_are_escaped() -> None:
    from auditor.readers.text import read

    doc = read("References\n\n1. <script>alert(1)</script> Smith J. A paper. J Test. "
               "2020;1:1-9.\n", "x.txt")
    from auditor.pipeline import audit_document
    from auditor.resolvers.factory import build_resolver

    one = audit_document(doc, 1, AuditOptions(offline=True),
                         build_resolver(ResolverConfig(offline=True)))
    from auditor.models import AuditReport

    text = html.render(AuditReport((one,), {}, {}))
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)" in text


def _browser() -> str | None:
    return next((found for name in ("chromium", "chromium-browser", "google-chrome")
                 if (found := shutil.which(name))), None)


@pytest.fixture(scope="module")
def browser() -> str:
    found = _browser()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no chromium: .ci/run installs Debian's chromium")
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    return found


def _run(browser: str, *args: str) -> str:
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                           "--no-first-run", *args], capture_output=True, text=True,
                          timeout=120, check=False)
    return done.stdout


@pytest.mark.parametrize(("fragment", "wanted"), [
    ("severity=error", lambda c: "error" in c.get("data-severity").split()),
    ("check=RA101", lambda c: "RA101" in c.get("data-checks").split()),
    ("status=resolved", lambda c: c.get("data-status") == "resolved"),
    ("text=zanos", lambda c: "zanos" in c.text_content().lower()),
])
def test_filters_work_in_a_browser(browser: str, page: tuple[Path, str], fragment: str,
                                   wanted: object) -> None:
    path, text = page
    expected = [c.get("id") for c in lxml_html.fromstring(text).xpath("//article")
                if wanted(c)]  # type: ignore[operator]
    assert expected
    dom = lxml_html.fromstring(_run(browser, "--dump-dom", f"{path.as_uri()}#{fragment}"))
    shown = [c.get("id") for c in dom.xpath("//article") if c.get("hidden") is None]
    assert shown == expected
    assert dom.xpath("//body/@data-shown") == [str(len(expected))]


def _png_pixels(data: bytes) -> bytes:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat = 8, b""
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            idat += data[at + 8:at + 8 + length]
        at += 12 + length
    return zlib.decompress(idat)


def test_the_page_renders_to_a_screenshot_that_is_not_blank(browser: str,
                                                           page: tuple[Path, str],
                                                           tmp_path: Path) -> None:
    path, _ = page
    shot = tmp_path / "shot.png"
    _run(browser, f"--screenshot={shot}", "--window-size=1200,1600", path.as_uri())
    pixels = _png_pixels(shot.read_bytes())
    assert len(set(pixels[::97])) > 20  # text, bars and borders, not one flat colour


def test_a_batch_shows_what_recurs_across_its_documents(tmp_path: Path) -> None:
    sources = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text((FIXTURES / "checks" / "RA404-not-found.txt").read_text("utf-8"), "utf-8")
        sources.append(str(path))
    config = ResolverConfig(offline=True,
                            snapshot=str(FIXTURES / "checks" / "verification.snapshot.jsonl"))
    tree = lxml_html.fromstring(html.render(run_audit(sources, AuditOptions(offline=True),
                                                      config)))
    (panel,) = tree.xpath("//section[@id='batch']")
    rows = panel.xpath(".//tr[td]")
    assert any("RA404" in r.text_content() and "b.txt" in r.text_content() for r in rows)
