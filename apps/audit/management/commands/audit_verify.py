"""manage.py audit_verify [--workspace ws_… [--anchor SEQ:HASH]]: check hash chains, name the first broken link.

One line per workspace (`OK ws_…: N entries, head <hash>` or `BROKEN ws_…: first broken link at aud_…
(seq N): why`), then the result alone on the last line. Exits 1 when a chain is broken. `--anchor`
takes a (seq, hash) recorded earlier outside the database (e.g. from this command's output) and fails
unless the chain still passes through it.
"""

from django.core.management.base import BaseCommand, CommandError

from apps.audit.chain import chained_workspace_ids, verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chains (one workspace, or all) and name the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("--workspace", help="ws_… id; default: every workspace with audit entries.")
        parser.add_argument("--anchor", help="SEQ:HASH recorded earlier; needs --workspace.")

    def handle(self, *args, workspace=None, anchor=None, **options):
        workspace_ids = [workspace] if workspace else chained_workspace_ids()
        if anchor is not None:
            seq, _, digest = anchor.partition(":")
            if not workspace or not seq.isdigit() or len(digest) != 64:
                raise CommandError("--anchor takes SEQ:HASH (a 64-character hex hash) and needs --workspace.")
            anchor = (int(seq), digest.lower())
        first_broken = None
        total = 0
        for workspace_id in workspace_ids:
            report = verify_chain(workspace_id, anchor)
            total += report.entries
            self.stdout.write(report.line())
            if not report.ok and first_broken is None:
                first_broken = report
        if first_broken is not None:
            self.stdout.write(first_broken.line())
            raise CommandError(first_broken.line())
        self.stdout.write(f"OK: {len(workspace_ids)} chains, {total} entries verified")
