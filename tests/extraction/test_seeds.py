"""The dev set: the seed articles against the hand annotations, with the shared scorer."""
import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.documents import read_documents

SCORE = re.compile(r"SUMMARY .* F1=(?P<f1>[\d.]+) date_acc=(?P<date>[\d.]+)")


@pytest.fixture(scope="module")
def relations_file(seeds_dir, schema_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("extract") / "r.jsonl"
    result = CliRunner().invoke(main, ["extract", str(seeds_dir), "--out", str(out), "--schema", str(schema_dir)])
    assert result.exit_code == 0, result.output
    return out


def test_dev_set_f1_and_date_accuracy(relations_file, root):
    shared = root.parent / "shared"
    proc = subprocess.run([sys.executable, str(shared / "tools" / "score_relations.py"),
                           str(shared / "corpus" / "gold"), str(relations_file), "--verbose"],
                          capture_output=True, text=True, check=True)
    m = SCORE.search(proc.stdout)
    assert m, proc.stdout
    assert float(m["f1"]) >= 0.90, proc.stdout
    assert float(m["date"]) >= 0.90, proc.stdout


def test_every_relation_has_exact_evidence(relations_file, seeds_dir):
    texts = {d.id: d.text for d in read_documents([seeds_dir])}
    rows = [json.loads(line) for line in relations_file.read_text(encoding="utf-8").splitlines()]
    assert rows
    for row in rows:
        assert row["modality"] == "fact"
        assert row["date_precision"] == {None: None, 4: "year", 7: "month", 10: "day"}[
            len(row["date"]) if row["date"] else None]
        for ev in row["evidence"]:
            text = texts[ev["doc"]]
            s, e = ev["sentence_span"]
            assert text[s:e] == ev["sentence"]
            for role, (start, end) in ev["spans"].items():
                if role.startswith("carried_"):     # a subject named in an earlier sentence
                    assert 0 <= start < end <= s
                else:
                    assert s <= start < end <= e
                assert text[start:end].strip() == text[start:end]


def test_noise_in_seed_001_gives_no_relation(relations_file, seeds_dir):
    text = (seeds_dir / "001_7cda91046080cc81.txt").read_text(encoding="utf-8")
    noise_start = text.index("المصدر: الجزيرة")
    rows = [json.loads(line) for line in relations_file.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["doc"] == "001_7cda91046080cc81":
            assert all(ev["sentence_span"][0] < noise_start for ev in row["evidence"]), row


def test_noise_alone_gives_no_relation(extractor, seeds_dir):
    from graph.documents import Document
    text = (seeds_dir / "001_7cda91046080cc81.txt").read_text(encoding="utf-8")
    egyptian = text[text.index("\"قضايا المرأة"):]
    assert extractor.extract(Document.from_text(egyptian, id="noise")) == []


def test_modal_events_only_with_flag(tmp_path, schema_dir):
    article = tmp_path / "a.txt"
    article.write_text("سيزور وزير الخارجية الروسي سيرغي لافروف مالي الشهر المقبل.", encoding="utf-8")
    runner = CliRunner()
    facts = runner.invoke(main, ["extract", str(article), "--schema", str(schema_dir), "--published", "2025-05-01"])
    assert facts.exit_code == 0 and '"VISITED"' not in facts.output
    modal = runner.invoke(main, ["extract", str(article), "--schema", str(schema_dir), "--published", "2025-05-01",
                                 "--include-modal"])
    row = next(json.loads(l) for l in modal.output.splitlines() if '"VISITED"' in l)
    assert row["modality"] == "future" and row["date"] == "2025-06"
