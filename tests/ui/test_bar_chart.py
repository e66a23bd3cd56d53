"""The QPainter bar chart: bars as long as their values, labels and numbers drawn in every language."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from app.i18n import format_integer, set_locale
from ui.widgets.bar_chart import BarChart


def _bar_lengths(image: QImage, colour: str) -> list[int]:
    """Per pixel row, how many pixels have the bar colour; one entry per distinct bar (its widest row)."""
    target = QColor(colour).rgb()
    lengths: list[int] = []
    in_bar = False
    for y in range(image.height()):
        count = sum(1 for x in range(image.width()) if image.pixel(x, y) == target)
        if count and not in_bar:
            lengths.append(count)
        elif count and in_bar:
            lengths[-1] = max(lengths[-1], count)
        in_bar = bool(count)
    return lengths


def test_bars_are_proportional_to_values(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(500, 200)
    chart.set_data(["Waiting time", "Billing", "Doctor"], [10, 5, 0])
    image = chart.grab().toImage()
    lengths = _bar_lengths(image, "#1f5fa8")
    assert len(lengths) == 2, "a zero value draws no bar"
    assert lengths[0] == pytest.approx(2 * lengths[1], abs=2)


def test_mismatched_data_is_refused(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    with pytest.raises(ValueError, match="same length"):
        chart.set_data(["a", "b"], [1])


@pytest.mark.parametrize("locale", ["ko", "ru", "zh_CN"])
def test_readable_in_each_language(qtbot, artifacts_dir, locale):
    set_locale(locale)
    chart = BarChart(formatter=lambda v: format_integer(int(v)))
    qtbot.addWidget(chart)
    chart.resize(520, 160)
    labels = {"ko": ["대기 시간", "수납", "의사"], "ru": ["Время ожидания", "Оплата", "Врач"],
              "zh_CN": ["等候时间", "收费", "医生"]}[locale]
    chart.set_title({"ko": "분류별 건수", "ru": "По категориям", "zh_CN": "按类别"}[locale])
    chart.set_data(labels, [12000, 800, 45], compare=[9000, 1200, None])
    assert chart.sizeHint().height() >= 3 * chart.fontMetrics().height()
    chart.grab().save(str(artifacts_dir / f"bar_chart_{locale}.png"))
    assert len(_bar_lengths(chart.grab().toImage(), "#1f5fa8")) == 3


def test_empty_chart_says_so(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(300, 80)
    chart.set_empty_text("Nothing in this period.")
    chart.set_data([], [])
    image = chart.grab().toImage()
    assert _bar_lengths(image, "#1f5fa8") == []
