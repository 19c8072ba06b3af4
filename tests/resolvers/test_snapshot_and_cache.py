from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.resolvers.cache import MISSING, ResponseCache
from auditor.resolvers.snapshot import Authority, Snapshot, is_public_data_file, open_snapshot

WORK = {"DOI": "10.1000/ABC#x", "title": ["Mechanisms of ketamine action"], "type": "journal-article",
        "author": [{"family": "Zanos", "given": "P"}], "container-title": ["Mol Psychiatry"],
        "issued": {"date-parts": [[2018, 4]]}, "volume": "23", "page": "801-811"}


def _write(path: Path, lines: list[object], gz: bool = False) -> Path:
    text = "\n".join(json.dumps(x) for x in lines) + "\n"
    if gz:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_load_jsonl_gz_and_lookup(tmp_path: Path) -> None:
    store = Snapshot(tmp_path / "s.sqlite")
    stats = store.load(_write(tmp_path / "w.jsonl.gz", [WORK, {"pmid": "29532791", "doi": "10.1000/abc#x"}], gz=True))
    assert (stats.works, stats.id_rows) == (1, 1)
    assert store.work("10.1000/abc#x")["volume"] == "23"
    assert store.doi_for("pmid", "29532791") == "10.1000/abc#x"
    assert store.search(["ketamine", "zanos"])[0]["DOI"] == "10.1000/ABC#x"
    assert not store.covers("doi", "10.1000/zzz")


def test_public_data_file_items_and_work_response(tmp_path: Path) -> None:
    store = Snapshot()
    items = tmp_path / "0.json"
    items.write_text(json.dumps({"items": [WORK, {**WORK, "DOI": "10.1000/def"}]}), "utf-8")
    assert store.load(items).works == 2
    wrapped = _write(tmp_path / "r.jsonl", [{"status": "ok", "message-type": "work",
                                              "message": {**WORK, "DOI": "10.2000/x"}}])
    assert store.load(wrapped).works == 1
    assert store.info()["works"] == 3


def test_authoritative_covers_prefixes_and_pmids(tmp_path: Path) -> None:
    store = Snapshot()
    stats = store.load(_write(tmp_path / "a.jsonl", [WORK, {"pmid": "1", "doi": "10.1000/abc#x"}]),
                       Authority(all_prefixes=True, pmids=True))
    assert store.covers("doi", "10.1000/other") and not store.covers("doi", "10.2000/x")
    assert store.covers("pmid", "999")
    assert stats.authoritative_for == ("doi-prefix:10.1000", "pmid:*")


def test_authority_over_named_prefixes_only(tmp_path: Path) -> None:
    store = Snapshot()
    store.load(_write(tmp_path / "a.jsonl", [WORK, {**WORK, "DOI": "10.2000/y"}]),
               Authority(prefixes=frozenset({"10.2000"})))
    assert store.covers("doi", "10.2000/x") and not store.covers("doi", "10.1000/other")
    assert not store.covers("pmid", "1")


def test_a_files_header_never_grants_authority_in_a_store(tmp_path: Path) -> None:
    rows = [{"_snapshot": {"authoritative": True, "note": "demo"}}, WORK,
            {"pmid": "1", "doi": "10.1000/abc#x"}]
    store = Snapshot()
    stats = store.load(_write(tmp_path / "m.jsonl", rows))
    assert not store.covers("doi", "10.1000/q") and not store.covers("pmid", "2")
    assert stats.ignored_claim and stats.authoritative_for == ()
    assert store.info()["notes"] == ["demo"]
    assert store.info()["loads"][0]["header_claim_ignored"] is True


def test_header_counts_for_a_file_named_for_one_run(tmp_path: Path) -> None:
    rows = [{"_snapshot": {"authoritative_prefixes": ["10.5555"], "pmids": False}}, WORK]
    store = open_snapshot(_write(tmp_path / "m.jsonl", rows))
    assert store.covers("doi", "10.5555/x") and not store.covers("doi", "10.1000/abc")
    assert not store.covers("pmid", "2")


def test_public_data_files_are_recognised(tmp_path: Path) -> None:
    items = tmp_path / "0.json"
    items.write_text(json.dumps({"items": [WORK]}), "utf-8")
    assert is_public_data_file(items)
    assert not is_public_data_file(_write(tmp_path / "w.jsonl", [WORK]))


def test_bad_line_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(WORK) + "\n{not json\n", "utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        Snapshot().load(path)


def test_open_snapshot_accepts_store_or_file(tmp_path: Path) -> None:
    store = Snapshot(tmp_path / "s.sqlite")
    store.load(_write(tmp_path / "w.jsonl", [WORK]))
    store.close()
    assert open_snapshot(tmp_path / "s.sqlite").info()["works"] == 1
    assert open_snapshot(tmp_path / "w.jsonl").info()["works"] == 1
    with pytest.raises(InputError):
        open_snapshot(tmp_path / "missing.jsonl")


def test_cache_ttl_and_negative_entries(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "c.sqlite", positive_ttl=100, negative_ttl=10)
    cache.put("a", {"x": 1}, now=0)
    cache.put("gone", None, now=0)
    assert cache.get("a", now=50) == {"x": 1}
    assert cache.get("gone", now=5) is None
    assert cache.get("gone", now=11) is MISSING
    assert cache.get("a", now=101) is MISSING
    assert cache.get("never") is MISSING


def test_reloading_a_doi_replaces_it_in_the_search_index(tmp_path: Path) -> None:
    store = Snapshot()
    store.load(_write(tmp_path / "a.jsonl", [WORK]))
    renamed = {**WORK, "title": ["Glutamate signalling in the prefrontal cortex"]}
    store.load(_write(tmp_path / "b.jsonl", [renamed, renamed]))
    assert store.info()["works"] == 1
    assert store.search(["glutamate", "prefrontal"])[0]["title"] == renamed["title"]
    assert store.search(["mechanisms", "ketamine"]) == []


def test_search_ranks_title_words_above_author_or_journal_words(tmp_path: Path) -> None:
    store = Snapshot()
    rows = [
        {**WORK, "DOI": "10.1/title", "title": ["Glutamate and ketamine"],
         "author": [{"family": "Smith"}], "container-title": ["Neuron"]},
        {**WORK, "DOI": "10.1/author", "title": ["Sleep in rodents"],
         "author": [{"family": "Glutamate"}], "container-title": ["Ketamine Letters"]},
    ]
    store.load(_write(tmp_path / "r.jsonl", rows))
    assert [w["DOI"] for w in store.search(["glutamate", "ketamine"])] == ["10.1/title", "10.1/author"]


def test_search_keeps_the_rarest_words_and_counts_them_again_after_a_load(tmp_path: Path) -> None:
    store = Snapshot()
    common = "depression treatment outcomes trial adults placebo randomized clinical therapy".split()
    rows = [{**WORK, "DOI": f"10.1/c{i}", "title": [" ".join(common)]} for i in range(6)]
    rows.append({**WORK, "DOI": "10.1/rare", "title": [" ".join(common[:3]) + " esketamine"]})
    store.load(_write(tmp_path / "r.jsonl", rows))
    # Journal words are not searched, so they count as absent.
    assert store._document_frequency(["placebo", "esketamine", "absent", "psychiatry"]) == {
        "placebo": 6, "esketamine": 1, "absent": 0, "psychiatry": 0}
    # Nine common words come first; only the rare one tells the records apart.
    assert store.search([*common, "nowhere", "esketamine"], limit=1)[0]["DOI"] == "10.1/rare"
    store.load(_write(tmp_path / "more.jsonl", [{**WORK, "DOI": "10.1/more", "title": ["Esketamine"]}]))
    assert store._document_frequency(["esketamine"]) == {"esketamine": 2}


def test_volume_and_first_page_find_the_works_printed_there(tmp_path: Path) -> None:
    store = Snapshot(tmp_path / "s.sqlite")
    other = {**WORK, "DOI": "10.1/other", "volume": "24", "page": "801"}
    store.load(_write(tmp_path / "w.jsonl", [WORK, other]))
    reader = Snapshot(tmp_path / "s.sqlite", writable=False)
    assert [w["DOI"] for w in reader.by_locator("23", "801")] == ["10.1000/ABC#x"]
    assert reader.by_locator("23", "802") == []


def test_a_store_without_the_locator_index_is_searched_by_text_only(tmp_path: Path) -> None:
    store = Snapshot(tmp_path / "s.sqlite")
    store.load(_write(tmp_path / "w.jsonl", [WORK]))
    store.db.execute("DROP INDEX works_locator")  # a store built before the index
    store.db.commit()
    reader = Snapshot(tmp_path / "s.sqlite", writable=False)
    assert not reader.has_locator_index and reader.by_locator("23", "801") == []
    assert reader.search(["ketamine", "zanos"])[0]["DOI"] == "10.1000/ABC#x"


def test_a_reference_with_volume_and_page_is_settled_by_them(tmp_path: Path) -> None:
    """The work at the printed volume and page is found even when the full-text search
    would rank a same-title distractor first; its fields still have to fit the text."""
    import asyncio

    from auditor.pipeline import parse_references
    from auditor.readers import text as text_reader
    from auditor.resolvers.service import ResolutionService
    from auditor.sections import split_lines

    def split_text(text: str):  # type: ignore[no-untyped-def]
        return split_lines(text_reader.read(text, "refs.txt"))

    twins = [{**WORK, "DOI": f"10.1/twin{n}", "volume": str(100 + n), "page": str(n)}
             for n in range(30)]  # same title, author and journal, other volumes
    store = Snapshot(tmp_path / "s.sqlite")
    store.load(_write(tmp_path / "w.jsonl", [*twins, WORK]))
    text = "Zanos P. Mechanisms of ketamine action. Mol Psychiatry. 2018;23:801-811.\n"
    refs = parse_references(split_text(text).references, 1)
    service = ResolutionService(snapshot=Snapshot(tmp_path / "s.sqlite", writable=False),
                                offline=True)
    [resolved] = asyncio.run(service.resolve_all(refs))
    assert resolved.resolution.doi == "10.1000/abc#x"
    wrong = parse_references(split_text(text.replace("801-811", "5-9").replace("23", "7"))
                             .references, 1)
    [other] = asyncio.run(service.resolve_all(wrong))
    assert other.resolution.doi != "10.1000/abc#x"


def test_a_titles_opening_words_find_its_work(tmp_path: Path) -> None:
    from auditor.resolvers.snapshot import title_key

    store = Snapshot(tmp_path / "s.sqlite")
    book = {**WORK, "DOI": "10.1/book", "title": ["Ketamine: a history of the drug, 1962-2020"],
            "volume": None, "page": None}
    store.load(_write(tmp_path / "w.jsonl", [WORK, book]))
    reader = Snapshot(tmp_path / "s.sqlite", writable=False)
    # case, accents and punctuation aside; a subtitle or a cut end does not matter
    assert [w["DOI"] for w in reader.by_title("KETAMINE — a History of the drug 1962")] == [
        "10.1/book"]
    assert reader.by_title("Mechanisms") == []  # too short to key one work
    assert title_key("Book reviews") is None


def test_a_store_built_before_the_title_key_gets_it_at_its_next_load(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite"
    Snapshot(path).load(_write(tmp_path / "a.jsonl", [WORK]))
    db = sqlite3.connect(path)  # make it an old store: no title key column, no index
    db.execute("DROP INDEX works_title")
    db.execute("ALTER TABLE works DROP COLUMN title_key")
    db.commit()
    db.close()
    assert Snapshot(path, writable=False).by_title("Mechanisms of ketamine action") == []
    renamed = {**WORK, "DOI": "10.1/new", "title": ["Glutamate signalling in the cortex"]}
    Snapshot(path).load(_write(tmp_path / "b.jsonl", [renamed]))
    reader = Snapshot(path, writable=False)
    assert [w["DOI"] for w in reader.by_title("Glutamate signalling in the cortex")] == [
        "10.1/new"]
