"""Sign in, sign out, password reset (Django's views), and `/app/` → the first workspace's inbox."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.functional import lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from .access import first_workspace_id
from .auth import LoginForm, SetPasswordResetForm, clear_account_failures, remember_device


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.user.is_authenticated and request.method == "GET":
        return redirect(next_url or reverse("dashboard:home"))
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend="apps.dashboard.auth.EmailBackend")  # rotates the session key
        response = redirect(next_url or reverse("dashboard:home"))
        remember_device(request, response, form.user)
        return response
    status = 200
    if form.errors:
        status = 429 if form.has_error("__all__", "rate_limited") else 400
    return render(request, "dashboard/auth/login.html", {"form": form, "next": next_url}, status=status)


@require_POST
def logout_view(request):
    logout(request)  # flushes the session: its key and data are gone server-side
    messages.info(request, "You are signed out.")
    return redirect("dashboard:login")


@login_required
def home(request):
    workspace_id = first_workspace_id(request.user)
    if workspace_id is None:
        return render(request, "dashboard/no_workspace.html", status=200)
    return redirect("dashboard:inbox", ws_id=workspace_id)


password_reset = auth_views.PasswordResetView.as_view(
    form_class=SetPasswordResetForm,
    template_name="dashboard/auth/password_reset.html",
    email_template_name="dashboard/auth/password_reset_email.txt",
    subject_template_name="dashboard/auth/password_reset_subject.txt",
    success_url=reverse_lazy("dashboard:password_reset_done"),
    # The link starts with PUBLIC_BASE_URL, never the request's Host header (which a client chooses).
    extra_email_context={"public_base_url": lazy(lambda: settings.PUBLIC_BASE_URL, str)()},
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="dashboard/auth/password_reset_done.html"
)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view; a new password set from the e-mailed link also ends the account's sign-in pause
    and makes this browser a known one (the person proved they read the account's mailbox), so
    someone keeping the account paused cannot keep its owner out once they reset."""

    def form_valid(self, form):
        response = super().form_valid(form)
        clear_account_failures(form.user.email)
        remember_device(self.request, response, form.user)  # bound to the new password
        return response


password_reset_confirm = PasswordResetConfirmView.as_view(
    template_name="dashboard/auth/password_reset_confirm.html",
    success_url=reverse_lazy("dashboard:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="dashboard/auth/password_reset_complete.html"
)
