"""Property-based tests (hypothesis) of the schema loader: any change to any schema file ends in a
loaded schema or a SchemaError listing ``file:line`` problems, never another exception or a hang.

Each case changes one file of the shipped schema (a value anywhere in it replaced by any YAML value,
a key dropped or renamed, or the whole file replaced by other text) and loads it:

* ontology, languages, morphology and gazetteer files through the entities loader
  (:func:`graph.schema.load.load_entities`, what the explorer loads), on a small copy of the schema
  (the gazetteer's countries and states);
* rules, titles, discourse, dates and candidates files through their own loaders, each given the
  shipped schema's entities (read once), as :func:`graph.schema.load.compile_schema` calls them (the
  whole compiler takes seconds a case: the shipped schema through it is tested in tests/extraction).

Budget per run (tests/fuzz_budget.py; the seed changes with every commit): 20 cases through the
entities loader and 30 through the rule-side loaders, plus the hostile examples below; 10,000 per
entry point take 500 and 334 CI runs, or ``GEOGRAPH_FUZZ_SCALE=500`` for one long local run.
"""
from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from fuzz_budget import budget
from graph.errors import SchemaError
from graph.matcher import PhraseMatcher
from graph.schema.candidates import load_candidates
from graph.schema.discourse import load_discourse
from graph.schema.load import _category, _load_dates, _read_entities, load_entities, structure_checked
from graph.schema.relation_rules import load_rules
from graph.schema.titles import load_titles
from graph.schema.yamlio import Reader

ENTITY_FILES = ["ontology.yaml", "morphology.yaml", "languages/en.yaml", "languages/ar.yaml",
                "gazetteer/countries.yaml", "gazetteer/states.yaml", "gazetteer/spelling.yaml"]
RULE_FILES = ["rules/meetings.yaml", "titles.yaml", "discourse.yaml", "dates.yaml", "candidates.yaml"]

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.sampled_from(["", "MET", "MLI", "person", "2025-13-45", "\u202e", "\x00", "ـ", "[", "*", "{x}", "(?P<", "\\"])
    | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6)


@pytest.fixture(scope="module")
def small(schema_dir, tmp_path_factory):
    """Ontology, languages, morphology and a small gazetteer: what the entities loader reads."""
    root = tmp_path_factory.mktemp("fuzz-schema") / "schema"
    shutil.copytree(schema_dir, root, ignore=shutil.ignore_patterns("__pycache__", ".*", "rules"))
    for f in (root / "gazetteer").iterdir():
        if f.name not in ("countries.yaml", "states.yaml", "spelling.yaml"):
            f.unlink()
    load_entities(root, cache=False)
    return root


@functools.lru_cache(maxsize=None)
def shipped_entities():
    """The shipped schema's entities, ontology and morphology, read once (the rule-side loaders' input)."""
    return _read_entities(SCHEMA_DIR)[1]


def rule_side_loader(name: str, entities):
    """How compile_schema calls the loader of ``name`` (a fresh lexicon each time)."""
    lexicon = PhraseMatcher(entities.morphology)
    if name.startswith("rules/"):
        return lambda root, reader: load_rules(root / "rules", entities.relation_types, entities.kinds,
                                               entities.entities, _category(lexicon, "trigger", inflect="suffixes"),
                                               reader)
    return {
        "titles.yaml": lambda root, reader: load_titles(root / name, _category(lexicon, "title", inflect="all"),
                                                        entities.relation_types, entities.entities, reader),
        "discourse.yaml": lambda root, reader: load_discourse(root / name, entities.kinds, entities.morphology,
                                                              _category(lexicon, "anaphor"), reader),
        "dates.yaml": lambda root, reader: _load_dates(root / name, reader),
        "candidates.yaml": lambda root, reader: load_candidates(root / name, entities.morphology, reader),
    }[name]


@st.composite
def change(draw, data):
    """``data`` with one place changed: a value replaced, a key dropped or renamed."""
    if isinstance(data, dict) and data and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(data, key=str)))
        out = dict(data)
        how = draw(st.sampled_from(["deeper", "replace", "drop", "rename"]))
        if how == "deeper":
            out[key] = draw(change(data[key]))
        elif how == "replace":
            out[key] = draw(values)
        elif how == "drop":
            del out[key]
        else:
            out[draw(st.text(max_size=8))] = out.pop(key)
        return out
    if isinstance(data, list) and data and draw(st.booleans()):
        i = draw(st.integers(0, len(data) - 1))
        out = list(data)
        out[i] = draw(change(data[i]))
        return out
    return draw(values)


@functools.lru_cache(maxsize=None)
def original(name: str):
    """A shipped file's data, read once (libyaml; never changed: :func:`change` copies what it changes)."""
    return yaml.load(Path(SCHEMA_DIR, name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


@st.composite
def changed_file(draw, files):
    name = draw(st.sampled_from(files))
    if draw(st.integers(0, 9)) == 0:
        return name, draw(st.text(max_size=200))
    return name, yaml.dump(draw(change(original(name))), Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


def _load(base: Path, name: str, text: str, load) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "schema"
        (root / name).parent.mkdir(parents=True)
        if base is not None:
            shutil.copytree(base, root, dirs_exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
        try:
            load(root)
        except SchemaError as err:
            assert err.problems
            for problem in err.problems:
                assert str(problem) and (problem.file is None or problem.file.startswith(str(root))), str(problem)


@budget(20)
@given(changed_file(ENTITY_FILES))
@example(("ontology.yaml", "relation_types: [1, 2]\n"))
@example(("gazetteer/countries.yaml", "- id: MLI\n  kind: country\n  names: {en: [Mali], ar: ['\x00']}\n"))
@example(("languages/en.yaml", "[" * 3000))
@example(("morphology.yaml", "a: &x [*x]\n"))
def test_entities_loader_on_any_change(small, case):
    _load(small, *case, lambda root: load_entities(root, cache=False))


@budget(30)
@given(changed_file(RULE_FILES))
@example(("rules/meetings.yaml", "rules: [{id: x, type: MET, trigger: {en: ['(']}, source: [before], target: [after]}]\n"))
@example(("dates.yaml", "months: {en: {January: 13}}\n"))
@example(("titles.yaml", "[" * 3000))
def test_rule_side_loaders_on_any_change(case):
    name, text = case
    entities = shipped_entities()

    def load(root):
        reader = Reader().with_languages(entities.languages)
        with structure_checked(root):   # as compile_schema runs them
            rule_side_loader(name, entities)(root, reader)
        if reader.problems:
            raise SchemaError(reader.problems)

    _load(None, name, text, load)
