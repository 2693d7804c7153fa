"""The three roles, weakest first, and their order: the one table the API's permission check, token
minting and the dashboard's abilities all compare against."""

ROLE_RANK = {"agent": 1, "admin": 2, "owner": 3}
