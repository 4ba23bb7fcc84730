"""Articles from other outlets than the seeds, scored like the dev set (a floor, not a target).

Thirty-two short articles in the styles of other outlets (Asharq Al-Awsat, Sky
News Arabia, AFP, Anadolu, France 24, Reuters, An-Nahar, Hespress, BBC Arabic,
Echorouk, Al Arabiya, RT Arabic, Al Akhbar, Alhurra, Youm7, ANP, AP, Al Jazeera
Net, Sahara Media; five in English), written and annotated
(outlets/gold/, the seeds' gold format) before the rules were run on them,
three at a time. On first contact the batches scored F1 0.58 (h1-h3), 0.67
(k1-k3), 0.61 (m1-m3, precision 1.00), 0.77 (n1-n3), 0.64 (p1-p3, two
misses being ids the annotation got wrong), 0.53 (q1-q3, an English wire
and a named agreement), 0.78 (r1-r2), 0.67 (s1-s2) and 0.57 (t1-t2, English
wires) and 0.18 (u1-u2: an unknown prime minister, "the authorities in X",
a verb-first subject before its preposition), 0.71 (v1-v2), 0.63 (w1-w2)
and 0.86 (x1-x2, precision 1.00); the fixes that followed
were general mechanisms or lexicon entries, each with its own rule example.
Now they guard against regressions.
"""
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from graph.cli import main

HERE = Path(__file__).parent / "outlets"
SCORE = re.compile(r"SUMMARY .* P=(?P<p>[\d.]+) R=(?P<r>[\d.]+) F1=(?P<f1>[\d.]+) date_acc=(?P<date>[\d.]+)")


def test_other_outlets_score(tmp_path, root, schema_dir):
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(main, ["extract", str(HERE), "--out", str(out), "--schema", str(schema_dir)])
    assert result.exit_code == 0, result.output
    proc = subprocess.run([sys.executable, str(root.parent / "shared" / "tools" / "score_relations.py"),
                           str(HERE / "gold"), str(out), "--verbose"], capture_output=True, text=True, check=True)
    m = SCORE.search(proc.stdout)
    assert m, proc.stdout
    assert float(m["p"]) >= 0.85, proc.stdout
    assert float(m["f1"]) >= 0.75, proc.stdout
    assert float(m["date"]) >= 0.9, proc.stdout
