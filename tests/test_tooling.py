"""The locks, the pre-commit hooks and the Makefile stay in step with what people edit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pins(path: Path) -> dict[str, str]:
    """name -> version of each `name==version` line of a requirements file (comments and options skipped)."""
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            [spec] = requirement.specifier
            assert spec.operator == "==", f"{path.name}: {line} is not pinned with =="
            found[canonicalize_name(requirement.name)] = spec.version
    return found


def locked(path: Path) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) of each package in a lock."""
    text = path.read_text()
    found = {}
    for block in re.split(r"\n(?=\S)", text):
        match = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)", block)
        if match:
            found[canonicalize_name(match[1])] = (match[2], block.count("--hash=sha256:"))
    return found


@pytest.mark.parametrize(
    ("inputs", "lock"),
    [
        (["requirements.txt"], "requirements.lock"),
        (["requirements.txt", "requirements-dev.txt"], "requirements-dev.lock"),
    ],
)
def test_every_pinned_input_is_in_its_lock_at_the_same_version(inputs, lock):
    lock_pins = locked(ROOT / lock)
    for name in inputs:
        for package, version in pins(ROOT / name).items():
            assert package in lock_pins, f"{package} is in {name} but not in {lock}: run `make lock`"
            in_lock = lock_pins[package][0]
            assert in_lock == version, f"{package}: {name} says {version}, {lock} {in_lock}: run `make lock`"


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_locked_package_carries_a_hash(lock):
    packages = locked(ROOT / lock)
    assert len(packages) > 20
    assert not [name for name, (_, hashes) in packages.items() if hashes == 0]


def test_the_dev_lock_installs_the_same_runtime_packages_as_the_runtime_lock():
    runtime, dev = locked(ROOT / "requirements.lock"), locked(ROOT / "requirements-dev.lock")
    assert {name: runtime[name][0] for name in runtime} == {name: dev[name][0] for name in runtime}


def test_the_pre_commit_hooks_run_the_checks_make_lint_runs_with_the_same_ruff():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    entries = [hook["entry"].split() for hook in hooks]
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert [entry[:2] for entry in entries] == [
        [".venv/bin/ruff", "check"],
        [".venv/bin/ruff", "format"],
        [".venv/bin/mypy"],
        [".venv/bin/python", "manage.py"],
    ]
    assert entries[3][2:4] == ["makemigrations", "--check"]
    mypy_hook = hooks[2]
    assert mypy_hook["pass_filenames"] is False, "mypy must check the tree pyproject.toml names, as make lint does"

    makefile = (ROOT / "Makefile").read_text()
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/ruff check ." in lint and "$(BIN)/ruff format --check ." in lint
    assert re.search(r"^\t\$\(BIN\)/mypy$", lint, re.MULTILINE), "make lint does not run mypy over the configured tree"
    assert "manage.py makemigrations --check" in lint, "make lint does not check for missing migrations"
    assert re.search(r"^test: .*\blint\b", makefile, re.MULTILINE), "make test does not run make lint"


def test_make_installs_from_the_locks_with_hashes_required():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements.lock" in makefile
    assert "--require-hashes -r requirements-dev.lock" in makefile
    # A changed lock re-installs: the install stamps depend on the locks.
    assert re.search(r"^\$\(VENV\)/\.installed: requirements\.lock\b", makefile, re.MULTILINE)
    assert re.search(r"^\$\(VENV\)/\.installed-dev: requirements-dev\.lock\b", makefile, re.MULTILINE)


def test_the_readme_lists_every_variable_the_settings_read():
    from tests.test_docker_compose import settings_variables

    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", table, re.MULTILINE))
    read = settings_variables() | {"DJANGO_SETTINGS_MODULE"}
    assert not read - listed, f"add to the README's Configuration table: {sorted(read - listed)}"
    assert not listed - read, f"the README lists variables nothing reads: {sorted(listed - read)}"
