from enum import StrEnum


class NoteCreatedEventType(StrEnum):
    NOTE_CREATED = "note.created"

    def __str__(self) -> str:
        return str(self.value)
