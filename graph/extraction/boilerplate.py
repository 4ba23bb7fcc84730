"""Stage 0: lines that are the page, not the article (related links, footers, share buttons).

:data:`ACTIONS` is the registry of what a boilerplate line may do;
``discourse.yaml`` lists the words that start such lines under these names.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..matcher import Token

__all__ = ["Action", "ACTIONS", "boilerplate_of"]


@dataclass(frozen=True)
class Action:
    """What a boilerplate line does besides being skipped itself."""

    ends_article: bool = False          # nothing after it is the article
    skips_next_paragraph: bool = False  # a related headline: the paragraph after it goes too


#: boilerplate action (discourse.yaml) -> what it does
ACTIONS = {
    "stop": Action(ends_article=True),
    "skip_next": Action(skips_next_paragraph=True),
    "skip_line": Action(),
}


def boilerplate_of(tokens: list[Token], matchers) -> str | None:
    """The action whose words start the sentence (``matchers``: action -> PhraseMatcher), or None."""
    for action, matcher in matchers.items():
        if matcher.find_at(tokens, 0) and tokens[0].is_word:
            return action
    return None
