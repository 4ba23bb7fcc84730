"""The explorer under test: real stores built by the real pipeline, the real app, a real browser.

- ``seed_store``: the seed articles through extraction and ingest into a memory-only NetworkX store.
- ``app`` / ``client``: ``create_app`` over it, and Flask's test client.
- ``serve(app)``: the app on waitress at a free localhost port, in a thread.
- ``page``: a fresh Chromium page (Debian's chromium, driven by Playwright) that fails
  the test on any script error or console error (a CSP violation is one).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from waitress.server import create_server

from graph.extract import Extractor
from graph.ingest import build
from graph.rules import load_schema
from graph.stores.networkx_store import NetworkXStore
from server import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def schema():
    return load_schema()


def built_store(schema, *folders: Path) -> NetworkXStore:
    """A memory-only store holding the articles of ``folders``, through extraction and ingest."""
    store = NetworkXStore(None, relation_types=schema.relation_types)
    build(store, list(folders), Extractor(schema), progress=False)
    return store


@pytest.fixture(scope="session")
def seed_store(schema, seeds_dir):
    return built_store(schema, seeds_dir)


@pytest.fixture(scope="session")
def app(seed_store, schema):
    return create_app({"STORE": seed_store, "SCHEMA": schema, "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def dated_store(schema):
    """A synthetic graph whose relations have dates at every precision (and some none)."""
    from server.synthetic import fill_synthetic

    store = NetworkXStore(None, relation_types=schema.relation_types)
    fill_synthetic(store, schema, nodes=30, relations=90)
    return store


@pytest.fixture(scope="session")
def dated_app(dated_store, schema):
    return create_app({"STORE": dated_store, "SCHEMA": schema, "TESTING": True})


@contextmanager
def serve(app):
    """The app on waitress at a free port; yields its base URL."""
    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    closing = threading.Event()

    def run():
        try:
            server.run()
        except OSError:          # the loop notices its socket closed under it
            if not closing.is_set():
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        closing.set()
        server.close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_url(app):
    with serve(app) as url:
        yield url


@pytest.fixture(scope="session")
def shots(root, tmp_path_factory):
    """Where the browser tests save their screenshots: a temporary folder, so a test run leaves the tree
    as it was; ``GEOGRAPH_SCREENSHOTS=docs`` writes them over the ones committed under ``docs/`` (then
    look at them before committing)."""
    import os

    folder = root / "docs" if os.environ.get("GEOGRAPH_SCREENSHOTS") == "docs" else tmp_path_factory.mktemp("shots")
    return lambda name: str(folder / name)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    tab.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    tab.set_default_timeout(20_000)
    tab.problems = problems      # a test that provokes an error removes the one it expects
    yield tab
    context.close()
    assert not problems, problems


def wait_ready(page, draws: int = 1) -> None:
    """Until the page has drawn at least ``draws`` views and is not loading another."""
    page.wait_for_function("n => Number(document.body.dataset.draws || 0) >= n && document.body.dataset.state === 'ready'",
                           arg=draws)


@pytest.fixture(scope="session")
def ready():
    return wait_ready


@pytest.fixture(scope="session")
def serving():
    return serve


@pytest.fixture(scope="session")
def store_of(schema):
    """``store_of(folder, ...)``: a store built from article folders."""
    return lambda *folders: built_store(schema, *folders)
