#!/usr/bin/env python3
"""End-to-end test of `vigil compile` and `vigil libraries` (docs/compile.md).

    run_e2e.py VIGIL SOURCE_DIR WORK_DIR [--cores m0plus,m3,m4,m7,m33]

Drives the real binaries on the project's own synthetic data:
  1. refused core / ABI name the accepted values; a missing arm-none-eabi-gcc names the Debian
     package; neither leaves a zip behind;
  2. two compiles of the same recipe give byte-identical zips; the zip holds the promised files
     and metadata.json their SHA-256;
  3. vigil.h compiles as C99 (-pedantic -Werror), vigil.hpp as C++17;
  4. the bundled emulator, copied out of the project, prints the similarities of the zip's
     sources built with the host compiler (link_main.c) on the same signals;
  5. link test: link_main.c against libvigil.a for each core (M0+, M3, M4, M7, M33) with the
     probes/ startup and linker scripts, under QEMU: the same similarities, bit for bit;
  6. `vigil libraries --json` lists what was compiled, with the stored zips' real SHA-256;
  7. `vigil compile` without a source takes the best library of the latest benchmark;
  8. libraries of other preprocessing paths, the fixed-point one included, and an LOF model (each
     built for its one recipe: vigil_config.h) on M4F and M0+ agree with the emulator on the host
     and under QEMU, state their RAM as state + stack, export only the vigil_* API and need
     nothing from newlib but memset/memcpy.
"""
import argparse
import glob
import hashlib
import json
import os
import shutil
import stat
import struct
import subprocess
import sys
import zipfile

# Core -> (vigil compile --core, probes/run-qemu core name, float ABI)
CORES = {
    "m0plus": ("cortex-m0plus", "m0plus", "soft"),
    "m3": ("cortex-m3", "m3", "soft"),
    "m4": ("cortex-m4", "m4", "hard"),
    "m7": ("cortex-m7", "m7", "hard"),
    "m33": ("cortex-m33", "m33", "hard"),
}

# The design target of docs/runtime.md: 3 axes x 256, log bands, Hann, standardised Gaussian.
RECIPE = {
    "version": 1, "axes": 3, "length": 256, "min_learn": 16, "seed": 1,
    "preprocessing": {"detrend": "mean", "scaling": "none", "decimation": 1, "window": "hann",
                      "features": ["bands_log"], "log_magnitude": True, "bands": 8, "standardize": True},
    "model": {"family": "gaussian", "combine": "rms", "variance_floor": 0.015625},
}
LEARN, DETECT_EACH = 24, 10  # the signal-file loader wants >= 20 signals per file

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)
    return cond


def run(cmd, env=None, cwd=None):
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)


def must(cmd, **kw):
    r = run(cmd, **kw)
    if r.returncode != 0:
        sys.stderr.write(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout}{r.stderr}")
        sys.exit(1)
    return r


def read_rows(path, count):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                rows.append([float(v) for v in line.replace(";", ",").replace("\t", ",").replace(" ", ",").split(",") if v])
            if len(rows) == count:
                break
    return rows


def write_job(path, learn_rows, detect_rows):
    with open(path, "wb") as f:
        f.write(struct.pack("<II", len(learn_rows), len(detect_rows)))
        for row in learn_rows + detect_rows:
            f.write(struct.pack(f"<{len(row)}f", *row))


def decode_result(path):
    data = open(path, "rb").read()
    words = struct.unpack(f"<{len(data) // 4}I", data)
    learn = words[0]
    statuses = list(words[1:1 + learn])
    rest = words[1 + learn:]
    detects = [(rest[i], rest[i + 1]) for i in range(0, len(rest), 2)]
    return statuses, detects


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vigil")
    ap.add_argument("source_dir")
    ap.add_argument("work")
    ap.add_argument("--cores", default=",".join(CORES))
    a = ap.parse_args()
    vigil, src, work = os.path.abspath(a.vigil), os.path.abspath(a.source_dir), os.path.abspath(a.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    project = os.path.join(work, "project")
    must([vigil, "init", project, "--core", "cortex-m4", "--axes", "3"])
    data = os.path.join(project, "data")
    must([vigil, "synth", "--out", data, "--axes", "3", "--length", "256", "--signals", "40", "--seed", "3"])
    recipe = os.path.join(work, "recipe.json")
    with open(recipe, "w") as f:
        json.dump(RECIPE, f)

    def compile_(*extra, env=None):
        return run([vigil, "compile", "--project", project, *extra], env=env)

    # 1. refusals: the message names the accepted values, the exit status says "usage", no zip.
    r = compile_("--recipe", recipe, "--core", "cortex-m99", "--out", os.path.join(work, "no.zip"))
    check(r.returncode == 64 and "cortex-m0plus" in r.stderr and "cortex-m33" in r.stderr,
          f"an unknown core is refused naming the accepted cores: {r.stderr.strip()}")
    r = compile_("--recipe", recipe, "--core", "cortex-m3", "--float-abi", "hard", "--out", os.path.join(work, "no.zip"))
    check(r.returncode == 64 and "soft" in r.stderr and "FPU" in r.stderr,
          f"hard float on an FPU-less core is refused naming soft: {r.stderr.strip()}")
    r = compile_("--recipe", recipe, "--core", "cortex-m4", "--float-abi", "double", "--out", os.path.join(work, "no.zip"))
    check(r.returncode == 64 and "hard, soft" not in r.stderr and "soft" in r.stderr and "hard" in r.stderr,
          f"an unknown ABI is refused naming the accepted ABIs: {r.stderr.strip()}")
    r = compile_("--recipe", recipe, "--out", os.path.join(work, "missing-folder", "x.zip"))
    check(r.returncode == 64 and "missing-folder" in r.stderr, f"an --out in a missing folder is refused first: {r.stderr.strip()}")
    env = dict(os.environ, PATH="/nonexistent")
    r = compile_("--recipe", recipe, "--out", os.path.join(work, "no.zip"), env=env)
    check(r.returncode == 2 and "gcc-arm-none-eabi" in r.stderr,
          f"a missing arm-none-eabi-gcc names the Debian package: {r.stderr.strip()}")
    check(not os.path.exists(os.path.join(work, "no.zip")), "a refused compile writes no zip")
    check(not glob.glob(os.path.join(project, ".vigil", "vigil-compile-*")), "a refused compile leaves no build folder")

    # 2. determinism and contents
    zip_a, zip_b = os.path.join(work, "a.zip"), os.path.join(work, "b.zip")
    must([vigil, "compile", "--project", project, "--recipe", recipe, "--core", "cortex-m4", "--out", zip_a])
    must([vigil, "compile", "--project", project, "--recipe", recipe, "--core", "m4", "--float-abi", "hard", "--out", zip_b])
    check(open(zip_a, "rb").read() == open(zip_b, "rb").read(), "two compiles of the same inputs give byte-identical zips")
    with zipfile.ZipFile(zip_a) as z:
        check(z.testzip() is None, "every entry's CRC-32 is right")
        names = z.namelist()
        top = names[0].split("/")[0]
        rel = sorted(n[len(top) + 1:] for n in names)
        for required in ["README.md", "metadata.json", "recipe.bin", "libvigil.a", "include/vigil.h", "include/vigil.hpp",
                         "include/vigil_types.h", "source/vigil_baked_recipe.c", "source/vigil_baked_family.c", "source/src/facade.c", "source/src/core.c",
                         "source/include/vigil_baked.h", "example/main.c", "emulator/vigil-emulator"]:
            check(required in rel, f"the zip holds {required}")
        check(all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist()), "every entry has the fixed 1980 timestamp")
        emu_info = z.getinfo(f"{top}/emulator/vigil-emulator")
        check((emu_info.external_attr >> 16) & 0o111 != 0, "the emulator is stored executable")
        meta = json.loads(z.read(f"{top}/metadata.json"))
        for field in ["library", "recipe", "recipe_id", "indicators", "ram_bytes", "flash_bytes", "min_learn_calls",
                      "toolchain", "flags", "abi", "target", "sha256"]:
            check(field in meta, f"metadata.json has '{field}'")
        check(meta["target"] == {"core": "cortex-m4", "float_abi": "hard", "fpu": "fpv4-sp-d16"}, "metadata names core, ABI, FPU")
        # a version-1 recipe reads as the float recipe of version 2 (docs/runtime.md)
        check(meta["recipe"] == dict(RECIPE, version=2), "metadata's recipe is the one compiled")
        check(meta["min_learn_calls"] == 16 and meta["ram_bytes"] >= 1736, f"RAM {meta['ram_bytes']} bytes, 16 learn calls")
        check(0 < meta["flash_bytes"] < 64 * 1024, f"flash {meta['flash_bytes']} bytes measured")
        check("source/src/families.c" not in rel, "the all-families registry is replaced by the library's own")
        check(meta["toolchain"]["version"].startswith("12."), f"toolchain version {meta['toolchain']['version']}")
        check(all(f in meta["flags"] for f in ["-Os", "-ffp-contract=off", "-mfpu=fpv4-sp-d16", "-ffunction-sections"]),
              "metadata lists the compile flags")
        check(meta["abi"]["short_enums"] is True and meta["abi"]["wchar_t_bytes"] == 4,
              f"ABI read from the objects: {meta['abi']['match_with']}")
        others = [n for n in rel if n != "metadata.json"]
        check(sorted(meta["sha256"]) == others, "metadata has a SHA-256 for every other file")
        bad = [n for n in others if hashlib.sha256(z.read(f"{top}/{n}")).hexdigest() != meta["sha256"][n]]
        check(not bad, f"every SHA-256 in metadata matches its file {bad}")
        readme = z.read(f"{top}/README.md").decode()
        check("-fshort-enums" in readme and "@" + "CORE@" not in readme, "README states the enum/wchar flags")
        unpacked = os.path.join(work, "unpacked")
        z.extractall(unpacked)
    lib = os.path.join(unpacked, top)
    os.chmod(os.path.join(lib, "emulator", "vigil-emulator"), 0o755)  # zipfile does not restore modes

    # 3. headers
    c_check = os.path.join(work, "uses_header.c")
    with open(c_check, "w") as f:
        f.write('#include "vigil.h"\nint main(void) { uint8_t s; return vigil_detect(0, &s) == VIGIL_OK; }\n')
    r = run(["gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-fsyntax-only", "-I" + os.path.join(lib, "include"), c_check])
    check(r.returncode == 0, "vigil.h compiles as C99 -pedantic -Werror " + r.stderr)
    cpp_check = os.path.join(work, "uses_header.cpp")
    with open(cpp_check, "w") as f:
        f.write('#include "vigil.hpp"\nint main() { return vigil::is_anomaly(89) ? 0 : 1; }\n')
    r = run(["g++", "-std=c++17", "-Wall", "-Wextra", "-Werror", "-pedantic", "-fsyntax-only", "-I" + os.path.join(lib, "include"), cpp_check])
    check(r.returncode == 0, "vigil.hpp compiles as C++17 -pedantic -Werror " + r.stderr)

    # 4. emulator outside the project vs the zip's sources built for the host
    elsewhere = os.path.join(work, "elsewhere")
    shutil.copytree(lib, elsewhere)
    regular, abnormal = os.path.join(data, "regular.csv"), os.path.join(data, "abnormal.csv")
    learn_rows = read_rows(regular, LEARN)
    detect_rows = read_rows(regular, LEARN + DETECT_EACH)[LEARN:] + read_rows(abnormal, DETECT_EACH)
    learn_file, detect_file = os.path.join(work, "learn.csv"), os.path.join(work, "detect.csv")
    with open(regular) as f:
        lines = [l for l in f if l.strip()]
    with open(abnormal) as f:
        ab_lines = [l for l in f if l.strip()]
    open(learn_file, "w").writelines(lines[:LEARN])
    open(detect_file, "w").writelines(lines[LEARN:LEARN + DETECT_EACH] + ab_lines[:DETECT_EACH])
    r = run([os.path.join(elsewhere, "emulator", "vigil-emulator"), "--learn", learn_file, "--detect", detect_file, "--json"],
            cwd="/")
    check(r.returncode == 0, "the bundled emulator runs outside the project " + r.stderr)
    emulated = [s["similarity"] for s in json.loads(r.stdout)["detected"][0]["signals"]] if r.returncode == 0 else []
    check(len(emulated) == 2 * DETECT_EACH, f"emulator similarities {emulated}")
    # `vigil emulate` on the same recipe and files, when this build has it.
    if run([vigil, "emulate", "--help"]).returncode == 0:
        r = run([vigil, "emulate", "--recipe", recipe, "--learn", learn_file, "--detect", detect_file, "--json"])
        ref = [s["similarity"] for s in json.loads(r.stdout)["detected"][0]["signals"]] if r.returncode == 0 else None
        check(ref == emulated, f"the bundled emulator agrees with `vigil emulate` {ref} {r.stderr.strip()}")
    else:
        print("skip `vigil emulate` is not in this build: compared with the host build of the sources only")

    job = os.path.join(work, "job.bin")
    write_job(job, learn_rows, detect_rows)
    host_exe = os.path.join(work, "link_main_host")
    srcs = sorted(glob.glob(os.path.join(lib, "source", "src", "*.c"))) + sorted(glob.glob(os.path.join(lib, "source", "vigil_baked_*.c")))
    floats = f"-DSIGNAL_FLOATS={RECIPE['axes'] * RECIPE['length']}u"
    must(["gcc", "-std=c99", "-O2", "-ffp-contract=off", "-Wall", "-Wextra", "-Werror", "-DLINK_MAIN_HOST", floats,
          "-I" + os.path.join(lib, "source", "include"), os.path.join(src, "tests", "e2e_compile", "link_main.c"), *srcs,
          "-lm", "-o", host_exe])
    must([host_exe, job, os.path.join(work, "host.bin")])
    statuses, host = decode_result(os.path.join(work, "host.bin"))
    check(statuses[-1] == 3 and all(s[0] == 0 for s in host), "host build: learning done, every detect OK")
    check([s[1] for s in host] == emulated, f"the zip's sources on the host give the emulator's similarities {[s[1] for s in host]}")

    # the example main.c builds and runs on the host
    ex_exe = os.path.join(work, "example_host")
    must(["gcc", "-std=c99", "-O2", "-ffp-contract=off", "-Wall", "-Wextra", "-Werror", "-I" + os.path.join(lib, "source", "include"),
          os.path.join(lib, "example", "main.c"), *srcs, "-lm", "-o", ex_exe])
    r = run([ex_exe])
    check(r.returncode == 0 and "similarity" in r.stdout, "example/main.c builds from the sources and runs:\n" + r.stdout)

    # 5. link test per core under QEMU
    for key in [c for c in a.cores.split(",") if c]:
        core, qemu_core, abi = CORES[key]
        zip_core = os.path.join(work, f"{key}.zip")
        must([vigil, "compile", "--project", project, "--recipe", recipe, "--core", core, "--out", zip_core])
        out_dir = os.path.join(work, f"lib-{key}")
        with zipfile.ZipFile(zip_core) as z:
            z.extractall(out_dir)
            core_top = z.namelist()[0].split("/")[0]
            core_meta = json.loads(z.read(f"{core_top}/metadata.json"))
        check(core_meta["target"]["float_abi"] == abi, f"{core}: default float ABI {abi}")
        core_lib = os.path.join(out_dir, core_top)
        cpu = core_meta["flags"][:core_meta["flags"].index("-std=c99")]
        ld = {"m0plus": "microbit.ld", "m33": "mps2-an505.ld"}.get(key, "mps2.ld")
        elf = os.path.join(work, f"link_main_{key}.elf")
        must(["arm-none-eabi-gcc", *cpu, "-Os", "-std=c99", "-Wall", "-Wextra", "-Werror", floats,
              "-I" + os.path.join(core_lib, "include"), os.path.join(src, "tests", "e2e_compile", "link_main.c"),
              os.path.join(src, "probes", "startup", "startup.c"), os.path.join(core_lib, "libvigil.a"), "-lm",
              "--specs=nano.specs", "--specs=rdimon.specs", "-nostartfiles", "-Wl,--gc-sections",
              "-L" + os.path.join(src, "probes", "ld"), "-T" + os.path.join(src, "probes", "ld", ld), "-o", elf])
        result = os.path.join(work, f"{key}.bin")
        r = run([os.path.join(src, "probes", "run-qemu"), qemu_core, elf, job, "--result", result, "--timeout", "120"])
        if not check(r.returncode == 0, f"{core}: link_main runs under QEMU " + r.stderr[-2000:]):
            continue
        t_statuses, target = decode_result(result)
        check(t_statuses == statuses and target == host,
              f"{core} ({abi} float): libvigil.a under QEMU gives the emulator's similarities {[s[1] for s in target]}")

    # 6. vigil libraries
    r = must([vigil, "libraries", "--project", project, "--json"])
    rows = json.loads(r.stdout)
    check(len(rows) >= 2, f"vigil libraries lists {len(rows)} compiled libraries")
    check(all(os.path.exists(x["path"]) and hashlib.sha256(open(x["path"], "rb").read()).hexdigest() == x["sha256"] for x in rows),
          "every listed zip exists under .vigil/libraries with its SHA-256")
    check(all(x["library"] == meta["library"] and x["recipe_id"] == meta["recipe_id"] for x in rows), "rows name library and recipe id")
    r = must([vigil, "compile", "--project", project, "--library", str(rows[0]["id"]), "--out", os.path.join(work, "again.zip")])
    check(open(os.path.join(work, "again.zip"), "rb").read() == open(zip_a, "rb").read(),
          "--library ID compiles the stored library again, byte-identical")
    r = run([vigil, "libraries", "--project", project])
    check(r.returncode == 0 and meta["library"] in r.stdout, "vigil libraries prints a table")

    # 7. --benchmark (default: the latest with a best library): the best library of a small benchmark
    if run([vigil, "bench", "--help"]).returncode == 0:
        r = run([vigil, "bench", "--project", project, "--regular", regular, "--abnormal", abnormal, "--axes", "3",
                 "--space-limit", "4", "--max-splits", "1", "--time-limit", "120", "--jobs", "2", "--json"])
        if check(r.returncode == 0, "vigil bench on 4 candidates " + r.stderr[-800:]):
            bench = json.loads(r.stdout)
            zip_bench = os.path.join(work, "bench.zip")
            must([vigil, "compile", "--project", project, "--out", zip_bench])
            with zipfile.ZipFile(zip_bench) as z:
                bench_meta = json.loads(z.read(z.namelist()[0].split("/")[0] + "/metadata.json"))
            check(bench_meta["benchmark"] == bench["benchmark"] and bench_meta["recipe"] == bench["best"]["recipe"],
                  f"vigil compile without a source takes the best of the latest benchmark ({bench['benchmark']})")
            check(bench_meta["indicators"] == bench["best"]["indicators"], "metadata.json carries the benchmark's indicators")
            r = must([vigil, "libraries", "--project", project, "--json"])
            check(json.loads(r.stdout)[-1]["benchmark"] == bench["benchmark"], "vigil libraries shows the benchmark id")
    else:
        print("skip `vigil bench` is not in this build")

    # 8. a library is built for its one recipe (vigil_config.h): other preprocessing paths, each
    #    compiled for M4F and M0+, give the emulator's similarities on the host (the zip's
    #    sources, with the zip's configuration) and under QEMU; and the archive exports the API
    #    only and needs nothing from newlib but memset/memcpy (no printf, malloc, errno, libm).
    variants = {
        "stats-linear-decimated": {"detrend": "linear", "scaling": "per_signal", "decimation": 2, "window": "none",
                                   "features": ["stats", "bands_linear"], "log_magnitude": False, "bands": 4,
                                   "standardize": True},
        "spectrum-hann-mean": {"detrend": "mean", "scaling": "none", "decimation": 1, "window": "hann",
                               "features": ["spectrum", "bands_log"], "log_magnitude": True, "bands": 4,
                               "standardize": False},
        "bands-no-window": {"detrend": "mean", "scaling": "learned", "decimation": 1, "window": "none",
                            "features": ["bands_linear", "bands_log"], "log_magnitude": False, "bands": 6,
                            "standardize": False},
        "stats-bands-lof": {"detrend": "mean", "scaling": "none", "decimation": 1, "window": "hann",
                            "features": ["stats", "bands_log"], "log_magnitude": True, "bands": 4,
                            "standardize": True},
        # the fixed-point spectral path (recipe version 2, docs/runtime.md)
        "bands-fixed": {"detrend": "mean", "scaling": "none", "decimation": 1, "window": "hann",
                        "features": ["bands_linear", "bands_log"], "log_magnitude": True, "bands": 8,
                        "standardize": True, "arithmetic": "fixed"},
    }
    # A variant may also change the model (LOF: a reservoir of 16 < 24 learns, so replacements run).
    variant_models = {"stats-bands-lof": {"family": "lof", "reservoir": 16, "k": 4, "density_floor": 0.125}}
    forbidden = {"__errno", "errno", "_impure_ptr", "malloc", "free", "calloc", "realloc", "printf", "sprintf",
                 "snprintf", "puts", "abort", "sqrtf", "expf", "logf", "sinf", "cosf", "log1pf"}
    # The API, and the two symbols `vigil target test`'s firmware reads the exact similarity
    # through (engine/src/packaging/library_build.cpp, kVerificationSymbols).
    api = {"vigil_init", "vigil_learn", "vigil_detect", "vigil_set_sensitivity", "vigil_get_sensitivity",
           "vigil_knowledge_size", "vigil_knowledge_save", "vigil_knowledge_load", "vigil_get_info",
           "vigil_model_similarity", "vigil_baked_state"}
    for vname, pre in variants.items():
        vrecipe = dict(RECIPE, preprocessing=pre, model=variant_models.get(vname, RECIPE["model"]))
        if "arithmetic" in pre:
            vrecipe["version"] = 2
        vpath = os.path.join(work, f"{vname}.json")
        with open(vpath, "w") as f:
            json.dump(vrecipe, f)
        r = run([vigil, "emulate", "--recipe", vpath, "--learn", learn_file, "--detect", detect_file, "--json"])
        if not check(r.returncode == 0, f"{vname}: vigil emulate runs {r.stderr.strip()}"):
            continue
        vemulated = [x["similarity"] for x in json.loads(r.stdout)["detected"][0]["signals"]]
        for key in ["m4", "m0plus"]:
            core, qemu_core, _ = CORES[key]
            vzip = os.path.join(work, f"{vname}-{key}.zip")
            must([vigil, "compile", "--project", project, "--recipe", vpath, "--core", core, "--out", vzip])
            vdir = os.path.join(work, f"{vname}-{key}")
            with zipfile.ZipFile(vzip) as z:
                z.extractall(vdir)
                vtop = z.namelist()[0].split("/")[0]
                vmeta = json.loads(z.read(f"{vtop}/metadata.json"))
            vlib = os.path.join(vdir, vtop)
            check(vmeta["ram_bytes"] == vmeta["state_bytes"] + vmeta["stack_bytes"] and vmeta["stack_bytes"] > 0,
                  f"{vname} {core}: RAM {vmeta['ram_bytes']} = state {vmeta['state_bytes']} + stack {vmeta['stack_bytes']}")
            nm = must(["arm-none-eabi-nm", os.path.join(vlib, "libvigil.a")]).stdout
            undefined = {l.split()[-1] for l in nm.splitlines() if l.strip().startswith("U ")}
            exported = {l.split()[-1] for l in nm.splitlines() if len(l.split()) == 3 and l.split()[1] in "TDRB"}
            check(not (undefined & forbidden), f"{vname} {core}: libvigil.a needs {sorted(undefined)}")
            check(exported == api, f"{vname} {core}: libvigil.a exports the API (and the target test's two) only {sorted(exported ^ api)}")
            if key == "m4":
                vsrcs = sorted(glob.glob(os.path.join(vlib, "source", "src", "*.c"))) + \
                    sorted(glob.glob(os.path.join(vlib, "source", "vigil_baked_*.c")))
                vexe = os.path.join(work, f"link_main_host_{vname}")
                must(["gcc", "-std=c99", "-O2", "-ffp-contract=off", "-Wall", "-Wextra", "-Werror", "-DLINK_MAIN_HOST",
                      floats, "-I" + os.path.join(vlib, "source", "include"),
                      os.path.join(src, "tests", "e2e_compile", "link_main.c"), *vsrcs, "-lm", "-o", vexe])
                must([vexe, job, os.path.join(work, f"{vname}-host.bin")])
                _, vhost = decode_result(os.path.join(work, f"{vname}-host.bin"))
                check([x[1] for x in vhost] == vemulated,
                      f"{vname}: the zip's sources (its vigil_config.h) on the host give the emulator's similarities")
            cpu = vmeta["flags"][:vmeta["flags"].index("-std=c99")]
            ld = {"m0plus": "microbit.ld", "m33": "mps2-an505.ld"}.get(key, "mps2.ld")
            velf = os.path.join(work, f"link_main_{vname}_{key}.elf")
            must(["arm-none-eabi-gcc", *cpu, "-Os", "-std=c99", "-Wall", "-Wextra", "-Werror", floats,
                  "-I" + os.path.join(vlib, "include"), os.path.join(src, "tests", "e2e_compile", "link_main.c"),
                  os.path.join(src, "probes", "startup", "startup.c"), os.path.join(vlib, "libvigil.a"), "-lm",
                  "--specs=nano.specs", "--specs=rdimon.specs", "-nostartfiles", "-Wl,--gc-sections",
                  "-L" + os.path.join(src, "probes", "ld"), "-T" + os.path.join(src, "probes", "ld", ld), "-o", velf])
            vresult = os.path.join(work, f"{vname}-{key}.bin")
            r = run([os.path.join(src, "probes", "run-qemu"), qemu_core, velf, job, "--result", vresult, "--timeout", "120"])
            if check(r.returncode == 0, f"{vname} {core}: link_main runs under QEMU " + r.stderr[-2000:]):
                _, vtarget = decode_result(vresult)
                check([x[1] for x in vtarget] == vemulated,
                      f"{vname} {core}: libvigil.a under QEMU gives the emulator's similarities {[x[1] for x in vtarget]}")

    if failures:
        print(f"\n{len(failures)} check(s) failed:\n  " + "\n  ".join(failures))
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
