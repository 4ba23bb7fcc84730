#!/usr/bin/env python3
"""Score a real-news batch: the page texts live outside the repository.

The repository keeps, per batch, ``tests/extraction/realnews/batchN/``
(``articles.yaml``: url, host, outlet, published, lang; ``gold/``: the
annotations). The page texts are other people's writing and stay in a folder
outside the repository (``--text``, default ``../realnews/text/batchN``), with
a ``manifest.yaml`` that ``geograph extract`` reads.

usage: python tools/realnews.py N [--text DIR] [--verbose]

The first run on a batch is its first-contact score: record it in
docs/evaluation.md before fixing anything.
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score_relations.py"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("batch", type=int)
    ap.add_argument("--text", type=Path)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    batch = ROOT / "tests" / "extraction" / "realnews" / f"batch{a.batch}"
    text = a.text or ROOT.parent / "realnews" / "text" / f"batch{a.batch}"
    if not (batch / "gold").is_dir() or not text.is_dir():
        print(f"realnews: need {batch / 'gold'} and {text}", file=sys.stderr)
        return 2
    geograph = Path(sys.executable).with_name("geograph")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.jsonl"
        subprocess.run([str(geograph), "extract", str(text), "--out", str(out)], check=True)
        cmd = [sys.executable, str(SCORER), str(batch / "gold"), str(out)] + (["--verbose"] if a.verbose else [])
        return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main())
