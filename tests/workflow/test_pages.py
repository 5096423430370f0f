"""workflow.pages: the page links shown, and a count that stops at the cap."""

import pytest
from django.core.paginator import Paginator

from workflow.pages import BoundedPaginator, page_window


@pytest.mark.parametrize(
    ("pages", "current", "expected"),
    [
        (1, 1, [1]),
        (3, 2, [1, 2, 3]),
        (5, 1, [1, 2, None, 5]),
        (7, 4, [1, 2, 3, 4, 5, 6, 7]),
        (40000, 20000, [1, None, 19999, 20000, 20001, None, 40000]),
        (40000, 40000, [1, None, 39999, 40000]),
        (10, 3, [1, 2, 3, 4, None, 10]),
    ],
)
def test_page_window(pages, current, expected):
    page = Paginator(range(pages), 1).page(current)
    assert page_window(page) == expected


def test_the_count_stops_at_the_cap():
    paginator = BoundedPaginator(list(range(1000)), 10, cap=100)
    assert (paginator.count, paginator.num_pages, paginator.more) == (100, 10, True)
    assert paginator.get_page(50).number == 10


def test_a_known_count_is_used_as_it_is():
    paginator = BoundedPaginator([], 10, cap=100, count=42)
    assert (paginator.count, paginator.full_count, paginator.more) == (42, 42, False)
