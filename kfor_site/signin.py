"""
Sign-in throttling beyond what django-axes does on its own. Axes locks an
address after AXES_FAILURE_LIMIT failures, whatever usernames it tried; here, a username is
counted whatever its letter case ("Editor" and "editor" are one account), and
an account tried from many addresses is locked for everyone once the failures
from all of them reach AXES_ACCOUNT_FAILURE_LIMIT within the cool-off time.
"""

import logging

from axes.attempts import get_cool_off_threshold
from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

log = logging.getLogger("axes")


def username_key(request, credentials=None):
    """The username as axes counts it (AXES_USERNAME_CALLABLE): stripped and case-folded."""
    data = credentials if credentials is not None else getattr(request, "POST", {})
    return (data.get(settings.AXES_USERNAME_FORM_FIELD) or "").strip().casefold() or None


class AccountLockoutBackend:
    """
    Refuses every sign-in to an account that too many failures, from any addresses, have locked.
    It authenticates nobody and has no get_user(), so sessions are never tied to it.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        key = username_key(request, {settings.AXES_USERNAME_FORM_FIELD: username})
        if request is None or key is None:
            return None
        failures = (AccessAttempt.objects.filter(username=key, attempt_time__gte=get_cool_off_threshold(request))
                    .aggregate(n=Sum("failures_since_start"))["n"] or 0)
        if failures >= settings.AXES_ACCOUNT_FAILURE_LIMIT:
            # Logged the same whether or not an account has this username: the log never says which exist.
            log.warning("Sign-in locked for username %r after %d failures from any addresses.", key, failures)
            request.axes_locked_out = True  # AxesMiddleware answers with the locked-out page
            raise AxesBackendPermissionDenied("Too many failed sign-ins for this account.")
        return None
