"""WSGI entry point for gunicorn: `gunicorn 'web.wsgi:app'` (or `ltp serve --prod`).

Creating the app loads nothing heavy; each worker warms its model and index in `post_worker_init`.
"""

from web import create_app

app = create_app()
