"""Reports: citations, spreadsheets and Word compilations built from articles (no Qt)."""
