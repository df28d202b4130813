"""Django settings, driven by ``BMNN_`` environment variables (see bmnn.core.config)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from bmnn.core import config

CFG = config.load()
DATA_DIR: Path = CFG.data_dir
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = config.secret_from("BMNN_SECRET_KEY_FILE", DATA_DIR / "secret_key", 48)[0].decode()
VAULT_KEY_FILE = CFG.vault_key_path
AUDIT_KEY_FILE = CFG.audit_key_path
DEBUG = CFG.debug
ALLOWED_HOSTS = CFG.allowed_hosts

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "bmnn.core",
    "bmnn.organizations",
    "bmnn.vault",
    "bmnn.registry",
    "bmnn.custody",
    "bmnn.copying",
    "bmnn.movement",
    "bmnn.inventory",
    "bmnn.lifecycle",
    "bmnn.deadlines",
    "bmnn.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bmnn.core.middleware.RequestContextMiddleware",
    "bmnn.core.middleware.IdleTimeoutMiddleware",
    "bmnn.core.middleware.LoginRequiredMiddleware",
    "bmnn.core.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bmnn.web.urls"
WSGI_APPLICATION = "bmnn.core.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bmnn.web.context.navigation",
                "bmnn.web.topbar.badges",
            ],
        },
    },
]


def _database() -> dict:
    db: dict = dict(dj_database_url.parse(CFG.database_url, conn_max_age=0))
    if db["ENGINE"] == "django.db.backends.sqlite3":
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        db["OPTIONS"] = {
            # WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock at BEGIN so
            # concurrent writers queue instead of failing with "database is locked" mid-transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
        db.setdefault("TEST", {})["NAME"] = str(DATA_DIR / "test.sqlite3")
    return db


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "bmnn.core.passwords.CharacterClassValidator"},
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Sessions: expire after inactivity (sliding window) and when the browser closes.
SESSION_COOKIE_AGE = CFG.session_idle_seconds
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_HTTPONLY = True
BMNN_SESSION_IDLE_SECONDS = CFG.session_idle_seconds

# Lockout after repeated failures (django-axes).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/lockout.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "BMNN"

# Strict Content Security Policy: nothing inline, nothing from outside.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [Path(__file__).resolve().parent.parent / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if CFG.email_host
    else "django.core.mail.backends.dummy.EmailBackend"
)
EMAIL_HOST = CFG.email_host or "localhost"
EMAIL_PORT = CFG.email_port
EMAIL_HOST_USER = CFG.email_user
EMAIL_HOST_PASSWORD = CFG.email_password
EMAIL_USE_TLS = CFG.email_tls
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = CFG.email_from

# Deadlines and reminders (bmnn.deadlines): lead times in days, the base URL put in e-mail links, and
# the queue (empty = embedded SqliteHuey in the data dir; redis://… = RedisHuey and `bmnn worker`).
BMNN_REMINDER_LEAD_DAYS = CFG.reminder_lead_days
BMNN_PUBLIC_URL = CFG.public_url
BMNN_QUEUE_URL = CFG.queue_url

# Lifecycle (bmnn.lifecycle): the place on the date line of documents (empty: from the agency tree) and
# what a change of level does to the protection period (keep | determination | adjustment).
BMNN_DOCUMENT_PLACE = CFG.document_place
BMNN_ADJUSTMENT_PERIOD = CFG.adjustment_period

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {"TITLE": "bmnn API", "VERSION": "0.1.0", "SERVE_INCLUDE_SCHEMA": False}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Paths used by the request gates (kept here so middleware needs no URL reversing at import time).
LOGIN_URL_PATH = "/dang-nhap/"
OTP_URL_PATHS = {"otp_verify": "/xac-thuc/", "otp_setup": "/xac-thuc/thiet-lap/"}
CSRF_FAILURE_VIEW = "bmnn.web.views.csrf_failure"

# Audit trail: sign a checkpoint every N events (0 turns automatic checkpoints off).
AUDIT_CHECKPOINT_EVERY = int(os.environ.get("BMNN_AUDIT_CHECKPOINT_EVERY", "1000"))
