"""Tests written for the mutants of leadiosa/errors.py and leadiosa/api/errors.py that survived the
area's tests (tests/mutation/run.sh errors; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a client sees: each refusal's exact code, message and headers in the envelope, and pages outside
/api/ left to Django's own (HTML) answers.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.platform.urls")]


def _error(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["request_id"] == response["X-Request-Id"]
    return error


def test_a_form_body_is_told_to_send_json(admin):
    response = admin.api.post(
        "_test/members", raw="email=a@b.co", content_type="application/x-www-form-urlencoded"
    )
    error = _error(response, 415)
    assert (error["code"], error["message"]) == (
        "unsupported_media_type",
        "Send JSON with 'Content-Type: application/json'.",
    )
    assert "param" not in error


def test_no_token_is_told_how_to_send_one_with_the_challenge(anonymous):
    response = anonymous.get("/api/v1/contacts")
    error = _error(response, 401)
    assert (error["code"], error["message"]) == (
        "missing_token",
        "Send your API token as 'Authorization: Bearer <token>'.",
    )
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_body_that_does_not_parse_has_one_fixed_message(admin):
    error = _error(admin.api.post("_test/members", raw='{"email": '), 400)
    assert (error["code"], error["message"]) == ("invalid_json", "The request body is not valid JSON.")


def test_a_wrong_method_names_it(owner):
    error = _error(owner.api.delete("workspace"), 405)
    assert (error["code"], error["message"]) == ("method_not_allowed", 'Method "DELETE" not allowed.')


def test_an_unknown_route_names_the_method_and_path(owner):
    error = _error(owner.api.get("no-such-thing"), 404)
    assert (error["code"], error["message"]) == (
        "route_not_found",
        "No route matches GET /api/v1/no-such-thing.",
    )


def test_an_unknown_page_outside_the_api_is_djangos_own_404(owner):
    response = Client().get("/no-such-page-anywhere/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


def test_a_crash_has_the_fixed_internal_error_message(owner):
    error = _error(owner.api.get("_test/crash"), 500)
    assert (error["code"], error["message"]) == (
        "internal_error",
        "Something broke on our side. Include the request_id when reporting.",
    )
    assert "param" not in error


def test_a_validation_error_names_its_field_with_a_full_stop(admin):
    error = _error(admin.api.post("_test/members", {}), 400)
    assert error["code"] == "validation_error"
    assert error["param"] == "email"
    assert error["message"].endswith(".")


@pytest.mark.urls("config.urls")
def test_a_staff_member_without_the_permission_gets_the_json_403(owner):
    # Django's handler403 (a PermissionDenied raised outside DRF: here a support action in the admin).
    from django.urls import reverse

    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory(email="helpdesk@leadiosa.test", is_staff=True, is_superuser=False))
    response = client.post(
        reverse("admin:workspaces_workspace_archive_link", args=[owner.workspace.id]), {"reason": "x"}
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert (error["code"], error["message"]) == ("permission_denied", "This request is not allowed.")
    assert error["request_id"] == response["X-Request-Id"] and "param" not in error


def test_a_services_refusal_keeps_its_code_param_and_message(agent):
    # leadiosa.errors.invalid(): a 400 validation_error naming the input.
    full = {f"k{i}": "v" for i in range(100)}
    contact = agent.api.post("/api/v1/contacts", {"email": "many@example.com", "attributes": full})
    assert contact.status_code == 201, contact.content[:300]
    response = agent.api.patch(f"/api/v1/contacts/{contact.json()['id']}", {"attributes": {"one_more": "v"}})
    error = _error(response, 400)
    assert (error["code"], error["param"], error["message"]) == (
        "validation_error",
        "attributes",
        "A contact has at most 100 attributes.",
    )


def test_a_domain_error_reads_as_its_kind_code_and_message():
    # What a log line or a debugger shows for a service's refusal.
    from leadiosa.errors import NotFound

    assert repr(NotFound("contact_not_found", "No such contact.")) == (
        "NotFound('contact_not_found', 'No such contact.')"
    )
    # str() is the message, as a traceback or a task's failure log prints it.
    assert str(NotFound("contact_not_found", "No such contact.")) == "No such contact."


# --- Django's own handlers: what fails outside DRF ----------------------------------------------------


@pytest.mark.urls("config.urls")
def test_an_oversized_form_outside_the_api_is_a_413_in_the_envelope():
    # Django raises RequestDataTooBig when the dashboard's form is read: handler400 answers it.
    response = Client().post("/login/", {"email": "a@b.co", "padding": "x" * (1024 * 1024 + 10)})
    assert response.status_code == 413
    error = response.json()["error"]
    assert (error["code"], error["message"]) == ("request_too_large", "The request body exceeds 1 MiB.")


@pytest.mark.urls("config.urls")
def test_too_many_form_fields_outside_the_api_is_a_400_in_the_envelope():
    body = "&".join(f"f{i}=1" for i in range(2000))
    response = Client().post("/login/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (
        "too_many_parameters",
        "The request has too many parameters.",
    )


def _redis_down(request):
    import redis.exceptions

    raise redis.exceptions.ConnectionError("Error 111 connecting to redis. Connection refused.")


def _plain_crash(request):
    raise RuntimeError("a crash outside DRF")


class _RedisDownInDrf(APIView):
    authentication_classes = ()
    permission_classes = (AllowAny,)

    def get(self, request):
        _redis_down(request)


# A URLconf of plain Django views (no DRF, so Django's handler500 is what answers their failures), and one
# DRF view without authentication (like the archive download), so the API's exception handler answers.
urlpatterns = [
    path("api/v1/_drf/redis-down", _RedisDownInDrf.as_view()),
    path("api/v1/_plain/redis-down", _redis_down),
    path("api/v1/_plain/crash", _plain_crash),
    path("app/_plain/redis-down", _redis_down),
]
handler500 = "leadiosa.api.errors.json_500"


@pytest.mark.urls(__name__)
def test_a_dependency_down_outside_drf_is_a_503_envelope_under_the_api(caplog):
    import logging

    from leadiosa.api import unavailable

    with caplog.at_level(logging.WARNING, logger="leadiosa.errors"):
        response = Client(raise_request_exception=False).get("/api/v1/_plain/redis-down")
    error = _error(response, 503)
    assert (error["code"], error["message"]) == ("service_unavailable", unavailable.MESSAGE)
    assert "param" not in error
    assert response["Retry-After"] == str(unavailable.RETRY_AFTER_SECONDS)
    lines = [r for r in caplog.records if r.getMessage() == "dependency unavailable"]
    assert len(lines) == 1
    assert lines[0].dependency == "redis" and lines[0].request_id == response["X-Request-Id"]
    assert lines[0].error.startswith("ConnectionError: Error 111")


@pytest.mark.urls(__name__)
def test_a_dependency_down_outside_the_api_is_a_plain_503():
    response = Client(raise_request_exception=False).get("/app/_plain/redis-down")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert response["Retry-After"] == "5"


@pytest.mark.urls(__name__)
def test_a_crash_outside_drf_is_the_500_envelope():
    response = Client(raise_request_exception=False).get("/api/v1/_plain/crash")
    error = _error(response, 500)
    assert (error["code"], error["message"]) == (
        "internal_error",
        "Something broke on our side. Include the request_id when reporting.",
    )


# --- first_validation_problem on shapes no serializer of today produces --------------------------------
# No input serializer nests objects inside a list yet, so these shapes of DRF's error detail are not
# reachable over HTTP; the envelope's param for them is fixed here, for the first serializer that does.


def test_an_error_inside_a_list_of_objects_names_the_element():
    from rest_framework.exceptions import ErrorDetail

    from leadiosa.api.errors import first_validation_problem

    detail = {"items": [{}, {"city": [ErrorDetail("Too long.")]}]}
    assert first_validation_problem(detail) == ("items.1.city", "Too long.")
    # A list inside a list is not an element of its own: the inner list's first message, same path.
    assert first_validation_problem({"grid": [[], [ErrorDetail("Bad cell.")]]}) == ("grid", "Bad cell.")


def test_a_list_of_empty_errors_is_an_invalid_value_of_its_field():
    from leadiosa.api.errors import first_validation_problem

    assert first_validation_problem({"tags": [{}, []]}) == ("tags", "Invalid value.")
    assert first_validation_problem({"address": {"lines": ["", ""]}}) == ("address.lines", "Invalid value.")
    assert first_validation_problem([]) == (None, "Invalid value.")


# --- a field's message, and the param of answers built outside DRF -----------------------------------


def test_a_fields_message_is_kept_exactly_when_it_ends_with_a_full_stop(admin):
    error = _error(admin.api.post("_test/members", {}), 400)
    assert (error["param"], error["message"]) == ("email", "This field is required.")


def test_a_fields_message_without_a_full_stop_gains_exactly_one():
    # No message of today's serializers lacks the full stop; the handler adds it for the first that does.
    from rest_framework.exceptions import ValidationError

    from leadiosa.api.errors import api_exception_handler

    response = api_exception_handler(ValidationError({"name": ["Too short"]}), {})
    assert response.status_code == 400
    assert response.data["error"]["message"] == "Too short."
    assert response.data["error"]["param"] == "name"
    # Without a field (the body as a whole) the message stays as it is.
    response = api_exception_handler(ValidationError(["Send an object"]), {})
    assert response.data["error"]["message"] == "Send an object" and "param" not in response.data["error"]


@pytest.mark.urls("config.urls")
def test_an_answer_built_outside_drf_names_its_param(owner, workspace):
    # The widget's public API answers with error_response(): its param reaches the body too.
    from apps.channels_widget.keys import public_key

    assert (
        owner.api.patch("/api/v1/widget", {"allowed_origins": ["https://shop.example.com"]}).status_code
        == 200
    )
    response = Client().post(
        f"/widget/v1/{public_key(workspace.id)}/conversations",
        {"body": "x" * 10_001},
        content_type="application/json",
        headers={"Origin": "https://shop.example.com"},
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["param"]) == ("validation_error", "body")
    assert error["message"] == "body: at most 10000 characters."


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("path", ["/api/v1/_drf/redis-down", "/api/v1/_plain/redis-down"])
def test_a_dependency_down_is_logged_once_naming_it_with_the_request_id(caplog, path):
    import logging

    with caplog.at_level(logging.WARNING, logger="leadiosa.errors"):
        response = Client(raise_request_exception=False).get(path)
    error = _error(response, 503)
    assert error["code"] == "service_unavailable"
    lines = [r for r in caplog.records if r.name == "leadiosa.errors"]
    assert [r.getMessage() for r in lines] == ["dependency unavailable"]
    assert lines[0].dependency == "redis" and lines[0].request_id == response["X-Request-Id"]


def test_a_crash_is_logged_as_an_unhandled_error_with_its_traceback(owner, caplog):
    import logging

    with caplog.at_level(logging.ERROR, logger="leadiosa.errors"):
        response = owner.api.get("_test/crash")
    lines = [r for r in caplog.records if r.name == "leadiosa.errors"]
    assert [r.getMessage() for r in lines] == ["unhandled error"]
    assert lines[0].exc_info[0] is RuntimeError and lines[0].request_id == response["X-Request-Id"]


def test_an_api_view_asked_for_html_answers_json_406():
    # The archive download is a DRF view outside ApiViewMixin: DRF's content negotiation runs there.
    response = Client().get("/api/v1/workspace/archive/download?signature=x", headers={"Accept": "text/html"})
    error = _error(response, 406)
    assert (error["code"], error["message"]) == ("not_acceptable", "This API only answers in JSON.")


@pytest.mark.urls("config.urls")
def test_a_request_for_another_host_is_a_400_in_the_envelope():
    response = Client().get("/api/v1/workspace", HTTP_HOST="evil.example.org")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["message"]) == ("bad_request", "The request could not be understood.")
