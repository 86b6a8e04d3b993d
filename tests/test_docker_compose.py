"""docker-compose.yml and the Dockerfile describe one deployment: same image, real modules, real settings."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
APP_SERVICES = ("web", "worker", "beat")


def env_of(service: str) -> dict:
    env = COMPOSE["services"][service].get("environment", {})
    return env if isinstance(env, dict) else dict(item.split("=", 1) for item in env)


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    pairs = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            pairs.append((word.upper(), rest.strip()))
    return pairs


DOCKERFILE = dockerfile_instructions((ROOT / "Dockerfile").read_text())


def final_stage() -> list[tuple[str, str]]:
    last_from = max(i for i, (word, _) in enumerate(DOCKERFILE) if word == "FROM")
    return DOCKERFILE[last_from:]


def image_command() -> list[str]:
    cmds = [args for word, args in final_stage() if word == "CMD"]
    assert cmds, "the Dockerfile's final stage has no CMD"
    return json.loads(cmds[-1])


def command_of(service: str) -> list[str]:
    command = COMPOSE["services"][service].get("command")
    if command is None:
        return image_command()
    return shlex.split(command) if isinstance(command, str) else command


def settings_variables() -> set[str]:
    """Every environment variable newsclaims/settings.py and newsclaims/celery.py read."""
    pattern = re.compile(r"""(?:os\.environ\.get|os\.getenv|env_bool|env_int|env_list)\(\s*["']([A-Z0-9_]+)["']""")
    subscript = re.compile(r"""os\.environ\[\s*["']([A-Z0-9_]+)["']\s*\]""")
    found: set[str] = set()
    for name in ("settings.py", "celery.py"):
        text = (ROOT / "newsclaims" / name).read_text()
        found |= set(pattern.findall(text)) | set(subscript.findall(text))
    return found


def test_it_has_the_services_of_a_deployment():
    assert set(COMPOSE["services"]) >= {"postgres", "redis", "migrate", "web", "worker", "beat"}


def test_it_gives_every_app_service_the_same_settings_variables():
    for service in APP_SERVICES:
        env = env_of(service)
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert "SECRET_KEY" in env and env["DEBUG"] == "0"
    assert env_of("web") == env_of("worker") == env_of("beat")


def test_it_sets_only_variables_the_settings_read():
    known = settings_variables()
    assert {"DATABASE_URL", "SECRET_KEY", "NEWSCLAIMS_LOG_FORMAT"} <= known  # the reader finds them
    for service in (*APP_SERVICES, "migrate"):
        unknown = set(env_of(service)) - known
        assert not unknown, f"{service} sets {sorted(unknown)}, which settings.py never reads"


def test_it_runs_web_worker_beat_and_migrate_from_the_one_image_the_dockerfile_builds():
    builds = {service: COMPOSE["services"][service].get("build") for service in (*APP_SERVICES, "migrate")}
    images = {service: COMPOSE["services"][service].get("image") for service in (*APP_SERVICES, "migrate")}
    assert set(builds.values()) == {"."}, builds
    assert len(set(images.values())) == 1, images
    for service in (*APP_SERVICES, "migrate"):
        assert "volumes" not in COMPOSE["services"][service] or service == "beat", f"{service} mounts over the image"
        command = " ".join(command_of(service))
        assert "pip install" not in command, f"{service} installs packages at start"


def test_every_command_names_a_module_or_management_command_that_exists():
    from django.core.management import get_commands

    for service in (*APP_SERVICES, "migrate"):
        argv = command_of(service)
        if argv[0] == "gunicorn":
            module = next(arg for arg in argv[1:] if not arg.startswith("-") and "." in arg).split(":")[0]
            assert (ROOT / (module.replace(".", "/") + ".py")).is_file(), f"{service}: no module {module}"
        elif argv[0] == "celery":
            app = argv[argv.index("-A") + 1]
            assert (ROOT / app / "celery.py").is_file(), f"{service}: no Celery app in {app}/celery.py"
            assert argv[argv.index("-A") + 2] in {"worker", "beat"}
        elif argv[:2] == ["python", "manage.py"]:
            assert argv[2] in get_commands(), f"{service}: no management command {argv[2]}"
        else:
            pytest.fail(f"{service} runs {argv[0]}, which this test does not know how to check")
    assert command_of("web")[0] == "gunicorn"
    assert "worker" in command_of("worker") and "beat" in command_of("beat")


def test_it_keeps_the_beat_schedule_on_a_named_volume():
    argv = command_of("beat")
    flag = next(f for f in ("-s", "--schedule") if f in argv)
    schedule = Path(argv[argv.index(flag) + 1])
    mounts = {}
    for entry in COMPOSE["services"]["beat"].get("volumes", []):
        source, target = entry.split(":")[:2] if isinstance(entry, str) else (entry["source"], entry["target"])
        mounts[target] = source
    on = [target for target in mounts if schedule.is_relative_to(target)]
    assert on, f"{schedule} is on no volume of beat"
    assert mounts[on[0]] in COMPOSE["volumes"], "the schedule's volume is not a named volume"


def test_redis_keeps_an_append_only_file_on_a_volume():
    redis = COMPOSE["services"]["redis"]
    command = redis["command"] if isinstance(redis["command"], list) else shlex.split(redis["command"])
    assert command[command.index("--appendonly") + 1] == "yes"
    assert any(v.split(":")[0] in COMPOSE["volumes"] and v.split(":")[1] == "/data" for v in redis["volumes"])


def test_the_image_runs_as_a_plain_user():
    users = [args for word, args in final_stage() if word == "USER"]
    assert users, "the final stage never leaves root"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}


def test_the_image_is_built_in_stages_from_the_hashed_lock_and_collects_static_files():
    stages = [args for word, args in DOCKERFILE if word == "FROM"]
    assert len(stages) >= 2
    runs = [args for word, args in final_stage() if word == "RUN"]
    assert any("--require-hashes" in run and "requirements.lock" in run and "--no-index" in run for run in runs)
    assert any("collectstatic" in run for run in runs)
    assert image_command()[:2] == ["gunicorn", "newsclaims.wsgi"]


def test_the_dockerignore_keeps_local_state_out_of_the_image():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", "db.sqlite3*", "staticfiles", "var"} <= ignored


def _compose_cli() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


@pytest.mark.skipif(_compose_cli() is None, reason="Docker Compose is not installed")
def test_docker_compose_accepts_the_file():
    proc = subprocess.run(
        [*(_compose_cli() or []), "-f", str(ROOT / "docker-compose.yml"), "config", "--quiet"],
        cwd=ROOT,
        env={"PATH": "/usr/local/bin:/usr/bin:/bin", "SECRET_KEY": "compose-config-check"},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
