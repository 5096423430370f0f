"""Pages of a long list that cost the same on page 1 and on the last page.

Counting a list of a million cases, or jumping to its 20,000th page, makes PostgreSQL walk
every row before the ones shown. `BoundedPaginator` counts at most `cap` rows (a count over a
LIMITed subquery) and offers pages only within them; the list says "more than N" and asks
for a narrower filter beyond that. A caller that already knows the count (the report
summaries) passes it, and no count query runs at all.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


def max_rows() -> int:
    return settings.LIST_MAX_ROWS


class BoundedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int | None = None, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap or max_rows()
        self._known = count

    @cached_property
    def full_count(self) -> int:
        """The number of rows, or cap + 1 when there are more than `cap`."""
        if self._known is not None:
            return self._known
        # Without its ORDER BY: counting needs no sort, only to stop at cap + 1 rows.
        rows = self.object_list
        limited = (rows.order_by() if isinstance(rows, QuerySet) else rows)[: self.cap + 1]
        return limited.count() if isinstance(limited, QuerySet) else len(limited)

    @cached_property
    def count(self) -> int:
        return min(self.full_count, self.cap)

    @property
    def more(self) -> bool:
        """True when the list goes on beyond the pages offered."""
        return self.full_count > self.cap


def page_window(page, around: int = 1) -> list[int | None]:
    """The page numbers to link: the first, the last, the current one and its neighbours;
    None stands for an ellipsis, and a gap of a single page shows that page instead."""
    last, current = page.paginator.num_pages, page.number
    wanted = {1, last, *range(max(1, current - around), min(last, current + around) + 1)}
    numbers: list[int | None] = []
    previous = 0
    for number in sorted(wanted):
        if number - previous == 2:
            numbers.append(number - 1)
        elif number - previous > 2:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers
