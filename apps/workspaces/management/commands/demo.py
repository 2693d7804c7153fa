from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

from apps.workspaces.models import Member, Workspace
from apps.workspaces.services import member_ensure, token_create, workspace_create
from leadiosa.context import SYSTEM, acting_as

DEMO_NAME = "Demo workspace"


class Command(BaseCommand):
    help = "Create the demo workspace (owner, admin, agent, a little data) once; print a fresh owner token."

    def handle(self, *args, **options):
        with acting_as(SYSTEM):
            workspace = Workspace.objects.filter(name=DEMO_NAME).order_by("created_at").first()
            created = workspace is None
            if created:
                workspace = workspace_create(name=DEMO_NAME, owner_email="owner@demo.leadiosa.com")
                member_ensure(workspace=workspace, email="admin@demo.leadiosa.com", role="admin")
                member_ensure(workspace=workspace, email="agent@demo.leadiosa.com", role="agent")
                if "seed" in get_commands():
                    call_command(
                        "seed",
                        workspace=workspace.id,
                        conversations=20,
                        messages_per_conversation=4,
                        stdout=self.stdout,
                    )
            owner = Member.all_workspaces.get(workspace=workspace, user__email="owner@demo.leadiosa.com")
            _token, plaintext = token_create(member=owner, name="demo (make run)")
        self.stdout.write(f"Demo workspace: {workspace.id}")
        self.stdout.write("Owner token (shown once):")
        self.stdout.write(plaintext)
