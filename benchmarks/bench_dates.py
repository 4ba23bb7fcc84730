"""Date grammar speed: DateGrammar.find sentences per second on one core (target: 20,000).

Sentences are the seed articles' and every rule example's, normalized, cycled
until the corpus holds ``--sentences``. Loading (babel + compiling) is timed
separately.

    python benchmarks/bench_dates.py [--sentences 50000] [--passes 3]
"""
from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from graph.dates import DateGrammar
from graph.documents import Document, read_documents
from graph.rules import load_schema

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=50_000)
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    grammar = DateGrammar.load(ROOT / "schema" / "dates.yaml")
    load_s = time.perf_counter() - t0
    schema = load_schema(ROOT / "schema")
    pool = [s.norm.text for d in read_documents([ROOT / "seeds"]) for s in d.sentences]
    pool += [s.norm.text for rule in schema.rules for ex in rule.examples
             for s in Document.from_text(ex.text).sentences]
    corpus = list(itertools.islice(itertools.cycle(pool), args.sentences))
    chars = sum(map(len, corpus))
    rates, found = [], 0
    for _ in range(args.passes):
        t0 = time.perf_counter()
        found = sum(len(grammar.find(s)) for s in corpus)
        rates.append(len(corpus) / (time.perf_counter() - t0))
    print(f"load+compile: {load_s * 1000:.0f} ms")
    print(f"corpus: {len(corpus)} sentences ({len(pool)} distinct), {chars / len(corpus):.0f} chars on average, "
          f"{found} date mentions")
    print(f"find: {max(rates):,.0f} sentences/s best, {sum(rates) / len(rates):,.0f} mean (target 20,000)")


if __name__ == "__main__":
    main()
