"""The notebook API gives what the command line gives, and sees what other processes write."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import geograph
from graph.errors import GeographError


def test_extract_of_a_folder_gives_what_geograph_extract_writes(root, seeds_dir):
    exe = Path(sys.executable).with_name("geograph")
    out = subprocess.run([str(exe), "extract", str(seeds_dir)], cwd=root, capture_output=True, text=True, check=True)
    expected = [json.loads(line) for line in out.stdout.splitlines()]
    assert expected and [r.to_json() for r in geograph.extract(seeds_dir)] == expected
    assert [r.to_json() for r in geograph.extract(str(seeds_dir))] == expected      # a string naming a folder


def test_texts_get_their_own_ids_and_the_publication_date_anchors_relative_dates():
    found = geograph.extract(["Emmanuel Macron met Abdoulaye Diop on Tuesday.", "No relation here."],
                             published="2025-12-04")
    assert [(r.doc, r.source, r.target, r.date) for r in found] == \
        [("text1", "EMMANUEL_MACRON", "ABDOULAYE_DIOP", "2025-12-02")]
    assert found[0].evidence[0].published == "2025-12-04"
    with pytest.raises(GeographError, match="takes texts and paths, not int"):
        geograph.extract([3])


def test_an_open_graph_sees_an_article_another_process_added(root, tmp_path):
    home = tmp_path / "home"
    article = tmp_path / "macron.txt"
    article.write_text("Emmanuel Macron met Abdoulaye Diop in Paris on 3 December 2025.", encoding="utf-8")
    with geograph.Graph.open(home) as g:
        assert g.who_met("Diop") == [] and "0 actors" in repr(g)
        exe = Path(sys.executable).with_name("geograph")
        subprocess.run([str(exe), "add", str(article), "--published", "2025-12-04", "--home", str(home)],
                       cwd=root, check=True, capture_output=True)
        assert [(m.a, m.b, m.date) for m in g.who_met("Diop")] == [("ABDOULAYE_DIOP", "EMMANUEL_MACRON", "2025-12-03")]
        with pytest.raises(GeographError, match="single article file"):
            g.add(tmp_path, published="2025-12-04")


def test_what_the_command_line_warns_about_is_a_python_warning(tmp_path):
    (tmp_path / "talks.txt").write_text("Emmanuel Macron met Abdoulaye Diop in Paris on 3 December 2025.",
                                        encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    with pytest.warns(UserWarning) as caught:
        found = geograph.extract(tmp_path)
    messages = [str(w.message) for w in caught]
    assert any("ignored, not articles" in m and "README.md" in m for m in messages), messages
    assert any("talks.txt: no publication date" in m for m in messages), messages
    # the meeting in Paris is also Diop's visit to France (graph.extraction.visits)
    assert sorted((r.doc, r.type, r.date) for r in found) == [("talks", "MET", "2025-12-03"),
                                                             ("talks", "VISITED", "2025-12-03")]
