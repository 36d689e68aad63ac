"""JSON as statusgen publishes it: compact, deterministic and safe wherever it lands."""

from __future__ import annotations

import json
from typing import Any


def render_json(data: Any) -> str:
    """Compact JSON in which `<`, `>` and `&` are written as \\u escapes, so no text can close
    a tag or start markup if the document is ever embedded in HTML or XML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
