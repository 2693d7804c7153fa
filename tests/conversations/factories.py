import factory

from apps.conversations.models import Conversation, Message, Note
from tests.contacts.factories import ContactFactory
from tests.factories import TenantFactory, WorkspaceFactory


class ConversationFactory(TenantFactory):
    class Meta:
        model = Conversation

    workspace = factory.SubFactory(WorkspaceFactory)
    contact = factory.SubFactory(ContactFactory, workspace=factory.SelfAttribute("..workspace"))
    subject = factory.Sequence(lambda n: f"Question {n}")


class MessageFactory(TenantFactory):
    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    workspace = factory.SelfAttribute("conversation.workspace")
    author_type = "contact"
    author_id = factory.SelfAttribute("conversation.contact_id")
    body = factory.Sequence(lambda n: f"Message body {n}")


class NoteFactory(TenantFactory):
    class Meta:
        model = Note

    conversation = factory.SubFactory(ConversationFactory)
    workspace = factory.SelfAttribute("conversation.workspace")
    author_id = "usr_00000000000000000000aa"
    body = factory.Sequence(lambda n: f"Note body {n}")
