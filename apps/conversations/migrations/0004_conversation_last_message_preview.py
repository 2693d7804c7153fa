"""A conversation keeps the start of its last message's text (the inbox's rows read it instead of one
message per row).

No backfill here: a deploy migrates while the previous release still serves, and that release writes
messages without moving the preview, so a preview filled now could go stale for good. A conversation
without one (NULL) is shown from its last message by the inbox (apps/dashboard/queries.py), which is
always right; every new message records the preview from then on.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0003_trigram_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="conversation",
            name="last_message_preview",
            field=models.CharField(blank=True, max_length=140, null=True),
        ),
    ]
