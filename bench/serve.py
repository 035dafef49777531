"""The `serve` part of `make bench` (run.py calls `measure`).

Starts `token-economics serve` on a copy of a content folder, listens to its reload events
(`/__reload`) on a raw socket, and times, for each of several edits, from the moment a file
is saved to the moment the reload message arrives: appending a sentence to an essay, or
changing a number in a scenario. Then it loads the server with wrk (200 connections), reads
the process's peak resident memory (VmHWM) and stops it with SIGINT, checking that it exits
with status 0 and removes its private folder.
"""
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import time


class Events:
    """A reload-event stream read off a raw socket."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.sendall(b"GET /__reload HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        self.buffer = b""
        self.wait_for(b": token-economics serve")
        self.buffer = b""

    def wait_for(self, marker):
        while marker not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("the reload stream closed")
            self.buffer += chunk
        self.buffer = self.buffer.split(marker, 1)[1]

    def close(self):
        self.sock.close()


class Server:
    def __init__(self, binary, templates, content, scratch):
        self.private = os.path.join(scratch, f"serve-tmp-{os.path.basename(content.rstrip('/'))}")
        os.makedirs(self.private, exist_ok=True)
        environment = dict(os.environ, TMPDIR=self.private)
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [binary, "serve", "--content", content, "--templates", templates, "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
        line = self.process.stdout.readline().decode()
        self.startup = time.perf_counter() - started
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            raise RuntimeError(f"serve did not start: {line}{self.process.stderr.read().decode()}")
        self.port = int(match.group(1))

    def peak_memory(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self):
        """SIGINT; returns (seconds to exit, exit status, private folder left empty)."""
        started = time.perf_counter()
        self.process.send_signal(signal.SIGINT)
        status = self.process.wait(timeout=30)
        elapsed = time.perf_counter() - started
        clean = not os.listdir(self.private)
        shutil.rmtree(self.private, ignore_errors=True)
        return elapsed, status, clean


def cpu_seconds(pid):
    """User and system time of a process so far (clock ticks of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_edits(server, edits, pause=0.15):
    """Milliseconds from each save to its reload message; the server's CPU milliseconds per
    save, on average (what a busy machine does not inflate as it does the wall time)."""
    events = Events(server.port)
    times = []
    time.sleep(pause)
    cpu_before = cpu_seconds(server.process.pid)
    try:
        for path, text in edits:
            time.sleep(pause)  # each save its own change
            started = time.perf_counter()
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            events.wait_for(b"data: reload\n\n")
            times.append((time.perf_counter() - started) * 1000)
    finally:
        events.close()
    server.cpu_per_save = (cpu_seconds(server.process.pid) - cpu_before) * 1000 / max(1, len(times))
    return times


def essay_edits(content, count):
    names = sorted(n for n in os.listdir(content) if n.endswith(".md"))
    step = max(1, len(names) // count)
    chosen = [os.path.join(content, names[(i * step) % len(names)]) for i in range(count)]
    return [(path, open(path, encoding="utf-8").read() + f"\nA sentence saved while serving, {i}.\n")
            for i, path in enumerate(chosen)]


def scenario_edits(content, count):
    folder = os.path.join(content, "scenarios")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".yaml"))
    step = max(1, len(names) // count)
    edits = []
    for i in range(count):
        path = os.path.join(folder, names[(i * step) % len(names)])
        text = open(path, encoding="utf-8").read()
        # A new price per user: the scenario's figures, and those measured across all, change.
        changed = re.sub(r"^price_per_user: *([0-9.]+)",
                         lambda m: f"price_per_user: {float(m.group(1)) + 0.5 + i}", text, count=1, flags=re.M)
        edits.append((path, changed))
    return edits


def load(port, path, seconds=5, connections=200):
    """wrk's requests per second and its error count (socket errors and non-2xx answers)."""
    if not shutil.which("wrk"):
        return None
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True).stdout
    rate = re.search(r"Requests/sec:\s*([0-9.]+)", output)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non2xx.group(1)) if non2xx else 0
    requests = re.search(r"(\d+) requests in", output)
    return {"rate": float(rate.group(1)) if rate else 0.0, "errors": errors,
            "requests": int(requests.group(1)) if requests else 0}


def measure(binary, templates, corpus_content, site_content, scratch, edits=15):
    """The serve figures: a dict of lists of milliseconds, wrk's result, memory, shutdown."""
    results = {}
    corpus = os.path.join(scratch, "serve-corpus")
    shutil.copytree(corpus_content, corpus)
    server = Server(binary, templates, corpus, scratch)
    try:
        results["startup"] = server.startup
        results["essay"] = time_edits(server, essay_edits(corpus, edits))
        results["essay cpu"] = server.cpu_per_save
        results["scenario"] = time_edits(server, scenario_edits(corpus, edits), pause=0.3)
        results["scenario cpu"] = server.cpu_per_save
        results["memory before load"] = server.peak_memory()
        results["wrk"] = load(server.port, "/essays/" + sorted(n for n in os.listdir(corpus) if n.endswith(".md"))[1]
                              .replace(".md", ".html"))
        results["memory"] = server.peak_memory()
    finally:
        results["stop"] = server.stop()
    shutil.rmtree(corpus, ignore_errors=True)

    small = os.path.join(scratch, "serve-site")
    shutil.copytree(site_content, small)
    server = Server(binary, templates, small, scratch)
    try:
        results["site essay"] = time_edits(server, essay_edits(small, edits))
        results["site essay cpu"] = server.cpu_per_save
    finally:
        server.stop()
    shutil.rmtree(small, ignore_errors=True)
    return results


def report(results):
    """Lines to print and (label, held, detail) checks."""
    lines = []
    for name, label in (("essay", "serve: essay saved"), ("scenario", "serve: scenario saved"),
                        ("site essay", "serve: content/ essay")):
        times = results[name]
        lines.append(f"{label:24} median {statistics.median(times):6.1f} ms   max {max(times):6.1f} ms   "
                     f"CPU {results[name + ' cpu']:6.1f} ms a save   ({len(times)} saves to reload message)")
    lines.append(f"{'serve: first build':24} {results['startup']:.3f} s to listening (1,000 essays, 1,000 scenarios)")
    lines.append(f"{'serve: peak memory':24} {results['memory before load']:.1f} MiB after the edits, "
                 f"{results['memory']:.1f} MiB after the load (VmHWM)")
    wrk = results["wrk"]
    if wrk:
        lines.append(f"{'serve: wrk, 200 conns':24} {wrk['rate']:.0f} requests/s, {wrk['requests']} requests, "
                     f"{wrk['errors']} errors")
    stop_seconds, status, clean = results["stop"]
    lines.append(f"{'serve: SIGINT':24} exit {status} in {stop_seconds * 1000:.0f} ms, private folder "
                 f"{'removed' if clean else 'LEFT BEHIND'}")
    checks = [
        ("serve: essay saved to reload under 50 ms (median)", statistics.median(results["essay"]) < 50,
         f"{statistics.median(results['essay']):.1f} ms"),
        ("serve: scenario saved to reload under 100 ms (median)", statistics.median(results["scenario"]) < 100,
         f"{statistics.median(results['scenario']):.1f} ms"),
        ("serve: content/ essay saved to reload under 20 ms (median)", statistics.median(results["site essay"]) < 20,
         f"{statistics.median(results['site essay']):.1f} ms"),
        ("serve: peak memory under 150 MiB", results["memory"] < 150, f"{results['memory']:.1f} MiB"),
        ("serve: 200 concurrent connections without an error", bool(wrk) and wrk["errors"] == 0 and wrk["requests"] > 0,
         f"{wrk['errors']} errors in {wrk['requests']} requests" if wrk else "wrk missing"),
        ("serve: clean exit on SIGINT", status == 0 and clean, f"status {status}"),
    ]
    return lines, checks
