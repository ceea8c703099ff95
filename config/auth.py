"""Authentication backends."""

from axes.backends import AxesStandaloneBackend


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, for logins that come in over HTTP.

    Every web login (Wagtail's login view) passes the request, so it is counted and locked out
    after AXES_FAILURE_LIMIT failures. A login without a request (the test client's ``login()``, a
    management command) has no client to lock out; axes would refuse it with an exception, this
    backend leaves it to the next backend instead.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
