"""``rules/*.yaml``: relation rules (triggers, argument strategies, examples) and shared lexicons.

Strategy names and options are those of the engine's registry
(:data:`graph.extraction.strategies.STRATEGIES`): a strategy added there is
accepted here, with nothing else to edit.
"""
from __future__ import annotations

import re
from itertools import product
from pathlib import Path

from ..documents import normalize_arabic
from ..extraction.modality import FACT, MODALITIES
from ..extraction.strategies import SLOT_OPTIONS, STRATEGIES
from ..extraction.visits import VISITS
from ..matcher import Category, PatternError
from .compiled import ACTOR_KINDS, Example, Rule, Slot
from .examples import states_fact_of
from .yamlio import Reader, iso, line_of

__all__ = ["load_rules", "compile_examples", "expand_lexicons"]

_FLAGS = ("claims", "each_way", "joint", "respective", "sides", "each_with", "in_state", "own_side")   # true/false keys, Rule's own fields
_RULE_KEYS = ("id", "type", "trigger", "source", "target", "source_kinds", "target_kinds", "confidence",
              "examples", "note", "visit", "outranks", "parties") + _FLAGS


def load_rules(folder: Path, relation_types, kinds, entities, matcher: Category, reader: Reader) -> list[Rule]:
    """Every rule of every file, its triggers added to the shared lexicon."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        reader.add(folder, None, "no rule files (rules/*.yaml)")
    lexicons: dict[str, dict[str, list[str]]] = {}
    parsed = []
    for path in files:
        data = reader.yaml(path)
        if data is None:
            continue
        if not isinstance(data, dict):
            reader.add(path, 1, "expected a mapping with 'rules' (and optional 'lexicons')")
            continue
        reader.check_keys(data, ("lexicons", "rules"), (), path, "rule file")
        if not isinstance(data.get("lexicons") or {}, dict):
            reader.add(path, line_of(data, "lexicons"), "lexicons: expected a mapping of names to word lists")
            data = {k: v for k, v in data.items() if k != "lexicons"}
        for name, value in (data.get("lexicons") or {}).items():
            if name in lexicons:
                reader.add(path, line_of(data["lexicons"], name), f"lexicon @{name} is defined twice")
            lexicons[name] = reader.lang_lists(value, path, line_of(data["lexicons"], name), f"lexicon {name}")
        parsed.append((path, data))
    for path, data in parsed:
        items = data.get("rules") or []
        if not isinstance(items, list):
            reader.add(path, line_of(data, "rules"), "rules: expected a list")
            continue
        for item, line in reader.mappings(items, path, "rule"):
            rule = _compile_rule(item, path, line, relation_types, kinds, entities, lexicons, matcher, reader)
            if rule is None:
                continue
            if rule.id in seen:
                reader.add(path, line, f"duplicate rule id {rule.id!r} (also in {seen[rule.id]})")
                continue
            seen[rule.id] = f"{path}:{line}"
            rules.append(rule)
    return rules


def _compile_slots(value, path, line, kinds, reader: Reader, what) -> tuple[Slot, ...]:
    if value is None:
        reader.add(path, line, f"{what}: missing (list the strategies to find it: {', '.join(STRATEGIES)})")
        return ()
    if not isinstance(value, list):
        value = [value]
    slots = []
    for spec in value:
        if isinstance(spec, str):
            spec = {spec: True}
        if not isinstance(spec, dict) or not spec:
            reader.add(path, line, f"{what}: bad strategy {spec!r}")
            continue
        strategy = next((k for k in spec if k in STRATEGIES), None)
        if strategy is None:
            reader.add(path, line_of(spec, default=line), f"{what}: unknown strategy in {dict(spec)!r} "
                       f"(one of: {', '.join(STRATEGIES)})")
            continue
        extra = set(spec) - {strategy, *SLOT_OPTIONS}
        if extra:
            reader.add(path, line_of(spec, default=line), f"{what}: unknown option(s) {sorted(extra)}")
        preps = ()
        if STRATEGIES[strategy].prepositional:
            preps = tuple(normalize_arabic(p) for p in reader.str_list(spec[strategy], path, line, what))
            if not preps:
                reader.add(path, line_of(spec, default=line), f"{what}: {strategy} needs a list of prepositions")
        slot_kinds = spec.get("kinds")
        if slot_kinds is not None:
            slot_kinds = tuple(reader.str_list(slot_kinds, path, line, what))
            for k in slot_kinds:
                if k not in kinds:
                    reader.add(path, line_of(spec, "kinds", line), f"{what}: unknown kind {k!r}")
        via = tuple(normalize_arabic(p) for p in reader.str_list(spec.get("via"), path, line, what))
        past = tuple(normalize_arabic(p) for p in reader.str_list(spec.get("past"), path, line, what))
        slots.append(Slot(strategy, preps, int(spec["max"]) if "max" in spec else None, int(spec.get("reach", 2)),
                          slot_kinds, bool(spec.get("coordinated", True)), via, bool(spec.get("nearest", True)),
                          bool(spec.get("apart", False)), bool(spec.get("direct", False)),
                          bool(spec.get("places", True)), past, bool(spec.get("pairs", False)),
                          bool(spec.get("fresh", False)), bool(spec.get("oblique", False)),
                          bool(spec.get("joined", False)), bool(spec.get("untitled", False)),
                          bool(spec.get("set_off", False))))
    return tuple(slots)


def _compile_rule(item, path, line, relation_types, kinds, entities, lexicons, matcher, reader: Reader):
    rid = str(item.get("id", ""))
    what = f"rule {rid or '(no id)'}"
    reader.check_keys(item, _RULE_KEYS, ("id", "type", "trigger", "source", "target"), path, what)
    rtype = item.get("type")
    if rtype is not None and rtype not in relation_types:
        reader.add(path, line_of(item, "type"), f"{what}: unknown relation type {rtype!r} "
                   f"(see ontology.yaml: {', '.join(sorted(relation_types))})")
    triggers = reader.lang_lists(item.get("trigger"), path, line_of(item, "trigger"), f"{what}.trigger")
    source = _compile_slots(item.get("source"), path, line_of(item, "source", line), kinds, reader, f"{what}.source")
    target = _compile_slots(item.get("target"), path, line_of(item, "target", line), kinds, reader, f"{what}.target")
    skinds = tuple(reader.str_list(item.get("source_kinds", list(ACTOR_KINDS)), path, line, what))
    tkinds = tuple(reader.str_list(item.get("target_kinds", list(ACTOR_KINDS)), path, line, what))
    for k in skinds + tkinds:
        if k not in kinds:
            reader.add(path, line_of(item, "source_kinds", line), f"{what}: unknown kind {k!r}")
    examples = compile_examples(item.get("examples"), path, line_of(item, "examples", line), rid, rtype,
                                relation_types, entities, reader)
    if not any(states_fact_of(e, rtype) for e in examples) or all(states_fact_of(e, rtype) for e in examples):
        reader.add(path, line, f"{what}: needs examples that state a {rtype} and examples that do not")
    confidence = item.get("confidence", 0.8)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
        reader.add(path, line_of(item, "confidence", line), f"{what}: confidence must be a number from 0 to 1, "
                                                            f"not {confidence!r}")
        return None
    visit = item.get("visit")
    if visit is not None and visit not in VISITS:
        reader.add(path, line_of(item, "visit", line), f"{what}: visit must be one of {', '.join(VISITS)}, "
                                                       f"not {visit!r}")
        return None
    flags = {key: item.get(key, False) for key in _FLAGS}
    for key, flag in flags.items():
        if not isinstance(flag, bool):
            reader.add(path, line_of(item, key, line), f"{what}: {key} must be true or false, not {flag!r}")
            return None
    parties = item.get("parties", 0)
    if not isinstance(parties, int) or isinstance(parties, bool) or parties < 0:
        reader.add(path, line_of(item, "parties", line), f"{what}: parties must be a whole number, not {parties!r}")
        return None
    outranks = tuple(reader.str_list(item.get("outranks", []), path, line_of(item, "outranks", line),
                                     f"{what}.outranks"))
    for t in outranks:
        if t not in relation_types:
            reader.add(path, line_of(item, "outranks", line), f"{what}: outranks an unknown relation type {t!r}")
    if not rid or rtype not in relation_types or not triggers:
        return None
    if relation_types[rtype].source_kinds is not None:   # 'a bloc does not travel': the type's own limit
        skinds = tuple(k for k in skinds if k in relation_types[rtype].source_kinds)
    rule = Rule(rid, rtype, source, target, skinds, tkinds, float(confidence), examples,
                str(path), line, item.get("note"), visit, outranks=outranks, parties=parties, **flags)
    for lang, patterns in triggers.items():
        for pattern in patterns:
            for p in _expand(pattern, lang, lexicons, path, item, what, reader):
                try:
                    matcher.add(p, rule)
                except PatternError as err:
                    reader.add(path, line_of(item, "trigger"), f"{what}: {err}")
    return rule


def _expand(pattern: str, lang: str, lexicons, path, item, what, reader: Reader) -> list[str]:
    """A trigger pattern with its lexicon words spelled out (see :func:`expand_lexicons`)."""
    try:
        return expand_lexicons(pattern, lang, lexicons)
    except KeyError as err:
        reader.add(path, line_of(item, "trigger"), f"{what}: unknown lexicon {err.args[0]!r}")
        return []


def expand_lexicons(pattern: str, lang: str, lexicons) -> list[str]:
    """Every pattern a trigger stands for: each '@NAME' word is any entry of that lexicon in the same
    language, so a family of phrases is written once ('called @CHARGES ... @UNFOUNDED') and not as
    every combination by hand; a pattern that is only '@NAME' is the lexicon's list.

    >>> lex = {"CHARGES": {"en": ["charges", "allegations"]}, "FALSE": {"en": ["false", "baseless"]}}
    >>> expand_lexicons("called @CHARGES ... @FALSE", "en", lex)
    ['called charges ... false', 'called charges ... baseless', 'called allegations ... false', 'called allegations ... baseless']
    >>> expand_lexicons("met", "en", lex)
    ['met']
    """
    choices = []
    for word in pattern.split():
        if not word.startswith("@"):
            choices.append((word,))
            continue
        lex = lexicons.get(word[1:])
        if lex is None:
            raise KeyError(word)
        # a trigger list of one language takes the lexicon's words of that language (or its plain list);
        # a plain trigger list takes every word of the lexicon
        choices.append(tuple(lex.get(lang) or lex.get("any")
                             or ([] if lang != "any" else [p for ps in lex.values() for p in ps])))
    return [" ".join(words) for words in product(*choices)]


#: the shape of a provisional person's id (graph.extraction.provisional.person_id)
_PERSON_ID = re.compile(r"[A-Z0-9]+(?:_[A-Z0-9]+)+")


def compile_examples(value, path, line, rid, rtype, relation_types, entities, reader: Reader) -> tuple[Example, ...]:
    """A rule's examples, each with every relation its sentence gives (``expect``; see graph.schema.examples)."""
    out = []
    if not isinstance(value, list):
        return ()
    for i, ex in enumerate(value):
        eline = value.item_lines[i]
        if isinstance(ex, str):
            ex = {"text": ex, "expect": []}
        if not isinstance(ex, dict) or "text" not in ex:
            reader.add(path, eline, f"rule {rid}: an example needs 'text' (and 'expect')")
            continue
        expect = []
        for rel in ex.get("expect") or []:
            if not isinstance(rel, dict) or "source" not in rel or "target" not in rel:
                reader.add(path, eline, f"rule {rid}: an expected relation needs source and target, got {rel!r}")
                continue
            rel = dict(rel)
            if "type" in rel and rel["type"] not in relation_types:   # (a rule's own bad type is reported once)
                reader.add(path, eline, f"rule {rid}: example names unknown type {rel['type']!r}")
            rel.setdefault("type", rtype)
            provisional = rel.get("provisional", False)   # an end the gazetteer lacks is a provisional person
            if not isinstance(provisional, bool):
                reader.add(path, eline, f"rule {rid}: an expected relation's provisional is true or false, "
                           f"got {provisional!r}")
            for key in ("source", "target"):
                if rel[key] not in entities and not (provisional is True and _PERSON_ID.fullmatch(str(rel[key]))):
                    reader.add(path, eline, f"rule {rid}: example names unknown entity {rel[key]!r}"
                               + (" (a person named beside a title whom the gazetteer lacks: mark the relation "
                                  "provisional: true)" if _PERSON_ID.fullmatch(str(rel[key])) else ""))
            if "date" in rel and rel["date"] is not None:
                rel["date"] = str(rel["date"])
            if rel.get("modality", FACT) not in (FACT, *MODALITIES):
                reader.add(path, eline, f"rule {rid}: example names unknown modality {rel['modality']!r} "
                           f"(one of: {', '.join((FACT, *MODALITIES))})")
            for key in set(rel) - {"source", "target", "type", "date", "modality", "provisional"}:
                reader.add(path, eline, f"rule {rid}: an expected relation has source, target, type, date, "
                           f"modality, provisional; not {key!r}")
            expect.append(rel)
        out.append(Example(str(ex["text"]), tuple(expect), iso(ex.get("published")), str(path), eline))
    return tuple(out)
