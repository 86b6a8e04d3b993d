"""Newsclaims settings: one module, driven by environment variables.

Every variable has an embedded default that works on a laptop with nothing installed
(SQLite, Celery tasks run in process). A malformed value stops start-up with a message
that names the variable.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off, set SECRET_KEY to a long random string "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))").'
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "axes",
    "corsheaders",
    "claims",
]

MIDDLEWARE = [
    "newsclaims.logs.RequestLogMiddleware",  # first: the request id and duration cover the whole stack
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before anything that answers: preflights get their headers
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "claims.middleware.InputGuardMiddleware",  # NUL in a parameter, NaN in a cursor: a 400 with a message
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "claims.middleware.LoginRequiredUnlessPublicMiddleware",
    "claims.middleware.NotFoundPageMiddleware",
    "claims.middleware.NoStoreWhenSignedInMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

# --- Content-Security-Policy (issue 15), by django-csp: scripts, styles, images and requests from
# this site only; no inline scripts (htmx's indicator style is off, see base.html). Style
# attributes stay allowed (a progress bar's width, a chart swatch's colour): they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Login throttling (issue 15): django-axes locks an account, and separately an address, after
# AXES_FAILURE_LIMIT wrong passwords (site and admin alike) for AXES_COOLOFF_MINUTES; a right
# password during the lockout is refused too, with a page that says so and for how long.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or address
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: per account and per address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

ROOT_URLCONF = "newsclaims.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "claims.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "newsclaims.wsgi.application"

# --- Database ---------------------------------------------------------------------------
# DATABASE_URL: postgres://user:pass@host:5432/name (psycopg 3). Default: SQLite file here.
DATABASE_URL = os.environ.get("DATABASE_URL", "") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Anonymous visitors see only the login page unless read access is opened here.
NEWSCLAIMS_PUBLIC_READ = env_bool("NEWSCLAIMS_PUBLIC_READ", False)

# --- Security (production values when DEBUG is off) -------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Cache ------------------------------------------------------------------------------
# Page counts, chart drawings and the figure-refresh debounce. Each process's own memory by
# default; NEWSCLAIMS_CACHE_URL (redis://host:6379/1, a database of its own: tests clear it)
# shares it between the web processes and the workers, so a figure is refreshed once per
# delay across all of them rather than once per process.
NEWSCLAIMS_CACHE_URL = os.environ.get("NEWSCLAIMS_CACHE_URL", "")
if NEWSCLAIMS_CACHE_URL and not NEWSCLAIMS_CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(f"NEWSCLAIMS_CACHE_URL={NEWSCLAIMS_CACHE_URL!r} is not a redis:// URL")
CACHES = {
    "default": (
        # Redis errors are cache misses (claims/lib/cache.py): reads keep working while Redis is down.
        {"BACKEND": "claims.lib.cache.ForgivingRedisCache", "LOCATION": NEWSCLAIMS_CACHE_URL}
        if NEWSCLAIMS_CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Celery -----------------------------------------------------------------------------
# REDIS_URL absent: tasks run eagerly in process, so `make run` needs no server.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 600)}
CELERY_TIMEZONE = "UTC"

# --- Celery for ingestion: queues, schedule, embedded broker -------------------
# Queues: "fetch" (network: pages, feeds) and "extract" (read, store, extract), so a slow site
# never holds up extraction and each scales on its own. Beat polls the due feeds every minute.
CELERY_TASK_ROUTES = {
    "claims.fetch_item": {"queue": "fetch"},
    "claims.poll_feed": {"queue": "fetch"},
    "claims.poll_due_feeds": {"queue": "fetch"},
    "claims.ingest_item": {"queue": "extract"},
    "claims.ingest_items": {"queue": "extract"},
    "claims.ingest_job_fanout": {"queue": "extract"},
    "claims.ingest_reap": {"queue": "default"},
    "claims.extract_article": {"queue": "extract"},
}
# Articles given as text (a bulk file, a feed's pages once fetched) are stored and extracted this
# many to a task: the per-task and per-commit overhead is paid once per batch.
NEWSCLAIMS_INGEST_BATCH = env_int("NEWSCLAIMS_INGEST_BATCH", 20)
CELERY_BEAT_SCHEDULE = {"poll-due-feeds": {"task": "claims.poll_due_feeds", "schedule": 60.0}}
# Durable queuing (issue 15): a JSONL upload of more lines than this is stored whole and split by
# the fan-out task, so the request returns at once. The reaper (beat, every NEWSCLAIMS_REAP_SECONDS)
# queues again items the broker lost: sent or fetching for NEWSCLAIMS_INGEST_REQUEUE_SECONDS with
# nothing moving in their job; an item tried NEWSCLAIMS_INGEST_MAX_ATTEMPTS times is failed.
NEWSCLAIMS_INGEST_INLINE_LINES = env_int("NEWSCLAIMS_INGEST_INLINE_LINES", 1000)
NEWSCLAIMS_INGEST_REQUEUE_SECONDS = env_int("NEWSCLAIMS_INGEST_REQUEUE_SECONDS", 900)
NEWSCLAIMS_INGEST_MAX_ATTEMPTS = env_int("NEWSCLAIMS_INGEST_MAX_ATTEMPTS", 12)
CELERY_BEAT_SCHEDULE["ingest-reap"] = {
    "task": "claims.ingest_reap",
    "schedule": float(env_int("NEWSCLAIMS_REAP_SECONDS", 120)),
}
# Tasks retry database and broker errors with exponential back-off (full jitter, capped): about
# 20 minutes of retries in all, so an outage of a few minutes loses nothing.
NEWSCLAIMS_TASK_MAX_RETRIES = env_int("NEWSCLAIMS_TASK_MAX_RETRIES", 12)
NEWSCLAIMS_TASK_BACKOFF_MAX = env_int("NEWSCLAIMS_TASK_BACKOFF_MAX", 120)
# NEWSCLAIMS_EMBEDDED_BROKER=1 without REDIS_URL (what `make run` sets): a real worker and beat run
# beside the web server over kombu's SQLAlchemy transport on a SQLite file under var/celery, so
# feeds are polled and bulk uploads show live progress with no server installed. Development only.
NEWSCLAIMS_EMBEDDED_BROKER = not REDIS_URL and env_bool("NEWSCLAIMS_EMBEDDED_BROKER", False)
if NEWSCLAIMS_EMBEDDED_BROKER:
    _broker_dir = Path(os.environ.get("NEWSCLAIMS_EMBEDDED_BROKER_DIR", BASE_DIR / "var" / "celery"))
    (_broker_dir / "results").mkdir(parents=True, exist_ok=True)
    CELERY_TASK_ALWAYS_EAGER = False
    CELERY_BROKER_URL = f"sqla+sqlite:///{_broker_dir / 'broker.sqlite3'}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {}  # passed to SQLAlchemy create_engine by this transport
    CELERY_RESULT_BACKEND = f"file://{_broker_dir / 'results'}"

# --- REST framework (the API under /api/v1/) ----------------------------------
# Tokens (Authorization: Bearer nc_...) or the browser session; editors write, everyone with read
# access reads. Throttle rates per token / logged-in user / client address, e.g. "600/min".
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",  # the browser; CSRF checked on writes
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.ReadOrEdit"],
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttling.TokenRateThrottle",
        "claims.api.throttling.SessionUserRateThrottle",
        "claims.api.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": os.environ.get("NEWSCLAIMS_API_TOKEN_RATE", "1200/min"),
        "user": os.environ.get("NEWSCLAIMS_API_USER_RATE", "1200/min"),
        "anon": os.environ.get("NEWSCLAIMS_API_ANON_RATE", "120/min"),
    },
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.Cursor",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "claims.api.exceptions.api_exception_handler",
    # JSON by default; the claims API's own views add CSV and JSON Lines (claims.api.views.ApiMixin).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "COERCE_DECIMAL_TO_STRING": True,
}
# CORS for the API only, off unless origins are listed (browser apps on other sites calling with a
# token; cookies are not sent cross-site). Preflights are answered by django-cors-headers.
CORS_ALLOWED_ORIGINS = env_list("NEWSCLAIMS_CORS_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = [
    "Link",
    "ETag",
    "RateLimit",
    "RateLimit-Policy",
    "Retry-After",
    "Content-Disposition",
    "Location",
]
CORS_PREFLIGHT_MAX_AGE = 3600

SPECTACULAR_SETTINGS = {
    "TITLE": "Newsclaims API",
    "DESCRIPTION": (
        "Claims, quotes, actors and articles extracted from news, with provenance (article, offsets, "
        "span, origin, review status, engine version). Authenticate with a personal token from "
        "/api/v1/tokens/ (`Authorization: Bearer <token>`) or the browser session. Lists are "
        "cursor-paginated; `?format=csv` or `?format=jsonl` streams every matching row."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "claims.models.ReviewStatus",
        "IngestJobStatusEnum": "claims.models.IngestJobStatus",
        "IngestItemStatusEnum": "claims.models.IngestItemStatus",
        "ExtractionStatusEnum": "claims.models.ExtractionStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.add_error_responses",
    ],
}

# --- Ingestion --------------------------------------------------------------------------
# Tests serve fixture pages from a local HTTP server and turn this on; never in production.
NEWSCLAIMS_ALLOW_PRIVATE_FETCH = env_bool("NEWSCLAIMS_ALLOW_PRIVATE_FETCH", False)
NEWSCLAIMS_FETCH_MAX_BYTES = env_int("NEWSCLAIMS_FETCH_MAX_BYTES", 5 * 1024 * 1024)
NEWSCLAIMS_FETCH_TIMEOUT = env_int("NEWSCLAIMS_FETCH_TIMEOUT", 15)

# --- Logging ------------------------------------------------------------------------------
# NEWSCLAIMS_LOG_FORMAT=json: every line is one JSON object, and each request and each task adds
# a line of its own (method, path, status, duration, request id, user / task name, id, state,
# duration): newsclaims/logs.py. "text" (the default) keeps the plain lines for a terminal.
NEWSCLAIMS_LOG_FORMAT = os.environ.get("NEWSCLAIMS_LOG_FORMAT", "") or "text"
if NEWSCLAIMS_LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"NEWSCLAIMS_LOG_FORMAT={NEWSCLAIMS_LOG_FORMAT!r} is not one of: text, json")
_structured = NEWSCLAIMS_LOG_FORMAT == "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsclaims.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", **({"formatter": "json"} if _structured else {})}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "newsclaims.request": {"level": "INFO" if _structured else "WARNING"},
        "newsclaims.task": {"level": "INFO" if _structured else "WARNING"},
    },
}

# --- Figure tracker -------------------------------------------------------------
# Extraction keeps each article's figures current; this periodic pass regroups every claim and
# refreshes every figure's summary and flags, catching edits made elsewhere (review pages).
CELERY_BEAT_SCHEDULE["figures-recompute"] = {
    "task": "claims.figures_recompute",
    "schedule": float(env_int("NEWSCLAIMS_FIGURES_RECOMPUTE_SECONDS", 3600)),
}

# --- Follow: feeds and webhooks (issue 18) --------------------------------------------------
# Feeds and webhook payloads carry absolute permalinks: the address readers reach this site at.
NEWSCLAIMS_BASE_URL = os.environ.get("NEWSCLAIMS_BASE_URL", "http://localhost:8000").rstrip("/")
if not NEWSCLAIMS_BASE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"NEWSCLAIMS_BASE_URL={NEWSCLAIMS_BASE_URL!r} is not an http(s) URL")
# A delivery is tried this many times more, waiting RETRY_SECONDS * 2**attempt (with jitter);
# after PAUSE_AFTER failed attempts in a row the subscription is paused until its owner resumes it.
NEWSCLAIMS_WEBHOOK_RETRIES = env_int("NEWSCLAIMS_WEBHOOK_RETRIES", 5)
NEWSCLAIMS_WEBHOOK_RETRY_SECONDS = env_int("NEWSCLAIMS_WEBHOOK_RETRY_SECONDS", 30)
NEWSCLAIMS_WEBHOOK_PAUSE_AFTER = env_int("NEWSCLAIMS_WEBHOOK_PAUSE_AFTER", 10)
NEWSCLAIMS_WEBHOOK_TIMEOUT = env_int("NEWSCLAIMS_WEBHOOK_TIMEOUT", 10)
CELERY_TASK_ROUTES["claims.deliver_webhook"] = {"queue": "fetch"}
