"""gunicorn's settings wherever the product is served from this folder (`make run`, the image, the
tests' servers): gunicorn reads ./gunicorn.conf.py by default. Flags on the command line still win."""

# Request lines up to gunicorn's bounded maximum (8 KiB) instead of its default 4 KiB: a long query string
# reaches the app, which answers it in the API's JSON envelope (400), where gunicorn would answer an HTML
# 414. Past 8 KiB gunicorn still refuses the line itself (and a proxy in front usually refuses earlier).
limit_request_line = 8190
