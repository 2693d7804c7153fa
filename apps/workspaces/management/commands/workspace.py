from django.core.management.base import BaseCommand, CommandError

from apps.billing.models import Plan
from apps.workspaces.services import workspace_create
from leadiosa.context import SYSTEM, acting_as


class Command(BaseCommand):
    help = "Operate on workspaces. `workspace create --name NAME --owner-email EMAIL [--plan PLAN]`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a workspace and its owner; prints the ws_ id.")
        create.add_argument("--name", required=True)
        create.add_argument("--owner-email", required=True)
        create.add_argument("--plan", default=None)

    def handle(self, *args, **options):
        if options["action"] == "create":
            plan = options["plan"]
            if plan and not Plan.objects.filter(id=plan).exists():
                raise CommandError(
                    f"Unknown plan {plan!r}; known: {', '.join(Plan.objects.values_list('id', flat=True))}"
                )
            with acting_as(SYSTEM):
                workspace = workspace_create(
                    name=options["name"], owner_email=options["owner_email"], plan_id=plan
                )
            self.stdout.write(workspace.id)
