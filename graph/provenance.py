"""One event per real-world event, and what the graph knows of where each report came from.

The rules every store follows (see docs/graph.md, "One event per real-world event"):

* Reports of the same relation (same ends, type, modality, role and date) are one edge.
* An undated report joins the dated edge of the same *group* (ends, type, modality, role)
  when exactly one such edge is dated within the :data:`JOIN_DAYS` days before the report's
  publication date (a report without one: when the group has exactly one dated edge at all);
  otherwise it stays on the group's undated edge. Where it goes is a function of its
  publication date and of the group's dates only (:func:`join_date`), so the graph does not
  depend on the order articles were added or removed in.
* Republished copies (the same text or nearly, see :func:`sketch`) count as one source: the
  evidence of each copy names the first of them by id (``copy_of``).

It also keeps what tells a store an article or the rules changed: a hash of the text
(:func:`text_hash`) and a fingerprint of the schema folder (:func:`schema_fingerprint`).
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as _dt
import hashlib
import re
import zlib
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .documents import fold_marks
from .export import date_spell
from .model import Evidence, Relation

__all__ = ["JOIN_DAYS", "COPY_BANDS", "group_key", "join_date", "settle_group", "published_affected", "text_hash",
           "schema_fingerprint", "sketch", "is_copy", "copy_components", "rule_changes"]

JOIN_DAYS = 30
SHINGLE = 5                 # words per shingle
BANDS, ROWS = 16, 3         # MinHash: 16 bands of 3 minima each (48 permutations)
COPY_BANDS = 8              # copies share at least this many bands (a Jaccard of about 0.8 and up)


def group_key(fields: Mapping[str, Any]) -> tuple:
    """The reports that may be one event: an edge's key without its date (``fields`` as
    :func:`graph.model.edge_fields` gives them)."""
    return (fields["source"], fields["type"], fields["target"], fields["modality"], fields.get("role") or "")


def _window(published: str) -> tuple[str, str]:
    """The days an undated report may look back on: JOIN_DAYS before its publication, which may give only its
    month ('2025-02': the whole month is the day it was published on)."""
    first, last = date_spell(published[:10])
    return (_dt.date.fromisoformat(first) - _dt.timedelta(days=JOIN_DAYS)).isoformat(), last


def join_date(published: str | None, dates: Sequence[str]) -> str | None:
    """The date of the dated edge an undated report published on ``published`` joins, among a
    group's ``dates`` (sorted); None: it stays undated.

    >>> join_date("2025-11-20", ["2025-10-01", "2025-11-04"])
    '2025-11-04'
    >>> join_date("2025-11-20", ["2025-11-04", "2025-11-10"]) is None     # two candidates: ambiguous
    True
    >>> join_date(None, ["2025-11-04"]), join_date("2025-11-20", ["2025-11"])
    ('2025-11-04', '2025-11')
    >>> join_date("2025-11", ["2025-10-20"])     # a page that gives only its month
    '2025-10-20'
    """
    if not published:
        return dates[0] if len(dates) == 1 else None
    lo, hi = _window(published)
    # days in the window are one run of the sorted dates; months and years overlapping it are a few
    found = {d for d in dates[bisect.bisect_left(dates, lo):bisect.bisect_right(dates, hi)] if len(d) == 10}
    for coarse in {lo[:7], hi[:7], min(_next_month(lo[:7]), hi[:7]), lo[:4], hi[:4]}:
        at = bisect.bisect_left(dates, coarse)
        if at < len(dates) and dates[at] == coarse:
            found.add(coarse)
    return found.pop() if len(found) == 1 else None


def _next_month(month: str) -> str:
    year, m = int(month[:4]), int(month[5:7])
    return f"{year + m // 12:04d}-{m % 12 + 1:02d}"


def published_affected(date: str) -> list[str]:
    """The publication days whose join window a dated edge on ``date`` (any precision) overlaps:
    the undated reports that a new or vanished edge on that date may move.

    >>> days = published_affected("2025-11-04"); days[0], days[-1], len(days)
    ('2025-11-04', '2025-12-04', 31)
    """
    first = _dt.date.fromisoformat(date + "-01-01"[len(date) - 4:] if len(date) < 10 else date)
    if len(date) == 4:
        last = _dt.date(first.year, 12, 31)
    elif len(date) == 7:
        last = (first.replace(day=28) + _dt.timedelta(days=4)).replace(day=1) - _dt.timedelta(days=1)
    else:
        last = first
    n = (last - first).days + JOIN_DAYS + 1
    return [(first + _dt.timedelta(days=i)).isoformat() for i in range(n)]


def settle_group(reports: Iterable[tuple[str | None, Evidence]]) -> dict[str | None, list[Evidence]]:
    """Where each report of one group goes: ``(own date, evidence)`` -> {edge date: evidence}.

    Dated reports stay on their date; undated ones join per :func:`join_date` (marked
    ``undated``) or stay on the undated edge (None).

    >>> ev = lambda doc, pub: Evidence(doc, "s", (0, 1), {}, "r", 1.0, published=pub)
    >>> out = settle_group([("2025-11-04", ev("a", "2025-11-05")), (None, ev("b", "2025-11-20"))])
    >>> sorted(out), [(e.doc, e.undated) for e in out["2025-11-04"]]
    (['2025-11-04'], [('a', False), ('b', True)])
    """
    reports = list(reports)
    dates = sorted({d for d, _ in reports if d})
    placed: dict[str | None, list[Evidence]] = {}
    for own, ev in reports:
        where = own or join_date(ev.published, dates)
        joined = own is None and where is not None
        if ev.undated != joined:
            ev = dataclasses.replace(ev, undated=joined)
        placed.setdefault(where, []).append(ev)
    return placed


def text_hash(text: str) -> str:
    """What tells that an article's text changed.

    >>> text_hash("a") == text_hash("a") != text_hash("b")
    True
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def schema_fingerprint(root: str | Path) -> str:
    """A hash of every YAML file of a schema folder (paths and bytes): which rules made an evidence."""
    from .schema.cache import hash_tree

    h = hashlib.sha256()
    hash_tree(h, Path(root), "*.yaml")
    return h.hexdigest()[:16]


_WORD_RE = re.compile(r"\w+")
_BINS = BANDS * ROWS


def sketch(text: str) -> tuple[str, ...]:
    """A MinHash of the text's word shingles, as :data:`BANDS` band keys: what is kept of an
    article to find its republished copies (:func:`is_copy`). Case, marks and punctuation do
    not count, so a copy with other quotes or spacing is still one.

    One-permutation MinHash: each shingle's hash falls in one of 48 bins and each bin keeps its
    smallest (empty bins take the next bin's, so short texts still compare): one pass over the
    shingles instead of one per permutation, the same agreement rate (the Jaccard similarity).

    >>> a = sketch("The minister met his counterpart in Bamako on Tuesday to discuss security.")
    >>> b = sketch("the Minister met his counterpart in Bamako, on Tuesday, to discuss security!")
    >>> a == b, len(a)
    (True, 16)
    """
    words = _WORD_RE.findall(fold_marks(text.casefold()))
    n = min(SHINGLE, len(words)) or 1
    # CRC-32 of each shingle spread over 64 bits by a multiplicative (Fibonacci) mix: a fifth of a
    # cryptographic hash's cost, and as good for picking minima
    hashes = {(zlib.crc32(" ".join(words[i:i + n]).encode()) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
              for i in range(max(1, len(words) - n + 1))}
    bins: list[int | None] = [None] * _BINS
    for h in hashes:
        at, value = h % _BINS, h // _BINS
        if bins[at] is None or value < bins[at]:
            bins[at] = value
    minima = list(bins)
    for i in range(_BINS - 1, -1, -1):          # densify: an empty bin takes the next filled one
        if minima[i] is None:
            minima[i] = next((bins[(i + k) % _BINS] for k in range(1, _BINS) if bins[(i + k) % _BINS] is not None), 0)
    return tuple(hashlib.blake2b(repr((b, minima[b * ROWS:(b + 1) * ROWS])).encode(), digest_size=6).hexdigest()
                 for b in range(BANDS))


def is_copy(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two sketches are of the same text or nearly (at least :data:`COPY_BANDS` bands agree)."""
    if not a or not b:
        return False
    return sum(x == y for x, y in zip(a, b)) >= COPY_BANDS


def copy_components(sketches: Mapping[str, Sequence[str]]) -> dict[str, str | None]:
    """For documents (id -> sketch): each one's ``copy_of``, the smallest id of the copies it is
    linked to (directly or through other copies); None for that first one and for originals.

    >>> s = sketch("one two three four five six seven eight"); t = sketch("something else entirely here")
    >>> copy_components({"b": s, "a": s, "c": t})
    {'a': None, 'b': 'a', 'c': None}
    """
    ids = sorted(sketches)
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_band: dict[str, list[str]] = {}
    for i in ids:
        for band in sketches[i]:
            by_band.setdefault(band, []).append(i)
    for i in ids:                      # only pairs sharing a band can be copies
        for j in {j for band in sketches[i] for j in by_band[band] if j > i}:
            if is_copy(sketches[i], sketches[j]):
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    return {i: (None if find(i) == i else find(i)) for i in ids}


def rule_changes(old: Iterable[Relation], new: Iterable[Relation], symmetric: Iterable[str] = ()) -> dict[str, list[int]]:
    """Per rule, [relations added, relations removed] between two extractions of one article.

    A relation is (ends, type, date, modality, role), the ends of ``symmetric`` types in either
    order; it counts for every rule of its evidence.

    >>> ev = lambda rule: Evidence("d", "s", (0, 1), {}, rule, 1.0)
    >>> old = [Relation("d", "A", "MET", "B", evidence=[ev("met")])]
    >>> new = [Relation("d", "A", "MET", "B", evidence=[ev("met")]), Relation("d", "A", "VISITED", "B", evidence=[ev("visit")])]
    >>> rule_changes(old, new)
    {'visit': [1, 0]}
    """
    symmetric = set(symmetric)

    def keyed(relations):
        out: dict[tuple, set[str]] = {}
        for r in relations:
            a, b = (min(r.source, r.target), max(r.source, r.target)) if r.type in symmetric else (r.source, r.target)
            out.setdefault((a, r.type, b, r.date or None, r.modality, r.role or None), set()).update(
                e.rule for e in r.evidence)
        return out

    before, after = keyed(old), keyed(new)
    changes: dict[str, list[int]] = {}
    for key in after.keys() - before.keys():
        for rule in after[key]:
            changes.setdefault(rule, [0, 0])[0] += 1
    for key in before.keys() - after.keys():
        for rule in before[key]:
            changes.setdefault(rule, [0, 0])[1] += 1
    return dict(sorted(changes.items()))
