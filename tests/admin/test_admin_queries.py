"""Every admin list costs the same number of SQL queries whatever the number of rows (no query per row:
the workspace column, the actor's e-mail, a token's member and the like come with the page's query)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.admin.seed import seed_workspace
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _list_costs(client) -> dict[str, int]:
    costs = {}
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        costs[url] = len(queries)
    return costs


def test_list_pages_cost_the_same_for_one_or_three_workspaces():
    user = UserFactory(email="root@support.test", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    seed_workspace("One", "one.test")
    few = _list_costs(client)
    seed_workspace("Two", "two.test")
    seed_workspace("Three", "three.test")
    many = _list_costs(client)
    grown = {url: (few[url], many[url]) for url in few if many[url] > few[url]}
    assert grown == {}
    assert max(many.values()) <= 15, many
