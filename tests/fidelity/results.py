"""Decodes a harness result file into labelled values, using the job file it came from
(formats: docs/targets.md, "Job and result files"). Shared by the fidelity suite and the
runtime benchmark."""
import struct

STATUS = ["OK", "NOT_INITIALIZED", "LEARNING_IN_PROGRESS", "LEARNING_DONE", "BAD_ARGUMENT", "BAD_KNOWLEDGE"]


def job_headers(job_bytes):
    """[(axes, length, learn, detect, flags)] for every job of a job file."""
    if job_bytes[:4] != b"VGJ1":
        raise ValueError("not a Vigil job file")
    count, recipe_bytes = struct.unpack_from("<II", job_bytes, 4)
    pos, jobs = 12, []
    for _ in range(count):
        # The encoded recipe starts with version, axes, length (u16 each, little-endian).
        _, axes, length = struct.unpack_from("<HHH", job_bytes, pos)
        learn, detect, flags, _ = struct.unpack_from("<IIII", job_bytes, pos + recipe_bytes)
        pos += recipe_bytes + 16 + 4 * axes * length * (learn + detect)
        jobs.append((axes, length, learn, detect, flags))
    if pos != len(job_bytes):
        raise ValueError(f"job file: {len(job_bytes) - pos} bytes left after {count} jobs")
    return jobs


def status(v):
    return STATUS[v] if v < len(STATUS) else f"status {v}"


def as_float(bits):
    return struct.unpack("<f", struct.pack("<I", bits))[0]


def decode(result_bytes, job_bytes, names):
    """[(job name, label, value as text)] in file order; raises ValueError on a bad layout."""
    if len(result_bytes) % 4:
        raise ValueError("result file is not a whole number of 32-bit words")
    words = list(struct.unpack(f"<{len(result_bytes) // 4}I", result_bytes))
    if words[:1] != [0x31524756]:
        raise ValueError("not a Vigil result file")
    jobs = job_headers(job_bytes)
    if words[1] != len(jobs) or len(names) != len(jobs):
        raise ValueError(f"{words[1]} jobs in the result, {len(jobs)} in the job file, {len(names)} names")
    pos, out = 2, []

    def take(name, label, kind="u32"):
        nonlocal pos
        if pos >= len(words):
            raise ValueError(f"result file ends early (job {name}, {label})")
        v = words[pos]
        pos += 1
        text = {"status": lambda: status(v), "float": lambda: f"{as_float(v)!r} (0x{v:08x})",
                "hex": lambda: f"0x{v:08x}", "u32": lambda: str(v)}[kind]()
        out.append((name, label, text))
        return v

    def detects(name, prefix, count):
        for i in range(count):
            take(name, f"{prefix}similarity[{i}].status", "status")
            take(name, f"{prefix}similarity[{i}]", "float")
            take(name, f"{prefix}detect[{i}].status", "status")
            take(name, f"{prefix}detect[{i}]")

    for name, (_, _, learn, detect, flags) in zip(names, jobs):
        take(name, "recipe_id", "hex")
        take(name, "state_size")
        take(name, "feature_count")
        take(name, "family_state_size")
        take(name, "init", "status")
        if learn:
            take(name, "detect_before_learning", "status")
        for i in range(learn):
            take(name, f"learn[{i}]", "status")
        take(name, "learn_count")
        if flags & 1:
            take(name, "set_sensitivity", "status")
            take(name, "get_sensitivity", "float")
        detects(name, "", detect)
        if flags & 2:
            take(name, "knowledge_size")
            take(name, "knowledge_save", "status")
            take(name, "knowledge_fnv1a", "hex")
            take(name, "reinit", "status")
            take(name, "load_corrupted", "status")
            take(name, "load", "status")
            take(name, "learn_count_after_load")
            detects(name, "after_load.", detect)
    if pos != len(words):
        raise ValueError(f"{len(words) - pos} extra words at the end of the result file")
    return out
