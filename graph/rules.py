"""Loading, validating and compiling ``schema/`` into an immutable :class:`Schema`.

The schema is data a curator edits: the ontology, the gazetteer, the
relation rules (with their examples), titles, anaphora, modality cues and
boilerplate markers. :func:`load_schema` reads it all, reports *every*
problem at once as ``file:line: message`` (a :class:`SchemaError`), and
compiles lexicons into :class:`~graph.matcher.PhraseMatcher` objects, so
extraction itself only matches.

Layout of ``schema/``::

    ontology.yaml        relation types (symmetric, CAMEO, PLOVER) and entity kinds
    morphology.yaml      proclitics, article, adjective endings
    gazetteer/*.yaml     entities (+ spelling.yaml: interchangeable spellings)
    rules/*.yaml         relation rules and shared lexicons
    titles.yaml          titles and ranks that make HOLDS_ROLE appositions
    discourse.yaml       anaphora, speech verbs, modality cues, boilerplate markers
    candidates.yaml      stop words and name links for the curators' candidates report
    dates.yaml           the date grammar (see graph.dates)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
import re
from types import MappingProxyType
from typing import Any, Iterable, Mapping

import yaml

from .documents import normalize_arabic
from .errors import Problem, SchemaError
from .matcher import Category, PatternError, PhraseMatcher, compile_pattern
from .model import Entity, Role

__all__ = ["Schema", "RelationType", "Rule", "Slot", "CandidateWords", "load_schema", "run_examples",
           "default_schema_dir", "ACTOR_KINDS"]

ACTOR_KINDS = ("country", "organization", "armed_group", "alliance", "person")
SLOT_STRATEGIES = ("before", "after", "prep", "gap", "between", "subject", "speaker", "coordinated_subject",
                   "clause_subject", "pair")
# What an anaphor refers to: the latest actor of some kinds, the subject's country, the two sides of the
# latest exchange, the country the article is about, or the last N countries named ('الدول الثلاث').
ANAPHOR_KINDS = ("last", "subject_country", "pair", "topic", "group", "members")


def default_schema_dir() -> Path:
    """$GEOGRAPH_SCHEMA, else ./schema, else the schema/ shipped beside the package."""
    env = os.environ.get("GEOGRAPH_SCHEMA")
    if env:
        return Path(env)
    local = Path.cwd() / "schema"
    if (local / "ontology.yaml").exists():
        return local
    return Path(__file__).resolve().parents[1] / "schema"


# --------------------------------------------------------------------------- YAML with lines

class LDict(dict):
    """A mapping that remembers the line of itself and of each key."""
    line: int = 0
    key_lines: dict


class LList(list):
    """A sequence that remembers the line of itself and of each item."""
    line: int = 0
    item_lines: list


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    d = LDict()
    d.line = node.start_mark.line + 1
    d.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in d:   # a second 'id:' or a merged rule would silently replace the first
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r} (first at line "
                                                    f"{d.key_lines[key]})", key_node.start_mark)
        d[key] = loader.construct_object(value_node, deep=True)
        d.key_lines[key] = value_node.start_mark.line + 1
    return d


def _construct_sequence(loader, node):
    lst = LList(loader.construct_object(child, deep=True) for child in node.value)
    lst.line = node.start_mark.line + 1
    lst.item_lines = [child.start_mark.line + 1 for child in node.value]
    return lst


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Keep dates as strings: '2025-11' and '2025-11-04' must stay what the curator wrote. Only true/false are
# booleans: YAML 1.1 also reads the words on, off, yes, no (prepositions and cues here) as booleans.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, _BOOL if tag == "tag:yaml.org,2002:bool" else rx) for tag, rx in v
        if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Problems:
    """Collects problems for one file; never stops at the first."""

    def __init__(self):
        self.items: list[Problem] = []

    def add(self, file, line, message):
        self.items.append(Problem(message, str(file), line))


def _read_yaml(path: Path, problems: _Problems) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        problems.add(path, None, f"not UTF-8 ({err.reason}); re-save the file as UTF-8")
        return None
    except OSError as err:
        problems.add(path, None, f"cannot read: {err.strerror}")
        return None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        what = getattr(err, "problem", None) or str(err)
        problems.add(path, mark.line + 1 if mark else None, f"invalid YAML: {what}")
        return None


def _line(obj, key=None, default=None):
    if key is not None and isinstance(obj, LDict):
        return obj.key_lines.get(key, obj.line)
    return getattr(obj, "line", default)


def _check_keys(d: LDict, allowed: Iterable[str], required: Iterable[str], file, problems, what: str):
    allowed = set(allowed)
    for key in d:
        if key not in allowed:
            problems.add(file, _line(d, key), f"{what}: unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
    for key in required:
        if key not in d:
            problems.add(file, _line(d), f"{what}: missing {key!r}")


def _mappings(items: LList, file, problems, what: str):
    """(item, line) for each mapping of a YAML list; anything else is reported."""
    for i, item in enumerate(items):
        line = items.item_lines[i]
        if isinstance(item, dict):
            yield item, line
        else:
            problems.add(file, line, f"{what}: expected a mapping, got {item!r}")


def _str_list(value, file, line, problems, what) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        problems.add(file, line, f"{what}: expected a list of strings, got {value!r}")
        return []
    return [str(v) for v in value]


def _lang_lists(value, file, line, problems, what) -> dict[str, list[str]]:
    """{ar: [...], en: [...]} or a plain list (any language)."""
    if value is None:
        return {}
    if isinstance(value, (list, str)):
        return {"any": _str_list(value, file, line, problems, what)}
    if not isinstance(value, dict):
        problems.add(file, line, f"{what}: expected a list or {{ar: [...], en: [...]}}, got {value!r}")
        return {}
    out = {}
    for lang, items in value.items():
        if lang not in ("ar", "en"):
            problems.add(file, _line(value, lang, line), f"{what}: unknown language {lang!r} (use ar or en)")
            continue
        out[lang] = _str_list(items, file, _line(value, lang, line), problems, f"{what}.{lang}")
    return out


# --------------------------------------------------------------------------- compiled objects

@dataclass(frozen=True)
class RelationType:
    name: str
    symmetric: bool
    meaning: str
    cameo: str | None
    plover: str | None
    note: str | None = None
    multiparty: bool = False   # one event of N parties gives every pair (a summit, a pact of three)


@dataclass(frozen=True)
class Slot:
    """One way to find an argument, tried in the order the rule lists them."""

    strategy: str
    preps: tuple[str, ...] = ()
    max: int | None = None     # words; None = the strategy's default
    reach: int = 2             # prep: words between the preposition and the mention
    kinds: tuple[str, ...] | None = None
    coordinated: bool = True
    via: tuple[str, ...] = ()  # prep: prepositions allowed inside the reach ('من سفارتها في باماكو')
    nearest: bool = True       # before/after: the nearest actor or nothing; False: the nearest of the right kind


@dataclass(frozen=True)
class Example:
    text: str
    expect: tuple[dict, ...]
    published: str | None
    file: str
    line: int


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    source: tuple[Slot, ...]
    target: tuple[Slot, ...]
    source_kinds: tuple[str, ...]
    target_kinds: tuple[str, ...]
    confidence: float
    examples: tuple[Example, ...]
    file: str
    line: int
    note: str | None = None


@dataclass(frozen=True)
class EntityForm:
    """What a gazetteer match means: the entity, and whether it was a name or an adjective."""

    entity: str
    form: str                      # 'name' | 'adjective'
    exclude_before: frozenset = frozenset()
    exclude_after: frozenset = frozenset()


@dataclass(frozen=True)
class Anaphor:
    refers_to: str                 # one of ANAPHOR_KINDS
    kinds: tuple[str, ...] = ()
    count: int | None = None       # group: how many members ('الدول الثلاث' = 3)


@dataclass(frozen=True)
class CandidateWords:
    """schema/candidates.yaml: what may not be part of a name the gazetteer does not know yet."""

    stopwords: PhraseMatcher         # words that never start or continue a candidate name (with morphology.yaml's
                                     # prepositions, conjunctions and clause openers) -> 'stopwords'
    never_first: PhraseMatcher       # words that may continue a name but never start one ('ال*') -> 'never_first'
    name_links: frozenset            # lowercase words and marks allowed inside a capitalized name ('of', '-')
    determiners: frozenset = frozenset()   # words between a comma and a title: '<Name>, the foreign minister'
    max_words: int = 4               # the longest candidate, in words
    gap: int = 1                     # stop words skipped between a trigger or title and a name
    reach: int = 6                   # words after a trigger searched for the preposition of a 'prep' argument


@dataclass
class Schema:
    """Everything extraction needs, compiled. Treat as read-only."""

    path: Path
    relation_types: Mapping[str, RelationType]
    entity_kinds: tuple[str, ...]
    entities: Mapping[str, Entity]
    rules: tuple[Rule, ...]
    morphology: Mapping[str, Any]
    lexicon: PhraseMatcher           # one pass finds all of: ('mention', EntityForm), ('trigger', Rule),
                                     # ('title', 'title'|'counterpart'|'rank'|'cancel'), ('anaphor', Anaphor)
    speech: PhraseMatcher            # speech verbs -> 'speech'; continuation words -> 'continuation'
    modality: Mapping[str, list]     # name -> [{'window': n, 'clitic': str}] (one entry per cue list)
    cues: PhraseMatcher              # modality cue words -> (name, entry index, 'before' | 'after')
    boilerplate: Mapping[str, PhraseMatcher]    # 'stop' | 'skip_next' | 'skip_line' -> matcher
    title_window: int
    dates: Any                       # graph.dates.DateGrammar
    pair_types: frozenset = frozenset()   # relation types whose two ends 'the two sides' refers to
    candidates: CandidateWords | None = None   # only the candidates report reads it
    link_runs: Mapping[str, Any] | None = None  # runs of short unpunctuated lines: menus, tickers, teasers
    members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)   # alliance -> its member states
    _alias_index: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def find_entities(self, query: str) -> list[str]:
        """Entity ids for an id, a name or an alias, in Arabic or English.

        >>> schema.find_entities("ديوب")        # doctest: +SKIP
        ['ABDOULAYE_DIOP']
        """
        q = query.strip()
        if q in self.entities:
            return [q]
        if q.upper() in self.entities:
            return [q.upper()]
        key = _alias_key(q)
        return list(self._alias_index.get(key, ()))

    def relation_type(self, name: str) -> RelationType:
        return self.relation_types[name]


def _alias_key(text: str) -> str:
    norm = " ".join(normalize_arabic(text).split())
    return norm.lstrip("@").casefold()


# --------------------------------------------------------------------------- loading

def load_schema(path: str | Path | None = None) -> Schema:
    """Read, validate and compile a schema folder. Raises SchemaError with every problem."""
    root = Path(path) if path else default_schema_dir()
    problems = _Problems()
    if not (root / "ontology.yaml").exists():
        raise SchemaError([Problem("no ontology.yaml here: is this a schema folder?", str(root))])
    relation_types, kinds = _load_ontology(root / "ontology.yaml", problems)
    morphology = _load_morphology(root / "morphology.yaml", problems)
    lexicon = PhraseMatcher(morphology)
    entities, alias_index, members = _load_gazetteer(root / "gazetteer", kinds, morphology,
                                                     Category(lexicon, "mention"),
                                            problems)
    rules = _load_rules(root / "rules", relation_types, kinds, entities, Category(lexicon, "trigger", inflect="suffixes"),
                        problems)
    title_window, role_rule = _load_titles(root / "titles.yaml", Category(lexicon, "title", inflect="all"), relation_types,
                                           entities, problems)
    if role_rule is not None:
        rules.append(role_rule)
    speech, (modality, cues), (boilerplate, link_runs), pair_types = _load_discourse(root / "discourse.yaml", kinds, morphology,
                                                                Category(lexicon, "anaphor"), problems)
    for t in pair_types - set(relation_types):
        problems.add(root / "discourse.yaml", None, f"anaphora: from_types names unknown relation type {t!r}")
    dates = _load_dates(root / "dates.yaml", problems)
    candidates = _load_candidates(root / "candidates.yaml", morphology, problems)
    if problems.items:
        raise SchemaError(problems.items)
    return Schema(
        path=root, relation_types=MappingProxyType(relation_types), entity_kinds=tuple(kinds),
        entities=MappingProxyType(entities), rules=tuple(rules), morphology=MappingProxyType(morphology),
        lexicon=lexicon, speech=speech,
        modality=MappingProxyType(modality), cues=cues, boilerplate=MappingProxyType(boilerplate),
        title_window=title_window, dates=dates, pair_types=pair_types, candidates=candidates, link_runs=link_runs,
        members=MappingProxyType(members), _alias_index=MappingProxyType(alias_index))


def _load_dates(path: Path, problems: _Problems):
    from .dates import DateGrammar
    try:
        return DateGrammar.load(path)
    except SchemaError as err:
        problems.items.extend(err.problems)
        return None


def _load_ontology(path: Path, problems: _Problems):
    data = _read_yaml(path, problems)
    types: dict[str, RelationType] = {}
    kinds: list[str] = []
    if not isinstance(data, dict):
        if data is not None:
            problems.add(path, 1, "expected a mapping with relation_types and entity_kinds")
        return types, kinds
    kinds = list((data.get("entity_kinds") or {}).keys())
    if not kinds:
        problems.add(path, _line(data), "entity_kinds is missing or empty")
    rts = data.get("relation_types")
    if not isinstance(rts, dict) or not rts:
        problems.add(path, _line(data), "relation_types is missing or empty")
        return types, kinds
    for name, spec in rts.items():
        line = _line(rts, name)
        if not isinstance(spec, dict):
            problems.add(path, line, f"relation type {name}: expected a mapping")
            continue
        _check_keys(spec, ("symmetric", "meaning", "cameo", "plover", "note", "multiparty"), ("symmetric", "meaning"),
                    path, problems, f"relation type {name}")
        if spec.get("multiparty") and not spec.get("symmetric"):
            problems.add(path, line, f"relation type {name}: multiparty needs symmetric")
        if (spec.get("cameo") is None or spec.get("plover") is None) and not spec.get("note"):
            problems.add(path, line, f"relation type {name}: a null cameo/plover code needs a note saying why")
        types[name] = RelationType(name, bool(spec.get("symmetric")), str(spec.get("meaning", "")),
                                   spec.get("cameo"), spec.get("plover"), spec.get("note"), bool(spec.get("multiparty")))
    return types, kinds


_MORPHOLOGY_DEFAULTS = {"proclitics": [["و", "ف"], ["ب", "ل", "ك"]], "article": "ال",
                        "adjective_endings": ["", "ه", "ون", "ين", "ان", "تان", "تين", "ا"],
                        "verb_prefixes": {}, "prepositions": [], "clause_openers": [], "non_actor_heads": [],
                        "conjunctions": ["و", "and"], "list_separators": [","], "between": ["between"],
                        "actor_heads_in": [], "actor_heads_of": [], "inflection": None, "whole_words": [],
                        "title_separators": [",", "(", ")", "@"], "glued_kinds": [],
                        "title_affiliation_before": ["en"]}


def _load_morphology(path: Path, problems: _Problems) -> dict:
    if not path.exists():
        return dict(_MORPHOLOGY_DEFAULTS)
    data = _read_yaml(path, problems)
    if not isinstance(data, dict):
        problems.add(path, 1, "expected a mapping (proclitics, article, adjective_endings, verb_prefixes)")
        return dict(_MORPHOLOGY_DEFAULTS)
    _check_keys(data, _MORPHOLOGY_DEFAULTS.keys(), (), path, problems, "morphology")
    out = dict(_MORPHOLOGY_DEFAULTS)
    for key in _MORPHOLOGY_DEFAULTS:
        if key in data:
            out[key] = data[key]
    out["proclitics"] = [[normalize_arabic(c) for c in layer] for layer in out["proclitics"]]
    out["adjective_endings"] = [normalize_arabic(e) for e in out["adjective_endings"]]
    out["prepositions"] = [normalize_arabic(str(p)).lower() for p in out["prepositions"]]
    out["clause_openers"] = [normalize_arabic(str(p)).lower() for p in out["clause_openers"]]
    out["non_actor_heads"] = [normalize_arabic(str(p)) for p in out["non_actor_heads"]]
    for key in ("conjunctions", "list_separators", "between", "actor_heads_in", "actor_heads_of", "whole_words",
                "title_separators"):
        out[key] = [normalize_arabic(str(p)).lower() for p in out[key]]
    out["inflection"] = _inflection_spec(out["inflection"], out["article"], path, _line(data, "inflection"), problems)
    return out


def _inflection_spec(spec, article, path, line, problems) -> dict | None:
    """morphology.yaml's ``inflection``: suffixes and last-letter changes generated for triggers and titles."""
    if spec is None:
        return None
    if not isinstance(spec, dict):
        problems.add(path, line, "inflection: expected {suffixes, before_suffix, min_length}")
        return None
    _check_keys(spec, ("suffixes", "before_suffix", "min_length"), ("suffixes",), path, problems, "inflection")
    before = spec.get("before_suffix") or {}
    if not isinstance(before, dict):
        problems.add(path, line, "inflection.before_suffix: expected a mapping of last letter -> letter")
        before = {}
    return {"article": normalize_arabic(article),
            "suffixes": [normalize_arabic(s) for s in _str_list(spec.get("suffixes"), path, line, problems,
                                                                "inflection.suffixes")],
            "before_suffix": {normalize_arabic(str(k)): normalize_arabic(str(v)) for k, v in before.items()},
            "min_length": int(spec.get("min_length", 3))}


def _adjective_forms(stem: str, morphology: dict) -> list[str]:
    """Arabic nisba stem -> its inflections, with and without the article."""
    if not any("\u0600" <= ch <= "\u06ff" for ch in stem):
        return [stem]
    article = morphology["article"]
    forms = []
    for ending in morphology["adjective_endings"]:
        word = stem + ending
        forms += [word, article + word]
    return forms


def _spelling_variants(root: Path, problems: _Problems) -> tuple[list[list[str]], list[list[str]]]:
    """spelling.yaml: substring variants for every alias, and letters interchangeable in people's names."""
    path = root / "spelling.yaml"
    if not path.exists():
        return [], []
    data = _read_yaml(path, problems)
    groups = (data or {}).get("variants") if isinstance(data, dict) else None
    if groups is None:
        problems.add(path, 1, "expected {variants: [[a, b], ...]}")
        return [], []
    letters = []
    for i, group in enumerate(data.get("name_letters") or []):
        if not isinstance(group, list) or len(group) < 2 or any(len(str(g)) != 1 for g in group):
            problems.add(path, data["name_letters"].item_lines[i], f"a letter group needs two or more single "
                         f"letters, got {group!r}")
            continue
        letters.append([normalize_arabic(str(g)) for g in group])
    out = []
    for i, group in enumerate(groups):
        if not isinstance(group, list) or len(group) < 2:
            problems.add(path, groups.item_lines[i], f"a variant group needs two or more spellings, got {group!r}")
            continue
        out.append([normalize_arabic(str(g)) for g in group])
    return out, letters


def _glued(name: str) -> list[str]:
    """A two-word Arabic name written as one word ('بوركينافاسو', 'كوتديفوار').

    >>> _glued("بوركينا فاسو"), _glued("Burkina Faso"), _glued("مالي")
    (['بوركينافاسو'], [], [])
    """
    words = name.split()
    if len(words) == 2 and all(re.fullmatch(r"[\u0621-\u064A]{3,}", w) for w in words):
        return ["".join(words)]
    return []


def _with_variants(alias: str, variants: list[list[str]]) -> set[str]:
    forms = {normalize_arabic(alias)}
    for group in variants:
        for form in list(forms):
            for a in group:
                if a in form:
                    forms.update(form.replace(a, b) for b in group if b != a)
    return forms


_ENTITY_KEYS = ("id", "kind", "name", "name_ar", "aliases", "adjectives", "country", "roles", "stands_for", "members",
                "exclude_preceded_by", "exclude_followed_by", "exclude_forms", "note")


def _load_gazetteer(folder: Path, kinds, morphology, matcher: Category, problems: _Problems):
    entities: dict[str, Entity] = {}
    where: dict[str, tuple[str, int]] = {}
    raw: list[tuple[LDict, Path]] = []
    if not folder.is_dir():
        problems.add(folder, None, "gazetteer folder is missing")
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    variants, letters = _spelling_variants(folder, problems)
    for path in files:
        if path.name == "spelling.yaml":
            continue
        data = _read_yaml(path, problems)
        if data is None:
            continue
        items = data.get("entities") if isinstance(data, dict) else None
        if not isinstance(items, list):
            problems.add(path, _line(data, default=1), "expected {entities: [...]}")
            continue
        for item, line in _mappings(items, path, problems, "entity"):
            _check_keys(item, _ENTITY_KEYS, ("id", "kind", "name"), path, problems, f"entity {item.get('id')}")
            eid = str(item.get("id", ""))
            if not eid:
                continue
            if eid in where:
                problems.add(path, line, f"duplicate entity id {eid} (first defined at {where[eid][0]}:{where[eid][1]})")
                continue
            if item.get("kind") not in kinds:
                problems.add(path, _line(item, "kind"), f"entity {eid}: unknown kind {item.get('kind')!r} "
                             f"(one of: {', '.join(kinds)})")
            where[eid] = (str(path), line)
            raw.append((item, path))

    alias_owner: dict[str, tuple[str, str, int]] = {}
    loose: dict[str, set[str]] = {}   # loose spelling of a person's full name -> persons
    alias_index: dict[str, set[str]] = {}
    for item, path in raw:
        eid = str(item["id"])
        aliases = _lang_lists(item.get("aliases"), path, _line(item, "aliases"), problems, f"{eid}.aliases")
        adjectives = _lang_lists(item.get("adjectives"), path, _line(item, "adjectives"), problems,
                                 f"{eid}.adjectives")
        excl_before = frozenset(normalize_arabic(w) for w in _str_list(
            item.get("exclude_preceded_by"), path, _line(item, "exclude_preceded_by"), problems, eid))
        excl_after = frozenset(normalize_arabic(w) for w in _str_list(
            item.get("exclude_followed_by"), path, _line(item, "exclude_followed_by"), problems, eid))
        excl_forms = {normalize_arabic(w) for w in _str_list(
            item.get("exclude_forms"), path, _line(item, "exclude_forms"), problems, eid)}
        country = item.get("country")
        if country is not None and country not in where:
            problems.add(path, _line(item, "country"), f"entity {eid}: unknown country {country!r}")
        # a body that is its state in relations (a ruling junta is the government): mentions resolve to it
        stands_for = item.get("stands_for")
        if stands_for is not None and stands_for not in where:
            problems.add(path, _line(item, "stands_for"), f"entity {eid}: stands_for unknown entity {stands_for!r}")
            stands_for = None
        roles = []
        for j, r in enumerate(item.get("roles") or []):
            rline = item["roles"].item_lines[j] if isinstance(item.get("roles"), LList) else _line(item, "roles")
            if not isinstance(r, dict) or "role" not in r or "of" not in r:
                problems.add(path, rline, f"entity {eid}: a role needs 'role' and 'of', got {r!r}")
                continue
            if r["of"] not in where:
                problems.add(path, rline, f"entity {eid}: role of unknown entity {r['of']!r}")
            roles.append(Role(str(r["role"]), str(r["of"]), _iso(r.get("from")), _iso(r.get("to"))))
        all_aliases: list[str] = []
        for (lst, form) in ((aliases, "name"), (adjectives, "adjective")):
            for lang, words in lst.items():
                for word in words:
                    generated = _adjective_forms(normalize_arabic(word), morphology) if form == "adjective" else [word]
                    if form == "name" and item.get("kind") in morphology["glued_kinds"]:
                        generated = generated + _glued(normalize_arabic(word))   # 'بوركينافاسو' 
                    for g in generated:
                        for variant in _with_variants(g, variants):
                            if variant in excl_forms:
                                continue
                            try:
                                compile_pattern(variant)
                            except PatternError as err:
                                problems.add(path, _line(item, "aliases"), f"entity {eid}: {err}")
                                continue
                            key = _alias_key(variant) if not (variant.isupper() and len(variant) > 1) else variant
                            owner = alias_owner.get(key)
                            if owner and owner[0] != eid:
                                problems.add(path, _line(item, "aliases" if form == "name" else "adjectives"),
                                             f"alias {word!r} of {eid} already names {owner[0]} "
                                             f"({owner[1]}:{owner[2]}); an alias must point to one entity")
                                continue
                            if owner:
                                continue
                            alias_owner[key] = (eid, str(path), _line(item))
                            matcher.add(variant, EntityForm(stands_for or eid, form, excl_before, excl_after))
                            all_aliases.append(word)
                            if item.get("kind") == "person" and form == "name":
                                for lv in _loose_spellings(variant, letters):
                                    loose.setdefault(lv, set()).add(eid)
        entities[eid] = Entity(id=eid, kind=str(item.get("kind")), name=str(item.get("name")),
                               name_ar=item.get("name_ar"), aliases=tuple(dict.fromkeys(all_aliases)),
                               country=country, roles=tuple(roles))
        for text in [eid, str(item.get("name")), str(item.get("name_ar") or "")] + all_aliases:
            if text:
                alias_index.setdefault(_alias_key(text), set()).add(eid)
    for spelling, owners in loose.items():
        # 'بكاري ياو سنغاري' for 'باكاري ياو سانغاري': only where it names one person and nothing else
        if len(owners) == 1 and _alias_key(spelling) not in alias_owner:
            matcher.add(spelling, EntityForm(next(iter(owners)), "name"))
    members = {}
    for item, path in raw:   # an alliance's member states: what 'دول الاتحاد', 'member states' refer to
        if item.get("members") is not None:
            ids = _str_list(item.get("members"), path, _line(item, "members"), problems, "members")
            for m in ids:
                if m not in entities:
                    problems.add(path, _line(item, "members"), f"entity {item.get('id')}: unknown member {m!r}")
            members[str(item.get("id"))] = tuple(m for m in ids if m in entities)
    return entities, {k: tuple(sorted(v)) for k, v in alias_index.items()}, members


def _loose_spellings(name: str, letters=(), limit: int = 16) -> list[str]:
    """Transliterated names write a long vowel after the first letter or not (سانغاري / سنغاري), and some
    letters one way or another (``letters``, from spelling.yaml: g as غ or ج: سانجاري).

    For names of two words or more, every combination of those spellings (up to ``limit``).

    >>> _loose_spellings("ياو سانغاري", [["غ", "ج"]])
    ['ياو سانجاري', 'ياو سنجاري', 'ياو سنغاري']
    """
    words = name.split()
    if len(words) < 2 or not any("\u0600" <= ch <= "\u06ff" for ch in name):
        return []
    options = []
    for w in words:
        alt = {w}
        if len(w) > 4 and w[1] == "ا":
            alt.add(w[0] + w[2:])
        elif len(w) > 3 and w[1] != "ا" and w[0] != "ا":
            alt.add(w[0] + "ا" + w[1:])
        for group in letters:
            for form in list(alt):
                for a in group:
                    if a in form:
                        alt.update(form.replace(a, b) for b in group if b != a)
        options.append(sorted(alt))
    out = [""]
    for alts in options:
        out = [f"{o} {a}".strip() for o in out for a in alts][:limit]
    return [o for o in out if o != name]


def _iso(value) -> str | None:
    return None if value is None else str(value)


_RULE_KEYS = ("id", "type", "trigger", "source", "target", "source_kinds", "target_kinds", "confidence",
              "examples", "note")


def _load_rules(folder: Path, relation_types, kinds, entities, matcher: Category, problems: _Problems):
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        problems.add(folder, None, "no rule files (rules/*.yaml)")
    lexicons: dict[str, dict[str, list[str]]] = {}
    parsed = []
    for path in files:
        data = _read_yaml(path, problems)
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.add(path, 1, "expected a mapping with 'rules' (and optional 'lexicons')")
            continue
        _check_keys(data, ("lexicons", "rules"), (), path, problems, "rule file")
        for name, value in (data.get("lexicons") or {}).items():
            if name in lexicons:
                problems.add(path, _line(data["lexicons"], name), f"lexicon @{name} is defined twice")
            lexicons[name] = _lang_lists(value, path, _line(data["lexicons"], name), problems, f"lexicon {name}")
        parsed.append((path, data))
    for path, data in parsed:
        items = data.get("rules") or []
        if not isinstance(items, list):
            problems.add(path, _line(data, "rules"), "rules: expected a list")
            continue
        for item, line in _mappings(items, path, problems, "rule"):
            rule = _compile_rule(item, path, line, relation_types, kinds, entities, lexicons, matcher, problems)
            if rule is None:
                continue
            if rule.id in seen:
                problems.add(path, line, f"duplicate rule id {rule.id!r} (also in {seen[rule.id]})")
                continue
            seen[rule.id] = f"{path}:{line}"
            rules.append(rule)
    return rules


def _compile_slots(value, path, line, kinds, problems, what) -> tuple[Slot, ...]:
    if value is None:
        problems.add(path, line, f"{what}: missing (list the strategies to find it: {', '.join(SLOT_STRATEGIES)})")
        return ()
    if not isinstance(value, list):
        value = [value]
    slots = []
    for spec in value:
        if isinstance(spec, str):
            spec = {spec: True}
        if not isinstance(spec, dict) or not spec:
            problems.add(path, line, f"{what}: bad strategy {spec!r}")
            continue
        strategy = next((k for k in spec if k in SLOT_STRATEGIES), None)
        if strategy is None:
            problems.add(path, _line(spec, default=line), f"{what}: unknown strategy in {dict(spec)!r} "
                         f"(one of: {', '.join(SLOT_STRATEGIES)})")
            continue
        extra = set(spec) - {strategy, "max", "reach", "kinds", "coordinated", "via", "nearest"}
        if extra:
            problems.add(path, _line(spec, default=line), f"{what}: unknown option(s) {sorted(extra)}")
        preps = ()
        if strategy == "prep":
            preps = tuple(normalize_arabic(p) for p in _str_list(spec["prep"], path, line, problems, what))
            if not preps:
                problems.add(path, _line(spec, default=line), f"{what}: prep needs a list of prepositions")
        slot_kinds = spec.get("kinds")
        if slot_kinds is not None:
            slot_kinds = tuple(_str_list(slot_kinds, path, line, problems, what))
            for k in slot_kinds:
                if k not in kinds:
                    problems.add(path, _line(spec, "kinds", line), f"{what}: unknown kind {k!r}")
        via = tuple(normalize_arabic(p) for p in _str_list(spec.get("via"), path, line, problems, what))
        slots.append(Slot(strategy, preps, int(spec["max"]) if "max" in spec else None, int(spec.get("reach", 2)),
                          slot_kinds,
                          bool(spec.get("coordinated", True)), via, bool(spec.get("nearest", True))))
    return tuple(slots)


def _compile_rule(item, path, line, relation_types, kinds, entities, lexicons, matcher, problems):
    rid = str(item.get("id", ""))
    what = f"rule {rid or '(no id)'}"
    _check_keys(item, _RULE_KEYS, ("id", "type", "trigger", "source", "target"), path, problems, what)
    rtype = item.get("type")
    if rtype is not None and rtype not in relation_types:
        problems.add(path, _line(item, "type"), f"{what}: unknown relation type {rtype!r} "
                     f"(see ontology.yaml: {', '.join(sorted(relation_types))})")
    triggers = _lang_lists(item.get("trigger"), path, _line(item, "trigger"), problems, f"{what}.trigger")
    source = _compile_slots(item.get("source"), path, _line(item, "source", line), kinds, problems, f"{what}.source")
    target = _compile_slots(item.get("target"), path, _line(item, "target", line), kinds, problems, f"{what}.target")
    skinds = tuple(_str_list(item.get("source_kinds", list(ACTOR_KINDS)), path, line, problems, what))
    tkinds = tuple(_str_list(item.get("target_kinds", list(ACTOR_KINDS)), path, line, problems, what))
    for k in skinds + tkinds:
        if k not in kinds:
            problems.add(path, _line(item, "source_kinds", line), f"{what}: unknown kind {k!r}")
    examples = _compile_examples(item.get("examples"), path, _line(item, "examples", line), rid, rtype,
                                 relation_types, entities, problems)
    if not any(e.expect for e in examples) or not any(not e.expect for e in examples):
        problems.add(path, line, f"{what}: needs examples it must match and examples it must not match")
    if not rid or rtype not in relation_types or not triggers:
        return None
    rule = Rule(rid, rtype, source, target, skinds, tkinds, float(item.get("confidence", 0.8)), examples,
                str(path), line, item.get("note"))
    for lang, patterns in triggers.items():
        for pattern in patterns:
            expanded = [pattern]
            if pattern.startswith("@"):
                lex = lexicons.get(pattern[1:])
                if lex is None:
                    problems.add(path, _line(item, "trigger"), f"{what}: unknown lexicon {pattern!r}")
                    continue
                expanded = lex.get(lang) or lex.get("any") or ([] if lang in ("ar", "en") else
                                                               [p for ps in lex.values() for p in ps])
            for p in expanded:
                try:
                    matcher.add(p, rule)
                except PatternError as err:
                    problems.add(path, _line(item, "trigger"), f"{what}: {err}")
    return rule


def _compile_examples(value, path, line, rid, rtype, relation_types, entities, problems) -> tuple[Example, ...]:
    out = []
    if not isinstance(value, list):
        return ()
    for i, ex in enumerate(value):
        eline = value.item_lines[i]
        if isinstance(ex, str):
            ex = {"text": ex, "expect": []}
        if not isinstance(ex, dict) or "text" not in ex:
            problems.add(path, eline, f"rule {rid}: an example needs 'text' (and 'expect')")
            continue
        expect = []
        for rel in ex.get("expect") or []:
            if not isinstance(rel, dict) or "source" not in rel or "target" not in rel:
                problems.add(path, eline, f"rule {rid}: an expected relation needs source and target, got {rel!r}")
                continue
            rel = dict(rel)
            if "type" in rel and rel["type"] not in relation_types:   # (a rule's own bad type is reported once)
                problems.add(path, eline, f"rule {rid}: example names unknown type {rel['type']!r}")
            rel.setdefault("type", rtype)
            for key in ("source", "target"):
                if rel[key] not in entities:
                    problems.add(path, eline, f"rule {rid}: example names unknown entity {rel[key]!r}")
            if "date" in rel and rel["date"] is not None:
                rel["date"] = str(rel["date"])
            expect.append(rel)
        out.append(Example(str(ex["text"]), tuple(expect), _iso(ex.get("published")), str(path), eline))
    return tuple(out)


ROLE_RULE_ID = "roles.apposition"


def _load_titles(path: Path, matcher: Category, relation_types, entities, problems: _Problems):
    """Titles, ranks and cancel words; their examples make the HOLDS_ROLE rule checkable like any other."""
    data = _read_yaml(path, problems) if path.exists() else None
    if not isinstance(data, dict):
        problems.add(path, 1, "expected {titles: ..., ranks: ..., cancel: ..., window: n, examples: [...]}")
        return 6, None
    _check_keys(data, ("titles", "counterparts", "ranks", "cancel", "window", "examples"), ("titles", "examples"), path, problems,
                "titles")
    examples = _compile_examples(data.get("examples"), path, _line(data, "examples"), ROLE_RULE_ID, "HOLDS_ROLE",
                                 relation_types, entities, problems)
    if not any(e.expect for e in examples) or not any(not e.expect for e in examples):
        problems.add(path, _line(data, "examples"), "titles: examples must include sentences that state a role "
                     "and sentences that do not")
    role_rule = Rule(ROLE_RULE_ID, "HOLDS_ROLE", (), (), ("person",), ACTOR_KINDS, 0.9, examples, str(path),
                     _line(data, "titles", 1), "title appositions (code: Extractor._roles)")
    for key, payload in (("titles", "title"), ("counterparts", "counterpart"), ("ranks", "rank"), ("cancel", "cancel")):
        for lang, words in _lang_lists(data.get(key), path, _line(data, key), problems, key).items():
            for w in words:
                try:
                    matcher.add(w, payload)
                except PatternError as err:
                    problems.add(path, _line(data, key), f"{key}: {err}")
    return int(data.get("window", 6)), role_rule


def _load_discourse(path: Path, kinds, morphology, anaphora: Category, problems: _Problems):
    speech = PhraseMatcher(morphology)
    cues = PhraseMatcher(morphology)   # every modality cue, payload (modality, entry, side): one pass per sentence
    pair_types: set[str] = set()
    modality: dict[str, dict] = {}
    boilerplate: dict[str, PhraseMatcher] = {}
    data = _read_yaml(path, problems) if path.exists() else None
    if not isinstance(data, dict):
        problems.add(path, 1, "expected {anaphora, speech_verbs, modality, boilerplate}")
        return speech, (modality, cues), (boilerplate, None), frozenset()
    _check_keys(data, ("anaphora", "continuations", "background", "datelines", "speech_verbs", "modality",
                       "boilerplate", "link_runs"), (), path,
                problems,
                "discourse")
    for words in _lang_lists(data.get("continuations"), path, _line(data, "continuations"), problems,
                             "continuations").values():
        speech.add_all(words, "continuation")
    for words in _lang_lists(data.get("background"), path, _line(data, "background"), problems,
                             "background").values():
        speech.add_all(words, "background")
    for words in _lang_lists(data.get("datelines"), path, _line(data, "datelines"), problems,
                             "datelines").values():
        speech.add_all(words, "dateline")
    for i, item in enumerate(data.get("anaphora") or []):
        line = data["anaphora"].item_lines[i]
        if not isinstance(item, dict) or "forms" not in item or "refers_to" not in item:
            problems.add(path, line, "anaphora: each entry needs forms and refers_to")
            continue
        if item["refers_to"] not in ANAPHOR_KINDS:
            problems.add(path, line, f"anaphora: refers_to must be one of {', '.join(ANAPHOR_KINDS)}, "
                         f"got {item['refers_to']!r}")
        count = item.get("count")
        if count is not None and (not isinstance(count, int) or count < 2):
            problems.add(path, line, f"anaphora: count must be a whole number of 2 or more, got {count!r}")
            count = None
        akinds = tuple(_str_list(item.get("kinds"), path, line, problems, "anaphora.kinds"))
        for t in _str_list(item.get("from_types"), path, line, problems, "anaphora.from_types"):
            pair_types.add(t)
        for k in akinds:
            if k not in kinds:
                problems.add(path, line, f"anaphora: unknown kind {k!r}")
        for words in _lang_lists(item["forms"], path, line, problems, "anaphora.forms").values():
            for w in words:
                anaphora.add(w, Anaphor(str(item["refers_to"]), akinds, count))
    for words in _lang_lists(data.get("speech_verbs"), path, _line(data, "speech_verbs"), problems,
                             "speech_verbs").values():
        speech.add_all(words, "speech")
    for name, specs in (data.get("modality") or {}).items():
        line = _line(data["modality"], name)
        if name not in ("negated", "future", "attempted"):
            problems.add(path, line, f"modality: unknown modality {name!r} (negated, future, attempted)")
            continue
        entries = []
        for spec in (specs if isinstance(specs, list) else [specs]):
            if not isinstance(spec, dict):
                problems.add(path, line, f"modality {name}: expected a mapping (or a list of them)")
                continue
            sline = _line(spec, default=line)
            _check_keys(spec, ("before", "after", "window", "clitic"), (), path, problems, f"modality {name}")
            entry = {"window": int(spec.get("window", 4)), "clitic": normalize_arabic(str(spec.get("clitic") or ""))}
            for side in ("before", "after"):
                for words in _lang_lists(spec.get(side), path, _line(spec, side, sline), problems,
                                         f"modality {name}.{side}").values():
                    cues.add_all(words, (name, len(entries), side))
            entries.append(entry)
        modality[name] = entries
    for name, value in (data.get("boilerplate") or {}).items():
        if name not in ("stop", "skip_next", "skip_line"):
            problems.add(path, _line(data["boilerplate"], name), f"boilerplate: unknown action {name!r} "
                         "(stop, skip_next, skip_line)")
            continue
        m = PhraseMatcher(morphology)
        for words in _lang_lists(value, path, _line(data["boilerplate"], name), problems, name).values():
            m.add_all(words, name)
        boilerplate[name] = m
    return speech, (modality, cues), (boilerplate, _link_runs(data, path, problems)), frozenset(pair_types)


def _link_runs(data, path, problems) -> dict | None:
    """discourse.yaml's ``link_runs``: how many short unpunctuated lines in a row are page furniture."""
    spec = data.get("link_runs")
    if spec is None:
        return None
    line = _line(data, "link_runs")
    if not isinstance(spec, dict):
        problems.add(path, line, "link_runs: expected {max_words, min_run, ends}")
        return None
    _check_keys(spec, ("max_words", "min_run", "ends"), ("max_words", "min_run", "ends"), path, problems, "link_runs")
    try:
        return {"max_words": int(spec["max_words"]), "min_run": int(spec["min_run"]),
                "ends": tuple(_str_list(spec["ends"], path, line, problems, "link_runs.ends"))}
    except (KeyError, TypeError, ValueError):
        problems.add(path, line, "link_runs: max_words and min_run must be whole numbers")
        return None


def _load_candidates(path: Path, morphology, problems: _Problems) -> CandidateWords | None:
    """Stop words and name links for ``geograph candidates``; the file is optional."""
    if not path.exists():
        return None
    data = _read_yaml(path, problems)
    if not isinstance(data, dict):
        problems.add(path, 1, "expected {stopwords: {ar: [...], en: [...]}, name_links, max_words, gap}")
        return None
    _check_keys(data, ("stopwords", "never_first", "name_links", "determiners", "max_words", "gap", "reach"),
                ("stopwords",), path, problems,
                "candidates")
    numbers = {}
    for key, default, low in (("max_words", 4, 1), ("gap", 1, 0), ("reach", 6, 1)):
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            problems.add(path, _line(data, key), f"candidates: {key} must be a whole number >= {low}, got {value!r}")
            value = default
        numbers[key] = value
    matchers = {}
    for key in ("stopwords", "never_first"):
        matchers[key] = PhraseMatcher(morphology)
        raw = data.get(key)
        for lang, words in _lang_lists(raw, path, _line(data, key), problems, key).items():
            items = raw if lang == "any" else raw[lang]
            lines = getattr(items, "item_lines", None) or [_line(data, key)] * len(words)
            for w, line in zip(words, lines):
                if len(w.split()) != 1:
                    problems.add(path, line, f"{key}: {w!r}: one word per entry")
                    continue
                try:
                    matchers[key].add(w, key)
                except PatternError as err:
                    problems.add(path, line, f"{key}: {err}")
    for key in ("prepositions", "conjunctions", "between", "clause_openers"):   # function words, with proclitics
        matchers["stopwords"].add_all((w for w in morphology.get(key) or () if compile_pattern(w)), "stopwords")
    words = {key: frozenset(normalize_arabic(w).lower() for ws in _lang_lists(
        data.get(key), path, _line(data, key), problems, key).values() for w in ws)
        for key in ("name_links", "determiners")}
    return CandidateWords(matchers["stopwords"], matchers["never_first"], **words, **numbers)


# --------------------------------------------------------------------------- examples

def run_examples(schema: Schema, extractor) -> list[str]:
    """Run every rule's examples; return one message per failure (file:line: ...)."""
    from .documents import Document, parse_date
    failures = []
    for rule in schema.rules:
        for ex in rule.examples:
            doc = Document.from_text(ex.text, id="example", published=parse_date(ex.published))
            got = [r for r in extractor.extract(doc)
                   if any(e.rule == rule.id for e in r.evidence)]
            where = f"{ex.file}:{ex.line}"
            if not ex.expect:
                facts = [r for r in got if r.modality == "fact"]
                if facts:
                    failures.append(f"{where}: rule {rule.id} must not match, but gave "
                                    + "; ".join(f"{r.source} {r.type} {r.target}" for r in facts))
                continue
            for want in ex.expect:
                if not any(_example_matches(want, r, schema) for r in got):
                    failures.append(
                        f"{where}: rule {rule.id} should give {want['source']} {want['type']} {want['target']}"
                        + (f" date={want['date']}" if "date" in want else "")
                        + (f" modality={want['modality']}" if "modality" in want else "")
                        + "; got " + ("; ".join(f"{r.source} {r.type} {r.target} date={r.date} "
                                               f"modality={r.modality}" for r in got) or "nothing"))
    return failures


def _example_matches(want: dict, rel, schema: Schema) -> bool:
    if rel.type != want["type"]:
        return False
    pair = (rel.source, rel.target)
    ok = pair == (want["source"], want["target"])
    if not ok and schema.relation_types[rel.type].symmetric:
        ok = pair == (want["target"], want["source"])
    if not ok:
        return False
    if "date" in want and rel.date != want["date"]:
        return False
    return rel.modality == want.get("modality", "fact")
