from enum import StrEnum


class ListAuditEntriesSource(StrEnum):
    ADMIN = "admin"
    API = "api"
    DASHBOARD = "dashboard"
    EMAIL = "email"
    SYSTEM = "system"
    WIDGET = "widget"

    def __str__(self) -> str:
        return str(self.value)
