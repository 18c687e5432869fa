"""Checks JSON-RPC params and results against the OpenRPC document of vigild.

docs/protocol.openrpc.json is the contract between the daemon and its clients (rpc.discover
serves it, the extension's types come from it). The end-to-end tests call these functions on
every call they make, so a result the daemon returns but the document does not describe fails
a test instead of surprising a client:

    from openrpc_check import validate_params, validate_result
    validate_params("dataset/check", params)   # raises OpenRpcMismatch
    validate_result("dataset/check", result)

The *_problems variants return the list of problems instead of raising (for a test that sends
invalid params on purpose). Schemas are JSON Schema draft 7 (OpenRPC 1.2.6); references
"#/components/schemas/NAME" are resolved inside the document, so nothing is fetched.

Params follow the daemon's Params reader (backend/daemon/params.cpp): by name only; `null` or
no params read as {}; a member whose value is null counts as absent; an unknown member is an
error unless the method says "x-allowUnknownParams" (initialize, lenient like an LSP server).
Two method extensions relate params: "x-exactlyOneOf" and "x-atMostOneOf", lists of groups of
param names of which exactly one, or at most one, may be given.
"""

from __future__ import annotations

import copy
import functools
import json
import os
from pathlib import Path
from typing import Any

import jsonschema

__all__ = [
    "OpenRpcMismatch",
    "document_path",
    "load_document",
    "method_names",
    "method",
    "schema_of",
    "params_problems",
    "validate_params",
    "result_problems",
    "validate_result",
    "progress_problems",
    "validate_progress",
    "error_problems",
    "validate_error",
]

_SCHEMA_REF = "#/components/schemas/"


class OpenRpcMismatch(AssertionError):
    """A message that the OpenRPC document does not allow."""


def document_path() -> Path:
    """$VIGIL_OPENRPC, else docs/protocol.openrpc.json of this source tree."""
    env = os.environ.get("VIGIL_OPENRPC")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "docs" / "protocol.openrpc.json"


@functools.lru_cache(maxsize=None)
def _load(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_document(path: Path | str | None = None) -> dict:
    """The parsed document (cached; do not modify it)."""
    return _load(str(path or document_path()))


def method_names(doc: dict | None = None) -> list[str]:
    return [m["name"] for m in (doc or load_document())["methods"]]


def method(name: str, doc: dict | None = None) -> dict:
    for m in (doc or load_document())["methods"]:
        if m["name"] == name:
            return m
    raise OpenRpcMismatch(f"method {name!r} is not in the OpenRPC document ({document_path()})")


def _rewrite_refs(node: Any) -> Any:
    """Turns "#/components/schemas/X" into "#/definitions/X" (the wrapper's definitions)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(_SCHEMA_REF):
                out[key] = "#/definitions/" + value[len(_SCHEMA_REF):]
            else:
                out[key] = _rewrite_refs(value)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


@functools.lru_cache(maxsize=None)
def _definitions(path: str) -> dict:
    schemas = _load(path).get("components", {}).get("schemas", {})
    return {name: _rewrite_refs(schema) for name, schema in schemas.items()}


def schema_of(schema: dict, doc_path: Path | str | None = None) -> dict:
    """A standalone draft-7 schema: `schema` with the document's component schemas attached."""
    path = str(doc_path or document_path())
    return {"allOf": [_rewrite_refs(copy.deepcopy(schema))], "definitions": _definitions(path)}


@functools.lru_cache(maxsize=None)
def _validator_for(key: str) -> jsonschema.Draft7Validator:
    path, schema_json = key.split("\0", 1)
    return jsonschema.Draft7Validator(schema_of(json.loads(schema_json), path))


def _problems(schema: dict, value: Any, where: str) -> list[str]:
    key = str(document_path()) + "\0" + json.dumps(schema, sort_keys=True)
    out = []
    for e in sorted(_validator_for(key).iter_errors(value), key=lambda e: list(e.absolute_path)):
        at = where + "".join(f"[{p!r}]" if isinstance(p, str) else f"[{p}]" for p in e.absolute_path)
        out.append(f"{at}: {e.message}")
    return out


def params_problems(method_name: str, params: Any) -> list[str]:
    """What is wrong with `params` for `method_name` (empty: valid)."""
    m = method(method_name)
    if params is None:
        params = {}
    if not isinstance(params, dict):
        return [f"{method_name}: params must be an object (paramStructure by-name), got {type(params).__name__}"]
    documented = {p["name"]: p for p in m.get("params", [])}
    problems = []
    for name, value in params.items():
        p = documented.get(name)
        if p is None:
            if not m.get("x-allowUnknownParams", False):
                problems.append(f"{method_name}: {name!r} is not a documented param "
                                f"(documented: {', '.join(documented) or 'none'})")
            continue
        if value is None:
            continue  # the daemon reads null as absent
        problems += _problems(p["schema"], value, f"{method_name} params[{name!r}]")
    for name, p in documented.items():
        if p.get("required", False) and params.get(name) is None:
            problems.append(f"{method_name}: required param {name!r} is missing")
    for group in m.get("x-exactlyOneOf", []):
        given = [n for n in group if params.get(n) is not None]
        if len(given) != 1:
            problems.append(f"{method_name}: give exactly one of {group} (given: {given})")
    for group in m.get("x-atMostOneOf", []):
        given = [n for n in group if params.get(n) is not None]
        if len(given) > 1:
            problems.append(f"{method_name}: give at most one of {group} (given: {given})")
    return problems


def validate_params(method_name: str, params: Any) -> None:
    problems = params_problems(method_name, params)
    if problems:
        raise OpenRpcMismatch("params do not match docs/protocol.openrpc.json:\n  " + "\n  ".join(problems))


def result_problems(method_name: str, result: Any) -> list[str]:
    """What is wrong with a method's `result` (empty: valid)."""
    return _problems(method(method_name)["result"]["schema"], result, f"{method_name} result")


def validate_result(method_name: str, result: Any) -> None:
    problems = result_problems(method_name, result)
    if problems:
        raise OpenRpcMismatch("result does not match docs/protocol.openrpc.json:\n  " + "\n  ".join(problems))


def progress_problems(params: Any) -> list[str]:
    """What is wrong with the params of a `$/progress` notification ({token, value})."""
    return _problems({"$ref": _SCHEMA_REF + "ProgressParams"}, params, "$/progress params")


def validate_progress(params: Any) -> None:
    problems = progress_problems(params)
    if problems:
        raise OpenRpcMismatch("$/progress does not match docs/protocol.openrpc.json:\n  " + "\n  ".join(problems))


def error_problems(error: Any) -> list[str]:
    """What is wrong with the `error` member of an error response."""
    return _problems({"$ref": _SCHEMA_REF + "RpcError"}, error, "error")


def validate_error(error: Any) -> None:
    problems = error_problems(error)
    if problems:
        raise OpenRpcMismatch("error does not match docs/protocol.openrpc.json:\n  " + "\n  ".join(problems))
