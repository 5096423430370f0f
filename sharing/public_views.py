"""The public register of sharing agreements (no sign-in): a page, a CSV and a JSON file, all
built from sharing.public.public_rows."""

import csv
import io
import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from organisation.csv_export import safe_cell
from sharing import public

PAGE_SIZE = 20


def _cell(value) -> str:
    """A spreadsheet must not run a cell as a formula (CSV injection)."""
    return safe_cell("; ".join(value) if isinstance(value, list) else value)


@require_GET
def register(request):
    q = request.GET.get("q", "").strip()[:200]
    sort = request.GET.get("sort", "title")
    if sort not in public.SORTS:
        sort = "title"
    page_obj = Paginator(public.published(q, sort), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    base_query = f"{params.urlencode()}&" if params else ""
    params.pop("sort", None)
    base_query_without_sort = f"{params.urlencode()}&" if params else ""
    return render(
        request,
        "sharing/public_register.html",
        {
            "rows": public.public_rows(page_obj.object_list),
            "page_obj": page_obj,
            "q": q,
            "sort": sort,
            "base_query": base_query,
            "base_query_without_sort": base_query_without_sort,
        },
    )


# The CSV and JSON files are open data: the same values whatever language the visitor reads
# the page in (the headings and keys are fixed English), so they are built in English.


@require_GET
def register_csv(request):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([heading for _, heading in public.PUBLIC_COLUMNS])
    with translation.override(settings.LANGUAGE_CODE):
        rows = public.public_rows()
    for row in rows:
        writer.writerow([_cell(row[key]) for key, _ in public.PUBLIC_COLUMNS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sharing-agreements.csv"'
    return response


@require_GET
def register_json(request):
    with translation.override(settings.LANGUAGE_CODE):
        body = {"agreements": public.public_rows()}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
