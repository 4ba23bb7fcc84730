"""`geograph build` at 1,000 and 5,000 synthetic articles: is building linear?

The articles come from one generator: each recombines sentences of the seed
articles and of the rules' examples (8-14 per article, dated 2024-2026), so
recurring facts (roles, standing relations) pile evidence on the same edges,
as in real news. Printed, asserts nothing:

* the real ingest path (:func:`graph.ingest.ingest_documents`: extraction,
  store, one atomic write of the graph file) for 1,000 and 5,000 articles,
  and the ratio (target: at most 5.5x);
* the store part alone (relations extracted beforehand: add_document and the
  final write), the same two sizes and ratio;
* adding 1,000 articles to an empty store and to one holding 4,000;
* opening the 5,000-article graph file for a query (target: under 1 s).

    .venv/bin/python benchmarks/bench_build.py [--articles 1000] [--scale 5] [--seed 7]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from graph.documents import Document, split_sentences
from graph.extract import Extractor
from graph.ingest import _with_metadata, document_info, ingest_documents
from graph.queries import who_met
from graph.rules import load_schema
from graph.stores.networkx_store import NetworkXStore

ROOT = Path(__file__).resolve().parents[1]


def sentence_pool(schema) -> list[str]:
    """Seed sentences and rule example sentences (the generator's material)."""
    pool = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pool += [text[s.start:s.end].strip() for s in split_sentences(text)]
    pool += [ex.text for rule in schema.rules for ex in rule.examples]
    return [s for s in pool if len(s) > 20]


def articles(pool: list[str], n: int, seed: int) -> list[Document]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
        text = "\n\n".join(rng.sample(pool, rng.randint(8, 14)))
        out.append(Document.from_text(text, id=f"syn{i:05d}", published=published, outlet=f"Outlet {i % 7}"))
    return out


def real_build(docs, extractor, relation_types, path: Path | None = None) -> tuple[float, NetworkXStore]:
    """ingest_documents into a fresh (or existing) graph file, timed from opening the store to the write."""
    start = time.perf_counter()
    store = NetworkXStore(path, relation_types=relation_types)
    ingest_documents(store, docs, extractor)
    return time.perf_counter() - start, store


def store_only(batches, relation_types, path: Path, reopen: bool = False) -> float:
    """Pre-extracted relations into the store, then its one write (what the store costs)."""
    start = time.perf_counter()
    store = NetworkXStore(path, relation_types=relation_types)
    for info, relations, entities in batches:
        store.add_document(info, relations, entities)
    store.flush()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--scale", type=int, default=5, help="the larger build is this many times larger")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    schema = load_schema()
    extractor = Extractor(schema)
    pool = sentence_pool(schema)
    n, big = args.articles, args.articles * args.scale
    docs = articles(pool, big, args.seed)
    print(f"{len(pool)} seed and example sentences recombined into {big:,} articles "
          f"({sum(len(d.text) for d in docs) / 2**20:.1f} MiB of text)")
    folder = Path(tempfile.mkdtemp(prefix="geograph-bench-build-"))
    rt = schema.relation_types

    small_t, _ = real_build(docs[:n], extractor, rt, folder / "small" / "graph.json")
    big_t, store = real_build(docs, extractor, rt, folder / "big" / "graph.json")
    counts = store.counts()
    size = (folder / "big" / "graph.json").stat().st_size
    print(f"graph of {big:,} articles: {counts['nodes']:,} nodes, {counts['edges']:,} edges, "
          f"{counts['evidence']:,} evidence; file {size / 2**20:.1f} MiB")
    print(f"build (extraction + store + one write), real ingest path: {n:,} articles {small_t:.1f} s, "
          f"{big:,} articles {big_t:.1f} s, ratio {big_t / small_t:.2f}x (target: at most {args.scale * 1.1:.1f}x)")

    batches = []
    for doc in docs:
        info = document_info(doc)
        batches.append((info, _with_metadata(extractor.extract(doc), info), schema.entities))
    s_small = store_only(batches[:n], rt, folder / "s1" / "graph.json")
    s_big = store_only(batches, rt, folder / "s5" / "graph.json")
    print(f"store part alone (add_document + one write): {n:,} articles {s_small:.2f} s, {big:,} articles "
          f"{s_big:.2f} s, ratio {s_big / s_small:.2f}x")

    rest = folder / "incremental" / "graph.json"
    store_only(batches[: big - n], rt, rest)
    to_empty = store_only(batches[big - n:], rt, folder / "empty" / "graph.json")
    to_full = store_only(batches[big - n:], rt, rest)
    print(f"adding {n:,} articles (store part, reading and writing the file included): to an empty store "
          f"{to_empty:.2f} s, to one holding {big - n:,} {to_full:.2f} s, ratio {to_full / to_empty:.2f}x")
    t_empty, _ = real_build(docs[big - n:], extractor, rt, folder / "empty2" / "graph.json")
    store_only(batches[: big - n], rt, folder / "incremental2" / "graph.json")
    t_full, _ = real_build(docs[big - n:], extractor, rt, folder / "incremental2" / "graph.json")
    print(f"adding {n:,} articles, real ingest path: to an empty store {t_empty:.1f} s, to one holding "
          f"{big - n:,} {t_full:.1f} s, ratio {t_full / t_empty:.2f}x")

    opens = []
    for _ in range(5):
        start = time.perf_counter()
        reopened = NetworkXStore(folder / "big" / "graph.json")
        who_met(reopened, "ABDOULAYE_DIOP", schema=schema)
        opens.append(time.perf_counter() - start)
    print(f"open the {big:,}-article graph file and answer who-met: median {statistics.median(opens) * 1000:.0f} ms "
          f"over 5 (target: under 1 s); the store part of building it took {s_big:.2f} s")


if __name__ == "__main__":
    main()
