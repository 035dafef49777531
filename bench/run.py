#!/usr/bin/env python3
"""run.py BINARY TEMPLATES CORPUS [--runs N] [--scratch DIR]

Times whole processes, several rounds of every measurement (interleaved, so that a busy
moment on the machine does not fall on one tool only), and prints the median wall time, the CPU used
(user + system, as a multiple of the wall time: 2.0 means both cores busy) and the peak
resident memory of each:

  full build          token-economics on 1,000 essays and 1,000 scenarios, into an empty folder
  essays only         token-economics on the same essays without scenarios
  cmark floor         one `cmark --smart` process over the same essays (every one, in folders too)
  hugo                Hugo on the same essays (a page layout with a table of contents)
  no-change rebuild   the full build again over its own output
  one essay edited    the full build after appending a sentence to one essay
  diff of two builds  `token-economics diff` between the full build and a build of the same
                      corpus with one model's output price raised by half (Markdown output)

and, with --large CORPUS10K (a corpus of 10,000 essays and 10,000 scenarios), the full build
of it --large-runs times (2 by default) and the growth from 1,000 to 10,000 of wall time, peak
memory and output size (the bytes of the site's files),

and then `serve` (bench/serve.py): from saving an essay or a scenario of the corpus, or an
essay of content/, to the reload message; its peak memory; 200 connections from wrk.

Outputs go under --scratch (default: /dev/shm when it exists), the same for every tool, so
that the file system's bookkeeping of deleted files does not weigh on one tool more than
another. Then it checks the targets and prints one line each.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

import serve


def measure(command, cwd=None, stdout=subprocess.DEVNULL):
    """Runs one process; returns (wall seconds, cpu seconds, peak RSS in MiB, exit status)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{error}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def site_bytes(folder):
    """The bytes of every file under `folder` (what a CI would upload)."""
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(folder) for name in names)


def summarize(name, results):
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    memory = max(r[2] for r in results)
    return {"name": name, "wall": wall, "cores": cpu / wall if wall else 0, "memory": memory,
            "runs": [round(r[0], 3) for r in results]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("templates")
    parser.add_argument("corpus")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scratch", default="/dev/shm" if os.path.isdir("/dev/shm") else None)
    parser.add_argument("--site-content", default="content", help="the small site for serve's third figure")
    parser.add_argument("--large", help="a corpus of 10,000 essays and 10,000 scenarios (bench/corpus.py)")
    parser.add_argument("--large-runs", type=int, default=2)
    args = parser.parse_args()
    binary, templates, corpus = (os.path.abspath(p) for p in (args.binary, args.templates, args.corpus))
    scratch = os.path.join(args.scratch or corpus, f"token-economics-bench-{os.getpid()}")
    os.makedirs(scratch)
    full, essays_only = os.path.join(corpus, "full", "content"), os.path.join(corpus, "essays", "content")
    out, essays_out, hugo_out = (os.path.join(scratch, n) for n in ("out", "essays-out", "hugo-out"))
    # Every essay the build renders, in sub-folders too (a quarter of the corpus's essays stand
    # two folders deep), so that the floor converts the same Markdown as the build.
    essay_files = sorted(os.path.join(root, name) for root, _, names in os.walk(essays_only)
                         for name in names if name.endswith(".md"))

    def clean(path):
        return lambda: shutil.rmtree(path, ignore_errors=True)

    def build(content, output):
        return lambda: [binary, "build", "--content", content, "--templates", templates, "--output", output]

    edited = os.path.join(full, "note-0001.md")
    original = open(edited, encoding="utf-8").read()

    def edit(number):
        with open(edited, "w", encoding="utf-8") as handle:
            handle.write(original + f"\nAn added sentence, number {number}.\n")

    # One round runs every measurement once; rounds repeat. Interleaving gives each tool the
    # same share of whatever else the machine is doing.
    steps = [
        ("full build", clean(out), build(full, out)),
        ("essays only", clean(essays_out), build(essays_only, essays_out)),
        ("cmark floor", lambda: None, lambda: ["cmark", "--smart", *essay_files]),
        ("hugo", clean(hugo_out),
         lambda: ["hugo", "--quiet", "--source", os.path.join(corpus, "hugo"), "--destination", hugo_out]),
        ("no-change rebuild", lambda: None, build(full, out)),  # over the full build just made
        ("one essay edited", None, build(full, out)),
    ]
    results = {name: [] for name, _, _ in steps}
    try:
        for round_number in range(args.runs):
            for name, prepare, command in steps:
                if prepare is None:
                    edit(round_number)
                else:
                    prepare()
                results[name].append(measure(command()))
    finally:
        with open(edited, "w", encoding="utf-8") as handle:
            handle.write(original)
    # The diff of two builds: the full build above, and the same corpus with a dearer model.
    changed = os.path.join(scratch, "changed-content")
    shutil.copytree(full, changed)
    catalog_path = os.path.join(changed, "models.yaml")
    catalog_lines = open(catalog_path, encoding="utf-8").read().split("\n")
    first = next(i for i, line in enumerate(catalog_lines) if line.strip().startswith("output:"))
    price = float(catalog_lines[first].split(":")[1])
    catalog_lines[first] = catalog_lines[first].split(":")[0] + f": {price * 1.5}"
    with open(catalog_path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(catalog_lines))
    out_changed = os.path.join(scratch, "out-changed")
    clean(out)()
    measure(build(full, out)())
    sizes = {"full build": site_bytes(out)}
    measure(build(changed, out_changed)())
    diff = [binary, "diff", out, "--content", out_changed, "--format", "markdown"]
    results["diff of two builds"] = [measure(diff) for _ in range(args.runs)]
    steps.append(("diff of two builds", None, None))
    if args.large:
        # The same build at ten times the size: fewer rounds, it takes ten times as long.
        large_full, large_out = os.path.join(os.path.abspath(args.large), "full", "content"), os.path.join(scratch, "out-10k")
        results["full build 10k"] = []
        for _ in range(args.large_runs):
            clean(large_out)()
            results["full build 10k"].append(measure(build(large_full, large_out)()))
        sizes["full build 10k"] = site_bytes(large_out)
        clean(large_out)()
        steps.append(("full build 10k", None, None))
    rows = [summarize(name, results[name]) for name, _, _ in steps]
    serve_lines, serve_checks = serve.report(
        serve.measure(binary, templates, full, os.path.abspath(args.site_content), scratch))
    shutil.rmtree(scratch, ignore_errors=True)

    print(f"{'':20} {'median s':>9} {'cores':>6} {'peak MiB':>9}   runs (s)")
    for row in rows:
        print(f"{row['name']:20} {row['wall']:9.3f} {row['cores']:6.2f} {row['memory']:9.1f}   {row['runs']}")
    by = {row["name"]: row for row in rows}
    checks = [
        ("full build no slower than Hugo on the essays alone", by["full build"]["wall"] <= by["hugo"]["wall"],
         f"{by['full build']['wall']:.3f} s vs. {by['hugo']['wall']:.3f} s"),
        ("essays-only build within 1.2x the cmark floor", by["essays only"]["wall"] <= 1.2 * by["cmark floor"]["wall"],
         f"{by['essays only']['wall'] / by['cmark floor']['wall']:.2f}x"),
        ("no-change rebuild under a tenth of a full build",
         by["no-change rebuild"]["wall"] < by["full build"]["wall"] / 10,
         f"{by['no-change rebuild']['wall'] / by['full build']['wall']:.2f} of it"),
        ("peak memory under 150 MiB", all(by[n]["memory"] < 150 for n in
                                          ("full build", "essays only", "no-change rebuild", "one essay edited")),
         f"{max(by[n]['memory'] for n in ('full build', 'essays only', 'no-change rebuild', 'one essay edited')):.1f} MiB"),
        ("diff of two builds of the corpus under a second", by["diff of two builds"]["wall"] < 1,
         f"{by['diff of two builds']['wall']:.3f} s"),
        ("both cores busy in the full build", by["full build"]["cores"] >= 1.5, f"{by['full build']['cores']:.2f} cores"),
    ]
    if args.large:
        small, large = by["full build"], by["full build 10k"]
        growth = [("wall time", large["wall"] / small["wall"], f"{small['wall']:.3f} s -> {large['wall']:.3f} s"),
                  ("peak memory", large["memory"] / small["memory"],
                   f"{small['memory']:.1f} MiB -> {large['memory']:.1f} MiB"),
                  ("output size", sizes["full build 10k"] / sizes["full build"],
                   f"{sizes['full build'] / 2**20:.1f} MiB -> {sizes['full build 10k'] / 2**20:.1f} MiB")]
        print()
        print("growth from 1,000 to 10,000 essays and scenarios (10x the content):")
        for label, factor, detail in growth:
            print(f"  {label:12} {factor:6.2f}x   {detail}")
        checks += [
            ("full build's wall time grows at most 11x from 1,000 to 10,000", growth[0][1] <= 11, f"{growth[0][1]:.2f}x"),
            ("output size grows at most 11x from 1,000 to 10,000", growth[2][1] <= 11, f"{growth[2][1]:.2f}x"),
            ("peak memory under 150 MiB at 10,000 + 10,000", large["memory"] < 150, f"{large['memory']:.1f} MiB"),
        ]
    print()
    for line in serve_lines:
        print(line)
    checks += serve_checks
    print()
    for label, held, detail in checks:
        print(f"{'met ' if held else 'MISS'} {label}: {detail}")


if __name__ == "__main__":
    main()
