"""Property-based: schemathesis generates requests from /api/openapi.json; none may get a 5xx.

Runs in-process through the WSGI app, as an admin (the one role that reaches every operation).
Rule rejections (422) are expected answers here, so only server errors and answers that break
their documented schema fail the test. Driven through hypothesis directly: schemathesis's own
pytest plugin does not run under pytest 9 yet.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from catalog import accounts
from catalog.db import get_db

EXAMPLES = 12  # per operation and mode; raise it locally for a deeper run


def test_generated_requests_get_no_server_errors(app):
    with app.app_context():
        token = accounts.create_user(get_db(), "fuzzer", "admin").token
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, headers)


def _fuzz(operation, mode, headers):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        checks = [not_a_server_error, response_schema_conformance]
        response = case.call_and_validate(headers=headers, checks=checks)
        if mode is GenerationMode.NEGATIVE:
            assert response.status_code < 500

    run()
