"""The studio's flow end to end on the real `fan` recordings, on both transports: project,
dataset check and plot, a benchmark with $/progress, the emulator (checked against `vigil
emulate`), compiling, listing and removing a library; then watching a benchmark from a second
client and a client that leaves mid-benchmark (WebSocket)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from rpc_client import RpcFailure
from support import FAN_GROUPS, FAN_SETTINGS, SMALL_BENCHMARK, fan_folder, run_vigil

INVALID_PARAMS = -32602
# A benchmark that runs long enough (several seconds on 2 cores) to be watched and left.
WATCHED_BENCHMARK = {"spaceLimit": 1500, "maxSplits": 3, "seed": 1, "jobs": 1}


def signal_lines(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line.strip()]


def detections(results: list[dict]) -> list[tuple]:
    return [(r["line"], r["similarity"], r["exact"], r["status"]) for r in results]


def check_progress(values: list[dict], benchmark: int) -> None:
    """$/progress values of one benchmark: begin, report(s), end, consistent figures."""
    kinds = [v["kind"] for v in values]
    assert kinds[0] == "begin", kinds[:5]
    assert kinds[-1] == "end", kinds[-5:]
    assert kinds.count("begin") == 1 and kinds.count("end") == 1
    reports = [v for v in values if v["kind"] == "report"]
    assert reports, "no report between begin and end"
    previous = -1
    for v in values:
        assert v["benchmark"] == benchmark
        assert 0 <= v["evaluated"] <= v["planned"], v
        assert v["evaluated"] >= previous, "evaluated went backwards"
        previous = v["evaluated"]
        if v["kind"] != "end":
            assert isinstance(v["stage"], int) and v["stage"] >= 0
            assert v["candidatesPerSecond"] >= 0
    for v in reports:
        if v["best"] is not None:
            assert 0 <= v["best"]["balancedAccuracy"] <= 1
            assert isinstance(v["best"]["confidence"], (int, float))
            assert v["best"]["ramBytes"] > 0
    assert reports[-1]["best"] is not None, "no best after the whole benchmark"
    assert values[0].get("title") and values[0].get("cancellable") is True


# --- project and datasets ---------------------------------------------------------------------

def test_project_and_datasets(ready, tmp_path, fan_dir):
    folder = fan_folder(tmp_path, fan_dir)
    summary = ready.call("project/create", {"folder": str(folder), "settings": FAN_SETTINGS})
    assert summary["settings"]["name"] == "fan"
    assert summary["settings"]["core"] == "cortex-m4"
    assert summary["settings"]["sensor"] == {"type": "accelerometer", "axes": 3, "kind": "generic"}
    assert summary["settings"]["sampling_rate_hz"] == 200
    assert summary["benchmarks"] == [] and summary["libraries"] == []
    assert json.loads((folder / "vigil.json").read_text())["sensor"]["axes"] == 3

    # Creating it again is refused; opening it gives the same settings.
    assert ready.call_error("project/create", {"folder": str(folder), "settings": FAN_SETTINGS}).code == -32001
    assert ready.call("project/open", {"folder": str(folder)})["settings"] == summary["settings"]
    updated = ready.call("project/update", {"folder": str(folder), "settings": {"description": "ceiling fan"}})
    assert updated["settings"]["description"] == "ceiling fan"
    assert updated["settings"]["sensor"] == summary["settings"]["sensor"]

    for name in ("regular.csv", "abnormal.csv"):
        report = ready.call("dataset/check", {"folder": str(folder), "path": name, "axes": 3, "rate": 200})
        assert report["status"] in ("ok", "warnings"), report["status"]
        assert report["errors"] == []
        assert report["signals"] == len(signal_lines(folder / name))
        assert report["axes"] == 3 and report["length"] == 200
        # The same document as `vigil check --json`.
        cli = run_vigil("check", str(folder / name), "--axes", "3", "--rate", "200", "--json")
        assert cli.returncode in (0, 1), cli.stderr
        assert report == json.loads(cli.stdout)
        # An absolute path inside the project works without `folder`.
        assert ready.call("dataset/check", {"path": str(folder / name), "axes": 3, "rate": 200}) == report

    plot = ready.call("dataset/plot", {"folder": str(folder), "path": "regular.csv", "axes": 3, "rate": 200})
    assert len(plot["perAxis"]) == 3
    for axis in plot["perAxis"]:
        for stat in ("mean", "min", "max", "std"):
            assert len(axis["per_sample"][stat]) == 200, stat
        assert all(lo <= m <= hi for lo, m, hi in
                   zip(axis["per_sample"]["min"], axis["per_sample"]["mean"], axis["per_sample"]["max"]))
        assert axis["spectrum"] and isinstance(axis["spectrum"], dict)
        assert axis["spectrum"].get("amplitude"), axis["spectrum"].keys()
    assert plot["signals"] == len(signal_lines(folder / "regular.csv"))
    assert plot["rateHz"] == 200


# --- benchmark, emulator, library -------------------------------------------------------------

def test_benchmark_emulator_and_library(ready, tmp_path, fan_dir):
    folder = fan_folder(tmp_path, fan_dir)
    f = str(folder)
    ready.call("project/create", {"folder": f, "settings": FAN_SETTINGS})
    ready.call("project/open", {"folder": f})

    # benchmark/start answers at once; progress follows on the token.
    started = ready.call("benchmark/start", {"folder": f, "groups": FAN_GROUPS, "workDoneToken": "t1",
                                             **SMALL_BENCHMARK})
    benchmark = started["benchmark"]
    assert isinstance(benchmark, int)
    end = ready.wait_progress("t1", "end", timeout=600)
    assert end["state"] == "finished", end
    assert end["evaluated"] == end["planned"]
    check_progress(ready.progress("t1"), benchmark)

    listed = ready.call("benchmark/list", {"folder": f})["benchmarks"]
    assert [b["id"] for b in listed] == [benchmark]
    assert listed[0]["state"] == "finished" and listed[0]["live"] is False
    result = ready.call("benchmark/result", {"folder": f, "benchmark": benchmark})
    best = result["best"]
    assert best and best["key"] and best["indicators"]["balanced_accuracy"] > 0.5
    assert listed[0]["best"]["key"] == best["key"]
    # Watching a finished benchmark says so instead of waiting.
    watched = ready.call("benchmark/watch", {"folder": f, "benchmark": benchmark, "workDoneToken": "late"})
    assert watched == {"benchmark": benchmark, "live": False, "state": "finished"}
    assert ready.call_error("benchmark/result", {"folder": f, "benchmark": benchmark + 100}).code == INVALID_PARAMS

    # The document of `vigil bench --json`: the same benchmark by the CLI in another project
    # finds the same best (the search is deterministic) and has the same fields.
    cli_folder = fan_folder(tmp_path, fan_dir, "cli-project")
    cli = run_vigil("bench", "--project", str(cli_folder), "--regular", str(cli_folder / "regular.csv"),
                    "--abnormal", str(cli_folder / "abnormal.csv"), "--axes", "3", "--space-limit", "300",
                    "--max-splits", "3", "--seed", "1", "--json")
    assert cli.returncode == 0, cli.stderr
    cli_result = json.loads(cli.stdout)
    assert set(cli_result) == set(result)
    assert cli_result["best"]["key"] == best["key"]

    # Emulator: learn the regular file, detect the abnormal one, from a file and from numbers.
    opened = ready.call("emulator/open", {"folder": f})
    session = opened["session"]
    assert opened["key"] == best["key"]
    assert opened["learnCount"] == 0 and opened["ready"] is False
    regular_count = len(signal_lines(folder / "regular.csv"))
    abnormal_lines = signal_lines(folder / "abnormal.csv")
    learned = ready.call("emulator/learn", {"session": session, "path": "regular.csv"})
    assert learned["learned"] == regular_count and learned["learnCount"] == regular_count
    assert learned["ready"] is True
    detected = ready.call("emulator/detect", {"session": session, "path": "abnormal.csv"})
    assert detected["source"].endswith("abnormal.csv")
    assert [r["line"] for r in detected["results"]] == list(range(1, len(abnormal_lines) + 1))
    assert detected["nominal"] + detected["anomalies"] == len(abnormal_lines)
    assert all(r["status"] in ("nominal", "anomaly") for r in detected["results"])
    assert detected["anomalies"] > len(abnormal_lines) // 2, "most coin-on-blade signals should be anomalies"

    rows = [[float(v) for v in line.split()] for line in abnormal_lines[:8]]
    from_numbers = ready.call("emulator/detect", {"session": session, "signals": rows})
    assert from_numbers["source"] == "signals"
    assert detections(from_numbers["results"]) == detections(detected["results"][:8])

    # The CLI reads the same store: same library, same similarities.
    cli = run_vigil("emulate", "--project", f, "--learn", str(folder / "regular.csv"),
                    "--detect", str(folder / "abnormal.csv"), "--json")
    assert cli.returncode == 0, cli.stderr
    emulated = json.loads(cli.stdout)
    assert emulated["key"] == opened["key"]
    assert detections(emulated["detected"][0]["signals"]) == detections(detected["results"])
    assert (emulated["nominal"], emulated["anomalies"]) == (detected["nominal"], detected["anomalies"])

    # Knowledge round trip and sensitivity.
    saved = ready.call("emulator/saveKnowledge", {"session": session, "path": "knowledge.bin"})
    assert Path(saved["path"]) == folder / "knowledge.bin" and saved["bytes"] > 0
    assert (folder / "knowledge.bin").stat().st_size == saved["bytes"]
    assert ready.call("emulator/init", {"session": session})["learnCount"] == 0
    assert ready.call("emulator/loadKnowledge", {"session": session, "path": "knowledge.bin"})["learnCount"] == \
        regular_count
    assert detections(ready.call("emulator/detect", {"session": session, "signals": rows})["results"]) == \
        detections(detected["results"][:8])
    assert ready.call("emulator/setSensitivity", {"session": session, "sensitivity": 2})["sensitivity"] == 2
    assert ready.call("emulator/close", {"session": session}) == {"session": session, "closed": True}
    assert ready.call_error("emulator/detect", {"session": session, "signals": rows}).code == INVALID_PARAMS

    # Library: compile, list, remove.
    compiled = ready.call("library/compile", {"folder": f}, timeout=600)
    path = Path(compiled["path"])
    assert path.is_file() and path.suffix == ".zip"
    assert folder in path.parents
    assert hashlib.sha256(path.read_bytes()).hexdigest() == compiled["sha256"]
    assert compiled["ram"] > 0 and compiled["flash"] > 0
    library = compiled["library"]["id"]
    libraries = ready.call("library/list", {"folder": f})["libraries"]
    assert [entry["id"] for entry in libraries] == [library]
    assert libraries[0]["sha256"] == compiled["sha256"]
    assert libraries[0]["benchmark"] == benchmark
    archived = Path(libraries[0]["path"])
    assert archived.is_file() and hashlib.sha256(archived.read_bytes()).hexdigest() == compiled["sha256"]
    assert ready.call("project/open", {"folder": f})["libraries"][0]["id"] == library
    # The library opens in the emulator with the same recipe.
    assert ready.call("emulator/open", {"folder": f, "library": library})["key"] == best["key"]

    assert ready.call("library/remove", {"folder": f, "library": library}) == {"library": library, "removed": True}
    assert ready.call("library/list", {"folder": f})["libraries"] == []
    failure = ready.call_error("library/remove", {"folder": f, "library": library})
    assert failure.code == INVALID_PARAMS and failure.data["parameter"] == "library"


def test_refused_benchmark_names_the_file(ready, tmp_path, fan_dir):
    folder = fan_folder(tmp_path, fan_dir)
    ready.call("project/create", {"folder": str(folder), "settings": FAN_SETTINGS})
    (folder / "broken.csv").write_text("0.1 0.2 0.3\n0.1 x 0.3\n")
    failure = ready.call_error("benchmark/start", {"folder": str(folder), "groups": [
        {"regular": "regular.csv", "abnormal": "broken.csv"}], **SMALL_BENCHMARK})
    assert failure.code == -32001
    assert failure.data["file"].endswith("broken.csv")
    assert failure.data["line"] == 2
    assert ready.call("benchmark/list", {"folder": str(folder)})["benchmarks"] == []


def test_benchmark_of_the_projects_own_signals(ready, tmp_path, fan_dir):
    """Files listed under "signals" in vigil.json are what benchmark/start uses without groups;
    a listed file outside the project is refused like a given one."""
    folder = fan_folder(tmp_path, fan_dir)
    ready.call("project/create", {"folder": str(folder), "settings": FAN_SETTINGS})
    summary = ready.call("project/update", {"folder": str(folder), "settings": {
        "signals": [{"regular": g["regular"], "abnormal": g["abnormal"]} for g in FAN_GROUPS]}})
    assert summary["settings"]["signals"][0]["regular"] == FAN_GROUPS[0]["regular"]
    started = ready.call("benchmark/start", {"folder": str(folder), "workDoneToken": "own", **SMALL_BENCHMARK})
    assert ready.wait_progress("own", "end", timeout=600)["state"] == "finished"
    result = ready.call("benchmark/result", {"folder": str(folder), "benchmark": started["benchmark"]})
    listed = ready.call("benchmark/list", {"folder": str(folder)})["benchmarks"][0]
    assert [Path(g["regular"]["path"]).name for g in listed["inputs"]] == [Path(g["regular"]).name for g in FAN_GROUPS]
    assert all(s["status"] in ("anomaly", "nominal") for s in result["similarities"]["signals"])

    ready.call("project/update", {"folder": str(folder), "settings": {
        "signals": [{"regular": "/etc/passwd", "abnormal": FAN_GROUPS[0]["abnormal"]}]}})
    failure = ready.call_error("benchmark/start", {"folder": str(folder), **SMALL_BENCHMARK})
    assert failure.code == -32003 and failure.data["parameter"] == "signals[0].regular"


# --- watching and leaving ---------------------------------------------------------------------------

def start_watched_benchmark(client, folder: Path, token: str) -> int:
    client.call("project/create", {"folder": str(folder), "settings": FAN_SETTINGS})
    started = client.call("benchmark/start", {"folder": str(folder), "groups": FAN_GROUPS,
                                              "workDoneToken": token, **WATCHED_BENCHMARK})
    client.wait_progress(token, "report", timeout=600)
    return started["benchmark"]


def test_watch_from_a_second_token(ready, tmp_path, fan_dir):
    """stdio has one client per daemon: a second token on the same connection watches."""
    folder = fan_folder(tmp_path, fan_dir)
    benchmark = start_watched_benchmark(ready, folder, "first")
    watched = ready.call("benchmark/watch", {"folder": str(folder), "benchmark": benchmark,
                                             "workDoneToken": "second"})
    assert watched["live"] is True, f"the benchmark ended before it could be watched: {watched}"
    end = ready.wait_progress("second", "end", timeout=600)
    assert end["state"] == "finished"
    values = ready.progress("second")
    assert values[0]["kind"] == "begin" and values[0]["benchmark"] == benchmark
    assert ready.wait_progress("first", "end", timeout=60)["state"] == "finished"
    listing = ready.call("benchmark/list", {"folder": str(folder)})["benchmarks"]
    assert listing[0]["state"] == "finished" and listing[0]["live"] is False


def test_watch_from_a_second_client(ws_daemon, tmp_path, fan_dir):
    folder = fan_folder(tmp_path, fan_dir)
    with ws_daemon.client(initialize=True) as first, ws_daemon.client(initialize=True) as second:
        benchmark = start_watched_benchmark(first, folder, "a")
        # The second client must open the project before naming it.
        failure = second.call_error("benchmark/watch", {"folder": str(folder), "benchmark": benchmark,
                                                        "workDoneToken": "b"})
        assert failure.code == -32003
        second.call("project/open", {"folder": str(folder)})
        watched = second.call("benchmark/watch", {"folder": str(folder), "benchmark": benchmark,
                                                  "workDoneToken": "b"})
        assert watched["live"] is True, f"the benchmark ended before it could be watched: {watched}"
        end = second.wait_progress("b", "end", timeout=600)
        assert end["state"] == "finished"
        values = second.progress("b")
        assert values[0]["kind"] == "begin" and values[0]["benchmark"] == benchmark
        assert any(v["kind"] == "report" for v in values)
        assert first.wait_progress("a", "end", timeout=60)["state"] == "finished"
        # Each client only gets its own token.
        assert second.progress("a") == [] and first.progress("b") == []


def test_client_leaving_mid_benchmark_does_not_stop_it(ws_daemon, tmp_path, fan_dir):
    folder = fan_folder(tmp_path, fan_dir)
    leaving = ws_daemon.client(initialize=True)
    benchmark = start_watched_benchmark(leaving, folder, "gone")
    leaving.drop()  # no close frame, no shutdown: a crashed client

    with ws_daemon.client(initialize=True) as back:
        summary = back.call("project/open", {"folder": str(folder)})
        entry = next(b for b in summary["benchmarks"] if b["id"] == benchmark)
        assert entry["state"] in ("running", "finished"), entry
        listed = next(b for b in back.call("benchmark/list", {"folder": str(folder)})["benchmarks"]
                      if b["id"] == benchmark)
        assert listed["state"] in ("running", "finished"), listed
        if listed["live"]:
            assert listed["state"] == "running" and "progress" in listed
        watched = back.call("benchmark/watch", {"folder": str(folder), "benchmark": benchmark,
                                                "workDoneToken": "again"})
        if watched["live"]:
            assert back.wait_progress("again", "end", timeout=600)["state"] == "finished"
        final = next(b for b in back.call("benchmark/list", {"folder": str(folder)})["benchmarks"]
                     if b["id"] == benchmark)
        assert final["state"] == "finished" and final["live"] is False, final
        result = back.call("benchmark/result", {"folder": str(folder), "benchmark": benchmark})
        assert result["counts"]["evaluated"] == sum(s["planned"] for s in result["counts"]["stages"])
