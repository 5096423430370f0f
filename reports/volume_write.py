"""Writing many rows fast: PostgreSQL COPY instead of INSERT, for the volume data
(reports.volume) and the summaries' bulk counts (reports.summaries_bulk).

The rows are the same as the ORM would write: every concrete column of the model, defaults taken
from the model's fields. On another database (SQLite, for the demonstration) the same calls fall
back to bulk_create, slower but needing nothing PostgreSQL has.
"""

import datetime as dt
import io
import json
from collections.abc import Iterable

from django.db import connection, models

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def postgres() -> bool:
    return connection.vendor == "postgresql"


def _json(value) -> str:
    return json.dumps(value).translate(_ESCAPES)


def _escaped(value) -> str:
    return str(value).translate(_ESCAPES)


# How each type of value is written in COPY's text format (a lookup, not a chain of isinstance
# checks: this runs for every column of every row).
_FORMATS = {
    type(None): lambda value: "\\N",
    bool: lambda value: "t" if value else "f",
    int: str,
    str: _escaped,
    dt.date: dt.date.isoformat,
    dt.datetime: dt.datetime.isoformat,
    list: _json,
    dict: _json,
}


def _format(kind: type):
    for base in kind.__mro__:  # a str enum (a model's choices) is written as its str
        if base in _FORMATS:
            _FORMATS[kind] = _FORMATS[base]
            return _FORMATS[kind]
    return _escaped


def _text(value) -> str:
    """One value in COPY's text format."""
    kind = type(value)
    return (_FORMATS.get(kind) or _format(kind))(value)


def copy_rows(table: str, columns: list[str], rows: Iterable[Iterable]) -> None:
    buffer = io.StringIO()
    write = buffer.write
    for row in rows:
        write("\t".join([_text(v) for v in row]))
        write("\n")
    buffer.seek(0)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", buffer)  # our own names


def reserve_ids(model: type[models.Model], n: int) -> list[int]:
    """n new primary keys from the table's own sequence, so rows written by COPY can be
    referred to (COPY cannot return them)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, model._meta.pk.column, n],
        )
        return [row[0] for row in cursor.fetchall()]


def _fields(model) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def _defaults(model, now: dt.datetime) -> dict:
    """What a field not given holds: its default, or now for auto_now(_add) fields."""
    out = {}
    for f in _fields(model):
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            out[f.attname] = now
        elif not f.primary_key:
            out[f.attname] = f.get_default()
    return out


def row_class(model, *, now: dt.datetime) -> type:
    """A plain class for one model's rows: every column an attribute, filled with the field's
    default (a model instance costs several times as much to make, by the million)."""
    defaults = _defaults(model, now)
    pk_name = model._meta.pk.attname
    defaults[pk_name] = None

    class Row:
        def __init__(self, **values):
            self.__dict__.update(defaults)
            self.__dict__.update(values)

        @property
        def pk(self):
            return getattr(self, pk_name)

        @pk.setter
        def pk(self, value):
            setattr(self, pk_name, value)

    Row.__name__ = Row.__qualname__ = f"{model.__name__}Row"
    return Row


def write_objects(model, objs: list) -> None:
    """Insert rows made by `row_class(model)`, setting their primary keys."""
    if not objs:
        return
    fields = _fields(model)
    names = [f.attname for f in fields]
    if not postgres():
        pk_name = model._meta.pk.attname
        made = model.objects.bulk_create(
            [model(**{n: getattr(obj, n) for n in names if n != pk_name}) for obj in objs],
            batch_size=500,
        )
        for obj, instance in zip(objs, made, strict=True):
            obj.pk = instance.pk
        return
    for obj, pk in zip(objs, reserve_ids(model, len(objs)), strict=True):
        obj.pk = pk
    copy_rows(
        model._meta.db_table,
        [f.column for f in fields],
        ([getattr(obj, name) for name in names] for obj in objs),
    )


def write_dicts(model, rows: list[dict], *, now: dt.datetime) -> None:
    """Insert rows given as {attname: value} (no model instances: cheaper by the million)."""
    if not rows:
        return
    if not postgres():
        model.objects.bulk_create([model(**row) for row in rows], batch_size=500)
        return
    defaults = _defaults(model, now)
    fields = [f for f in _fields(model) if f.attname in defaults or f.attname in rows[0]]
    names = [f.attname for f in fields]
    copy_rows(
        model._meta.db_table,
        [f.column for f in fields],
        ([row.get(name, defaults.get(name)) for name in names] for row in rows),
    )


def analyse(models_: Iterable) -> None:
    """Refresh PostgreSQL's statistics after a bulk load, as autovacuum soon would, so the
    planner (and a benchmark run straight after) sees the tables as they now are."""
    if not postgres():
        return
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
