"""`vigild --listen` security: the bearer token and Origin checks on the upgrade, the path
served, the message size cap, paths confined to the opened project folders, the generated
token file and the warning for a non-loopback bind."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import time
from pathlib import Path

import pytest

from rpc_client import Daemon, WsClient, vigild_path
from support import FAN_SETTINGS

PATH_NOT_ALLOWED = -32003
INVALID_PARAMS = -32602


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("security"), "--allow-origin", "http://localhost:3000")
    yield d
    d.stop()


def assert_refused(daemon: Daemon, status: int, headers: dict[str, str], path: str = "/") -> WsClient:
    client = daemon.connect(headers, path)
    try:
        assert client.status == status, f"expected {status}, got {client.status}: {client.response_body!r}"
        assert client.response_headers.get("upgrade") is None
        # Nothing else is served on this connection: the daemon closes it.
        assert client.served_nothing_more(wait=5), "the connection stayed open after the refusal"
    finally:
        client.close()
    return client


# --- the upgrade ----------------------------------------------------------------------------

def test_no_authorization(daemon):
    client = assert_refused(daemon, 401, {})
    assert client.response_headers.get("www-authenticate", "").lower().startswith("bearer")


def test_wrong_token(daemon):
    assert_refused(daemon, 401, {"Authorization": "Bearer " + "0" * 64})
    assert_refused(daemon, 401, {"Authorization": f"Bearer {daemon.token}x"})
    assert_refused(daemon, 401, {"Authorization": f"Bearer {daemon.token[:-1]}"})
    assert_refused(daemon, 401, {"Authorization": "Bearer"})


def test_basic_scheme(daemon):
    import base64
    assert_refused(daemon, 401, {"Authorization": "Basic " + base64.b64encode(f"u:{daemon.token}".encode()).decode()})
    assert_refused(daemon, 401, {"Authorization": f"Basic {daemon.token}"})


def test_token_in_the_query_is_not_accepted(daemon):
    assert_refused(daemon, 401, {}, path=f"/?token={daemon.token}")


def test_bad_origin(daemon):
    assert_refused(daemon, 403, {**daemon.auth_headers(), "Origin": "http://evil.example"})
    assert_refused(daemon, 403, {**daemon.auth_headers(), "Origin": "null"})
    # Origin is checked before the token: a web page never gets to try tokens.
    assert_refused(daemon, 403, {"Origin": "http://evil.example"})


def test_allowed_origin_and_no_origin(daemon):
    for headers in ({**daemon.auth_headers(), "Origin": "http://localhost:3000"}, daemon.auth_headers()):
        client = daemon.connect(headers)
        try:
            assert client.status == 101
            client.initialize()
            assert "boards" in client.call("board/list")
        finally:
            client.close()


def test_other_paths(daemon):
    for path in ("/x", "/rpc", "//", "/../"):
        assert_refused(daemon, 404, daemon.auth_headers(), path=path)


def test_bearer_scheme_is_case_insensitive(daemon):
    client = daemon.connect({"Authorization": f"bearer {daemon.token}"})
    try:
        assert client.status == 101
    finally:
        client.close()


def test_plain_http_gets_nothing(daemon):
    with socket.create_connection((daemon.connect_host, daemon.port), timeout=10) as s:
        s.sendall(f"GET / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {daemon.token}\r\n\r\n".encode())
        reply = s.recv(4096)
    assert reply.startswith(b"HTTP/1.1 4"), reply[:100]


# --- message size cap ---------------------------------------------------------------------------

def test_oversized_message_closes_the_session(daemon):
    client = daemon.client(initialize=True)
    try:
        client.send_raw_frame_header(100 * 1000 * 1000)
        assert client.wait_closed(timeout=15), "the session stayed open after a 100 MB frame header"
        assert client.close_code in (None, 1009), f"close code {client.close_code}"
    finally:
        client.close()
    assert daemon.is_alive()
    with daemon.client(initialize=True) as fresh:
        assert "boards" in fresh.call("board/list")


def test_message_under_the_cap_is_served(daemon):
    with daemon.client(initialize=True) as client:
        failure = client.call_error("no/such/method", {"padding": "x" * (1 << 20)})
        assert failure.code == -32601


# --- paths ------------------------------------------------------------------------------------

@pytest.fixture
def opened(daemon, tmp_path):
    folder = tmp_path / "P"
    folder.mkdir()
    (folder / "inside.csv").write_text("0.1 0.2 0.3\n" * 4)
    client = daemon.client(initialize=True)
    client.call("project/create", {"folder": str(folder), "settings": FAN_SETTINGS})
    yield client, folder
    client.close()


def assert_not_allowed(client, params: dict, parameter: str, given: str) -> None:
    failure = client.call_error("dataset/check", params)
    assert failure.code == PATH_NOT_ALLOWED, failure
    assert failure.data["path"] == given
    assert failure.data["parameter"] == parameter
    assert given in failure.message


def test_dot_dot_escape(opened):
    client, folder = opened
    given = f"{folder}/{'../' * 12}etc/passwd"
    assert_not_allowed(client, {"path": given, "axes": 1}, "path", given)
    assert_not_allowed(client, {"folder": str(folder), "path": "../../../../../../../etc/passwd", "axes": 1},
                       "path", "../../../../../../../etc/passwd")
    # A sibling whose name starts like the project's is outside too.
    sibling = folder.parent / (folder.name + "-other")
    sibling.mkdir()
    (sibling / "x.csv").write_text("1\n")
    assert_not_allowed(client, {"path": str(sibling / "x.csv"), "axes": 1}, "path", str(sibling / "x.csv"))


def test_absolute_path_outside(opened):
    client, _ = opened
    assert_not_allowed(client, {"path": "/etc/passwd", "axes": 1}, "path", "/etc/passwd")


def test_symlink_escape(opened):
    client, folder = opened
    (folder / "link.csv").symlink_to("/etc/passwd")
    (folder / "linked-dir").symlink_to("/etc")
    assert_not_allowed(client, {"folder": str(folder), "path": "link.csv", "axes": 1}, "path", "link.csv")
    assert_not_allowed(client, {"path": str(folder / "link.csv"), "axes": 1}, "path", str(folder / "link.csv"))
    assert_not_allowed(client, {"folder": str(folder), "path": "linked-dir/passwd", "axes": 1}, "path",
                       "linked-dir/passwd")


def test_paths_inside_are_served(opened):
    client, folder = opened
    report = client.call("dataset/check", {"folder": str(folder), "path": "inside.csv", "axes": 3})
    assert report["format"]["lines"] == 4 and report["file"] == str(folder / "inside.csv")
    # A symlink that stays inside the project is fine.
    (folder / "alias.csv").symlink_to(folder / "inside.csv")
    assert client.call("dataset/check", {"folder": str(folder), "path": "alias.csv", "axes": 3})["format"]["lines"] == 4


def test_project_not_opened_by_this_client(daemon, opened):
    _, folder = opened
    with daemon.client(initialize=True) as other:
        failure = other.call_error("dataset/check", {"path": str(folder / "inside.csv"), "axes": 3})
        assert failure.code == PATH_NOT_ALLOWED
        failure = other.call_error("benchmark/list", {"folder": str(folder)})
        assert failure.code == PATH_NOT_ALLOWED
        assert failure.data["path"] == str(folder)


def test_other_methods_confine_their_paths(opened):
    client, folder = opened
    failure = client.call_error("benchmark/start", {"folder": str(folder), "groups": [
        {"regular": "inside.csv", "abnormal": "/etc/passwd"}]})
    assert failure.code == PATH_NOT_ALLOWED
    assert failure.data["parameter"] == "groups[0].abnormal"
    failure = client.call_error("library/compile", {"folder": str(folder), "out": "/tmp/evil.zip"})
    assert failure.code == PATH_NOT_ALLOWED and failure.data["path"] == "/tmp/evil.zip"


def test_relative_project_folder(daemon):
    with daemon.client(initialize=True) as client:
        for method in ("project/create", "project/open"):
            failure = client.call_error(method, {"folder": "relative/project", "settings": FAN_SETTINGS}
                                        if method == "project/create" else {"folder": "relative/project"})
            assert failure.code == INVALID_PARAMS
            assert failure.data["parameter"] == "folder"


# --- the token file and the bind address ------------------------------------------------------------

def test_generated_token_file(tmp_path):
    config = tmp_path / "config"
    env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
    daemon = Daemon(tmp_path / "work", token_file=False, env=env)
    try:
        token_file = config / "vigil" / "token"
        assert token_file.is_file()
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(token_file.parent.stat().st_mode) == 0o700
        token = token_file.read_text().strip()
        assert len(token) >= 32
        assert str(token_file) in daemon.stderr_text()
        client = daemon.connect({"Authorization": f"Bearer {token}"})
        try:
            assert client.status == 101
        finally:
            client.close()
    finally:
        daemon.stop()
    # A second start keeps the token.
    daemon = Daemon(tmp_path / "work", token_file=False, env=env)
    try:
        assert (config / "vigil" / "token").read_text().strip() == token
    finally:
        daemon.stop()


def test_token_file_readable_by_others_is_refused(tmp_path):
    token = tmp_path / "token"
    token.write_text("a" * 64 + "\n")
    token.chmod(0o644)
    run = subprocess.run([vigild_path(), "--listen", "127.0.0.1:0", "--token-file", str(token)],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode != 0
    assert "chmod 600" in run.stderr


def test_non_loopback_bind_warns(tmp_path):
    daemon = Daemon(tmp_path, listen="0.0.0.0:0")
    try:
        warnings = [line for line in daemon.stderr_text().splitlines() if "warning" in line.lower()]
        assert warnings, daemon.stderr_text()
        assert "0.0.0.0" in warnings[0]
    finally:
        daemon.stop()


def test_loopback_bind_does_not_warn(daemon):
    assert "warning:" not in daemon.stderr_text().lower()


# --- frames the transport refuses -----------------------------------------------------------------

def test_binary_frame_is_answered_with_invalid_request(daemon):
    from rpc_client import OP_BINARY
    with daemon.client(initialize=True) as client:
        client.send_frame(OP_BINARY, b'{"jsonrpc": "2.0", "id": 1, "method": "board/list"}')
        error = client.wait_null_error(timeout=10)
        assert error["error"]["code"] == -32600
        assert "boards" in client.call("board/list")


def test_text_frame_with_invalid_utf8_closes_only_that_session(daemon):
    from rpc_client import OP_TEXT
    client = daemon.client(initialize=True)
    try:
        client.send_frame(OP_TEXT, b'{"jsonrpc": "2.0", "id": 1, "method": "\xff"}')
        # RFC 6455 8.1: invalid UTF-8 in a text message fails the connection (1007).
        assert client.wait_closed(timeout=10), "the session stayed open after invalid UTF-8"
        assert client.close_code in (None, 1007), f"close code {client.close_code}"
    finally:
        client.close()
    with daemon.client(initialize=True) as fresh:
        assert "boards" in fresh.call("board/list")
