"""WSGI entry point for production: `gunicorn dashboard.app.wsgi:server` (or `ocse serve -w N`).

Each worker reads the store into memory once, read-only, and opens every page once as it
starts (not on a reader's first request); any number of workers can serve one built store.
"""

from dashboard.app import context, create_app, set_up, warm
from dashboard.app.errors import log_store_error
from dashboard.store.read import StoreError

app = create_app()
server = app.server
set_up(app)
try:
    context.store()
    warm()
except StoreError as exc:
    # no store yet, or a broken one: the log says where and why, every page says it is missing
    log_store_error(exc)

if __name__ == "__main__":  # `ocse serve --dev HOST PORT`: Flask's development server
    import sys

    app.run(host=sys.argv[1], port=int(sys.argv[2]), debug=False)
