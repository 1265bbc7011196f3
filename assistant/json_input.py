"""JSON from users (HTTP bodies, the no-JS form's history, `ltp ask --batch` lines), parsed defensively.

Nesting is capped (a 2 KB body nested 1,000 deep used to reach a RecursionError and a 500), bytes must be
UTF-8, and lone surrogates ("\\ud800" escapes) become U+FFFD so every string can be stored, logged and sent.
"""

from __future__ import annotations

import json

from indexer.errors import BadInput

MAX_DEPTH = 20
"""Deeper than any valid request (an answer's citations are 4 levels deep)."""


def load_json(data: bytes | str) -> object:
    """The parsed value, or BadInput saying what is wrong with it."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadInput(f"the text is not valid UTF-8 (byte {exc.start}); send UTF-8") from None
    try:
        value = json.loads(data)
    except RecursionError:
        raise BadInput(f"the JSON is nested too deeply; at most {MAX_DEPTH} levels") from None
    except ValueError as exc:
        raise BadInput(f"not valid JSON: {exc}") from None
    return clean_value(value)


def clean_value(value: object) -> object:
    """`value` with its strings made encodable; BadInput if nested deeper than MAX_DEPTH (checked without
    recursion, so no depth can overflow the stack)."""
    root: list = [value]
    stack = [(root, 0, 0)]
    while stack:
        container, key, depth = stack.pop()
        item = container[key]
        if depth > MAX_DEPTH:
            raise BadInput(f"the JSON is nested too deeply; at most {MAX_DEPTH} levels")
        if isinstance(item, str):
            container[key] = encodable(item)
        elif isinstance(item, list):
            stack.extend((item, i, depth + 1) for i in range(len(item)))
        elif isinstance(item, dict):
            cleaned = {encodable(k): v for k, v in item.items()}
            container[key] = cleaned
            stack.extend((cleaned, k, depth + 1) for k in cleaned)
    return root[0]


def encodable(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD, so it encodes as UTF-8."""
    if text.isascii():
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
