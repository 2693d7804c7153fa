"""Trigram (pg_trgm, GIN) indexes for the substring search over a conversation's subject and its messages'
text: the dashboard inbox's `?q=` filters `UPPER(subject) LIKE UPPER('%…%')` and
`UPPER(body) LIKE UPPER('%…%')` (icontains' own expressions), which a B-tree cannot serve.

Built CONCURRENTLY (no write lock on big tables), hence a non-atomic migration. pg_trgm is a trusted
extension (PostgreSQL 13+): a database owner without superuser may create it.
"""

import django.db.models.functions.text
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import AddIndexConcurrently, TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("conversations", "0002_message_delivery_status"),
    ]

    operations = [
        TrigramExtension(),
        AddIndexConcurrently(
            model_name="conversation",
            index=GinIndex(
                OpClass(django.db.models.functions.text.Upper("subject"), name="gin_trgm_ops"),
                name="conv_subject_trgm",
            ),
        ),
        AddIndexConcurrently(
            model_name="message",
            index=GinIndex(
                OpClass(django.db.models.functions.text.Upper("body"), name="gin_trgm_ops"),
                name="msg_body_trgm",
            ),
        ),
    ]
