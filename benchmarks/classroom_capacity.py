"""How many students one server holds: a class of N on a JupyterHub, each moving notebook 03's slider.

    .venv/bin/python benchmarks/classroom_capacity.py                 # N = 5, 10, 20, 40
    .venv/bin/python benchmarks/classroom_capacity.py --students 5 --seconds 30

For each N, a fresh JupyterHub on 127.0.0.1 (tests/classroom_hub.py: classroom/jupyterhub_config.py
with a test authenticator, every student's server a process of this machine). All N students log
in and follow the class link at the same moment; each server starts and nbgitpuller clones the
series into the student's home. Each student then runs notebook 03 top to bottom in their own
kernel (through the hub's proxy) and moves its learning-rate slider once every 2 s (a random
start within the first 2 s, one arrow-key step, turning at the ends) with the widget message
JupyterLab sends, for --seconds. Printed per N, and saved in artifacts/classroom_capacity.json:

- memory per student: PSS (shared pages split fairly) and RSS (what a container's limit counts)
  of the student's server + kernel, mean over students, mid-way through the slider phase; the
  largest RSS any student reached (sampled every 5 s, Run All included); and the drop of the
  machine's MemAvailable from before the first student logged in, divided by N;
- CPU per student: the server's and kernel's CPU time during the slider phase over its length;
- series open: seconds from the class following the link to the last student's series on disk
  (server started, pull finished, notebook 03 readable through the proxy);
- Run All: the slowest student's run of notebook 03;
- slider, kernel side: from the kernel starting on the move to it sending the new picture
  (both stamps by the kernel's clock), p50/p95 over all moves; and the round trip a student's
  websocket saw (send to new picture back), p50/p95;
- failures: students who could not log in, start, pull or run the notebook, and moves with no
  new picture within 30 s;
- load: the 1-minute load average, mean and max, sampled every 5 s while the class ran.

Needs what tests/test_classroom.py needs (.ci/run installs it). Not part of the test command.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import classroom_hub as ch  # noqa: E402

NOTEBOOK = f"{ch.NOTEBOOK_DIR}/03_single_weight.ipynb"
MOVE_EVERY = 2.0
P95_TARGET_MS = 150


def mem_available() -> int:
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no MemAvailable in /proc/meminfo")


def pss(pid: int) -> int:
    """PSS of a process and all its descendants, bytes (0 for what has gone)."""
    total = 0
    try:
        process = psutil.Process(pid)
        for p in [process, *process.children(recursive=True)]:
            try:
                total += p.memory_full_info().pss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
    except psutil.NoSuchProcess:
        pass
    return total


def tree(pid: int) -> list[psutil.Process]:
    try:
        process = psutil.Process(pid)
        return [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def rss(pid: int) -> int:
    """Resident memory of a process and its descendants, bytes (what a container's limit counts)."""
    total = 0
    for p in tree(pid):
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def cpu_seconds(pid: int) -> float:
    total = 0.0
    for p in tree(pid):
        try:
            times = p.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def hub_and_proxy_rss(hub: ch.Hub) -> int:
    """Resident memory of the hub process and its proxy (the fixed cost of a hub, not per student)."""
    total = psutil.Process(hub.process.pid).memory_info().rss
    try:
        total += psutil.Process(int((hub.workdir / "proxy.pid").read_text().strip())).memory_info().rss
    except (OSError, ValueError, psutil.NoSuchProcess):
        pass
    return total


class LoadSampler(threading.Thread):
    """Every few seconds: the 1-minute load, and each student's peak resident memory so far."""

    def __init__(self, records: list[dict], every: float = 5.0):
        super().__init__(daemon=True)
        self.records, self.every, self.samples, self.stopped = records, every, [], threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            self.samples.append(os.getloadavg()[0])
            for record in self.records:
                if record.get("server_pid"):
                    record["peak_rss"] = max(record.get("peak_rss", 0), rss(record["server_pid"]))

    def stop(self) -> dict:
        self.stopped.set()
        self.join(timeout=10)
        values = self.samples or [os.getloadavg()[0]]
        return {"mean": float(np.mean(values)), "max": float(np.max(values))}


def one_student(hub: ch.Hub, link: str, name: str, class_start: float, go: threading.Barrier,
                seconds: float, record: dict) -> None:
    """A student's lesson: log in, follow the link, Run All 03, then move the slider every 2 s."""
    student = ch.Student(hub, name)
    record.update(name=name, kernel_ms=[], round_trip_ms=[], failed_moves=0)
    try:
        student.log_in()
        _, pulled = student.open_class_link(link)
        if pulled.phase != "finished":
            raise RuntimeError(f"pull ended in {pulled.phase}")
        record["server_pid"] = hub.server_pid(name)
        notebook = student.contents(NOTEBOOK)["content"]
        record["series_open_s"] = time.monotonic() - class_start
        kernel = student.open_kernel(NOTEBOOK)
        started = time.monotonic()
        ran = kernel.run_notebook(notebook, timeout=300)
        record["run_all_s"] = time.monotonic() - started
        bad = [(n, c.status, c.problems) for n, c in ran if c.problems or c.status != "ok"]
        if bad:
            raise RuntimeError(f"notebook 03 did not run clean: {bad}")
        slider, picture = kernel.slider_view()
    except Exception as error:  # noqa: BLE001 - a failed student is counted, the class goes on
        record["failure"] = f"{type(error).__name__}: {error}"[:300]
        try:
            go.wait(timeout=900)  # arrive anyway: the others' slider phase starts without this student
        except threading.BrokenBarrierError:
            pass
        return
    try:
        go.wait(timeout=900)  # the slider phase starts when every student has run the notebook
    except threading.BrokenBarrierError:
        record.setdefault("failure", "another student failed before the slider phase")
        return
    options = len(kernel.models[slider]["_options_labels"])
    position, direction = kernel.models[slider]["index"], 1
    rng = random.Random(name)
    next_move = time.monotonic() + rng.uniform(0, MOVE_EVERY)
    end = time.monotonic() + seconds
    while next_move < end:
        time.sleep(max(0.0, next_move - time.monotonic()))
        if not 0 <= position + direction < options:
            direction = -direction
        position += direction
        try:
            moved = kernel.move(slider, picture, position, timeout=30)
            record["round_trip_ms"].append(moved["round_trip_ms"])
            if moved["kernel_ms"] is not None:
                record["kernel_ms"].append(moved["kernel_ms"])
        except Exception:  # noqa: BLE001
            record["failed_moves"] += 1
        next_move += MOVE_EVERY
    kernel.close()


def measure_class(n: int, seconds: float, hub_exe: str, proxy: str) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"classroom-{n}-"))
    repo, _ = ch.serve_repository(ch.ROOT, workdir)
    hub = ch.Hub(workdir, hub_exe, proxy)
    records = [dict() for _ in range(n)]
    names = [f"student{k:02d}" for k in range(1, n + 1)]
    try:
        hub.start()
        link = ch.class_link(hub, repo)
        baseline = mem_available()
        load = LoadSampler(records)
        load.start()
        go = threading.Barrier(n + 1)  # every student, and this thread, which measures memory
        class_start = time.monotonic()
        with ThreadPoolExecutor(n) as pool:
            futures = [pool.submit(one_student, hub, link, name, class_start, go, seconds, record)
                       for name, record in zip(names, records)]
            try:
                go.wait(timeout=900)
                pids = [r["server_pid"] for r in records if r.get("server_pid")]
                cpu_start, phase_start = [cpu_seconds(pid) for pid in pids], time.monotonic()
                time.sleep(min(seconds / 2, 30))
                per_student = [pss(pid) for pid in pids]  # the students who got this far
                per_student_rss = [rss(pid) for pid in pids]
                drop = baseline - mem_available()
                hub_rss = hub_and_proxy_rss(hub)
                time.sleep(max(0.0, seconds - (time.monotonic() - phase_start) - 1))
                cpu = [(cpu_seconds(pid) - before) / (time.monotonic() - phase_start)
                       for pid, before in zip(pids, cpu_start)]
            except threading.BrokenBarrierError:
                per_student, per_student_rss, drop, cpu, hub_rss = [], [], None, [], None
            for future in futures:
                future.result(timeout=seconds + 1200)
        loads = load.stop()
    finally:
        hub.stop()
        if any("failure" in r for r in records):  # keep the hub's log for the failures
            (ROOT / "artifacts").mkdir(exist_ok=True)
            shutil.copy(hub.log, ROOT / "artifacts" / f"classroom_hub_{n}.log")
        shutil.rmtree(workdir, ignore_errors=True)
    kernel = np.concatenate([r.get("kernel_ms", []) for r in records] or [[]])
    trip = np.concatenate([r.get("round_trip_ms", []) for r in records] or [[]])
    failures = [f"{r.get('name')}: {r['failure']}" for r in records if "failure" in r]
    opened = [r["series_open_s"] for r in records if "series_open_s" in r]
    return {
        "students": n,
        "pss_per_student_mb": float(np.mean(per_student)) / 1e6 if per_student else None,
        "rss_per_student_mb": float(np.mean(per_student_rss)) / 1e6 if per_student_rss else None,
        "peak_rss_per_student_mb": max((r.get("peak_rss", 0) for r in records), default=0) / 1e6,
        "hub_and_proxy_rss_mb": hub_rss / 1e6 if hub_rss else None,
        "available_drop_per_student_mb": drop / n / 1e6 if drop is not None else None,
        "cpu_per_student_cores": float(np.mean(cpu)) if cpu else None,
        "series_open_all_s": max(opened) if len(opened) == n else None,
        "run_all_slowest_s": max((r["run_all_s"] for r in records if "run_all_s" in r), default=None),
        "moves": int(trip.size),
        "kernel_p50_ms": float(np.percentile(kernel, 50)) if kernel.size else None,
        "kernel_p95_ms": float(np.percentile(kernel, 95)) if kernel.size else None,
        "round_trip_p50_ms": float(np.percentile(trip, 50)) if trip.size else None,
        "round_trip_p95_ms": float(np.percentile(trip, 95)) if trip.size else None,
        "failed_students": failures,
        "failed_moves": int(sum(r.get("failed_moves", 0) for r in records)),
        "load_1min": loads,
    }


def fmt(value, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[5, 10, 20, 40])
    parser.add_argument("--seconds", type=float, default=60, help="length of the slider phase (default 60)")
    args = parser.parse_args(argv)
    hub_exe = ch.find_tool("CLASSROOM_HUB", "jupyterhub", ch.CI_HUB)
    proxy = ch.find_tool("CONFIGURABLE_HTTP_PROXY", "configurable-http-proxy", ch.CI_PROXY)
    if not (hub_exe and proxy):
        sys.exit("needs JupyterHub (classroom/requirements-hub.txt in build/hub-venv) and configurable-http-proxy "
                 "(build/chp): run the hub lines of .ci/run")
    print(f"{psutil.cpu_count()} CPUs, {psutil.virtual_memory().total / 1e9:.1f} GB; "
          f"load before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    results = []
    for n in args.students:
        result = measure_class(n, args.seconds, hub_exe, proxy)
        results.append(result)
        print(json.dumps(result), flush=True)
    header = ("| students | memory per student, PSS / RSS / peak RSS (MB) | MemAvailable drop per student (MB) "
              "| CPU per student (cores) | series open, all (s) "
              "| Run All 03, slowest (s) | slider p50 / p95 kernel side (ms) | slider p50 / p95 round trip (ms) "
              "| moves | failures | load (1 min) mean / max |")
    print("\n" + header)
    print("|" + " --- |" * (header.count("|") - 1))
    for r in results:
        failures = len(r["failed_students"]) + r["failed_moves"]
        print(f"| {r['students']} | {fmt(r['pss_per_student_mb'], '.0f')} / {fmt(r['rss_per_student_mb'], '.0f')} / "
              f"{fmt(r['peak_rss_per_student_mb'], '.0f')} | {fmt(r['available_drop_per_student_mb'], '.0f')} "
              f"| {fmt(r['cpu_per_student_cores'], '.3f')} "
              f"| {fmt(r['series_open_all_s'], '.1f')} | {fmt(r['run_all_slowest_s'], '.1f')} "
              f"| {fmt(r['kernel_p50_ms'], '.0f')} / {fmt(r['kernel_p95_ms'], '.0f')} "
              f"| {fmt(r['round_trip_p50_ms'], '.0f')} / {fmt(r['round_trip_p95_ms'], '.0f')} | {r['moves']} "
              f"| {failures} | {r['load_1min']['mean']:.1f} / {r['load_1min']['max']:.1f} |")
    print("hub + proxy resident memory: " + ", ".join(f"{fmt(r['hub_and_proxy_rss_mb'], '.0f')} MB at N = {r['students']}"
                                                       for r in results))
    held = [r["students"] for r in results if not r["failed_students"] and not r["failed_moves"]
            and r["kernel_p95_ms"] is not None and r["kernel_p95_ms"] <= P95_TARGET_MS]
    print(f"\nlargest class with slider p95 ≤ {P95_TARGET_MS} ms (kernel side) and no failure: "
          f"{max(held) if held else 'none'} of {args.students}")
    out = ROOT / "artifacts" / "classroom_capacity.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"cpus": psutil.cpu_count(), "memory_gb": psutil.virtual_memory().total / 1e9,
                               "seconds": args.seconds, "results": results}, indent=1))
    return results


if __name__ == "__main__":
    main()
