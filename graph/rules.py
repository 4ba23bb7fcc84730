"""The schema's public names, where callers have always found them.

Loading is :mod:`graph.schema.load` (one loader module per file of
``schema/``), the compiled records are :mod:`graph.schema.compiled`, the
example runner is :mod:`graph.schema.examples`.

>>> ACTOR_KINDS
('country', 'organization', 'armed_group', 'alliance', 'person')
>>> Anaphor("group", count=3).count
3
"""
from __future__ import annotations

from .schema.compiled import (ACTOR_KINDS, Anaphor, CandidateWords, EntityForm, Example, Gazetteer, RelationType,
                              Rule, Schema, Slot)
from .schema.examples import run_examples
from .schema.load import default_schema_dir, load_entities, load_schema

__all__ = ["Schema", "Gazetteer", "RelationType", "Rule", "Slot", "Example", "EntityForm", "Anaphor",
           "CandidateWords", "load_schema", "load_entities", "run_examples", "default_schema_dir", "ACTOR_KINDS"]
