"""CSV downloads that are safe to open in a spreadsheet.

A cell that starts with =, +, -, @, a tab or a carriage return could be run as a formula by
Excel or LibreOffice (CSV or "formula" injection, OWASP). Such text cells get a leading single
quote, which spreadsheets show as text. Numbers are written as numbers.
"""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


def _headers(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(filename: str, rows: Iterable[Iterable]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(safe_row(row))
    return _headers(
        HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), filename
    )


class _Echo:
    def write(self, value):
        return value


def csv_stream(filename: str, rows: Iterable[Iterable]) -> StreamingHttpResponse:
    """For long lists: rows are written as they are read from the database."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(safe_row(row)) for row in rows), content_type="text/csv; charset=utf-8"
    )
    return _headers(response, filename)
