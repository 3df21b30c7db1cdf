"""The "Verweise prüfen" report: broken internal links, empty "Mehr zum Thema" and checked external links."""
