"""Tests written for the mutants of `contact_update` (9afcf00) that survived tests/mutation/run.sh
contacts (the list and the equivalent ones: tests/mutation/RESULTS.md, "Fifth batch").

Since 9afcf00 the view no longer reads a contact before a valid PATCH: the service answers 404 for one
it cannot find under its row lock, and names it as every endpoint does.
"""

from __future__ import annotations

import pytest

from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_a_valid_patch_of_another_workspaces_contact_is_a_404_naming_it(agent, other_workspace):
    foreign = ContactFactory(workspace=other_workspace)
    response = agent.api.patch(f"contacts/{foreign.id}", {"name": "Mallory"})
    assert response.status_code == 404, response.json()
    assert response.json()["error"]["code"] == "contact_not_found"
    assert response.json()["error"]["message"] == f"Contact {foreign.id} not found."
    foreign.refresh_from_db()
    assert foreign.name != "Mallory"
