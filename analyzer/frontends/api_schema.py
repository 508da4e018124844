"""The OpenAPI document of ``analyzer serve`` (served at ``/openapi.json``, shown at ``/docs``).

Written by hand: the API is small, and a schema generator would pull in a framework for it.
"""

from __future__ import annotations

from typing import Any

from analyzer import __version__
from analyzer.vocabulary import INPUT_FORMATS, LANGUAGES, SEVERITIES

_ERROR = {
    "description": "an error",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
_REPORT = {"$ref": "#/components/schemas/Report"}
_ARTICLE_BODY = {
    "required": True,
    "content": {
        "text/plain": {"schema": {"type": "string"}},
        "text/markdown": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
        "application/json": {"schema": {"$ref": "#/components/schemas/ArticleRequest"}},
    },
}
_LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "fr or en (default: detected)",
    "schema": {"type": "string", "enum": [*LANGUAGES, "auto"]},
}
_TIMEOUT = {
    "name": "timeout",
    "in": "query",
    "required": False,
    "description": "a shorter cap on the analysis, in seconds (never above the server's)",
    "schema": {"type": "number", "exclusiveMinimum": 0},
}
_CHECK_PARAMS = [
    _LANG,
    _TIMEOUT,
    {
        "name": "fail_on",
        "in": "query",
        "required": False,
        "description": "the lowest severity that fails the check (default error)",
        "schema": {"type": "string", "enum": list(SEVERITIES)},
    },
    {
        "name": "min_score",
        "in": "query",
        "required": False,
        "description": "fail when the score is below this (0 to 100)",
        "schema": {"type": "integer", "minimum": 0, "maximum": 100},
    },
]


_MEANING = {
    400: "a malformed request, or a field of the wrong type or value",
    408: "the request did not arrive within the read timeout, or the client went away",
    413: "the body is over the size limit",
    415: "a content type other than the four above",
    422: "text the analyser cannot read: empty, or in another language",
    500: "internal error (a bug); the server goes on",
    503: "the models are still loading, or no worker was free in time (Retry-After)",
    504: "the analysis ran past the time cap and was stopped",
}


def _errors(*statuses: int) -> dict[str, Any]:
    return {str(s): {**_ERROR, "description": _MEANING[s]} for s in statuses}


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document."""
    common = _errors(400, 408, 413, 415, 422, 500, 503, 504)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "sourcing-analyzer",
            "version": __version__,
            "description": "Who says what in a news article (French or English): quotations "
            "and their sources, hedges, framing, claims, findings and a sourcing score.",
        },
        "paths": {
            "/analyze": {
                "post": {
                    "summary": "Analyse an article",
                    "description": "The body is the article (text/plain, text/markdown or "
                    "text/html), or JSON with a text field.",
                    "parameters": [_LANG, _TIMEOUT],
                    "requestBody": _ARTICLE_BODY,
                    "responses": {
                        "200": {
                            "description": "the report (schema analyzer.report/1)",
                            "content": {"application/json": {"schema": _REPORT}},
                        },
                        **common,
                    },
                }
            },
            "/check": {
                "post": {
                    "summary": "Analyse an article and say whether it passes",
                    "description": "As /analyze; the answer adds passed (no finding at or "
                    "above fail_on and a score not below min_score).",
                    "parameters": _CHECK_PARAMS,
                    "requestBody": _ARTICLE_BODY,
                    "responses": {
                        "200": {
                            "description": "the report and the verdict",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "allOf": [
                                            _REPORT,
                                            {
                                                "type": "object",
                                                "properties": {"passed": {"type": "boolean"}},
                                            },
                                        ]
                                    }
                                }
                            },
                        },
                        **common,
                    },
                }
            },
            "/health": {
                "get": {
                    "summary": "Ready once every worker has loaded its models",
                    "responses": {
                        "200": {
                            "description": "ready",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Health"}
                                }
                            },
                        },
                        "503": {
                            "description": "still loading the models, or a worker failed",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Health"}
                                }
                            },
                        },
                    },
                }
            },
            "/": {
                "get": {
                    "summary": "The page: paste or drop an article and see it highlighted",
                    "responses": {"200": {"description": "an HTML page"}},
                },
                "post": {
                    "summary": "The page with the analysis of the posted form",
                    "requestBody": {
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": {"$ref": "#/components/schemas/ArticleRequest"}
                            }
                        }
                    },
                    "responses": {"200": {"description": "an HTML page"}},
                },
            },
            "/openapi.json": {
                "get": {"summary": "This document", "responses": {"200": {"description": "JSON"}}}
            },
            "/docs": {
                "get": {
                    "summary": "This document as a page",
                    "responses": {"200": {"description": "an HTML page"}},
                }
            },
        },
        "components": {
            "schemas": {
                "ArticleRequest": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {
                        "text": {"type": "string", "description": "the article"},
                        "format": {
                            "type": "string",
                            "enum": [*INPUT_FORMATS, "auto"],
                            "default": "text",
                        },
                        "lang": {"type": "string", "enum": [*LANGUAGES, "auto"]},
                        "fail_on": {"type": "string", "enum": list(SEVERITIES)},
                        "min_score": {"type": "integer", "minimum": 0, "maximum": 100},
                        "timeout": {"type": "number", "exclusiveMinimum": 0},
                    },
                },
                "Report": {
                    "type": "object",
                    "description": "The JSON report analyzer.report/1 (see docs/report.md).",
                    "required": ["schema", "language", "score", "attributions", "sources"],
                    "properties": {
                        "schema": {"type": "string", "const": "analyzer.report/1"},
                        "path": {"type": ["string", "null"]},
                        "language": {"type": "string"},
                        "score": {"type": ["object", "null"]},
                        "attributions": {"type": "array", "items": {"type": "object"}},
                        "sources": {"type": "array", "items": {"type": "object"}},
                        "hedges": {"type": "array", "items": {"type": "object"}},
                        "framing": {"type": "array", "items": {"type": "object"}},
                        "claims": {"type": "array", "items": {"type": "object"}},
                        "findings": {"type": "array", "items": {"type": "object"}},
                    },
                },
                "Health": {
                    "type": "object",
                    "properties": {
                        "status": {"type": "string", "enum": ["ok", "loading", "failed"]},
                        "version": {"type": "string"},
                        "workers": {"type": "integer"},
                        "ready": {"type": "integer"},
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}},
                },
            }
        },
    }
