"""Output actions on the real window: the export waits for every row; citations; PDF."""

import csv

from PySide6.QtWidgets import QApplication

from viewer.reports.citation import citation


def read_csv(path):
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def test_exporting_every_row_loads_the_rest_first(qtbot, tagged_window, archive, tmp_path, run_search, monkeypatch):
    from viewer.ui import list_model, search_session

    monkeypatch.setattr(search_session, "FIRST_PAGE", 4)
    monkeypatch.setattr(list_model, "PAGE_SIZE", 2)  # the view's own fetches stay short of the end
    run_search(tagged_window, "工会")
    assert not tagged_window.list_model.complete
    out = tmp_path / "all.csv"
    with qtbot.waitSignal(tagged_window.session.allLoaded, timeout=10_000):
        tagged_window.output.export_list(str(out))
    rows = read_csv(out)
    assert rows[0][-1] == "文章编号" and {r[-1] for r in rows[1:]} == set(archive.search_ids("工会")) and len(rows) - 1 == archive.count("工会")
    assert "已导出" in tagged_window.statusBar().currentMessage()


def test_exporting_a_node_list_and_the_selection(tagged_window, tmp_path):
    from PySide6.QtCore import QModelIndex

    model = tagged_window.region_model
    province = model.index(0, 0, QModelIndex())
    tagged_window.navigator.nodeChosen.emit(province, True)
    out = tmp_path / "node.csv"
    tagged_window.output.export_list(str(out))
    assert len(read_csv(out)) - 1 == tagged_window.list_model.total
    tagged_window.list_view.selectRow(1)
    tagged_window.output.export_list(str(tmp_path / "one.csv"), selected_only=True)
    assert len(read_csv(tmp_path / "one.csv")) == 2


def test_an_unwritable_export_is_explained(tagged_window, tmp_path, run_search, monkeypatch):
    from PySide6 import QtWidgets

    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    run_search(tagged_window, "康乃馨")
    tagged_window.output.export_list(str(tmp_path / "no-such-folder" / "x.csv"))
    assert shown and shown[0].startswith("无法写入")


def test_citation_and_pdf(tagged_window, tmp_path, run_search):
    run_search(tagged_window, "劳模")
    tagged_window.commands.cite.trigger()
    assert QApplication.clipboard().text() == citation(tagged_window.reader.article)
    out = tmp_path / "a.pdf"
    tagged_window.output.save_pdf(str(out))
    assert out.read_bytes().startswith(b"%PDF")
