"""schema/gazetteer/countries.yaml is exactly what tools/generate_countries.py writes.

The file says "do not edit: curate a state by moving it to a hand-written file";
a spelling added inside it is lost the next time the generator runs (after a
babel upgrade), so the file and its generator must agree.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "schema" / "gazetteer"


def test_countries_yaml_is_what_its_generator_writes(tmp_path):
    folder = tmp_path / "gazetteer"
    shutil.copytree(GAZETTEER, folder)
    (folder / "countries.yaml").unlink()
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "generate_countries.py"), "--gazetteer", str(folder)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = (folder / "countries.yaml").read_text(encoding="utf-8")
    kept = (GAZETTEER / "countries.yaml").read_text(encoding="utf-8")
    assert written == kept, "countries.yaml differs from its generator's output: move hand edits to a curated file"
