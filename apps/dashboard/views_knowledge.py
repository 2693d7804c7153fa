"""Knowledge: articles (ingest status, Markdown editor with preview, publish, delete, chunks), what the
assistant would retrieve for a question, and the workspace's assistant switch."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from apps.assistant.selectors import retrieve
from apps.knowledge.models import Article, Chunk
from apps.knowledge.providers import ProviderError
from apps.knowledge.services import article_create, article_delete, article_update
from apps.workspaces.services import workspace_set_assistant
from leadiosa.ids import is_public_id

from .access import Access, workspace_page
from .errors import SERVICE_ERRORS, service_error_message, service_error_status
from .forms import ArticleForm, SearchForm
from .pages import fragment, page


def _article(art_id: str) -> Article:
    article = Article.objects.filter(pk=art_id).first() if is_public_id(art_id, "art") else None
    if article is None:
        raise Http404("No such article.")
    return article


@require_GET
@workspace_page("read_knowledge")
def articles(request, access: Access):
    rows = list(
        Article.objects.order_by("-updated_at", "-id").only(
            "id", "title", "status", "locale", "ingest_status", "chunk_count", "updated_at"
        )[:200]
    )
    return page(
        request,
        access,
        "dashboard/knowledge/articles.html",
        {"rows": rows, "search_form": SearchForm()},
        section="knowledge",
    )


@require_GET
@workspace_page("read_knowledge")
def article(request, access: Access, art_id: str):
    the_article = _article(art_id)
    chunks = list(
        Chunk.objects.filter(article_id=the_article.id)
        .order_by("position")
        .only("id", "position", "text", "token_count")
    )
    return page(
        request,
        access,
        "dashboard/knowledge/article.html",
        {"article": the_article, "chunks": chunks},
        section="knowledge",
    )


def _editor(request, access: Access, form: ArticleForm, *, article=None, error=None, status=200):
    return page(
        request,
        access,
        "dashboard/knowledge/edit.html",
        {"form": form, "article": article, "error": error},
        section="knowledge",
        status=status,
    )


@workspace_page("write_knowledge")
def article_new(request, access: Access):
    if request.method != "POST":
        return _editor(request, access, ArticleForm())
    form = ArticleForm(request.POST)
    if not form.is_valid():
        return _editor(request, access, form, status=400)
    try:
        created = article_create(**form.cleaned_data)
    except SERVICE_ERRORS as exc:
        return _editor(
            request, access, form, error=service_error_message(exc), status=service_error_status(exc)
        )
    messages.success(request, "Article created; it is being ingested.")
    return redirect("dashboard:article", ws_id=access.workspace.id, art_id=created.id)


@workspace_page("write_knowledge")
def article_edit(request, access: Access, art_id: str):
    the_article = _article(art_id)
    if request.method != "POST":
        initial = {f: getattr(the_article, f) for f in ("title", "body", "locale", "status", "source_url")}
        return _editor(request, access, ArticleForm(initial=initial), article=the_article)
    form = ArticleForm(request.POST)
    if not form.is_valid():
        return _editor(request, access, form, article=the_article, status=400)
    try:
        article_update(article=the_article, changes=dict(form.cleaned_data))
    except SERVICE_ERRORS as exc:
        return _editor(
            request,
            access,
            form,
            article=the_article,
            error=service_error_message(exc),
            status=service_error_status(exc),
        )
    messages.success(request, "Article saved.")
    return redirect("dashboard:article", ws_id=access.workspace.id, art_id=the_article.id)


@require_POST
@workspace_page("write_knowledge")
def article_status(request, access: Access, art_id: str):
    """Publish or unpublish."""
    the_article = _article(art_id)
    wanted = request.POST.get("status")
    if wanted not in Article.Status.values:
        messages.error(request, "Choose published or draft.")
    else:
        try:
            article_update(article=the_article, changes={"status": wanted})
            messages.success(request, "Published." if wanted == Article.Status.PUBLISHED else "Unpublished.")
        except SERVICE_ERRORS as exc:
            messages.error(request, service_error_message(exc))
    return redirect("dashboard:article", ws_id=access.workspace.id, art_id=the_article.id)


@require_POST
@workspace_page("write_knowledge")
def article_remove(request, access: Access, art_id: str):
    the_article = _article(art_id)
    title = the_article.title
    try:
        article_delete(article=the_article)
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
        return redirect("dashboard:article", ws_id=access.workspace.id, art_id=the_article.id)
    messages.success(request, f"Deleted “{title}”.")
    return redirect("dashboard:knowledge", ws_id=access.workspace.id)


@require_POST
@workspace_page("read_knowledge")
def preview(request, access: Access):
    """The Markdown preview of the editor (a fragment; writes nothing)."""
    return fragment(
        request, "dashboard/knowledge/_preview.html", {"body": request.POST.get("body", "")[:200_000]}
    )


@require_GET
@workspace_page("read_knowledge")
def search(request, access: Access):
    """What the assistant would retrieve for a question (published articles' relevant chunks)."""
    form = SearchForm(request.GET)
    hits, error = [], None
    if form.is_valid():
        try:
            hits = retrieve(workspace_id=access.workspace.id, question=form.cleaned_data["q"])
        except ProviderError:
            error = "The search provider failed; try again."
    context = {"form": form, "hits": hits, "error": error, "searched": form.is_valid()}
    if request.htmx:
        return fragment(request, "dashboard/knowledge/_hits.html", {**context, "access": access})
    rows = list(Article.objects.order_by("-updated_at", "-id")[:200])
    return page(
        request,
        access,
        "dashboard/knowledge/articles.html",
        {**context, "rows": rows, "search_form": form},
        section="knowledge",
    )


@require_POST
@workspace_page("write_knowledge")
def assistant_switch(request, access: Access):
    enabled = request.POST.get("enabled") == "on"
    try:
        workspace_set_assistant(workspace=access.workspace, enabled=enabled)
        messages.success(request, f"The assistant is {'on' if enabled else 'off'}.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    return redirect("dashboard:knowledge", ws_id=access.workspace.id)
