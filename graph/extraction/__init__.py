"""Extraction as a pipeline of small stages (see :mod:`graph.extraction.pipeline` for the order).

Each stage module takes plain data and returns new data; the registries the
schema loader validates against live beside the code that implements them:
:data:`.strategies.STRATEGIES`, :data:`.anaphora.ANAPHORS`,
:data:`.modality.MODALITIES`, :data:`.boilerplate.ACTIONS`,
:data:`.roles.TITLE_WORDS`. The public entry point is
:class:`graph.extract.Extractor`.
"""
