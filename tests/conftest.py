import pytest
from django.core.management import call_command
from wagtail.models import Locale

from home.demo_utils import ensure_base_tree
from tests.utils import make_site_home


@pytest.fixture
def locales(db):
    """Dutch (default) and English, as the home migration creates them."""
    ensure_base_tree()
    return Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")


@pytest.fixture
def home_page(locales):
    """A published Dutch home page at the root of the default site."""
    return make_site_home(locale=locales[0])


@pytest.fixture
def demo(db):
    """The whole demo site, as `manage.py load_demo` builds it."""
    call_command("load_demo", verbosity=0)


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    """The demo site built once for a whole test module, and rolled back after it.

    Each test still runs in its own transaction inside this one (pytest-django's `db`), so tests
    cannot see each other's changes; building the demo once saves seconds per test. Only for
    modules whose tests use `db`, not `transactional_db`.
    """
    from django.core.cache import caches
    from django.db import transaction

    # The caches still hold what the previous module's last test left.
    for cache in caches.all():
        cache.clear()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def pytest_collection_modifyitems(items):
    """Browser tests last: they are the slowest, and quick failures should show first."""
    items.sort(key=lambda item: "tests/browser/" in str(item.path).replace("\\", "/"))


# --- Two-factor authentication in tests (issue 6) -------------------------------------------
# The admin asks every signed-in user for a TOTP code (config/twofactor.py). So that tests which
# sign in with `client.force_login(user)`, `client.login(...)`, Wagtail's `WagtailTestUtils.login()`
# or pytest-django's `admin_client` keep reaching /admin/, the test client's login also gives the
# user a confirmed TOTP device and marks the session verified, as django_otp.login(request, device)
# does after a correct code. To test the 2FA flow itself, sign in with
# `login_without_otp(client, user)` (or a real POST to /admin/login/).
# Browser tests: use the `otp_admin` fixture (user "editor-2fa", password OTP_ADMIN_PASSWORD) and
# `current_totp_token(device)` to type a valid code on /admin/2fa/verify/, or copy the session
# cookie of a logged-in test Client into the browser (`verified_session_cookie(user)`).
from django.test import Client as _DjangoClient  # noqa: E402

_original_login = _DjangoClient._login
OTP_ADMIN_PASSWORD = "erbij-test-wachtwoord-2fa"


def confirmed_totp_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_totp_token(device):
    """The code an authenticator app shows now for this device. A code is accepted once."""
    from django_otp.oath import totp

    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(device.digits)


def _login_verified(self, user, backend=None):
    # Client.login() and Client.force_login() both end in Client._login().
    from django_otp import DEVICE_ID_SESSION_KEY

    _original_login(self, user, backend)
    device = confirmed_totp_device(user)
    session = self.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def login_without_otp(client, user, backend=None):
    """Sign in with the password step only: the admin will ask for the second factor."""
    _original_login(client, user, backend or "django.contrib.auth.backends.ModelBackend")


@pytest.fixture(autouse=True)
def _otp_verified_force_login(monkeypatch):
    monkeypatch.setattr(_DjangoClient, "_login", _login_verified)


@pytest.fixture
def otp_admin(db, django_user_model):
    """A superuser with a known password and a confirmed TOTP device: (user, device)."""
    user = django_user_model.objects.create_superuser(
        username="editor-2fa", email="redacteur@erbij.example", password=OTP_ADMIN_PASSWORD
    )
    return user, confirmed_totp_device(user)


@pytest.fixture
def logged_in_admin(client, admin_user):
    """A test client signed in as a superuser, second factor done."""
    client.force_login(admin_user)
    return client


def verified_session_cookie(user, domain="localhost"):
    """A Playwright cookie dict for a session that passed both login steps."""
    from django.conf import settings

    client = _DjangoClient()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "domain": domain,
        "path": "/",
    }


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches: no page cached (config/pagecache.py) by an earlier
    test is served, and no rate-limit count carries over."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


# --- Live-server tests follow each other (browser tests) -------------------------------------
@pytest.fixture(scope="session", autouse=True)
def _skip_tree_sync_on_raw_saves():
    """Between transactional tests Django restores the serialised database with raw saves,
    possibly a LocaleSynchronization before its Locale; wagtail-localize's post_save receiver then
    looks the Locale up and fails. Raw saves (fixture loading) must never trigger a tree sync."""
    from django.db.models.signals import post_save
    from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

    def sync_unless_raw(instance, raw=False, **kwargs):
        if not raw:
            sync_trees_on_locale_sync_save(instance, **kwargs)

    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    post_save.connect(sync_unless_raw, sender=LocaleSynchronization, weak=False)
    yield
    post_save.disconnect(sync_unless_raw, sender=LocaleSynchronization)
    post_save.connect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
