import json
import logging
import re

import pytest

pytestmark = pytest.mark.urls("tests.platform.urls")

REQUEST_ID = re.compile(r"req_[A-Za-z0-9]{20}")


def assert_envelope(response, status, code, param=None):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert error["request_id"] == response["X-Request-Id"]
    assert REQUEST_ID.fullmatch(error["request_id"])
    if param is not None:
        assert error["param"] == param
    else:
        assert "param" not in error
    return error


def test_unknown_route_is_json_route_not_found(owner):
    assert_envelope(owner.api.get("no-such-thing"), 404, "route_not_found")


def test_unknown_route_without_token_is_still_json(anonymous):
    response = anonymous.get("/api/v2/anything")
    assert_envelope(response, 404, "route_not_found")


def test_wrong_method_is_method_not_allowed(owner, anonymous):
    assert_envelope(owner.api.delete("workspace"), 405, "method_not_allowed")
    # The route exists but not the method: that is the answer, with or without a token.
    assert_envelope(anonymous.put("workspace"), 405, "method_not_allowed")


def test_non_json_write_is_unsupported_media_type(admin):
    response = admin.api.post(
        "_test/members", raw="email=a@b.co", content_type="application/x-www-form-urlencoded"
    )
    assert_envelope(response, 415, "unsupported_media_type")


# Whitespace alone is not a document either (schemathesis sent a PATCH of "\t" and saw 200).
@pytest.mark.parametrize("raw", ['{"email": ', "[1, 2", '{"a": NaN}', "\xff", "\t", " \r\n "])
def test_malformed_json_is_invalid_json(admin, raw):
    assert_envelope(admin.api.post("_test/members", raw=raw), 400, "invalid_json")


def test_body_over_one_mebibyte_is_request_too_large(admin):
    raw = json.dumps({"email": "a@b.co", "padding": "x" * (1024 * 1024)})
    assert_envelope(admin.api.post("_test/members", raw=raw), 413, "request_too_large")


def test_validation_error_names_the_field(admin):
    error = assert_envelope(
        admin.api.post("_test/members", {"email": "not-an-email"}), 400, "validation_error", "email"
    )
    assert "email" in error["message"].lower() or "valid" in error["message"].lower()


def test_missing_required_field_is_a_validation_error(admin):
    assert_envelope(admin.api.post("_test/members", {}), 400, "validation_error", "email")


def test_nested_validation_error_param_is_a_dotted_path(admin):
    response = admin.api.post("_test/members", {"email": "a@b.co", "address": {"city": "x" * 50}})
    assert_envelope(response, 400, "validation_error", "address.city")


@pytest.mark.parametrize("field", ["id", "workspace_id", "created_at", "emial"])
def test_read_only_or_unknown_fields_are_refused(admin, field):
    response = admin.api.post("_test/members", {"email": "a@b.co", field: "x"})
    assert_envelope(response, 400, "validation_error", field)


def test_unknown_field_in_a_nested_object_is_refused(admin):
    response = admin.api.post("_test/members", {"email": "a@b.co", "address": {"city": "Oslo", "zip": "1"}})
    assert_envelope(response, 400, "validation_error", "address.zip")


def test_body_that_is_not_an_object_is_refused(admin):
    assert_envelope(admin.api.post("_test/members", raw="[1, 2]"), 400, "validation_error")


def test_crash_is_internal_error_without_internals(owner, caplog):
    with caplog.at_level(logging.ERROR, logger="leadiosa.errors"):
        response = owner.api.get("_test/crash")
    error = assert_envelope(response, 500, "internal_error")
    body = response.content.decode()
    assert "SELECT" not in body and "Traceback" not in body and "RuntimeError" not in body
    # The server log has the details, under the same request id.
    assert any(getattr(r, "request_id", None) == error["request_id"] and r.exc_info for r in caplog.records)


def test_object_of_missing_id_is_named_not_found(owner):
    error = assert_envelope(owner.api.get("_test/members/mem_doesnotexist"), 404, "member_not_found")
    assert "mem_doesnotexist" in error["message"]


def test_every_response_carries_a_request_id(owner, anonymous):
    for response in (owner.api.get("workspace"), anonymous.get("workspace"), anonymous.get("/healthz")):
        assert REQUEST_ID.fullmatch(response["X-Request-Id"])


def test_request_ids_are_unique(owner):
    ids = {owner.api.get("workspace")["X-Request-Id"] for _ in range(5)}
    assert len(ids) == 5


def test_one_structured_log_line_per_request(owner, caplog):
    with caplog.at_level(logging.INFO, logger="leadiosa.request"):
        response = owner.api.get("workspace")
    lines = [r for r in caplog.records if r.name == "leadiosa.request"]
    assert len(lines) == 1
    line = lines[0]
    assert line.request_id == response["X-Request-Id"]
    assert (line.method, line.path, line.status) == ("GET", "/api/v1/workspace", 200)
    assert line.workspace_id == owner.workspace.id
    assert line.token_id == owner.token.id
    assert line.duration_ms >= 0


def test_json_log_formatter_writes_one_parseable_object():
    from leadiosa.logging import JsonFormatter

    record = logging.makeLogRecord(
        {"msg": "request", "levelname": "INFO", "name": "x", "request_id": "req_1"}
    )
    parsed = json.loads(JsonFormatter().format(record))
    assert parsed["request_id"] == "req_1"
    assert parsed["message"] == "request"


def test_error_pages_under_api_are_never_html(owner):
    for response in (owner.api.get("nope"), owner.api.delete("workspace"), owner.api.get("_test/crash")):
        assert "<html" not in response.content.decode().lower()


def test_client_address_is_taken_from_our_proxies_never_from_the_client(owner, settings, caplog):
    from leadiosa.api.middleware import client_ip

    class Request:
        def __init__(self, forwarded, peer="10.0.0.2"):
            self.META = {"HTTP_X_FORWARDED_FOR": forwarded, "REMOTE_ADDR": peer}

    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(Request("1.2.3.4")) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote "6.6.6.6" itself; our proxy appended the address it really saw.
    assert client_ip(Request("6.6.6.6, 203.0.113.8")) == "203.0.113.8"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(Request("6.6.6.6, 203.0.113.8, 10.0.0.1")) == "203.0.113.8"
    assert client_ip(Request("")) == "10.0.0.2"


def test_nul_in_a_query_value_is_invalid_parameter_not_a_crash(owner):
    response = owner.api.get("_test/members", {"after": "cur_a\x00b"})
    assert_envelope(response, 400, "invalid_parameter", "after")


def test_nul_in_a_path_id_is_not_found_not_a_crash(owner):
    response = owner.api.get("_test/members/mem_a%00b")
    assert_envelope(response, 404, "member_not_found")


@pytest.mark.parametrize(
    "path", ["audit?action=a%00b", "audit/export?actor_id=a%00b", "webhooks?limit=1%00", "contacts?q=x%00"]
)
def test_nul_anywhere_in_a_query_is_refused_before_any_work(admin, path):
    response = admin.api.get(path)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_parameter"


@pytest.mark.parametrize(
    "path", ["audit/aud_x%00", "webhooks/wh_x%00/deliveries", "knowledge/articles/art_%00"]
)
def test_nul_in_any_resource_path_is_that_resources_404(admin, path):
    response = admin.api.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"].endswith("_not_found")
