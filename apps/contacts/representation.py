"""A contact as the API shows it (lists, details, webhooks, the archive): plain functions over rows.

See `leadiosa.representation`; `ContactSerializer` describes the same shape for the OpenAPI spec and
delegates here.
"""

from __future__ import annotations

from collections.abc import Mapping

from leadiosa.representation import Shape

CONTACT = Shape(
    plain=("id", "email", "name", "phone", "external_id", "attributes"),
    timestamps=("created_at", "updated_at", "last_seen_at"),
    json=("attributes",),
)


def contact_data(c: Mapping) -> dict:
    data = {"id": c["id"]}
    for name in ("email", "name", "phone", "external_id"):
        if c[name]:
            data[name] = c[name]
    if c["attributes"]:
        data["attributes"] = c["attributes"]
    data["created_at"] = c["created_at_text"]
    data["updated_at"] = c["updated_at_text"]
    if c["last_seen_at_text"] is not None:
        data["last_seen_at"] = c["last_seen_at_text"]
    return data


def contact_representation(contact) -> dict:
    return contact_data(CONTACT.row_of(contact))
