"""The channel catalogue writes each channel's report sentence (issue 8, item 8)."""

import pytest
from django.core.exceptions import ValidationError

from loa.plans.catalogue import REPORT_SENTENCES, report_sentence
from loa.plans.models import Channel


def test_a_sentence_takes_the_periods_figure_and_measure():
    text = report_sentence(
        template=REPORT_SENTENCES["PORTAL"], name="Tin, bài", measure="tin, bài", quantity="02"
    )
    assert text == "Đăng tải 02 tin, bài tuyên truyền CCHC trên Cổng/Trang thông tin điện tử"


def test_a_channel_without_a_sentence_is_worded_from_its_name_and_measure():
    assert (
        report_sentence(template="", name="Tin nhắn Zalo OA", measure="tin nhắn", quantity="250")
        == "Tuyên truyền CCHC qua hình thức tin nhắn Zalo OA (250 tin nhắn)"
    )
    assert report_sentence(template="  ", name="LED di động", measure="lượt", quantity="03").endswith(
        "qua hình thức LED di động (03 lượt)"
    )


def test_a_sentence_without_the_quantity_still_carries_the_figure():
    assert (
        report_sentence(
            template="Phát động phong trào thi đua về CCHC.", name="x", measure="đợt", quantity="01"
        )
        == "Phát động phong trào thi đua về CCHC (01 đợt)"
    )


def test_an_unknown_placeholder_is_refused_in_vietnamese(db):
    channel = Channel(
        code="X", name="X", measure="lượt", group="online", report_sentence="Làm {so luong} lượt"
    )
    with pytest.raises(ValidationError) as exc:
        channel.full_clean()
    assert "{số lượng}" in str(exc.value.message_dict["report_sentence"])
