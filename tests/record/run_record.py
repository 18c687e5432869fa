#!/usr/bin/env python3
"""`vigil record` and `vigil emulate --port` against the QEMU data logger (probes/datalogger).

    run_record.py TEST --vigil VIGIL --targets DIR --work DIR

TEST is one of:
  signals      m3 (mps2-an385), one signal per line. QEMU's UART goes to a unix socket
               (QEMU waits for the test before starting the guest, so no line is lost); the
               test reads it and forwards every line to a pty pair of its own, whose slave is
               `vigil record --port`. Between the logger's lines it injects bad lines of known
               kinds. Checks: exit 0, every forwarded good line is in the file, in order, with
               the logger's values; every injected line is rejected at its line with its reason
               (and the message on stderr); `vigil check` accepts the file.
  samples      m4 (mps2-an386), datalogger_samples.elf (one sample per line): the same, with a
               bad sample injected mid-signal; the signal being assembled is dropped with it and
               assembly restarts at the next sample (the expected signals are computed here).
  interrupt    SIGINT while half a line is on its way: exit 0, the file holds the complete
               lines only and ends with a newline, `vigil check` accepts it; a second recording
               appends to it; a file cut mid-line is refused (exit 2) naming the offset to cut at.
  qemu-pty     QEMU's own `-serial pty`, as docs/targets.md shows, on every machine (m0plus
               microbit, m3, m4, m7, m33): `vigil record --port /dev/pts/N --lines 3`.
  emulate      `vigil emulate --port` learning the first 20 signals and detecting 70 more,
               against `vigil emulate --learn/--detect` on files of the very lines forwarded:
               the same statuses, similarities and exact similarities, line for line.

Output: what was checked, and measured rates (signals/s). Exit 1 with the reasons if any check
fails. Every QEMU and vigil process is ended by its own pid.
"""
import argparse
import fcntl
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import termios
import time
import tty

LENGTH, AXES = 256, 3
MACHINES = {"m0plus": "microbit", "m3": "mps2-an385", "m4": "mps2-an386", "m7": "mps2-an500", "m33": "mps2-an505"}
RECIPE = {  # as tests/e2e_compile: log bands of a Hann-windowed spectrum, per-feature Gaussian
    "version": 1, "axes": AXES, "length": LENGTH, "min_learn": 16, "seed": 1,
    "preprocessing": {"detrend": "mean", "scaling": "none", "decimation": 1, "window": "hann",
                      "features": ["bands_log"], "log_magnitude": True, "bands": 8, "standardize": True},
    "model": {"family": "gaussian", "combine": "rms", "variance_floor": 0.015625},
}

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)
    return condition


def f32(text):
    return struct.unpack("<f", struct.pack("<f", float(text)))[0]


def values_of(line):
    return [f32(v) for v in re.split(r"[ ,;\t]+", line.strip())]


class Qemu:
    """The data logger under QEMU, its UART on a unix socket (QEMU waits for us) or a pty."""

    def __init__(self, core, firmware, work, pty=False):
        self.work = work
        args = ["qemu-system-arm", "-M", MACHINES[core], "-nographic", "-monitor", "none",
                "-semihosting-config", "enable=on,target=native", "-kernel", firmware]
        self.sock_path = None
        if pty:
            args += ["-serial", "pty"]
        else:
            self.sock_path = os.path.join(work, f"uart-{core}.sock")
            if os.path.exists(self.sock_path):
                os.unlink(self.sock_path)
            args += ["-chardev", f"socket,id=uart,path={self.sock_path},server=on,wait=on", "-serial", "chardev:uart"]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.pty = None
        if pty:
            line = self.proc.stdout.readline().decode(errors="replace")
            m = re.search(r"(/dev/pts/\d+)", line)
            if not m:
                raise RuntimeError(f"QEMU did not print its pty: {line!r}")
            self.pty = m.group(1)

    def connect(self):
        deadline = time.time() + 20
        while True:
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(self.sock_path)
                return s
            except OSError:
                s.close()
                if time.time() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("QEMU's UART socket never accepted a connection")
                time.sleep(0.05)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


class Forwarder:
    """Reads the logger's lines from QEMU's socket and writes them, with injected bad lines, to
    the master of a pty pair whose slave is the port vigil opens."""

    def __init__(self, qemu):
        self.qemu = qemu
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)  # what is written before vigil opens the port arrives untouched
        self.port = os.ttyname(self.slave)
        self.sock = None
        self.buffer = b""
        self.sent = []  # every line written, as (kind, text): kind "good" or an injected reason

    def start(self):
        self.sock = self.qemu.connect()

    def next_line(self):
        """The logger's next line (without its newline)."""
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("QEMU closed the UART socket")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def write(self, data):
        data = data.encode() if isinstance(data, str) else data
        while data:
            n = os.write(self.master, data)
            data = data[n:]

    def send(self, kind, text):
        self.sent.append((kind, text))
        self.write(text + "\n")

    def close(self):
        if self.sock:
            self.sock.close()
        os.close(self.master)
        os.close(self.slave)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def vigil_check(vigil, path, what):
    r = run([vigil, "check", path, "--axes", str(AXES), "--rate", "1000"])
    check(r.returncode in (0, 1), f"{what}: vigil check accepts the file (exit {r.returncode})"
          + ("" if r.returncode in (0, 1) else "\n" + r.stdout))


def bad_lines(good):
    """Bad variants of a good whole-signal line, with the reason vigil must give."""
    v = good.split(",")
    repeated = []
    for t in range(0, LENGTH, 2):  # every sample twice: 50% repetition, the same length
        sample = v[t * AXES:(t + 1) * AXES]
        repeated += sample + sample
    return [
        ("inconsistent_length", ",".join(v[:-1]), "767 values, expected 768 (256 samples x 3 axes)"),
        ("non_numeric", ",".join(v[:5] + ["0.1x2"] + v[6:]), "'0.1x2' is not a number"),
        ("constant_signal", ",".join(["0.5000"] * (LENGTH * AXES)), "the signal is constant"),
        ("data_repetition", ",".join(repeated), "of successive samples repeat the previous sample exactly"),
        ("non_finite", ",".join(v[:10] + ["nan"] + v[11:]), "is not a finite number"),
        ("inconsistent_length", ",".join(v[:LENGTH * AXES // 2]), "384 values, expected 768"),
        ("mixed_separators", ",".join(v[:3]) + "\t" + ",".join(v[3:]), "a tab separates values where ',' is the separator"),
    ]


def start_vigil(args, **kw):
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def finish(proc, timeout=120):
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        check(False, f"vigil ended within {timeout} s")
    return proc.returncode, out, err


def test_signals(a):
    work = a.work
    out = os.path.join(work, "rec.csv")
    qemu = Qemu("m3", os.path.join(a.targets, "m3", "datalogger.elf"), work)
    fwd = Forwarder(qemu)
    good_count = 40
    try:
        vigil = start_vigil([a.vigil, "record", "--port", fwd.port, "--axes", str(AXES), "--length", str(LENGTH),
                             "--lines", str(good_count), "--rate", "1000", "--out", out, "--json"])
        fwd.start()
        t0 = time.time()
        injected = []
        for i in range(good_count):
            line = fwd.next_line()
            fwd.send("good", line)
            if i % 5 == 2 and len(injected) < 7:  # after good lines 3, 8, 13...: one bad line each
                kind, text, message = bad_lines(line)[len(injected)]
                fwd.send(kind, text)
                injected.append((len(fwd.sent), kind, message))
        code, stdout, stderr = finish(vigil)
        elapsed = time.time() - t0
    finally:
        fwd.close()
        qemu.stop()
    check(code == 0, f"vigil record exits 0 (got {code}) {stderr[-2000:] if code else ''}")
    summary = json.loads(stdout) if code == 0 else {}
    c = summary.get("counters", {})
    check(c.get("kept") == good_count, f"kept {c.get('kept')} of the {good_count} good lines")
    check(c.get("rejected") == len(injected), f"rejected {c.get('rejected')}, injected {len(injected)}")
    check(summary.get("mode") == "signal" and summary.get("stop") == "lines_reached", "mode signal, stopped at --lines")
    rejected = {r["line"]: r for r in summary.get("rejections", [])}
    for line, kind, message in injected:
        r = rejected.get(line, {})
        check(r.get("reason") == kind and message in r.get("message", ""),
              f"port line {line} rejected as {kind}: {r.get('reason')}: {r.get('message')}")
        check(f"line {line} rejected: " in stderr and f"[{kind}]" in stderr, f"stderr names line {line} and {kind}")
    good = [text for kind, text in fwd.sent if kind == "good"]
    with open(out) as f:
        recorded = [l for l in f.read().split("\n") if l]
    check(len(recorded) == good_count, f"the file holds {len(recorded)} lines")
    same = len(recorded) == len(good) and all(values_of(x) == values_of(y) for x, y in zip(recorded, good))
    check(same, "every good line is in the file, in order, with the logger's values (as float32)")
    check(summary.get("check", {}).get("status") in ("ok", "warnings"), f"summary's file check: {summary.get('check')}")
    vigil_check(a.vigil, out, "signals")
    print(f"measured: {good_count} signals + {len(injected)} bad lines in {elapsed:.1f} s: "
          f"{c.get('signals_per_s', 0):.2f} signals/s, {c.get('bytes_per_s', 0) / 1e3:.1f} KB/s from QEMU m3")


def test_samples(a):
    work = a.work
    out = os.path.join(work, "rec.csv")
    qemu = Qemu("m4", os.path.join(a.targets, "m4", "datalogger_samples.elf"), work)
    fwd = Forwarder(qemu)
    wanted = 4
    try:
        vigil = start_vigil([a.vigil, "record", "--port", fwd.port, "--axes", str(AXES), "--length", str(LENGTH),
                             "--lines", str(wanted), "--per-line", "sample", "--out", out, "--json"])
        fwd.start()
        # Expected signals: groups of LENGTH good samples; a bad sample drops the group so far.
        expected, group, sample_lines = [], [], 0
        bad_at = {LENGTH + 100: ("inconsistent_length", "1.0,2.0"),          # mid second signal
                  3 * LENGTH + 10: ("non_numeric", "0.1,zz,0.3")}          # mid fourth
        injected = []
        while len(expected) < wanted:
            sample_lines += 1
            if sample_lines in bad_at:
                kind, text = bad_at[sample_lines]
                fwd.send(kind, text)
                injected.append((len(fwd.sent), kind, len(group)))
                group = []
                continue
            line = fwd.next_line()
            fwd.send("good", line)
            group.append(line)
            if len(group) == LENGTH:
                expected.append(",".join(group))
                group = []
        code, stdout, stderr = finish(vigil)
    finally:
        fwd.close()
        qemu.stop()
    check(code == 0, f"vigil record --per-line sample exits 0 (got {code}) {stderr[-2000:] if code else ''}")
    summary = json.loads(stdout) if code == 0 else {}
    check(summary.get("mode") == "sample", f"mode {summary.get('mode')}")
    check(summary.get("counters", {}).get("kept") == wanted, f"kept {summary.get('counters', {}).get('kept')} signals")
    rejections = summary.get("rejections", [])
    check(len(rejections) == len(injected), f"{len(rejections)} rejections for {len(injected)} bad samples")
    for (line, kind, dropped), r in zip(injected, rejections):
        check(r["line"] == line and r["reason"] == kind and r["first_line"] == line - dropped
              and f"the {dropped} samples of the signal being assembled" in r["message"],
              f"sample line {line} rejected as {kind}, dropping the {dropped} samples before it: {r}")
    with open(out) as f:
        recorded = [l for l in f.read().split("\n") if l]
    same = len(recorded) == len(expected) and all(values_of(x) == values_of(y) for x, y in zip(recorded, expected))
    check(same, f"the file holds the {len(expected)} expected signals, samples in order ({len(recorded)} lines)")


def test_interrupt(a):
    work = a.work
    out = os.path.join(work, "rec.csv")
    qemu = Qemu("m3", os.path.join(a.targets, "m3", "datalogger.elf"), work)
    fwd = Forwarder(qemu)
    complete = 22  # vigil check wants 20 signals at least
    try:
        vigil = start_vigil([a.vigil, "record", "--port", fwd.port, "--axes", str(AXES), "--length", str(LENGTH),
                             "--out", out, "--json"])
        fwd.start()
        for _ in range(complete):
            fwd.send("good", fwd.next_line())
        half = fwd.next_line()[:3001]
        fwd.write(half)  # half a line, no newline
        deadline = time.time() + 60
        while time.time() < deadline:  # until the complete lines are in the file
            if os.path.exists(out) and open(out, "rb").read().count(b"\n") == complete:
                break
            time.sleep(0.05)
        # And until vigil has read the half line too: the port's input queue stays empty for
        # 0.5 s (bytes pass the pty's flip buffer before they show in the queue).
        empty_since = None
        while time.time() < deadline:
            waiting = struct.unpack("i", fcntl.ioctl(fwd.slave, termios.TIOCINQ, b"\0\0\0\0"))[0]
            now = time.time()
            empty_since = (empty_since or now) if waiting == 0 else None
            if empty_since and now - empty_since >= 0.5:
                break
            time.sleep(0.02)
        vigil.send_signal(signal.SIGINT)
        code, stdout, stderr = finish(vigil, 30)
        data = open(out, "rb").read() if os.path.exists(out) else b""
        # Appending: a second recording of 3 lines onto the same file.
        vigil2 = start_vigil([a.vigil, "record", "--port", fwd.port, "--axes", str(AXES), "--length", str(LENGTH),
                              "--lines", "3", "--out", out])
        fwd.write("\n")  # ends the half line, which the first recording read and left out: a blank line here
        for _ in range(3):
            fwd.send("good", fwd.next_line())
        code2, stdout2, stderr2 = finish(vigil2, 60)
    finally:
        fwd.close()
        qemu.stop()
    check(code == 0, f"Ctrl-C: vigil record exits 0 (got {code}) {stderr[-2000:] if code else ''}")
    summary = json.loads(stdout) if code == 0 else {}
    check(summary.get("stop") == "cancelled", f"stop reason {summary.get('stop')}")
    check(summary.get("counters", {}).get("kept") == complete, f"kept {summary.get('counters', {}).get('kept')}")
    check(summary.get("discarded_bytes") == len(half), f"the half line ({len(half)} bytes) was left out: "
          f"{summary.get('discarded_bytes')}")
    check(data.count(b"\n") == complete and data.endswith(b"\n"), "the file holds the complete lines, ends with '\\n'")
    r = run([a.vigil, "check", out, "--axes", str(AXES)])
    check(r.returncode in (0, 1), f"vigil check accepts the interrupted recording (exit {r.returncode})")
    check(code2 == 0 and "rejected 0" in stdout2 and f"{complete + 3} signals ({complete} before)" in stdout2,
          f"a second recording appends 3 signals (exit {code2})" + ("" if code2 == 0 else f"\n{stdout2}{stderr2[-1000:]}"))
    check(open(out, "rb").read().count(b"\n") == complete + 3, "25 lines after appending 3")
    # A file cut mid-line (as a kill -9 during a write could leave it) is refused.
    cut = os.path.join(work, "cut.csv")
    with open(cut, "wb") as f:
        f.write(data + b"0.1,0.2")
    r = run([a.vigil, "record", "--port", "/dev/null", "--axes", str(AXES), "--length", str(LENGTH), "--out", cut])
    check(r.returncode == 2 and "does not end with a newline" in r.stderr and f"truncate -s {len(data)}" in r.stderr,
          f"a file cut mid-line is refused, naming the offset (exit {r.returncode}): {r.stderr.strip()[:300]}")
    check(open(cut, "rb").read() == data + b"0.1,0.2", "and left untouched")


def test_qemu_pty(a):
    work = a.work
    for core in ["m0plus", "m3", "m4", "m7", "m33"]:
        out = os.path.join(work, f"{core}.csv")
        qemu = Qemu(core, os.path.join(a.targets, core, "datalogger.elf"), work, pty=True)
        try:
            r = run([a.vigil, "record", "--port", qemu.pty, "--axes", str(AXES), "--length", str(LENGTH), "--lines", "3",
                     "--out", out, "--json"], timeout=60)
        except subprocess.TimeoutExpired:
            r = None
        finally:
            qemu.stop()
        if not check(r is not None and r.returncode == 0, f"{core} ({MACHINES[core]}): vigil record --port {qemu.pty} "
                     f"exits 0 {'' if r is None else r.stderr[-1000:] if r.returncode else ''}"):
            continue
        s = json.loads(r.stdout)
        # The first line may be cut: QEMU drops what the UART sends before the pty is opened.
        check(s["counters"]["kept"] == 3 and s["counters"]["rejected"] <= 1,
              f"{core}: 3 signals kept, {s['counters']['rejected']} rejected "
              f"({', '.join(x['reason'] for x in s['rejections'])}), {s['counters']['signals_per_s']:.1f} signals/s")


def test_emulate(a):
    work = a.work
    recipe = os.path.join(work, "recipe.json")
    with open(recipe, "w") as f:
        json.dump(RECIPE, f)
    learn, detect = 20, 70
    qemu = Qemu("m3", os.path.join(a.targets, "m3", "datalogger.elf"), work)
    fwd = Forwarder(qemu)
    try:
        vigil = start_vigil([a.vigil, "emulate", "--recipe", recipe, "--port", fwd.port, "--learn-lines", str(learn),
                             "--lines", str(detect), "--json"])
        fwd.start()
        for _ in range(learn + detect):
            fwd.send("good", fwd.next_line())
        code, stdout, stderr = finish(vigil)
        # Live text output too: one line per signal as it arrives.
        vigil_text = start_vigil([a.vigil, "emulate", "--recipe", recipe, "--port", fwd.port, "--learn-lines", "16",
                                  "--lines", "2"])
        for _ in range(18):
            fwd.send("good", fwd.next_line())
        code_t, stdout_t, stderr_t = finish(vigil_text)
    finally:
        fwd.close()
        qemu.stop()
    check(code == 0, f"vigil emulate --port exits 0 (got {code}) {stderr[-2000:] if code else ''}")
    lines = [text for kind, text in fwd.sent if kind == "good"]
    learn_file, detect_file = os.path.join(work, "learn.csv"), os.path.join(work, "detect.csv")
    with open(learn_file, "w") as f:
        f.write("\n".join(lines[:learn]) + "\n")
    with open(detect_file, "w") as f:
        f.write("\n".join(lines[learn:learn + detect]) + "\n")
    r = run([a.vigil, "emulate", "--recipe", recipe, "--learn", learn_file, "--detect", detect_file, "--json"])
    check(r.returncode == 0, f"vigil emulate on the same lines from files exits 0 {r.stderr}")
    if code != 0 or r.returncode != 0:
        return
    port_out, file_out = json.loads(stdout), json.loads(r.stdout)
    ps = port_out["detected"][0]["signals"]
    fs = file_out["detected"][0]["signals"]
    check(port_out["learn_count"] == file_out["learn_count"] == learn, f"{learn} learn calls on both sides")
    check(len(ps) == len(fs) == detect, f"{len(ps)} detections from the port, {len(fs)} from the file")
    same = len(ps) == len(fs) and all(
        p["similarity"] == q["similarity"] and p["exact"] == q["exact"] and p["status"] == q["status"]
        and p["line"] == q["line"] + learn for p, q in zip(ps, fs))
    check(same, "the same status, similarity and exact similarity for every signal, port line = file line + "
          f"{learn}")
    anomalies = sum(1 for p in ps if p["status"] == "anomaly")
    check(0 < anomalies < detect, f"both statuses occur: {anomalies} anomalies, {detect - anomalies} nominal "
          f"(the logger's faults start after its 64th signal)")
    print("statuses from the port:", "".join("A" if p["status"] == "anomaly" else "." for p in ps))
    check(code_t == 0 and re.search(r":17: learned \(learn call 17\)", stdout_t) is None
          and re.search(r":16: learned \(learn call 16\)", stdout_t) is not None
          and len(re.findall(r":\d+: (nominal|anomaly) +similarity \d+", stdout_t)) == 2,
          f"text output: one line per learned and detected signal\n{stdout_t}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("test", choices=["signals", "samples", "interrupt", "qemu-pty", "emulate"])
    ap.add_argument("--vigil", required=True)
    ap.add_argument("--targets", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    a.vigil = os.path.abspath(a.vigil)
    a.work = os.path.join(os.path.abspath(a.work), a.test)
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    if not shutil.which("qemu-system-arm"):
        print("qemu-system-arm is missing: run scripts/setup")
        sys.exit(1)
    t0 = time.time()
    {"signals": test_signals, "samples": test_samples, "interrupt": test_interrupt, "qemu-pty": test_qemu_pty,
     "emulate": test_emulate}[a.test](a)
    print(f"{a.test}: {time.time() - t0:.1f} s")
    if failures:
        print(f"{len(failures)} check(s) failed:\n  " + "\n  ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
