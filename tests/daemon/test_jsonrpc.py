"""JSON-RPC 2.0 and the LSP lifecycle, on both transports (stdio and WebSocket): error codes,
parameter errors naming the parameter, envelope checks, batches, notifications and
$/cancelRequest."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pytest

from rpc_client import RpcFailure
from support import FAN_SETTINGS, project_files

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
NOT_INITIALIZED = -32002
CANCELLED = -32800


def project(client, folder: Path) -> Path:
    """A new (empty) project in `folder`, opened by `client`."""
    folder.mkdir(parents=True, exist_ok=True)
    client.call("project/create", {"folder": str(folder), "settings": FAN_SETTINGS})
    return folder


# --- lifecycle ---------------------------------------------------------------------------------

def test_requests_before_initialize_are_refused(client):
    failure = client.call_error("board/list")
    assert failure.code == NOT_INITIALIZED
    failure = client.call_error("shutdown")
    assert failure.code == NOT_INITIALIZED
    # Notifications before initialize are dropped without an answer.
    client.notify("initialized", {})
    assert client.expect_silence(0.3) == []
    client.initialize()
    assert "boards" in client.call("board/list")


def test_initialize_result(client):
    result = client.call("initialize", {"processId": None, "clientInfo": {"name": "tests", "version": "1"},
                                        "capabilities": {}, "trace": "off"})
    assert result["serverInfo"]["name"] == "vigild"
    assert isinstance(result["serverInfo"]["version"], str) and result["serverInfo"]["version"]
    methods = result["capabilities"]["methods"]
    for method in ("initialize", "shutdown", "project/create", "project/open", "project/update",
                   "dataset/check", "dataset/plot", "benchmark/start", "benchmark/stop", "benchmark/resume",
                   "benchmark/list", "benchmark/result", "benchmark/watch", "emulator/open", "emulator/init",
                   "emulator/setSensitivity", "emulator/learn", "emulator/detect", "emulator/saveKnowledge",
                   "emulator/loadKnowledge", "emulator/close", "library/compile", "library/list",
                   "library/remove", "board/list"):
        assert method in methods, f"{method} missing from capabilities.methods"
    assert result["capabilities"]["transport"] == ("stdio" if client.transport == "stdio" else "websocket")


def test_initialize_twice(ready):
    failure = ready.call_error("initialize", {})
    assert failure.code == INVALID_REQUEST


def test_initialize_with_a_bad_client_info(client):
    failure = client.call_error("initialize", {"clientInfo": {"name": 42}})
    assert failure.code == INVALID_PARAMS
    assert failure.data["parameter"] == "clientInfo.name"
    # A refused initialize leaves the client uninitialized.
    assert client.call_error("board/list").code == NOT_INITIALIZED


def test_requests_after_shutdown_are_refused(ready):
    assert ready.call("shutdown") is None
    for method in ("board/list", "shutdown", "initialize"):
        assert ready.call_error(method).code == INVALID_REQUEST


def test_exit_after_shutdown(ready):
    ready.call("shutdown")
    ready.notify("exit")
    if ready.transport == "stdio":
        assert ready.wait_exit(timeout=30) == 0
    else:
        assert ready.wait_closed(timeout=10), "the WebSocket session stays open after 'exit'"
        assert ready.close_code in (None, 1000)
        # Only this session ended: the daemon serves others.
        with ready.daemon.client(initialize=True) as other:
            assert "boards" in other.call("board/list")


def test_exit_without_shutdown(ready):
    ready.notify("exit")
    if ready.transport == "stdio":
        assert ready.wait_exit(timeout=30) == 1
    else:
        assert ready.wait_closed(timeout=10), "the WebSocket session stays open after 'exit'"


def test_exit_before_initialize(client):
    client.notify("exit")
    if client.transport == "stdio":
        assert client.wait_exit(timeout=30) == 1
    else:
        assert client.wait_closed(timeout=10)


# --- method and parameter errors ------------------------------------------------------------

def test_unknown_method(ready):
    failure = ready.call_error("no/such/method", {})
    assert failure.code == METHOD_NOT_FOUND
    assert failure.data == {"method": "no/such/method"}


def test_missing_parameter(ready):
    failure = ready.call_error("project/open", {})
    assert failure.code == INVALID_PARAMS
    assert failure.data["parameter"] == "folder"


def test_parameter_of_the_wrong_type(ready, tmp_path):
    failure = ready.call_error("project/open", {"folder": 5})
    assert failure.code == INVALID_PARAMS
    assert failure.data["parameter"] == "folder"
    folder = project(ready, tmp_path / "p")
    failure = ready.call_error("dataset/check", {"folder": str(folder), "path": "x.csv", "axes": "three"})
    assert failure.code == INVALID_PARAMS
    assert failure.data["parameter"] == "axes"
    failure = ready.call_error("benchmark/result", {"folder": str(folder), "benchmark": 0})
    assert failure.code == INVALID_PARAMS
    assert failure.data["parameter"] == "benchmark"


def test_unknown_parameter(ready, tmp_path):
    folder = project(ready, tmp_path / "p")
    failure = ready.call_error("project/open", {"folder": str(folder), "foldr": str(folder)})
    assert failure.code == INVALID_PARAMS
    assert failure.data["parameter"] == "foldr"
    failure = ready.call_error("board/list", {"verbose": True})
    assert failure.code == INVALID_PARAMS
    assert failure.data["parameter"] == "verbose"


def test_nested_parameter_is_named_with_its_path(ready, tmp_path):
    folder = project(ready, tmp_path / "p")
    failure = ready.call_error("benchmark/start", {"folder": str(folder), "groups": [{"regular": "r.csv"}]})
    assert failure.code == INVALID_PARAMS
    assert failure.data["parameter"] == "groups[0].abnormal"
    failure = ready.call_error("benchmark/start", {"folder": str(folder), "groups": [
        {"regular": "r.csv", "abnormal": "a.csv", "weight": 2}]})
    assert failure.data["parameter"] == "groups[0].weight"


def test_positional_params_are_refused_as_params(ready):
    failure = ready.call_error("project/open", ["/tmp"])
    assert failure.code == INVALID_PARAMS
    assert failure.data["parameter"] == "params"


def test_engine_refusal_carries_the_location(ready, tmp_path):
    folder = project(ready, tmp_path / "p")
    (folder / "bad.csv").write_text("1 2 3\n4 oops 6\n")
    failure = ready.call_error("dataset/plot", {"folder": str(folder), "path": "bad.csv", "axes": 1})
    assert failure.code == -32001
    assert failure.data["file"].endswith("bad.csv")
    assert failure.data["line"] == 2
    assert isinstance(failure.data["column"], int)


# --- envelope ----------------------------------------------------------------------------------

@pytest.mark.parametrize("message", [
    {"id": "e", "method": "board/list"},                            # no "jsonrpc"
    {"jsonrpc": "1.0", "id": "e", "method": "board/list"},
    {"jsonrpc": 2.0, "id": "e", "method": "board/list"},
    {"jsonrpc": "2.0", "id": "e"},                                  # no method, no result
    {"jsonrpc": "2.0", "id": "e", "method": 7},
    {"jsonrpc": "2.0", "id": "e", "method": "board/list", "params": 5},
    {"jsonrpc": "2.0", "id": "e", "method": "board/list", "params": "x"},
], ids=["no-jsonrpc", "jsonrpc-1.0", "jsonrpc-number", "no-method", "method-number", "params-number",
        "params-string"])
def test_invalid_request_with_a_readable_id(ready, message):
    ready.send_json(message)
    response = ready.wait_response("e", timeout=10)
    assert response["error"]["code"] == INVALID_REQUEST, response
    assert response["jsonrpc"] == "2.0"


@pytest.mark.parametrize("bad_id", [{"a": 1}, [1], True], ids=["object", "array", "bool"])
def test_id_of_the_wrong_type(ready, bad_id):
    ready.send_json({"jsonrpc": "2.0", "id": bad_id, "method": "board/list"})
    error = ready.wait_null_error(timeout=10)
    assert error["id"] is None
    assert error["error"]["code"] == INVALID_REQUEST


@pytest.mark.parametrize("message", ["42", '"text"', "null"])
def test_non_object_message(ready, message):
    ready.send_text(message)
    error = ready.wait_null_error(timeout=10)
    assert error["error"]["code"] == INVALID_REQUEST


def test_parse_error(ready):
    ready.send_text('{"jsonrpc": "2.0", "id": 1, "method": "board/list"')
    error = ready.wait_null_error(timeout=10)
    assert error["id"] is None
    assert error["error"]["code"] == PARSE_ERROR
    assert "boards" in ready.call("board/list")


def test_string_and_number_ids_are_echoed(ready):
    for id in ("abc", "", 0, -3, 12345678901):
        ready.request("no/such/method", {}, id=id)
        response = ready.wait_response(id, timeout=10)
        assert response["id"] == id and response["error"]["code"] == METHOD_NOT_FOUND


# --- batches -------------------------------------------------------------------------------------

def test_empty_batch(ready):
    ready.send_json([])
    error = ready.wait_null_error(timeout=10)
    assert error["error"]["code"] == INVALID_REQUEST
    assert ready.expect_silence(0.5) == []


def test_mixed_batch(ready):
    ready.send_json([
        {"jsonrpc": "2.0", "id": "req", "method": "board/list"},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"foo": "boo"},
    ])
    batch = ready.wait_batch(timeout=30)
    assert isinstance(batch, list) and len(batch) == 2, batch
    by_id = {str(r["id"]): r for r in batch}
    assert set(by_id) == {"req", "None"}, batch
    assert "boards" in by_id["req"]["result"]
    assert by_id["None"]["error"]["code"] == INVALID_REQUEST


def test_batch_of_invalid_elements(ready):
    ready.send_json([1, 2, 3])
    batch = ready.wait_batch(timeout=10)
    assert len(batch) == 3
    assert all(r["error"]["code"] == INVALID_REQUEST and r["id"] is None for r in batch)


def test_batch_of_requests_answers_each(ready):
    ready.send_json([{"jsonrpc": "2.0", "id": f"b{i}", "method": m}
                     for i, m in enumerate(["board/list", "no/such/method", "board/list"])])
    batch = ready.wait_batch(timeout=30)
    by_id = {r["id"]: r for r in batch}
    assert set(by_id) == {"b0", "b1", "b2"}
    assert "result" in by_id["b0"] and "result" in by_id["b2"]
    assert by_id["b1"]["error"]["code"] == METHOD_NOT_FOUND


def test_batch_of_notifications_gets_no_reply(ready):
    ready.send_json([
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "no/such/notification"},
        {"jsonrpc": "2.0", "method": "$/setTrace", "params": {"value": "off"}},
    ])
    assert ready.expect_silence(1.0) == []
    assert "boards" in ready.call("board/list")


def test_notification_to_an_unknown_method_gets_no_reply(ready):
    ready.notify("no/such/notification", {"x": 1})
    ready.notify("$/unknown")
    assert ready.expect_silence(1.0) == []
    assert "boards" in ready.call("board/list")


def test_cancel_of_an_unknown_request_is_ignored(ready):
    ready.cancel(987654)
    ready.notify("$/cancelRequest", {})
    assert ready.expect_silence(0.5) == []
    assert "boards" in ready.call("board/list")


# --- $/cancelRequest --------------------------------------------------------------------------------

def test_cancel_library_compile(ready, benchmarked_project):
    folder, _ = benchmarked_project
    ready.call("project/open", {"folder": str(folder)})
    libraries_before = ready.call("library/list", {"folder": str(folder)})["libraries"]
    files_before = project_files(folder)

    id = f"compile-{uuid.uuid4().hex[:8]}"
    ready.request("library/compile", {"folder": str(folder)}, id=id)
    # Let the compile get going (it takes seconds: real arm-none-eabi-gcc runs).
    time.sleep(0.5)
    assert not ready.has_response(id), f"library/compile ended before the cancel: {ready.wait_response(id)}"
    sent = time.monotonic()
    ready.cancel(id)
    response = ready.wait_response(id, timeout=10)
    elapsed = time.monotonic() - sent
    assert response["error"]["code"] == CANCELLED, response
    assert elapsed < 1.0, f"-32800 came {elapsed:.2f} s after $/cancelRequest (the contract says within 1 s)"

    # The work stops on its own; once it did (the daemon logs the answer it drops), nothing of
    # it may be left: no zip, no library, no scratch files.
    deadline = time.monotonic() + 120
    marker = f"dropped a second answer to library/compile {json.dumps(id)}"
    while marker not in ready.log_text():
        assert time.monotonic() < deadline, "the cancelled compile did not end within 120 s"
        time.sleep(0.2)
    assert ready.call("library/list", {"folder": str(folder)})["libraries"] == libraries_before
    assert project_files(folder) == files_before
