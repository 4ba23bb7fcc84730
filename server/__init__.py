"""The Geograph explorer: a Flask app over a graph store (see :func:`create_app`)."""
from .app import create_app

__all__ = ["create_app"]
