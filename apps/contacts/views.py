from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from leadiosa.api.filters import StrictFilterBackend, filters_requested
from leadiosa.api.views import WorkspaceViewSet
from leadiosa.ids import is_public_id

from .filters import ContactFilter
from .models import Contact
from .representation import CONTACT, contact_data
from .serializers import ContactCreateSerializer, ContactSerializer, ContactUpdateSerializer
from .services import contact_create, contact_erase, contact_update


@extend_schema_view(
    list=extend_schema(summary="List contacts", responses=ContactSerializer(many=True)),
    retrieve=extend_schema(summary="Retrieve a contact", responses=ContactSerializer),
    create=extend_schema(
        summary="Create a contact", request=ContactCreateSerializer, responses={201: ContactSerializer}
    ),
    partial_update=extend_schema(
        summary="Update a contact (attributes merge; a null attribute is removed)",
        request=ContactUpdateSerializer,
        responses=ContactSerializer,
    ),
    destroy=extend_schema(
        summary="Erase a contact (GDPR): the contact, its conversations, messages, notes and every copy",
        responses={204: None},
    ),
)
class ContactViewSet(WorkspaceViewSet):
    not_found_code = "contact_not_found"
    resource_label = "Contact"
    action_roles = {"destroy": "admin"}
    # An erasure request never waits for the purge (up to 30 days): erasing stays allowed while closed.
    allowed_when_closed = ("destroy",)
    serializer_class = ContactSerializer
    filter_backends = [StrictFilterBackend]
    filterset_class = ContactFilter
    sortable = True  # ?sort= (KeysetPagination)

    def scoped_queryset(self):
        return Contact.objects.all()

    def filter_queryset_for_object(self, queryset):
        # An id that is not a contact id (or holds a NUL byte) is simply not found.
        return queryset if is_public_id(self.kwargs.get("pk"), "ct") else queryset.none()

    def list(self, request):
        # Rows as dicts with PostgreSQL-formatted timestamps, mapped by one plain function; the plain
        # list (no filter) runs its keyset SQL as written out once (KeysetPagination.paginate_plain).
        if filters_requested(request, ContactFilter) or "sort" in request.query_params:
            page = self.paginate_queryset(CONTACT.values(self.filter_queryset(self.get_queryset())))
        else:
            page = self.paginator.paginate_plain(request, self, model=Contact, shape=CONTACT)
        return self.get_paginated_response([contact_data(row) for row in page])

    def retrieve(self, request, pk=None):
        return Response(ContactSerializer(self.get_object()).data)

    def create(self, request):
        body = ContactCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        contact = contact_create(**body.validated_data)
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        changes = self.validated_body(ContactUpdateSerializer, exists=self.get_object)
        contact = self.object_reference(pk, valid=is_public_id(pk, "ct"))
        contact = contact_update(contact=contact, changes=changes)
        return Response(ContactSerializer(contact).data)

    def destroy(self, request, pk=None):
        contact_erase(contact=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
