"""Who says what in a news article: attributions, sources, hedges, framing and a score.

>>> from analyzer import analyze
>>> report = analyze("« Nous tiendrons », a déclaré la ministre.")
>>> report.attributions[0].kind
'direct'
"""

from analyzer.engine import Analyzer, InputError, analyze
from analyzer.report import Report

__all__ = ["Analyzer", "InputError", "Report", "analyze"]
__version__ = "0.1.0"
