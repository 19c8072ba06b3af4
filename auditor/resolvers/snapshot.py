"""The snapshot store: SQLite (stdlib) of Crossref-format work records, with FTS5 search.

It is the embedded default source: offline and private audits resolve against it, and it is
consulted first online. Absence from it is an answer (``not_found``) only for what the user
granted a load authority over (``--authoritative-prefix``, ``--authoritative`` on Crossref
public-data files, ``--authoritative-pmids``); a file's header never grants it in a store.
Everywhere else absence is ``unverified: not-in-snapshot``.
"""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from auditor.errors import InputError
from auditor.parse.normalize import fold
from auditor.resolvers.records import (
    Work,
    family_names,
    first,
    first_page,
    is_notice,
    notice_date,
    search_text,
    year_of,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS works (
    id INTEGER PRIMARY KEY, doi TEXT UNIQUE NOT NULL, data TEXT NOT NULL, first_author TEXT,
    year INTEGER, volume TEXT, first_page TEXT, title_key TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS works_fts USING fts5(
    title, authors, container, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS works_vocab_col USING fts5vocab(works_fts, 'col');
CREATE INDEX IF NOT EXISTS works_locator ON works(volume, first_page);
CREATE INDEX IF NOT EXISTS works_title ON works(title_key);
CREATE TABLE IF NOT EXISTS ids (pmid TEXT, pmcid TEXT, doi TEXT);
CREATE INDEX IF NOT EXISTS ids_pmid ON ids(pmid);
CREATE INDEX IF NOT EXISTS ids_pmcid ON ids(pmcid);
CREATE INDEX IF NOT EXISTS ids_doi ON ids(doi);
CREATE TABLE IF NOT EXISTS updates (
    target TEXT, notice TEXT, type TEXT, date TEXT, label TEXT, PRIMARY KEY (target, notice, type)
);
CREATE TABLE IF NOT EXISTS coverage (kind TEXT, value TEXT, PRIMARY KEY (kind, value));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
BATCH = 2000
SEARCH_TERMS = 8  # the rarest query words that occur in the store; more only slow the search
# A word in more works than this narrows no search, and ranking its works is what makes a
# search slow down as the store grows (at 1M works: 706 -> 1,583 refs/s, recall unchanged).
MAX_TERM_WORKS = 2_000
META_KEY = "_snapshot"


@dataclass(frozen=True)
class LoadStats:
    works: int = 0
    id_rows: int = 0
    skipped: int = 0
    authoritative_for: tuple[str, ...] = ()  # coverage rows this load added
    ignored_claim: bool = False  # the file's header claimed authority; nobody granted it


@dataclass(frozen=True)
class Authority:
    """What absence from a load may answer as ``not_found``. Only the user grants it: on the
    command line per DOI prefix, or for whole Crossref public-data files; a file's own header
    counts only where the user named that file for one run (``audit --snapshot FILE``)."""

    prefixes: frozenset[str] = frozenset()
    all_prefixes: bool = False  # every prefix the load holds
    pmids: bool = False  # PMIDs, when the load carries an id map

    @property
    def any(self) -> bool:
        return bool(self.prefixes) or self.all_prefixes or self.pmids


def header_authority(meta: dict[str, Any]) -> Authority:
    """The authority a file's ``_snapshot`` header claims."""
    listed = frozenset(str(p).lower() for p in meta.get("authoritative_prefixes") or [])
    whole = bool(meta.get("authoritative")) and not listed
    return Authority(listed, whole, bool(meta.get("pmids", whole)) and (whole or bool(listed)))


def is_public_data_file(path: Path) -> bool:
    """A Crossref public-data file is one ``{"items": [...]}`` document (gzip or not)."""
    with _open_text(path) as handle:
        head = handle.read(64).lstrip()
    return head.startswith("{") and head[1:].lstrip().startswith('"items"')


@dataclass(frozen=True)
class LoadLimits:
    """What one snapshot file may cost to read, whatever it claims to be."""

    gzip_ratio: int = 50  # real Crossref JSON compresses about 10:1; a bomb, thousands
    gzip_floor: int = 64 * 1024 * 1024  # small files may expand past the ratio up to this
    line_bytes: int = 16 * 1024 * 1024  # one JSON Lines record (a work is a few kB)
    # A whole-document {"items": [...]} file: a Crossref public-data file holds ~30 MB.
    document_bytes: int = 64 * 1024 * 1024


LIMITS = LoadLimits()


class _CappedGzip(gzip.GzipFile):
    """A gzip stream that stops with an input error once it expands past the limits."""

    def __init__(self, path: Path, raw: IO[bytes]) -> None:
        super().__init__(fileobj=raw)
        self._path = path
        self._budget = max(LIMITS.gzip_floor, LIMITS.gzip_ratio * path.stat().st_size)
        self._out = 0

    def read(self, size: int | None = -1) -> bytes:
        return self._counted(super().read(size))

    def read1(self, size: int = -1) -> bytes:
        return self._counted(super().read1(size))

    def _counted(self, data: bytes) -> bytes:
        self._out += len(data)
        if self._out > self._budget:
            raise InputError(f"{self._path}: expands to over {self._budget:,} bytes "
                             f"({LIMITS.gzip_ratio}x its size); not a snapshot file")
        return data


def _open_text(path: Path) -> IO[str]:
    raw = path.open("rb")
    head = raw.read(2)
    raw.seek(0)
    stream = cast(IO[bytes], _CappedGzip(path, raw) if head == b"\x1f\x8b" else raw)
    return io.TextIOWrapper(stream, encoding="utf-8")


def _line(handle: IO[str], path: Path, number: int, limit: int | None = None) -> str:
    """One line, at most ``LIMITS.line_bytes`` long (a runaway line is not a record)."""
    cap = limit or LIMITS.line_bytes
    text = handle.readline(cap + 1)
    if len(text) > cap:
        raise InputError(f"{path}:{number}: a line over {cap:,} characters (a snapshot file is "
                         "JSON Lines of works, or one public-data file of at most that size)")
    return text


def _unwrap(obj: Any) -> Any:
    """Accept a bare work, a ``/works/{doi}`` response, or a list response's items."""
    if isinstance(obj, dict) and obj.get("message-type") == "work":
        return obj.get("message")
    if isinstance(obj, dict) and obj.get("message-type") == "work-list":
        return (obj.get("message") or {}).get("items", [])
    if isinstance(obj, dict) and isinstance(obj.get("items"), list):
        return obj["items"]
    return obj


def iter_objects(path: Path) -> Iterator[dict[str, Any]]:
    """Stream the objects of a JSON Lines file (gz or not) or a ``{"items": [...]}`` file."""
    with _open_text(path) as handle:
        # The first line may be a whole public-data file ({"items": [...]} on one line).
        line, number = "", 0
        while not line.strip():
            number += 1
            line = _line(handle, path, number, LIMITS.document_bytes)
            if not line:
                return
        try:
            obj = json.loads(line)
            whole = False
        except json.JSONDecodeError:
            whole = True
        if whole:  # a single JSON document spread over lines
            body = handle.read(LIMITS.document_bytes + 1)
            if len(body) > LIMITS.document_bytes:
                raise InputError(f"{path}: a single JSON document over "
                                 f"{LIMITS.document_bytes:,} characters; use JSON Lines")
            try:
                obj = json.loads(line + body)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{exc.lineno}: not JSON Lines or JSON ({exc.msg})"
                                 ) from None
            yield from _as_list(_unwrap(obj))
            return
        yield from _as_list(_unwrap(obj))
        while text := _line(handle, path, number + 1):
            number += 1
            if text.strip():
                try:
                    yield from _as_list(_unwrap(json.loads(text)))
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from None


def _as_list(obj: Any) -> Iterator[dict[str, Any]]:
    if isinstance(obj, list):
        yield from (o for o in obj if isinstance(o, dict))
    elif isinstance(obj, dict):
        yield obj


class Snapshot:
    """A snapshot store on disk (or ``:memory:``)."""

    def __init__(self, path: str | Path = ":memory:", writable: bool = True) -> None:
        """Open a store. Only a load writes (``writable``): an audit opens the file
        read-only, so it never needs the write lock a running load holds, works on a
        read-only file, and cannot turn another program's database into a store."""
        self.path = str(path)
        self._local = threading.local()
        self._frequency: dict[str, int] = {}
        self._indexes: dict[str, bool] = {}  # which search indexes the store has, once read
        try:
            if writable or self.path == ":memory:":
                self.db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
                self._create()
            else:
                self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                          check_same_thread=False, timeout=30)
                self._check_schema()
        except sqlite3.Error as exc:
            raise InputError(f"{self.path}: {_store_problem(exc)}") from None

    def _create(self) -> None:
        if self.path != ":memory:":
            self.db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a load
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(works)")}
        if columns and "title_key" not in columns:  # a store built before the title key
            self.db.execute("ALTER TABLE works ADD COLUMN title_key TEXT")
        self.db.executescript(SCHEMA)
        # Rank by bm25 weighted towards titles, kept in the table so ORDER BY rank uses it.
        self.db.execute("INSERT INTO works_fts(works_fts, rank) "
                        "VALUES ('rank', 'bm25(3.0, 2.0, 1.0)')")  # title, authors, container
        self.db.commit()

    def _has_index(self, name: str) -> bool:
        if name not in self._indexes:
            self._indexes[name] = self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
            ).fetchone() is not None
        return self._indexes[name]

    def by_title(self, title: str, limit: int = 50) -> list[Work]:
        """Works whose title opens with the same words (:func:`title_key`): a reference
        without volume and page (a book, a paper in proceedings) is still settled by a key."""
        key = title_key(title)
        if key is None or not self._has_index("works_title"):
            return []
        rows = self._reader().execute("SELECT data FROM works WHERE title_key = ? LIMIT ?",
                                      (key, limit)).fetchall()
        return [json.loads(r[0]) for r in rows]

    @property
    def has_locator_index(self) -> bool:
        """Whether the store indexes works by volume and first page (stores built before the
        index are searched by full text only: a lookup without it would scan every row)."""
        return self._has_index("works_locator")

    def by_locator(self, volume: str, page: str, limit: int = 50) -> list[Work]:
        """Works printed at this volume and first page: a handful even among millions, so
        a reference that gives both is settled without a full-text search."""
        if not self.has_locator_index:
            return []
        rows = self._reader().execute(
            "SELECT data FROM works WHERE volume = ? AND first_page = ? LIMIT ?",
            (volume, page, limit)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def _check_schema(self) -> None:
        tables = {name for (name,) in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        missing = {"works", "works_fts", "ids", "updates", "coverage", "meta"} - tables
        if missing:
            raise InputError(f"{self.path}: not a refauditor snapshot store (no "
                             f"{', '.join(sorted(missing))} table); build one with "
                             "'refauditor snapshot load'")

    def close(self) -> None:
        self.db.close()

    # -- loading -----------------------------------------------------------------------
    def load(self, path: Path, authority: Authority | None = None,
             trust_header: bool = False) -> LoadStats:
        """Load one file in bounded memory (batched inserts, streamed reading). Absence
        becomes an answer only for what ``authority`` grants, or what the file's header
        claims when ``trust_header`` (a file the user named for one run, not a store)."""
        works: list[Work] = []
        ids: list[tuple[str | None, str | None, str | None]] = []
        stats = [0, 0, 0]
        prefixes: set[str] = set()
        covers_pmids = False
        claimed = Authority()
        for obj in iter_objects(path):
            if META_KEY in obj:
                claimed = header_authority(obj[META_KEY])
                if obj[META_KEY].get("note"):
                    self._set_meta(f"note:{path.name}", str(obj[META_KEY]["note"]))
                continue
            if "DOI" in obj:
                works.append(obj)
                prefixes.add(str(obj["DOI"]).lower().split("/")[0])
            elif {"pmid", "pmcid", "doi"} & set(obj):
                ids.append(_id_row(obj))
                covers_pmids = covers_pmids or bool(obj.get("pmid"))
            else:
                stats[2] += 1
            if len(works) >= BATCH:
                stats[0] += self._insert_works(works)
                works = []
            if len(ids) >= BATCH:
                stats[1] += self._insert_ids(ids)
                ids = []
        stats[0] += self._insert_works(works)
        stats[1] += self._insert_ids(ids)
        self._frequency.clear()
        granted = claimed if trust_header and authority is None else (authority or Authority())
        rows = [("doi-prefix", p) for p in sorted(prefixes if granted.all_prefixes
                                                  else granted.prefixes)]
        if granted.pmids and covers_pmids:
            rows.append(("pmid", "*"))
        self.db.executemany("INSERT OR IGNORE INTO coverage VALUES (?, ?)", rows)
        result = LoadStats(stats[0], stats[1], stats[2], tuple(f"{k}:{v}" for k, v in rows),
                           claimed.any and granted is not claimed)
        self._record_load(path, result)
        self.db.commit()
        return result

    def _record_load(self, path: Path, stats: LoadStats) -> None:
        """Keep what each load brought and covered, for ``snapshot info``."""
        number = self.db.execute("SELECT COUNT(*) FROM meta WHERE key LIKE 'load:%'").fetchone()[0]
        self._set_meta(f"load:{number + 1:06d}", json.dumps({
            "file": str(path), "works": stats.works, "id_rows": stats.id_rows,
            "authoritative_for": list(stats.authoritative_for),
            "header_claim_ignored": stats.ignored_claim}))

    def _ids(self, dois: list[str]) -> dict[str, int]:
        marks = ",".join("?" * len(dois))
        return dict(self.db.execute(f"SELECT doi, id FROM works WHERE doi IN ({marks})", dois))

    def _insert_works(self, works: list[Work]) -> int:
        """Upsert a batch; the search index is keyed by the works' row id, so replacing a
        record touches one index row instead of scanning the index."""
        latest = {str(w["DOI"]).lower(): w for w in works}  # a DOI twice in a batch: last wins
        if not latest:
            return 0
        rows = []
        for doi, w in latest.items():
            authors = family_names(w)
            rows.append((doi, json.dumps(w, ensure_ascii=False),
                         authors[0].lower() if authors else None, year_of(w),
                         str(w.get("volume") or "") or None, first_page(w),
                         title_key(first(w.get("title")))))
        dois = list(latest)
        old = self._ids(dois)
        self.db.executemany("DELETE FROM works_fts WHERE rowid = ?", [(i,) for i in old.values()])
        self.db.executemany(
            "INSERT INTO works (doi, data, first_author, year, volume, first_page, title_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(doi) DO UPDATE SET data = excluded.data, "
            "first_author = excluded.first_author, year = excluded.year, "
            "volume = excluded.volume, first_page = excluded.first_page, "
            "title_key = excluded.title_key", rows)
        ids = self._ids(dois)
        texts = {doi: search_text(w) for doi, w in latest.items()}
        self.db.executemany(
            "INSERT INTO works_fts (rowid, title, authors, container) VALUES (?, ?, ?, ?)",
            [(ids[d], t["title"], t["authors"], t["container"]) for d, t in texts.items()])
        self.db.executemany("INSERT OR IGNORE INTO updates VALUES (?, ?, ?, ?, ?)",
                            [u for w in latest.values() for u in _update_rows(w)])
        return len(rows)

    def _insert_ids(self, rows: list[tuple[str | None, str | None, str | None]]) -> int:
        """Id-map rows, one per identifier: a later row for the same PMID, PMCID or DOI
        replaces the earlier (a corrected mapping wins; a reload adds no copies)."""
        rows = list({(r[0] or r[1] or r[2]): r for r in rows}.values())
        for column, at in (("pmid", 0), ("pmcid", 1), ("doi", 2)):
            self.db.executemany(f"DELETE FROM ids WHERE {column} = ?",
                                [(r[at],) for r in rows if r[at]])
        self.db.executemany("INSERT INTO ids VALUES (?, ?, ?)", rows)
        return len(rows)

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- queries -----------------------------------------------------------------------
    def work(self, doi: str) -> Work | None:
        row = self.db.execute("SELECT data FROM works WHERE doi = ?", (doi.lower(),)).fetchone()
        return json.loads(row[0]) if row else None

    def issue_works(self, issn: str, volume: str | None = None, issue: str | None = None,
                    prefix: str | None = None) -> list[Work]:
        """The works of one journal (by ISSN) in the store, of one volume and issue when
        given, ordered by first page then DOI."""
        query = "SELECT data FROM works WHERE data LIKE ?"
        args: list[str] = [f'%{issn.upper()}%']
        if volume:
            query += " AND volume = ?"
            args.append(volume)
        if prefix:
            query += " AND doi LIKE ?"
            args.append(prefix.lower().rstrip("/") + "/%")
        found = [json.loads(row[0]) for row in self._reader().execute(query, args)]
        return sorted((w for w in found if in_issue(w, issn, volume, issue)),
                      key=lambda w: (_page_key(w), str(w.get("DOI", ""))))

    def doi_for(self, kind: str, value: str) -> str | None:
        """DOI for a PMID or PMCID from the id map (or from records that carry one)."""
        column = "pmid" if kind == "pmid" else "pmcid"
        row = self.db.execute(f"SELECT doi FROM ids WHERE {column} = ? AND doi IS NOT NULL",
                              (value.upper() if kind == "pmcid" else value,)).fetchone()
        return str(row[0]).lower() if row else None

    def ids_for_doi(self, doi: str) -> dict[str, str]:
        row = self.db.execute("SELECT pmid, pmcid FROM ids WHERE doi = ?",
                              (doi.lower(),)).fetchone()
        return {k: v for k, v in zip(("pmid", "pmcid"), row or (), strict=False) if v}

    def covers(self, kind: str, value: str) -> bool:
        """Whether an authoritative load covered this DOI (by prefix) or PMIDs."""
        key = ("doi-prefix", value.lower().split("/")[0]) if kind == "doi" else (kind, "*")
        return self.db.execute("SELECT 1 FROM coverage WHERE kind = ? AND value = ?",
                               key).fetchone() is not None

    def _reader(self) -> sqlite3.Connection:
        """A connection of the calling thread for searches (a file store only), so a threaded
        server (the loopback double) can search from its handler threads side by side."""
        if self.path == ":memory:" or threading.current_thread() is threading.main_thread():
            return self.db
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self._local.conn = conn
        return conn

    def _document_frequency(self, terms: list[str]) -> dict[str, int]:
        """How many works hold each term in their title or authors (the searched columns; 0:
        none), cached until the next load: common words recur in every query."""
        known = {t: self._frequency.get(t) for t in terms}
        missing = [t for t, n in known.items() if n is None]
        if missing:
            marks = ",".join("?" * len(missing))
            found = dict(self._reader().execute(
                f"SELECT term, sum(doc) FROM works_vocab_col WHERE term IN ({marks}) "
                "AND col IN ('title', 'authors') GROUP BY term", missing).fetchall())
            fill = {t: int(found.get(t, 0)) for t in missing}
            if len(self._frequency) > 500_000:
                self._frequency.clear()  # bounded memory on huge stores
            self._frequency.update(fill)
            known.update(fill)
        return {t: n or 0 for t, n in known.items()}

    def search(self, words: list[str], limit: int = 10, terms: int = SEARCH_TERMS) -> list[Work]:
        """Works whose title or authors match the most of ``words`` (FTS5 bm25).

        Only the rarest words that occur in the store are searched, none in more than
        ``MAX_TERM_WORKS`` works: a word in thousands of titles makes FTS rank thousands of
        rows yet barely moves the ranking, and a word the store lacks matches nothing. Eight
        rare words find the right record more often than ten long ones, at about twice the
        speed; ``terms`` narrows the search further.
        """
        candidates = [w for w in dict.fromkeys(words) if len(w) > 2 and w.isalnum()][:40]
        frequency = self._document_frequency(candidates)
        rarest = sorted((t for t in candidates if 0 < frequency[t] <= MAX_TERM_WORKS),
                        key=frequency.__getitem__)
        if not rarest:
            return []
        # Titles and authors only: journal words match half the store and slow the ranking.
        query = ("{title authors}: ("
                 + " OR ".join(f'"{t}"' for t in rarest[:terms]) + ")")
        rows = self._reader().execute(
            "SELECT w.data FROM works_fts f JOIN works w ON w.id = f.rowid "
            "WHERE works_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def notices_for(self, doi: str) -> list[dict[str, Any]]:
        """Notices in the store whose ``update-to`` names ``doi``."""
        rows = self.db.execute("SELECT notice, type, date, label FROM updates WHERE target = ?",
                               (doi.lower(),)).fetchall()
        return [{"DOI": n, "type": t, "date": d, "label": label} for n, t, d, label in rows]

    def info(self) -> dict[str, Any]:
        count = self.db.execute("SELECT COUNT(*) FROM works").fetchone()[0]
        ids = self.db.execute("SELECT COUNT(*) FROM ids").fetchone()[0]
        pmids = self.db.execute("SELECT COUNT(*) FROM ids WHERE pmid IS NOT NULL").fetchone()[0]
        coverage = [f"{k}:{v}" for k, v in self.db.execute(
            "SELECT kind, value FROM coverage ORDER BY kind, value")]
        notes = [v for (v,) in self.db.execute("SELECT value FROM meta WHERE key LIKE 'note:%'")]
        loads = [json.loads(v) for (v,) in self.db.execute(
            "SELECT value FROM meta WHERE key LIKE 'load:%' ORDER BY key")]
        return {"path": self.path, "works": count, "id_map_rows": ids, "pmids": pmids,
                "authoritative_for": coverage, "loads": loads, "notes": notes}


TITLE_KEY_WORDS = 6  # the opening words of a title that key it: a subtitle or a cut end
MIN_TITLE_KEY_WORDS = 3  # fewer ("Editorial", "Book reviews") key too many works


def title_key(title: str | None) -> str | None:
    """The key of a title: its first words, folded (no case, accents or punctuation)."""
    words = fold(title or "").split()
    if len(words) < MIN_TITLE_KEY_WORDS:
        return None
    return " ".join(words[:TITLE_KEY_WORDS])


def _store_problem(exc: sqlite3.Error) -> str:
    """One line for what went wrong opening a store."""
    text = str(exc)
    if "locked" in text:
        return "the store is locked by another program (a load in progress?); try again"
    if "readonly" in text or "read-only" in text:
        return "the store is read-only; loading needs write access"
    if "not a database" in text or "malformed" in text:
        return "not a SQLite database, or a damaged one"
    return f"cannot open the store ({text})"


def _update_rows(work: Work) -> list[tuple[str, str, str, str | None, str | None]]:
    """``update-to`` entries of a notice, as (target, notice, type, date, label) rows."""
    doi = str(work.get("DOI") or "").lower()
    rows: list[tuple[str, str, str, str | None, str | None]] = []
    if not is_notice(work):
        return rows  # reciprocal links on a research work point at its notices, not targets
    for entry in work.get("update-to") or []:
        target = str(entry.get("DOI") or "").lower()
        if target and target != doi:
            rows.append((target, doi, str(entry.get("type") or ""), notice_date(entry),
                         entry.get("label")))
    return rows


def _id_row(obj: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    pmid = str(obj["pmid"]).strip() if obj.get("pmid") else None
    pmcid = str(obj["pmcid"]).strip().upper() if obj.get("pmcid") else None
    doi = str(obj["doi"]).strip().lower() if obj.get("doi") else None
    return pmid, pmcid, doi


def in_issue(work: Work, issn: str, volume: str | None, issue: str | None) -> bool:
    """Whether ``work`` is in that journal (any of its ISSNs), volume and issue."""
    issns = {str(i).upper() for i in work.get("ISSN") or []}
    issns |= {str(i.get("value", "")).upper() for i in work.get("issn-type") or []
              if isinstance(i, dict)}
    return (issn.upper() in issns and (not volume or str(work.get("volume") or "") == volume)
            and (not issue or str(work.get("issue") or "") == issue))


def _page_key(work: Work) -> tuple[int, str]:
    page = str(work.get("page") or "").split("-")[0]
    return (int(page), "") if page.isdigit() else (1 << 30, page)


def open_snapshot(path: str | Path) -> Snapshot:
    """A store file, or a loadable file (JSONL/JSON, gz or not) loaded into memory."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such snapshot")
    if p.is_dir():
        raise InputError(f"{path}: is a folder, not a snapshot")
    with p.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"SQLite format 3"):
        return Snapshot(p, writable=False)
    store = Snapshot(":memory:")
    store.load(p, trust_header=True)  # the user named this file for this run
    return store


__all__ = ["Authority", "LoadStats", "Snapshot", "first", "is_public_data_file", "open_snapshot"]
