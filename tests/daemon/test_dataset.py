"""dataset/synth on both transports: the example data is `vigil synth`'s, byte for byte, shaped
like the project when the params leave things out; it never replaces files unasked, stays inside
the project, and names a bad parameter."""

from __future__ import annotations

import json
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
    for params, name in [({"fault": "wobble"}, "fault"), ({"machine": "pump"}, "machine"), ({"kind": "pump"}, "kind"),
                         ({"kind": "spectrum", "fault": "drift"}, "fault"),
                         ({"kind": "spectrum", "machine": "process"}, "machine"),
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


def test_synth_kinds_follow_the_project_and_match_the_command_line(ready, tmp_path):
    # A project whose sensor.kind is process: example data of the process kind, its channels
    # the project's axes, 32 readings per line; the same bytes as `vigil synth --kind process`.
    settings = {"name": "loop", "core": "cortex-m4", "max_ram_kb": 16,
                "sensor": {"type": "generic", "axes": 4, "kind": "process"}}
    folder = project(ready, tmp_path / "loop", settings)
    got = ready.call("dataset/synth", {"folder": str(folder), "signals": 6, "seed": 3})
    assert got["synth"]["kind"] == "process" and got["synth"]["fault"] == "drift"
    assert got["synth"]["axes"] == 4 and got["synth"]["length"] == 32
    cli = tmp_path / "cli"
    done = run_vigil("synth", "--out", str(cli), "--kind", "process", "--signals", "6", "--seed", "3")
    assert done.returncode == 0, done.stderr
    assert (cli / "regular.csv").read_bytes() == Path(got["regular"]).read_bytes()
    assert (cli / "abnormal.csv").read_bytes() == Path(got["abnormal"]).read_bytes()

    # The kind param wins over the project's; `machine` is its older name.
    spectrum = ready.call("dataset/synth", {"folder": str(folder), "out": "s", "signals": 4, "axes": 1,
                                            "kind": "spectrum", "fault": "harmonics"})
    assert spectrum["synth"]["kind"] == "spectrum" and spectrum["synth"]["fault"] == "harmonics"
    assert spectrum["synth"]["length"] == 256
    assert all(float(v) >= 0 for line in Path(spectrum["regular"]).read_text().splitlines() for v in line.split())
    alias = ready.call("dataset/synth", {"folder": str(folder), "out": "m", "signals": 4, "axes": 1,
                                         "machine": "spectrum", "fault": "harmonics"})
    assert Path(alias["abnormal"]).read_bytes() == Path(spectrum["abnormal"]).read_bytes()


def test_check_suggests_a_kind_and_says_when_the_project_disagrees(ready, tmp_path):
    settings = {"name": "loop", "core": "cortex-m4", "max_ram_kb": 16,
                "sensor": {"type": "generic", "axes": 4, "kind": "vibration"}}
    folder = project(ready, tmp_path / "loop", settings)
    got = ready.call("dataset/synth", {"folder": str(folder), "kind": "process", "signals": 40})
    report = ready.call("dataset/check", {"folder": str(folder), "path": got["regular"], "axes": 4,
                                          "kind": "vibration"})
    suggestion = report["kind_suggestion"]
    assert suggestion["kind"] == "process" and suggestion["project_kind"] == "vibration"
    assert suggestion["disagrees"] is True and suggestion["reason"]
    assert all("kind" not in w["kind"] for w in report["warnings"])  # informational, never a warning
    # The same document as `vigil check --kind`.
    cli = run_vigil("check", got["regular"], "--axes", "4", "--kind", "vibration", "--json")
    assert cli.returncode in (0, 1), cli.stderr
    assert json.loads(cli.stdout) == report
    plain = ready.call("dataset/check", {"folder": str(folder), "path": got["regular"], "axes": 4})
    assert plain["kind_suggestion"]["project_kind"] is None and plain["kind_suggestion"]["disagrees"] is False
    failure = ready.call_error("dataset/check", {"folder": str(folder), "path": got["regular"], "axes": 4,
                                                 "kind": "thermal"})
    assert failure.code == INVALID_PARAMS and failure.data["parameter"] == "kind"


def test_project_kind_is_created_updated_and_refused_when_unknown(ready, tmp_path):
    folder = project(ready, tmp_path / "p")
    summary = ready.call("project/open", {"folder": str(folder)})
    assert summary["settings"]["sensor"]["kind"] == "generic"
    updated = ready.call("project/update", {"folder": str(folder), "settings": {"sensor": {"kind": "spectrum"}}})
    assert updated["settings"]["sensor"] == {**summary["settings"]["sensor"], "kind": "spectrum"}
    assert json.loads((folder / "vigil.json").read_text())["sensor"]["kind"] == "spectrum"
    failure = ready.call_error("project/update", {"folder": str(folder), "settings": {"sensor": {"kind": "thermal"}}})
    assert failure.code == -32001 and failure.data["field"] == "sensor.kind"
    assert json.loads((folder / "vigil.json").read_text())["sensor"]["kind"] == "spectrum"
    made = project(ready, tmp_path / "q", {**FAN_SETTINGS, "sensor": {"type": "accelerometer", "kind": "Vibration"}})
    assert json.loads((made / "vigil.json").read_text())["sensor"] == {"type": "accelerometer", "axes": 3,
                                                                       "kind": "vibration"}
