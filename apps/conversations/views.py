from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from leadiosa.api.errors import ApiError
from leadiosa.api.filters import StrictFilterBackend, filters_requested
from leadiosa.api.views import WorkspaceViewSet
from leadiosa.ids import is_public_id
from leadiosa.tenancy import current_workspace_id

from .filters import ConversationFilter
from .models import AuthorType, Conversation, Message, Note
from .representation import CONVERSATION, MESSAGE, NOTE, conversation_data, message_data, note_data
from .serializers import (
    ConversationCreateSerializer,
    ConversationSerializer,
    ConversationUpdateSerializer,
    MessageCreateSerializer,
    MessageSerializer,
    NoteCreateSerializer,
    NoteSerializer,
)
from .services import conversation_create, conversation_update, message_create, note_create


@extend_schema_view(
    list=extend_schema(summary="List conversations", responses=ConversationSerializer(many=True)),
    retrieve=extend_schema(summary="Retrieve a conversation", responses=ConversationSerializer),
    create=extend_schema(
        summary="Start a conversation (finds or creates the contact; optional first message)",
        request=ConversationCreateSerializer,
        responses={201: ConversationSerializer},
    ),
    partial_update=extend_schema(
        summary="Update a conversation: status, assignment, priority, tags, snooze, handled_by",
        request=ConversationUpdateSerializer,
        responses=ConversationSerializer,
    ),
)
class ConversationViewSet(WorkspaceViewSet):
    not_found_code = "conversation_not_found"
    resource_label = "Conversation"
    serializer_class = ConversationSerializer
    filter_backends = [StrictFilterBackend]
    filterset_class = ConversationFilter
    sortable = True  # ?sort= (KeysetPagination)

    def scoped_queryset(self):
        return Conversation.objects.all()

    def filter_queryset_for_object(self, queryset):
        # An id that is not a conversation id (or holds a NUL byte) is simply not found.
        return queryset if is_public_id(self.kwargs.get("pk"), "conv") else queryset.none()

    def list(self, request):
        # Rows as dicts with PostgreSQL-formatted timestamps, mapped by one plain function; the plain
        # list (no filter) runs its keyset SQL as written out once (KeysetPagination.paginate_plain).
        if filters_requested(request, ConversationFilter) or "sort" in request.query_params:
            page = self.paginate_queryset(CONVERSATION.values(self.filter_queryset(self.get_queryset())))
        else:
            page = self.paginator.paginate_plain(request, self, model=Conversation, shape=CONVERSATION)
        return self.get_paginated_response([conversation_data(row) for row in page])

    def retrieve(self, request, pk=None):
        return Response(ConversationSerializer(self.get_object()).data)

    def create(self, request):
        body = ConversationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        message = data.pop("message", None)
        conversation = conversation_create(**data, message_body=message["body"] if message else None)
        return Response(ConversationSerializer(conversation).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        changes = self.validated_body(ConversationUpdateSerializer, exists=self.get_object)
        conversation = self.object_reference(pk, valid=is_public_id(pk, "conv"))
        conversation = conversation_update(conversation=conversation, changes=changes)
        return Response(ConversationSerializer(conversation).data)


class _ThreadViewSet(WorkspaceViewSet):
    """Messages or notes of one conversation (`/conversations/{conversation_id}/…`)."""

    not_found_code = "conversation_not_found"
    resource_label = "Conversation"
    model = Message
    shape = MESSAGE
    row_data = staticmethod(message_data)

    def scoped_queryset(self):
        return self.model.objects.filter(conversation_id=self.kwargs["conversation_id"])

    def conversation(self) -> Conversation:
        conversation_id = self.kwargs["conversation_id"]
        conversation = None
        if is_public_id(conversation_id, "conv"):
            conversation = Conversation.objects.filter(pk=conversation_id).first()
        if conversation is None:
            raise ApiError(404, "conversation_not_found", f"Conversation {conversation_id} not found.")
        return conversation

    def conversation_reference(self) -> Conversation:
        """The conversation, not read: the write's service locks it (404 when it is missing)."""
        conversation_id = self.kwargs["conversation_id"]
        if not is_public_id(conversation_id, "conv"):
            self.conversation()
        return Conversation(pk=conversation_id, workspace_id=current_workspace_id())

    def list(self, request, conversation_id=None):
        if not is_public_id(conversation_id, "conv"):
            self.conversation()  # 404 without touching the database
        page = self.paginator.paginate_plain(
            request, self, model=self.model, shape=self.shape, conversation_id=conversation_id
        )
        if not page:
            self.conversation()  # an empty page: tell "no messages" from "no such conversation"
        return self.get_paginated_response([self.row_data(row) for row in page])


@extend_schema_view(
    list=extend_schema(
        summary="List a conversation's messages, oldest first", responses=MessageSerializer(many=True)
    ),
    create=extend_schema(
        summary="Post a message (as the token's member, or relay a contact's)",
        request=MessageCreateSerializer,
        responses={201: MessageSerializer},
    ),
)
class MessageViewSet(_ThreadViewSet):
    model = Message
    shape = MESSAGE
    row_data = staticmethod(message_data)
    serializer_class = MessageSerializer
    page_ascending = True  # a thread reads oldest first

    def create(self, request, conversation_id=None):
        body = self.validated_body(MessageCreateSerializer, exists=self.conversation)
        author_type = body.get("author_type", AuthorType.AGENT)
        message = message_create(
            conversation=self.conversation_reference(),
            author_type=author_type,
            body=body["body"],
            author_id=request.auth.user_id if author_type == AuthorType.AGENT else None,
        )
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="List a conversation's internal notes", responses=NoteSerializer(many=True)),
    create=extend_schema(
        summary="Add an internal note", request=NoteCreateSerializer, responses={201: NoteSerializer}
    ),
)
class NoteViewSet(_ThreadViewSet):
    model = Note
    shape = NOTE
    row_data = staticmethod(note_data)
    serializer_class = NoteSerializer

    def create(self, request, conversation_id=None):
        body = self.validated_body(NoteCreateSerializer, exists=self.conversation)
        note = note_create(
            conversation=self.conversation_reference(), author_id=request.auth.user_id, body=body["body"]
        )
        return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)
