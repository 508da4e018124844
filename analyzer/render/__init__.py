"""Renderers: thin views over one Report (terminal, JSON)."""
