import json

import factory
import wagtail_factories

from .models import ContentPage, HomePage


def stream(*blocks):
    """Raw StreamField data from (block_type, value) pairs, as the admin would save it."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Erbij"
    slug = factory.Sequence(lambda n: f"home-{n}")
    body = factory.LazyFunction(
        lambda: stream(
            (
                "hero",
                {
                    "title": "Samen tegen eenzaamheid",
                    "text": "",
                    "image": None,
                    "image_alt": "",
                    "link": {"page": None, "url": "", "text": ""},
                },
            )
        )
    )

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pagina {n}")
    intro = "Een korte introductie in eenvoudige taal."
    body = factory.LazyFunction(lambda: stream(("paragraph", "<p>Tekst van de pagina.</p>")))

    class Meta:
        model = ContentPage
