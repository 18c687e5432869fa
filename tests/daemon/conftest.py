"""Fixtures of the daemon's black-box tests: clients on both transports, a shared WebSocket
daemon, project folders holding the `fan` recordings, and one project with a finished
benchmark (built once per test run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rpc_client import Daemon, StdioClient, shared_datasets
from support import FAN_GROUPS, FAN_SETTINGS, SMALL_BENCHMARK, fan_folder

TRANSPORTS = ["stdio", "ws"]


@pytest.fixture(scope="session")
def fan_dir() -> Path:
    datasets = shared_datasets()
    if datasets is None:
        pytest.skip("VIGIL_SHARED_DATASETS is unset or not a folder: this test needs the real "
                    "recordings (../shared/datasets/fan)")
    fan = datasets / "fan"
    if not (fan / "regular.csv").is_file() or not (fan / "abnormal.csv").is_file():
        pytest.skip(f"{fan} lacks regular.csv/abnormal.csv: this test needs the fan recordings")
    return fan


@pytest.fixture(scope="session")
def ws_daemon(tmp_path_factory):
    """One `vigild --listen 127.0.0.1:0` for the WebSocket tests of the whole run (each test
    opens its own sessions; the verbose log tells when cancelled work ended)."""
    daemon = Daemon(tmp_path_factory.mktemp("ws-daemon"), "--log-level", "verbose")
    yield daemon
    code = daemon.stop()
    assert code == 0, f"vigild --listen ended with {code} on SIGTERM:\n{daemon.stderr_text()[-4000:]}"


def connect(transport: str, daemon: Daemon | None) -> object:
    """A fresh, uninitialized client on `transport` (for "ws", a session of `daemon`), with
    `log_text()` returning the daemon's log so far."""
    if transport == "stdio":
        client = StdioClient("--log-level", "verbose")
        client.log_text = client.stderr_text
        client.transport = "stdio"
        return client
    client = daemon.client()
    client.log_text = daemon.stderr_text
    client.transport = "ws"
    client.daemon = daemon
    return client


@pytest.fixture(params=TRANSPORTS)
def transport(request) -> str:
    return request.param


@pytest.fixture
def make_client(transport, request):
    """Factory of clients on the test's transport; all are closed at the end of the test."""
    clients = []
    daemon = request.getfixturevalue("ws_daemon") if transport == "ws" else None

    def make():
        client = connect(transport, daemon)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
    for client in clients:
        assert client.protocol_violations() == [], f"{transport}: the daemon broke the protocol"


@pytest.fixture
def client(make_client):
    """A fresh, uninitialized client on each transport."""
    return make_client()


@pytest.fixture
def ready(make_client):
    """A fresh, initialized client on each transport."""
    client = make_client()
    client.initialize()
    return client


@pytest.fixture(scope="session")
def benchmarked_project(tmp_path_factory, fan_dir):
    """A fan project with one finished small benchmark, made once: (folder, benchmark id)."""
    folder = fan_folder(tmp_path_factory.mktemp("benchmarked"), fan_dir)
    with StdioClient() as c:
        c.initialize()
        c.call("project/create", {"folder": str(folder), "settings": FAN_SETTINGS})
        started = c.call("benchmark/start", {"folder": str(folder), "groups": FAN_GROUPS,
                                             "workDoneToken": "setup", **SMALL_BENCHMARK})
        end = c.wait_progress("setup", "end", timeout=600)
        assert end["state"] == "finished", end
        c.call("shutdown")
        c.notify("exit")
        assert c.wait_exit() == 0
    return folder, started["benchmark"]
