"""Rendering: the snapshot of a build turned into page bodies, feeds, calendar, JSON API,
badges and the archive index. Plain Python and Jinja; the site engine (MkDocs) only hands
over page URLs and writes the results."""
