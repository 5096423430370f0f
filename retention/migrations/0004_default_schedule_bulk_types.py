"""Default rules for the types added to the schedule: DPIAs, sign-in records, in-app
notifications and sent emails in the outbox. The figures and their sources are listed in the
README ("Retention and disposal"); the IG manager changes them in the product."""

from django.db import migrations

LIMITATION = "Limitation Act 1980 s5 (six years for a claim); councils' published schedules."
DPIA = (
    LIMITATION + " ICO guidance on DPIAs: keep the DPIA under review for as long as the "
    "processing lasts; a DPIA supporting a live sharing agreement is never due."
)
SIGN_IN = (
    "Security logs: MHCLG's logging standard (keep security and audit events for up to a year) "
    "and the MoJ security guidance (at least 6 months, no more than 2 years by default)."
)
NOTIFICATION = (
    "Transitory records (RMS Local Government Group guidance: kept only while needed); the "
    "case or record they point to keeps its own history."
)
OUTBOX = (
    "Transitory copy: the letter itself stays with its case, under the case's rule; the "
    "outbox keeps that the email was sent, to whom and its text only for a year."
)

DEFAULTS = [
    # record type, trigger, months, action, source
    ("dpia", "closure", 72, "review", DPIA),
    ("sign_in", "recorded", 12, "delete", SIGN_IN),
    ("notification", "recorded", 12, "delete", NOTIFICATION),
    ("outbox_email", "sent", 12, "anonymise", OUTBOX),
]


def seed(apps, schema_editor):
    Rule = apps.get_model("retention", "RetentionRule")
    for record_type, trigger, months, action, source in DEFAULTS:
        Rule.objects.get_or_create(
            record_type=record_type,
            outcome="",
            defaults={"trigger": trigger, "months": months, "action": action, "source": source},
        )


def unseed(apps, schema_editor):
    apps.get_model("retention", "RetentionRule").objects.filter(
        record_type__in=[row[0] for row in DEFAULTS], outcome=""
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("retention", "0003_bulk_types")]
    operations = [migrations.RunPython(seed, unseed)]
