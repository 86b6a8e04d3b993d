# syntax=docker/dockerfile:1
# Newsclaims at production shape: one image for web (gunicorn, the default command), worker and
# beat (docker-compose.yml overrides the command). Dependencies come only from requirements.lock,
# every file checked against its hash; nothing is installed when a container starts.

# --- build: the wheel of every locked package, each checked against the lock's hashes ----------
# Every package in the lock publishes wheels for CPython 3.11 on Linux today. One that ships only a
# source archive would be built here into a wheel whose hash the lock does not hold, and the
# install below would refuse it: pin a version with wheels, or give it a build step of its own.
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /build
COPY requirements.lock .
RUN pip wheel --require-hashes --wheel-dir /wheels -r requirements.lock

# --- runtime: the wheels installed offline, the code, static files collected, a plain user --------
FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    STATIC_ROOT=/app/staticfiles
RUN groupadd --system --gid 10001 newsclaims \
    && useradd --system --uid 10001 --gid newsclaims --home-dir /app --shell /usr/sbin/nologin newsclaims \
    && mkdir -p /var/lib/newsclaims \
    && chown newsclaims:newsclaims /var/lib/newsclaims
WORKDIR /app
COPY requirements.lock .
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-index --find-links /wheels --require-hashes -r requirements.lock
COPY . .
# Static files are part of the image: collected once here with the production storage (hashed
# names and a manifest), so web containers start without writing anything. The throwaway key only
# lets settings load with DEBUG off; no request is ever served with it.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-secret python manage.py collectstatic --noinput
# Beat keeps its schedule here; docker-compose.yml mounts a named volume over it (a new named
# volume copies this directory's owner, so the unprivileged user can write to it).
VOLUME ["/var/lib/newsclaims"]
USER newsclaims:newsclaims
EXPOSE 8000
CMD ["gunicorn", "newsclaims.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
