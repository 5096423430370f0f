from django.db import migrations

from requests_app import exemption_library


def load(apps, schema_editor):
    exemption_library.load(apps.get_model("requests_app", "Exemption"))


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
