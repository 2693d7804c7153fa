from enum import StrEnum


class ContactCreatedEventType(StrEnum):
    CONTACT_CREATED = "contact.created"

    def __str__(self) -> str:
        return str(self.value)
