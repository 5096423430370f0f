"""URL converters shared by every app's urls.py.

`<id:pk>` is Django's `<int:pk>` limited to the values a database key can hold (a signed 64-bit
integer, PostgreSQL's bigint): a longer number in a URL is a page that does not exist (404),
never a database error.
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("beyond the largest database key")  # Django answers 404
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")
