"""A folder's manifest.yaml: what the curator says of each article (outlet, publication date, language).

Read with the line-tracking YAML loader so that every mistake names ``manifest.yaml:LINE``: a
misspelled key (``publshed:``) or a malformed date would otherwise silently leave an article
undated, and an entry for a file that is not there usually means a renamed article. Those are
errors (every one in the file is reported at once); articles the manifest does not list are
warnings, given by :func:`graph.inputs.read_documents`.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / MANIFEST).write_text("a: {outlet: X, publshed: 2025-13-45}\\nb: a string\\n")
>>> try:
...     read_manifest(folder)
... except DocumentError as err:
...     print(str(err).replace(str(folder), "DIR"))
DIR/manifest.yaml:1: a: unknown key 'publshed' (did you mean 'published'?; known: outlet, published, lang, note)
DIR/manifest.yaml:2: b: an entry must be a mapping like {outlet: ..., published: YYYY-MM-DD, lang: ...}, not 'a string'
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Callable, Iterable

import yaml

from .documents import parse_date, read_text
from .errors import DocumentError, Problem
from .schema.yamlio import LDict, line_of, load_yaml

__all__ = ["MANIFEST", "KEYS", "Manifest", "read_manifest"]

MANIFEST = "manifest.yaml"
KEYS = ("outlet", "published", "lang", "note")
_TEXT_KEYS = ("outlet", "lang", "note")   # text; a number (outlet: 24) is read as its text


class Manifest(dict):
    """``{doc_id: {outlet, published, lang, note}}`` plus where it came from (``path``, None when the
    folder has none) and each entry's line, for messages."""

    path: Path | None = None
    lines: dict

    def where(self, doc_id: str) -> str:
        """``manifest.yaml:LINE`` of an entry (the manifest's path alone when unknown)."""
        line = self.lines.get(doc_id)
        return f"{self.path}:{line}" if line else str(self.path)

    def says_undated(self, doc_id: str) -> bool:
        """Does the entry state ``published: null`` (the curator knows the article has no date)?"""
        entry = self.get(doc_id)
        return entry is not None and "published" in entry and entry["published"] in (None, "")

    def missing(self, ids: Iterable[str]) -> list[Problem]:
        """The entries naming no article among ``ids``, located (file:line)."""
        known = set(ids)
        return [Problem(f"{doc_id}: no such article in this folder (expected a file {doc_id}.txt, .html, "
                            ".htm, or a record of a .jsonl dump with this id)", str(self.path), self.lines.get(doc_id))
                for doc_id in self if doc_id not in known]


def read_manifest(folder: Path, article_ids: Callable[[set[str]], Iterable[str]] | None = None) -> Manifest:
    """The folder's manifest, checked: every entry a mapping of known keys, every date a real
    ``YYYY-MM-DD`` date (ASCII digits) and, given ``article_ids`` (the folder's article ids, asked
    with the ids the manifest names), every entry an article there. An empty Manifest when the
    folder has none; a DocumentError naming every mistake, each with its line, otherwise."""
    path = Path(folder) / MANIFEST
    manifest = Manifest()
    manifest.lines = {}
    if not path.exists():
        return manifest
    manifest.path = path
    try:
        data = load_yaml(read_text(path))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise DocumentError(Problem(f"invalid YAML: {getattr(err, 'problem', None) or err}", str(path),
                                    mark.line + 1 if mark else None))
    if data is None:
        return manifest
    if not isinstance(data, dict):
        raise DocumentError(Problem("a manifest maps article ids (file names without suffix) to "
                                    "{outlet, published, lang}", str(path), line_of(data, default=1)))
    problems: list[Problem] = []
    for key, entry in data.items():
        doc_id, line = str(key), line_of(data, key)
        manifest.lines[doc_id] = line_of(entry) if isinstance(entry, LDict) else line
        problems += _check_entry(doc_id, entry, str(path), line)
        manifest[doc_id] = ({k: str(v) if k in _TEXT_KEYS and isinstance(v, (int, float)) else v
                             for k, v in entry.items()} if isinstance(entry, dict) else {})
    if article_ids is not None and manifest:
        problems += manifest.missing(article_ids(set(manifest)))
    if problems:
        raise DocumentError(problems)
    return manifest


def _check_entry(doc_id: str, entry, path: str, line: int | None) -> list[Problem]:
    """The mistakes of one entry: not a mapping, unknown keys, a publication date that is no date."""
    if entry is None:
        return []
    if not isinstance(entry, dict):
        return [Problem(f"{doc_id}: an entry must be a mapping like {{outlet: ..., published: YYYY-MM-DD, "
                        f"lang: ...}}, not {entry!r}", path, line)]
    problems = []
    for key in entry:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f"did you mean {close[0]!r}?; " if close else ""
            problems.append(Problem(f"{doc_id}: unknown key {key!r} ({hint}known: {', '.join(KEYS)})",
                                    path, line_of(entry, key, line)))
    for key in _TEXT_KEYS:
        value = entry.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
            kind = "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else type(value).__name__
            problems.append(Problem(f"{doc_id}: {key} must be text, not a {kind}",
                                    path, line_of(entry, key, line)))
    try:
        parse_date(entry.get("published"), f"{path}:{line_of(entry, 'published', line)}")
    except DocumentError as err:
        problems += [Problem(f"{doc_id}: {p.message}", path, line_of(entry, "published", line)) for p in err.problems]
    return problems
