"""docker-compose runs the same code at production shape: its services and variables."""

from pathlib import Path

import yaml

COMPOSE = yaml.safe_load((Path(__file__).resolve().parent.parent / "docker-compose.yml").read_text())


def env_of(service: str) -> dict:
    env = COMPOSE["services"][service].get("environment", {})
    return env if isinstance(env, dict) else dict(item.split("=", 1) for item in env)


def test_it_has_the_five_services():
    assert set(COMPOSE["services"]) >= {"postgres", "redis", "web", "worker", "beat"}


def test_it_gives_every_app_service_the_same_settings_variables():
    for service in ("web", "worker", "beat"):
        env = env_of(service)
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert "SECRET_KEY" in env and env["DEBUG"] == "0"


def test_it_serves_web_with_gunicorn_and_runs_worker_and_beat():
    assert "gunicorn" in COMPOSE["services"]["web"]["command"]
    assert "worker" in COMPOSE["services"]["worker"]["command"]
    assert "beat" in COMPOSE["services"]["beat"]["command"]
