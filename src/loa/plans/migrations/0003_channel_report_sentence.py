from django.db import migrations, models


def fill(apps, schema_editor):
    from loa.plans.catalogue import fill_report_sentences

    fill_report_sentences(apps.get_model("plans", "Channel"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_seed_catalogues")]
    operations = [
        migrations.AddField(
            model_name="channel",
            name="report_sentence",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Câu viết ở mục “Công tác tuyên truyền CCHC” của báo cáo; {số lượng} và {đơn vị tính} "
                    "được thay bằng số liệu của kỳ. Để trống: Loa tự viết từ tên hình thức và đơn vị tính."
                ),
                max_length=300,
                verbose_name="câu viết trong báo cáo",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
