#!/usr/bin/env python3
"""Score real-news batches: the page texts live outside the repository.

The repository keeps, per batch, ``tests/extraction/realnews/batchN/``
(``articles.yaml``: url, host, outlet, published, lang; ``gold/``: the
annotations). The page texts are other people's writing and stay in a folder
outside the repository (``--text-root``, default ``../realnews/text``, one
``batchN/`` folder per batch with a ``manifest.yaml`` that ``geograph extract``
reads). A page whose text is not there is left out of the score, and said so:
its gold would otherwise count as misses.

usage: python tools/realnews.py N [N ...] [--text-root DIR] [--verbose]
       python tools/realnews.py 163-170          (a range)

Prints one line per batch (P, R, F1, dated matches right) and, for several
batches, the pooled line. ``--verbose`` prints the shared scorer's report per
batch (each document, misses, extras). The first run on a batch is its
first-contact score: record it in docs/evaluation.md before fixing anything.
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score_relations.py"
COUNTS = ("tp", "fp", "fn", "date_ok", "with_date")


def batches(specs: list[str]) -> list[int]:
    """'163-165' and '170' -> [163, 164, 165, 170].

    >>> batches(["163-165", "170"])
    [163, 164, 165, 170]
    """
    out = []
    for spec in specs:
        lo, _, hi = spec.partition("-")
        out += range(int(lo), int(hi or lo) + 1)
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of counts (0.0 where undefined).

    >>> prf(3, 1, 1)
    (0.75, 0.75, 0.75)
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def line(name: str, c: dict) -> str:
    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    return (f"{name}: tp={c['tp']} fp={c['fp']} fn={c['fn']} P={p:.3f} R={r:.3f} F1={f:.3f} "
            f"dated {c['date_ok']} of {c['with_date']}")


def present(text: Path, have: set[str], tmp: Path) -> Path:
    """The folder to extract: ``text`` itself, or where its manifest lists pages whose text is missing (lost,
    never found again), a copy in a new folder under ``tmp`` of the texts there and their manifest entries, since
    ``geograph extract`` rightly refuses a manifest naming absent articles."""
    manifest = text / "manifest.yaml"
    entries = yaml.safe_load(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
    if set(entries or {}) <= have:
        return text
    spare = Path(tempfile.mkdtemp(dir=tmp))
    for page in text.iterdir():
        if page.stem in have:
            (spare / page.name).symlink_to(page.resolve())
    kept = {doc: meta for doc, meta in entries.items() if doc in have}
    (spare / "manifest.yaml").write_text(yaml.safe_dump(kept, allow_unicode=True), encoding="utf-8")
    return spare


def score_batch(scorer, n: int, text: Path, tmp: Path, verbose: bool) -> dict | None:
    gold_dir = ROOT / "tests" / "extraction" / "realnews" / f"batch{n}" / "gold"
    if not gold_dir.is_dir() or not text.is_dir():
        print(f"b{n}: need {gold_dir} and {text}", file=sys.stderr)
        return None
    have = {p.stem for p in text.iterdir() if p.suffix in (".txt", ".html", ".htm")}
    gold = scorer.load_gold(gold_dir)
    missing = sorted(set(gold) - have)
    if missing:
        print(f"b{n}: no text for {', '.join(missing)}: left out", file=sys.stderr)
    gold = {doc: rels for doc, rels in gold.items() if doc in have}
    out = tmp / f"b{n}.jsonl"
    geograph = Path(sys.executable).with_name("geograph")
    run = subprocess.run([str(geograph), "extract", str(present(text, have, tmp)), "--out", str(out)],
                         capture_output=True, text=True)
    if run.returncode:
        print(f"b{n}: geograph extract failed:\n{run.stderr}", file=sys.stderr)
        return None
    if verbose:   # the shared scorer's own report, on the same documents
        kept = tmp / f"gold{n}"
        kept.mkdir()
        for doc in gold:
            (kept / f"{doc}.yaml").write_bytes((gold_dir / f"{doc}.yaml").read_bytes())
        subprocess.run([sys.executable, str(SCORER), str(kept), str(out), "--verbose"])
    system, _ = scorer.load_system(out, set(gold))
    totals = scorer.score(gold, system)[0]
    return {k: totals.get(k, 0) for k in COUNTS}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("batch", nargs="+", help="batch numbers or ranges (163-170)")
    ap.add_argument("--text-root", type=Path, default=ROOT.parent / "realnews" / "text")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    try:
        numbers = batches(a.batch)
    except ValueError:
        ap.error(f"batches are numbers or ranges like 163-170, not {' '.join(a.batch)}")
    spec = importlib.util.spec_from_file_location("score_relations", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    pooled = dict.fromkeys(COUNTS, 0)
    scored = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n in numbers:
            counts = score_batch(scorer, n, a.text_root / f"batch{n}", Path(tmp), a.verbose)
            if counts is None:
                continue
            scored += 1
            print(line(f"b{n}", counts), flush=True)
            pooled = {k: pooled[k] + counts[k] for k in COUNTS}
    if scored > 1:
        print(line(f"pooled ({scored} batches)", pooled))
    return 0 if scored == len(numbers) else 2


if __name__ == "__main__":
    sys.exit(main())
