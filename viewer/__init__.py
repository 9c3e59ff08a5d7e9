"""Press Archive Viewer (报刊档案阅览): offline reader for Chinese union newspaper pages."""

__version__ = "0.1.0"
