"""The block library validates what editors would get wrong."""

import pytest
from wagtail.blocks import StructBlockValidationError

from home.blocks import HeroBlock, ImageBlock, LinkBlock
from home.text import clean_search_query


def test_a_link_needs_a_page_or_an_address_but_not_both(home_page):
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": "", "text": "Lees meer"}))
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python({"page": home_page.pk, "url": "https://example.org", "text": "Lees meer"})
        )
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": "https://example.org", "text": ""}))
    assert block.clean(block.to_python({"page": None, "url": "https://example.org", "text": "Lees meer"}))
    optional = LinkBlock(required=False)
    assert optional.clean(optional.to_python({"page": None, "url": "", "text": ""}))["url"] == ""


def test_image_block_requires_alt_text():
    block = ImageBlock()
    assert block.child_blocks["alt_text"].required
    assert block.child_blocks["image"].required
    assert not block.child_blocks["caption"].required


def test_hero_with_image_requires_alt_text(db):
    from wagtail.images.tests.utils import Image, get_test_image_file

    image = Image.objects.create(title="Koffie", file=get_test_image_file())
    block = HeroBlock()
    value = block.to_python(
        {
            "title": "Welkom",
            "text": "",
            "image": image.pk,
            "image_alt": "",
            "link": {"page": None, "url": "", "text": ""},
        }
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "image_alt" in error.value.block_errors


def test_every_block_sets_icon_template_and_label():
    from wagtail.blocks import Block

    from home import blocks as library

    for name in dir(library):
        candidate = getattr(library, name)
        if (
            isinstance(candidate, type)
            and issubclass(candidate, Block)
            and candidate.__module__ == library.__name__
        ):
            meta = candidate._meta_class
            assert getattr(meta, "icon", None), name
            assert getattr(meta, "template", None), name
            assert getattr(meta, "label", None), name


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Samen Eten", "samen eten"),
        ('"(AND OR NOT*~^:\\', "and or not"),
        ("eten\x00drinken", "eten drinken"),
        ("x" * 500, "x" * 200),
        (None, ""),
        (["lijst"], ""),
    ],
)
def test_search_queries_are_cleaned_of_syntax(raw, clean):
    assert clean_search_query(raw) == clean
