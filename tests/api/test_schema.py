"""The OpenAPI schema: valid, documented with examples, and honoured by every endpoint.

The property-based run generates requests from the live schema (schemathesis) and sends them
with an editor's write token to a live server holding a little data: no answer may be a 500,
and every answer must match the schema (status, content type, body).
"""

from __future__ import annotations

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
from schemathesis.specs.openapi import checks as openapi_checks

from claims.services.tokens import token_create
from tests.factories import ActorFactory, NumericClaimFactory, QuoteFactory, UserFactory

MAX_EXAMPLES = 20


@pytest.mark.django_db
def test_it_serves_a_valid_openapi_3_schema_with_examples_for_every_operation():
    from drf_spectacular.validation import validate_schema

    response = APIClient().get("/api/v1/schema/")
    assert response.status_code == 200
    spec = yaml.safe_load(response.content)
    validate_schema(spec)
    assert spec["openapi"].startswith("3.")
    operations = [
        (path, method, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if "/figures" not in path  # documented by the figures capability
    ]
    assert len(operations) >= 20
    for path, method, op in operations:
        bodies = [
            content
            for response in op["responses"].values()
            for content in response.get("content", {}).values()
            if "examples" in content
        ]
        assert bodies, f"{method.upper()} {path} has no response example"
        assert "400" in op["responses"] and "429" in op["responses"], f"{method.upper()} {path}"
    assert spec["components"]["securitySchemes"]["tokenAuth"]["scheme"] == "bearer"


@pytest.mark.django_db
def test_it_serves_interactive_docs_from_vendored_assets(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


@pytest.fixture
def editor_key(live_server) -> str:
    editor = UserFactory(role="editor")
    _, key = token_create(user=editor, name="schemathesis", scope="write")
    claim = NumericClaimFactory(source=ActorFactory(name="Health Ministry"))
    QuoteFactory(article=claim.article)
    return key


@pytest.fixture
def live_schema(live_server, editor_key):
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/")


schema = schemathesis.pytest.from_fixture("live_schema")

CHECKS = [
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_it_never_fails_or_breaks_its_schema_for_generated_requests(case, editor_key, live_server):
    from schemathesis.checks import not_a_server_error

    case.call_and_validate(
        base_url=f"{live_server.url}",
        headers={"Authorization": f"Bearer {editor_key}"},
        checks=[not_a_server_error, *CHECKS],
    )


@pytest.mark.django_db
def test_it_links_the_main_flows_for_stateful_clients():
    spec = yaml.safe_load(APIClient().get("/api/v1/schema/").content)
    ingest = spec["paths"]["/api/v1/ingest/"]["post"]["responses"]["202"]["links"]
    assert ingest["PollJob"] == {"operationId": "ingest_jobs_retrieve", "parameters": {"id": "$response.body#/id"}}
    claims = spec["paths"]["/api/v1/claims/"]["get"]["responses"]["200"]["links"]
    assert claims["FirstItem"]["operationId"] == "claims_retrieve"
    detail = spec["paths"]["/api/v1/claims/{id}/"]["get"]["responses"]["200"]["links"]
    assert detail["Change"]["operationId"] == "claims_partial_update"
    operation_ids = {op["operationId"] for item in spec["paths"].values() for op in item.values()}
    for path in spec["paths"].values():
        for op in path.values():
            for response in op["responses"].values():
                for link in response.get("links", {}).values():
                    assert link["operationId"] in operation_ids
