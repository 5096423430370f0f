"""Complaints record when they were finished (`closed_at`), for the retention schedule.

Existing complaints are filled from their timeline: a closed or withdrawn complaint from the
last "close" or "withdraw" event, one whose outcome was sent and never closed from when the
outcome was sent. Complaints still open stay empty."""

from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery

FINISHING_EVENT = {"closed": "close", "withdrawn": "withdraw"}


def fill(apps, schema_editor):
    Complaint = apps.get_model("requests_app", "Complaint")
    Event = apps.get_model("requests_app", "ComplaintEvent")
    for status, kind in FINISHING_EVENT.items():
        last = (
            Event.objects.filter(complaint=OuterRef("pk"), kind=kind)
            .values("complaint")
            .annotate(at=Max("at"))
            .values("at")
        )
        any_event = (
            Event.objects.filter(complaint=OuterRef("pk"))
            .values("complaint")
            .annotate(at=Max("at"))
            .values("at")
        )
        finished = Complaint.objects.filter(status=status, closed_at__isnull=True)
        finished.update(closed_at=Subquery(last))
        # No such event (a row made without the workflow): its last event of any kind.
        finished.filter(closed_at__isnull=True).update(closed_at=Subquery(any_event))
    Complaint.objects.filter(status="outcome_sent", closed_at__isnull=True).update(
        closed_at=models.F("outcome_sent_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0021_event_kinds_delivery_and_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="closed_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True),
        ),
        migrations.AddField(
            model_name="historicalcomplaint",
            name="closed_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
