"""Settings for the whole application, read from environment variables (see README)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    NATIONS,
    env_bool,
    env_choice,
    env_decimal,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set (a long random string) unless DEBUG=true."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105
elif not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "organisation.admin_site.CouncilAdminConfig",  # django.contrib.admin, see the module
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "organisation",
    "deadlines",
    "workflow",
    "requests_app",
    "fees",
    "breaches",
    "sharing",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "organisation.middleware.RejectNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "organisation.outage.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "organisation.context_processors.council",
            ],
        },
    },
]

# The one-command demo runs on an SQLite file; production and the test suite use PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'demo.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The demo's web server, worker and beat share one SQLite file. WAL lets readers work while
    # one process writes; IMMEDIATE takes the write lock when a transaction begins, so a
    # transaction never has to upgrade a read lock (which fails at once with "database is
    # locked" whatever the timeout); busy_timeout (ms) and timeout (s) make a writer wait
    # for the lock instead of failing; synchronous=NORMAL is safe with WAL and much faster.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded case documents are personal data: kept outside STATIC/served paths and only
# streamed by views that check permission first.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 20, minimum=1, maximum=500)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Email ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "information.governance@council.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- The IG mailbox: requests by email (requests_app.mail_intake) -----------------------------
# Letters carry this address as Reply-To, so a requester's reply reaches the mailbox the worker
# reads and threads onto the case. Empty: no Reply-To.
IG_MAILBOX_ADDRESS = env_str("IG_MAILBOX_ADDRESS")
# No host: the worker does not read a mailbox. Always TLS (implicit, IMAPS).
MAIL_INTAKE_HOST = env_str("MAIL_INTAKE_HOST")
MAIL_INTAKE_PORT = env_int("MAIL_INTAKE_PORT", 993, minimum=1, maximum=65535)
MAIL_INTAKE_USER = env_str("MAIL_INTAKE_USER")
MAIL_INTAKE_PASSWORD = env_str("MAIL_INTAKE_PASSWORD")
# An OAuth2 access token (Microsoft 365, Google): used instead of the password when set.
MAIL_INTAKE_OAUTH2_TOKEN = env_str("MAIL_INTAKE_OAUTH2_TOKEN")
MAIL_INTAKE_FOLDER = env_str("MAIL_INTAKE_FOLDER", "INBOX")
MAIL_INTAKE_PROCESSED_FOLDER = env_str("MAIL_INTAKE_PROCESSED_FOLDER", "Processed")
# A CA bundle to trust besides the system's (a council's own certificate authority).
MAIL_INTAKE_CA_FILE = env_str("MAIL_INTAKE_CA_FILE")
MAIL_INTAKE_BATCH = env_int("MAIL_INTAKE_BATCH", 50, minimum=1, maximum=1000)
MAIL_INTAKE_INTERVAL_SECONDS = env_int("MAIL_INTAKE_INTERVAL_SECONDS", 120, minimum=30)

# --- Celery ---------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
else:
    # No Redis: kombu's filesystem transport lets the demo run a real worker and beat with no
    # server at all. Both processes share the folders below.
    _broker_dir = VAR_DIR / "broker"
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        # Exchange tables (kombu's default is a "control" folder in the working directory).
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
# A shared cache, so limits such as the public form's rate limit hold across web processes.
# Kept in its own Redis database so clearing it never touches the task queue.
CACHE_URL = env_str("CACHE_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# If the broker is down the web request must not hang: queueing gives up quickly and the
# periodic catch-up sweeps send whatever was stored but not queued.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- The council ----------------------------------------------------------------------------
COUNCIL_NAME = env_str("COUNCIL_NAME", "Demo District Council")
COUNCIL_NATION = env_choice("COUNCIL_NATION", "england-and-wales", NATIONS)
ACKNOWLEDGEMENT_WORKING_DAYS = env_int("ACKNOWLEDGEMENT_WORKING_DAYS", 2, minimum=1, maximum=20)
# Who owns a request from the public form on arrival: the next IG officer in turn, or nobody.
OWNER_FOR_WEB_REQUESTS = env_choice(
    "OWNER_FOR_WEB_REQUESTS", "round_robin", ("round_robin", "none")
)
# Working days after the response before an answer may appear on the public disclosure log.
PUBLICATION_DELAY_WORKING_DAYS = env_int("PUBLICATION_DELAY_WORKING_DAYS", 0, minimum=0, maximum=60)
# "Due soon" in the IG queue and on the dashboard: the same window in both.
DUE_SOON_WORKING_DAYS = env_int("DUE_SOON_WORKING_DAYS", 5, minimum=1, maximum=20)
INTERNAL_DUE_WORKING_DAYS_BEFORE = env_int("INTERNAL_DUE_WORKING_DAYS_BEFORE", 10, minimum=0)
APPROPRIATE_LIMIT = env_decimal("APPROPRIATE_LIMIT", "450.00")
if APPROPRIATE_LIMIT not in (450, 600):
    raise ImproperlyConfigured(
        "APPROPRIATE_LIMIT must be 450 (local authorities) or 600 (central government)."
    )
HOURLY_RATE = env_decimal("HOURLY_RATE", "25.00")
PHOTOCOPY_PENCE_PER_SHEET = env_int("PHOTOCOPY_PENCE_PER_SHEET", 10, minimum=0)

# --- Production hardening (manage.py check --deploy is clean when DEBUG is false) -----------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
SECURE_SSL_REDIRECT = not DEBUG and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SILENCED_SYSTEM_CHECKS = [] if SECURE_SSL_REDIRECT or DEBUG else ["security.W008"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint and its font library log every PDF at INFO; only their problems matter here.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Reminders and escalations ---------------------------------------------------------------
# Thresholds for the Celery sweeps (requests_app/sweeps.py), in working days. See README.
REMINDER_WORKING_DAYS_BEFORE_INTERNAL_DUE = env_int(
    "REMINDER_WORKING_DAYS_BEFORE_INTERNAL_DUE", 2, minimum=0, maximum=20
)
IG_ALERT_WORKING_DAYS_BEFORE_DUE = env_int(
    "IG_ALERT_WORKING_DAYS_BEFORE_DUE", 5, minimum=0, maximum=20
)
DIRECTOR_ESCALATION_WORKING_DAYS_BEFORE_DUE = env_int(
    "DIRECTOR_ESCALATION_WORKING_DAYS_BEFORE_DUE", 2, minimum=0, maximum=20
)
AUTHORISATION_WAIT_WORKING_DAYS = env_int(
    "AUTHORISATION_WAIT_WORKING_DAYS", 3, minimum=1, maximum=40
)
# Which IG officers are alerted about one case: the one who logged it, or every IG officer.
ESCALATION_IG_RECIPIENTS = env_choice("ESCALATION_IG_RECIPIENTS", "creator", ("creator", "all"))
# Emails are sent by the worker, outside any request, so links in them need the site's address.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")
# Read by Django's file-based email backend (EMAIL_BACKEND=...filebased.EmailBackend), which
# writes each email to this folder instead of sending it: for trials and the integration tests.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "sent-mail"))

# --- Outbox (workflow/outbox.py) -----------------------------------------------------------------
# How long the mail server may take over one email: a handover that hangs longer fails.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1, maximum=600)
# An email still "being sent" this long after a worker claimed it is marked "delivery
# uncertain" for IG to check (the worker died mid-handover); it is never sent again by itself.
# Keep it well above EMAIL_TIMEOUT.
OUTBOX_CLAIM_TIMEOUT_SECONDS = env_int("OUTBOX_CLAIM_TIMEOUT_SECONDS", 600, minimum=1)
# Refusals by the mail server before an email is marked "not sent" and listed for IG.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 10, minimum=1, maximum=100)

# --- Compliance dashboard -------------------------------------------------------------------
# Performance = (answered in time + open in time) / all cases in the period, in per cent.
PERFORMANCE_RED_BELOW = env_int("PERFORMANCE_RED_BELOW", 85, minimum=0, maximum=100)
PERFORMANCE_AMBER_BELOW = env_int("PERFORMANCE_AMBER_BELOW", 90, minimum=0, maximum=100)
if PERFORMANCE_AMBER_BELOW < PERFORMANCE_RED_BELOW:
    raise ImproperlyConfigured("PERFORMANCE_AMBER_BELOW must not be below PERFORMANCE_RED_BELOW.")
REPORTS_TREND_WEEKS = env_int("REPORTS_TREND_WEEKS", 12, minimum=4, maximum=52)
REPORTS_YEAR_START_MONTH = env_int("REPORTS_YEAR_START_MONTH", 4, minimum=1, maximum=12)

# --- The public request form ----------------------------------------------------------------
# Spam guards that never stop a person: a form sent sooner than this after it was shown is
# refused, and one address may send this many an hour. Behind a reverse proxy, say how many
# proxies add to X-Forwarded-For, so the limit applies to the visitor, not the proxy.
PUBLIC_FORM_MIN_SECONDS = env_int("PUBLIC_FORM_MIN_SECONDS", 3, minimum=0, maximum=60)
PUBLIC_FORM_MAX_PER_HOUR = env_int("PUBLIC_FORM_MAX_PER_HOUR", 5, minimum=1)
PUBLIC_FORM_TRUSTED_PROXIES = env_int("PUBLIC_FORM_TRUSTED_PROXIES", 0, minimum=0, maximum=5)
