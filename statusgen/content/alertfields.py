"""`opened_by: alert` and its `alert: {key, digest}`: the alert an incident was opened for, and
the digest of its updates as `statusgen alert` last wrote them (`updates_digest`), so that a
person's update or edit shows and the alert then leaves the file alone."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence

import yaml

from statusgen.clock import iso_utc
from statusgen.content.rules import ALERT_KEYS, OPENED_BY_ALERT
from statusgen.content.updatefields import FieldReader
from statusgen.content.yamlsource import describe
from statusgen.model import AlertMark, Phase

#: An alert's key: its format, a colon, and the id its source gives it (letters, digits and
#: `._:@+-`; `statusgen alert` refuses any other).
ALERT_KEY = re.compile(r"[a-z]+:[A-Za-z0-9._:@+-]{1,200}")
ALERT_KEY_EXPECTED = "<format>:<id> (letters, digits and ._:@+- only, at most 200)"
_DIGEST = re.compile(r"[0-9a-f]{64}")


def updates_digest(phases: Sequence[Phase]) -> str:
    """The digest of an incident's updates as written (every field a person could change)."""
    facts = [
        [
            iso_utc(p.at),
            p.status.value,
            p.message,
            sorted((cid, status.value) for cid, status in p.components.items()),
            iso_utc(p.next_update_at) if p.next_update_at else None,
            iso_utc(p.estimate_at) if p.estimate_at else None,
            p.withdraws_estimate,
            p.affected,
            p.audience.value,
        ]
        for p in phases
    ]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=True).encode()).hexdigest()


def read_alert(reader: FieldReader, opened_by: str) -> AlertMark | None:
    """`alert: {key: ..., digest: ...}`, which goes with `opened_by: alert` (and only with it)."""
    node = reader.value("alert")
    src = reader.src
    if node is None:
        if opened_by == OPENED_BY_ALERT:
            src.report(
                reader.value("opened_by"),
                "opened_by: alert without `alert:`; expected alert: {key: ..., digest: ...} "
                "as statusgen alert writes it (or no opened_by)",
            )
        return None
    if opened_by != OPENED_BY_ALERT:
        src.report(node, "'alert' without opened_by: alert; expected both or neither")
        return None
    entries = src.mapping(node, "alert", ALERT_KEYS)
    if entries is None:
        return None
    values: dict[str, str] = {}
    for key, pattern, expected in (
        ("key", ALERT_KEY, ALERT_KEY_EXPECTED),
        ("digest", _DIGEST, "64 hexadecimal digits, as statusgen alert writes it"),
    ):
        if key not in entries:
            src.report(node, f"alert has no '{key}'; expected {expected}")
            return None
        value = entries[key][1]
        if not (isinstance(value, yaml.ScalarNode) and pattern.fullmatch(value.value)):
            src.report(value, f"alert {key} is {describe(value)}; expected {expected}")
            return None
        values[key] = str(value.value)
    return AlertMark(values["key"], values["digest"])


_DIGEST_LINE = re.compile(r"^(  digest: )[0-9a-f]{64}(\r?)$", re.M)


def set_alert_digest(text: str, digest: str) -> str:
    """The file's text with its `alert.digest` set to `digest` (after the alert added an
    update); all else unchanged. Raises ValueError when the file has no single such line."""
    new, count = _DIGEST_LINE.subn(lambda m: m.group(1) + digest + m.group(2), text)
    if count != 1:
        raise ValueError(f"expected one `alert: digest:` line, found {count}")
    return new
