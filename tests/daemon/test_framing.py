"""`vigild --stdio` framing: the LSP base protocol (Content-Length header, blank line, UTF-8
JSON body), fed in awkward pieces and with broken headers. After every framing error the
daemon must stay alive and answer the next well-formed message."""

from __future__ import annotations

import json
import time

import pytest

from rpc_client import StdioClient, frame

PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND = -32700, -32600, -32601


def request_bytes(id, method="initialize", params=None) -> bytes:
    message = {"jsonrpc": "2.0", "id": id, "method": method}
    if params is not None:
        message["params"] = params
    return json.dumps(message, ensure_ascii=False).encode("utf-8")


def initialize_bytes(id) -> bytes:
    return request_bytes(id, "initialize", {"clientInfo": {"name": "framing-tests"}})


@pytest.fixture
def daemon():
    client = StdioClient()
    yield client
    client.close()
    assert client.protocol_violations() == []


def assert_alive_and_answering(daemon: StdioClient, id="after") -> None:
    """A well-formed request after the trouble is answered (here: initialize, or -32601/-32600
    once initialized: any response with our id proves the daemon reads messages again)."""
    daemon.send_raw(frame(request_bytes(id, "no/such/method")))
    response = daemon.wait_response(id, timeout=10)
    assert "error" in response and response["error"]["code"] in (METHOD_NOT_FOUND, -32002), response
    assert daemon.is_alive()


def test_message_byte_by_byte(daemon):
    data = frame(initialize_bytes(1))
    for i in range(len(data)):
        daemon.send_raw(data[i:i + 1])
        time.sleep(0.002)
    result = daemon.wait_response(1, timeout=10)["result"]
    assert result["serverInfo"]["name"] == "vigild"


def test_several_messages_in_one_write(daemon):
    # The third body holds multi-byte UTF-8: Content-Length counts bytes, not characters.
    data = (frame(initialize_bytes(1)) + frame(request_bytes(2, "no/such/method")) +
            frame(request_bytes(3, "ünknown/✓ — méthode")))
    daemon.send_raw(data)
    assert "result" in daemon.wait_response(1, timeout=10)
    assert daemon.wait_response(2, timeout=10)["error"]["code"] == METHOD_NOT_FOUND
    third = daemon.wait_response(3, timeout=10)["error"]
    assert third["code"] == METHOD_NOT_FOUND
    assert third["data"]["method"] == "ünknown/✓ — méthode"
    assert daemon.framing_errors == []


def test_header_split_across_writes(daemon):
    body = initialize_bytes(1)
    for piece in (b"Content-Le", b"ngth: ", str(len(body)).encode(), b"\r", b"\n\r", b"\n", body[:7], body[7:]):
        daemon.send_raw(piece)
        time.sleep(0.05)
    assert daemon.wait_response(1, timeout=10)["result"]["serverInfo"]["name"] == "vigild"


def test_extra_headers_are_ignored(daemon):
    body = initialize_bytes(1)
    daemon.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" +
                    f"Content-Length: {len(body)}\r\n".encode() +
                    b"X-Something-Else: 1\r\n\r\n" + body)
    assert "result" in daemon.wait_response(1, timeout=10)
    # Header names are case-insensitive (RFC 7230), as LSP clients rely on.
    body = request_bytes(2, "no/such/method")
    daemon.send_raw(f"content-length: {len(body)}\r\n\r\n".encode() + body)
    assert daemon.wait_response(2, timeout=10)["error"]["code"] == METHOD_NOT_FOUND


def test_content_length_too_short(daemon):
    body = initialize_bytes(1)
    daemon.send_raw(f"Content-Length: {len(body) - 10}\r\n\r\n".encode() + body)
    error = daemon.wait_null_error(timeout=10)
    assert error["id"] is None
    assert error["error"]["code"] == PARSE_ERROR, error
    # The body's last 10 bytes are now read as a header line. A client resynchronises by
    # ending that header section; the daemon reports it (another -32700) and reads on.
    daemon.send_raw(b"\r\n\r\n")
    resync = daemon.wait_null_error(timeout=10)
    assert resync["error"]["code"] == PARSE_ERROR, resync
    daemon.send_raw(frame(initialize_bytes(2)))
    assert daemon.wait_response(2, timeout=10)["result"]["serverInfo"]["name"] == "vigild"
    assert daemon.is_alive()


def test_missing_content_length(daemon):
    body = initialize_bytes(1)
    daemon.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + body + b"\r\n\r\n")
    error = daemon.wait_null_error(timeout=10)
    assert error["error"]["code"] == PARSE_ERROR
    assert "Content-Length" in error["error"]["message"]
    # The body (without a length) was read as headers up to the blank line: one more report.
    assert daemon.wait_null_error(timeout=10)["error"]["code"] == PARSE_ERROR
    daemon.send_raw(frame(initialize_bytes(2)))
    assert "result" in daemon.wait_response(2, timeout=10)


def test_content_length_not_a_number(daemon):
    daemon.send_raw(b"Content-Length: forty-two\r\n\r\n")
    error = daemon.wait_null_error(timeout=10)
    assert error["error"]["code"] == PARSE_ERROR
    daemon.send_raw(frame(initialize_bytes(1)))
    assert "result" in daemon.wait_response(1, timeout=10)


def vm_hwm_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM in /proc/PID/status")


def test_oversized_message_is_refused_without_buffering():
    limit = 4096
    claimed = 64 << 20
    with StdioClient("--max-message-bytes", str(limit)) as daemon:
        daemon.send_raw(frame(initialize_bytes(1)))
        assert "result" in daemon.wait_response(1, timeout=10)
        peak_before = vm_hwm_kib(daemon.pid)

        # The refusal comes as soon as the header is read, before any byte of the body.
        daemon.send_raw(f"Content-Length: {claimed}\r\n\r\n".encode())
        error = daemon.wait_null_error(timeout=10)
        assert error["error"]["code"] == INVALID_REQUEST, error
        assert error["error"]["data"] == {"length": claimed, "limit": limit}

        # The body is skipped as it streams in, never held whole.
        chunk = b" " * (1 << 20)
        for _ in range(claimed // len(chunk)):
            daemon.send_raw(chunk)
        daemon.send_raw(frame(request_bytes(2, "no/such/method")))
        assert daemon.wait_response(2, timeout=30)["error"]["code"] == METHOD_NOT_FOUND
        grown_mib = (vm_hwm_kib(daemon.pid) - peak_before) / 1024
        assert grown_mib < 16, f"vigild's peak memory grew by {grown_mib:.0f} MiB reading a skipped 64 MiB body"

        # A message just under the limit is still read.
        padding = "x" * (limit - 200)
        body = request_bytes(3, "no/such/method", {"padding": padding})
        assert len(body) <= limit
        daemon.send_raw(frame(body))
        assert daemon.wait_response(3, timeout=10)["error"]["code"] == METHOD_NOT_FOUND


def test_non_json_body(daemon):
    daemon.send_raw(frame(b"{this is not json"))
    error = daemon.wait_null_error(timeout=10)
    assert error["id"] is None
    assert error["error"]["code"] == PARSE_ERROR
    daemon.send_raw(frame(initialize_bytes(1)))
    assert "result" in daemon.wait_response(1, timeout=10)
    assert_alive_and_answering(daemon)


@pytest.mark.parametrize("body", [b"\xff\xfe not UTF-8", b'{"jsonrpc": "2.0", "id": 1, "method": "\xff"}'],
                         ids=["bytes", "in-a-string"])
def test_body_that_is_not_utf8(daemon, body):
    # The parse error's message quotes the offending byte; the answer must still be valid
    # UTF-8 JSON and the daemon must live on.
    daemon.send_raw(frame(body))
    error = daemon.wait_null_error(timeout=10)
    assert error["error"]["code"] == PARSE_ERROR
    daemon.send_raw(frame(initialize_bytes(2)))
    assert "result" in daemon.wait_response(2, timeout=10)


def test_empty_body(daemon):
    daemon.send_raw(b"Content-Length: 0\r\n\r\n")
    assert daemon.wait_null_error(timeout=10)["error"]["code"] == PARSE_ERROR
    assert_alive_and_answering(daemon)


def test_end_of_input_ends_the_daemon(daemon):
    daemon.send_raw(frame(initialize_bytes(1)))
    assert "result" in daemon.wait_response(1, timeout=10)
    daemon.close_stdin()
    # LSP: a client that goes away without shutdown/exit: exit code 1.
    assert daemon.wait_exit(timeout=30) == 1
