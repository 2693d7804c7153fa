"""Kills for the mutants of leadiosa/apps.py (mutation, sixth batch): `ready()` connects the grant once,
for the platform's own migrate only, under its dispatch uid."""

from django.apps import apps
from django.db.models.signals import post_migrate

from leadiosa.db_roles import grant_after_migrate


def test_the_grant_runs_after_the_platforms_migrate_only():
    platform = apps.get_app_config("platform")
    keys = [key for key, *_ in post_migrate.receivers]
    assert ("leadiosa.db_roles.grant", id(platform)) in keys
    connected = [
        r for key, r, *_ in post_migrate.receivers if key == ("leadiosa.db_roles.grant", id(platform))
    ]
    assert len(connected) == 1
    receiver = connected[0]
    assert (
        receiver() if callable(receiver) and not hasattr(receiver, "__code__") else receiver
    ) is grant_after_migrate
