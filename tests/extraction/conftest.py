"""Fixtures for extraction tests: the real schema, compiled once per session."""
import shutil

import pytest

from graph.extract import Extractor
from graph.rules import load_schema


@pytest.fixture(scope="session")
def schema(schema_dir):
    return load_schema(schema_dir)


@pytest.fixture(scope="session")
def extractor(schema):
    return Extractor(schema)


@pytest.fixture
def schema_copy(schema_dir, tmp_path):
    """A writable copy of schema/ to break on purpose."""
    dest = tmp_path / "schema"
    shutil.copytree(schema_dir, dest)
    return dest
