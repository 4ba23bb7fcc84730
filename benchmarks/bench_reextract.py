"""`geograph build` after a one-rule edit: how many articles are re-extracted, and how long it takes.

A copy of the schema without one trigger word of one rule (default: 'استقبل' of met.verb.ar)
builds each corpus; the word is put back and the corpus built again, three ways:

* selective (what `build` does): only the articles whose schema parts changed are re-extracted
  (graph.schema.parts), the others checked by one lexicon scan;
* in place, all: every article re-extracted and replaced, as `build` did before parts were kept
  (forced here by treating every article's parts as changed);
* clean: a new graph built from scratch with the edited schema.

Corpora: the seeds and the construction articles (real files), N synthetic articles made by
benchmarks/bench_build.py's generator from seed and rule-example sentences (denser in triggers
than news: a hard case), and any folders given with ``--corpus`` (e.g. real news batches).
Prints medians of ``--repeat`` runs (CPU and wall seconds); asserts nothing.

    .venv/bin/python benchmarks/bench_reextract.py [--articles 1000] [--repeat 3] [--corpus DIR ...]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import yaml

import graph.schema.parts as schema_parts
from bench_build import articles, sentence_pool
from graph.documents import Document
from graph.extract import Extractor
from graph.ingest import ingest_documents
from graph.inputs import read_documents
from graph.rules import load_schema
from graph.stores.networkx_store import NetworkXStore

ROOT = Path(__file__).resolve().parents[1]


def set_word(folder: Path, file: str, rule_id: str, word: str, present: bool) -> None:
    path = folder / "rules" / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rule = next(r for r in data["rules"] if r.get("id") == rule_id)
    words = [w for w in rule["trigger"]["ar"] if w != word]
    rule["trigger"]["ar"] = words + [word] if present else words
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def timed(fn) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.process_time() - cpu, time.perf_counter() - wall, out


def measure(name: str, docs: list[Document], args) -> None:
    stale = schema_parts.stale
    runs: dict[str, list[tuple[float, float]]] = {"selective": [], "in place, all": [], "clean": []}
    line = ""
    for _ in range(args.repeat):
        tmp = Path(tempfile.mkdtemp())
        try:
            folder = tmp / "schema"
            shutil.copytree(ROOT / "schema", folder)
            set_word(folder, args.file, args.rule, args.word, False)
            before = load_schema(folder, cache=False)
            stores = {}
            for way in ("selective", "in place, all"):
                stores[way] = NetworkXStore(tmp / f"{len(stores)}.json", relation_types=before.relation_types)
                ingest_documents(stores[way], docs, Extractor(before))
            set_word(folder, args.file, args.rule, args.word, True)
            extractor = Extractor(load_schema(folder, cache=False))
            extractor.extract(Document.from_text("warm", id="warm"))     # the automaton is built once, first
            schema_parts.schema_parts(extractor.schema)
            for way in runs:
                schema_parts.stale = stale if way != "in place, all" else (lambda old, parts: ["forced"])
                store = stores.get(way) or NetworkXStore(tmp / "clean.json", relation_types=before.relation_types)
                cpu, wall, report = timed(lambda: ingest_documents(store, docs, extractor))
                runs[way].append((cpu, wall))
                if way == "selective":
                    line = report.schema_line()
        finally:
            schema_parts.stale = stale
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{name}: {line}")
    for way, times in runs.items():
        print(f"  {way:14s} cpu {statistics.median(t[0] for t in times):6.2f} s   "
              f"wall {statistics.median(t[1] for t in times):6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", nargs="*", type=Path, default=[])
    parser.add_argument("--file", default="meetings.yaml")
    parser.add_argument("--rule", default="met.verb.ar")
    parser.add_argument("--word", default="استقبل")
    args = parser.parse_args()
    real = list(read_documents([ROOT / "seeds", ROOT / "tests" / "extraction" / "constructions", *args.corpus]))
    measure(f"real files ({len(real)} articles)", real, args)
    synthetic = articles(sentence_pool(load_schema()), args.articles, 7)
    measure(f"synthetic ({len(synthetic)} articles)", synthetic, args)


if __name__ == "__main__":
    main()
