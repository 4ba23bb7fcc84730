"""`geograph serve` as a user runs it: a real process on waitress."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path


def geograph(root: Path, home: Path, *args: str, **popen) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("geograph")
    env = {**os.environ, "GEOGRAPH_HOME": str(home)}
    env.pop("GEOGRAPH_STORE", None)
    return subprocess.Popen([str(exe), *args], cwd=root, env=env, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **popen)


def test_serve_builds_the_seed_graph_and_prints_its_url(root, tmp_path):
    server = geograph(root, tmp_path / "home", "serve", "--port", "0")
    try:
        line = server.stdout.readline()
        found = re.match(r"Geograph explorer on (http://127\.0\.0\.1:(\d+)/) \(graph: (\d+) nodes", line)
        assert found, line + server.stderr.read() if server.poll() is not None else line
        url, port = found.group(1), int(found.group(2))
        with urllib.request.urlopen(url + "api/meta") as answer:
            meta = json.load(answer)
        assert meta["counts"]["documents"] == 5 and meta["counts"]["nodes"] == int(found.group(3))
        with urllib.request.urlopen(url) as answer:
            assert answer.headers["Server"] == "waitress"
            assert "Content-Security-Policy" in answer.headers
        assert (tmp_path / "home" / "graph.json").exists()

        # The same port again: a plain one-line error and exit code 2, the graph already built.
        again = geograph(root, tmp_path / "home", "serve", "--port", str(port))
        out, err = again.communicate(timeout=60)
        assert again.returncode == 2 and out == ""
        assert err.strip().count("\n") == 0 and err.startswith(f"error: cannot listen on 127.0.0.1:{port}")
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_serve_refuses_an_unknown_store(root, tmp_path):
    answer = geograph(root, tmp_path, "serve", "--store", "sqlite")
    out, err = answer.communicate(timeout=60)
    assert answer.returncode == 2 and "sqlite" in err
