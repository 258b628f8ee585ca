"""The printed action plan (reportlab only): strings, styles, fonts, charts, flowables, sections, document."""
