"""The dashboard's middleware, run for pages only: an API request goes straight past them.

An API request is authenticated by its bearer token, sends and receives JSON, has no session, no CSRF
cookie (DRF's views are CSRF-exempt), no flash messages, no htmx headers, and is never framed. Django's
session, CSRF, authentication, messages, htmx and clickjacking middleware do nothing useful for it and
together cost about as much CPU per request as a bare Django view (bench/compare/profiling.py).

Each class here is the Django middleware of the same name (a subclass, so Django's and the admin's
system checks recognise it), listed in settings.MIDDLEWARE in its place: for a path under /api/ it hands
the request on untouched; for any other path (pages, the admin, the docs, the widget) it is exactly that
middleware. Only documented middleware interfaces are overridden: `__call__` and the hooks.
"""

from __future__ import annotations

from django.contrib.auth import middleware as auth
from django.contrib.messages import middleware as messages
from django.contrib.sessions import middleware as sessions
from django.middleware import clickjacking, csrf
from django_htmx import middleware as htmx

API_PREFIX = "/api/"


def is_api_path(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


class PagesOnly:
    """Put first in the bases of a middleware: API requests skip it."""

    def __call__(self, request):
        if is_api_path(request):
            return self.get_response(request)
        return super().__call__(request)


class SessionMiddleware(PagesOnly, sessions.SessionMiddleware):
    pass


class CsrfViewMiddleware(PagesOnly, csrf.CsrfViewMiddleware):
    def process_view(self, request, callback, callback_args, callback_kwargs):
        if is_api_path(request):
            return None
        return super().process_view(request, callback, callback_args, callback_kwargs)


class AuthenticationMiddleware(PagesOnly, auth.AuthenticationMiddleware):
    pass


class HtmxMiddleware(PagesOnly, htmx.HtmxMiddleware):
    pass


class MessageMiddleware(PagesOnly, messages.MessageMiddleware):
    pass


class XFrameOptionsMiddleware(PagesOnly, clickjacking.XFrameOptionsMiddleware):
    pass
