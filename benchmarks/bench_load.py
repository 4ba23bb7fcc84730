"""The explorer under load: 50 clients for 60 s on loopback, on the seed graph and on a
5,000-node / 20,000-relation synthetic graph.

The real app runs on waitress (8 threads, as ``geograph serve``) in a child process;
50 client threads in this one, each on its own keep-alive connection, send requests
back to back, mixing the graph page ``/``, the default view ``/api/graph``, who-met
of a random actor ``/api/who-met`` and small Cypher queries (POSTed JSON). Prints,
per graph, requests, errors (any answer but 200 or 503, or no answer), the queries
turned away busy (503 with Retry-After: at most one query per core runs, as designed,
and a few more wait; 10 of the 50 clients asking at once exceed that), requests per
second and the median / p95 / max latency of each kind; target: zero errors and a p95
under 500 ms on the big graph. The machine's load average is printed beside (other work on
it slows every figure).

    .venv/bin/python benchmarks/bench_load.py [--clients 50] [--duration 60] [--nodes 5000] [--relations 20000]
"""
from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import statistics
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 500
MIX = (("page /", 2), ("/api/graph", 3), ("/api/who-met", 3), ("/api/cypher", 2))
CYPHER = ("MATCH (a:Entity {id: $id})-[r]-(b) RETURN b.id, type(r), r.date LIMIT 10",
          "MATCH (a:Entity {id: $id})-[r:MET]-(b) RETURN count(b)",
          "MATCH (n:Person) RETURN n.id, n.name LIMIT 5")


def _serve(graph: str, nodes: int, relations: int, out) -> None:
    """In the child: build the graph, serve it, send (port, entity ids) back, serve until killed."""
    import logging

    from waitress.server import create_server

    from graph.rules import load_schema
    from graph.stores.networkx_store import NetworkXStore
    from server import create_app

    schema = load_schema()
    store = NetworkXStore(None, relation_types=schema.relation_types)
    if graph == "seed":
        from graph.extract import Extractor
        from graph.ingest import build

        build(store, [ROOT / "seeds"], Extractor(schema), progress=False)
    else:
        from server.synthetic import fill_synthetic

        fill_synthetic(store, schema, nodes=nodes, relations=relations)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)    # "Task queue depth is N": expected here
    app = create_app({"STORE": store, "SCHEMA": schema, "WARM": True})
    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    ids = sorted(e.id for e in store.entities())
    out.send((server.effective_port, ids, store.counts()))
    server.run()


def _client(port: int, ids: list[str], deadline: float, seed: int, results: list) -> None:
    rng = random.Random(seed)
    kinds = [k for k, weight in MIX for _ in range(weight)]
    conn = None
    while time.perf_counter() < deadline:
        kind = rng.choice(kinds)
        actor = rng.choice(ids)
        method, path, body, headers = "GET", "/", None, {}
        if kind == "/api/graph":
            path = "/api/graph"
        elif kind == "/api/who-met":
            path = f"/api/who-met?actor={actor}"
        elif kind == "/api/cypher":
            method, path = "POST", "/api/cypher"
            body = json.dumps({"q": rng.choice(CYPHER), "params": {"id": actor}})
            headers = {"Content-Type": "application/json"}
        start = time.perf_counter()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as err:
            status = type(err).__name__
            conn = None
        results.append((kind, time.perf_counter() - start, status))
    if conn is not None:
        conn.close()


def run(graph: str, opts) -> dict:
    ctx = multiprocessing.get_context("spawn")
    mine, theirs = ctx.Pipe()
    child = ctx.Process(target=_serve, args=(graph, opts.nodes, opts.relations, theirs), daemon=True)
    t0 = time.perf_counter()
    child.start()
    try:
        port, ids, counts = mine.recv()
        print(f"{graph}: {counts['nodes']:,} nodes, {counts['edges']:,} relations, served after "
              f"{time.perf_counter() - t0:.1f} s")
        results: list = []
        load_before = os.getloadavg()[0]
        deadline = time.perf_counter() + opts.duration
        threads = [threading.Thread(target=_client, args=(port, ids, deadline, i, results))
                   for i in range(opts.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return {"graph": graph, "counts": counts, "results": results, "load": (load_before, os.getloadavg()[0])}
    finally:
        child.kill()
        child.join(10)


def report(run_: dict, duration: float) -> dict:
    results = run_["results"]
    errors = [r for r in results if r[2] not in (200, 503)]
    busy = sum(1 for r in results if r[2] == 503)
    queries = sum(1 for r in results if r[0] == "/api/cypher")
    all_ms = sorted(r[1] * 1000 for r in results)
    p95 = all_ms[int(0.95 * (len(all_ms) - 1))] if all_ms else float("nan")
    print(f"  {len(results):,} requests, {len(errors)} errors, {busy:,} of {queries:,} queries turned away busy "
          f"(503), {len(results) / duration:.0f} requests/s, "
          f"p95 {p95:.0f} ms; load average {run_['load'][0]:.1f} before, {run_['load'][1]:.1f} after")
    for kind, _ in MIX:
        ms = sorted(r[1] * 1000 for r in results if r[0] == kind)
        if ms:
            print(f"  {kind:14} {len(ms):6,}  median {statistics.median(ms):6.0f} ms  "
                  f"p95 {ms[int(0.95 * (len(ms) - 1))]:6.0f} ms  max {ms[-1]:6.0f} ms")
    if errors:
        print(f"  errors by status: {dict(sorted({str(s): sum(1 for e in errors if e[2] == s) for _, _, s in errors}.items()))}")
    return {"errors": len(errors), "p95": p95, "busy": busy}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load per graph")
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--relations", type=int, default=20000)
    opts = parser.parse_args()
    print(f"{opts.clients} clients for {opts.duration:g} s per graph, loopback, {os.cpu_count()} cores")
    figures = {}
    for graph in ("seed", "synthetic"):
        figures[graph] = report(run(graph, opts), opts.duration)
    big = figures["synthetic"]
    verdict = "held" if big["errors"] == 0 and big["p95"] < TARGET_P95_MS else "NOT held"
    print(f"target (zero errors, p95 < {TARGET_P95_MS} ms on the big graph): {verdict}; seed graph: "
          f"{figures['seed']['errors']} errors, p95 {figures['seed']['p95']:.0f} ms")


if __name__ == "__main__":
    main()
