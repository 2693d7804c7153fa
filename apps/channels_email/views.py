import hashlib

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response

from apps.workspaces.models import Workspace
from leadiosa.api import ratelimit
from leadiosa.api.errors import error_response
from leadiosa.api.middleware import client_ip
from leadiosa.api.views import WorkspaceAPIView
from leadiosa.tenancy import current_workspace_id, with_workspace

from .addresses import inbound_url, inbox_address, workspace_of_token
from .inbound import email_receive
from .parsing import MalformedMail, parse_mail, sender_of
from .serializers import EmailChannelSerializer

RFC822 = "message/rfc822"

# Inbound messages a minute, per workspace and per sender address (a loop with another system's
# auto-responder that escaped our filters, or a flood from one address, must not bury the inbox). A mail
# provider answered 429 keeps the message and retries after Retry-After; nothing is lost.
INBOUND_PER_WORKSPACE = 300
INBOUND_PER_SENDER = 20
# Requests a minute to one inbound URL, and to one inbound URL from one client address, counted before
# the body is even read: every request is counted here, also one whose sender is over its own budget, so
# these bound the work a flood costs (reading up to 1 MiB, parsing its headers). Above the message budget
# (a provider retries what it was refused, and a flooding sender's refused mail counts here too); the
# per-address one below the per-URL one and checked first: a request the address's budget refuses does
# not count toward the URL's, so a leaked URL used from one machine cannot spend it.
# A provider forwards from few addresses: the per-address budget still exceeds the workspace's messages.
INBOUND_REQUESTS_PER_TOKEN = 1200
INBOUND_REQUESTS_PER_ADDRESS = 600


class EmailChannelView(WorkspaceAPIView):
    """The workspace's e-mail channel (admin and owner)."""

    read_role = "admin"
    write_role = "owner"

    @extend_schema(
        summary="The workspace's inbound e-mail address and secret inbound URL",
        responses=EmailChannelSerializer,
        operation_id="email_channel_retrieve",
        tags=["email"],
        examples=[
            OpenApiExample(
                "E-mail channel",
                value={
                    "address": "support-3f2a9c81d0e4@inbound.example.com",
                    "inbound_url": "https://app.example.com/inbound/email/ws_0000000000000000000000.9c1e…",
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        workspace_id = current_workspace_id()
        return Response(
            EmailChannelSerializer(
                {"address": inbox_address(workspace_id), "inbound_url": inbound_url(workspace_id)}
            ).data
        )


def _not_found() -> JsonResponse:
    return error_response(404, "not_found", "No such inbound address.")


def _unparsable() -> JsonResponse:
    return error_response(400, "invalid_request", "The message could not be parsed.")


def _rate_limited(bucket: str, limit: int) -> JsonResponse | None:
    window = ratelimit.hit(bucket, limit)
    if not window.exceeded:
        return None
    response = error_response(
        429, "rate_limited", "Too many messages. Retry after the number of seconds in the Retry-After header."
    )
    response["Retry-After"] = str(window.retry_after)
    return response


@csrf_exempt
@require_POST
def inbound_email(request, token: str):
    """A mail provider's inbound route: one raw RFC 5322 message per POST → 202 (also when the message
    is ignored: an auto-reply, a loop or a redelivery must not be retried by the provider).

    Cheapest first: the token (an HMAC, no database), then the client address's and the URL's request
    counts (before the body is read; the URL's counts only what the address's let through), then the
    body's size, the workspace, the sender's and the workspace's message counts (the sender read from
    the headers alone), and only then the whole message is parsed (up to 1 MiB of MIME) and stored."""
    workspace_id = workspace_of_token(token)
    if workspace_id is None:
        return _not_found()
    # The client address's budget first: a request it refuses never counts toward the URL's, so one
    # machine flooding the URL cannot spend the budget the mail provider's relays need.
    for bucket, budget in (
        (f"email-inbound:{workspace_id}:ip:{client_ip(request)}", INBOUND_REQUESTS_PER_ADDRESS),
        (f"email-inbound:{workspace_id}:requests", INBOUND_REQUESTS_PER_TOKEN),
    ):
        limited = _rate_limited(bucket, budget)
        if limited is not None:
            return limited
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if content_type != RFC822:
        return error_response(415, "unsupported_media_type", f"Send the raw message as {RFC822}.")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = settings.API_MAX_BODY_BYTES
    if length > limit:
        return error_response(413, "request_too_large", "The request body exceeds 1 MiB.")
    raw = request.read(limit + 1)
    if len(raw) > limit:
        return error_response(413, "request_too_large", "The request body exceeds 1 MiB.")
    if not raw.strip():
        return error_response(400, "invalid_request", "The request body is empty.")
    workspace = Workspace.objects.filter(pk=workspace_id).values_list("status", flat=True).first()
    if workspace is None:
        return _not_found()
    if workspace != Workspace.Status.ACTIVE:
        return error_response(409, "workspace_closed", "The workspace is closed.")
    try:
        sender_address = sender_of(raw)
    except MalformedMail:
        return _unparsable()
    # The sender's budget first: a flood from one address is refused on its own count and never spends
    # the workspace's budget, which the other senders' mail needs.
    if sender_address:
        # Hashed: the bucket's key in Redis names no address (it outlives nothing but its minute, but a
        # contact's erasure need not chase it either).
        sender = hashlib.sha256(sender_address.encode()).hexdigest()[:32]  # already lower-case
        limited = _rate_limited(f"email-inbound:{workspace_id}:sender:{sender}", INBOUND_PER_SENDER)
        if limited is not None:
            return limited
    limited = _rate_limited(f"email-inbound:{workspace_id}", INBOUND_PER_WORKSPACE)
    if limited is not None:
        return limited
    try:
        mail = parse_mail(raw)
    except MalformedMail:
        return _unparsable()
    with with_workspace(workspace_id), transaction.atomic():
        email_receive(workspace_id=workspace_id, mail=mail)
    return JsonResponse({"accepted": True}, status=202)
