"""The schema in code: compiled records (:mod:`.compiled`) and one loader per file of ``schema/``.

Loading lives in :mod:`graph.schema.load` (``load_schema``); importing this
package gives only the records, so the extraction engine can use them without
pulling in the loaders (which read the engine's registries).
"""
from .compiled import (ACTOR_KINDS, Anaphor, CandidateWords, EntityForm, Example, RelationType, Rule, Schema, Slot,
                       alias_key)

__all__ = ["ACTOR_KINDS", "Anaphor", "CandidateWords", "EntityForm", "Example", "RelationType", "Rule", "Schema",
           "Slot", "alias_key"]
