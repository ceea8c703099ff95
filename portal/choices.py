"""Plain-language choices of the forms. Values are stable; labels are translated."""

from django.utils.translation import gettext_lazy as _

HELP_KIND_CHOICES = [
    ("talk", _("Iemand om mee te praten")),
    ("meet", _("Andere mensen ontmoeten")),
    ("buddy", _("Een maatje voor samen iets doen")),
    ("activity", _("Een activiteit bij mij in de buurt")),
    ("practical", _("Hulp bij iets praktisch")),
    ("other", _("Iets anders")),
]

FOR_WHOM_CHOICES = [
    ("self", _("Voor mijzelf")),
    ("other", _("Voor iemand anders")),
]

CONTACT_TIME_CHOICES = [
    ("any", _("Maakt niet uit")),
    ("morning", _("'s Ochtends")),
    ("afternoon", _("'s Middags")),
    ("evening", _("'s Avonds")),
]

SERVICE_CATEGORY_CHOICES = [
    ("meeting", _("Ontmoeting")),
    ("buddy", _("Maatje of bezoek")),
    ("listening", _("Luisterend oor")),
    ("activity", _("Activiteit of cursus")),
    ("practical", _("Praktische hulp")),
    ("advice", _("Informatie en advies")),
    ("other", _("Anders")),
]
