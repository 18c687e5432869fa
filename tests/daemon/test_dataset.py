"""dataset/synth on both transports: the example data is `vigil synth`'s, byte for byte, shaped
like the project when the params leave things out; it never replaces files unasked, stays inside
the project, and names a bad parameter."""

from __future__ import annotations

from pathlib import Path

from support import FAN_SETTINGS, run_vigil

INVALID_PARAMS = -32602
PATH_NOT_ALLOWED = -32003


def project(client, folder: Path, settings=FAN_SETTINGS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    client.call("project/create", {"folder": str(folder), "settings": settings})
    return folder


def test_synth_writes_what_vigil_synth_writes(ready, tmp_path):
    folder = project(ready, tmp_path / "p")
    got = ready.call("dataset/synth", {"folder": str(folder), "signals": 24, "length": 64, "seed": 5})
    regular, abnormal = Path(got["regular"]), Path(got["abnormal"])
    assert regular == folder / "signals" / "example" / "regular.csv"
    assert abnormal == folder / "signals" / "example" / "abnormal.csv"
    assert got["regularBytes"] == regular.stat().st_size and got["abnormalBytes"] == abnormal.stat().st_size
    # The project's sensor decides what was left out: FAN_SETTINGS' axes and sampling rate.
    assert got["synth"]["axes"] == FAN_SETTINGS["sensor"]["axes"]
    assert got["synth"]["rate_hz"] == FAN_SETTINGS["sampling_rate_hz"]
    assert got["synth"]["signals"] == 24 and got["synth"]["abnormal_signals"] == 24
    lines = regular.read_text().splitlines()
    assert len(lines) == 24 and all(len(line.split()) == 64 * 3 for line in lines)
    # The same bytes as the command line given the same spec.
    cli = tmp_path / "cli"
    done = run_vigil("synth", "--out", str(cli), "--signals", "24", "--length", "64", "--seed", "5",
                     "--axes", str(FAN_SETTINGS["sensor"]["axes"]), "--rate", str(FAN_SETTINGS["sampling_rate_hz"]))
    assert done.returncode == 0, done.stderr
    assert (cli / "regular.csv").read_bytes() == regular.read_bytes()
    assert (cli / "abnormal.csv").read_bytes() == abnormal.read_bytes()
    # And the check accepts it.
    report = ready.call("dataset/check", {"folder": str(folder), "path": str(regular), "axes": 3})
    assert report["status"] != "errors"


def test_synth_refuses_to_replace_files_unless_told(ready, tmp_path):
    folder = project(ready, tmp_path / "p")
    out = folder / "data"
    out.mkdir()
    (out / "regular.csv").write_text("1 2 3\n")
    failure = ready.call_error("dataset/synth", {"folder": str(folder), "out": "data", "signals": 4, "length": 32})
    assert failure.code == INVALID_PARAMS and failure.data["parameter"] == "out"
    assert "overwrite" in failure.message
    assert (out / "regular.csv").read_text() == "1 2 3\n"
    assert not (out / "abnormal.csv").exists()
    got = ready.call("dataset/synth", {"folder": str(folder), "out": "data", "signals": 4, "length": 32,
                                       "overwrite": True})
    assert len((out / "regular.csv").read_text().splitlines()) == 4
    assert got["abnormal"] == str(out / "abnormal.csv")


def test_synth_stays_inside_the_project(ready, tmp_path):
    folder = project(ready, tmp_path / "p")
    failure = ready.call_error("dataset/synth", {"folder": str(folder), "out": "../elsewhere", "signals": 4})
    assert failure.code == PATH_NOT_ALLOWED and failure.data["parameter"] == "out"
    assert not (tmp_path / "elsewhere").exists()


def test_synth_names_the_bad_parameter(ready, tmp_path):
    folder = project(ready, tmp_path / "p")
    for params, name in [({"fault": "wobble"}, "fault"), ({"machine": "pump"}, "machine"),
                         ({"axes": 17}, "axes"), ({"rate": 10}, "rate"), ({"severity": 2}, "severity"),
                         ({"signals": 0}, "signals"), ({"colour": "red"}, "colour")]:
        failure = ready.call_error("dataset/synth", {"folder": str(folder), **params})
        assert failure.code == INVALID_PARAMS, params
        assert failure.data["parameter"] == name, (params, failure.data)
    assert not (folder / "signals").exists()


def test_synth_for_a_current_sensor_simulates_a_motor(ready, tmp_path):
    settings = {"name": "motor", "core": "cortex-m4", "max_ram_kb": 16,
                "sensor": {"type": "current", "axes": 3}, "sampling_rate_hz": 2000}
    folder = project(ready, tmp_path / "m", settings)
    got = ready.call("dataset/synth", {"folder": str(folder), "signals": 3, "length": 64})
    assert got["synth"]["machine"] == "current"
    assert got["synth"]["rate_hz"] == 2000
