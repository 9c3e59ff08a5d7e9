"""The PySide6 user interface; it calls the core and never the reverse."""
