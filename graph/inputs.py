"""Which files are articles, and reading each kind: plain text, saved web pages, news-crawler dumps.

Articles are ``.txt`` (the text as is), ``.html``/``.htm`` (a saved page: its main text, title, date,
site name and address, found by ``trafilatura``; menus, tickers, link lists and footers are left out)
and ``.jsonl`` (one article per line, as news crawlers write them). Anything else in a folder is
reported once as ignored; a folder without articles is an error. Metadata precedence: a flag
(``--published``, ``--outlet``) wins over the folder's manifest.yaml, which wins over what the page
or record says of itself.

Article ids (what ``remove``, the evidence and the viewer's article pages name): a file found in a
folder is named by its path relative to that folder (the corpus root; folders are read flat), without
suffix: ``reports/talks.txt`` is ``talks``, and two files of one folder that differ only by suffix, or
two folders of one run holding the same name, are an error. A file given alone (``geograph add FILE``)
is named by its file name and a hash of its text, ``talks-1e032e19``: never its bare name, so two
``report.txt`` from different folders are two articles. A news dump's records are named by their ``id``
field, else the dump's name and line (``dump-L12``), plus the text's hash when the dump is given alone.
Whatever the id, every article remembers the file (and record) it came from, its ``source``: reading
the same file again, edited, gives the same article (see :class:`StoredIds`).

>>> single_id("talks", "Diop met Landau.")
'talks-1e032e19'
>>> is_article(Path("a/page.htm")), is_article(Path("a/README.md")), is_article(Path("a/manifest.yaml"))
(True, False, False)
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from .documents import (Document, check_no_nul, has_sentence, max_article_bytes, parse_date, read_bytes,
                        read_text)
from .errors import DocumentError, Problem
from .manifest import MANIFEST, Manifest, read_manifest
from .provenance import text_hash

__all__ = ["ARTICLE_SUFFIXES", "ArticleFile", "is_article", "article_files", "iter_article_paths", "count_articles",
           "read_document", "read_documents", "read_web_page", "read_news_dump", "single_id", "StoredIds"]

DUMP_ARTICLES = 16   # a news dump may be this many times the size limit of one article

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
_WEB_SUFFIXES = (".html", ".htm")

# news-please's field names, then the plain ones: the first present wins.
_DUMP_FIELDS = {
    "text": ("maintext", "text"),
    "title": ("title",),
    "published": ("date_publish", "published"),
    "outlet": ("source_domain", "outlet"),
    "url": ("url",),
    "lang": ("language", "lang"),
}


def is_article(path: Path) -> bool:
    """Is this file an article (by its suffix)? The manifest is not."""
    return path.suffix.lower() in ARTICLE_SUFFIXES and path.name != MANIFEST


class ArticleFile(NamedTuple):
    """An article file and how it was given: ``alone`` (named on the command line) or found in a folder."""

    path: Path
    alone: bool


def article_files(paths: Iterable[str | Path | ArticleFile],
                  warnings: list[Problem] | None = None) -> list[ArticleFile]:
    """Folders expanded into their article files (sorted), files kept as given (``alone``).

    Other files in a folder are reported once per folder in ``warnings`` (when given); a folder
    without any article is a DocumentError, and so are two files of folders that would be one article
    id (``report.txt`` and ``report.html``, or ``f1/report.txt`` and ``f2/report.txt`` in one run).
    """
    files = list(_expand(paths, warnings))
    _check_unique_ids([f.path for f in files if not f.alone])
    return files


def iter_article_paths(paths: Iterable[str | Path], warnings: list[Problem] | None = None) -> Iterator[Path]:
    """The article files under ``paths`` (see :func:`article_files`)."""
    yield from (f.path for f in article_files(paths, warnings))


def single_id(name: str, text: str) -> str:
    """The id of an article given alone: its name and the start of its text's hash (the stored ``sha``)."""
    return f"{name}-{text_hash(text)[:8]}"


def _name(doc: Document, alone: bool) -> str:
    """What the manifest calls an article: its id, less the text's hash when it was given alone."""
    return doc.id[:-9] if alone else doc.id


def _check_unique_ids(files: list[Path]) -> None:
    """In a folder an article's id is its file name without suffix (a news dump's records have their
    own): two different files giving one id would be one article in the graph. An error."""
    by_id: dict[str, Path] = {}
    problems = []
    for f in files:
        if f.suffix.lower() == ".jsonl":
            continue
        other = by_id.setdefault(f.stem, f)
        if other is not f and other.resolve() != f.resolve():   # the same file given twice is one article
            problems.append(Problem(f"same article id {f.stem!r} as {other} (in a folder, ids are file names "
                                    "without suffix): rename one of them, or add it alone", str(f)))
    if problems:
        raise DocumentError(problems)


def _expand(paths: Iterable[str | Path | ArticleFile], warnings: list[Problem] | None) -> Iterator[ArticleFile]:
    for p in paths:
        if isinstance(p, ArticleFile):
            yield p
            continue
        p = Path(p)
        if p.is_dir():
            entries = sorted(p.iterdir())
            files = [f for f in entries if f.is_file()]
            articles = [f for f in files if is_article(f)]
            others = [f.name for f in files if not is_article(f) and f.name != MANIFEST] + [
                f.name + "/" for f in entries if f.is_dir() and any(map(is_article, f.iterdir()))]
            # a folder is read flat: a sub-folder of articles is named, one of gold files is not
            if not articles:
                raise DocumentError(Problem(f"no articles in this folder (expected {', '.join(ARTICLE_SUFFIXES)} "
                                            "files)", str(p)))
            if others and warnings is not None:
                warnings.append(Problem(f"ignored, not articles ({', '.join(ARTICLE_SUFFIXES)}): "
                                        f"{', '.join(others)}", str(p)))
            yield from (ArticleFile(f, False) for f in articles)
        elif p.exists():
            yield ArticleFile(p, True)
        else:
            raise DocumentError(Problem("no such file or folder", str(p)))


def count_articles(files: Iterable[Path | ArticleFile]) -> int:
    """How many articles the files hold (a news dump holds one per non-blank line): a progress bar's total."""
    n = 0
    for f in files:
        f = f.path if isinstance(f, ArticleFile) else f
        if f.suffix.lower() == ".jsonl":
            with open(f, "rb") as fh:
                n += sum(1 for line in fh if line.strip())
        else:
            n += 1
    return n


def read_documents(paths: Iterable[str | Path | ArticleFile], *, published=None, outlet=None,
                   warnings: list[Problem] | None = None) -> Iterator[Document]:
    """Every article under ``paths`` (or of the :func:`article_files` given), with metadata from each
    folder's manifest.

    A bad line of a news dump is reported in ``warnings`` and skipped; without a ``warnings``
    list it is a DocumentError.
    """
    manifests: dict[Path, Manifest] = {}
    for path, alone in article_files(paths, warnings):
        if path.parent not in manifests:
            manifests[path.parent] = _checked_manifest(path.parent)
        manifest = manifests[path.parent]
        if path.suffix.lower() == ".jsonl":
            docs = read_news_dump(path, manifest, published=published, outlet=outlet, warnings=warnings, alone=alone)
        else:
            if manifest.path is not None and path.stem not in manifest and warnings is not None:
                warnings.append(Problem(f"not listed in {manifest.path}: no outlet or publication date from it",
                                        str(path)))
            docs = iter([read_document(path, manifest, published=published, outlet=outlet, alone=alone)])
        for doc in docs:
            name = _name(doc, alone)
            if not has_sentence(doc.text):
                problem = Problem(f"{name}: no sentence to read (empty, or no word in it): not added", doc.path)
                if warnings is None:
                    raise DocumentError(problem)
                warnings.append(problem)
                continue
            if doc.published is None and warnings is not None and not manifest.says_undated(name):
                label = f"{doc.id}: " if path.suffix.lower() == ".jsonl" else ""
                warnings.append(Problem(f"{label}no publication date (manifest.yaml or --published): its relative dates "
                                        "('yesterday', weekdays) stay unresolved unless the text gives a full date",
                                        doc.path))
            yield doc


def _checked_manifest(folder: Path) -> Manifest:
    """The folder's manifest, every entry naming an article there (DocumentError with file:line if not)."""
    def article_ids(wanted: set[str]) -> set[str]:
        ids = {f.stem for f in folder.iterdir() if f.is_file() and is_article(f)}
        if not wanted <= ids:   # the others may be records of a news dump
            ids |= {doc_id for dump in sorted(folder.glob("*.jsonl")) for doc_id in _dump_ids(dump)}
        return ids

    return read_manifest(folder, article_ids)


def _dump_ids(path: Path) -> Iterator[str]:
    """The article ids of a news dump's readable lines (see :func:`read_news_dump`)."""
    for lineno, line in enumerate(read_text(path, max_article_bytes() * DUMP_ARTICLES).splitlines(), 1):
        if line.strip():
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                continue
            if isinstance(record, dict):
                try:
                    yield _dump_id(path, lineno, record)
                except DocumentError:
                    continue


def _dump_id(path: Path, lineno: int, record: dict) -> str:
    value = record.get("id")
    if isinstance(value, bool) or not isinstance(value, (str, int, type(None))):
        raise DocumentError(Problem(f"'id' must be text or a number, not {type(value).__name__}", str(path), lineno))
    return str(value or f"{path.stem}-L{lineno}")


def read_document(path: Path, manifest: dict | None = None, *, published=None, outlet=None,
                  lang=None, alone: bool = False) -> Document:
    """One article file (text or web page); flags win over the manifest entry. Its id is the file
    name without suffix, with its text's hash when given ``alone``."""
    path = Path(path)
    if path.suffix.lower() in _WEB_SUFFIXES:
        return read_web_page(path, manifest, published=published, outlet=outlet, lang=lang, alone=alone)
    if path.suffix.lower() == ".jsonl":
        raise DocumentError(Problem("a news dump holds many articles: read it with read_documents", str(path)))
    return _document(read_text(path), path.stem, path, (manifest or {}).get(path.stem, {}), {},
                     published=published, outlet=outlet, lang=lang, alone=alone)


def _document(text: str, name: str, path: Path, meta: dict, own: dict, *, published, outlet, lang,
              where: str | None = None, record: bool = False, alone: bool = False) -> Document:
    """A Document whose metadata is the flag's, else the manifest's, else the article's own (``own``);
    named ``name`` (a dump's ``record``), with the text's hash when given ``alone``."""
    def pick(key, flag):
        if flag is not None:
            return flag
        return meta.get(key) if meta.get(key) is not None else own.get(key)

    if published is not None:
        date_where = "--published"
    elif meta.get("published") is not None:
        date_where = str(path.parent / MANIFEST)
    else:
        date_where = where or str(path)
    source = os.path.abspath(path) + (f"#{name}" if record else "")
    return Document.from_text(text, id=single_id(name, text) if alone else name, path=str(path),
                              published=parse_date(pick("published", published), date_where),
                              outlet=pick("outlet", outlet), lang=pick("lang", lang) or None, url=own.get("url"),
                              source=source)


def _with_title(title: str | None, text: str) -> str:
    """The title as the first line (it counts as a sentence), then the text's paragraphs.

    >>> _with_title("Talks in Bamako", "Diop met Landau.\\nThey spoke.")
    'Talks in Bamako\\n\\nDiop met Landau.\\n\\nThey spoke.'
    """
    text = re.sub(r"[ \t]*\n\s*", "\n\n", text.strip())
    title = (title or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text


def read_web_page(path: Path, manifest: dict | None = None, *, published=None, outlet=None,
                  lang=None, alone: bool = False) -> Document:
    """A saved web page: its main text (the Document text, so evidence spans point into it), title,
    own publication date, site name (as the outlet) and address."""
    import trafilatura

    path = Path(path)
    data = read_bytes(path)
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):   # UTF-16 pages hold NUL bytes
        check_no_nul(data.decode("latin-1"), str(path))
    page = trafilatura.bare_extraction(data, with_metadata=True, favor_precision=True, include_comments=False, fast=True,
                                       include_tables=False,
                                       date_extraction_params={"extensive_search": False, "original_date": True})
    text = (page.text or "").strip() if page is not None else ""
    if not text:
        raise DocumentError(Problem("no main text found in this web page (is it an article page?)", str(path)))
    own = {"published": _date_part(page.date), "outlet": page.sitename or page.hostname, "url": page.url,
           "lang": page.language}
    return _document(_with_title(page.title, text), path.stem, path, (manifest or {}).get(path.stem, {}), own,
                     published=published, outlet=outlet, lang=lang, alone=alone)


def _date_part(value: Any) -> str | None:
    """The date of an ISO date or date-time ('2025-11-05T09:30:00+00:00', '2025-11-05 09:30:00')."""
    if value is None or value == "":
        return None
    return str(value)[:10]


def read_news_dump(path: Path, manifest: dict | None = None, *, published=None, outlet=None,
                   warnings: list[Problem] | None = None, alone: bool = False) -> Iterator[Document]:
    """The articles of a ``.jsonl`` news dump, one per line (news-please or plain field names).

    Each article's id is the record's ``id`` if any, else the file name and line number
    (``dump-L12``): stable as long as the file is, unique within it; with the text's hash when the
    dump is given ``alone``. A bad line goes to ``warnings`` (file:line) and is skipped; without
    ``warnings`` it is a DocumentError.
    """
    path = Path(path)
    seen: set[str] = set()
    limit = max_article_bytes()
    for lineno, line in enumerate(read_text(path, limit * DUMP_ARTICLES).splitlines(), 1):
        if not line.strip():
            continue
        try:
            if len(line) > limit:
                raise DocumentError(Problem(f"too large: {len(line) / 1e6:.1f} million characters, the limit of one "
                                            f"article is {limit / 1e6:g} MB (GEOGRAPH_MAX_ARTICLE_MB)"))
            doc = _dump_record(path, lineno, line, manifest or {}, published, outlet, alone)
            if doc.source in seen:
                raise DocumentError(Problem(f"article id {_name(doc, alone)!r} used twice in this file", str(path),
                                            lineno))
        except DocumentError as err:
            if warnings is None:
                raise
            warnings.extend(Problem(f"{p.message}; line skipped", str(path), lineno) for p in err.problems)
            continue
        seen.add(doc.source)
        yield doc


def _dump_record(path: Path, lineno: int, line: str, manifest: dict, published, outlet, alone: bool) -> Document:
    """One line of a news dump as a Document; DocumentError (file:line) when it is not an article."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise DocumentError(Problem(f"not JSON ({err.msg} at column {err.colno})", str(path), lineno))
    except RecursionError:
        raise DocumentError(Problem("not an article record (JSON nested too deeply)", str(path), lineno)) from None
    if not isinstance(record, dict):
        raise DocumentError(Problem("not a JSON object", str(path), lineno))
    fields = {k: next((record[n] for n in names if record.get(n) not in (None, "")), None)
              for k, names in _DUMP_FIELDS.items()}
    if not isinstance(fields["text"], str) or not fields["text"].strip():
        raise DocumentError(Problem("no article text (expected 'maintext' or 'text')", str(path), lineno))
    for key, value in fields.items():
        if value is not None and not isinstance(value, str):
            name = next(n for n in _DUMP_FIELDS[key] if record.get(n) is value)
            raise DocumentError(Problem(f"{name!r} must be text, not {type(value).__name__} ({str(value)[:40]!r})",
                                        str(path), lineno))
    for value in fields.values():   # (a NUL in the title reaches the text as well)
        if value is not None:
            check_no_nul(value, str(path), lineno)
    fields["published"] = _date_part(fields["published"])
    doc_id = _dump_id(path, lineno, record)
    meta = manifest.get(doc_id, {})
    return _document(_with_title(fields["title"], fields["text"]), doc_id, path, meta, fields,
                     published=published, outlet=outlet, lang=None, where=f"{path}:{lineno}", record=True,
                     alone=alone)


class StoredIds:
    """What the store holds, asked article by article: is an input already there, and under which id.

    What makes two inputs the same article: the same source (the same file read again, edited or
    with other metadata, or given otherwise: alone, or in a folder), or the same id from a copy of
    the file (the same text, or equal bytes). The same id from another file is an error, never a
    silent skip.
    """

    def __init__(self, store: Any):
        self.store = store

    def previous(self, doc: Document) -> str | None:
        """The id under which the store holds another reading of ``doc``'s source, if any: that
        article is replaced by ``doc``."""
        held = self.store.document_from(doc.source) if doc.source is not None else None
        return held if held != doc.id else None

    def check(self, doc: Document) -> None:
        """DocumentError when the store's ``doc.id`` came from another file that still exists with other
        content; the same source or path, the same text, a copy with equal bytes, or a file since moved
        or deleted, pass."""
        held = self.store.document(doc.id)
        if held is None or doc.path is None or held.path in (None, doc.path) or held.source == doc.source \
                or held.sha == text_hash(doc.text):
            return
        stored, given = Path(held.path), Path(doc.path)
        try:
            if stored.resolve() == given.resolve() or not stored.is_file() or stored.read_bytes() == given.read_bytes():
                return
        except OSError:
            return
        raise DocumentError(Problem(f"article id {doc.id!r} is already in the graph for another article, {held.path} "
                                    "(in a folder, ids are file names without suffix): rename this file, or add it "
                                    "alone", doc.path))
