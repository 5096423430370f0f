"""Settings for the whole application, read from environment variables (see README)."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    NATIONS,
    env_bool,
    env_choice,
    env_decimal,
    env_int,
    env_list,
    env_str,
    secret_key_problem,
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
elif not DEBUG and (_problem := secret_key_problem(SECRET_KEY)):
    raise ImproperlyConfigured(_problem)

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
    "retention",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "organisation.outage.SessionMiddleware",
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
elif not env_bool("DATABASE_JIT", False):
    # PostgreSQL's just-in-time compilation pays off on long analytical queries; this
    # application's run in milliseconds, and compiling one of the dashboard's cost 25 ms of its
    # 130 at a million cases.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
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
# English and Welsh (see README "Welsh language"). The catalogue is locale/cy/LC_MESSAGES/
# django.po; the language is the visitor's choice from the switch in the header, kept in the
# language cookie (organisation.language.LanguageCookieMiddleware), English until they choose.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
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
# The Welsh Language Standards: the public form asks each requester's language of
# correspondence, and letters and emails to them go in Welsh, English or both (Welsh first).
WELSH_LANGUAGE_STANDARDS = env_bool("WELSH_LANGUAGE_STANDARDS", False)
ACKNOWLEDGEMENT_WORKING_DAYS = env_int("ACKNOWLEDGEMENT_WORKING_DAYS", 2, minimum=1, maximum=20)
# Who owns a request from the public form on arrival: the next IG officer in turn, or nobody.
OWNER_FOR_WEB_REQUESTS = env_choice(
    "OWNER_FOR_WEB_REQUESTS", "round_robin", ("round_robin", "none")
)
# Working days after the response before an answer may appear on the public disclosure log.
PUBLICATION_DELAY_WORKING_DAYS = env_int("PUBLICATION_DELAY_WORKING_DAYS", 0, minimum=0, maximum=60)
# Released documents go with the response email while their total stays within this size;
# the rest reach the requester through a private download link valid for RELEASE_LINK_DAYS days.
RELEASE_ATTACH_MAX_MB = env_int("RELEASE_ATTACH_MAX_MB", 10, minimum=0, maximum=50)
RELEASE_LINK_DAYS = env_int("RELEASE_LINK_DAYS", 28, minimum=1, maximum=365)
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
# Fees (fees/): Leicester's Appendix A charges nothing below £5.75; a cheque counts as cleared
# four working days after it arrives unless Financial Services say otherwise.
FEES_DE_MINIMIS = env_decimal("FEES_DE_MINIMIS", "5.75")
FEES_CHEQUE_CLEARING_WORKING_DAYS = env_int("FEES_CHEQUE_CLEARING_WORKING_DAYS", 4, minimum=0)
FEES_VAT_PERCENT = env_decimal("FEES_VAT_PERCENT", "20")
FEES_HOW_TO_PAY = env_str(
    "FEES_HOW_TO_PAY",
    "By card on 0300 000 0000 quoting the reference above, by bank transfer to the council's "
    "account (sort code 00-00-00, account 00000000, reference as above), or by cheque payable "
    "to the council sent to the address above.",
)
# Days before the last day to pay on which the requester is reminded (and IG told).
_reminders = env_list("FEES_REMINDER_DAYS_BEFORE_LAPSE", "28,7")
if not all(day.isdigit() for day in _reminders):
    raise ImproperlyConfigured(
        "FEES_REMINDER_DAYS_BEFORE_LAPSE must be whole numbers of days separated by commas."
    )
FEES_REMINDER_DAYS_BEFORE_LAPSE = sorted({int(day) for day in _reminders}, reverse=True)
COUNCIL_ADDRESS = env_str("COUNCIL_ADDRESS", "Council Offices, Market Street, Demo Town DT1 1AA")

# --- Production hardening (manage.py check --deploy is clean when DEBUG is false) -----------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
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
# Data-protection complaints (requests_app/complaint_sweeps.py): s164A sets no period for the
# outcome ("without undue delay"), so the council's own target, in calendar days after receipt.
COMPLAINT_OUTCOME_TARGET_DAYS = env_int(
    "COMPLAINT_OUTCOME_TARGET_DAYS", 90, minimum=30, maximum=365
)
# Which IG officers are alerted about one case: the one who logged it, or every IG officer.
ESCALATION_IG_RECIPIENTS = env_choice(
    "ESCALATION_IG_RECIPIENTS", "owner", ("owner", "creator", "all")
)
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

# --- Breaches -------------------------------------------------------------------------------
# The DPO and the SIRO are alerted when this many hours of the 72 are left (each once), and
# once more when they have run out (breaches/sweeps.py).
_breach_hours = env_list("BREACH_ALERT_HOURS_LEFT", "48,24,6")
if not all(h.isdigit() and 1 <= int(h) <= 71 for h in _breach_hours) or not _breach_hours:
    raise ImproperlyConfigured(
        "BREACH_ALERT_HOURS_LEFT must be whole numbers of hours from 1 to 71, separated by "
        f"commas (e.g. 48,24,6), not {','.join(_breach_hours)!r}."
    )
BREACH_ALERT_HOURS_LEFT = tuple(sorted({int(h) for h in _breach_hours}, reverse=True))

# --- Sharing agreements ----------------------------------------------------------------------
# Calendar months from signature (or renewal) to review, and calendar days before the review
# date that the owner and IG are reminded (sharing/sweeps.py). See README.
SHARING_REVIEW_MONTHS = env_int("SHARING_REVIEW_MONTHS", 12, minimum=1, maximum=60)
SHARING_REVIEW_REMINDER_DAYS = env_int("SHARING_REVIEW_REMINDER_DAYS", 30, minimum=0, maximum=365)

# --- Compliance dashboard -------------------------------------------------------------------
# Performance = (answered in time + open in time) / all cases in the period, in per cent.
PERFORMANCE_RED_BELOW = env_int("PERFORMANCE_RED_BELOW", 85, minimum=0, maximum=100)
PERFORMANCE_AMBER_BELOW = env_int("PERFORMANCE_AMBER_BELOW", 90, minimum=0, maximum=100)
if PERFORMANCE_AMBER_BELOW < PERFORMANCE_RED_BELOW:
    raise ImproperlyConfigured("PERFORMANCE_AMBER_BELOW must not be below PERFORMANCE_RED_BELOW.")
REPORTS_TREND_WEEKS = env_int("REPORTS_TREND_WEEKS", 12, minimum=4, maximum=52)
REPORTS_YEAR_START_MONTH = env_int("REPORTS_YEAR_START_MONTH", 4, minimum=1, maximum=12)
# Dashboard and statistics read the summaries kept by reports.summaries (off: count the cases).
REPORTS_FROM_SUMMARIES = env_bool("REPORTS_FROM_SUMMARIES", True)
# Long lists count at most this many rows and offer pages only within them (workflow.pages).
LIST_MAX_ROWS = env_int("LIST_MAX_ROWS", 10_000, minimum=100, maximum=1_000_000)
# The public disclosure log: pages served from the cache for this long; pages per address a minute.
DISCLOSURE_LOG_CACHE_SECONDS = env_int("DISCLOSURE_LOG_CACHE_SECONDS", 300, minimum=0)
DISCLOSURE_LOG_RATE_PER_MINUTE = env_int("DISCLOSURE_LOG_RATE_PER_MINUTE", 60, minimum=1)

# --- The public request form ----------------------------------------------------------------
# Spam guards that never stop a person: a form sent sooner than this after it was shown is
# refused, and one address may send this many an hour. Behind a reverse proxy, say how many
# proxies add to X-Forwarded-For, so the limit applies to the visitor, not the proxy.
PUBLIC_FORM_MIN_SECONDS = env_int("PUBLIC_FORM_MIN_SECONDS", 3, minimum=0, maximum=60)
PUBLIC_FORM_MAX_PER_HOUR = env_int("PUBLIC_FORM_MAX_PER_HOUR", 5, minimum=1)
PUBLIC_FORM_TRUSTED_PROXIES = env_int("PUBLIC_FORM_TRUSTED_PROXIES", 0, minimum=0, maximum=5)

# --- Sign-in security (see README "Security") -----------------------------------------------
# Apps and middleware added here in one block, so the lists above stay easy to merge.
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "csp",
    "django_ratelimit",
    # Last, as its documentation asks: it wraps the authentication of everything above.
    "axes",
]
_after_auth = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
MIDDLEWARE[_after_auth:_after_auth] = [
    "django_otp.middleware.OTPMiddleware",
    "organisation.middleware.SignedInNoStoreMiddleware",
    "organisation.middleware.SecondFactorMiddleware",
]
MIDDLEWARE[1:1] = [
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
]
# The language: after the session, before CommonMiddleware (as Django's documentation asks).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware"),
    "organisation.language.LanguageCookieMiddleware",
)
# Last, as its documentation asks: turns a lockout raised during sign-in into the lockout page.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lockout (django-axes): per account and, separately, per address. The Nth wrong password in
# a row locks for the cool-off time; a correct password does not get through while locked.
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 6, minimum=3, maximum=50)
SIGN_IN_LOCKOUT_MINUTES = env_int("SIGN_IN_LOCKOUT_MINUTES", 30, minimum=1, maximum=24 * 60)
AXES_COOLOFF_TIME = SIGN_IN_LOCKOUT_MINUTES / 60  # hours, as axes reads it
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "organisation.netaddr.client_ip"
AXES_VERBOSE = False  # no start-up banner: command output stays one line
AXES_USERNAME_CALLABLE = "organisation.netaddr.sign_in_username"
AXES_SENSITIVE_PARAMETERS = ["password"]
# The address used for lockout and rate limits: behind N trusted reverse proxies, the Nth
# address from the right of X-Forwarded-For (anything further left the visitor could write).
# (PUBLIC_FORM_TRUSTED_PROXIES is its earlier name, still read.)
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", PUBLIC_FORM_TRUSTED_PROXIES, minimum=0, maximum=5)
# Password reset: requests allowed per address and per email address per hour.
PASSWORD_RESET_MAX_PER_HOUR = env_int("PASSWORD_RESET_MAX_PER_HOUR", 5, minimum=1)

# Two-factor authentication (django-otp): TOTP apps and single-use backup codes. Required for
# every role that sees personal data and for the administration site.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = COUNCIL_NAME
OTP_TOTP_THROTTLE_FACTOR = 1
# Administrators may remove a lost phone but never read anyone's secret or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Single sign-on with OpenID Connect (mozilla-django-oidc), e.g. Microsoft Entra ID. Off unless
# OIDC_ENABLED=true; a sign-in only ever matches an existing account by email.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_USERINFO_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_JWKS_ENDPOINT")
OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_LOGOUT_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGORITHM", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
# When true, an `amr` claim containing "mfa" from the identity provider counts as the second
# factor (Entra ID conditional access requiring MFA); otherwise staff still use this app's.
OIDC_MFA_FROM_AMR = env_bool("OIDC_MFA_FROM_AMR", False)
OIDC_BUTTON_LABEL = env_str("OIDC_BUTTON_LABEL", "Sign in with your council account")
if OIDC_ENABLED:
    _missing = [
        name
        for name, value in [
            ("OIDC_CLIENT_ID", OIDC_RP_CLIENT_ID),
            ("OIDC_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET),
            ("OIDC_AUTHORIZATION_ENDPOINT", OIDC_OP_AUTHORIZATION_ENDPOINT),
            ("OIDC_TOKEN_ENDPOINT", OIDC_OP_TOKEN_ENDPOINT),
            ("OIDC_USERINFO_ENDPOINT", OIDC_OP_USER_ENDPOINT),
            ("OIDC_JWKS_ENDPOINT", OIDC_OP_JWKS_ENDPOINT),
        ]
        if not value
    ]
    if _missing:
        raise ImproperlyConfigured(
            f"OIDC_ENABLED is true, so {', '.join(_missing)} must be set as well."
        )
    AUTHENTICATION_BACKENDS.append("organisation.oidc.StaffOIDCBackend")

# Content-Security-Policy (django-csp): nothing inline runs without the page's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

# /healthz answers ok / not ok to anyone; the detail needs this token (Authorization: Bearer)
# or a signed-in administrator.
HEALTHZ_TOKEN = env_str("HEALTHZ_TOKEN")

# Uploads: office documents are zip archives; refuse ones that expand beyond these (zip bombs).
UPLOAD_MAX_UNCOMPRESSED_MB = env_int("UPLOAD_MAX_UNCOMPRESSED_MB", 100, minimum=1, maximum=2000)
UPLOAD_MAX_COMPRESSION_RATIO = env_int("UPLOAD_MAX_COMPRESSION_RATIO", 100, minimum=10)

# django-ratelimit: the counters live in the shared cache. A cache outage lets requests
# through rather than stopping the public exercising a legal right (the failure is logged).
RATELIMIT_FAIL_OPEN = True
RATELIMIT_USE_CACHE = "default"
# django-ratelimit's list of supported caches predates Django's own Redis cache, whose
# add/incr are Redis's atomic SETNX/INCRBY: the counters are atomic with CACHE_URL set.
SILENCED_SYSTEM_CHECKS += ["django_ratelimit.W001"]
if not CACHE_URL:
    # The in-process cache counts per web process: right for the one-process demo; a
    # deployment with several processes sets CACHE_URL (README).
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003"]
