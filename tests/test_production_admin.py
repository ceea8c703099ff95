"""Admin protection: TOTP second factor, lock-out after 5 wrong passwords, idle time-out."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import OTP_ADMIN_PASSWORD, current_totp_token, login_without_otp


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        username="redacteur", email="redacteur@erbij.example", password=OTP_ADMIN_PASSWORD
    )


def password_login(client, username, password):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="10.0.0.5",
    )


@pytest.mark.django_db
def test_user_without_device_is_sent_to_setup(client, editor):
    login_without_otp(client, editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/setup/?next=/admin/pages/")
    # Other admin pages, the dashboard included, are closed too.
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/setup/")


@pytest.mark.django_db
def test_setup_confirms_device_with_valid_code(client, editor):
    login_without_otp(client, editor)
    page = client.get("/admin/2fa/setup/?next=/admin/pages/")
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=editor, confirmed=False)

    wrong = client.post("/admin/2fa/setup/", {"otp_token": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post(
        "/admin/2fa/setup/", {"otp_token": current_totp_token(device), "next": "/admin/pages/"}
    )
    assert done.status_code == 302
    assert done["Location"] == "/admin/pages/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/admin/pages/").status_code == 200


@pytest.mark.django_db
def test_user_with_device_must_enter_code(client, otp_admin):
    user, device = otp_admin
    response = password_login(client, user.username, OTP_ADMIN_PASSWORD)
    assert response.status_code == 302
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 302
    assert dashboard["Location"].startswith("/admin/2fa/verify/?next=/admin/")

    assert client.post("/admin/2fa/verify/", {"otp_token": "123456", "next": "/admin/"}).status_code == 200
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post("/admin/2fa/verify/", {"otp_token": current_totp_token(device), "next": "/admin/"})
    assert ok.status_code == 302
    assert ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_verify_refuses_offsite_next(client, otp_admin):
    user, device = otp_admin
    login_without_otp(client, user)
    ok = client.post(
        "/admin/2fa/verify/", {"otp_token": current_totp_token(device), "next": "https://evil.example/"}
    )
    assert ok["Location"] == "/admin/"


@pytest.mark.django_db
def test_force_login_helper_marks_session_verified(admin_client, logged_in_admin):
    assert admin_client.get("/admin/").status_code == 200
    assert logged_in_admin.get("/admin/pages/").status_code == 200


@pytest.mark.django_db
def test_lockout_after_five_wrong_passwords(client, editor):
    for _ in range(4):
        response = password_login(client, "redacteur", "verkeerd")
        assert response.status_code == 200  # the login form again, with an error
    fifth = password_login(client, "redacteur", "verkeerd")
    assert fifth.status_code == 429 or fifth.status_code == 403
    assert "Te vaak een verkeerd wachtwoord" in fifth.content.decode()
    # Now even the right password is refused.
    locked = password_login(client, "redacteur", OTP_ADMIN_PASSWORD)
    assert locked.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_four_wrong_passwords_then_right_one_logs_in(client, editor):
    for _ in range(4):
        password_login(client, "redacteur", "verkeerd")
    response = password_login(client, "redacteur", OTP_ADMIN_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.django_db
def test_idle_session_expires_after_30_minutes(settings, admin_client, admin_user):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert admin_client.get("/admin/").status_code == 200
    session = Session.objects.get(session_key=admin_client.session.session_key)
    # Every request slides the expiry to 30 minutes from now.
    remaining = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)

    # 31 minutes without a request: the session is gone and the admin asks for a login again.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(minutes=1))
    response = admin_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
