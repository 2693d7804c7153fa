import re

import pytest

from leadiosa.models import DeprecatedUsage

pytestmark = pytest.mark.urls("tests.platform.urls")

HEADER = re.compile(r'version="v1"; sunset="\d{4}-\d{2}-\d{2}"; link="https://[^"]+"')


def test_deprecated_endpoint_announces_itself_and_records_the_use(owner):
    response = owner.api.get("_test/legacy")
    assert response.status_code == 200
    assert HEADER.fullmatch(response["X-API-Deprecation"])
    assert 'sunset="2027-06-30"' in response["X-API-Deprecation"]
    usage = DeprecatedUsage.all_workspaces.get(workspace=owner.workspace)
    assert usage.feature == "GET /api/v1/_test/legacy"
    assert usage.use_count == 1


def test_deprecated_parameter_only_when_used(owner):
    assert "X-API-Deprecation" not in owner.api.get("_test/param")
    assert not DeprecatedUsage.all_workspaces.exists()
    response = owner.api.get("_test/param", {"sort": "asc"})
    assert 'sunset="2027-03-01"' in response["X-API-Deprecation"]
    assert DeprecatedUsage.all_workspaces.filter(
        workspace=owner.workspace, feature__endswith="?sort"
    ).exists()


def test_usage_is_recorded_per_workspace(owner, stranger):
    owner.api.get("_test/legacy")
    stranger.api.get("_test/legacy")
    assert set(DeprecatedUsage.all_workspaces.values_list("workspace_id", flat=True)) == {
        owner.workspace.id,
        stranger.workspace.id,
    }


def test_current_endpoints_carry_no_deprecation_header(owner):
    assert "X-API-Deprecation" not in owner.api.get("workspace")
