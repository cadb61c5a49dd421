"""WSGI entry point for production: `gunicorn dashboard.app.wsgi:server` (or `ocse serve -w N`).

Each worker reads the store into memory once, read-only, and opens every page once as it
starts (not on a reader's first request); any number of workers can serve one built store.
"""

from dashboard.app import context, create_app, set_up, warm
from dashboard.store.read import StoreError

app = create_app()
server = app.server
set_up(app)
try:
    context.store()
    warm()
except StoreError:
    pass  # no store yet, or a broken one: every page says so and how to fix it
