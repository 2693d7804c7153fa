"""The support admin for articles and chunks."""

import pytest
from django.urls import reverse

from apps.knowledge.models import Article, Chunk
from apps.workspaces.models import User

from .factories import ArticleFactory, ingest, published


@pytest.fixture
def staff_client(client, db):
    user = User.objects.create_superuser(
        username="kb-staff@example.com", email="kb-staff@example.com", password="pw"
    )
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", ["knowledge_article", "knowledge_chunk"])
def test_changelists_render_with_constant_queries(
    staff_client, workspace, name, django_assert_max_num_queries
):
    url = reverse(f"admin:{name}_changelist")
    published(workspace, "One", "Only text.")
    staff_client.get(url)
    with django_assert_max_num_queries(12) as few:
        assert staff_client.get(url).status_code == 200
    for i in range(10):
        published(workspace, f"Article {i}", f"Text {i}.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert staff_client.get(url).status_code == 200


def test_detail_pages_render_and_chunks_are_read_only(staff_client, workspace):
    article = published(workspace, "Refunds", "We refund within 30 days.")
    chunk = Chunk.all_workspaces.get(article=article)
    assert staff_client.get(reverse("admin:knowledge_article_change", args=[article.pk])).status_code == 200
    page = staff_client.get(reverse("admin:knowledge_chunk_change", args=[chunk.pk]))
    assert page.status_code == 200
    assert 'name="text"' not in page.content.decode()
    assert staff_client.get(reverse("admin:knowledge_article_add")).status_code == 403


def test_editing_the_body_in_the_admin_reingests_and_is_audited(
    eager_tasks, staff_client, workspace, django_capture_on_commit_callbacks, events
):
    article = ingest(ArticleFactory(workspace=workspace, title="Refunds", body="Old text."))
    url = reverse("admin:knowledge_article_change", args=[article.pk])
    form = {
        "title": "Refunds",
        "body": "New text about refunds.",
        "locale": "en",
        "status": "draft",
        "source_url": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.ingest_status == "ready" and article.content_version == 2
    chunk = Chunk.all_workspaces.get(article=article)
    assert chunk.text == "New text about refunds." and chunk.published is False
    updated = [e for e in events if e.type == "knowledge.article.updated"]
    assert updated and updated[0].actor.type == "user" and {"body", "status"} <= set(updated[0].changes)
    assert Article.all_workspaces.get(pk=article.pk).status == "draft"
