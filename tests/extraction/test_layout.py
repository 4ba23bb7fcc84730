"""The engine's layout holds: docstring examples run, language facts are data, registries are the one list,
modules and classes stay small enough to read."""
from __future__ import annotations

import ast
import doctest
import importlib
import re
from pathlib import Path

import pytest

from graph.errors import SchemaError
from graph.extraction.anaphora import ANAPHORS
from graph.extraction.strategies import STRATEGIES
from graph.rules import load_schema

ROOT = Path(__file__).resolve().parents[2]
MODULES = ["graph.documents", "graph.matcher", "graph.dates", "graph.date_values", "graph.inflection", "graph.rules", "graph.schema.yamlio",
           "graph.schema.gazetteer", "graph.schema.dates", "graph.extraction.sentence", "graph.extraction.memory"]
# The engine: extraction stages, schema loaders, and the modules beside them
ENGINE = sorted((ROOT / "graph" / "extraction").glob("*.py")) + sorted((ROOT / "graph" / "schema").glob("*.py")) + [
    ROOT / "graph" / name for name in ("extract.py", "rules.py", "matcher.py", "documents.py", "dates.py", "date_values.py",
                                       "inflection.py", "candidates.py")]
MAX_MODULE_LINES = 500
MAX_CLASS_LINES = 200


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def _modules_with_examples() -> list[str]:
    """Every module of graph/ and server/ whose source holds a '>>>' example (none is left out by a list)."""
    names = []
    for path in sorted([*(ROOT / "graph").rglob("*.py"), *(ROOT / "server").rglob("*.py")]):
        if ">>>" in path.read_text(encoding="utf-8"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


@pytest.mark.parametrize("name", _modules_with_examples())
def test_every_module_examples_hold(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def _code_strings(path: Path):
    """String constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


@pytest.mark.parametrize("path", ENGINE, ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_and_classes_stay_small(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{path.name}: split it (one stage or one file per module)"
    big = [(n.name, n.end_lineno - n.lineno + 1) for n in ast.walk(ast.parse(text)) if isinstance(n, ast.ClassDef)
           and n.end_lineno - n.lineno + 1 > MAX_CLASS_LINES]
    assert big == [], f"{path.name}: classes over {MAX_CLASS_LINES} lines: {big}"


@pytest.mark.parametrize("path", sorted((ROOT / "graph" / "extraction").glob("*.py")) + [
    ROOT / "graph" / name for name in ("matcher.py", "inflection.py", "candidates.py")], ids=lambda p: p.name)
def test_the_engine_holds_no_arabic_words(path):
    arabic = [s for s in _code_strings(path) if re.search("[\u0600-\u06ff]", s)]
    assert arabic == [], f"{path.name}: language facts belong in schema/ (languages/, morphology.yaml ...)"


def _with_french(schema_copy: Path, lexicon_line: str) -> None:
    path = schema_copy / "rules" / "meetings.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("lexicons:\n", f"lexicons:\n{lexicon_line}\n", 1) if "lexicons:" in text
                    else f"lexicons:\n{lexicon_line}\n" + text, encoding="utf-8")


def test_a_language_is_a_file_in_schema_languages(schema_copy):
    _with_french(schema_copy, "  rencontrer: {fr: [a rencontré, rencontre]}")
    with pytest.raises(SchemaError) as info:
        load_schema(schema_copy)
    assert any("unknown language 'fr'" in str(p) and "schema/languages/" in str(p) for p in info.value.problems)
    (schema_copy / "languages" / "fr.yaml").write_text(
        'name: French\nscript: "A-Za-zÀ-ÿ"\nsentence_ends: [".", "!", "?", "…"]\nabbreviations: [M, Mme]\n',
        encoding="utf-8")
    schema = load_schema(schema_copy)
    assert "fr" in schema.grammar.languages
    assert "Mme" in schema.sentence_rules.abbreviations


def test_the_loader_takes_its_names_from_the_engines_registries(schema_copy):
    (schema_copy / "rules" / "broken.yaml").write_text(
        "rules:\n  - id: x\n    type: MET\n    trigger: [foo]\n    source: [sideways]\n    target: [after]\n",
        encoding="utf-8")
    discourse = schema_copy / "discourse.yaml"
    discourse.write_text(discourse.read_text(encoding="utf-8").replace("refers_to: topic", "refers_to: nearby", 1),
                         encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(schema_copy)
    problems = [str(p) for p in info.value.problems]
    assert any("unknown strategy" in p and ", ".join(STRATEGIES) in p for p in problems), problems
    assert any("refers_to must be one of " + ", ".join(ANAPHORS) in p for p in problems), problems


def test_quotation_marks_are_pairs_in_the_language_file(schema_copy):
    path = schema_copy / "languages" / "en.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'quotes: ["«»", "“”"]' in text
    path.write_text(text.replace('quotes: ["«»", "“”"]', 'quotes: ["«»", "“"]'), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(schema_copy)
    assert any("en.yaml" in str(p) and "'“' is not an opening and a closing mark" in str(p)
               for p in info.value.problems), info.value.problems


def test_a_sentence_reads_the_boundaries_of_its_own_language(schema):
    grammar = schema.grammar
    assert grammar.language_of("أعلنت مالي انضمامها إلى AES").code == "ar"
    assert grammar.language_of("Mali joined the AES").code == "en"
    assert grammar.language_of("2025 - 10") is None


def test_what_an_anaphor_states_is_a_relation_type(schema_copy):
    path = schema_copy / "discourse.yaml"
    text = path.read_text(encoding="utf-8")
    assert "states: MEMBER_OF" in text
    path.write_text(text.replace("states: MEMBER_OF", "states: MEMBER"), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(schema_copy)
    assert any("discourse.yaml" in str(p) and "states names unknown relation type 'MEMBER'" in str(p)
               for p in info.value.problems), info.value.problems
