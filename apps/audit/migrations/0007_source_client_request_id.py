"""Entries say which door a change came through (`source`) and carry the client's own X-Request-Id.

Existing entries keep `content_version` 1: their content hash covers the fields they had, and they
verify as before (the table is append-only, so nothing is backfilled; their `source` stays empty).
New entries are written as version 2, whose hash also covers `source`, `client_request_id` and the
version (apps.audit.chain.canonical_content). Adding columns with a constant default rewrites no row
and fires no row trigger.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_keyed_chain_runtime_role")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="source",
            field=models.CharField(blank=True, db_default="", default="", max_length=16),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="client_request_id",
            field=models.CharField(blank=True, db_default="", default="", max_length=128),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="content_version",
            field=models.PositiveSmallIntegerField(db_default=1, default=1),
        ),
    ]
