"""Extraction speed: sentences per second on one core (target: 5,000).

The corpus is built from the seed articles and every rule example, shuffled
into new documents of about 30 sentences until it holds at least 10,000
sentences (``--sentences``): denser in events than news, so a hard case. The
first pass runs with cold matcher caches. Rates are per CPU second of this one
process (wall-clock figures beside them vary with what else the machine runs).
Schema compilation is timed separately.

    python benchmarks/bench_extract.py [--sentences 10000] [--passes 3]
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from graph.documents import Document, read_documents, split_sentences
from graph.extract import Extractor
from graph.rules import load_schema

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(schema, target: int, seed: int = 7) -> list[Document]:
    rules = schema.sentence_rules   # as extraction splits them
    sentences = [s.text for d in read_documents([ROOT / "seeds"]) for s in split_sentences(d.text, rules)]
    sentences += [ex.text for rule in schema.rules for ex in rule.examples]
    rng = random.Random(seed)
    docs, n = [], 0
    while n < target:
        picked = [rng.choice(sentences) for _ in range(30)]
        docs.append(Document.from_text("\n".join(picked), id=f"bench{len(docs)}"))
        n += len(picked)
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=10_000)
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()
    t0 = time.perf_counter()
    schema = load_schema(ROOT / "schema")
    compile_s = time.perf_counter() - t0
    corpus = build_corpus(schema, args.sentences)
    n = sum(len(split_sentences(d.text, schema.sentence_rules)) for d in corpus)   # as extraction splits them
    extractor = Extractor(schema)
    rates, relations = [], 0
    for i in range(args.passes):
        docs = [Document.from_text(d.text, id=d.id) for d in corpus]   # fresh: sentence splitting is timed too
        t0, c0 = time.perf_counter(), time.process_time()
        relations = sum(len(extractor.extract(d)) for d in docs)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        rates.append(n / cpu)
        print(f"pass {i + 1}{' (cold caches)' if i == 0 else ''}: {n / cpu:,.0f} sentences per CPU second "
              f"({n / wall:,.0f} per wall-clock second)")
    print(f"schema compiled in {compile_s:.2f} s ({len(schema.entities)} entities, {len(schema.rules)} rules)")
    print(f"corpus: {len(corpus)} documents, {n:,} sentences, {relations} relations per pass")
    warm = sorted(rates[1:] or rates)
    print(f"extraction: {warm[len(warm) // 2]:,.0f} sentences/s on one core, median of the warm passes "
          f"(cold {rates[0]:,.0f}, worst {min(rates):,.0f}, best {max(rates):,.0f}; CPU time of this process); "
          "target 5,000")


if __name__ == "__main__":
    main()
