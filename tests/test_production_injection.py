"""Editor input and search queries cannot run script on the public site.

Each payload goes into every kind of text an editor fills in: page title, SEO title, description,
intro, and StreamField blocks (heading, quote, call to action, FAQ, contact card) and rich text.
Rich text goes through Wagtail's own editor conversion (HTML -> Draftail contentstate -> HTML),
as when an editor pastes it, and as typed text. The published page is parsed and must contain no
inline script, no event-handler attribute, no javascript:/data: URL and no injected frame/object.
"""

import json
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.blocks import URLBlock

from home.blocks import RICH_TEXT_FEATURES
from home.factories import ContentPageFactory, stream

PAYLOADS = [
    '<script>alert("xss")</script>',
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    '<a href=" jAvAsCrIpT:alert(1)">klik</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext></p><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "{{ request.META }}{% debug %}",
]

DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "applet", "frame", "frameset"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}


class ScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            src = attrs.get("src") or ""
            if not src.startswith("/static/") or attrs.get("type") not in (None, "module"):
                self.problems.append(f"script tag {attrs}")
            self.in_script = True
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("meta refresh")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name == "style" and value and "javascript" in value.lower():
                self.problems.append(f"style with script on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                cleaned = "".join(value.split()).lower()
                if cleaned.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append(f"inline script body {data[:60]!r}")


def problems_in(html):
    finder = ScriptFinder()
    finder.feed(html)
    return finder.problems


def editor_rich_text(html):
    """What Wagtail stores after an editor pastes this HTML into the rich text editor."""
    # The browser parses pasted HTML into a DOM first; BeautifulSoup stands in for that here.
    normalised = str(BeautifulSoup(html, "html.parser"))
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    return converter.to_database_format(converter.from_database_format(normalised))


def typed_rich_text(text):
    """What Wagtail stores when an editor types this text into the rich text editor."""
    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    return converter.to_database_format(json.dumps(contentstate))


def test_checker_catches_raw_payloads():
    # The checker itself works: raw payloads (without Wagtail in between) are flagged.
    flagged = [p for p in PAYLOADS if problems_in(p)]
    assert len(flagged) >= len(PAYLOADS) - 2  # the template-tag one and plain text are not HTML


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rich_text_conversion_strips_script(payload):
    assert problems_in(editor_rich_text(payload)) == []
    assert problems_in(typed_rich_text(payload)) == []


def test_url_fields_refuse_javascript_links():
    for url in ["javascript:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>"]:
        with pytest.raises(ValidationError):
            URLBlock().clean(url)


def page_with_payload(parent, payload, index):
    body = stream(
        ("heading", {"text": payload, "level": "h2"}),
        ("paragraph", editor_rich_text(payload)),
        ("paragraph", typed_rich_text(payload)),
        ("quote", {"quote": payload, "attribution": payload}),
        (
            "call_to_action",
            {"title": payload, "text": payload, "link": {"page": parent.pk, "url": "", "text": payload}},
        ),
        (
            "faq",
            {
                "title": payload,
                "items": [{"question": payload, "answer": editor_rich_text(payload)}],
            },
        ),
        (
            "contact_card",
            {"name": payload, "role": payload, "email": "", "phone": payload, "text": payload},
        ),
    )
    page = ContentPageFactory.build(
        title=payload[:200],
        seo_title=payload[:200],
        search_description=payload,
        intro=payload,
        slug=f"payload-{index}",
        body=body,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_payloads_in_every_editor_field_do_not_run(client, home_page):
    baseline = client.get("/nl/").content.decode()
    assert problems_in(baseline) == []
    for index, payload in enumerate(PAYLOADS):
        page = page_with_payload(home_page, payload, index)
        response = client.get(page.url)
        assert response.status_code == 200, payload
        html = response.content.decode()
        assert problems_in(html) == [], (payload, problems_in(html))
        # Nothing an editor types is evaluated as a template.
        assert "HTTP_HOST" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_query_is_not_executed(client, home_page, payload):
    # Queries are reduced to plain words (home/text.py), so no payload upsets a search backend.
    response = client.get("/nl/zoeken/", {"query": payload})
    assert response.status_code == 200
    assert problems_in(response.content.decode()) == []
