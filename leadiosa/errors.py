"""The one error family services raise: a stable machine `code` and a human `message`, no HTTP.

A service is callable from a view, a task, a management command, the admin or the dashboard. It raises a
`DomainError` (or one of the kinds below); each door maps it once:

- the API's exception handler (`leadiosa.api.errors.api_exception_handler`) builds the error envelope,
  taking the HTTP status from `status_hint`;
- the dashboard (`apps/dashboard/errors.py`) turns it into an inline or form message;
- commands and the admin print `message`.

`status_hint` is a hint for HTTP doors only (the kind of failure, expressed in the vocabulary every API
user knows); nothing in a service branches on it.
"""

from __future__ import annotations


class DomainError(Exception):
    """A request the domain refuses. `code` is stable (clients branch on it); `message` is for people.

    `param` names the offending input (dotted path) when there is one.
    """

    status_hint: int = 400

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status_hint: int | None = None,
        param: str | None = None,
        headers: dict | None = None,
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.param = param
        self.headers = headers or {}
        if status_hint is not None:
            self.status_hint = status_hint

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r})"


class InvalidInput(DomainError):
    """The input breaks a rule the schema cannot express (400)."""

    status_hint = 400


class NotFound(DomainError):
    """The object does not exist *in this workspace* (404) — another workspace's object is the same."""

    status_hint = 404


class Conflict(DomainError):
    """The object's current state does not allow this (409)."""

    status_hint = 409


class Unprocessable(DomainError):
    """Well-formed, but it cannot be processed (422), e.g. an assignee who is not a member."""

    status_hint = 422


class Forbidden(DomainError):
    """The actor may not do this (403)."""

    status_hint = 403


def invalid(message: str, param: str | None = None, code: str = "validation_error") -> InvalidInput:
    return InvalidInput(code, message, param=param)
