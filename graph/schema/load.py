"""Reading, validating and compiling a ``schema/`` folder into a :class:`~graph.schema.compiled.Schema`.

Every file has its loader (one module each); this one runs them in the order
their dependencies need and raises one :class:`~graph.errors.SchemaError`
with every problem of every file. Layout of ``schema/``::

    languages/*.yaml     one file per language: script, sentence ends, abbreviations, possessive ...
    ontology.yaml        relation types (symmetric, CAMEO, PLOVER) and entity kinds
    morphology.yaml      proclitics, article, adjective endings, prepositions and other word classes
    gazetteer/*.yaml     entities (+ spelling.yaml: interchangeable spellings)
    rules/*.yaml         relation rules and shared lexicons
    titles.yaml          titles and ranks that make HOLDS_ROLE appositions
    discourse.yaml       anaphora, speech verbs, modality cues, boilerplate markers
    candidates.yaml      stop words and name links for the curators' candidates report
    dates.yaml           the date grammar (see graph.dates)
"""
from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType

from ..errors import Problem, SchemaError
from ..matcher import Category, PhraseMatcher
from .candidates import load_candidates
from .compiled import Schema
from .discourse import load_discourse
from .gazetteer import load_gazetteer
from .language import compile_grammar, load_languages, load_morphology, sentence_rules
from .ontology import load_ontology
from .relation_rules import load_rules
from .titles import load_titles
from .yamlio import Reader

__all__ = ["load_schema", "default_schema_dir"]


def default_schema_dir() -> Path:
    """$GEOGRAPH_SCHEMA, else ./schema, else the schema/ shipped beside the package."""
    env = os.environ.get("GEOGRAPH_SCHEMA")
    if env:
        return Path(env)
    local = Path.cwd() / "schema"
    if (local / "ontology.yaml").exists():
        return local
    return Path(__file__).resolve().parents[2] / "schema"


def load_schema(path: str | Path | None = None) -> Schema:
    """Read, validate and compile a schema folder. Raises SchemaError with every problem."""
    root = Path(path) if path else default_schema_dir()
    if not (root / "ontology.yaml").exists():
        raise SchemaError([Problem("no ontology.yaml here: is this a schema folder?", str(root))])
    reader = Reader()
    relation_types, kinds = load_ontology(root / "ontology.yaml", reader)
    languages = load_languages(root / "languages", reader)
    reader = reader.with_languages(languages)
    morphology = load_morphology(root / "morphology.yaml", reader)
    grammar = compile_grammar(morphology, languages)
    lexicon = PhraseMatcher(morphology)
    entities, alias_index, members = load_gazetteer(root / "gazetteer", kinds, grammar, Category(lexicon, "mention"),
                                                    reader)
    # trigger words also match their possessive and object forms, titles their article too (graph.inflection)
    rules = load_rules(root / "rules", relation_types, kinds, entities, Category(lexicon, "trigger", inflect="suffixes"),
                       reader)
    title_window, role_rule = load_titles(root / "titles.yaml", Category(lexicon, "title", inflect="all"),
                                          relation_types, entities, reader)
    if role_rule is not None:
        rules.append(role_rule)
    discourse = load_discourse(root / "discourse.yaml", kinds, morphology, Category(lexicon, "anaphor"), reader)
    for t in discourse.pair_types - set(relation_types):
        reader.add(root / "discourse.yaml", None, f"anaphora: from_types names unknown relation type {t!r}")
    dates = _load_dates(root / "dates.yaml", reader)
    candidates = load_candidates(root / "candidates.yaml", morphology, reader)
    if reader.problems:
        raise SchemaError(reader.problems)
    return Schema(
        path=root, relation_types=MappingProxyType(relation_types), entity_kinds=tuple(kinds),
        entities=MappingProxyType(entities), rules=tuple(rules), morphology=MappingProxyType(morphology),
        grammar=grammar, lexicon=lexicon, speech=discourse.speech, modality=MappingProxyType(discourse.modality),
        cues=discourse.cues, boilerplate=MappingProxyType(discourse.boilerplate), title_window=title_window,
        dates=dates, sentence_rules=sentence_rules(languages, dates.month_abbreviations if dates else frozenset()),
        pair_types=discourse.pair_types, candidates=candidates, link_runs=discourse.link_runs,
        members=MappingProxyType(members), _alias_index=MappingProxyType(alias_index))


def _load_dates(path: Path, reader: Reader):
    from ..dates import DateGrammar
    try:
        return DateGrammar.load(path)
    except SchemaError as err:
        reader.problems.extend(err.problems)
        return None
