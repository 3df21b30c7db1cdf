"""The production settings pass Django's deployment checklist without a single warning."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def run_deploy_check(**overrides):
    env = {name: value for name, value in os.environ.items() if name not in {"SECURE_COOKIES", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="dortmund_integration.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://portal@127.0.0.1:5432/portal",
    )
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_production_settings_pass_check_deploy_without_warnings():
    result = run_deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_or_with_sqlite():
    without_secret = run_deploy_check(SECRET_KEY="")
    env_sqlite = run_deploy_check(DATABASE_URL="sqlite:///db.sqlite3")
    assert without_secret.returncode != 0 and "SECRET_KEY" in without_secret.stderr
    assert env_sqlite.returncode != 0 and "PostgreSQL" in env_sqlite.stderr
