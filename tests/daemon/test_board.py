"""The board side of the daemon on both transports: target/test runs a compiled library on a
QEMU machine of the catalog and agrees with the emulator, with $/progress and refusals named;
target/flash meets the real OpenOCD with no probe plugged in; record/start and record/stop record
a pty into a signal file, rejecting bad lines with their reason."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

INVALID_PARAMS = -32602
DEVICE_ERROR = -32005


@pytest.fixture
def opened(ready, benchmarked_project):
    folder, benchmark = benchmarked_project
    ready.call("project/open", {"folder": str(folder)})
    return ready, folder, benchmark


def library_for(client, folder: Path, benchmark: int, core: str) -> int:
    for lib in client.call("library/list", {"folder": str(folder)})["libraries"]:
        if lib["core"] == core and lib["benchmark"] == benchmark:
            return lib["id"]
    return client.call("library/compile", {"folder": str(folder), "benchmark": benchmark, "core": core},
                       timeout=300)["library"]["id"]


@pytest.mark.skipif(not shutil.which("qemu-system-arm"), reason="qemu-system-arm is not installed")
def test_target_test_in_qemu_agrees_with_the_emulator(opened):
    client, folder, benchmark = opened
    library = library_for(client, folder, benchmark, "cortex-m4")
    token = f"target-{client.transport}"
    report = client.call("target/test", {"folder": str(folder), "board": "qemu-m4", "library": library,
                                         "learn": "regular.csv", "detect": ["regular.csv", "abnormal.csv"],
                                         "workDoneToken": token}, timeout=600)
    assert report["verdict"] == "agree"
    a = report["agreement"]
    assert a["matching"] == a["total"] and a["first_difference"] is None
    regular = len((folder / "regular.csv").read_text().splitlines())
    abnormal = len((folder / "abnormal.csv").read_text().splitlines())
    assert len(report["detect"]) == regular + abnormal
    assert a["total"] == 1 + len(report["learn"]) + regular + abnormal
    assert report["runner"]["kind"] == "qemu"
    begin = client.progress(token, "begin")
    end = client.progress(token, "end")
    assert begin and begin[0]["task"] == "target/test" and begin[0]["cancellable"] is True
    assert end and end[-1]["state"] == "finished" and end[-1]["data"] == {"matching": a["matching"], "total": a["total"]}


def test_target_test_refuses_what_cannot_run(opened):
    client, folder, benchmark = opened
    failure = client.call_error("target/test", {"folder": str(folder), "board": "no-such-board", "learn": "regular.csv"})
    assert failure.code == INVALID_PARAMS and failure.data["parameter"] == "board"
    assert "qemu-m4" in failure.message  # the known boards are named
    failure = client.call_error("target/test", {"folder": str(folder), "board": "qemu-m4", "library": 1, "benchmark": 1,
                                                "learn": "regular.csv"})
    assert failure.code == INVALID_PARAMS and failure.data["parameter"] == "library"
    failure = client.call_error("target/test", {"folder": str(folder), "board": "qemu-m4", "learn": "../elsewhere.csv"})
    assert failure.code == -32003 and failure.data["parameter"] == "learn"


@pytest.mark.skipif(not shutil.which("qemu-system-arm"), reason="qemu-system-arm is not installed")
def test_a_library_for_another_core_is_refused_before_anything_runs(opened):
    client, folder, benchmark = opened
    library = library_for(client, folder, benchmark, "cortex-m4")
    failure = client.call_error("target/test", {"folder": str(folder), "board": "qemu-m3", "library": library,
                                                "learn": "regular.csv", "detect": "abnormal.csv"}, timeout=120)
    assert failure.code == INVALID_PARAMS, failure
    assert "cortex-m4" in failure.message and "cortex-m3" in failure.message


@pytest.mark.skipif(not shutil.which("openocd"), reason="openocd is not installed")
def test_target_flash_without_a_probe_says_so(opened, tmp_path):
    client, folder, _ = opened
    image = folder / "blink.bin"
    image.write_bytes(bytes(range(256)) * 4)
    token = f"flash-{client.transport}"
    failure = client.call_error("target/flash", {"folder": str(folder), "board": "nucleo-f401re", "image": "blink.bin",
                                                 "workDoneToken": token}, timeout=120)
    assert failure.code == DEVICE_ERROR, failure
    assert failure.data == {"kind": "no_probe"}
    assert "probe" in failure.message.lower()
    end = client.progress(token, "end")
    assert end and end[-1]["state"] == "failed"


def test_record_from_a_pty(opened):
    client, folder, _ = opened
    master, slave = os.openpty()
    port = os.ttyname(slave)
    out = f"signals/regular/recorded-{client.transport}-{os.getpid()}.csv"
    (folder / "signals" / "regular").mkdir(parents=True, exist_ok=True)
    token = f"record-{client.transport}"
    try:
        started = client.call("record/start", {"folder": str(folder), "port": port, "out": out, "axes": 3, "length": 4,
                                               "lines": 5, "mode": "signal", "workDoneToken": token})
        assert started["out"] == str(folder / out) and started["recording"].startswith("record-")
        good = [" ".join(f"{(i * 12 + k) % 7 + 0.5 * k:.3f}" for k in range(12)) for i in range(6)]
        for line in good[:3] + ["1 2 3 4 5"] + good[3:5]:  # one line with 5 values instead of 12
            os.write(master, (line + "\n").encode())
            time.sleep(0.05)
        end = client.wait_progress(token, "end", timeout=30)
        assert end["state"] == "finished" and end["task"] == "record"
        summary = client.call("record/stop", {"recording": started["recording"]})
    finally:
        os.close(master)
        os.close(slave)
    assert summary["counters"]["kept"] == 5
    assert summary["counters"]["rejected"] == 1
    assert summary["stop"] == "lines_reached"
    lines = (folder / out).read_text().splitlines()
    assert len(lines) == 5 and all(len(l.split()) == 12 for l in lines)
    reports = client.progress(token, "report")
    assert any("5 values" in r["message"] or "expected 12" in r["message"] for r in reports), reports
    failure = client.call_error("record/stop", {"recording": started["recording"]})
    assert failure.code == INVALID_PARAMS and failure.data["parameter"] == "recording"


def test_record_refuses_a_missing_port_at_once(opened):
    client, folder, _ = opened
    failure = client.call_error("record/start", {"folder": str(folder), "port": "/dev/ttyVIGIL-none", "out": "x.csv",
                                                 "length": 4})
    assert failure.code in (-32001, INVALID_PARAMS), failure
    assert "/dev/ttyVIGIL-none" in failure.message
    assert not (folder / "x.csv").exists()


def test_a_board_in_the_settings_sets_the_core(ready, tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    created = ready.call("project/create", {"folder": str(folder),
                                            "settings": {"board": "nucleo-g071rb", "sensor": {"type": "current"}}})
    assert created["settings"]["board"] == "nucleo-g071rb" and created["settings"]["core"] == "cortex-m0plus"
    # Another board brings its core; a core that contradicts the board is refused on `core`.
    updated = ready.call("project/update", {"folder": str(folder), "settings": {"board": "NUCLEO-F401RE"}})
    assert updated["settings"]["board"] == "nucleo-f401re" and updated["settings"]["core"] == "cortex-m4"
    failure = ready.call_error("project/update", {"folder": str(folder), "settings": {"board": "nucleo-h743zi", "core": "m0"}})
    assert failure.code == -32001 and failure.data["field"] == "core"
    failure = ready.call_error("project/update", {"folder": str(folder), "settings": {"board": "no-such-board"}})
    assert failure.code == -32001 and failure.data["field"] == "board"
    # Removing the board keeps the core.
    cleared = ready.call("project/update", {"folder": str(folder), "settings": {"board": None}})
    assert "board" not in cleared["settings"] and cleared["settings"]["core"] == "cortex-m4"
