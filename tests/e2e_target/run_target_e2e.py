#!/usr/bin/env python3
"""End-to-end test of `vigil target test` and `vigil target flash` (docs/targets.md).

    run_target_e2e.py VIGIL WORK_DIR [--cores m0plus,m3,m4,m7,m33] [--no-benchmark]

Drives the real binaries on the project's own synthetic data:
  1. the QEMU path per core (M0+, M3, M4, M7, M33): a library compiled by `vigil compile`, run
     by `vigil target test --board qemu-mX` in QEMU, agrees n of n with the emulator, and its
     similarities are exactly those of `vigil emulate` on the same files; instructions per call,
     the image's flash and RAM are reported;
  2. `--benchmark ID` compiles the benchmark's best library for the board, then reuses it;
  3. refusals and failures, each with a clear message and a non-zero exit: a library for another
     core (refused before anything runs: even without QEMU or OpenOCD on PATH), the toolchain,
     QEMU or OpenOCD missing, no probe connected to a real board (the real OpenOCD prints
     "Error: open failed"), an adapter with no chip behind it (OpenOCD's dummy adapter), a QEMU
     board given to `flash`, an image outside the board's flash; none leaves files behind.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import time

# core key -> (vigil compile --core, QEMU board)
CORES = {
    "m0plus": ("cortex-m0plus", "qemu-m0"),
    "m3": ("cortex-m3", "qemu-m3"),
    "m4": ("cortex-m4", "qemu-m4"),
    "m7": ("cortex-m7", "qemu-m7"),
    "m33": ("cortex-m33", "qemu-m33"),
}

# Small enough for the microbit's 16 KiB of RAM and a quick QEMU run: 3 axes x 128 samples.
RECIPE = {
    "version": 1, "axes": 3, "length": 128, "min_learn": 8, "seed": 1,
    "preprocessing": {"detrend": "mean", "scaling": "none", "decimation": 1, "window": "hann",
                      "features": ["bands_log"], "log_magnitude": True, "bands": 8, "standardize": True},
    "model": {"family": "gaussian", "combine": "rms", "variance_floor": 0.015625},
}
LEARN, DETECT_EACH = 20, 10

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)
    return cond


def run(cmd, env=None, cwd=None, timeout=600):
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)


def must(cmd, **kw):
    r = run(cmd, **kw)
    if r.returncode != 0:
        sys.stderr.write(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout}{r.stderr}")
        sys.exit(1)
    return r


def st_link_present():
    """An ST-LINK (USB vendor 0483, the ST-LINK product ids) among this machine's USB devices."""
    for vendor in glob.glob("/sys/bus/usb/devices/*/idVendor"):
        try:
            product = open(os.path.join(os.path.dirname(vendor), "idProduct")).read().strip()
            if open(vendor).read().strip() == "0483" and product in ("3744", "3748", "374b", "374d", "374e", "374f",
                                                                     "3752", "3753", "3754"):
                return True
        except OSError:
            pass
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vigil")
    ap.add_argument("work")
    ap.add_argument("--cores", default=",".join(CORES))
    ap.add_argument("--no-benchmark", action="store_true")
    a = ap.parse_args()
    vigil, work = os.path.abspath(a.vigil), os.path.abspath(a.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    # A private TMPDIR: every temporary folder vigil makes must be gone when it returns.
    tmp = os.path.join(work, "tmp")
    os.makedirs(tmp)
    env = dict(os.environ, TMPDIR=tmp)
    project = os.path.join(work, "project")
    must([vigil, "init", project, "--core", "cortex-m4", "--axes", "3"], env=env)
    data = os.path.join(project, "data")
    must([vigil, "synth", "--out", data, "--axes", "3", "--length", "128", "--signals", "40", "--seed", "5"], env=env)
    with open(os.path.join(data, "regular.csv")) as f:
        regular = [l for l in f if l.strip()]
    with open(os.path.join(data, "abnormal.csv")) as f:
        abnormal = [l for l in f if l.strip()]
    learn, detect = os.path.join(work, "learn.csv"), os.path.join(work, "detect.csv")
    open(learn, "w").writelines(regular[:LEARN])
    open(detect, "w").writelines(regular[LEARN:LEARN + DETECT_EACH] + abnormal[:DETECT_EACH])
    recipe = os.path.join(work, "recipe.json")
    with open(recipe, "w") as f:
        json.dump(RECIPE, f)

    r = must([vigil, "emulate", "--recipe", recipe, "--learn", learn, "--detect", detect, "--json"], env=env)
    emulated = json.loads(r.stdout)["detected"][0]["signals"]
    check(len(emulated) == 2 * DETECT_EACH and any(s["status"] == "anomaly" for s in emulated)
          and any(s["status"] == "nominal" for s in emulated),
          f"vigil emulate: {sum(s['status'] == 'anomaly' for s in emulated)} anomalies of {len(emulated)}")

    zips = {}
    for key in CORES:
        core = CORES[key][0]
        zips[key] = os.path.join(work, f"{key}.zip")
        if key in a.cores.split(",") or key in ("m3", "m4"):  # m3 and m4 serve the refusals below
            must([vigil, "compile", "--project", project, "--recipe", recipe, "--core", core, "--out", zips[key]], env=env)

    # 1. the QEMU path, per core
    numbers = []
    for key in [c for c in a.cores.split(",") if c]:
        core, board = CORES[key]
        t0 = time.monotonic()
        r = run([vigil, "target", "test", "--board", board, "--library", zips[key], "--learn", learn, "--detect", detect,
                 "--json"], env=env)
        seconds = time.monotonic() - t0
        if not check(r.returncode == 0, f"{core} on {board}: vigil target test exits 0 ({seconds:.1f} s) {r.stderr[-1500:]}"):
            continue
        rep = json.loads(r.stdout)
        ag = rep["agreement"]
        total = 1 + LEARN + 2 * DETECT_EACH
        check(rep["verdict"] == "agree" and ag == {"matching": total, "total": total, "first_difference": None},
              f"{core}: agreement {ag['matching']} of {ag['total']} calls with the emulator, no difference")
        sims = [d["similarity"] for d in rep["detect"]]
        check(sims == [s["similarity"] for s in emulated],
              f"{core}: the similarities on QEMU are those of `vigil emulate` {sims}")
        check(all(d["exact"] == d["emulator"]["exact"] for d in rep["detect"]), f"{core}: exact similarities equal")
        check([l["status"] for l in rep["learn"]][-1] == "learning done", f"{core}: the last learn says learning done")
        check(rep["runner"]["kind"] == "qemu" and "qemu-system-arm" in rep["runner"]["command"][0],
              f"{core}: ran under QEMU ({rep['runner']['command'][2]})")
        check(rep["library"]["core"] == core and rep["board"]["id"] == board, f"{core}: report names library and board")
        img = rep["image"]
        check(0 < img["flash_bytes"] <= img["board_flash_bytes"] and 0 < img["ram_bytes"] + img["stack_bytes"] <= img["board_ram_bytes"],
              f"{core}: image flash {img['flash_bytes']} B, RAM {img['ram_bytes']} B + {img['stack_bytes']} B stack")
        ins = rep["timing"]["instructions"]
        if check(ins is not None and ins["learn"]["calls"] == LEARN and ins["detect"]["calls"] == 2 * DETECT_EACH
                 and ins["learn"]["min"] > 0 and ins["detect"]["min"] > 0,
                 f"{core}: instructions per call counted (icount plugin)"):
            check(rep["timing"]["unit"] == "instructions" and rep["timing"]["cycles"] is None
                  and rep["timing"]["latency_us"] is None, f"{core}: QEMU reports instructions, no cycles, no latency")
            numbers.append((core, ag["matching"], ag["total"], ins["learn"]["mean"], ins["detect"]["mean"],
                            img["flash_bytes"], img["ram_bytes"], img["stack_bytes"], seconds))
        if key == "m0plus":
            check("ARMv6-M" in (rep["library"]["compatibility"] or ""), "an M0+ library on the M0 QEMU board is noted")
        if key == a.cores.split(",")[0]:
            r = run([vigil, "target", "test", "--board", board, "--library", zips[key], "--learn", learn, "--detect",
                     detect], env=env)
            check(r.returncode == 0 and f"agreement {total} of {total} calls" in r.stdout and "verdict  AGREE" in r.stdout
                  and "instructions" in r.stdout, "the text report:\n" + r.stdout)

    # 2. --benchmark: compiles the best library for the board, the second time reuses it
    if not a.no_benchmark:
        r = run([vigil, "bench", "--project", project, "--regular", os.path.join(data, "regular.csv"), "--abnormal",
                 os.path.join(data, "abnormal.csv"), "--axes", "3", "--space-limit", "4", "--max-splits", "1",
                 "--time-limit", "120", "--jobs", "2", "--json"], env=env)
        if check(r.returncode == 0, "vigil bench on 4 candidates " + r.stderr[-800:]):
            bench = json.loads(r.stdout)["benchmark"]
            cmd = [vigil, "target", "test", "--board", "qemu-m4", "--benchmark", str(bench), "--project", project,
                   "--learn", learn, "--detect", detect, "--json"]
            r = run(cmd, env=env)
            ok = check(r.returncode == 0 and json.loads(r.stdout)["verdict"] == "agree" and "compiled library" in r.stderr,
                       f"--benchmark {bench}: compiled for qemu-m4 and agrees " + r.stderr[-1500:])
            if ok:
                rep = json.loads(r.stdout)
                check(rep["library"]["benchmark"] == bench and rep["library"]["core"] == "cortex-m4",
                      "the library is the benchmark's, for the board's core")
                r = run(cmd, env=env)
                check(r.returncode == 0 and "found library" in r.stderr, "a second run reuses the stored library")

    # 3. refusals and failures
    def refused(cmd, code, needles, what, environ=None):
        r = run(cmd, env=environ or env)
        ok = r.returncode == code and all(n in r.stderr for n in needles)
        check(ok, f"{what}: exit {r.returncode}, {r.stderr.strip()[:600]}")
        return r

    tools = os.path.join(work, "tools")  # the cross toolchain alone, without QEMU or OpenOCD
    os.makedirs(tools)
    for t in ["arm-none-eabi-gcc", "arm-none-eabi-ar", "arm-none-eabi-size", "arm-none-eabi-readelf", "arm-none-eabi-objdump", "arm-none-eabi-objcopy", "arm-none-eabi-nm"]:
        os.symlink(shutil.which(t), os.path.join(tools, t))
    only_cross = dict(env, PATH=tools)
    nothing = dict(env, PATH="/nonexistent")
    base = ["--learn", learn, "--detect", detect]

    refused([vigil, "target", "test", "--board", "qemu-m3", "--library", zips["m4"], *base], 64,
            ["--library:", "is built for cortex-m4 (hard float, fpv4-sp-d16)", "board qemu-m3 has a cortex-m3",
             "vigil compile --core cortex-m3"],
            "a library for another core is refused before anything runs (PATH without any tool)", nothing)
    refused([vigil, "target", "test", "--board", "nucleo-f401re", "--library", zips["m3"], *base], 64,
            ["is built for cortex-m3", "board nucleo-f401re has a cortex-m4"],
            "on a real board too, before OpenOCD is looked for", nothing)
    refused([vigil, "target", "test", "--board", "qemu-m4", "--library", zips["m4"], *base], 2,
            ["arm-none-eabi-gcc not found in PATH", "gcc-arm-none-eabi"], "no cross toolchain: names the package", nothing)
    refused([vigil, "target", "test", "--board", "qemu-m4", "--library", zips["m4"], *base], 2,
            ["qemu-system-arm not found in PATH", "qemu-system-arm (scripts/setup"], "no QEMU: names the package", only_cross)
    refused([vigil, "target", "test", "--board", "nucleo-f401re", "--library", zips["m4"], *base], 2,
            ["openocd not found in PATH", "Debian package openocd"], "no OpenOCD (test): names the package", only_cross)
    image_hex = os.path.join(work, "f4.hex")
    with open(image_hex, "w") as f:  # 4 bytes at 0x08000000, the F401's flash
        f.write(":020000040800F2\n:0400000001020304F2\n:00000001FF\n")
    refused([vigil, "target", "flash", "--board", "nucleo-f401re", image_hex], 2,
            ["openocd not found in PATH"], "no OpenOCD (flash): names the package", only_cross)
    refused([vigil, "target", "flash", "--board", "qemu-m4", image_hex], 64, ["--board:", "is a QEMU machine"],
            "flash refuses a QEMU board")
    other = os.path.join(work, "other.hex")
    with open(other, "w") as f:
        f.write(":0400000001020304F2\n:00000001FF\n")
    refused([vigil, "target", "flash", "--board", "nucleo-f401re", other], 64,
            ["--image:", "outside the flash of board nucleo-f401re (0x08000000-0x0807ffff)"],
            "flash refuses an image for another memory map")
    refused([vigil, "target", "test", "--board", "nope", "--library", zips["m4"], *base], 64,
            ["--board: no board 'nope'", "qemu-m4"], "an unknown board names the known ones")

    # The real OpenOCD with a real board's config and nothing plugged in: "Error: open failed".
    # Never run where an ST-LINK is plugged in: it would really flash that board.
    if st_link_present():
        print("skip an ST-LINK is connected to this machine: the no-probe case is not run (it would flash the board)")
    else:
        r = run([vigil, "target", "flash", "--board", "nucleo-f401re", image_hex], env=env)
        check(r.returncode == 2 and "no debug probe found (board nucleo-f401re)" in r.stderr
              and "Error: open failed" in r.stderr and "lsusb" in r.stderr,
              f"flash with no probe connected: {r.stderr.strip()}")
        r = run([vigil, "target", "test", "--board", "nucleo-f401re", "--library", zips["m4"], *base], env=env)
        check(r.returncode == 2 and "no debug probe found (board nucleo-f401re) while starting" in r.stderr,
              f"test with no probe connected (after building the firmware): {r.stderr.strip()[:400]}")

    # The whole OpenOCD path of `target test` with the dummy adapter: built, OpenOCD started,
    # programming fails for want of a chip.
    catalog = os.path.join(work, "catalog")
    os.makedirs(catalog)
    with open(os.path.join(catalog, "dummy-board.json"), "w") as f:
        json.dump({"id": "dummy-board", "name": "OpenOCD dummy adapter", "kind": "board", "mcu": "none",
                   "core": "cortex-m3", "fpu": None, "flash": {"address": 0, "size": 4194304},
                   "ram": {"address": 536870912, "size": 4194304}, "clock_hz": 25000000, "debug_probe": "CMSIS-DAP",
                   "openocd": {"board": "interface/dummy.cfg"}, "serial": {"baud": 115200, "device": None},
                   "qemu": {"machine": "mps2-an385"}}, f)
    refused([vigil, "target", "test", "--board", "dummy-board", "--catalog", catalog, "--library", zips["m3"], *base], 2,
            ["the probe answers but the microcontroller does not (board dummy-board) while flashing",
             "Unable to reset target", "What to do"], "test through OpenOCD's dummy adapter: the missing chip is named")

    check(os.listdir(tmp) == [], f"no temporary folder is left behind: {os.listdir(tmp)}")
    check(not glob.glob(os.path.join(work, "*.elf")), "nothing written beside the inputs")

    if numbers:
        print("\ncore           agreement   instr/learn  instr/detect  flash B  RAM B + stack  seconds")
        for core, m, t, il, idt, fl, ram, st, s in numbers:
            print(f"{core:<14} {m:>3} of {t:<3}  {il:>11.0f}  {idt:>12.0f}  {fl:>7}  {ram:>5} + {st:<6} {s:>6.1f}")
    if failures:
        print(f"\n{len(failures)} check(s) failed:\n  " + "\n  ".join(failures))
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
