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

Compiling takes most of a second, so :func:`load_schema` keeps the result in
the cache (:mod:`graph.schema.cache`) under the folder's fingerprint. Commands
that do not extract read only :func:`load_entities`, the light
:class:`~graph.schema.compiled.Gazetteer` part (ontology, languages,
morphology, gazetteer; no rules), cached the same way.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, NamedTuple

from ..errors import Problem, SchemaError
from .cache import cached, no_collection
from .compiled import Gazetteer, Schema

__all__ = ["load_schema", "load_entities", "compile_schema", "default_schema_dir", "shipped_schema_dir",
           "init_schema"]


def default_schema_dir() -> Path:
    """$GEOGRAPH_SCHEMA, else ./schema, else the schema/ shipped beside the package."""
    env = os.environ.get("GEOGRAPH_SCHEMA")
    if env:
        return Path(env)
    local = Path.cwd() / "schema"
    if (local / "ontology.yaml").exists():
        return local
    return shipped_schema_dir()


def shipped_schema_dir() -> Path:
    """The schema/ shipped beside the package (what a curated copy starts from)."""
    return Path(__file__).resolve().parents[2] / "schema"


def init_schema(dest: str | Path) -> Path:
    """Copy the shipped schema to ``dest`` (new or empty) to start a curated copy; never overwrites."""
    import shutil

    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        what = "is a file" if not dest.is_dir() else "is not empty"
        raise SchemaError([Problem(f"{what}: give a new or empty folder for the schema copy", str(dest))])
    shutil.copytree(shipped_schema_dir(), dest, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    return dest


def _root(path: str | Path | None) -> Path:
    root = Path(path) if path else default_schema_dir()
    if not (root / "ontology.yaml").exists():
        raise SchemaError([Problem("no ontology.yaml here: is this a schema folder?", str(root))])
    return root


def load_schema(path: str | Path | None = None, *, cache: bool = True) -> Schema:
    """The compiled schema of a folder, from the cache when its fingerprint is there (see
    :mod:`graph.schema.cache`), else compiled (and cached). Raises SchemaError with every problem."""
    root = _root(path)
    if not cache:
        return compile_schema(root)
    return cached("schema", root, lambda: _prepared(compile_schema(root)), Schema,
                  also=lambda schema: {"entities": schema.gazetteer()})


def _prepared(schema: Schema) -> Schema:
    """The schema with its sentence scan's automaton built, so that the cache holds it ready (it is
    restored far faster than it is built: every command that extracts starts sooner)."""
    schema.scanner.prepare()
    return schema


def load_entities(path: str | Path | None = None, *, cache: bool = True) -> Gazetteer:
    """The entities of a schema folder without compiling its rules (ontology, languages, morphology and
    gazetteer only): what who-met and the explorer need. Cached like :func:`load_schema`."""
    root = _root(path)
    if not cache:
        return _compile_entities(root)
    return cached("entities", root, lambda: _compile_entities(root), Gazetteer)


@contextlib.contextmanager
def structure_checked(root: Path) -> Iterator[None]:
    """The loaders check the shapes they expect, file:line; one that meets a shape nobody foresaw
    (found by tests/fuzz) still ends in a SchemaError naming the folder, never a traceback."""
    try:
        yield
    except (TypeError, AttributeError, ValueError, KeyError, IndexError, RecursionError) as err:
        raise SchemaError([Problem(f"a file has a value of an unexpected shape ({type(err).__name__}: {err}); "
                                   "compare it with the shipped schema", str(root))]) from err


def compile_schema(root: Path) -> Schema:
    """Read, validate and compile a schema folder (no cache). Raises SchemaError with every problem.
    The garbage collector is paused meanwhile, as for a cached load: two thirds of a compile were its
    passes over the objects being made."""
    with no_collection(), structure_checked(root):
        return _compile_schema(root)


def _compile_schema(root: Path) -> Schema:
    # imported here: commands served from the cache never need the loaders
    from .candidates import load_candidates
    from .discourse import load_discourse
    from .language import sentence_rules
    from .relation_rules import load_rules
    from .titles import load_titles

    reader, base, lexicon = _read_entities(root)
    relation_types, kinds, morphology = base.relation_types, base.kinds, base.morphology
    # trigger words also match their possessive and object forms, titles their article too (graph.inflection)
    rules = load_rules(root / "rules", relation_types, kinds, base.entities,
                       _category(lexicon, "trigger", inflect="suffixes"), reader)
    title_window, role_rule = load_titles(root / "titles.yaml", _category(lexicon, "title", inflect="all"),
                                          relation_types, base.entities, reader)
    if role_rule is not None:
        rules.append(role_rule)
    discourse = load_discourse(root / "discourse.yaml", kinds, morphology, _category(lexicon, "anaphor"), reader)
    for t in discourse.pair_types - set(relation_types):
        reader.add(root / "discourse.yaml", None, f"anaphora: from_types names unknown relation type {t!r}")
    for t, line in sorted(discourse.state_types):
        if t not in relation_types:
            reader.add(root / "discourse.yaml", line, f"anaphora: states names unknown relation type {t!r}")
    standing, parents, partners = discourse.standing_members, discourse.standing_parents, discourse.standing_partners
    for key, spec in (("standing_members", standing), ("standing_parents", parents),
                      ("standing_partners", partners)):
        if spec is not None and spec[0] not in relation_types:
            reader.add(root / "discourse.yaml", spec[2], f"{key}: unknown relation type {spec[0]!r}")
    dates = _load_dates(root / "dates.yaml", reader)
    candidates = load_candidates(root / "candidates.yaml", morphology, reader)
    if reader.problems:
        raise SchemaError(reader.problems)
    return Schema(
        path=root, relation_types=MappingProxyType(relation_types), entity_kinds=tuple(kinds),
        entities=MappingProxyType(base.entities), rules=tuple(rules), morphology=MappingProxyType(morphology),
        grammar=base.grammar, lexicon=lexicon, speech=discourse.speech,
        modality=MappingProxyType(discourse.modality), cues=discourse.cues,
        boilerplate=MappingProxyType(discourse.boilerplate), title_window=title_window, dates=dates,
        sentence_rules=sentence_rules(base.languages, dates.month_abbreviations if dates else frozenset()),
        pair_types=discourse.pair_types, pair_sides=discourse.pair_sides, candidates=candidates, link_runs=discourse.link_runs,
        members=MappingProxyType(base.members), standing_members=standing[:2] if standing else None,
        parents=MappingProxyType(base.parents), standing_parents=parents[:2] if parents else None,
        partners=MappingProxyType(base.partners), standing_partners=partners[:2] if partners else None,
        surname_spellings=MappingProxyType(base.surname_spellings), stood_for=MappingProxyType(base.stood_for),
        _alias_index=MappingProxyType(base.alias_index))


class _Entities(NamedTuple):
    """What the ontology, languages, morphology and gazetteer files give (both loads start here)."""

    relation_types: dict
    kinds: list
    languages: Any
    morphology: dict
    grammar: Any
    entities: dict
    alias_index: dict
    members: dict
    parents: dict
    partners: dict
    surname_spellings: dict
    stood_for: dict


def _read_entities(root: Path):
    """(reader with the problems so far, :class:`_Entities`, the lexicon holding the gazetteer's aliases)."""
    from ..matcher import PhraseMatcher
    from .gazetteer import load_gazetteer
    from .language import compile_grammar, load_languages, load_morphology
    from .ontology import load_ontology
    from .yamlio import Reader

    reader = Reader()
    relation_types, kinds = load_ontology(root / "ontology.yaml", reader)
    languages = load_languages(root / "languages", reader)
    reader = reader.with_languages(languages)
    morphology = load_morphology(root / "morphology.yaml", reader)
    grammar = compile_grammar(morphology, languages)
    lexicon = PhraseMatcher(morphology)
    entities, alias_index, *ties = load_gazetteer(root / "gazetteer", kinds, grammar, _category(lexicon, "mention"),
                                                  reader)
    return reader, _Entities(relation_types, kinds, languages, morphology, grammar, entities, alias_index,
                             *ties), lexicon


def _compile_entities(root: Path) -> Gazetteer:
    with structure_checked(root):
        reader, base, _ = _read_entities(root)
    if reader.problems:
        raise SchemaError(reader.problems)
    return Gazetteer(path=root, relation_types=MappingProxyType(base.relation_types), entity_kinds=tuple(base.kinds),
                     entities=MappingProxyType(base.entities), members=MappingProxyType(base.members),
                     _alias_index=MappingProxyType(base.alias_index))


def _category(lexicon, name: str, **options):
    from ..matcher import Category
    return Category(lexicon, name, **options)


def _load_dates(path: Path, reader):
    from ..dates import DateGrammar
    try:
        return DateGrammar.load(path)
    except SchemaError as err:
        reader.problems.extend(err.problems)
        return None
