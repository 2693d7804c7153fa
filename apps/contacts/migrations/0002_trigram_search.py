"""Trigram (pg_trgm, GIN) indexes for `?q=` on contacts (the API's and the dashboard's): name or e-mail
contains, case-insensitive — `UPPER(col) LIKE UPPER('%…%')`, icontains' own expressions, which a B-tree
cannot serve.

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
        ("contacts", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        AddIndexConcurrently(
            model_name="contact",
            index=GinIndex(
                OpClass(django.db.models.functions.text.Upper("name"), name="gin_trgm_ops"),
                name="contact_name_trgm",
            ),
        ),
        AddIndexConcurrently(
            model_name="contact",
            index=GinIndex(
                OpClass(django.db.models.functions.text.Upper("email"), name="gin_trgm_ops"),
                name="contact_email_trgm",
            ),
        ),
    ]
