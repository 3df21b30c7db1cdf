#!/usr/bin/env bash
# make serve: the production settings on PostgreSQL, gunicorn on 127.0.0.1:8001 and Varnish in
# front of it on 127.0.0.1:8080 (see README "Betrieb"). Stops both on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.venv/bin}
export DJANGO_SETTINGS_MODULE=dortmund_integration.settings.production
export GUNICORN_PORT=${GUNICORN_PORT:-8001}
VARNISH_PORT=${VARNISH_PORT:-8080}

case "${DATABASE_URL:-}" in
    postgres://*|postgresql://*) ;;
    *) echo "make serve braucht PostgreSQL: DATABASE_URL=postgres://user@host:5432/name setzen." >&2
       echo "(make serve needs DATABASE_URL pointing to PostgreSQL; SQLite is only for make run.)" >&2
       exit 2 ;;
esac
if [ -z "${SECRET_KEY:-}" ]; then
    echo "make serve braucht SECRET_KEY in der Umgebung, z. B.:" >&2
    echo "  export SECRET_KEY=\$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" >&2
    exit 2
fi

case "${SECURE_COOKIES:-true}" in
    false|0|no|off) ;;
    *) echo "Hinweis: ohne TLS-Proxy davor leitet die Website auf https um; lokal SECURE_COOKIES=false setzen." >&2 ;;
esac

if ! command -v varnishd >/dev/null; then
    echo "Varnish fehlt, wird aus den Debian-Paketen installiert …"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q varnish \
        || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q varnish; }
fi

# Without the cache address while content is loaded: Varnish is not running yet.
VARNISH_URL= $BIN/python manage.py migrate --noinput
VARNISH_URL= $BIN/python manage.py load_seed_content
$BIN/python manage.py collectstatic --noinput --verbosity 0

export VARNISH_URL=${VARNISH_URL:-http://127.0.0.1:${VARNISH_PORT}}
export WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:${VARNISH_PORT}}

RUN_DIR=${SERVE_DIR:-$PWD/var/serve}
mkdir -p "$RUN_DIR"
# The repository's VCL, pointed at this gunicorn's port, passing the admin at its ADMIN_PATH.
$BIN/python -m deploy.render_vcl --backend-port "$GUNICORN_PORT" > "$RUN_DIR/portal.vcl"

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

$BIN/gunicorn dortmund_integration.wsgi -c deploy/gunicorn.conf.py &
pids+=($!)
varnishd -F -j none -n "$RUN_DIR/varnish" -a "127.0.0.1:${VARNISH_PORT}" -f "$RUN_DIR/portal.vcl" \
    -s "malloc,${VARNISH_MEMORY:-256m}" -p default_grace=0 &
pids+=($!)

echo "Portal: http://127.0.0.1:${VARNISH_PORT}/ (Varnish) – gunicorn direkt: http://127.0.0.1:${GUNICORN_PORT}/"
wait -n "${pids[@]}"
