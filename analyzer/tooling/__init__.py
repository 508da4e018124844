"""Tooling: building and measuring the analyser (gold files, evaluation, training), never run by
it. Analysing imports nothing from here; training needs the ``[train]`` extra."""
