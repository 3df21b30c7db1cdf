"""The benchmark's own PostgreSQL databases and the environment every process of it runs in."""

import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from bench import OUTPUT_DIR, PYTHON, ROOT

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
SMALL_DATABASE = "portal_bench"
LARGE_DATABASE = "portal_bench_large"
SETUP_LOG = OUTPUT_DIR / "setup.log"
# bulk_content.plan.ROOT_SLUG (not imported: that module needs Django set up).
BULK_ROOT_SLUG = "massendaten"


def database_url(name, server=None):
    server = server or os.environ.get("BENCH_POSTGRES_SERVER", DEFAULT_SERVER)
    return f"{server.rstrip('/')}/{name}"


def database_name(url):
    return urlsplit(url).path.lstrip("/")


def _connect(url, name=None):
    import psycopg

    parts = urlsplit(url)
    if name is not None:
        url = urlunsplit(parts._replace(path="/" + name))
    return psycopg.connect(url, autocommit=True)


def exists(url):
    with _connect(url, "postgres") as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]).fetchone()
    return row is not None


def recreate(url):
    from psycopg import sql

    name = sql.Identifier(database_name(url))
    with _connect(url, "postgres") as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def scalar(url, query, params=()):
    with _connect(url) as connection:
        row = connection.execute(query, params).fetchone()
    return row[0] if row else None


def bulk_page_count(url):
    """Pages of the bulk tree (generate_bulk_content's root included), 0 without one."""
    try:
        query = "SELECT count(*) FROM wagtailcore_page WHERE url_path LIKE %s"
        return scalar(url, query, [f"%/{BULK_ROOT_SLUG}/%"]) or 0
    except Exception:  # noqa: BLE001 - no tables yet
        return 0


@dataclass
class Environment:
    """Production settings on one database; every child process gets this environment."""

    database_url: str
    redis_url: str | None
    cache_prefix: str
    media_root: str | None = None
    cache_dir: str | None = None
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))

    def variables(self, **extra):
        env = dict(os.environ)
        # Nothing of make serve's: its cache address, its ports, a purge target.
        for name in ("VARNISH_URL", "GUNICORN_PORT", "GUNICORN_HOST", "GUNICORN_ACCESS_LOG", "REDIS_URL", "CACHE_DIR"):
            env.pop(name, None)
        env.update(
            DJANGO_SETTINGS_MODULE="dortmund_integration.settings.production",
            SECRET_KEY=self.secret_key,
            DATABASE_URL=self.database_url,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_COOKIES="false",
            CACHE_KEY_PREFIX=self.cache_prefix,
            PYTHONPATH=str(ROOT),
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        if self.cache_dir:
            env["CACHE_DIR"] = self.cache_dir
        if self.media_root:
            env["MEDIA_ROOT"] = self.media_root
        env.update({key: str(value) for key, value in extra.items()})
        return env

    def manage(self, *args):
        """Runs a management command; its output goes to var/bench/setup.log, shown when it fails."""
        command = [PYTHON, "manage.py", *args]
        print(f"  manage.py {' '.join(args)}  [{database_name(self.database_url)}]", flush=True)
        SETUP_LOG.parent.mkdir(parents=True, exist_ok=True)
        with open(SETUP_LOG, "a") as log:
            log.write(f"\n$ {' '.join(command)}  ({self.database_url})\n")
            log.flush()
            result = subprocess.run(command, cwd=ROOT, env=self.variables(), stdout=log, stderr=subprocess.STDOUT)
        if result.returncode != 0:
            with open(SETUP_LOG) as log:
                tail = log.read()[-4000:]
            sys.exit(f"manage.py {' '.join(args)} fehlgeschlagen (Exit {result.returncode}):\n{tail}")


def media_root_for(name):
    return str(OUTPUT_DIR / "media" / name)


def prepare_fresh(env):
    """Drop, create, migrate and seed: the seed database of every run (or the one BENCH_DATABASE_URL names)."""
    name = database_name(env.database_url)
    print(f"Datenbank {name}: neu angelegt", flush=True)
    recreate(env.database_url)
    if env.media_root:
        shutil.rmtree(env.media_root, ignore_errors=True)
    env.manage("migrate", "--noinput")
    env.manage("load_seed_content")


def prepare_given(env):
    """A database named by the caller (BENCH_DATABASE_URL, --keep-database): brought up to date, never dropped."""
    print(f"Datenbank {database_name(env.database_url)}: vorhandene, migrate + Seed", flush=True)
    env.manage("migrate", "--noinput")
    env.manage("load_seed_content")


def prepare_large(env, pages, copy_from=None, media_from=None):
    """The database with the bulk tree: reused when it already holds enough pages (generation takes minutes).

    ``copy_from``: a database URL whose bulk tree is copied instead of generating one (when it has enough pages).
    """
    name = database_name(env.database_url)
    have = bulk_page_count(env.database_url) if exists(env.database_url) else 0
    if have < pages and copy_from and bulk_page_count(copy_from) >= pages:
        copy_database(copy_from, env, media_from)
        have = bulk_page_count(env.database_url)
    if have >= pages:
        print(f"Datenbank {name}: vorhanden mit {have} Massendaten-Seiten – wird wiederverwendet", flush=True)
        env.manage("migrate", "--noinput")
        return have
    if not exists(env.database_url):
        print(f"Datenbank {name}: neu angelegt, {pages} Seiten werden erzeugt (dauert Minuten) …", flush=True)
        recreate(env.database_url)
        if env.media_root:
            shutil.rmtree(env.media_root, ignore_errors=True)
    else:
        print(f"Datenbank {name}: nur {have} Massendaten-Seiten, {pages} werden neu erzeugt …", flush=True)
    env.manage("migrate", "--noinput")
    env.manage("load_seed_content")
    env.manage("generate_bulk_content", "--pages", str(pages), "--replace")
    return bulk_page_count(env.database_url)


def copy_database(source_url, env, media_from):
    """portal_bench_large as a copy of another database (pg_dump | psql: the source may be in use, it is only read)."""
    for program in ("pg_dump", "psql"):
        if shutil.which(program) is None:
            sys.exit(f"{program} fehlt für --large-from (apt-get install postgresql-client)")
    name = database_name(env.database_url)
    print(f"Datenbank {name}: Kopie von {database_name(source_url)} (pg_dump | psql, etwa eine Minute) …", flush=True)
    recreate(env.database_url)
    dump = subprocess.Popen(["pg_dump", "--no-owner", "--no-privileges", source_url], stdout=subprocess.PIPE)
    load = subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", env.database_url],
        stdin=dump.stdout, stderr=subprocess.PIPE, text=True,
    )
    dump.stdout.close()
    if dump.wait() != 0 or load.returncode != 0:
        sys.exit(f"Kopie von {database_name(source_url)} fehlgeschlagen: {load.stderr[-2000:]}")
    if env.media_root:
        # The copied images point to files of the source's media folder.
        shutil.rmtree(env.media_root, ignore_errors=True)
        shutil.copytree(media_from, env.media_root, dirs_exist_ok=True)


def collectstatic(env):
    env.manage("collectstatic", "--noinput", "--verbosity", "0")
