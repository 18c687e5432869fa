#!/usr/bin/env python3
"""Fidelity check for one core variant: the same job file (recipes + deterministic signals)
runs through the host harness and through the firmware under QEMU; every status and every
similarity (exact float bits and rounded uint8) must be identical.

Bit-exactness is expected, not hoped for: the runtime is built with -ffp-contract=off and
without fast-math on both sides, uses only + - * / and sqrtf (IEEE correctly rounded on the
host, on the FPU and in newlib's soft-float) plus its own vigil_math functions, and float
evaluation is single precision everywhere (x86-64 SSE, FPv4/FPv5, soft-float). Any difference
is a bug to explain, so nothing here has a tolerance."""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import results  # noqa: E402


def run(cmd, what):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(f"fidelity: {what} failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                         f"{proc.stdout}{proc.stderr}")
        sys.exit(1)
    return proc.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--core", required=True)
    ap.add_argument("--recipes", required=True)
    ap.add_argument("--make-jobs", required=True)
    ap.add_argument("--host-harness", required=True)
    ap.add_argument("--firmware", required=True)
    ap.add_argument("--run-qemu", required=True)
    a = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix=f"vigil-fidelity-{a.core}-") as work:
        job, names_path = os.path.join(work, "job.bin"), os.path.join(work, "names.txt")
        host_out, target_out = os.path.join(work, "host.bin"), os.path.join(work, "target.bin")
        run([a.make_jobs, a.recipes, job, names_path], "job generation")
        run([a.host_harness, job, host_out], "host harness")
        run([a.run_qemu, a.core, a.firmware, job, "--result", target_out, "--timeout", "240"], f"QEMU run on {a.core}")
        names = open(names_path).read().split()
        job_bytes = open(job, "rb").read()
        host = results.decode(open(host_out, "rb").read(), job_bytes, names)
        target = results.decode(open(target_out, "rb").read(), job_bytes, names)

    # The comparison must compare something real: every job initialises and detects.
    problems = [f"{n}: {label} = {v}" for n, label, v in host
                if (label == "init" and v != "OK") or (label.startswith("similarity[") and label.endswith(".status") and v != "OK")]
    if problems:
        sys.stderr.write("fidelity: the host run itself is unusable (fix the recipe list):\n  " + "\n  ".join(problems[:20]) + "\n")
        sys.exit(1)

    diffs = [(h, t) for h, t in zip(host, target) if h != t]
    if len(host) != len(target) or diffs:
        sys.stderr.write(f"fidelity: {a.core}: {len(diffs)} of {len(host)} values differ between host and target\n")
        for (n, label, hv), (_, _, tv) in diffs[:40]:
            sys.stderr.write(f"  {n}: {label}: host {hv}  target {tv}\n")
        sys.exit(1)
    similarities = sum(1 for _, label, _ in host if label.endswith("]") and "similarity[" in label)
    print(f"fidelity: {a.core}: {len(names)} recipes, {len(host)} values, {similarities} similarities: "
          f"host and target bit-identical")


if __name__ == "__main__":
    main()
