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


# The Netherlands, generously: (latitude range, longitude range) in WGS84 degrees.
NL_BOUNDS = ((50.6, 53.7), (3.2, 7.3))


def validate_latitude(value):
    if value is None:
        return
    if not -90 <= value <= 90:
        raise ValidationError(
            _("Een breedtegraad ligt tussen -90 en 90, bijvoorbeeld 51.8133."), code="invalid_latitude"
        )


def validate_longitude(value):
    if value is None:
        return
    if not -180 <= value <= 180:
        raise ValidationError(
            _("Een lengtegraad ligt tussen -180 en 180, bijvoorbeeld 4.6901."), code="invalid_longitude"
        )
