"""``import geograph``: the notebook API (the code lives in :mod:`graph.notebook`).

>>> import geograph
>>> sorted(geograph.__all__)
['Graph', 'extract']
"""
from graph.notebook import Graph, extract

__all__ = ["extract", "Graph"]
