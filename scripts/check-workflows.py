#!/usr/bin/env python3
"""check-workflows.py FILE...: every file parses as YAML; a GitLab CI file (gitlab-ci.yml)
also has each job in a declared stage, a script, and the `pages` job publishing public/.
actionlint checks the GitHub workflows themselves (make workflow-checks runs both)."""
import sys

import yaml

KEYWORDS = {"stages", "default", "variables", "workflow", "include", "image", "cache", "before_script",
            "after_script", "services"}


def check_gitlab(path, document):
    problems = []
    stages = document.get("stages", ["build", "test", "deploy"])
    jobs = {name: job for name, job in document.items() if name not in KEYWORDS and not name.startswith(".")}
    for name, job in jobs.items():
        if not isinstance(job, dict):
            problems.append(f"{path}: job {name} is not a mapping")
            continue
        if job.get("stage", "test") not in stages:
            problems.append(f"{path}: job {name} is in stage {job.get('stage')!r}, not one of {stages}")
        if not isinstance(job.get("script"), list) or not job["script"]:
            problems.append(f"{path}: job {name} has no script")
    pages = jobs.get("pages", {})
    if "public" not in (pages.get("artifacts", {}) or {}).get("paths", []):
        problems.append(f"{path}: the pages job must publish public/")
    return problems


def main():
    problems = []
    for path in sys.argv[1:]:
        try:
            with open(path, encoding="utf-8") as handle:
                document = yaml.safe_load(handle)
        except yaml.YAMLError as error:
            problems.append(f"{path}: {error}")
            continue
        if not isinstance(document, dict):
            problems.append(f"{path}: not a mapping")
        elif path.endswith("gitlab-ci.yml"):
            problems += check_gitlab(path, document)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{len(sys.argv) - 1} files parse")


if __name__ == "__main__":
    main()
