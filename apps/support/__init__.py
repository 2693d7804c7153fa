"""The support console: the admin-only pages support staff work in (find anything, a workspace's
overview, lifecycle and locked-out customers, webhook retries and tests, the audit chain and export).

A door like the dashboard, not a Django app (no models): each page is mounted by an `admin.py` through
`ModelAdmin.get_urls`, runs behind `admin_site.admin_view`, checks a model permission (docs/support.md:
the read-only and the admin support groups), asks for a reason when it touches a customer's data, and
calls the same service as the API and the dashboard as the staff user, with the request's id. The
reason is kept in the admin's own log (never in the customer's audit trail, which holds no free text),
next to the request id that the customer's audit entry carries.
"""
