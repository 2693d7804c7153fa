from enum import StrEnum


class ContactUpdatedEventType(StrEnum):
    CONTACT_UPDATED = "contact.updated"

    def __str__(self) -> str:
        return str(self.value)
