"""The examples in the graph modules' docstrings run and hold."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["graph.model", "graph.cypher", "graph.stores", "graph.stores.base", "graph.stores.ladybug_dialect",
           "graph.stores.ladybug_bounds", "graph.stores.ladybug_worker", "graph.stores.networkx_cypher", "graph.export", "graph.fileio", "graph.rollup", "graph.inflection",
           "graph.rules", "graph.matcher", "graph.lexscan", "graph.documents", "graph.schema.dates", "graph.stats",
           "graph.manifest", "server.hints", "server.stories", "graph.notebook", "geograph",
           "server.guard", "graph.inputs",
           "graph.provenance", "graph.extraction.standing", "graph.schema.parts", "graph.extraction.anaphora",
           "graph.extraction.visits", "graph.extraction.sentence", "graph.extraction.leads", "graph.extract"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# Documentation pages whose ``>>>`` examples are tests too.
DOC_FILES = ["docs/api.md"]


@pytest.mark.parametrize("name", DOC_FILES)
def test_documentation_examples(name, root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = doctest.testfile(str(root / name), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
