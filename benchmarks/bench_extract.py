"""Extraction speed: sentences per CPU second on one core (target: 10,000), beside its floors.

The corpus is built from the seed articles and every rule example, shuffled
into new documents of about 30 sentences until it holds at least 10,000
sentences (``--sentences``): denser in events than news, so a hard case. The
first pass runs with cold matcher caches. Rates are per CPU second of this one
process (wall-clock figures beside them vary with what else the machine runs).
Schema compilation is timed separately.

Printed beside extraction, on the same corpus and in the same run:

- the Aho-Corasick floor: the one compiled automaton of the sentence-wide
  matchers (lexicon, speech words, modality cues: graph.lexscan.SentenceScan)
  scanning every sentence's normalized text and nothing else, and the ratio
  extraction / floor;
- splitting into sentences and normalizing them alone.

    python benchmarks/bench_extract.py [--sentences 10000] [--passes 5]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from graph.documents import Document, read_documents, split_sentences
from graph.extract import Extractor
from graph.rules import load_schema

ROOT = Path(__file__).resolve().parents[1]
TARGET = 10_000


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


def cpu_rate(n: int, work, passes: int) -> list[float]:
    """``n`` items per CPU second of ``work()``, once per pass."""
    rates = []
    for _ in range(passes):
        c0 = time.process_time()
        work()
        rates.append(n / (time.process_time() - c0))
    return rates


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=10_000)
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()
    t0 = time.perf_counter()
    schema = load_schema(ROOT / "schema")
    compile_s = time.perf_counter() - t0
    corpus = build_corpus(schema, args.sentences)
    rules = schema.sentence_rules
    n = sum(len(rules.split(d.text)) for d in corpus)   # as extraction splits them
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
    texts = [s.norm.text for d in corpus for s in rules.split(d.text)]
    automaton = schema.scanner.automaton
    # the automaton holds its keys reversed (graph.lexscan scans a sentence from its end, lower-cased)
    floor = statistics.median(cpu_rate(n, lambda: [sum(1 for _ in automaton.iter(t.lower()[::-1])) for t in texts],
                                       args.passes))
    split = statistics.median(cpu_rate(n, lambda: [rules.split(d.text) for d in corpus], args.passes))
    print(f"schema compiled in {compile_s:.2f} s ({len(schema.entities)} entities, {len(schema.rules)} rules)")
    print(f"corpus: {len(corpus)} documents, {n:,} sentences, {relations} relations per pass")
    warm = sorted(rates[1:] or rates)
    median = warm[len(warm) // 2]
    print(f"extraction: {median:,.0f} sentences/s on one core, median of the warm passes "
          f"(cold {rates[0]:,.0f}, worst {min(rates):,.0f}, best {max(rates):,.0f}; CPU time of this process); "
          f"target {TARGET:,} ({median / TARGET:.2f}x)")
    print(f"Aho-Corasick floor (the sentence automaton scanning the same normalized sentences): {floor:,.0f} "
          f"sentences/s; extraction / floor = {median / floor:.3f}")
    print(f"splitting and normalizing alone: {split:,.0f} sentences/s; extraction / split = {median / split:.3f}")


if __name__ == "__main__":
    main()
