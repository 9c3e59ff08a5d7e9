"""Interface language: Simplified Chinese built in, English from a compiled Qt translation, and Qt's
own translation (qtbase_zh_CN.qm) so standard dialogs and buttons read 确定/取消 in the Chinese UI."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from viewer import paths

LANGUAGES = ("zh_CN", "en")
QT_CHINESE = "qtbase_zh_CN.qm"


def chosen_language(settings: QSettings) -> str:
    """The menu's override if set, else English unless the system locale is Chinese."""
    override = str(settings.value("ui/language", "") or "")
    if override in LANGUAGES:
        return override
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def qt_translations() -> Path:
    """The Qt installation's translations folder (PySide6's own; build.spec copies from here)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def _load(app: QCoreApplication, name: str, folders: tuple[Path, ...]) -> QTranslator | None:
    translator = QTranslator(app)
    for folder in folders:
        if (folder / name).is_file() and translator.load(str(folder / name)):
            app.installTranslator(translator)
            return translator
    translator.deleteLater()
    return None


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Install the translation of `language`: resources/i18n/viewer_en.qm for English; for Chinese
    (the app's own language) Qt's qtbase_zh_CN.qm, from the bundle or else the Qt installation."""
    if language == "zh_CN":
        return _load(app, QT_CHINESE, (paths.translations_dir(), qt_translations()))
    return _load(app, f"viewer_{language}.qm", (paths.translations_dir(),))


def ui_language() -> str:
    """"en" when the English translation is installed, else "zh_CN" (the app's own language)."""
    return "en" if QCoreApplication.translate("Language", "zh_CN") == "en" else "zh_CN"
