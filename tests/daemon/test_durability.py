"""kill -9 durability: a daemon killed in the middle of a benchmark loses nothing that was
finished (project, earlier benchmarks, libraries); the killed benchmark is listed as it was
left ('running', with nothing running it) and benchmark/resume completes it with the same best
library as the same benchmark run without interruption (the search is deterministic)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rpc_client import StdioClient
from support import FAN_GROUPS, FAN_SETTINGS, SMALL_BENCHMARK, fan_folder

# Larger than the other tests' so that it is still running when killed.
LARGE_BENCHMARK = {"spaceLimit": 2000, "maxSplits": 9, "seed": 7, "jobs": 2}


def run_to_end(client: StdioClient, folder: Path, token: str, settings: dict) -> int:
    started = client.call("benchmark/start", {"folder": str(folder), "groups": FAN_GROUPS,
                                              "workDoneToken": token, **settings})
    end = client.wait_progress(token, "end", timeout=900)
    assert end["state"] == "finished", end
    return started["benchmark"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_kill_9_mid_benchmark_then_resume(tmp_path, fan_dir):
    folder = fan_folder(tmp_path, fan_dir)
    f = str(folder)

    # A project with a finished benchmark and a library, then a large benchmark killed midway.
    first = StdioClient()
    try:
        first.initialize()
        first.call("project/create", {"folder": f, "settings": FAN_SETTINGS})
        earlier = run_to_end(first, folder, "earlier", SMALL_BENCHMARK)
        compiled = first.call("library/compile", {"folder": f}, timeout=600)
        before = first.call("project/open", {"folder": f})
        earlier_result = first.call("benchmark/result", {"folder": f, "benchmark": earlier})

        killed = first.call("benchmark/start", {"folder": f, "groups": FAN_GROUPS, "workDoneToken": "big",
                                                **LARGE_BENCHMARK})["benchmark"]
        # Killed once a quarter is done and at least a few checkpoint intervals (0.1 s each)
        # went by in the daemon, so some evaluations are in the store.
        def far_enough():
            last = first.last_progress("big", "report")
            return last and last["evaluated"] * 4 >= last["planned"] and last["elapsedS"] >= 0.5
        first.wait_until(far_enough, 900, "a quarter of the large benchmark done")
        assert not first.progress("big", "end"), "the large benchmark ended before it could be killed: make it larger"
        first.kill9()
    finally:
        first.close()

    # A new daemon finds everything that was finished, and the killed benchmark as it was left.
    second = StdioClient()
    try:
        second.initialize()
        after = second.call("project/open", {"folder": f})
        assert after["settings"] == before["settings"]
        assert after["libraries"] == before["libraries"]
        library_path = Path(compiled["library"]["path"])
        assert library_path.is_file() and sha256(library_path) == compiled["sha256"]
        assert Path(compiled["path"]).is_file() and sha256(Path(compiled["path"])) == compiled["sha256"]
        by_id = {b["id"]: b for b in second.call("benchmark/list", {"folder": f})["benchmarks"]}
        assert set(by_id) == {earlier, killed}
        assert by_id[earlier] == {**before["benchmarks"][0], "live": False}
        assert second.call("benchmark/result", {"folder": f, "benchmark": earlier}) == earlier_result
        assert by_id[killed]["state"] == "running", by_id[killed]
        assert by_id[killed]["live"] is False, "nothing runs the killed benchmark in the new daemon"
        watched = second.call("benchmark/watch", {"folder": f, "benchmark": killed, "workDoneToken": "w"})
        assert watched == {"benchmark": killed, "live": False, "state": "running"}

        # Resumed to the end, it skips what the store holds.
        resumed = second.call("benchmark/resume", {"folder": f, "benchmark": killed, "workDoneToken": "resume",
                                                   "jobs": LARGE_BENCHMARK["jobs"]})
        assert resumed == {"benchmark": killed}
        end = second.wait_progress("resume", "end", timeout=900)
        assert end["state"] == "finished", end
        begin = second.progress("resume")[0]
        assert begin["kind"] == "begin"
        assert begin["evaluated"] > 0, "the resumed benchmark started from nothing: no checkpoint survived"
        result = second.call("benchmark/result", {"folder": f, "benchmark": killed})
        assert result["state"] == "finished"
        assert result["counts"]["evaluated"] == end["planned"]
        assert result["counts"]["evaluated_this_session"] == end["planned"] - begin["evaluated"]
        listed = {b["id"]: b for b in second.call("benchmark/list", {"folder": f})["benchmarks"]}
        assert listed[killed]["state"] == "finished"

        # The same benchmark without interruption, in another project, finds the same best.
        reference_folder = fan_folder(tmp_path, fan_dir, "reference")
        second.call("project/create", {"folder": str(reference_folder), "settings": FAN_SETTINGS})
        reference = run_to_end(second, reference_folder, "reference", LARGE_BENCHMARK)
        reference_result = second.call("benchmark/result", {"folder": str(reference_folder), "benchmark": reference})
        assert result["best"]["key"] == reference_result["best"]["key"]
        assert result["best"]["indicators"] == reference_result["best"]["indicators"]
        second.call("shutdown")
        second.notify("exit")
        assert second.wait_exit() == 0
    finally:
        second.close()
