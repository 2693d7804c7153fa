"""Every periodic task in the beat schedule names a task a worker registers: a renamed or moved task
(the assistant's, the deprecation notices') would otherwise be sent by beat and dropped by every worker
as unregistered, silently."""

from django.conf import settings


def test_every_beat_entry_names_a_registered_task():
    from config.celery import app

    app.loader.import_default_modules()  # what a worker does at start: every app's tasks module
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled, "the beat schedule is empty"
    assert sorted(scheduled - set(app.tasks)) == []
