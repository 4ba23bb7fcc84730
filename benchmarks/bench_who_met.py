"""who-met latency on a synthetic graph of 1,000,000 relations (embedded NetworkX store).

Prints figures, asserts nothing: the target is a median under 50 ms for a
person-level "who met X" (index lookups, not scans). Country level is shown
too; its cost grows with the answer (every meeting of every possible member
of the state is rolled up).

    .venv/bin/python benchmarks/bench_who_met.py [--relations 1000000] [--queries 200] [--seed 7]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

from graph.model import Entity, Evidence, Relation
from graph.queries import who_met
from graph.rules import RelationType
from graph.stores.base import DocumentInfo
from graph.stores.networkx_store import NetworkXStore

# Relation mix of the synthetic corpus (type -> weight); symmetric flags as in schema/ontology.yaml.
MIX = {"MET": 30, "VISITED": 10, "PRAISED": 8, "CRITICIZED": 8, "PLEDGED_COOPERATION": 6, "NEGOTIATED": 5,
       "AGREED": 5, "COOPERATES_WITH": 5, "SANCTIONED": 3, "ATTACKED": 8, "HOLDS_ROLE": 7, "MEMBER_OF": 5}
SYMMETRIC = {"MET", "NEGOTIATED", "AGREED", "COOPERATES_WITH"}


def synthetic(n_relations: int, rng: random.Random, per_doc: int = 1000):
    """Entities and documents of ``per_doc`` relations each, dated 2015-2026 at mixed precision."""
    countries = [Entity(f"C{i:03d}", "country", f"Country {i}") for i in range(60)]
    people = [Entity(f"P{i:05d}", "person", f"Person {i}", country=rng.choice(countries).id)
              for i in range(max(100, n_relations // 50))]
    orgs = [Entity(f"O{i:04d}", "organization", f"Org {i}", country=rng.choice(countries).id)
            for i in range(max(20, n_relations // 500))]
    entities = {e.id: e for e in countries + people + orgs}
    actors = [e.id for e in people + people + orgs + countries]
    types, weights = list(MIX), list(MIX.values())

    def date():
        y = rng.randint(2015, 2026)
        kind = rng.random()
        if kind < 0.6:
            return f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if kind < 0.8:
            return f"{y}-{rng.randint(1, 12):02d}"
        return str(y) if kind < 0.9 else None

    docs = []
    for d in range(0, n_relations, per_doc):
        doc_id = f"doc{d // per_doc:06d}"
        published = f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        relations = []
        for i in range(min(per_doc, n_relations - d)):
            t = rng.choices(types, weights)[0]
            source = rng.choice([p.id for p in people[:50]]) if t == "HOLDS_ROLE" and i % 7 == 0 else rng.choice(actors)
            target = rng.choice(actors)
            while target == source:
                target = rng.choice(actors)
            relations.append(Relation(doc_id, source, t, target, date(), evidence=[
                Evidence(doc_id, f"sentence {i}", (i * 10, i * 10 + 9), {}, "bench", 0.9, published=published)]))
        docs.append((DocumentInfo(doc_id, published=published), relations))
    return entities, docs, people


def timed(fn, repeat):
    times = []
    for args in repeat:
        start = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    relation_types = {t: RelationType(t, t in SYMMETRIC, "", None, None) for t in MIX}

    start = time.perf_counter()
    entities, docs, people = synthetic(args.relations, rng)
    generated = time.perf_counter() - start
    store = NetworkXStore(None, relation_types=relation_types)
    start = time.perf_counter()
    for info, relations in docs:
        store.add_document(info, relations, entities)
    loaded = time.perf_counter() - start
    counts = store.counts()
    print(f"synthetic graph: {args.relations:,} relations -> {counts['nodes']:,} nodes, {counts['edges']:,} edges, "
          f"{counts['evidence']:,} evidence in {counts['documents']:,} documents")
    print(f"generate {generated:.1f} s, load into the NetworkX store {loaded:.1f} s "
          f"({args.relations / loaded:,.0f} relations/s)")

    sample = [(store, rng.choice(people).id) for _ in range(args.queries)]
    person = timed(lambda s, a: who_met(s, a), sample)
    rows = sum(len(who_met(s, a)) for s, a in sample[:20]) / 20
    print(f"who-met ACTOR (person level), {args.queries} actors, ~{rows:.0f} rows each: "
          f"median {statistics.median(person):.2f} ms, p95 {statistics.quantiles(person, n=20)[18]:.2f} ms, "
          f"max {max(person):.2f} ms  (target: median < 50 ms)")
    pair = timed(lambda s, a: who_met(s, a, sample[0][1]), sample)
    print(f"who-met ACTOR --with ACTOR: median {statistics.median(pair):.2f} ms, "
          f"p95 {statistics.quantiles(pair, n=20)[18]:.2f} ms")
    country = timed(lambda s, a: who_met(s, a, level="country"), [(store, "C001")] * 3)
    n_rows = len(who_met(store, "C001", level="country"))
    print(f"who-met COUNTRY --level country ({n_rows:,} rows; rolls up the meetings of everyone who may "
          f"stand for the country): median {statistics.median(country):.0f} ms over 3 runs")


if __name__ == "__main__":
    main()
