"""The engine's layout holds: docstring examples run, language facts are data."""
from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from graph.errors import SchemaError
from graph.rules import load_schema

MODULES = ["graph.documents", "graph.matcher", "graph.dates", "graph.schema.yamlio", "graph.schema.gazetteer",
           "graph.schema.dates"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


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
