"""The OpenRPC document (docs/protocol.openrpc.json) against itself and against the real daemon.

- the document is valid JSON, has the structure of an OpenRPC 1.2.6 document (checked here
  against the parts of the specification clients rely on), and each of its examples validates
  against its own schemas (openrpc_check, which the end-to-end tests use on every call);
- its method names are exactly the daemon's (`initialize` -> capabilities.methods);
- rpc.discover returns exactly the file (the binary was built from this document);
- every documented param is a param of the daemon's method: sent with a wrong type in a valid
  call, it is refused naming that param, never as "is not a parameter of this method" (a param
  renamed in the daemon but not in the document); an undocumented param is refused -32602
  naming it.

The daemon is $VIGILD (CTest sets it), by default build/release/backend/vigild. This file has
its own small stdio client on purpose: it sends invalid params, which a validating client
would refuse to send.
"""

from __future__ import annotations

import json
import math
import os
import queue
import random
import subprocess
import threading
from pathlib import Path

import jsonschema
import pytest

import openrpc_check

REPO = Path(__file__).resolve().parents[2]
DOC_PATH = openrpc_check.document_path()
DOC = json.loads(DOC_PATH.read_text(encoding="utf-8"))
METHODS = {m["name"]: m for m in DOC.get("methods", [])}
NOT_A_PARAMETER = "is not a parameter of this method"
TIMEOUT = 120.0


# --- a minimal stdio client ------------------------------------------------------------------

def vigild() -> str:
    path = os.environ.get("VIGILD") or str(REPO / "build" / "release" / "backend" / "vigild")
    if not Path(path).is_file():
        pytest.fail(f"vigild not found at {path}: build the vigild target or set VIGILD")
    return path


class Daemon:
    """`vigild --stdio`: framed requests out, responses by id and notifications in."""

    def __init__(self):
        self.process = subprocess.Popen([vigild(), "--stdio", "--jobs", "1"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.responses: dict = {}
        self.notifications: queue.Queue = queue.Queue()
        self.cond = threading.Condition()
        self.closed = False
        self.next_id = 0
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stderr(self):
        for line in self.process.stderr:
            self.stderr = (self.stderr + line)[-20000:]

    def _read(self):
        out = self.process.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                message = json.loads(out.read(length))
                if isinstance(message, dict) and "method" in message:
                    self.notifications.put(message)
                    continue
                with self.cond:
                    self.responses[json.dumps(message.get("id"))] = message
                    self.cond.notify_all()
        finally:
            with self.cond:
                self.closed = True
                self.cond.notify_all()

    def send(self, message) -> None:
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params=None) -> dict:
        """The whole response (result or error)."""
        self.next_id += 1
        key = json.dumps(self.next_id)
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        with self.cond:
            if not self.cond.wait_for(lambda: key in self.responses or self.closed, TIMEOUT):
                pytest.fail(f"no answer to {method} within {TIMEOUT} s")
            if key not in self.responses:
                pytest.fail(f"vigild closed stdout before answering {method}:\n{self.stderr.decode(errors='replace')}")
            return self.responses.pop(key)

    def call(self, method: str, params=None):
        response = self.request(method, params)
        if "error" in response:
            pytest.fail(f"{method} {json.dumps(params)} failed: {json.dumps(response['error'])}")
        return response["result"]

    def notify(self, method: str, params=None) -> None:
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def wait_progress_end(self, token) -> list:
        """Every $/progress value of `token` up to its `end`."""
        values = []
        while True:
            try:
                n = self.notifications.get(timeout=TIMEOUT)
            except queue.Empty:
                pytest.fail(f"no $/progress end for {token!r} within {TIMEOUT} s")
            if n["method"] == "$/progress" and n["params"]["token"] == token:
                values.append(n["params"])
                if n["params"]["value"]["kind"] == "end":
                    return values

    def close(self) -> None:
        try:
            self.notify("exit")
            self.process.stdin.close()
        except (BrokenPipeError, ValueError):
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --- (a) the document itself -----------------------------------------------------------------

X = {"^x-": {}}
# The parts of the OpenRPC 1.2.6 meta-schema that clients and our tools rely on: the objects'
# required members and no members beyond the specification's (but x- extensions).
_CONTENT_DESCRIPTOR = {
    "type": "object", "required": ["name", "schema"], "additionalProperties": False, "patternProperties": X,
    "properties": {"name": {"type": "string", "minLength": 1}, "summary": {"type": "string"},
                   "description": {"type": "string"}, "schema": {"type": ["object", "boolean"]},
                   "required": {"type": "boolean"}, "deprecated": {"type": "boolean"}}}
_REFERENCE = {"type": "object", "required": ["$ref"], "additionalProperties": False,
              "properties": {"$ref": {"type": "string"}}}
_ERROR = {"type": "object", "required": ["code", "message"], "additionalProperties": False,
          "properties": {"code": {"type": "integer"}, "message": {"type": "string"}, "data": {}}}
_EXAMPLE = {"type": "object", "required": ["name", "value"], "patternProperties": X,
            "properties": {"name": {"type": "string", "minLength": 1}, "summary": {"type": "string"},
                           "description": {"type": "string"}, "value": {}}}
_PAIRING = {"type": "object", "required": ["name", "params", "result"],
            "properties": {"name": {"type": "string", "minLength": 1}, "description": {"type": "string"},
                           "params": {"type": "array", "items": _EXAMPLE}, "result": _EXAMPLE}}
OPENRPC_STRUCTURE = {
    "type": "object",
    "required": ["openrpc", "info", "methods"],
    "additionalProperties": False,
    "patternProperties": X,
    "properties": {
        "openrpc": {"type": "string", "pattern": r"^1\.2\.\d+$"},
        "info": {"type": "object", "required": ["title", "version"], "additionalProperties": False,
                 "patternProperties": X,
                 "properties": {"title": {"type": "string"}, "version": {"type": "string"},
                                "description": {"type": "string"}, "termsOfService": {"type": "string"},
                                "contact": {"type": "object"}, "license": {"type": "object"}}},
        "servers": {"type": "array", "items": {
            "type": "object", "required": ["url"], "additionalProperties": False, "patternProperties": X,
            "properties": {"url": {"type": "string"}, "name": {"type": "string"}, "summary": {"type": "string"},
                           "description": {"type": "string"}, "variables": {"type": "object"}}}},
        "methods": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "params", "result"], "additionalProperties": False,
            "patternProperties": X,
            "properties": {
                "name": {"type": "string", "minLength": 1}, "summary": {"type": "string"},
                "description": {"type": "string"}, "tags": {"type": "array"},
                "paramStructure": {"enum": ["by-position", "by-name", "either"]},
                "params": {"type": "array", "items": {"oneOf": [_CONTENT_DESCRIPTOR, _REFERENCE]}},
                "result": {"oneOf": [_CONTENT_DESCRIPTOR, _REFERENCE]},
                "errors": {"type": "array", "items": {"oneOf": [_ERROR, _REFERENCE]}},
                "links": {"type": "array"},
                "examples": {"type": "array", "items": {"oneOf": [_PAIRING, _REFERENCE]}},
                "deprecated": {"type": "boolean"}}}},
        "components": {"type": "object", "additionalProperties": False,
                       "properties": {"schemas": {"type": "object"}, "links": {"type": "object"},
                                      "errors": {"type": "object", "additionalProperties": _ERROR},
                                      "examples": {"type": "object"}, "examplePairings": {"type": "object"},
                                      "contentDescriptors": {"type": "object"}, "tags": {"type": "object"}}},
    },
}


def resolve(node):
    """A Reference Object's target inside the document (components only)."""
    if isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/components/"), f"reference outside components: {ref}"
        target = DOC
        for part in ref[2:].split("/"):
            assert part in target, f"unresolved reference {ref}"
            target = target[part]
        return target
    return node


def all_schemas():
    """(where, schema) of every schema in the document."""
    for name, schema in DOC.get("components", {}).get("schemas", {}).items():
        yield f"components.schemas.{name}", schema
    for m in DOC["methods"]:
        for p in m["params"]:
            yield f"{m['name']} param {resolve(p)['name']}", resolve(p)["schema"]
        yield f"{m['name']} result", resolve(m["result"])["schema"]


def walk(node, path=""):
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, f"{path}[{i}]")


def test_document_is_valid_json():
    json.loads(DOC_PATH.read_text(encoding="utf-8"))  # raises with line and column


def test_document_has_the_openrpc_structure():
    errors = sorted(jsonschema.Draft7Validator(OPENRPC_STRUCTURE).iter_errors(DOC), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.path))}: {e.message[:300]}" for e in errors)
    assert DOC["openrpc"] == "1.2.6"
    assert DOC["info"]["title"] == "vigild"


def test_method_names_are_unique():
    names = [m["name"] for m in DOC["methods"]]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"methods documented twice: {duplicates}"


def test_params_are_by_name_with_schemas():
    problems = []
    for m in DOC["methods"]:
        if m.get("paramStructure") != "by-name":
            problems.append(f"{m['name']}: paramStructure must be \"by-name\" (the daemon reads params by name only)")
        names = []
        for p in map(resolve, m["params"]):
            names.append(p["name"])
            for key in ("required", "schema", "description"):
                if key not in p:
                    problems.append(f"{m['name']} param {p['name']}: no \"{key}\"")
        if len(names) != len(set(names)):
            problems.append(f"{m['name']}: a param is documented twice: {names}")
        if "name" not in resolve(m["result"]):
            problems.append(f"{m['name']}: the result has no name")
        if not m.get("examples"):
            problems.append(f"{m['name']}: no example")
        for key in ("x-exactlyOneOf", "x-atMostOneOf"):
            for group in m.get(key, []):
                unknown = [n for n in group if n not in names]
                if unknown or len(group) < 2:
                    problems.append(f"{m['name']}: {key} group {group} must name 2+ documented params")
    assert not problems, "\n".join(problems)


def test_every_schema_is_valid_draft7_and_every_reference_resolves():
    problems = []
    for where, schema in all_schemas():
        try:
            jsonschema.Draft7Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            problems.append(f"{where}: {e.message}")
    for path, node in walk(DOC):
        if isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/components/"):
                problems.append(f"{path}: $ref {ref} is not inside the document's components")
                continue
            try:
                resolve(node)
            except AssertionError as e:
                problems.append(f"{path}: {e}")
            # Draft 7 ignores the siblings of $ref (a description or a type next to it is lost), and
            # an OpenRPC Reference Object has none.
            extra = set(node) - {"$ref"}
            if extra:
                problems.append(f"{path}: $ref with siblings {sorted(extra)} (ignored: use allOf)")
    assert not problems, "\n".join(problems)


def test_extensions_describe_notifications_and_errors():
    notifications = {n["name"]: n for n in DOC["x-notifications"]}
    assert {"initialized", "exit", "$/cancelRequest", "$/progress"} <= set(notifications)
    for n in notifications.values():
        assert n["direction"] in ("client to server", "server to client"), n
        jsonschema.Draft7Validator.check_schema(n["params"])
    codes = {e["code"] for e in DOC["x-errors"]}
    assert {-32700, -32600, -32601, -32602, -32603, -32002, -32800, -32001, -32003, -32004} <= codes


@pytest.mark.parametrize("name", sorted(METHODS))
def test_examples_validate_against_the_schemas(name):
    m = METHODS[name]
    for example in map(resolve, m.get("examples", [])):
        params = {p["name"]: p["value"] for p in map(resolve, example["params"])}
        problems = openrpc_check.params_problems(name, params)
        problems += openrpc_check.result_problems(name, resolve(example["result"])["value"])
        assert not problems, f"example {example['name']!r}:\n" + "\n".join(problems)


def test_validators_refuse_what_the_document_refuses():
    # Light unit tests of openrpc_check itself.
    assert openrpc_check.params_problems("dataset/check", {"path": "a.csv", "axes": 3}) == []
    assert openrpc_check.params_problems("dataset/check", {"path": "a.csv", "axes": 3, "rate": None}) == []
    assert any("'axes'" in p for p in openrpc_check.params_problems("dataset/check", {"path": "a.csv"}))
    assert any("axes" in p for p in openrpc_check.params_problems("dataset/check", {"path": "a.csv", "axes": 0}))
    assert any("'bogus'" in p for p in openrpc_check.params_problems("board/list", {"bogus": 1}))
    assert openrpc_check.params_problems("initialize", {"rootUri": "file:///x", "trace": "off"}) == []
    assert openrpc_check.params_problems("board/list", [1])
    assert openrpc_check.params_problems("emulator/learn", {"session": "emulator-1"})
    assert openrpc_check.params_problems("emulator/learn", {"session": "emulator-1", "path": "a.csv",
                                                            "signals": [[1.0]]})
    assert openrpc_check.params_problems("emulator/learn", {"session": "emulator-1", "signals": [[1.0]]}) == []
    assert openrpc_check.params_problems("emulator/open", {"folder": "/p", "benchmark": 1, "library": 2})
    with pytest.raises(openrpc_check.OpenRpcMismatch):
        openrpc_check.validate_result("emulator/close", {"session": "emulator-1", "closed": True, "extra": 1})
    with pytest.raises(openrpc_check.OpenRpcMismatch):
        openrpc_check.validate_result("library/list", {"libraries": [{"id": 1}]})
    openrpc_check.validate_result("shutdown", None)
    openrpc_check.validate_error({"code": -32602, "message": "invalid params: 'axes' ...",
                                  "data": {"parameter": "axes", "expected": "must be an integer from 1 to 1024"}})
    with pytest.raises(openrpc_check.OpenRpcMismatch):
        openrpc_check.validate_error({"code": -1, "message": "x"})
    with pytest.raises(openrpc_check.OpenRpcMismatch):
        openrpc_check.validate_progress({"token": "t", "value": {"kind": "middle"}})


# --- (b), (c) the daemon's methods and rpc.discover ------------------------------------------

@pytest.fixture(scope="module")
def initialized():
    daemon = Daemon()
    result = daemon.call("initialize", {"clientInfo": {"name": "test_openrpc"}})
    daemon.notify("initialized", {})
    yield daemon, result
    daemon.close()


def test_method_names_match_the_daemon(initialized):
    _, result = initialized
    bound = set(result["capabilities"]["methods"])
    documented = set(METHODS)
    missing = sorted(bound - documented)
    extra = sorted(documented - bound)
    assert not missing and not extra, (
        f"docs/protocol.openrpc.json is out of date: bound but not documented: {missing}; "
        f"documented but not bound: {extra}")


def test_version_and_initialize_result_match(initialized):
    _, result = initialized
    openrpc_check.validate_result("initialize", result)
    assert DOC["info"]["version"] == result["serverInfo"]["version"], (
        "info.version of docs/protocol.openrpc.json differs from the daemon's version")


def test_rpc_discover_returns_the_document(initialized):
    daemon, _ = initialized
    served = daemon.call("rpc.discover")
    assert served == DOC, ("rpc.discover does not return docs/protocol.openrpc.json: rebuild vigild "
                           "(CMake compiles the document in) or check that VIGILD is the binary of this tree")


# --- (d) params: documented names are the daemon's -------------------------------------------

def write_signals(path: Path, rng: random.Random, abnormal: bool) -> None:
    """40 one-axis signals of 64 samples: a sine and noise; abnormal ones add a harmonic."""
    lines = []
    for _ in range(40):
        phase = rng.uniform(0, 2 * math.pi)
        values = []
        for t in range(64):
            v = math.sin(2 * math.pi * 4 * t / 64 + phase) + rng.gauss(0, 0.1)
            if abnormal:
                v += 0.8 * math.sin(2 * math.pi * 13 * t / 64 + 2 * phase)
            values.append(f"{v:.5f}")
        lines.append(" ".join(values))
    path.write_text("\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    """A daemon with a project, a finished small benchmark and an emulator session on its best
    library, and a valid value for every required param, so that a call gets as far as the param
    under test. The results it receives on the way are checked against the document."""
    folder = tmp_path_factory.mktemp("openrpc") / "project"
    folder.mkdir()
    rng = random.Random(7)
    write_signals(folder / "regular.csv", rng, abnormal=False)
    write_signals(folder / "abnormal.csv", rng, abnormal=True)
    daemon = Daemon()
    daemon.call("initialize", {})
    created = daemon.call("project/create", {"folder": str(folder),
                                             "settings": {"sensor": {"type": "generic", "axes": 1}}})
    openrpc_check.validate_result("project/create", created)
    folder_text = created["folder"]
    groups = [{"regular": "regular.csv", "abnormal": "abnormal.csv"}]
    started = daemon.call("benchmark/start", {"folder": folder_text, "groups": groups, "spaceLimit": 6,
                                              "maxSplits": 1, "jobs": 1, "workDoneToken": "setup"})
    openrpc_check.validate_result("benchmark/start", started)
    for params in daemon.wait_progress_end("setup"):
        openrpc_check.validate_progress(params)
    result = daemon.call("benchmark/result", {"folder": folder_text, "benchmark": started["benchmark"]})
    openrpc_check.validate_result("benchmark/result", result)
    opened = daemon.call("emulator/open", {"folder": folder_text})
    openrpc_check.validate_result("emulator/open", opened)
    values = {
        "folder": folder_text,
        "path": str(Path(folder_text) / "regular.csv"),  # absolute: dataset/* may go without `folder`
        "axes": 1,
        "groups": groups,
        "benchmark": started["benchmark"],
        "library": 1,
        "session": opened["session"],
        "workDoneToken": "drift",
        "settings": {},
        "sensitivity": 1.0,
        # The board side: far enough to read every param, never so far as to run anything (the
        # checks send a wrong or an unknown param, refused before any work).
        "board": "qemu-m4",
        "learn": "regular.csv",
        "image": "regular.csv",
        "port": "/dev/null",
        "out": "recorded.csv",
        "length": 4,
        "recording": "record-999",
    }
    yield daemon, values
    daemon.close()


# Params a method needs beyond its required ones to get past its reading (learn and detect want
# exactly one of `path` and `signals`).
EXTRA_CONTEXT = {"emulator/learn": {"path": "regular.csv"}, "emulator/detect": {"path": "regular.csv"}}
# Methods that change the connection's lifecycle: each check gets a daemon of its own.
LIFECYCLE = {"initialize", "shutdown"}


def documented_params(m: dict) -> list[dict]:
    return [resolve(p) for p in m["params"]]


def wrong_value(schema: dict):
    """A value of the wrong type for `schema` (never null: the daemon reads null as absent)."""
    validator = jsonschema.Draft7Validator(openrpc_check.schema_of(schema, DOC_PATH))
    for candidate in (True, "__wrong__", 0.5, [], {"__wrong__": 1}):
        if not validator.is_valid(candidate):
            return candidate
    raise AssertionError(f"no wrong-typed value for {schema}")


def required_context(name: str, values: dict, skip: str | None = None) -> dict:
    params = {}
    for p in documented_params(METHODS[name]):
        if p.get("required") and p["name"] != skip:
            if p["name"] not in values:
                pytest.fail(f"test_openrpc.py has no valid value for the required param {p['name']!r} of "
                            f"{name}: add one to the `context` fixture")
            params[p["name"]] = values[p["name"]]
    return params


def error_of(response: dict) -> dict | None:
    return response.get("error")


def names_param(error: dict | None, name: str) -> bool:
    data = (error or {}).get("data") or {}
    parameter = data.get("parameter", "")
    return parameter == name or parameter.startswith(name + ".") or parameter.startswith(name + "[")


PARAM_CASES = [(m["name"], resolve(p)["name"]) for m in DOC["methods"] for p in m["params"]]


@pytest.mark.parametrize("name,param", PARAM_CASES, ids=[f"{m}:{p}" for m, p in PARAM_CASES])
def test_documented_param_is_a_param_of_the_daemon(name, param, context):
    m = METHODS[name]
    schema = next(p["schema"] for p in documented_params(m) if p["name"] == param)
    wrong = wrong_value(schema)
    if name in LIFECYCLE:
        daemon = Daemon()
        try:
            if name != "initialize":
                daemon.call("initialize", {})
            response = daemon.request(name, {param: wrong})
        finally:
            daemon.close()
    else:
        daemon, values = context
        response = daemon.request(name, {**required_context(name, values, skip=param), param: wrong})
    error = error_of(response)
    if error and error.get("code") == -32602 and (error.get("data") or {}).get("expected") == NOT_A_PARAMETER:
        pytest.fail(f"{name}: the documented param {param!r} is not a param of the daemon "
                    f"(renamed or removed?): {json.dumps(error)}")
    if m.get("x-allowUnknownParams"):
        return  # a lenient method may ignore it
    assert error is not None and error["code"] == -32602 and names_param(error, param), (
        f"{name} with {param}={json.dumps(wrong)} should be refused -32602 naming {param!r}; got "
        f"{json.dumps(response)[:600]}")
    openrpc_check.validate_error(error)


@pytest.mark.parametrize("name", sorted(n for n, m in METHODS.items() if not m.get("x-allowUnknownParams")))
def test_undocumented_param_is_refused(name, context):
    if name in LIFECYCLE:
        daemon = Daemon()
        try:
            if name != "initialize":
                daemon.call("initialize", {})
            response = daemon.request(name, {"__undocumented__": 1})
        finally:
            daemon.close()
    else:
        daemon, values = context
        params = {**required_context(name, values), **EXTRA_CONTEXT.get(name, {}), "__undocumented__": 1}
        response = daemon.request(name, params)
    error = error_of(response)
    assert error is not None and error["code"] == -32602 and names_param(error, "__undocumented__"), (
        f"{name} accepted an undocumented param or refused it otherwise: {json.dumps(response)[:600]}")
    assert error["data"]["expected"] == NOT_A_PARAMETER
    openrpc_check.validate_error(error)


def test_lenient_methods_are_only_the_documented_ones():
    lenient = sorted(n for n, m in METHODS.items() if m.get("x-allowUnknownParams"))
    assert lenient == ["initialize"], f"x-allowUnknownParams on {lenient}: only initialize reads params leniently"
