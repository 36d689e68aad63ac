"""The `statusgen` MkDocs plugin (entry point `statusgen.plugin:StatusgenPlugin`)."""

from statusgen.plugin.events import StatusgenPlugin

__all__ = ["StatusgenPlugin"]
