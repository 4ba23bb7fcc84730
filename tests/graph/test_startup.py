"""Commands start fast: those that do not extract never compile the extraction schema (they read its
entities only, or nothing of it), and no command imports the libraries it does not use."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# heavy or unrelated libraries; networkx is left out: the embedded store holds the graph in it
HEAVY = {"tqdm", "flask", "neo4j", "babel", "dask", "waitress", "pyvis", "igraph"}
RULES = {"graph.schema.relation_rules", "graph.schema.titles", "graph.extraction.pipeline"}
LOADERS = {"graph.schema.gazetteer", "graph.schema.yamlio"}      # reading YAML at all
QUERY = "MATCH (a)-[r:MET]-(b) RETURN a.name, b.name, r.date"


def modules_after(home: Path, *args: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``geograph ARGS`` (which must succeed)."""
    code = ("import sys\nfrom graph.cli import main\ntry:\n    main(sys.argv[1:], prog_name='geograph')\n"
            "except SystemExit as end:\n    assert not end.code, end.code\nprint('MODULES', *sorted(sys.modules))")
    env = {**os.environ, "GEOGRAPH_HOME": str(home)}
    env.pop("GEOGRAPH_STORE", None)
    run = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    return set(run.stdout.strip().splitlines()[-1].split()[1:])


@pytest.fixture
def broken_rules(tmp_path) -> Path:
    """A schema whose rules do not load (invalid YAML); its gazetteer is fine."""
    dest = tmp_path / "schema"
    shutil.copytree(ROOT / "schema", dest)
    rules = dest / "rules" / "meetings.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("rules:", "rules: [", 1), encoding="utf-8")
    return dest


def test_who_met_reads_the_entities_from_the_cache_and_imports_nothing_heavy(seeds_home):
    # The seeds build cached the schema, but the run's cache keeps only the newest entries and other tests compile
    # schemas of their own: a first who-met puts the entities back if they were pruned, the second is measured.
    modules_after(seeds_home, "who-met", "Diop")
    loaded = modules_after(seeds_home, "who-met", "Diop")
    assert "graph.schema.compiled" in loaded
    assert not loaded & (HEAVY | RULES | LOADERS), loaded & (HEAVY | RULES | LOADERS)


@pytest.mark.parametrize("args", [("query", QUERY), ("export", "--format", "json", "--out", "{tmp}/g.json"),
                                  ("stats",), ("entities", "--kind", "person")])
def test_query_export_stats_and_entities_read_no_schema(seeds_home, tmp_path, args):
    loaded = modules_after(seeds_home, *(a.format(tmp=tmp_path) for a in args))
    assert not {m for m in loaded if m.startswith("graph.schema")}
    assert not loaded & HEAVY, loaded & HEAVY


def test_schema_init_copies_without_loading_any_schema(seeds_home, tmp_path):
    loaded = modules_after(seeds_home, "schema", "init", str(tmp_path / "curated"))
    assert (tmp_path / "curated" / "ontology.yaml").exists()
    assert not loaded & (HEAVY | RULES | LOADERS), loaded & (HEAVY | RULES | LOADERS)


def test_extract_with_the_schema_cached_compiles_nothing(seeds_home):
    loaded = modules_after(seeds_home, "extract", str(ROOT / "seeds" / "000_78dd3b09c3dc0569.txt"))
    assert "graph.extraction.pipeline" in loaded
    unwanted = HEAVY | {"networkx", "graph.schema.gazetteer", "graph.schema.relation_rules"}
    assert not loaded & unwanted, loaded & unwanted


def test_who_met_answers_when_the_rules_do_not_load(cli, seeds_home, broken_rules):
    result = cli("who-met", "Diop", "--home", seeds_home, "--schema", broken_rules)
    assert result.exit_code == 0 and "Christopher Landau" in result.stdout
    result = cli("extract", ROOT / "seeds", "--schema", broken_rules)
    assert result.exit_code == 2
    assert re.match(rf"error: {re.escape(str(broken_rules / 'rules' / 'meetings.yaml'))}:\d+: invalid YAML",
                    result.stderr)


def test_serve_of_a_built_graph_reads_the_entities_only(seeds_copy, broken_rules):
    exe = Path(sys.executable).with_name("geograph")
    env = {**os.environ, "GEOGRAPH_HOME": str(seeds_copy)}
    env.pop("GEOGRAPH_STORE", None)
    server = subprocess.Popen([str(exe), "serve", "--port", "0", "--schema", str(broken_rules)], cwd=ROOT, env=env,
                              text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = server.stdout.readline()
        found = re.match(r"Geograph explorer on (http://127\.0\.0\.1:\d+/)", line)
        assert found, line + (server.stderr.read() if server.poll() is not None else "")
        with urllib.request.urlopen(found.group(1) + "api/who-met?actor=%D8%AF%D9%8A%D9%88%D8%A8") as answer:
            answer = json.load(answer)                  # ديوب: an Arabic alias, from the gazetteer
        assert answer["actor"] == "ABDOULAYE_DIOP"
        assert "CHRISTOPHER_LANDAU" in {m["b"] for m in answer["meetings"]}
    finally:
        server.terminate()
        server.communicate(timeout=30)
