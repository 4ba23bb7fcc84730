"""who-met latency on a synthetic graph of 1,000,000 relations (embedded NetworkX store).

Prints figures, asserts nothing. Targets: person level ("who met X") median
under 2 ms, country level ("who met MLI", persons rolled up to the state they
serve at each meeting's date) under 50 ms. Both are printed beside a
comparator in the same run: the same answers from plain dicts built here for
exactly this question (meetings by actor, roles by person, members by state),
the floor any general store can hope for in Python.

    .venv/bin/python benchmarks/bench_who_met.py [--relations 1000000] [--queries 200] [--countries 20] [--seed 7]
"""
from __future__ import annotations

import argparse
import gc
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


class DictIndex:
    """The comparator: plain dicts over the raw relations, built for who-met and nothing else.

    Holds each actor's meetings and each state's rolled-up meetings ready-made (rolled up at
    build time, as the store's own index does once per change); a question groups the
    meetings into rows with names, newest first, as who-met does.
    """

    def __init__(self, entities, docs):
        self.names = {e.id: e.name for e in entities.values()}
        meetings: dict[tuple, set] = {}                   # (a, b, date) -> docs
        roles: dict[str, list] = {}                       # person -> [(date, target)] latest first
        for info, relations in docs:
            for r in relations:
                if r.type == "MET":
                    meetings.setdefault((*sorted((r.source, r.target)), r.date), set()).add(info.id)
                elif r.type == "HOLDS_ROLE":
                    roles.setdefault(r.source, []).append((r.date, r.target))
        for found in roles.values():
            found.sort(key=lambda x: x[0] or "", reverse=True)

        def up(x, date):
            e = entities.get(x)
            if e is None or e.kind == "country":
                return x
            for when, target in roles.get(x, ()):
                if not when or not date or when[:len(date)] <= date[:len(when)]:
                    t = entities[target]
                    state = t.id if t.kind == "country" else t.country if t.kind in ("organization", "place") else None
                    if state:
                        return state
            return e.country or x

        self.by_actor: dict[str, list] = {}
        self.by_state: dict[str, list] = {}
        for (a, b, date), found in meetings.items():
            for x in (a, b):
                self.by_actor.setdefault(x, []).append((a, b, date, found))
            ua, ub = up(a, date), up(b, date)
            if ua != ub:
                for x in (ua, ub):
                    self.by_state.setdefault(x, []).append((ua, ub, date, found))

    def _rows(self, anchor, entries):
        rows: dict[tuple, set] = {}
        for a, b, date, found in entries:
            other = b if a == anchor else a
            rows.setdefault((anchor, other, date), set()).update(found)
        out = [(a, self.names[a], b, self.names[b], date, sorted(found)) for (a, b, date), found in rows.items()]
        out.sort(key=lambda r: (r[0], r[2]))
        out.sort(key=lambda r: r[4] or "", reverse=True)
        return out

    def person(self, actor):
        return self._rows(actor, self.by_actor.get(actor, ()))

    def country(self, state):
        return self._rows(state, self.by_state.get(state, ()))


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
    parser.add_argument("--countries", type=int, default=20, help="states asked at country level")
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

    gc.collect()
    gc.freeze()     # millions of long-lived objects: keep the cyclic collector from walking them again and again
    start = time.perf_counter()
    comparator = DictIndex(entities, docs)
    print(f"comparator (plain dicts for who-met only) built in {time.perf_counter() - start:.1f} s")

    sample = [(store, rng.choice(people).id) for _ in range(args.queries)]
    person = timed(lambda s, a: who_met(s, a), sample)
    floor = timed(lambda s, a: comparator.person(a), sample)
    rows = sum(len(who_met(s, a)) for s, a in sample[:20]) / 20
    print(f"who-met ACTOR (person level), {args.queries} actors, ~{rows:.0f} rows each: "
          f"median {statistics.median(person):.3f} ms, p95 {statistics.quantiles(person, n=20)[18]:.3f} ms "
          f"(target: median < 2 ms); dict comparator {statistics.median(floor):.3f} ms, "
          f"ratio {statistics.median(person) / statistics.median(floor):.1f}x")
    pair = timed(lambda s, a: who_met(s, a, sample[0][1]), sample)
    print(f"who-met ACTOR --with ACTOR: median {statistics.median(pair):.3f} ms, "
          f"p95 {statistics.quantiles(pair, n=20)[18]:.3f} ms")
    states = [(store, f"C{i:03d}") for i in range(1, 1 + args.countries)]
    start = time.perf_counter()
    who_met(store, "C000", level="country")
    print(f"who-met --level country, first question after a change (every meeting rolled up once, kept until "
          f"the graph changes): {time.perf_counter() - start:.2f} s")
    country = timed(lambda s, a: who_met(s, a, level="country"), states)
    again = timed(lambda s, a: who_met(s, a, level="country"), states)
    ranged = timed(lambda s, a: who_met(s, a, level="country", date_from="2020", date_to="2021-06"), states)
    floor = timed(lambda s, a: comparator.country(a), states)
    n_rows = statistics.median(len(who_met(s, a, level="country")) for s, a in states)
    print(f"who-met COUNTRY --level country, {len(states)} states, ~{n_rows:,.0f} rows each (every meeting of "
          f"everyone who may stand for the state, rolled up at its date):")
    print(f"  first ask of each state: median {statistics.median(country):.1f} ms, max {max(country):.1f} ms "
          f"(target: median < 50 ms); dict comparator {statistics.median(floor):.1f} ms, "
          f"ratio {statistics.median(country) / statistics.median(floor):.1f}x")
    print(f"  asked again: median {statistics.median(again):.2f} ms; with --from 2020 --to 2021-06: median "
          f"{statistics.median(ranged):.2f} ms")


if __name__ == "__main__":
    main()
