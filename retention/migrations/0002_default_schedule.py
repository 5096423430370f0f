"""The default retention schedule. The IG manager changes it in the product; the figures and
their sources are listed in the README ("Retention and disposal")."""

from django.db import migrations

RMS = (
    "Records Management Society of Great Britain, Local Government Group: Retention Guidelines "
    "for Local Authorities (information management: requests for information)."
)
LIMITATION = "Limitation Act 1980 s5 (six years for a claim); councils' published schedules."

DEFAULTS = [
    # record type, trigger, months, action, source
    ("foi_eir", "closure", 36, "anonymise", RMS),
    ("internal_review", "closure", 72, "anonymise", RMS + " Kept longer: an ICO appeal or a "
     "tribunal may follow a review."),
    ("sar", "closure", 12, "anonymise", RMS),
    ("other_rights", "closure", 12, "anonymise", RMS),
    ("dp_complaint", "closure", 72, "anonymise", LIMITATION),
    ("breach", "closure", 72, "anonymise", LIMITATION + " Security incidents: six years from "
     "the end of the investigation."),
    ("sharing_agreement", "agreement_end", 72, "review", LIMITATION),
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
    apps.get_model("retention", "RetentionRule").objects.filter(outcome="").delete()


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
