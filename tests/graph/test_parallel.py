"""Extraction in parallel: `geograph build --jobs N` gives the very same store file as one process, and
the Dask example (a map over article files) gives the very same relations as `geograph extract`."""
from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest

import graph.parallel
from graph.documents import iter_article_paths
from provenance_cases import early_constructions

ROOT = Path(__file__).resolve().parents[2]
#: the seeds, the outlet articles and the early construction articles (files): what these checks compare, one
#: process against several, needs variety, not every article
ARTICLES = [ROOT / "seeds", ROOT / "tests/extraction/outlets", *early_constructions()]


def build(cli, home, *args):
    result = cli("build", *args, "--home", home)
    assert result.exit_code == 0, result.output
    return result


def test_build_with_two_jobs_writes_the_same_store_file_as_one(cli, tmp_path):
    # seeds given twice: the second copy is skipped in input order, whatever process extracted it
    paths = [*ARTICLES, ROOT / "seeds"]
    n_articles = len(list(iter_article_paths(ARTICLES)))
    n_seeds = len(list(iter_article_paths([ROOT / "seeds"])))
    one = build(cli, tmp_path / "one", *paths, "--no-progress")
    two = build(cli, tmp_path / "two", *paths, "--no-progress", "--jobs", "2")
    assert one.stdout == two.stdout
    assert f"{n_articles} document(s) added, {n_seeds} already in the graph" in two.stdout
    graph_one = (tmp_path / "one" / "graph.json").read_bytes()
    assert len(graph_one) > 100_000 and (tmp_path / "two" / "graph.json").read_bytes() == graph_one
    # adding to a graph that holds some of the articles: the same again
    build(cli, tmp_path / "three", ROOT / "seeds", "--jobs", "2", "--no-progress")
    again = build(cli, tmp_path / "three", *ARTICLES, "--jobs", "3", "--no-progress")
    assert f"{n_articles - n_seeds} document(s) added, {n_seeds} already in the graph" in again.stdout
    assert (tmp_path / "three" / "graph.json").read_bytes() == graph_one


def test_workers_started_afresh_get_the_schema_pickled_and_build_the_same(cli, tmp_path):
    """Under 'spawn' (macOS and Windows; no fork) each worker unpickles the extractor it is given."""
    build(cli, tmp_path / "one", *ARTICLES[:2], "--no-progress")
    code = ("import multiprocessing, sys\nmultiprocessing.set_start_method('spawn')\nfrom graph.cli import main\n"
            "main(sys.argv[1:])")
    run = subprocess.run([sys.executable, "-c", code, "build", *map(str, ARTICLES[:2]), "--home", str(tmp_path / "two"),
                          "--jobs", "2", "--no-progress"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "two" / "graph.json").read_bytes() == (tmp_path / "one" / "graph.json").read_bytes()


def test_build_with_jobs_shows_its_progress(cli, tmp_path):
    result = build(cli, tmp_path / "home", *ARTICLES, "--progress", "--jobs", "2")
    n = len(list(iter_article_paths(ARTICLES)))
    assert "building graph" in result.stderr and f"{n}/{n}" in result.stderr


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_build_with_no_worker_is_a_clear_error(cli, tmp_path, jobs):
    result = cli("build", ROOT / "seeds", "--home", tmp_path, "--jobs", jobs)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: --jobs {jobs}: give the number of worker processes, 1 or more")
    assert not (tmp_path / "graph.json").exists()


def test_the_dask_example_gives_what_geograph_extract_gives(cli, tmp_path):
    want = tmp_path / "extract.jsonl"
    result = cli("extract", *ARTICLES, "--out", want, "--include-modal")
    assert result.exit_code == 0, result.output
    got = tmp_path / "dask.jsonl"
    # the schema comes from the run's cache (compiled once for the run), and reaches each of the two worker
    # processes pickled, as on a cluster
    run = subprocess.run([sys.executable, str(ROOT / "docs/examples/dask_extract.py"), *map(str, ARTICLES),
                          "--out", str(got), "--include-modal", "--scheduler", "processes", "--partitions", "2"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert got.read_bytes() == want.read_bytes() and len(want.read_bytes().splitlines()) > 300


def test_parallel_docstring_examples(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = doctest.testmod(graph.parallel)
    assert result.attempted > 0 and result.failed == 0
