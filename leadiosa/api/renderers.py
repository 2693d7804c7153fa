from rest_framework.renderers import JSONRenderer


class ApiJSONRenderer(JSONRenderer):
    charset = "utf-8"
    # Compact output: the API is read by programs.
    compact = True
    ensure_ascii = False
