"""Planted-defect evaluation of the verdict checks: recall per defect class, false alarms.

    python -m benchmarks.verdict_eval [--refs N] [--seed S]

Takes N real reference strings from ../shared/data/matching/pmc-refs-dev.jsonl, builds an
authoritative snapshot of their gold records (DOI, title, first author, journal, volume, first
page, PMID, and the year printed in the string), plants one defect in each of a few disjoint
samples, and audits the whole list offline through the real pipeline:

  wrong DOI digit      -> wrong-identifier     DOI of another listed work -> wrong-identifier
  DOI + another's PMID -> identifier-conflict  year changed by two        -> metadata-mismatch
  fabricated reference -> not-found            copy of an entry           -> duplicate-reference
  retraction in the snapshot -> retracted

Recall counts a planted defect as found when its expected check fires on that entry. False
alarms are findings at warning or above on the untouched entries, per 100 entries. Only
strings that name their gold first author at the start are used: one that lost or replaced
it is a defect already, and a finding on it is no false alarm.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from auditor.formats.json_format import report_json
from auditor.pipeline import AuditOptions, run_audit
from auditor.resolvers.factory import ResolverConfig

GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "matching" / \
    "pmc-refs-dev.jsonl"
EXPECTED = {
    "wrong-doi-digit": "RA402", "doi-of-another-work": "RA402", "doi-pmid-swap": "RA403",
    "year-off": "RA401", "fabricated": "RA404", "duplicate": "RA101", "retracted": "RA405",
}
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-2]\d)(?!\d)")


def clean_ref(raw: str) -> str:
    """One line per reference, joined as the splitter joins wrapped lines."""
    text = re.sub(r"([a-z])-\s*\n\s*([a-z])", r"\1\2", raw)
    text = re.sub(r"([/.-])\s*\n\s*(?=\S)", r"\1", text)  # DOIs and URLs broken at / . -
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\(?\bdoi:?\s*$", "", text).strip()


def _letters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text).lower() if ch.isalpha())


def usable(row: dict[str, Any]) -> bool:
    """A string fit to stand for a correct reference: it has a year, no identifier, and it
    names the work's gold first author where an entry starts (a string whose first author
    was lost in extraction, or that starts with another author, is itself a defect, and a
    finding on it is no false alarm)."""
    text = clean_ref(row["reference"])
    names_first = _letters(row.get("firstAuthor") or "-") in _letters(text[:60])
    return bool(row.get("atitle") and row.get("firstAuthor") and _YEAR.search(text)
                and not re.search(r"10\.\d{4,9}/|PMID", text) and 60 < len(text) < 600
                and names_first)


def record(row: dict[str, Any], year: int) -> dict[str, Any]:
    work: dict[str, Any] = {
        "DOI": row["doi"].lower(), "type": "journal-article", "title": [row["atitle"]],
        "author": [{"family": row["firstAuthor"]}], "container-title": [row.get("jtitle") or ""],
        "issued": {"date-parts": [[year]]}}
    if row.get("volume"):
        work["volume"] = row["volume"]
    if row.get("firstPage"):
        work["page"] = row["firstPage"]
    return work


def mutate_doi(doi: str, rng: random.Random) -> str:
    digits = [i for i, c in enumerate(doi) if c.isdigit() and i > doi.index("/")]
    i = rng.choice(digits)
    return doi[:i] + str((int(doi[i]) + rng.randint(1, 8)) % 10) + doi[i + 1 :]


def plant(rows: list[dict[str, Any]], rng: random.Random) -> tuple[
        list[str], list[dict[str, Any]], dict[int, str]]:
    """Reference lines, snapshot lines, and the planted defect of each defective entry."""
    years = [int(_YEAR.search(clean_ref(r["reference"])).group(1)) for r in rows]  # type: ignore[union-attr]
    works = [record(r, y) for r, y in zip(rows, years, strict=True)]
    lines = [clean_ref(r["reference"]) for r in rows]
    order = list(range(len(rows)))
    rng.shuffle(order)
    per = max(5, len(rows) // 20)
    samples = {name: order[i * per : (i + 1) * per] for i, name in enumerate(EXPECTED)}
    planted: dict[int, str] = {}
    extra_snapshot: list[dict[str, Any]] = []
    for i in samples["wrong-doi-digit"]:
        lines[i] += f" doi: {mutate_doi(rows[i]['doi'], rng)}"
        planted[i] = "wrong-doi-digit"
    for i in samples["doi-of-another-work"]:
        other = rows[(i + 7) % len(rows)]["doi"]
        lines[i] += f" doi: {other}"
        planted[i] = "doi-of-another-work"
    with_pmid = [i for i in range(len(rows)) if rows[i].get("pmid")]
    for i in samples["doi-pmid-swap"]:
        other = next(j for j in with_pmid if j != i and rows[j]["pmid"] != rows[i].get("pmid"))
        lines[i] += f" doi: {rows[i]['doi']}. PMID: {rows[other]['pmid']}"
        planted[i] = "doi-pmid-swap"
    for i in samples["year-off"]:
        lines[i] = _YEAR.sub(lambda m: str(int(m.group(1)) + 2), lines[i], count=1) + \
            f" doi: {rows[i]['doi']}"
        planted[i] = "year-off"
    for i in samples["retracted"]:
        lines[i] += f" doi: {rows[i]['doi']}"
        works[i]["updated-by"] = [{"DOI": f"10.99999/retraction.{i}", "type": "retraction",
                                   "label": "Retraction", "updated": {"date-parts": [[2022, 1, 5]]}}]
        planted[i] = "retracted"
    extra_lines: list[tuple[str, str]] = []
    for n, i in enumerate(samples["fabricated"]):
        a, b = rows[i], rows[(i + 13) % len(rows)]
        words = (a["atitle"].split()[: len(a["atitle"].split()) // 2]
                 + b["atitle"].split()[len(b["atitle"].split()) // 2 :])
        prefix = a["doi"].split("/")[0]
        extra_lines.append((f"{a['firstAuthor']} A, Fabricius B. {' '.join(words)}. "
                            f"{a.get('jtitle') or 'J Res'}. {years[i]};{a.get('volume') or 1}:"
                            f"{a.get('firstPage') or 1}-9. doi: {prefix}/fabricated.{n}xq7",
                            "fabricated"))
    for i in samples["duplicate"]:
        extra_lines.append((lines[i], "duplicate"))
    for text, kind in extra_lines:
        lines.append(text)
        planted[len(lines) - 1] = kind
    snapshot = [{"_snapshot": {"authoritative": True, "pmids": True}}, *works, *extra_snapshot]
    snapshot += [{"pmid": r["pmid"], "doi": r["doi"].lower()} for r in rows if r.get("pmid")]
    return lines, snapshot, planted


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--refs", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", action="store_true", help="print each false alarm")
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"{GOLD} not found", file=sys.stderr)
        return 2
    rows = [r for r in (json.loads(x) for x in GOLD.read_text("utf-8").splitlines() if x)
            if usable(r)]
    rows = list({r["doi"].lower(): r for r in rows}.values())[: args.refs]
    rng = random.Random(args.seed)
    lines, snapshot, planted = plant(rows, rng)
    with tempfile.TemporaryDirectory() as tmp:
        list_path = Path(tmp) / "list.txt"
        list_path.write_text("\n".join(lines) + "\n", "utf-8")
        snap_path = Path(tmp) / "snapshot.jsonl"
        snap_path.write_text("\n".join(json.dumps(x) for x in snapshot) + "\n", "utf-8")
        report = run_audit([str(list_path)], AuditOptions(from_kind="lines", offline=True),
                           ResolverConfig(offline=True, snapshot=str(snap_path)))
    doc = report_json(report)["documents"][0]
    fired: dict[int, set[str]] = defaultdict(set)
    loud: dict[int, list[str]] = defaultdict(list)
    for f in doc["findings"]:
        for ref_id in f["references"]:
            index = int(ref_id.split(":r")[1]) - 1
            fired[index].add(f["code"])
            if f["severity"] in ("warning", "error"):
                loud[index].append(f["code"])
    originals = {i for i, k in planted.items() if k == "duplicate"}
    duplicated = {lines.index(lines[i]) for i in originals}
    print(f"{len(lines)} entries, {len(planted)} with a planted defect; offline, authoritative "
          f"snapshot of {len(rows)} gold records")
    print(f"{'defect':<22}{'expected':<22}{'found':>7}{'planted':>9}{'recall':>8}")
    recalls = []
    for kind, code in EXPECTED.items():
        idx = [i for i, k in planted.items() if k == kind]
        hit = sum(1 for i in idx if code in fired[i])
        recalls.append(hit / len(idx))
        print(f"{kind:<22}{code:<22}{hit:>7}{len(idx):>9}{hit / len(idx):8.3f}")
    clean = [i for i in range(len(lines)) if i not in planted and i not in duplicated]
    # The pooled list mixes the styles of hundreds of papers: RA104 is right to say so and is
    # reported apart; every other warning on an untouched entry counts as a false alarm.
    style = sum(1 for i in clean for c in loud[i] if c == "RA104")
    alarms = [(i, c) for i in clean for c in loud[i] if c != "RA104"]
    rate = 100 * len(alarms) / len(clean)
    print(f"false alarms: {len(alarms)} warning-or-worse findings on {len(clean)} untouched "
          f"entries = {rate:.2f} per 100 (target <= 1); by check: "
          f"{dict(Counter(c for _, c in alarms))}")
    if args.show:
        by_index = {int(f["references"][0].split(":r")[1]) - 1: f for f in doc["findings"]
                    if f["references"] and f["code"] != "RA104" and f["severity"] != "info"}
        for i, code in alarms:
            print(f"  {code} entry {i + 1}: {lines[i][:120]}\n      {by_index[i]['message']}")
    print(f"(inconsistent-style, expected on a pooled list, named {style} untouched entries)")
    print(f"min recall {min(recalls):.3f} (target >= 0.95 per class)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
