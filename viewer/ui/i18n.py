"""Interface language: Simplified Chinese built in, English from a compiled Qt translation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from viewer import paths

LANGUAGES = ("zh_CN", "en")


def chosen_language(settings: QSettings) -> str:
    """The menu's override if set, else English unless the system locale is Chinese."""
    override = str(settings.value("ui/language", "") or "")
    if override in LANGUAGES:
        return override
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load resources/i18n/viewer_<language>.qm into the app (Chinese needs none)."""
    if language == "zh_CN":
        return None
    translator = QTranslator(app)
    if translator.load(str(paths.translations_dir() / f"viewer_{language}.qm")):
        app.installTranslator(translator)
        return translator
    return None
