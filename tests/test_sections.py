"""Finding a section by id or by the words a commissioner would type."""

from __future__ import annotations

import pytest

from assistant.sections import find_section
from indexer.errors import NotFound


@pytest.fixture
def outline(indexed):
    return indexed.sections()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("framework/annex-c", "framework/annex-c"),
        ("primary care networks", "plan/chapter-1/primary-care-networks-of"),
        ("Next steps", "framework/9-next-steps"),
        ("headline metrics", "framework/annex-c"),
    ],
)
def test_section_found_by_id_or_words(outline, typed, expected):
    assert find_section(typed, outline).id == expected


def test_unknown_section_suggests_the_closest(outline):
    with pytest.raises(NotFound) as error:
        find_section("primary care netwrks", outline)
    assert "plan/chapter-1/primary-care-networks-of" in str(error.value)
