"""The layers' boundaries, checked on the source: a new violation fails here, not in a review."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from leadiosa.errors import Conflict, DomainError

ROOT = Path(__file__).resolve().parents[2]
# Domain modules: callable from a view, a task, a command, the admin or the dashboard, with no HTTP.
SERVICE_MODULES = sorted(
    path
    for pattern in ("apps/*/services.py", "apps/*/selectors.py", "apps/*/services/*.py")
    for path in ROOT.glob(pattern)
)
HTTP_MODULES = ("rest_framework", "leadiosa.api.errors", "django.http")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports (absolute names; relative ones resolved against its package)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
    return names


def test_there_are_service_modules_to_check():
    assert len(SERVICE_MODULES) >= 6


@pytest.mark.parametrize("path", SERVICE_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_services_speak_no_http(path):
    """Services raise leadiosa.errors.DomainError; the API's one exception handler maps it."""
    offending = sorted(
        name
        for name in imported_modules(path)
        if any(name == banned or name.startswith(banned + ".") for banned in HTTP_MODULES)
    )
    assert offending == [], f"{path.relative_to(ROOT)} imports {offending}"


@pytest.mark.parametrize("path", SERVICE_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_services_import_no_api_serializers(path):
    """A service's event data is the object as the API shows it, from the app's representation module
    (plain functions), never from a DRF serializer."""
    offending = sorted(name for name in imported_modules(path) if name.split(".")[-1] == "serializers")
    assert offending == [], f"{path.relative_to(ROOT)} imports {offending}"


def test_domain_error_carries_code_message_and_a_status_hint_only():
    error = Conflict("conversation_closed", "The conversation is closed.")
    assert isinstance(error, DomainError)
    assert (error.code, error.message, error.status_hint) == (
        "conversation_closed",
        "The conversation is closed.",
        409,
    )
    assert DomainError("x", "y", status_hint=422).status_hint == 422
