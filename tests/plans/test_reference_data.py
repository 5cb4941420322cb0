"""Reference data as data (issue 9, item 2): annex rows, feed defaults and the codes code may name."""

import pathlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from loa.plans import catalogue, codes
from loa.plans.models import AnnexColumn, AnnexRow, Channel, ContentArea

SRC = pathlib.Path(catalogue.__file__).resolve().parents[1]


def test_the_migration_lays_out_biểu_02_and_maps_the_six_areas_to_its_rows(db):
    assert list(AnnexRow.objects.values_list("label", flat=True)) == [
        "Chỉ đạo điều hành",
        "Thể chế",
        "Thủ tục hành chính",
        "Tổ chức bộ máy",
        "Công vụ",
        "Tài chính công",
        "Chính phủ điện tử, chính phủ số",
        "Chỉ số CCHC, SIPAS, PAPI, PCI",
        "Mô hình, sáng kiến",
    ]
    mapped = dict(ContentArea.objects.values_list("short_name", "annex_row__label"))
    assert mapped == {
        "Thể chế": "Thể chế",
        "Thủ tục hành chính": "Thủ tục hành chính",
        "Tổ chức bộ máy": "Tổ chức bộ máy",
        "Chế độ công vụ": "Công vụ",
        "Tài chính công": "Tài chính công",
        "Chính phủ điện tử, số": "Chính phủ điện tử, chính phủ số",
    }


def test_the_migration_gives_channels_their_biểu_02_column_and_feeds_their_default_channel(db):
    columns = dict(Channel.objects.values_list("code", "annex_column"))
    assert columns["PORTAL"] == AnnexColumn.ARTICLES
    assert columns["RADIO"] == AnnexColumn.BROADCASTS
    assert columns["TRAINING"] == AnnexColumn.MEETINGS
    assert columns["PANEL"] == AnnexColumn.OTHER
    assert list(Channel.objects.filter(feed_default=True).values_list("code", flat=True)) == ["PORTAL"]


def test_reinstalling_the_catalogue_keeps_an_administrators_choices(db):
    digital = ContentArea.objects.get(code="DIGITAL_GOVERNMENT")
    digital.annex_row = AnnexRow.objects.get(code="MODELS")
    digital.save()
    Channel.objects.filter(code="PORTAL").update(feed_default=False)
    Channel.objects.filter(code="SOCIAL").update(feed_default=True)
    AnnexRow.objects.filter(code="DIRECTION").update(label="Lãnh đạo, chỉ đạo")

    catalogue.install_catalogues(Channel, ContentArea)

    assert ContentArea.objects.get(code="DIGITAL_GOVERNMENT").annex_row.code == "MODELS"
    assert list(Channel.objects.filter(feed_default=True).values_list("code", flat=True)) == ["SOCIAL"]
    assert AnnexRow.objects.get(code="DIRECTION").label == "Lãnh đạo, chỉ đạo"


def test_only_one_channel_is_the_default_for_feeds(db):
    social = Channel.objects.get(code="SOCIAL")
    social.feed_default = True
    with pytest.raises(ValidationError) as exc:
        social.full_clean()
    assert "Chỉ một hình thức được đánh dấu mặc định cho tin từ RSS." in str(exc.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        social.save()


def _seeded_codes() -> set[str]:
    channel_codes = {code for code, *_ in catalogue.CHANNELS}
    area_codes = {code for code, *_ in catalogue.CONTENT_AREAS}
    row_codes = {code for code, *_ in catalogue.ANNEX_ROWS}
    return channel_codes | area_codes | row_codes


def test_code_names_catalogue_codes_only_through_the_codes_module():
    """Seed data (the catalogue module, migrations, the demo world) may spell codes; behaviour may not."""
    allowed = {SRC / "plans" / "catalogue.py", SRC / "plans" / "codes.py"}
    literal = re.compile(r"""["']([A-Z][A-Z_]+)["']""")
    seeded = _seeded_codes()
    offenders = []
    for path in SRC.rglob("*.py"):
        if path in allowed or "migrations" in path.parts or path.parent.name == "demo":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if any(m in seeded for m in literal.findall(line)):
                offenders.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert offenders == []
    assert codes.ORIENTATION in {code for code, *_ in catalogue.CHANNELS}
