"""``titles.yaml``: titles, counterparts, ranks and cancel words that make HOLDS_ROLE appositions.

The words go into the shared lexicon (category ``title``); the examples make
the apposition mechanism (graph.extraction.roles) a rule like any other,
checked by ``geograph rules check``.
"""
from __future__ import annotations

from pathlib import Path

from ..extraction.roles import ROLE_RULE_ID, TITLE_WORDS
from ..matcher import Category, PatternError
from .compiled import ACTOR_KINDS, Rule
from .examples import states_fact_of
from .relation_rules import compile_examples
from .yamlio import Reader, line_of

__all__ = ["load_titles", "ROLE_RULE_ID", "TITLE_WORDS"]



def load_titles(path: Path, matcher: Category, relation_types, entities, reader: Reader) -> tuple[int, Rule | None]:
    """The title window (words a title phrase may span) and the HOLDS_ROLE rule that carries the examples."""
    data = reader.yaml(path) if path.exists() else None
    if not isinstance(data, dict):
        reader.add(path, 1, "expected {titles: ..., ranks: ..., cancel: ..., window: n, examples: [...]}")
        return 6, None
    reader.check_keys(data, (*TITLE_WORDS, "window", "examples"), ("titles", "examples"), path, "titles")
    examples = compile_examples(data.get("examples"), path, line_of(data, "examples"), ROLE_RULE_ID, "HOLDS_ROLE",
                                relation_types, entities, reader)
    if not any(states_fact_of(e, "HOLDS_ROLE") for e in examples) \
            or all(states_fact_of(e, "HOLDS_ROLE") for e in examples):
        reader.add(path, line_of(data, "examples"), "titles: examples must include sentences that state a role "
                   "and sentences that do not")
    role_rule = Rule(ROLE_RULE_ID, "HOLDS_ROLE", (), (), ("person",), ACTOR_KINDS, 0.9, examples, str(path),
                     line_of(data, "titles", 1), "title appositions (code: graph/extraction/roles.py)")
    for key, payload in TITLE_WORDS.items():
        for _lang, words in reader.lang_lists(data.get(key), path, line_of(data, key), key).items():
            for w in words:
                try:
                    matcher.add(w, payload)
                except PatternError as err:
                    reader.add(path, line_of(data, key), f"{key}: {err}")
    return int(data.get("window", 6)), role_rule
