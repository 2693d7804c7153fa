from enum import StrEnum


class ListContactsSort(StrEnum):
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    VALUE_0 = "-created_at"
    VALUE_2 = "-updated_at"

    def __str__(self) -> str:
        return str(self.value)
