"""Ingest: read raw seed pages, repair and split them into articles, write a new archive."""
