"""The deployment files: docker-compose.yml, the Dockerfile, CI's entry point and the Python pin.

No Docker engine runs the tests, so these read the files and check what they promise. None of
them touches the database.
"""

import importlib
import os
import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose: dict) -> dict:
    return compose["services"]


@pytest.fixture(scope="module")
def dockerfile() -> str:
    # Join continuation lines so that each instruction is one line.
    return re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())


def command_of(service: dict) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


def environment_of(service: dict) -> dict[str, str]:
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return {key: str(value) for key, value in environment.items()}


def depends_on(service: dict) -> dict[str, str]:
    """Each service this one waits for, with the condition it waits for."""
    dependencies = service.get("depends_on", {})
    if isinstance(dependencies, list):
        return dict.fromkeys(dependencies, "service_started")
    return {name: spec.get("condition", "service_started") for name, spec in dependencies.items()}


def test_compose_has_every_service(services):
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)


def test_web_runs_gunicorn_on_the_wsgi_app(services):
    command = command_of(services["web"])
    assert command[0] == "gunicorn"
    assert "ecte.wsgi:application" in command or "ecte.wsgi" in command


def test_only_web_publishes_a_port_and_only_on_loopback(services):
    assert services["web"]["ports"] == ["127.0.0.1:8000:8000"]
    for name, service in services.items():
        if name != "web":
            assert "ports" not in service, name


def test_web_waits_for_migrations(services):
    assert depends_on(services["web"]).get("migrate") == "service_completed_successfully"
    assert command_of(services["migrate"])[-2:] == ["migrate", "--noinput"]


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_worker_and_beat_run_celery(services, name):
    command = command_of(services[name])
    assert command[:4] == ["celery", "-A", "ecte", name]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_use_production_settings_and_the_backing_services(services, name):
    environment = environment_of(services[name])
    assert environment["DJANGO_SETTINGS_MODULE"] == "ecte.settings.production"
    assert environment["SECRET_KEY"]
    assert environment["ALLOWED_HOSTS"]
    assert re.fullmatch(r"postgres(ql)?://[^@]+@postgres:5432/\w+", environment["DATABASE_URL"])
    assert re.fullmatch(r"redis://redis:6379/\d+", environment["REDIS_URL"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_postgres_and_redis(services, name):
    dependencies = depends_on(services[name])
    assert dependencies.get("postgres") == "service_healthy"
    assert dependencies.get("redis") == "service_healthy"


@pytest.mark.parametrize("name", ["postgres", "redis"])
def test_backing_services_have_healthchecks_and_named_volumes(compose, services, name):
    service = services[name]
    assert service["healthcheck"]["test"]
    assert not service["healthcheck"].get("disable", False)
    named = [volume.split(":", 1)[0] for volume in service["volumes"]]
    assert named
    for volume in named:
        assert not volume.startswith((".", "/", "~")), f"{volume} is a bind mount"
        assert volume in compose["volumes"]


def test_backing_service_images_and_healthcheck_commands(services):
    assert services["postgres"]["image"].startswith("postgres:17")
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["image"].startswith("redis:7")
    assert "ping" in services["redis"]["healthcheck"]["test"]


def test_dockerfile_is_multi_stage_with_a_node_stage_and_python_313_last(dockerfile):
    stages = re.findall(r"^FROM\s+(\S+)", dockerfile, flags=re.MULTILINE | re.IGNORECASE)
    assert len(stages) >= 2
    assert any(image.startswith("node:") for image in stages[:-1])
    assert stages[-1].startswith("python:3.13")
    assert re.search(r"^COPY\s+--from=\S+\s+\S*static/build", dockerfile, flags=re.MULTILINE)


def test_dockerfile_runs_as_a_non_root_user(dockerfile):
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.MULTILINE)
    assert users, "no USER instruction"
    assert users[-1] not in {"root", "0", "0:0"}


def test_dockerfile_serves_gunicorn_and_checks_its_health(dockerfile):
    cmd = re.findall(r"^CMD\s+(.+)$", dockerfile, flags=re.MULTILINE)
    assert cmd and "gunicorn" in cmd[-1] and "ecte.wsgi" in cmd[-1]
    assert re.search(r"^HEALTHCHECK\s.*/healthcheck", dockerfile, flags=re.MULTILINE)
    assert re.search(r"^EXPOSE\s+8000\b", dockerfile, flags=re.MULTILINE)
    assert "collectstatic --noinput" in dockerfile


def test_ci_runs_make_test():
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert "set -euo pipefail" in lines
    assert "make test" in [line.strip() for line in lines if not line.lstrip().startswith("#")]


def test_python_version_is_313():
    assert (ROOT / ".python-version").read_text().strip() == "3.13"


def test_web_and_worker_share_a_named_volume_at_the_media_root(compose, services, dockerfile):
    """The worker writes export files that web serves: both must see the same directory."""
    mounts = {}
    for name in ("web", "worker"):
        media_root = environment_of(services[name])["MEDIA_ROOT"]
        volumes = dict(volume.split(":", 1) for volume in services[name]["volumes"])
        by_target = {target.split(":", 1)[0]: source for source, target in volumes.items()}
        assert media_root in by_target, f"{name} does not mount {media_root}"
        mounts[name] = (by_target[media_root], media_root)
    assert mounts["web"] == mounts["worker"]
    source, media_root = mounts["web"]
    assert source in compose["volumes"], "a bind mount, not a named volume"
    # The image makes the directory for the non-root user, so the new volume is writable.
    assert re.search(rf"mkdir -p {media_root}\b.*chown \S+ {media_root}\b", dockerfile)


def test_web_and_the_image_take_gunicorns_settings_from_ecte_gunicorn(services, dockerfile):
    assert command_of(services["web"])[1:3] == ["--config", "python:ecte.gunicorn"]
    cmd = re.findall(r"^CMD\s+(.+)$", dockerfile, flags=re.MULTILINE)[-1]
    assert '"--config", "python:ecte.gunicorn"' in cmd


def test_gunicorn_runs_two_single_threaded_processes_per_cpu_unless_told_otherwise(monkeypatch):
    from gunicorn.config import Config

    def loaded(**environment) -> Config:
        for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_KEEP_ALIVE"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        module = importlib.reload(importlib.import_module("ecte.gunicorn"))
        config = Config()
        for name in ("worker_class", "workers", "threads", "keepalive", "accesslog"):
            config.set(name, getattr(module, name))
        return config

    default = loaded()
    assert default.worker_class_str == "gthread"
    assert (default.workers, default.threads) == (2 * os.process_cpu_count(), 1)
    assert default.keepalive == 75
    told = loaded(GUNICORN_WORKERS="3", GUNICORN_THREADS="2", GUNICORN_KEEP_ALIVE="15")
    assert (told.workers, told.threads, told.keepalive) == (3, 2, 15)
