# Production image: one image for web, worker and beat (see docker-compose.yml).

FROM node:20-bookworm-slim AS static
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./frontend
RUN npm run build

# The Welsh catalogue: compiled here with gettext's msgfmt (what manage.py compilemessages runs,
# with the same --check-format), so the final image needs no gettext.
FROM debian:bookworm-slim AS messages
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY locale ./locale
RUN for po in locale/*/LC_MESSAGES/django.po; do \
        msgfmt --check-format -o "${po%.po}.mo" "$po" || exit 1; \
    done

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/var/lib/ig STATIC_ROOT=/app/staticfiles
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 ig \
    && mkdir -p /var/lib/ig && chown ig /var/lib/ig
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
COPY --from=static /build/static/build ./static/build
COPY --from=messages /build/locale ./locale
RUN SECRET_KEY=build-only-key-build-only-key-build-only-key-0123456789 \
    python manage.py collectstatic --noinput -v 0
USER ig
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
