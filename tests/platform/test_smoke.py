def test_owner_reads_own_workspace(owner):
    response = owner.api.get("workspace")
    assert response.status_code == 200
    assert response.json()["id"] == owner.workspace.id
