from __future__ import annotations

from pathlib import Path

import pytest

from auditor import readers
from auditor.errors import InputError
from auditor.split import split


def test_html_list_items_become_records(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><nav><a href='/'>Home</a></nav><h2>References</h2><ol>"
        "<li>Zanos P, Gould TD. Mechanisms of ketamine action. Mol Psychiatry. 2018;23:801-811.</li>"
        "<li>Ren L. The mechanistic basis. Prog Neuropsychopharmacol. 2024;129:110910.</li>"
        "</ol><h2>Downloads</h2><script>var x = 1;</script></body></html>", "utf-8")
    doc = readers.load(str(page), None)
    assert doc.reader == "html" and "var x" not in doc.text
    assert len(split(doc.text).references) == 2


def test_txt_with_markdown_links_is_markdown(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text("A study in the [Journal of X](https://doi.org/10.1000/abc) found it.\n", "utf-8")
    doc = readers.load(str(path), None)
    assert doc.reader == "markdown"
    assert doc.links == (("Journal of X", "https://doi.org/10.1000/abc", 1),)
    assert "Journal of X (https://doi.org/10.1000/abc)" in doc.text


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000, "utf-8")
    with pytest.raises(InputError, match="limit"):
        readers.load(str(path), None, max_bytes=1000)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Zanos P. Title. 2018.".encode("utf-16"))
    assert readers.load(str(path), None).text.startswith("Zanos")


def test_planned_reader_says_so(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(InputError, match="pdf reader is not available"):
        readers.load(str(path), None)
