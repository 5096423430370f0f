from django.db import migrations

from requests_app.exemption_library import LIBRARY


def load(apps, schema_editor):
    Exemption = apps.get_model("requests_app", "Exemption")
    for law, code, title, qualified in LIBRARY:
        Exemption.objects.update_or_create(
            law=law, code=code, defaults={"title": title, "qualified": qualified}
        )


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
