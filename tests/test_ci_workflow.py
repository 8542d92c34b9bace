"""The GitHub workflows are valid YAML and do what the project says: CI runs the README's test
command on Linux, Windows and macOS with the oldest and newest Python, found the same way as
.ci/run finds it; the release workflow self-tests the packaged app on every system it builds."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
README_EXTRACTION = re.compile(r"test_command=\$\(sed .*README\.md.*\)")


def load(name: str) -> dict[str, Any]:
    document = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    if True in document:
        document["on"] = document.pop(True)
    return document


def run_lines(job: dict[str, Any]) -> list[str]:
    return [line for step in job["steps"] for line in str(step.get("run", "")).splitlines()]


def test_every_workflow_parses_and_has_jobs_with_steps() -> None:
    for path in sorted(WORKFLOWS.glob("*.yml")):
        document = load(path.name)
        assert {"name", "on", "jobs"} <= set(document), path.name
        for job_name, job in document["jobs"].items():
            assert "runs-on" in job, (path.name, job_name)
            assert job["steps"], (path.name, job_name)
            for step in job["steps"]:
                assert ("uses" in step) != ("run" in step), (path.name, job_name, step)


def test_ci_covers_three_systems_and_the_oldest_and_newest_python() -> None:
    job = load("ci.yml")["jobs"]["test"]
    matrix = job["strategy"]["matrix"]
    assert {system.split("-")[0] for system in matrix["os"]} == {"ubuntu", "windows", "macos"}
    versions = sorted(tuple(int(part) for part in str(v).split(".")) for v in matrix["python"])
    assert versions[0] == (3, 11)  # pyproject's requires-python
    assert versions[-1] > (3, 11)
    assert job["runs-on"] == "${{ matrix.os }}"
    assert job["env"]["QT_QPA_PLATFORM"] == "offscreen"


def test_ci_runs_the_readme_test_command_as_ci_run_does() -> None:
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ours = run_lines(load("ci.yml")["jobs"]["test"])

    def extraction(lines: list[str]) -> list[str]:
        return [line.strip() for line in lines if README_EXTRACTION.search(line)]

    assert extraction(ours) == extraction(ci_run)
    assert len(extraction(ours)) == 1
    assert 'eval "$test_command"' in [line.strip() for line in ours]
    assert 'eval "$test_command"' in [line.strip() for line in ci_run]
    # And the extraction finds the README's command (run by bash, as both scripts are).
    if os.name == "nt":
        pytest.skip("bash on Windows may be WSL's launcher, not the Git bash the workflow uses")
    try:
        found = subprocess.run(
            ["bash", "-c", extraction(ours)[0] + '; echo "$test_command"'],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        pytest.skip("bash is not installed here")
    assert found.stdout.strip() == "python3 dev.py test", found.stderr


def test_release_self_tests_the_packaged_app_on_every_system_it_builds() -> None:
    jobs = load("release.yml")["jobs"]
    builds = {name: job for name, job in jobs.items() if name != "release"}
    assert set(builds) == {"windows", "macos", "linux"}
    for name, job in builds.items():
        assert any("--self-test" in line for line in run_lines(job)), name
