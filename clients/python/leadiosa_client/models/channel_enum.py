from enum import StrEnum


class ChannelEnum(StrEnum):
    API = "api"
    EMAIL = "email"
    WIDGET = "widget"

    def __str__(self) -> str:
        return str(self.value)
