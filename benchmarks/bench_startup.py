"""Command start-up and parallel builds: wall time of whole ``geograph`` commands, medians of repeated runs.

Prints figures, asserts nothing. Targets (issue 8, on the seed graph, schema
cache warm): ``who-met Diop`` and ``query 'MATCH (a)-[r:MET]-(b) RETURN
a.name, b.name, r.date'`` under 0.4 s, ``extract`` of one short article under
0.5 s. Also: the schema cache's miss and hit costs (in process), and
``build --jobs 1`` against ``--jobs 2`` on a corpus of a few hundred articles
(the seed, outlet and construction articles copied under new names).

``--compare DIR`` runs the same commands on another checkout (its ``graph``
package first on PYTHONPATH, e.g. ``git archive main | tar -x -C DIR``) and
prints each ratio.

    python benchmarks/bench_startup.py [--repeat 11] [--copies 7] [--compare DIR]
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ("seeds", "tests/extraction/outlets", "tests/extraction/constructions")
SHORT = "seeds/000_78dd3b09c3dc0569.txt"    # 3.4 kB, one manifest entry
QUERY = "MATCH (a)-[r:MET]-(b) RETURN a.name, b.name, r.date"


CPU: list[float] = []      # CPU seconds (user + system) of each command run, beside its wall time


def run(code: Path, env: dict, *args: str) -> float:
    """Wall seconds of ``geograph ARGS`` run from ``code``; its CPU seconds go to CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "graph.cli", *args], cwd=code, env={**env, "PYTHONPATH": str(code)},
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if proc.returncode:
        raise SystemExit(f"geograph {' '.join(args)} failed in {code}:\n{proc.stderr}")
    return wall


def median_of(repeat: int, fn, before=None) -> tuple[float, float, float, float | None]:
    """(median, min, max) of ``fn()`` over ``repeat`` runs, and the median CPU seconds of the commands run."""
    times = []
    CPU.clear()
    for _ in range(repeat):
        if before:
            before()
        times.append(fn())
    cpu = statistics.median(CPU) if len(CPU) == repeat else None
    return statistics.median(times), min(times), max(times), cpu


def corpus(folder: Path, copies: int) -> int:
    """``copies`` renamed copies of every article of ARTICLES, with their manifest entries."""
    import yaml

    n = 0
    folder.mkdir(parents=True)
    manifest = {}
    for source in ARTICLES:
        meta = yaml.safe_load((ROOT / source / "manifest.yaml").read_text(encoding="utf-8")) or {}
        for path in sorted((ROOT / source).glob("*.txt")):
            for c in range(copies):
                name = f"{Path(source).name}_{path.stem}_{c}"
                shutil.copyfile(path, folder / f"{name}.txt")
                manifest[name] = meta.get(path.stem, {})
                n += 1
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    return n


def commands(code: Path, work: Path, repeat: int) -> dict[str, tuple[float, float, float]]:
    home, cache = work / "home", work / "cache"
    env = {**os.environ, "GEOGRAPH_HOME": str(home), "GEOGRAPH_CACHE": str(cache), "GEOGRAPH_SCHEMA": str(code / "schema")}
    env.pop("GEOGRAPH_STORE", None)
    run(code, env, "build", str(ROOT / "seeds"))          # seed graph, and the schema cache warm
    out = {"python -c pass (floor)": median_of(repeat, lambda: _python_floor(env))}
    out["geograph --version"] = median_of(repeat, lambda: run(code, env, "--version"))
    out["who-met Diop"] = median_of(repeat, lambda: run(code, env, "who-met", "Diop"))
    out["query MET"] = median_of(repeat, lambda: run(code, env, "query", QUERY))
    out["extract short article (cache warm)"] = median_of(repeat, lambda: run(code, env, "extract", str(ROOT / SHORT)))
    out["extract short article (cache cold)"] = median_of(
        max(3, repeat // 3), lambda: run(code, env, "extract", str(ROOT / SHORT)),
        before=lambda: shutil.rmtree(cache, ignore_errors=True))
    return out


def _python_floor(env) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    return time.perf_counter() - t0


def builds(code: Path, work: Path, copies: int, repeat: int) -> tuple[int, dict[str, tuple[float, float, float]]]:
    articles = work / "articles"
    n = corpus(articles, copies)
    cache = work / "cache"
    env = {**os.environ, "GEOGRAPH_CACHE": str(cache), "GEOGRAPH_SCHEMA": str(code / "schema")}
    out = {}
    for jobs in (1, 2):
        home = work / f"home{jobs}"

        def clean():
            shutil.rmtree(home, ignore_errors=True)
        out[f"build --jobs {jobs}"] = median_of(repeat, lambda: run(code, {**env, "GEOGRAPH_HOME": str(home)}, "build",
                                                                      str(articles), "--jobs", str(jobs)), before=clean)
    same = (work / "home1" / "graph.json").read_bytes() == (work / "home2" / "graph.json").read_bytes()
    print(f"build --jobs 2 store file byte-identical to --jobs 1: {same}")
    return n, out


def in_process() -> None:
    """Cache miss and hit costs of the compiled schema and of its light part (this checkout only)."""
    from graph.schema.cache import fingerprint
    from graph.schema.load import compile_schema, load_entities, load_schema

    schema_dir = ROOT / "schema"
    with tempfile.TemporaryDirectory() as cache:
        os.environ["GEOGRAPH_CACHE"] = cache
        rows = {
            "fingerprint (hash of schema YAML and code)": median_of(7, lambda: _timed(lambda: fingerprint(schema_dir))),
            "compile_schema (no cache)": median_of(3, lambda: _timed(lambda: compile_schema(schema_dir))),
            "load_schema, miss (compile + write)": median_of(
                3, lambda: _timed(lambda: load_schema(schema_dir)), before=lambda: _empty(cache)),
            "load_schema, hit (unpickle)": median_of(7, lambda: _timed(lambda: load_schema(schema_dir))),
            "load_entities, miss (no rules compiled)": median_of(
                3, lambda: _timed(lambda: load_entities(schema_dir)), before=lambda: _empty(cache)),
            "load_entities, hit": median_of(7, lambda: _timed(lambda: load_entities(schema_dir))),
        }
        load_schema(schema_dir)
        sizes = {p.name.split("-")[0]: p.stat().st_size for p in Path(cache).glob("*.pickle")}
    print("\nschema cache, in process (median, min, max):")
    for name, (med, lo, hi, _) in rows.items():
        print(f"  {name:45s} {med * 1000:8.1f} ms  ({lo * 1000:.1f} .. {hi * 1000:.1f})")
    print("  entry sizes: " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items())))


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _empty(folder: str) -> None:
    for p in Path(folder).glob("*"):
        p.unlink()


def report(title: str, mine: dict, other: dict | None) -> None:
    print(f"\n{title} (wall seconds: median (min .. max), median CPU seconds"
          f"{'; compared: the same on the other checkout, ratio = compared / this' if other else ''}):")
    for name, (med, lo, hi, cpu) in mine.items():
        line = f"  {name:36s} {med:6.3f} ({lo:.3f} .. {hi:.3f}) cpu {_cpu(cpu)}"
        if other and name in other:
            line += f"   compared {other[name][0]:6.3f} cpu {_cpu(other[name][3])}  x{other[name][0] / med:.2f}"
        print(line)


def _cpu(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--copies", type=int, default=7, help="copies of each of the 45 articles for the build corpus")
    ap.add_argument("--build-repeat", type=int, default=3)
    ap.add_argument("--compare", type=Path, default=None, help="another checkout to run the same commands on")
    args = ap.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (a loaded machine inflates every figure)")
    with tempfile.TemporaryDirectory() as tmp:
        mine = commands(ROOT, Path(tmp) / "this", args.repeat)
        other = commands(args.compare.resolve(), Path(tmp) / "other", args.repeat) if args.compare else None
        report("commands on the seed graph", mine, other)
        n, jobs = builds(ROOT, Path(tmp) / "build", args.copies, args.build_repeat)
        report(f"build of {n} articles into an empty store", jobs, None)
        one, two = jobs["build --jobs 1"][0], jobs["build --jobs 2"][0]
        print(f"  --jobs 2 speed-up: x{one / two:.2f}")
    in_process()


if __name__ == "__main__":
    main()
