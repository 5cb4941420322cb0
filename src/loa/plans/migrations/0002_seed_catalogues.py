from django.db import migrations


def seed(apps, schema_editor):
    from loa.plans.catalogue import install_catalogues

    install_catalogues(apps.get_model("plans", "Channel"), apps.get_model("plans", "ContentArea"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
