"""PerfLoop settings, read from the environment.

PERFLOOP_SECRET_KEY, PERFLOOP_DEBUG, PERFLOOP_ALLOWED_HOSTS and DATABASE_URL
configure a deployment; `make run` sets PERFLOOP_DEBUG=1 for a local demo.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("PERFLOOP_DEBUG")

SECRET_KEY = os.environ.get("PERFLOOP_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # Production mode must never run with a guessable key.
        raise ImproperlyConfigured(
            "PERFLOOP_SECRET_KEY is not set. Set it to a long random value, "
            "or set PERFLOOP_DEBUG=1 for a local development server."
        )
    SECRET_KEY = "django-insecure-perfloop-local-development-only"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("PERFLOOP_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "perfloop.home.vendor.AxesConfig",
    "ninja",
    "perfloop.home.vendor.TasksConfig",
    "perfloop.org",
    "perfloop.reviews",
    "perfloop.feedback",
    "perfloop.plans",
    "perfloop.plans.tracking",
    "perfloop.insights",
    "perfloop.rounds",
    "perfloop.notify",
    "perfloop.webhooks",
    "perfloop.directory",
    "perfloop.training",
    "perfloop.careers",
    "perfloop.imports",
    "perfloop.access",
    "perfloop.accounts",
    "perfloop.home",
    "perfloop.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "perfloop.access.middleware.NoStoreMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "perfloop.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "perfloop.urls"
FORM_RENDERER = "perfloop.home.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "perfloop" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "perfloop.access.context_processors.roles",
                "perfloop.home.context_processors.menu",
            ],
        },
    },
]

WSGI_APPLICATION = "perfloop.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # A connection per worker kept for ten minutes in production (checked before reuse): opening
        # one per request costs more than most pages' queries.
        conn_max_age=int(os.environ.get("PERFLOOP_DB_CONN_MAX_AGE", "0" if DEBUG else "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while a writer works; IMMEDIATE avoids "database is locked" on upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "perfloop.accounts.backends.ModelBackend",  # Django's, reading the signed-in user without the ORM
]
SESSION_ENGINE = "perfloop.accounts.sessions"  # Django's database sessions, read without the ORM

# Failed logins (perfloop/accounts/lockout.py): 5 failures lock a username at one address for 15
# minutes, 20 lock the username everywhere (the person unlocks it by a password reset e-mail);
# an address (an office behind one proxy) is never locked: after 50 failures it may try once
# every 10 seconds. Failures on one name never lock another person out.
# Sign-in with the company's directory (perfloop/directory/): how a directory account is matched
# to its employee when not yet linked, in this order.
PERFLOOP_SIGNIN_MATCH = [
    f.strip() for f in os.environ.get("PERFLOOP_SIGNIN_MATCH", "employee_no,email,mobile").split(",")
    if f.strip() in ("employee_no", "email", "mobile")
]  # fmt: skip
# LDAP / Active Directory: off unless PERFLOOP_LDAP_URL is set (python-ldap: `uv sync --group ldap`).
PERFLOOP_LDAP_URL = os.environ.get("PERFLOOP_LDAP_URL", "")
PERFLOOP_LDAP_ATTRIBUTES = {
    "id": os.environ.get("PERFLOOP_LDAP_ID_ATTRIBUTE", "entryUUID"),  # Active Directory: objectGUID
    "employee_no": os.environ.get("PERFLOOP_LDAP_NUMBER_ATTRIBUTE", "employeeNumber"),
    "email": "mail",
    "mobile": "mobile",
}
# Members of these groups (DNs) are made HR for the whole organisation / administrators at sign-in.
PERFLOOP_LDAP_ROLE_GROUPS = {
    "hr": os.environ.get("PERFLOOP_LDAP_HR_GROUP", ""),
    "admin": os.environ.get("PERFLOOP_LDAP_ADMIN_GROUP", ""),
}
# The organisation's sync from LDAP: the units under this base are departments (default: the
# user search base), the entries the filter finds under it are people (Active Directory: add
# "(!(userAccountControl:1.2.840.113556.1.4.803:=2))" to leave out disabled accounts).
PERFLOOP_LDAP_DEPARTMENT_BASE = os.environ.get("PERFLOOP_LDAP_DEPARTMENT_BASE", "")
# A scheduled directory sync (`sync_directory --if-due` from the reminders' timer) every this many minutes.
PERFLOOP_DIRECTORY_SYNC_MINUTES = int(os.environ.get("PERFLOOP_DIRECTORY_SYNC_MINUTES", "60"))
PERFLOOP_LDAP_PEOPLE_FILTER = os.environ.get("PERFLOOP_LDAP_PEOPLE_FILTER", "(objectClass=inetOrgPerson)")
if PERFLOOP_LDAP_URL:
    from perfloop.directory.ldap_config import auth_settings

    globals().update(
        auth_settings(
            url=PERFLOOP_LDAP_URL,
            bind_dn=os.environ.get("PERFLOOP_LDAP_BIND_DN", ""),
            bind_password=os.environ.get("PERFLOOP_LDAP_BIND_PASSWORD", ""),
            base=os.environ["PERFLOOP_LDAP_BASE"],
            user_filter=os.environ.get("PERFLOOP_LDAP_USER_FILTER", "(uid=%(user)s)"),
            group_base=os.environ.get("PERFLOOP_LDAP_GROUP_BASE", ""),
            group_type=os.environ.get("PERFLOOP_LDAP_GROUP_TYPE", "groupOfNames"),
            id_attribute=PERFLOOP_LDAP_ATTRIBUTES["id"],
        )
    )
    AUTHENTICATION_BACKENDS.insert(1, "perfloop.directory.ldap.LDAPBackend")
# Sign-in with OpenID Connect, DingTalk, WeCom or Feishu (perfloop/directory/methods.py): each
# method's settings from PERFLOOP_<METHOD>_<NAME> (PERFLOOP_OIDC_CLIENT_ID, PERFLOOP_FEISHU_SECRET…),
# which the administrators' settings page may fill in or override; a method is on once its ids and
# secret are known. The services' addresses (PERFLOOP_<METHOD>_*_BASE) are the deployment's alone.
PERFLOOP_SIGNIN_ENVIRONMENT = {
    method: {
        name[len(prefix):].lower(): value for name, value in os.environ.items() if name.startswith(prefix) and value
    }
    for method, prefix in (("oidc", "PERFLOOP_OIDC_"), ("dingtalk", "PERFLOOP_DINGTALK_"),
                           ("wecom", "PERFLOOP_WECOM_"), ("feishu", "PERFLOOP_FEISHU_"))
}  # fmt: skip
AUTHENTICATION_BACKENDS += [
    "perfloop.directory.oidc.OIDCBackend",
    "perfloop.directory.backends.ServiceCodeBackend",
]
# Calls to the directory services' APIs: seconds to wait for an answer, the largest answer read,
# and a call the service found too frequent tried again after 1, 2, 4… seconds, 5 tries in all.
PERFLOOP_DIRECTORY_TIMEOUT = 10
PERFLOOP_DIRECTORY_MAX_ANSWER = 20 * 1024 * 1024
PERFLOOP_DIRECTORY_TRIES = 5
PERFLOOP_DIRECTORY_BACKOFF = 1.0
# Hosts an OpenID provider's addresses may name over plain http (a provider on the same machine).
PERFLOOP_DIRECTORY_HOSTS = [
    h.strip() for h in os.environ.get("PERFLOOP_DIRECTORY_HOSTS", "").split(",") if h.strip()
]
# mozilla-django-oidc: PKCE and a nonce on every sign-in; the provider answers within 10 seconds.
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "directory:oidc_callback"
AXES_FAILURE_LIMIT = int(os.environ.get("PERFLOOP_LOGIN_FAILURE_LIMIT", "5"))
PERFLOOP_LOGIN_USERNAME_FAILURE_LIMIT = int(os.environ.get("PERFLOOP_LOGIN_USERNAME_FAILURE_LIMIT", "20"))
PERFLOOP_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("PERFLOOP_LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
PERFLOOP_LOGIN_ADDRESS_WAIT_SECONDS = int(os.environ.get("PERFLOOP_LOGIN_ADDRESS_WAIT_SECONDS", "10"))
# The reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For is believed.
PERFLOOP_TRUSTED_PROXIES = [p for p in os.environ.get("PERFLOOP_TRUSTED_PROXIES", "").split(",") if p.strip()]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_CLIENT_IP_CALLABLE = "perfloop.accounts.lockout.client_address"
AXES_HANDLER = "perfloop.accounts.lockout.UsernameAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
FORMAT_MODULE_PATH = ["perfloop.formats"]  # one date style per language (formats/en)
LOCALE_PATHS = [BASE_DIR / "perfloop" / "locale"]
TIME_ZONE = os.environ.get("PERFLOOP_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "perfloop" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads (imports) are parsed in memory; keep them bounded.
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
PERFLOOP_IMPORT_MAX_BYTES = 20 * 1024 * 1024

# Scripts, styles, images and fonts come from this site only; templates have no inline scripts
# or style attributes (ECharts draws on a canvas; JSON data blocks are not scripts).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("PERFLOOP_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("PERFLOOP_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("PERFLOOP_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PERFLOOP_LOG_LEVEL", "WARNING")},
}

# Imports: every path (page, API, command) reads a file within these bounds, checked before parsing.
PERFLOOP_IMPORT_MAX_ROWS = int(os.environ.get("PERFLOOP_IMPORT_MAX_ROWS", "300000"))
PERFLOOP_IMPORT_MAX_COLUMNS = 100
PERFLOOP_IMPORT_MAX_UNCOMPRESSED = 200 * 1024 * 1024
PERFLOOP_IMPORT_MAX_RATIO = 100
# An organisation's Word template (a record layout): its parts and inflated size are bounded like a
# spreadsheet's, and it is filled in by a separate process with its own time and memory.
PERFLOOP_TEMPLATE_MAX_UNCOMPRESSED = 20 * 1024 * 1024
PERFLOOP_TEMPLATE_MAX_PARTS = 300
PERFLOOP_TEMPLATE_RENDER_SECONDS = int(os.environ.get("PERFLOOP_TEMPLATE_RENDER_SECONDS", "5"))
PERFLOOP_TEMPLATE_RENDER_MEMORY = 256 * 1024 * 1024  # beyond what the web worker already uses
PERFLOOP_TEMPLATE_MAX_OUTPUT = 30 * 1024 * 1024

# Mail (Django 6.1's MAILERS): invitations and notifications are e-mailed when a mail server is
# configured; otherwise e-mail is off (the inbox still works) and invitations are shown to HR.
# Without PERFLOOP_EMAIL_HOST nothing is given to the mailer (PERFLOOP_SENDS_MAIL is off); the entry
# stays the SMTP one so that the deploy check holds.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
if os.environ.get("PERFLOOP_EMAIL_HOST"):
    MAILERS["default"] = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ["PERFLOOP_EMAIL_HOST"],
            "port": int(os.environ.get("PERFLOOP_EMAIL_PORT", "25")),
            "username": os.environ.get("PERFLOOP_EMAIL_USER", ""),
            "password": os.environ.get("PERFLOOP_EMAIL_PASSWORD", ""),
            "use_tls": env_bool("PERFLOOP_EMAIL_TLS"),
            "timeout": 30,
        },
    }
DEFAULT_FROM_EMAIL = os.environ.get("PERFLOOP_EMAIL_FROM", "perfloop@localhost")
PERFLOOP_SENDS_MAIL = bool(os.environ.get("PERFLOOP_EMAIL_HOST"))
PERFLOOP_CHAT_BACKOFF = float(os.environ.get("PERFLOOP_CHAT_BACKOFF", "1"))  # seconds, doubled each try
# Group robots post to their service's own host over https; a company's gateway or proxy in front
# of them is named here (comma-separated host names), or the app would post wherever HR typed.
PERFLOOP_ROBOT_HOSTS = [h.strip() for h in os.environ.get("PERFLOOP_ROBOT_HOSTS", "").split(",") if h.strip()]
# Webhooks post to public https addresses only; hosts of the company's own network that may receive
# them are named here (comma-separated; http allowed for them).
PERFLOOP_WEBHOOK_HOSTS = [
    h.strip() for h in os.environ.get("PERFLOOP_WEBHOOK_HOSTS", "").split(",") if h.strip()
]
# A webhook delivery the receiver did not take is tried again after this many seconds, doubled each time.
PERFLOOP_WEBHOOK_BACKOFF = float(os.environ.get("PERFLOOP_WEBHOOK_BACKOFF", "60"))
# A delivery still `sending` or `pending` after this long is queued again by send_reminders.
PERFLOOP_DELIVERY_STALE_SECONDS = int(os.environ.get("PERFLOOP_DELIVERY_STALE_SECONDS", "600"))
# An e-mail that failed for a passing reason is tried again after this many seconds, doubled each time.
PERFLOOP_DELIVERY_BACKOFF = float(os.environ.get("PERFLOOP_DELIVERY_BACKOFF", "60"))
# Deliveries run as tasks on the database-backed queue (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The address links in e-mails and printed invitations point to.
PERFLOOP_BASE_URL = os.environ.get("PERFLOOP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
PERFLOOP_INVITATION_DAYS = int(os.environ.get("PERFLOOP_INVITATION_DAYS", "7"))
# How long a new API token works unless its holder chooses a shorter time (most 365 days).
PERFLOOP_TOKEN_DAYS = int(os.environ.get("PERFLOOP_TOKEN_DAYS", "90"))
