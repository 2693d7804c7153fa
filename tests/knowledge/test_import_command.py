"""manage.py knowledge_import: JSON Lines and directories, upsert by source_url, skipped records."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from apps.knowledge.models import Article, Chunk


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("knowledge_import", *args, stdout=out, stderr=err)
    return out.getvalue().strip().splitlines(), err.getvalue()


def write_jsonl(path, rows):
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    return path


def test_jsonl_import_creates_indexed_articles_and_reports_skips(tmp_path, agent, events):
    source = write_jsonl(
        tmp_path / "kb.jsonl",
        [
            {
                "title": "Refunds",
                "body": "We refund orders within 30 days.",
                "source_url": "https://h.example/r",
            },
            {"title": "Remboursements", "body": "Nous remboursons les commandes.", "locale": "fr"},
            {"title": "Draft", "body": "Secret plans.", "status": "draft"},
            {"title": "", "body": "No title."},
            {"title": "Empty", "body": "  \n "},
            "not json",
            {"title": "Bad locale", "body": "Text.", "locale": "??"},
        ],
    )
    lines, err = run(str(source), "--workspace", agent.workspace.id)
    assert lines[-1] == "3"
    assert lines[-2] == "3 created, 0 updated, 4 skipped, 3 chunks"
    assert "kb.jsonl:4: title" in err and "kb.jsonl:5: body" in err and "kb.jsonl:6: not valid JSON" in err
    assert "kb.jsonl:7: locale" in err
    articles = {a.title: a for a in Article.all_workspaces.filter(workspace=agent.workspace)}
    assert set(articles) == {"Refunds", "Remboursements", "Draft"}
    assert all(a.ingest_status == "ready" and a.chunk_count == 1 for a in articles.values())
    assert Chunk.all_workspaces.get(article=articles["Remboursements"]).search_config == "french"
    assert articles["Draft"].status == "draft"
    hits = agent.api.get("knowledge/search", {"q": "refund orders"}).json()["data"]
    assert [h["article_id"] for h in hits] == [articles["Refunds"].id]
    assert [e.type for e in events].count("knowledge.article.created") == 3
    assert [e.type for e in events].count("knowledge.article.ingested") == 3


def test_reimporting_a_source_url_updates_instead_of_duplicating(tmp_path, agent):
    first = write_jsonl(
        tmp_path / "a.jsonl", [{"title": "Refunds", "body": "Old text.", "source_url": "https://h.example/r"}]
    )
    run(str(first), "--workspace", agent.workspace.id)
    article = Article.all_workspaces.get(workspace=agent.workspace)
    old_chunks = set(Chunk.all_workspaces.filter(article=article).values_list("id", flat=True))
    second = write_jsonl(
        tmp_path / "b.jsonl",
        [{"title": "Refunds v2", "body": "New text.\n\nMore.", "source_url": "https://h.example/r"}],
    )
    lines, _ = run(str(second), "--workspace", agent.workspace.id)
    assert lines[-2].startswith("0 created, 1 updated")
    article.refresh_from_db()
    assert (article.title, article.chunk_count, article.content_version) == ("Refunds v2", 1, 2)
    chunks = Chunk.all_workspaces.filter(article=article)
    assert [c.text for c in chunks] == ["New text.\n\nMore."]
    assert not old_chunks & {c.id for c in chunks}


def test_directory_import_reads_front_matter_headings_and_file_names(tmp_path, agent):
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "reset-password.md").write_text(
        "---\ntitle: Reset your password\nlocale: en\nsource_url: https://h.example/pw\n---\n"
        "Click *Forgot password* on the login page.\n",
        encoding="utf-8",
    )
    (tmp_path / "billing.md").write_text("# Billing basics\n\nWe bill monthly.\n", encoding="utf-8")
    (tmp_path / "shipping_times.txt").write_text("Orders ship in two days.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    lines, _ = run(str(tmp_path), "--workspace", agent.workspace.id, "--locale", "en-GB", "--no-progress")
    assert lines[-1] == "3"
    articles = {a.title: a for a in Article.all_workspaces.filter(workspace=agent.workspace)}
    assert set(articles) == {"Reset your password", "Billing basics", "shipping times"}
    assert articles["Reset your password"].source_url == "https://h.example/pw"
    assert articles["Reset your password"].locale == "en"
    assert articles["Billing basics"].locale == "en-GB"
    assert "---" not in articles["Reset your password"].body


def test_small_batches_give_the_same_result(tmp_path, agent):
    rows = [{"title": f"Article {i}", "body": f"Body number {i}.\n\nSecond paragraph {i}."} for i in range(7)]
    lines, _ = run(
        str(write_jsonl(tmp_path / "kb.jsonl", rows)), "--workspace", agent.workspace.id, "--batch-size", "3"
    )
    assert lines[-1] == "7"
    assert Chunk.all_workspaces.filter(workspace=agent.workspace).count() == 7


def test_import_progress_bar_goes_to_stderr(tmp_path, agent):
    _, err = run(
        str(write_jsonl(tmp_path / "kb.jsonl", [{"title": "T", "body": "B."}])),
        "--workspace",
        agent.workspace.id,
    )
    assert "1/1" in err


def test_import_into_one_workspace_only(tmp_path, agent, stranger):
    run(
        str(write_jsonl(tmp_path / "kb.jsonl", [{"title": "T", "body": "Refund text."}])),
        "--workspace",
        agent.workspace.id,
    )
    assert not Article.all_workspaces.filter(workspace=stranger.workspace).exists()
    assert stranger.api.get("knowledge/search", {"q": "refund"}).json()["data"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/path", "--workspace", "WS"], "does not exist"),
        (["PATH", "--workspace", "ws_missing"], "not found"),
        (["PATH", "--workspace", "WS", "--locale", "??"], "not a language tag"),
    ],
)
def test_import_refuses_bad_arguments(tmp_path, agent, args, message):
    source = write_jsonl(tmp_path / "kb.jsonl", [{"title": "T", "body": "B."}])
    args = [str(source) if a == "PATH" else agent.workspace.id if a == "WS" else a for a in args]
    with pytest.raises(CommandError, match=message):
        call_command("knowledge_import", *args, stdout=io.StringIO(), stderr=io.StringIO())


def test_import_with_embeddings_embeds_each_batch_and_stops_when_the_provider_fails(
    tmp_path, agent, openai_embeddings, fake_openai
):
    from .fake_openai import Fault

    rows = [{"title": f"Article {i}", "body": f"Body number {i}."} for i in range(5)]
    source = write_jsonl(tmp_path / "kb.jsonl", rows)
    lines, _ = run(str(source), "--workspace", agent.workspace.id, "--batch-size", "2")
    assert lines[-1] == "5"
    assert fake_openai.paths() == ["/v1/embeddings"] * 3  # one call per batch
    assert not Chunk.all_workspaces.filter(workspace=agent.workspace, embedding__isnull=True).exists()
    fake_openai.faults = [Fault(status=503)] * 3
    more = write_jsonl(
        tmp_path / "more.jsonl", [{"title": f"More {i}", "body": f"Text {i}."} for i in range(3)]
    )
    with pytest.raises(CommandError, match="Stopped after 0 articles .* embedding failed"):
        run(str(more), "--workspace", agent.workspace.id, "--batch-size", "2")
    assert Article.all_workspaces.filter(workspace=agent.workspace).count() == 5
