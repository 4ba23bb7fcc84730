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
import functools
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


COMMANDS = (   # name, arguments, cold schema cache
    ("geograph --version", ("--version",), False),
    ("who-met Diop", ("who-met", "Diop"), False),
    ("query MET", ("query", QUERY), False),
    ("extract short article (cache warm)", ("extract", str(ROOT / SHORT)), False),
    ("extract short article (cache cold)", ("extract", str(ROOT / SHORT)), True),
)


def run(code: Path, env: dict, *args: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, workers included) of ``geograph ARGS`` run from ``code``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "graph.cli", *args], cwd=code, env={**env, "PYTHONPATH": str(code)},
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"geograph {' '.join(args)} failed in {code}:\n{proc.stderr}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def stats(samples: list[tuple[float, float | None]]) -> tuple[float, float, float, float | None]:
    """(median, min, max) wall seconds and the median CPU seconds."""
    walls = [w for w, _ in samples]
    cpus = [c for _, c in samples if c is not None]
    return statistics.median(walls), min(walls), max(walls), statistics.median(cpus) if cpus else None


def interleaved(runs: dict[str, callable], repeat: int, before=None) -> dict[str, tuple]:
    """Each of ``runs`` (name -> fn giving (wall, cpu)) ``repeat`` times, taking turns: the load of a shared
    machine changes by the minute, and every contender sees the same."""
    samples: dict[str, list] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, fn in runs.items():
            if before:
                before(name)
            samples[name].append(fn())
    return {name: stats(found) for name, found in samples.items()}


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


def prepare(code: Path, work: Path) -> dict:
    """An environment for ``code``: its own graph home (the seed graph built) and schema cache (warm)."""
    env = {**os.environ, "GEOGRAPH_HOME": str(work / "home"), "GEOGRAPH_CACHE": str(work / "cache"),
           "GEOGRAPH_SCHEMA": str(code / "schema")}
    env.pop("GEOGRAPH_STORE", None)
    run(code, env, "build", str(ROOT / "seeds"))
    return env


def commands(checkouts: dict[str, Path], work: Path, repeat: int) -> dict[str, dict[str, tuple]]:
    """command name -> checkout name -> stats, the checkouts taking turns."""
    envs = {name: prepare(code, work / name) for name, code in checkouts.items()}
    out = {"python -c pass (floor)": interleaved({"this": _python_floor}, repeat)}
    for title, args, cold in COMMANDS:
        runs = {name: functools.partial(run, code, envs[name], *args) for name, code in checkouts.items()}
        out[title] = interleaved(runs, max(3, repeat // 3) if cold else repeat,
                                 before=(lambda name: shutil.rmtree(envs[name]["GEOGRAPH_CACHE"], ignore_errors=True))
                                 if cold else None)
    return out


def _python_floor() -> tuple[float, None]:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - t0, None


def builds(work: Path, copies: int, repeat: int) -> tuple[int, dict[str, tuple]]:
    articles = work / "articles"
    n = corpus(articles, copies)
    env = {**os.environ, "GEOGRAPH_CACHE": str(work / "cache"), "GEOGRAPH_SCHEMA": str(ROOT / "schema")}
    run(ROOT, env, "extract", str(ROOT / SHORT))       # the schema cache warm
    runs = {f"build --jobs {jobs}": functools.partial(run, ROOT, {**env, "GEOGRAPH_HOME": str(work / f"home{jobs}")},
                                                      "build", str(articles), "--jobs", str(jobs))
            for jobs in (1, 2)}
    out = interleaved(runs, repeat, before=lambda name: shutil.rmtree(work / f"home{name[-1]}", ignore_errors=True))
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
            "fingerprint (hash of schema YAML and code)": _repeat(7, lambda: fingerprint(schema_dir)),
            "compile_schema (no cache)": _repeat(3, lambda: compile_schema(schema_dir)),
            "load_schema, miss (compile + write)": _repeat(3, lambda: load_schema(schema_dir),
                                                           before=lambda: _empty(cache)),
            "load_schema, hit (unpickle)": _repeat(7, lambda: load_schema(schema_dir)),
            "load_entities, miss (no rules compiled)": _repeat(3, lambda: load_entities(schema_dir),
                                                               before=lambda: _empty(cache)),
            "load_entities, hit": _repeat(7, lambda: load_entities(schema_dir)),
        }
        load_schema(schema_dir)
        sizes = {p.name.split("-")[0]: p.stat().st_size for p in Path(cache).glob("*.pickle")}
    print("\nschema cache, in process (median, min, max):")
    for name, (med, lo, hi, _) in rows.items():
        print(f"  {name:45s} {med * 1000:8.1f} ms  ({lo * 1000:.1f} .. {hi * 1000:.1f})")
    print("  entry sizes: " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items())))


def _repeat(n: int, fn, before=None) -> tuple:
    def timed():
        if before:
            before()
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0, None
    return stats([timed() for _ in range(n)])


def _empty(folder: str) -> None:
    for p in Path(folder).glob("*"):
        p.unlink()


def report(title: str, rows: dict[str, dict[str, tuple]]) -> None:
    print(f"\n{title} (wall seconds: median (min .. max), median CPU seconds; ratio = other / this):")
    for name, by in rows.items():
        line = f"  {name:36s}"
        for who, (med, lo, hi, cpu) in by.items():
            line += f"  {who} {med:6.3f} ({lo:.3f} .. {hi:.3f}) cpu {_cpu(cpu)}"
        if "other" in by:
            line += f"  x{by['other'][0] / by['this'][0]:.2f}"
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
    checkouts = {"this": ROOT, **({"other": args.compare.resolve()} if args.compare else {})}
    with tempfile.TemporaryDirectory() as tmp:
        report("commands on the seed graph", commands(checkouts, Path(tmp), args.repeat))
        n, jobs = builds(Path(tmp) / "build", args.copies, args.build_repeat)
        report(f"build of {n} articles into an empty store", {name: {"this": row} for name, row in jobs.items()})
        one, two = jobs["build --jobs 1"], jobs["build --jobs 2"]
        print(f"  --jobs 2: wall x{one[0] / two[0]:.2f} faster, CPU x{two[3] / one[3]:.2f} of --jobs 1")
    in_process()


if __name__ == "__main__":
    main()
