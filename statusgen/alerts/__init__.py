"""`statusgen alert`: an alerting tool's webhook payload (`payloads.py`) turned into a new
incident, an update or nothing (`decide.py`), by the rules of the `alerts` option; the files
are written by `cli/alerting.py` with `content/writing.py`, as the monitor's are."""
