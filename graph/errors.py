"""One exception tree for Geograph.

Library code raises these; only the CLI (and the web app) turn them into exit
codes and messages. Every message quotes the bad value and, where it can,
names the file and line it came from.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GeographError", "Problem", "SchemaError", "DocumentError", "ExtractionFailed", "StoreError", "QueryError"]


class GeographError(Exception):
    """Base of every error Geograph raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class SchemaError(GeographError):
    """The rules, gazetteer or ontology under schema/ are invalid.

    Carries every problem found, not just the first, so a curator can fix
    them all in one pass.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DocumentError(GeographError):
    """An article cannot be read (not UTF-8, missing, bad manifest)."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ExtractionFailed(GeographError):
    """The extractor broke on one article: a bug of ours, not the user's. Raised with the article named,
    so the report points at the file and a command can keep every other article."""


class StoreError(GeographError):
    """A graph store cannot be opened, read or written."""


class QueryError(GeographError):
    """A user query is malformed, not allowed (writes), or timed out."""
