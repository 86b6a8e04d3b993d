"""OpenAPI: examples for each endpoint, and the JSON error answers every operation can give."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view

from . import serializers as s

_PROVENANCE_EXAMPLE = {
    "article": 42,
    "article_url": "https://news.example/2023/11/03/floods",
    "start": 58,
    "end": 78,
    "origin": "machine",
    "status": "unreviewed",
    "engine_version": "2026.11",
    "reviewed_at": None,
    "created_at": "2023-11-03T12:05:00Z",
    "updated_at": "2023-11-03T12:05:00Z",
}
CLAIM_EXAMPLE = {
    "id": 1001,
    "value": "120.0000",
    "value_max": None,
    "qualifier": "more_than",
    "category": "killed",
    "noun": "people",
    "place": "",
    "source": 7,
    "source_name": "Regional Health Ministry",
    "source_surface": "The regional health ministry",
    "as_of": "2023-11-03",
    "confidence": 0.8,
    "figure": None,
    "version": 1,
    "published_at": "2023-11-03T12:00:00Z",
    "outlet": 3,
    **_PROVENANCE_EXAMPLE,
    "span": "more than 120 people",
}
QUOTE_EXAMPLE = {
    "id": 501,
    "text": "We are overwhelmed,",
    "speaker": 8,
    "speaker_name": "Maria Lopez",
    "speaker_surface": "Maria Lopez",
    "verb": "said",
    "confidence": 0.9,
    "version": 1,
    **_PROVENANCE_EXAMPLE,
    "start": 99,
    "end": 118,
    "span": "We are overwhelmed,",
}
ACTOR_EXAMPLE = {
    "id": 8,
    "name": "Maria Lopez",
    "type": "person",
    "description": "the ministry's spokeswoman",
    "aliases": ["Lopez", "M. Lopez"],
    "merged_into": None,
    "version": 3,
    "created_at": "2023-11-03T12:05:00Z",
    "updated_at": "2023-11-04T09:00:00Z",
}
ARTICLE_EXAMPLE = {
    "id": 42,
    "url": "https://news.example/2023/11/03/floods",
    "canonical_url": "https://news.example/2023/11/03/floods",
    "title": "Floods kill more than 120",
    "byline": "A. Reporter",
    "outlet": 3,
    "outlet_name": "News Example",
    "feed": None,
    "published_at": "2023-11-03T12:00:00Z",
    "language": "en",
    "ingested_at": "2023-11-03T12:04:00Z",
    "updated_at": "2023-11-03T12:05:00Z",
    "extraction_status": "done",
    "engine_version": "2026.11",
    "extracted_at": "2023-11-03T12:05:00Z",
}
FEED_EXAMPLE = {
    "id": 2,
    "url": "https://news.example/rss.xml",
    "title": "News Example",
    "outlet": 3,
    "active": True,
    "poll_interval": 30,
    "last_polled_at": "2023-11-03T12:00:00Z",
    "next_poll_at": "2023-11-03T12:30:00Z",
    "last_error": "",
    "error_count": 0,
    "created_at": "2023-10-01T08:00:00Z",
}
JOB_EXAMPLE = {
    "id": 12,
    "kind": "url",
    "label": "https://news.example/2023/11/03/floods",
    "status": "queued",
    "total": 1,
    "queued": 1,
    "done": 0,
    "duplicates": 0,
    "failed": 0,
    "created_at": "2023-11-03T12:04:00Z",
    "started_at": None,
    "finished_at": None,
}


def _read(name: str, item: dict, *, plural: str) -> dict:
    return {
        "list": extend_schema(
            examples=[OpenApiExample(f"A page of {plural}", value=item, response_only=True)],
            description=f"{plural.capitalize()}, cursor-paginated (follow `next` or the Link header). "
            "`?format=csv` or `?format=jsonl` streams every matching row instead.",
        ),
        "retrieve": extend_schema(examples=[OpenApiExample(f"One {name}", value=item, response_only=True)]),
    }


def _writes(name: str, item: dict, change: type, create: type, change_example: dict, create_example: dict) -> dict:
    return {
        "partial_update": extend_schema(
            request=change,
            examples=[
                OpenApiExample(f"Correct a {name}", value=change_example, request_only=True),
                OpenApiExample(
                    f"The corrected {name}", value={**item, "status": "corrected", "version": 2}, response_only=True
                ),
            ],
            description="Correct the item. Send the `version` you read: if someone saved it since, "
            "the answer is 409 with the current state in `current`.",
        ),
        "create": extend_schema(
            request=create,
            examples=[
                OpenApiExample(f"Add a {name} the machine missed", value=create_example, request_only=True),
                OpenApiExample(
                    f"The new {name}", value={**item, "origin": "editor", "status": "verified"}, response_only=True
                ),
            ],
        ),
        "verify": extend_schema(
            request=s.VersionedInput,
            examples=[
                OpenApiExample("Verify version 1", value={"version": 1}, request_only=True),
                OpenApiExample(
                    f"The verified {name}", value={**item, "status": "verified", "version": 2}, response_only=True
                ),
            ],
        ),
        "reject": extend_schema(
            request=s.VersionedInput,
            examples=[
                OpenApiExample("Reject version 1", value={"version": 1}, request_only=True),
                OpenApiExample(
                    f"The rejected {name}", value={**item, "status": "rejected", "version": 2}, response_only=True
                ),
            ],
        ),
    }


claims = extend_schema_view(
    **_read("claim", CLAIM_EXAMPLE, plural="claims"),
    **_writes(
        "claim",
        CLAIM_EXAMPLE,
        s.ClaimChangeInput,
        s.ClaimCreateInput,
        {"version": 1, "value": "125", "qualifier": "exact"},
        {"article": 42, "start": 58, "end": 78, "value": "120", "qualifier": "more_than", "category": "killed"},
    ),
)
quotes = extend_schema_view(
    **_read("quote", QUOTE_EXAMPLE, plural="quotes"),
    **_writes(
        "quote",
        QUOTE_EXAMPLE,
        s.QuoteChangeInput,
        s.QuoteCreateInput,
        {"version": 1, "speaker": 8},
        {"article": 42, "start": 99, "end": 118, "speaker": 8, "verb": "said"},
    ),
)
articles = extend_schema_view(**_read("article", {**ARTICLE_EXAMPLE, "text": "..."}, plural="articles"))
actors = extend_schema_view(
    **_read("actor", ACTOR_EXAMPLE, plural="actors"),
    partial_update=extend_schema(
        request=s.ActorChangeInput,
        examples=[
            OpenApiExample(
                "Rename and set aliases",
                value={"version": 3, "name": "María López", "aliases": ["Lopez"]},
                request_only=True,
            ),
            OpenApiExample(
                "The renamed actor", value={**ACTOR_EXAMPLE, "name": "María López", "version": 4}, response_only=True
            ),
        ],
    ),
    merge=extend_schema(
        request=s.ActorMergeInput,
        responses=s.ActorSerializer,
        examples=[
            OpenApiExample("Merge into actor 8", value={"into": 8}, request_only=True),
            OpenApiExample("The actor that remains", value=ACTOR_EXAMPLE, response_only=True),
        ],
    ),
)
article_claims = extend_schema_view(**{"list": _read("claim", CLAIM_EXAMPLE, plural="claims of the article")["list"]})
article_quotes = extend_schema_view(**{"list": _read("quote", QUOTE_EXAMPLE, plural="quotes of the article")["list"]})
actor_claims = extend_schema_view(
    **{"list": _read("claim", CLAIM_EXAMPLE, plural="claims sourced to the actor")["list"]}
)
actor_quotes = extend_schema_view(**{"list": _read("quote", QUOTE_EXAMPLE, plural="quotes of the actor")["list"]})
feeds = extend_schema_view(**_read("feed", FEED_EXAMPLE, plural="feeds"))
ingest_jobs = extend_schema_view(
    list=_read("job", JOB_EXAMPLE, plural="ingest jobs")["list"],
    retrieve=extend_schema(
        responses=s.IngestJobDetailSerializer,
        examples=[
            OpenApiExample(
                "A job being processed", value={**JOB_EXAMPLE, "items": [], "progress": {}}, response_only=True
            )
        ],
    ),
)
ingest = extend_schema_view(
    post=extend_schema(
        request={"application/json": s.INGEST_JSON_SCHEMA, "multipart/form-data": s.IngestUploadInput},
        responses={202: OpenApiResponse(s.IngestJobDetailSerializer, description="The job to poll.")},
        examples=[
            OpenApiExample("Fetch a URL", value={"url": "https://news.example/2023/11/03/floods"}, request_only=True),
            OpenApiExample(
                "Paste text",
                value={"text": "More than 120 people were killed...", "title": "Floods"},
                request_only=True,
            ),
            OpenApiExample(
                "The queued job",
                value={**JOB_EXAMPLE, "items": [], "progress": {}},
                response_only=True,
                status_codes=["202"],
            ),
        ],
    )
)

# --- Errors ------------------------------------------------------------------------------

ERROR_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details, with the older fields as extensions.",
    "required": ["type", "title", "status", "detail", "message"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "message": {"type": "string", "description": "The same as detail."},
        "errors": {
            "type": "object",
            "additionalProperties": True,
            "description": "Field name: messages (a list, or nested for lists of objects).",
        },
        "current": {"type": "object", "additionalProperties": True, "description": "409: the item as it is now."},
        "conflicts": {
            "type": "array",
            "items": {"type": "object", "additionalProperties": True},
            "description": "Bulk 409: each stale item with its current state.",
        },
        "retry_after": {"type": "integer", "description": "429: seconds to wait."},
    },
}
PROBLEM = "application/problem+json"
EXPORT_TYPES = {
    "text/csv": "Every matching row as CSV (`?format=csv`), one header line first.",
    "application/jsonl": "Every matching row as JSON Lines (`?format=jsonl`), one object per line.",
}
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 999_999_999_999_999_999}
# drf-spectacular's decimal pattern also matches "" and "-": a number needs a digit.
DECIMAL_PATTERN = r"^-?(?:\d{1,20}(?:\.\d{0,4})?|\.\d{1,4})$"
# PATCH bodies: what the server needs even in a partial change.
REQUIRED_IN_PATCH = {
    "PatchedClaimChangeInputRequest": ["version"],
    "PatchedQuoteChangeInputRequest": ["version"],
    "PatchedActorChangeInputRequest": ["version"],
    "PatchedFigureRenameInputRequest": ["name"],
}
_ERRORS = {
    "400": "Invalid input or filter value; `errors` names the parameters.",
    "401": "No or invalid credentials (a revoked token, say).",
    "403": "Not allowed: journalists and read tokens cannot write.",
    "404": "No such item.",
    "406": "The Accept header asks for a format this endpoint does not give.",
    "409": "Stale version: `current` holds the item as it is now.",
    "415": "Unsupported request body type.",
    "429": "Too many requests: wait Retry-After seconds.",
}
_WRITE_ONLY = {"409", "415"}


# Stateful links (OpenAPI "links"): what a client (or schemathesis' stateful phase) does next with
# an answer. (operation, status) -> {link name: (target operation, {parameter: expression})}.
LINKS = {
    ("ingest_create", "202"): {"PollJob": ("ingest_jobs_retrieve", {"id": "$response.body#/id"})},
    ("ingest_jobs_list", "200"): {"FirstJob": ("ingest_jobs_retrieve", {"id": "$response.body#/results/0/id"})},
}
for _kind in ("claims", "quotes", "actors"):
    LINKS[(f"{_kind}_list", "200")] = {
        "FirstItem": (f"{_kind}_retrieve", {"id": "$response.body#/results/0/id"}),
    }
    LINKS[(f"{_kind}_retrieve", "200")] = {"Change": (f"{_kind}_partial_update", {"id": "$response.body#/id"})}
for _kind in ("claims", "quotes"):
    LINKS[(f"{_kind}_create", "201")] = {
        "Read": (f"{_kind}_retrieve", {"id": "$response.body#/id"}),
        "Change": (f"{_kind}_partial_update", {"id": "$response.body#/id"}),
    }


def _add_links(operation: dict) -> None:
    for code, response in operation.get("responses", {}).items():
        for name, (target, parameters) in LINKS.get((str(operation.get("operationId")), str(code)), {}).items():
            response.setdefault("links", {})[name] = {"operationId": target, "parameters": parameters}


def _fix_patterns(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("format") == "decimal" and "pattern" in node:
            node["pattern"] = DECIMAL_PATTERN
        for value in node.values():
            _fix_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _fix_patterns(value)


ID_FILTERS = {"article", "outlet", "feed", "figure", "source", "speaker", "actor"}


def _is_id(parameter: dict) -> bool:
    name = parameter.get("name", "")
    if parameter.get("in") == "query":
        return name in ID_FILTERS and parameter.get("schema", {}).get("type") in {"number", "integer"}
    return parameter.get("in") == "path" and (name in {"id", "pk", "flag_id"} or name.endswith("_pk"))


def add_error_responses(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """Make the schema say what the server does: the problem-details error body on every
    operation, exports as their own media types, integer ids, exact decimals and PATCH bodies."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for name, required in REQUIRED_IN_PATCH.items():
        if name in components:
            components[name]["required"] = sorted({*components[name].get("required", []), *required})
    _fix_patterns(components)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            for parameter in operation.get("parameters", []):
                if _is_id(parameter):
                    parameter["schema"] = dict(ID_SCHEMA)
            _add_links(operation)
            responses = operation.setdefault("responses", {})
            is_list = any(p.get("name") == "cursor" for p in operation.get("parameters", []))
            if method == "get" and is_list and "200" in responses:
                content = responses["200"].setdefault("content", {})
                for media_type, description in EXPORT_TYPES.items():
                    content[media_type] = {"schema": {"type": "string", "description": description}}
                operation["parameters"].append(
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "description": "json (a page, the default), or csv / jsonl: every matching row.",
                        "schema": {"type": "string", "enum": ["json", "csv", "jsonl"]},
                    }
                )
            for code, description in _ERRORS.items():
                if code in _WRITE_ONLY and method == "get":
                    continue
                responses.setdefault(code, {"description": description, "content": {PROBLEM: {"schema": ref}}})
            for code, response in responses.items():  # a view's own error answers are problem JSON too
                content = response.get("content") or {}
                if code.startswith("4") and content and PROBLEM not in content:
                    declared = next(iter(content.values()))  # keeps the view's examples
                    response["content"] = {PROBLEM: {**declared, "schema": ref}}
    return result
