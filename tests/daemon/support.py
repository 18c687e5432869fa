"""Constants and helpers the daemon tests share (the fixtures are in conftest.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from rpc_client import vigil_path

# Project settings as vigil.json spells them (engine/src/project/settings.cpp): the fan
# recordings are a 3-axis accelerometer at 200 Hz.
FAN_SETTINGS = {
    "name": "fan",
    "core": "cortex-m4",
    "sensor": {"type": "accelerometer", "axes": 3},
    "sampling_rate_hz": 200,
}
FAN_GROUPS = [{"regular": "regular.csv", "abnormal": "abnormal.csv"}]
# A benchmark small enough for 2 shared cores (a few seconds).
SMALL_BENCHMARK = {"spaceLimit": 300, "maxSplits": 3, "seed": 1}


def fan_folder(parent: Path, fan: Path, name: str = "project") -> Path:
    """A new folder holding copies of the fan recordings (the daemon only reads files inside
    the project folders a client opened)."""
    folder = parent / name
    folder.mkdir(parents=True)
    for file in ("regular.csv", "abnormal.csv"):
        shutil.copyfile(fan / file, folder / file)
    return folder


def project_files(folder: Path) -> set[str]:
    """Every file under `folder` (relative), without SQLite's transient journal files."""
    transient = ("-wal", "-shm", "-journal")
    return {str(p.relative_to(folder)) for p in folder.rglob("*")
            if p.is_file() and not p.name.endswith(transient)}


def run_vigil(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([vigil_path(), *args], capture_output=True, text=True, cwd=cwd, timeout=600)
