"""The real-news batches: what the repository keeps of each article is ours.

Each batch (``realnews/batchN/``) lists its articles' URL, host, outlet,
publication date and language, and holds one gold annotation per article.
The page texts are never committed, no page comes from a reserved host, and
no host gives more than four articles. The batches are scored from texts kept
outside the repository (``tools/realnews.py``); docs/evaluation.md has the
first-contact figures.
"""
import datetime
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

HERE = Path(__file__).parent / "realnews"
BATCHES = sorted(p for p in HERE.glob("batch*") if p.is_dir())
ID = re.compile(r"^[A-Z][A-Z0-9_]*$")
ARTICLE_KEYS = {"url", "host", "outlet", "published", "published_from", "lang", "note"}


# libyaml's parser: the batches are about 4,700 files, which PyYAML's Python parser reads in a minute of the
# suite's time and libyaml in a few seconds (same safe constructors, same values)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader


def _articles(batch: Path) -> dict:
    return _yaml(batch / "articles.yaml")


def _ids(value) -> list[str]:
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _reserved(root: Path) -> list[str]:
    lines = (root.parent / "shared" / "corpus" / "reserved-hosts.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_batches_are_there():
    assert len(BATCHES) >= 1


def test_no_page_text_is_committed():
    assert [p.name for p in HERE.rglob("*") if p.is_file() and p.suffix not in (".yaml", ".md")] == []


@pytest.mark.parametrize("batch", BATCHES, ids=lambda p: p.name)
def test_each_article_has_provenance_and_gold(batch, root, schema):
    articles = _articles(batch)
    assert len(articles) == 8
    gold = {p.stem: _yaml(p) for p in (batch / "gold").glob("*.yaml")}
    assert set(gold) == set(articles)
    types = set(schema.relation_types)
    for doc, meta in articles.items():
        # (an outlet with an unquoted comma, 'Pravda USA (news-pravda, TASS)', splits into a stray key)
        assert set(meta) <= ARTICLE_KEYS and isinstance(meta.get("outlet"), str), (doc, sorted(set(meta) - ARTICLE_KEYS))
        assert urlsplit(meta["url"]).hostname.removeprefix("www.") == meta["host"], doc
        assert meta["lang"] in ("ar", "en"), doc
        # a day, or only the month where the page gives no more, or none where the page gives no date at
        # all (the manifest then has no date: the extractor leaves relative dates unresolved, never guesses)
        published = meta["published"]
        assert (isinstance(published, datetime.date) or (published is None and meta.get("published_from") is None)
                or re.fullmatch(r"\d{4}-\d{2}", published)), doc
        g = gold[doc]
        assert str(g["doc"]) == doc and g["published"] == meta["published"], doc
        declared = set(g.get("entities") or {})
        for r in g["relations"]:
            assert r["type"] in types, (doc, r)
            for eid in _ids(r["source"]) + _ids(r["target"]):
                assert ID.match(eid) and (eid in schema.entities or eid in declared), (doc, eid)


def test_hosts(root):
    reserved = _reserved(root)
    hosts = Counter(meta["host"] for b in BATCHES for meta in _articles(b).values())
    assert not [h for h in hosts if any(h == r or h.endswith("." + r) for r in reserved)]
    assert max(hosts.values()) <= 4, hosts
