"""There is no container engine here, so the compose file is checked by reading it."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "COUNCIL_NAME",
    "COUNCIL_NATION",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "DEFAULT_FROM_EMAIL",
}


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_service_is_there():
    expected = {"web", "worker", "beat", "postgres", "redis", "mailcatcher"}
    assert set(compose()["services"]) >= expected


def test_app_services_run_the_right_commands():
    services = compose()["services"]
    assert "gunicorn config.wsgi" in services["web"]["command"]
    assert "migrate" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A config worker")
    assert services["beat"]["command"].startswith("celery -A config beat")


def test_app_services_have_every_variable_the_app_needs():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert APP_VARIABLES <= set(environment), name
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert {"postgres", "redis"} <= set(services[name]["depends_on"])


def test_postgres_keeps_a_configurable_share_of_memory_for_data():
    """Set from .env (POSTGRES_SHARED_BUFFERS) with 1 GB when unset, not PostgreSQL's 128 MB."""
    command = compose()["services"]["postgres"]["command"]
    assert command[0] == "postgres"
    assert "shared_buffers=${POSTGRES_SHARED_BUFFERS:-1GB}" in command
    assert "POSTGRES_SHARED_BUFFERS=" in (ROOT / ".env.example").read_text()


def test_the_settings_read_every_variable_compose_sets():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    for variable in compose()["services"]["web"]["environment"]:
        assert f'"{variable}"' in settings_source, variable


def test_dockerfile_builds_static_and_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "npm run build" in dockerfile
    assert "collectstatic" in dockerfile
    assert "gunicorn" in dockerfile
    assert "USER ig" in dockerfile
