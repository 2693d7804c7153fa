from django.core.management.base import BaseCommand, CommandError

from apps.workspaces.models import ApiToken, Role, Workspace
from apps.workspaces.services import RoleTooHigh, member_ensure, token_create, token_revoke
from leadiosa.context import SYSTEM, acting_as


class Command(BaseCommand):
    help = "Mint, revoke and list API tokens."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Mint a token; prints the plaintext (shown only this once).")
        create.add_argument("--workspace", required=True)
        create.add_argument("--email", required=True)
        create.add_argument("--role", required=True, choices=[r.value for r in Role])
        create.add_argument(
            "--scope", default=ApiToken.Scope.READ_WRITE, choices=[s.value for s in ApiToken.Scope]
        )
        create.add_argument("--name", default="")
        create.add_argument("--expires-in-days", type=int, default=None)
        revoke = sub.add_parser("revoke", help="Revoke a token by its tok_ id.")
        revoke.add_argument("token_id")
        listing = sub.add_parser("list", help="One token a line: id, name, role, scope, state.")
        listing.add_argument("--workspace", required=True)

    def handle(self, *args, **options):
        with acting_as(SYSTEM):
            getattr(self, f"handle_{options['action']}")(options)

    def _workspace(self, workspace_id: str) -> Workspace:
        workspace = Workspace.objects.filter(id=workspace_id).first()
        if workspace is None:
            raise CommandError(f"No workspace {workspace_id}.")
        return workspace

    def handle_create(self, options):
        workspace = self._workspace(options["workspace"])
        if options["expires_in_days"] is not None and options["expires_in_days"] < 1:
            raise CommandError("--expires-in-days must be at least 1.")
        member = member_ensure(workspace=workspace, email=options["email"], role=options["role"])
        try:
            _token, plaintext = token_create(
                member=member,
                role=options["role"],
                scope=options["scope"],
                name=options["name"],
                expires_in_days=options["expires_in_days"],
            )
        except RoleTooHigh as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(plaintext)

    def handle_revoke(self, options):
        token = ApiToken.all_workspaces.filter(id=options["token_id"]).first()
        if token is None:
            raise CommandError(f"No token {options['token_id']}.")
        token_revoke(token=token)
        self.stdout.write(f"revoked {token.id}")

    def handle_list(self, options):
        workspace = self._workspace(options["workspace"])
        tokens = ApiToken.all_workspaces.filter(workspace=workspace).order_by("created_at", "id")
        for token in tokens:
            self.stdout.write("\t".join([token.id, token.name or "-", token.role, token.scope, token.state]))
