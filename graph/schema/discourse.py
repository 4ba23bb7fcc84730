"""``discourse.yaml``: anaphora, continuations, speech verbs, modality cues and page boilerplate.

The names a curator may use here come from the engine's registries:
``refers_to`` from :data:`graph.extraction.anaphora.ANAPHORS`, modalities from
:data:`graph.extraction.modality.MODALITIES`, boilerplate actions from
:data:`graph.extraction.boilerplate.ACTIONS`, the word lists of the ``speech``
matcher (speech verbs, continuations, background cues, datelines) from
:data:`graph.extraction.sentence.DISCOURSE_WORDS`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..documents import normalize_arabic
from ..extraction.anaphora import ANAPHORS
from ..extraction.boilerplate import ACTIONS
from ..extraction.modality import MODALITIES
from ..extraction.sentence import DISCOURSE_WORDS
from ..matcher import Category, PhraseMatcher
from .compiled import Anaphor
from .yamlio import Reader, line_of

__all__ = ["Discourse", "load_discourse"]


@dataclass
class Discourse:
    """What discourse.yaml compiles into (the parts the Schema keeps)."""

    speech: PhraseMatcher
    cues: PhraseMatcher          # every modality cue, payload (modality, entry, side): one pass per sentence
    modality: dict[str, tuple] = field(default_factory=dict)
    boilerplate: dict[str, PhraseMatcher] = field(default_factory=dict)
    pair_types: frozenset = frozenset()
    pair_sides: frozenset = frozenset()   # kinds that are a side of their own in 'the two sides' (no state)
    state_types: frozenset = frozenset()   # (relation type, line) an anaphor states ('the member states')
    link_runs: dict | None = None   # runs of short unpunctuated lines that are page furniture
    standing_members: tuple[str, int, int] | None = None   # (type, window, line): an alliance named with a member
    standing_parents: tuple[str, int, int] | None = None   # (type, window, line): a part named with its whole
    standing_partners: tuple[str, int, int] | None = None   # (type, window, line): a force named with its partner


def load_discourse(path: Path, kinds, morphology: Mapping, anaphora: Category, reader: Reader) -> Discourse:
    out = Discourse(PhraseMatcher(morphology), PhraseMatcher(morphology))
    data = reader.yaml(path) if path.exists() else None
    if not isinstance(data, dict):
        reader.add(path, 1, "expected {anaphora, speech_verbs, modality, boilerplate}")
        return out
    reader.check_keys(data, ("anaphora", *DISCOURSE_WORDS, "modality", "boilerplate", "link_runs",
                                "standing_members", "standing_parents", "standing_partners"), (), path,
                      "discourse")
    for key, payload in DISCOURSE_WORDS.items():
        for words in reader.lang_lists(data.get(key), path, line_of(data, key), key).values():
            out.speech.add_all(words, payload)
    out.pair_types, out.pair_sides, out.state_types = _anaphora(data, path, kinds, anaphora, reader)
    out.modality = _modality(data, path, out.cues, reader)
    out.boilerplate = _boilerplate(data, path, morphology, reader)
    out.link_runs = _link_runs(data, path, reader)
    out.standing_members = _standing(data, "standing_members", path, reader)
    out.standing_parents = _standing(data, "standing_parents", path, reader)
    out.standing_partners = _standing(data, "standing_partners", path, reader)
    return out


def _standing(data, key: str, path, reader: Reader) -> tuple[str, int, int] | None:
    """``standing_members`` or ``standing_parents: {type, window}``: (relation type, sentences apart, line)."""
    spec = data.get(key)
    if spec is None:
        return None
    line = line_of(data, key)
    if not isinstance(spec, dict) or not isinstance(spec.get("window", 0), int) or "type" not in spec:
        reader.add(path, line, f"{key}: expected {{type: RELATION_TYPE, window: SENTENCES}}")
        return None
    reader.check_keys(spec, ("type", "window"), ("type",), path, key)
    return str(spec["type"]), int(spec.get("window", 0)), line


def _link_runs(data, path, reader: Reader) -> dict | None:
    """``link_runs``: how many short unpunctuated lines in a row are page furniture."""
    found = reader.block(data, "link_runs", path, ("max_words", "min_run", "ends", "bullets", "cuts", "stops"),
                         ("max_words", "min_run", "ends"), "{max_words, min_run, ends}")
    if found is None:
        return None
    spec, line = found
    try:
        return {"max_words": int(spec["max_words"]), "min_run": int(spec["min_run"]),
                "ends": tuple(reader.str_list(spec["ends"], path, line, "link_runs.ends")),
                "bullets": tuple(reader.str_list(spec.get("bullets"), path, line, "link_runs.bullets")),
                "cuts": tuple(reader.str_list(spec.get("cuts"), path, line, "link_runs.cuts")),
                "stops": tuple(reader.str_list(spec.get("stops"), path, line, "link_runs.stops"))}
    except (KeyError, TypeError, ValueError):
        reader.add(path, line, "link_runs: max_words and min_run must be whole numbers")
        return None


def _anaphora(data, path, kinds, anaphora: Category, reader: Reader) -> tuple[frozenset, frozenset, frozenset]:
    """Anaphor words into the shared lexicon; returns the relation types that make 'the two sides', the kinds
    that are a side of their own, and the relation types an anaphor states (with their lines)."""
    pair_types: set[str] = set()
    pair_sides: set[str] = set()
    state_types: set[tuple[str, int]] = set()
    for i, item in enumerate(data.get("anaphora") or []):
        line = data["anaphora"].item_lines[i]
        if not isinstance(item, dict) or "forms" not in item or "refers_to" not in item:
            reader.add(path, line, "anaphora: each entry needs forms and refers_to")
            continue
        if item["refers_to"] not in ANAPHORS:
            reader.add(path, line, f"anaphora: refers_to must be one of {', '.join(ANAPHORS)}, "
                       f"got {item['refers_to']!r}")
        count = item.get("count")
        if count is not None and (not isinstance(count, int) or count < 2):
            reader.add(path, line, f"anaphora: count must be a whole number of 2 or more, got {count!r}")
            count = None
        akinds = tuple(reader.str_list(item.get("kinds"), path, line, "anaphora.kinds"))
        sides = tuple(reader.str_list(item.get("sides"), path, line, "anaphora.sides"))
        pair_sides.update(sides)
        states = item.get("states")
        if states is not None:
            state_types.add((str(states), line))
        for t in reader.str_list(item.get("from_types"), path, line, "anaphora.from_types"):
            pair_types.add(t)
        for k in akinds + sides:
            if k not in kinds:
                reader.add(path, line, f"anaphora: unknown kind {k!r}")
        heads = tuple(w.lower() for ws in reader.lang_lists(item.get("heads") or {}, path, line,
                                                            "anaphora.heads").values() for w in ws)
        within = tuple(reader.str_list(item.get("within"), path, line, "anaphora.within"))
        for words in reader.lang_lists(item["forms"], path, line, "anaphora.forms").values():
            for w in words:
                anaphora.add(w, Anaphor(str(item["refers_to"]), akinds, count, str(states) if states else None,
                                        bool(item.get("independent")), bool(item.get("stood_for")), heads, within))
    return frozenset(pair_types), frozenset(pair_sides), frozenset(state_types)


def _modality(data, path, cues: PhraseMatcher, reader: Reader) -> dict[str, tuple]:
    """Modality name -> its cue entries ({'window', 'clitic'}); the cue words go into ``cues``."""
    modality: dict[str, tuple] = {}
    for name, specs in (data.get("modality") or {}).items():
        line = line_of(data["modality"], name)
        if name not in MODALITIES:
            reader.add(path, line, f"modality: unknown modality {name!r} ({', '.join(MODALITIES)})")
            continue
        entries = []
        for spec in (specs if isinstance(specs, list) else [specs]):
            if not isinstance(spec, dict):
                reader.add(path, line, f"modality {name}: expected a mapping (or a list of them)")
                continue
            sline = line_of(spec, default=line)
            reader.check_keys(spec, ("before", "after", "window", "clitic", "types", "not_types", "fronted", "dated",
                                     "framed"), (),
                              path, f"modality {name}")
            # ('types': the relation types the cue speaks of, when it is no cue for any other: leaving a pact)
            entry = {"window": int(spec.get("window", 4)), "clitic": normalize_arabic(str(spec.get("clitic") or "")),
                     "types": frozenset(reader.str_list(spec.get("types"), path, sline, f"modality {name}.types")),
                     # ('not_types': the relation types its cues leave as they are: 'intends to', 'will' tell a
                     # pledge itself, whose meaning is an intent)
                     "not_types": frozenset(reader.str_list(spec.get("not_types"), path, sline,
                                                            f"modality {name}.not_types")),
                     "fronted": bool(spec.get("fronted", False)),
                     # ('dated': its cues are date words, 'next week': they count inside a date expression)
                     "dated": bool(spec.get("dated", False)),
                     # ('framed: false': its cues before stop at an event a frame word introduces, 'denied losses
                     # during the attack': the attack took place)
                     "framed": bool(spec.get("framed", True))}
            for side in ("before", "after"):
                for words in reader.lang_lists(spec.get(side), path, line_of(spec, side, sline),
                                               f"modality {name}.{side}").values():
                    cues.add_all(words, (name, len(entries), side))
            entries.append(entry)
        modality[name] = tuple(entries)
    return modality


def _boilerplate(data, path, morphology, reader: Reader) -> dict[str, PhraseMatcher]:
    out: dict[str, PhraseMatcher] = {}
    for name, value in (data.get("boilerplate") or {}).items():
        if name not in ACTIONS:
            reader.add(path, line_of(data["boilerplate"], name), f"boilerplate: unknown action {name!r} "
                       f"({', '.join(ACTIONS)})")
            continue
        m = PhraseMatcher(morphology)
        for words in reader.lang_lists(value, path, line_of(data["boilerplate"], name), name).values():
            m.add_all(words, name)
        out[name] = m
    return out
