"""`manage.py support_groups`: create (or reset) the read-only and the admin support groups."""

from django.core.management.base import BaseCommand

from apps.support.groups import ensure_support_groups


class Command(BaseCommand):
    help = "Create or reset the 'Support (read-only)' and 'Support (admin)' groups (docs/support.md)."

    def handle(self, *args, **options):
        read_only, admin = ensure_support_groups()
        self.stdout.write(f"{read_only.name}: {read_only.permissions.count()} permissions")
        self.stdout.write(f"{admin.name}: {admin.permissions.count()} permissions")
        self.stdout.write(f"{read_only.name},{admin.name}")
