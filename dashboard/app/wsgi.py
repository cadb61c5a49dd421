"""WSGI entry point for production: `gunicorn dashboard.app.wsgi:server` (or `ocse serve -w N`).

The store is read into memory once, read-only, and every page opened once, as the server
starts (not on a reader's first request); any number of workers can serve one built store.
`ocse serve` runs this in gunicorn's master, before it forks the workers (`--preload`): they
start with the app, the store and its derived tables in pages they share with the master until
one of them writes there. Nothing here starts a thread or keeps a file or connection open (the
store's DuckDB connection is closed once its tables are read), so nothing is left half-held in
a forked worker. Where editors may publish, data/ is read once too (`warm_publishing`). A
version published later is loaded by each worker on its own.
"""

import gc

from dashboard.app import context, create_app, set_up, warm
from dashboard.app.errors import log_store_error
from dashboard.app.memory import give_back
from dashboard.app.publishing import warm_publishing
from dashboard.store.read import StoreError

app = create_app()
server = app.server
set_up(app)
try:
    context.store()
    warm()
    warm_publishing()
except StoreError as exc:
    # no store yet, or a broken one: the log says where and why, every page says it is missing
    log_store_error(exc)
# everything made so far lives as long as the process: the collector never scans it, so a
# forked worker does not copy those pages by touching them (gc.freeze, as before a fork)
gc.collect()
gc.freeze()
give_back()  # what start-up freed, before the workers are forked with it (app/memory.py)

if __name__ == "__main__":  # `ocse serve --dev HOST PORT`: Flask's development server
    import sys

    app.run(host=sys.argv[1], port=int(sys.argv[2]), debug=False)
