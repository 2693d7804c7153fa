from enum import StrEnum


class EraseContactResponse404ErrorCode(StrEnum):
    CONTACT_NOT_FOUND = "contact_not_found"

    def __str__(self) -> str:
        return str(self.value)
