"""A conversation keeps the start of its last message's text (the inbox's rows read it instead of one
message per row). Existing conversations get it from their last message, as the inbox read it."""

from django.db import migrations, models

# Each conversation's last message (newest created_at, then id: the order the inbox read it in), in one
# pass over the messages; a conversation without messages keeps NULL.
BACKFILL = """
UPDATE conversations_conversation c
SET last_message_preview = last.preview
FROM (
    SELECT DISTINCT ON (m.conversation_id) m.conversation_id, LEFT(m.body, 140) AS preview
    FROM conversations_message m
    ORDER BY m.conversation_id, m.created_at DESC, m.id DESC
) last
WHERE c.id = last.conversation_id
"""


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
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
