from enum import StrEnum


class AuditActorTypeEnum(StrEnum):
    SYSTEM = "system"
    TOKEN = "token"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
