import factory

from apps.contacts.models import Contact
from tests.factories import TenantFactory, WorkspaceFactory


class ContactFactory(TenantFactory):
    class Meta:
        model = Contact

    workspace = factory.SubFactory(WorkspaceFactory)
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    name = factory.Sequence(lambda n: f"Contact {n}")
