"""Contacts in a real browser: attributes and the GDPR erasure."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_edit_attributes_then_erase_the_contact(app, admin):
    created = admin.api.post(
        "conversations",
        {"contact": {"email": "grace@example.com", "name": "Grace Hopper"}, "message": {"body": "Hello"}},
    ).json()
    ct_id = created["contact_id"]
    app.sign_in(admin)
    app.go(f"/app/{admin.workspace.id}/contacts/")
    app.page.get_by_role("link", name="Grace Hopper").click()
    app.page.get_by_label("Attribute").fill("plan")
    app.page.get_by_label("Value").fill("enterprise")
    app.page.get_by_role("button", name="Set attribute").click()
    expect(app.page.get_by_role("table", name="Attributes")).to_contain_text("enterprise")
    assert admin.api.get(f"contacts/{ct_id}").json()["attributes"] == {"plan": "enterprise"}
    app.shot("contact-attribute")
    app.page.get_by_role("button", name="Erase contact").click()  # no confirmation typed: refused
    expect(app.page.get_by_text("Grace Hopper").first).to_be_visible()
    app.page.get_by_label("Type ERASE to confirm").fill("ERASE")
    app.page.get_by_role("button", name="Erase contact").click()
    expect(app.page.get_by_role("status")).to_contain_text(f"Contact {ct_id} erased")
    assert admin.api.get(f"contacts/{ct_id}").status_code == 404
    assert admin.api.get(f"conversations/{created['id']}").status_code == 404
