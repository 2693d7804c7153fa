"""The dashboard's paths (CONTRACT §5). Included at the site root by config/urls.py.

Every workspace page is `/app/<ws_id>/…` and wrapped by `access.workspace_page`. Settings pages
(`/app/<ws_id>/settings/…`) are mounted separately and reuse the same decorator and base template.
"""

from django.urls import include, path

from . import views_auth, views_contacts, views_inbox, views_knowledge

app_name = "dashboard"

urlpatterns = [
    path("login/", views_auth.login_view, name="login"),
    path("logout/", views_auth.logout_view, name="logout"),
    path("password-reset/", views_auth.password_reset, name="password_reset"),
    path("password-reset/done/", views_auth.password_reset_done, name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views_auth.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password-reset/complete/", views_auth.password_reset_complete, name="password_reset_complete"),
    path("app/", views_auth.home, name="home"),
    # Inbox
    path("app/<str:ws_id>/", views_inbox.workspace_home, name="workspace"),
    path("app/<str:ws_id>/inbox/", views_inbox.inbox, name="inbox"),
    path("app/<str:ws_id>/inbox/poll/", views_inbox.inbox_poll, name="inbox_poll"),
    path("app/<str:ws_id>/inbox/<str:conv_id>/", views_inbox.conversation, name="conversation"),
    path(
        "app/<str:ws_id>/inbox/<str:conv_id>/poll/", views_inbox.conversation_poll, name="conversation_poll"
    ),
    path("app/<str:ws_id>/inbox/<str:conv_id>/reply/", views_inbox.reply, name="reply"),
    path("app/<str:ws_id>/inbox/<str:conv_id>/note/", views_inbox.add_note, name="note"),
    path("app/<str:ws_id>/inbox/<str:conv_id>/update/", views_inbox.update, name="conversation_update"),
    # Contacts
    path("app/<str:ws_id>/contacts/", views_contacts.contacts, name="contacts"),
    path("app/<str:ws_id>/contacts/<str:ct_id>/", views_contacts.contact, name="contact"),
    path("app/<str:ws_id>/contacts/<str:ct_id>/edit/", views_contacts.contact_edit, name="contact_edit"),
    path(
        "app/<str:ws_id>/contacts/<str:ct_id>/attributes/",
        views_contacts.contact_attributes,
        name="contact_attributes",
    ),
    path("app/<str:ws_id>/contacts/<str:ct_id>/erase/", views_contacts.contact_erase, name="contact_erase"),
    # Knowledge
    path("app/<str:ws_id>/knowledge/", views_knowledge.articles, name="knowledge"),
    path("app/<str:ws_id>/knowledge/new/", views_knowledge.article_new, name="article_new"),
    path("app/<str:ws_id>/knowledge/preview/", views_knowledge.preview, name="article_preview"),
    path("app/<str:ws_id>/knowledge/search/", views_knowledge.search, name="knowledge_search"),
    path("app/<str:ws_id>/knowledge/assistant/", views_knowledge.assistant_switch, name="assistant_switch"),
    path("app/<str:ws_id>/knowledge/<str:art_id>/", views_knowledge.article, name="article"),
    path("app/<str:ws_id>/knowledge/<str:art_id>/edit/", views_knowledge.article_edit, name="article_edit"),
    path(
        "app/<str:ws_id>/knowledge/<str:art_id>/status/",
        views_knowledge.article_status,
        name="article_status",
    ),
    path(
        "app/<str:ws_id>/knowledge/<str:art_id>/delete/",
        views_knowledge.article_remove,
        name="article_delete",
    ),
    # Settings (and the invitation link): apps/dashboard/urls_settings.py
    path("", include("apps.dashboard.urls_settings")),
]
