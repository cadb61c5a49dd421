"""WSGI entry point for production: `gunicorn dashboard.app.wsgi:server` (or `ocse serve -w N`).

Each worker loads the store read-only into memory once; any number of workers can serve one
built store.
"""

from dashboard.app import create_app

app = create_app()
server = app.server
