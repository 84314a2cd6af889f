# syntax=docker/dockerfile:1

# --- Stage 1: front-end assets, built exactly as `make assets` builds them --------------
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY static/src ./static/src
RUN mkdir -p static/build/govuk \
 && npx sass --no-source-map --quiet-deps --load-path=node_modules --style=compressed \
      static/src/application.scss static/build/application.css \
 && cp -R node_modules/govuk-frontend/dist/govuk/assets static/build/govuk/assets \
 && cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/build/govuk/govuk-frontend.min.js

# --- Stage 2: the application -----------------------------------------------------------
FROM python:3.13-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=ecte.settings.production
WORKDIR /app

# Dependencies first, so that a code change doesn't reinstall them. pip >= 25.1 reads the
# PEP 735 dependency groups from ./pyproject.toml (the project itself is not installed).
COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install --group runtime

COPY . .
COPY --from=assets /src/static/build ./static/build
# The key is a throwaway for this one build step: the real SECRET_KEY comes at run time.
RUN SECRET_KEY=build-time-dummy-key-used-only-by-collectstatic python manage.py collectstatic --noinput

RUN useradd --system --create-home --user-group --uid 10001 app \
 && mkdir -p /app/media \
 && chown app:app /app/media
USER app

EXPOSE 8000
# Asks for /healthcheck as the reverse proxy would (HTTPS, a host from ALLOWED_HOSTS), so
# that neither SECURE_SSL_REDIRECT nor ALLOWED_HOSTS turns the answer into an error.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = 'localhost' if not h or '*' in h else h; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthcheck', headers={'Host': h, 'X-Forwarded-Proto': 'https'}), timeout=4)"]

# Processes, threads and keep-alive: ecte/gunicorn.py (GUNICORN_WORKERS, GUNICORN_THREADS).
CMD ["gunicorn", "--config", "python:ecte.gunicorn", "--bind", "0.0.0.0:8000", "ecte.wsgi:application"]
