"""Extraction cost against article size: time and peak memory for 1, 2, 4 and 8 MB articles.

One article per size, made of the rule examples (sentences the team wrote) shuffled with a fixed
seed, five to a paragraph, repeated until it reaches the size: the same density of events at every
size, so a linear extractor takes twice the time and memory for twice the text. Two articles of each
size: all the examples (about 600 relations, each reported once per repetition), and the first 40
alone (a few relations reported thousands of times: what merging them per document costs). Each size runs in
its own process (a clean heap): CPU seconds of ``Extractor.extract`` alone, then, in a second pass
under ``tracemalloc``, the peak of memory it allocated (beyond the article's text). Printed:
per size, seconds, seconds per MB, MB of memory, relations, and the ratio to the previous size
(2.0 is linear; the issue measured 3.7 then 4.9 before the fix).

    python benchmarks/bench_linear.py [--sizes 1,2,4,8] [--repeat 1]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def article(schema, megabytes: float, variety: int | None = None, seed: int = 11) -> str:
    """About ``megabytes`` MB (UTF-8) of rule example sentences (the first ``variety`` of them after
    shuffling, default all), five to a paragraph."""
    sentences = [ex.text.strip() for rule in schema.rules for ex in rule.examples if ex.text.strip()]
    random.Random(seed).shuffle(sentences)
    sentences = sentences[:variety]
    paragraphs = ["\n".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    unit = "\n\n".join(paragraphs) + "\n\n"
    return unit * max(1, round(megabytes * 1e6 / len(unit.encode("utf-8"))))


def measure(megabytes: float, variety: int | None) -> dict:
    """One size, in this process: extraction CPU time and memory growth."""
    import datetime

    from graph.documents import Document
    from graph.extract import Extractor
    from graph.schema.load import load_schema

    schema = load_schema(None)
    extractor = Extractor(schema)
    extractor.extract(Document.from_text(article(schema, 0.01), id="warm"))   # matcher caches filled
    text = article(schema, megabytes, variety)
    doc = Document.from_text(text, id="big", published=datetime.date(2025, 11, 5))
    cpu, wall = time.process_time(), time.perf_counter()
    relations = extractor.extract(doc)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    del relations
    tracemalloc.start()
    relations = extractor.extract(doc)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"mb": len(text.encode("utf-8")) / 1e6, "cpu": cpu, "wall": wall, "memory": peak / 1e6,
            "relations": len(relations), "evidence": sum(len(r.evidence) for r in relations)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,2,4,8", help="article sizes in MB, comma-separated")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size (the median is shown)")
    ap.add_argument("--one", type=float, help=argparse.SUPPRESS)   # a child process: one size, JSON out
    ap.add_argument("--variety", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one, args.variety)))
        return
    for variety, what in ((None, "every rule example (about 600 relations)"),
                          (40, "40 examples repeated (a few relations, thousands of reports each)")):
        print(f"\n{what}")
        table(args, variety)
    print("time x, mem x: ratio to the previous size (sizes double: 2.00 is linear)")


def table(args, variety: int | None) -> None:
    print(f"{'size MB':>8} {'cpu s':>8} {'s/MB':>6} {'wall s':>8} {'mem MB':>8} {'relations':>9} {'evidence':>9} "
          f"{'time x':>7} {'mem x':>6}")
    previous = None
    for size in (float(s) for s in args.sizes.split(",")):
        child = [sys.executable, __file__, "--one", str(size)] + (["--variety", str(variety)] if variety else [])
        runs = [json.loads(subprocess.run(child, check=True, capture_output=True, text=True, cwd=ROOT).stdout)
                for _ in range(args.repeat)]
        r = {k: statistics.median(run[k] for run in runs) for k in runs[0]}
        ratio_t = f"{r['cpu'] / previous['cpu']:.2f}" if previous else "-"
        ratio_m = f"{r['memory'] / previous['memory']:.2f}" if previous and previous["memory"] else "-"
        print(f"{r['mb']:8.2f} {r['cpu']:8.2f} {r['cpu'] / r['mb']:6.2f} {r['wall']:8.2f} {r['memory']:8.1f} "
              f"{r['relations']:9.0f} {r['evidence']:9.0f} {ratio_t:>7} {ratio_m:>6}", flush=True)
        previous = r


if __name__ == "__main__":
    main()
