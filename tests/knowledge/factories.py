import factory

from apps.knowledge.models import Article
from tests.factories import TenantFactory, WorkspaceFactory


class ArticleFactory(TenantFactory):
    """An article row. Its chunks exist only after `ingest(article)` (or through the API's task)."""

    class Meta:
        model = Article

    workspace = factory.SubFactory(WorkspaceFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    body = "Some helpful text about the product."
    locale = "en"
    status = Article.Status.PUBLISHED


def ingest(article: Article) -> Article:
    """Run the ingestion task for an article, as the worker would, and return it reloaded."""
    from apps.knowledge.tasks import ingest_article

    ingest_article(article.workspace_id, article.id, None)
    return Article.all_workspaces.get(pk=article.pk)


def published(workspace, title: str, body: str, locale: str = "en", **kwargs) -> Article:
    return ingest(ArticleFactory(workspace=workspace, title=title, body=body, locale=locale, **kwargs))
