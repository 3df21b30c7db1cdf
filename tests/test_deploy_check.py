"""The production settings pass Django's deployment checklist without a single warning."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def run_with_production_settings(*arguments, **overrides):
    """``manage.py <arguments>`` in a process of its own, with the production settings and ``overrides``."""
    env = {name: value for name, value in os.environ.items() if name not in {"SECURE_COOKIES", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="dortmund_integration.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://portal@127.0.0.1:5432/portal",
    )
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def run_deploy_check(**overrides):
    return run_with_production_settings("check", "--deploy", "--fail-level", "WARNING", **overrides)


def test_the_production_settings_pass_check_deploy_without_warnings():
    result = run_deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_or_with_sqlite():
    without_secret = run_deploy_check(SECRET_KEY="")
    env_sqlite = run_deploy_check(DATABASE_URL="sqlite:///db.sqlite3")
    assert without_secret.returncode != 0 and "SECRET_KEY" in without_secret.stderr
    assert env_sqlite.returncode != 0 and "PostgreSQL" in env_sqlite.stderr


def test_mail_credentials_come_from_the_environment_only():
    script = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.SECRET_KEY, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, "
        "s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL, s.DATABASES['default']['PASSWORD']]))"
    )
    env = {name: value for name, value in os.environ.items() if not name.startswith("EMAIL_")}
    env.update(
        DJANGO_SETTINGS_MODULE="dortmund_integration.settings.production",
        SECRET_KEY="geheim-aus-der-umgebung-" + secrets.token_urlsafe(20),
        DATABASE_URL="postgres://portal:db-passwort@db.intern:5432/portal",
        EMAIL_HOST="mail.intern", EMAIL_PORT="587", EMAIL_HOST_USER="portal", EMAIL_HOST_PASSWORD="mail-passwort",
        EMAIL_USE_TLS="true", DEFAULT_FROM_EMAIL="Integrationsportal <portal@example.org>",
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        env["SECRET_KEY"], "mail.intern", 587, "portal", "mail-passwort", True,
        "Integrationsportal <portal@example.org>", "db-passwort",
    ]  # fmt: skip
