"""manage.py knowledge_import --workspace ws_… DIR|FILE.jsonl

Imports articles in bulk: a JSON Lines file (one `{"title", "body", "locale"?, "status"?,
"source_url"?}` a line) or a directory of Markdown / text files (front matter optional). Articles
whose `source_url` the workspace already has are updated and re-indexed instead of duplicated.
Shows a progress bar; prints the number of articles imported alone on the last line.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from apps.knowledge.importer import count_records, import_articles, read_records
from apps.knowledge.locales import normalize_locale
from apps.workspaces.models import Workspace
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace


class Command(BaseCommand):
    help = "Import knowledge-base articles from a directory of Markdown/text files or a JSON Lines file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A directory (.md, .markdown, .txt files) or a .jsonl file.")
        parser.add_argument("--workspace", required=True, help="ws_… id of the workspace.")
        parser.add_argument("--locale", default="en", help="Locale of records that do not name one.")
        parser.add_argument("--status", default="published", choices=["published", "draft"])
        parser.add_argument("--batch-size", type=int, default=100)
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, path, workspace, locale, status, batch_size, no_progress, **options):
        source = Path(path)
        if not source.exists():
            raise CommandError(f"{path} does not exist.")
        if not Workspace.objects.filter(id=workspace).exists():
            raise CommandError(f"Workspace {workspace} not found.")
        if normalize_locale(locale) is None:
            raise CommandError(f"--locale {locale!r} is not a language tag.")
        total = count_records(source)
        with (
            tqdm(total=total, unit="article", disable=no_progress, file=self.stderr._out) as progress,
            with_workspace(workspace),
            acting_as(SYSTEM),
        ):
            report = import_articles(
                read_records(source),
                defaults={"locale": normalize_locale(locale), "status": status},
                batch_size=max(1, batch_size),
                progress=progress,
            )
        for problem in report.skipped:
            self.stderr.write(f"skipped {problem}")
        if report.aborted:
            raise CommandError(
                f"Stopped after {report.imported} articles ({report.chunks} chunks): {report.aborted}"
            )
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, {len(report.skipped)} skipped, "
            f"{report.chunks} chunks"
        )
        self.stdout.write(str(report.imported))
