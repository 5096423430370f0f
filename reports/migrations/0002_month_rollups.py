"""Month rows beside the day rows (reports.models): `span` joins the unique key, and the
month rows are added up from the day rows already there, so a database upgraded without a
rebuild reads the same figures."""

from django.db import migrations, models
from django.db.models import Sum
from django.db.models.functions import TruncMonth

# reports.models.ROLLED_UP when this migration was written.
ROLLED_UP = ["received", "answered", "closed", "missed", "exemption"]
GROUPED = ["kind", "scope", "regime", "review", "outcome", "review_outcome", "flag", "state", "ref"]


def add_month_rows(apps, schema_editor):
    ReportCount = apps.get_model("reports", "ReportCount")
    days = ReportCount.objects.filter(span="d", kind__in=ROLLED_UP).exclude(n=0)
    # An exemption's day2 (the day of receipt) is rolled up by month too; the others' day2
    # is the "no date" day and is kept as it is.
    sources = [
        days.exclude(kind="exemption").annotate(month=TruncMonth("day"), month2=models.F("day2")),
        days.filter(kind="exemption").annotate(
            month=TruncMonth("day"), month2=TruncMonth("day2")
        ),
    ]
    batch = []
    for source in sources:
        totals = source.values("month", "month2", *GROUPED).annotate(total=Sum("n")).order_by()
        for row in totals.iterator(chunk_size=5000):
            fields = {name: row[name] for name in GROUPED}
            batch.append(
                ReportCount(
                    **fields, day=row["month"], day2=row["month2"], span="m", n=row["total"]
                )
            )
            if len(batch) >= 5000:
                ReportCount.objects.bulk_create(batch)
                batch = []
    ReportCount.objects.bulk_create(batch)


def remove_month_rows(apps, schema_editor):
    apps.get_model("reports", "ReportCount").objects.filter(span="m").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_summaries"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="reportcount",
            name="report_count_key",
        ),
        migrations.RemoveIndex(
            model_name="reportcount",
            name="report_count_scope_day",
        ),
        migrations.AddField(
            model_name="reportcount",
            name="span",
            field=models.CharField(default="d", max_length=1),
        ),
        migrations.AddIndex(
            model_name="reportcount",
            index=models.Index(
                fields=["kind", "scope", "span", "day"], name="report_count_span_day"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportcount",
            constraint=models.UniqueConstraint(
                fields=(
                    "kind",
                    "span",
                    "day",
                    "day2",
                    "scope",
                    "regime",
                    "review",
                    "outcome",
                    "review_outcome",
                    "flag",
                    "state",
                    "ref",
                ),
                name="report_count_key",
            ),
        ),
        migrations.RunPython(add_month_rows, remove_month_rows),
    ]
