from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from apps.knowledge.services import article_create
from apps.workspaces.models import Member, Workspace
from apps.workspaces.services import member_ensure, token_create, user_set_password, workspace_create
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace

DEMO_NAME = "Demo workspace"
# Development only (config.settings.dev): the demo people get known passwords, so a newcomer signs in to
# the dashboard at once. Anywhere else the demo prints none and sets none.
DEMO_PASSWORDS_SETTINGS = "config.settings.dev"
DEMO_ARTICLES = [
    (
        "Resetting your password",
        "# Resetting your password\n\nOpen Settings, choose Security and click Reset password. We e-mail you "
        "a link that works for one hour. If the e-mail does not arrive, check your spam folder or ask us to "
        "send it again.",
    ),
    (
        "Refunds",
        "# Refunds\n\nYou can ask for a refund within 30 days of purchase. Refunds go back to the card you "
        "paid with and take five to ten business days to appear.",
    ),
    (
        "Shipping times",
        "# Shipping times\n\nOrders ship within two business days. Delivery takes three to five days in "
        "Europe and up to ten days elsewhere.",
    ),
]


class Command(BaseCommand):
    help = (
        "Create the demo workspace (owner, admin, agent, a little data) once; print fresh admin, agent "
        "and owner tokens (the owner's last)."
    )

    def handle(self, *args, **options):
        with acting_as(SYSTEM):
            workspace = Workspace.objects.filter(name=DEMO_NAME).order_by("created_at").first()
            if workspace is None:
                workspace = workspace_create(name=DEMO_NAME, owner_email="owner@demo.leadiosa.com")
                member_ensure(workspace=workspace, email="admin@demo.leadiosa.com", role="admin")
                member_ensure(workspace=workspace, email="agent@demo.leadiosa.com", role="agent")
                call_command(
                    "seed",
                    workspace=workspace.id,
                    conversations=20,
                    messages_per_conversation=4,
                    stdout=self.stdout,
                )
                # A few published articles, so the assistant has something to answer from.
                with with_workspace(workspace.id):
                    for title, body in DEMO_ARTICLES:
                        article_create(title=title, body=body)
            tokens = {}
            for role in ("admin", "agent", "owner"):
                member = Member.all_workspaces.get(
                    workspace=workspace, user__email=f"{role}@demo.leadiosa.com"
                )
                tokens[role] = token_create(member=member, name="demo (make run)")[1]
        self.stdout.write(f"Demo workspace: {workspace.id}")
        self.stdout.write(f"Dashboard: {settings.PUBLIC_BASE_URL}/login/")
        if settings.SETTINGS_MODULE == DEMO_PASSWORDS_SETTINGS:
            for role in ("owner", "admin", "agent"):
                email, password = f"{role}@demo.leadiosa.com", f"harbor-lights-{role}-7"
                user_set_password(email=email, password=password)
                self.stdout.write(f"  sign in as {role}: {email} / {password}")
        self.stdout.write(
            "Try: POST /api/v1/conversations with a contact message asking how to reset a password."
        )
        # The owner's token stays alone on the last line (operator commands print their result last).
        for role in ("admin", "agent", "owner"):
            self.stdout.write(f"{role.capitalize()} token (shown once):")
            self.stdout.write(tokens[role])
