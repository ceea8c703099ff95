import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

KVK_PATTERN = re.compile(r"^\d{8}$")


def validate_kvk_number(value):
    """A KvK (Chamber of Commerce) number is exactly 8 digits."""
    if not KVK_PATTERN.match(value or ""):
        raise ValidationError(
            _("Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678."),
            code="invalid_kvk",
        )
