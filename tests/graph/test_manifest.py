"""Manifest checking through the real CLI on real folders: each mistake is a file:line message,
errors exit 2 (never a traceback), articles the manifest leaves out are one warning each."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

TEXT = "Diop met Landau in Bamako on Tuesday.\n"


def folder(tmp_path: Path, manifest: str, articles=("a", "b")) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    for name in articles:
        (d / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (d / "manifest.yaml").write_text(manifest, encoding="utf-8")
    return d


def extract(cli, d: Path, tmp_path: Path):
    return cli("extract", d, "--out", tmp_path / "out.jsonl", "--no-progress")


@pytest.mark.parametrize("manifest, line, message", [
    ("a: {outlet: X, published: 2025-11-04}\nb:\n  outlet: Y\n  publshed: 2025-11-05\n", 4,
     "b: unknown key 'publshed' (did you mean 'published'?"),
    ("a: {published: 2025-11-04}\nb: {published: 2025-11-04}\nc: {published: 2025-11-04}\n", 3,
     "c: no such article in this folder"),
    ("a: {published: 2025-13-45}\nb: {}\n", 1, "a: bad publication date '2025-13-45': month must be in 1..12"),
    ("a: {}\nb: {published: 2025-02-30}\n", 2, "b: bad publication date '2025-02-30': day is out of range"),
    ("a: {published: ٢٠٢٥-١١-٠٤}\nb: {}\n", 1, "a: bad publication date '٢٠٢٥-١١-٠٤': expected YYYY-MM-DD (ASCII"),
    ("a: {published: 2025-11-04}\nb: just a string\n", 2, "b: an entry must be a mapping"),
])
def test_each_manifest_mistake_is_one_located_error_exit_2(cli, tmp_path, manifest, line, message):
    d = folder(tmp_path, manifest)
    result = extract(cli, d, tmp_path)
    assert result.exit_code == 2, result.output
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and "Traceback" not in result.stderr
    assert errors[0].startswith(f"error: {d / 'manifest.yaml'}:{line}: {message}") or \
        errors[0].startswith(f"{d / 'manifest.yaml'}:{line}: {message}"), errors
    assert not (tmp_path / "out.jsonl").exists()


def test_every_mistake_of_a_manifest_is_reported_at_once(cli, tmp_path):
    d = folder(tmp_path, "a: {pubished: 2025-11-04, lang: ar}\nb: {published: 2025-02-30}\nzz: {}\n")
    result = extract(cli, d, tmp_path)
    assert result.exit_code == 2
    for line, what in [(1, "a: unknown key 'pubished'"), (2, "b: bad publication date"),
                       (3, "zz: no such article")]:
        assert f"{d / 'manifest.yaml'}:{line}: {what}" in result.stderr


def test_articles_absent_from_the_manifest_warn_once_each_and_still_load(cli, tmp_path):
    d = folder(tmp_path, "a: {outlet: X, published: 2025-11-04}\n", articles=("a", "b", "c"))
    result = extract(cli, d, tmp_path)
    assert result.exit_code == 0, result.output
    warnings = [w for w in result.stderr.splitlines() if w.startswith("warning:")]
    for name in ("b", "c"):
        absent = [w for w in warnings if w.startswith(f"warning: {d / name}.txt: not listed in {d / 'manifest.yaml'}")]
        assert len(absent) == 1, warnings
    assert not any(f"{d / 'a'}.txt" in w for w in warnings)
    assert "3 documents" in result.stderr + result.stdout


def test_an_article_without_publication_date_warns_that_relative_dates_stay_unresolved(cli, tmp_path):
    d = tmp_path / "plain"
    d.mkdir()
    (d / "x.txt").write_text(TEXT, encoding="utf-8")
    result = extract(cli, d, tmp_path)
    assert result.exit_code == 0
    assert f"warning: {d / 'x.txt'}: no publication date" in result.stderr
    assert "stay unresolved" in result.stderr
    dated = cli("extract", d / "x.txt", "--published", "2025-11-06", "--out", tmp_path / "o2.jsonl")
    assert dated.exit_code == 0 and "no publication date" not in dated.stderr


def test_a_stated_null_date_is_the_curators_choice_and_stays_quiet(cli, tmp_path):
    d = folder(tmp_path, "a: {published: null, note: no date anywhere}\nb: {published: 2025-11-04}\n")
    result = extract(cli, d, tmp_path)
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr


def test_a_manifest_entry_may_name_a_news_dump_record(cli, tmp_path):
    d = folder(tmp_path, "r1: {outlet: Wire, published: 2025-11-04}\n", articles=())
    (d / "dump.jsonl").write_text('{"id": "r1", "text": "Diop met Landau on Tuesday."}\n', encoding="utf-8")
    result = extract(cli, d, tmp_path)
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr


@pytest.mark.parametrize("path", ["seeds", "tests/extraction/outlets", "tests/extraction/constructions"])
def test_the_shipped_folders_load_without_warnings(cli, tmp_path, path):
    result = extract(cli, ROOT / path, tmp_path)
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
