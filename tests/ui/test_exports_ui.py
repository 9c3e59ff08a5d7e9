"""Exports from the window go through the reports module: XLSX for Excel, the Word compilation, citation styles."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication

from viewer.domain import display_title
from viewer.reports.citation import citation


def test_list_export_to_xlsx_has_chinese_headers_real_dates_and_widths(tagged_window, run_search, tmp_path):
    import openpyxl

    run_search(tagged_window, "工会")
    out = tmp_path / "list.xlsx"
    tagged_window.output.export_list(str(out))
    sheet = openpyxl.load_workbook(out).active
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["标题", "类型", "作者"] and "id" not in headers
    dates = [row[headers.index("日期")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(d, dt.datetime | dt.date) for d in dates)
    assert sheet.column_dimensions["A"].width > 20
    assert sheet.max_row - 1 == tagged_window.list_model.total
    assert "已导出" in tagged_window.statusBar().currentMessage()


def test_compilation_from_the_selection_has_the_users_title_and_headings(tagged_window, run_search, tmp_path, archive):
    import docx

    run_search(tagged_window, "工会")
    tagged_window.list_view.selectAll()
    out = tmp_path / "c.docx"
    tagged_window.output.compile_docx(str(out), title="职工书屋汇编", date_range="2024年—2025年")
    document = docx.Document(str(out))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    assert texts[0] == ("Title", "职工书屋汇编") and ("Subtitle", "2024年—2025年") in texts
    first = archive.article(tagged_window.list_model.hits[0].article_id)
    assert ("Heading 1", f"1. {display_title(first).text}") in texts
    assert "已汇编" in tagged_window.statusBar().currentMessage()


def test_the_compile_dialog_suggests_the_date_span(qtbot):
    from viewer.ui.compile_dialog import CompileDialog

    dialog = CompileDialog("工会", "2025年3月17日", 3)
    qtbot.addWidget(dialog)
    assert (dialog.title, dialog.date_range) == ("工会", "2025年3月17日")


def test_citation_style_is_chosen_in_settings_and_keeps_the_day(tagged_window, run_search, ini):
    run_search(tagged_window, "劳模")
    article = tagged_window.reader.article
    tagged_window.commands.cite_gbt.trigger()
    tagged_window.commands.cite.trigger()
    assert QApplication.clipboard().text() == citation(article, "gbt7714")
    assert "[N]" in QApplication.clipboard().text()
    assert ini.value("output/citation_style") == "gbt7714"
    tagged_window.commands.cite_prose.trigger()
    tagged_window.commands.cite.trigger()
    text = QApplication.clipboard().text()
    if article.issue.date_precision == "day":
        assert "日" in text


def test_a_cancelled_export_writes_nothing_and_says_so(tagged_window, run_search, tmp_path, monkeypatch):
    from PySide6 import QtWidgets

    from viewer.reports import progress as report_progress
    from viewer.ui.progress import Progress

    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(report_progress, "REPORT_EVERY", 1)
    monkeypatch.setattr(Progress, "cancelled", lambda self: True)  # the user pressed 取消
    run_search(tagged_window, "工会")
    out = tmp_path / "cancelled.xlsx"
    tagged_window.output.export_list(str(out))
    assert not out.exists()
    assert shown and "取消" in shown[0]
    assert "已导出" not in tagged_window.statusBar().currentMessage()


def test_english_list_reads_english_kind_prefixes(qtbot, qapp, archive, tmp_path):
    from PySide6.QtCore import QSettings

    from viewer.ui.i18n import install_translator
    from viewer.ui.main_window import MainWindow

    translator = install_translator(qapp, "en")
    try:
        window = MainWindow(archive, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.searchFinished, timeout=10_000):
            window.search_bar.search_for("近日")
        titles = [window.list_model.index(r, 0).data() for r in range(window.list_model.rowCount())]
        assert any(t.startswith("Photo caption: ") for t in titles)
        assert not any(t.startswith("图片说明：") for t in titles)
        window.session.stop()
    finally:
        qapp.removeTranslator(translator)
