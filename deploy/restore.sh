#!/usr/bin/env bash
# make restore BACKUP=<folder>: a folder written by deploy/backup.sh back into DATABASE_URL and MEDIA_ROOT,
# then checked against its manifest (counts and checksums). See README "Sicherung".
#
# The database is created when missing. A database with tables or a media folder with files is only
# overwritten with RESTORE_FORCE=1: then the database's schema "public" is replaced, in the same
# transaction as the restore, and the media files are unpacked over the folder.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "$1" >&2
    echo "($2)" >&2
    exit 2
}

case "${DATABASE_URL:-}" in
    postgres://*|postgresql://*) ;;
    *) fail "make restore braucht PostgreSQL: DATABASE_URL=postgres://user@host:5432/name setzen." \
            "make restore needs DATABASE_URL pointing to PostgreSQL" ;;
esac
BACKUP=${BACKUP:-}
[ -n "$BACKUP" ] || fail "Welche Sicherung? BACKUP=var/backups/<Datum> angeben." "Set BACKUP to a folder written by make backup"
[ -d "$BACKUP" ] || fail "Die Sicherung $BACKUP gibt es nicht." "$BACKUP is not a folder"
BACKUP=$(cd "$BACKUP" && pwd)
for file in database.dump media.tar.gz media.sha256 manifest.txt SHA256SUMS; do
    [ -f "$BACKUP/$file" ] || fail "In $BACKUP fehlt $file – keine vollständige Sicherung." "$BACKUP/$file is missing"
done
(cd "$BACKUP" && sha256sum --check --quiet SHA256SUMS) \
    || fail "Die Sicherung in $BACKUP ist beschädigt (Prüfsummen stimmen nicht)." "the backup's checksums do not match"
MEDIA_ROOT=${MEDIA_ROOT:-$PWD/var/media}
force=false
case "${RESTORE_FORCE:-}" in 1|true|yes|on) force=true ;; esac

manifest() { sed -n "s/^$1=//p" "$BACKUP/manifest.txt"; }

# The server's maintenance database, to create the target database when it does not exist yet.
url=${DATABASE_URL%%\?*}
query=${DATABASE_URL#"$url"}
database=${url##*/}
maintenance="${url%/*}/postgres$query"
exists=$(psql -X -A -t -v ON_ERROR_STOP=1 -v name="$database" "$maintenance" \
    <<< "SELECT count(*) FROM pg_database WHERE datname = :'name';")
if [ "$exists" = 0 ]; then
    createdb --maintenance-db="$maintenance" "$database"
    echo "Datenbank $database angelegt (database created)."
fi

tables=$(psql -X -A -t -v ON_ERROR_STOP=1 "$DATABASE_URL" \
    -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
media_present=$( [ -d "$MEDIA_ROOT" ] && find "$MEDIA_ROOT" -type f | head -n 1 || true)
if ! $force; then
    [ "$tables" = 0 ] || fail "Die Datenbank $database enthält schon $tables Tabellen; sie wird nur mit RESTORE_FORCE=1 überschrieben." \
                              "database $database is not empty; set RESTORE_FORCE=1 to replace it"
    [ -z "$media_present" ] || fail "Der Medienordner $MEDIA_ROOT enthält schon Dateien; er wird nur mit RESTORE_FORCE=1 überschrieben." \
                                    "$MEDIA_ROOT is not empty; set RESTORE_FORCE=1 to unpack over it"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# pg_restore writes the SQL first, so that a damaged dump stops before anything changes; psql then runs it
# in one transaction: on any error nothing is changed.
pg_restore --no-owner --no-acl --file="$work/restore.sql" "$BACKUP/database.dump"
{
    echo "SET client_min_messages = warning;"
    if [ "$tables" != 0 ]; then
        echo "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
    fi
    cat "$work/restore.sql"
} | psql -X -q -v ON_ERROR_STOP=1 --single-transaction --output=/dev/null "$DATABASE_URL"
rm -f "$work/restore.sql"

mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file="$BACKUP/media.tar.gz" --directory="$MEDIA_ROOT" --no-same-owner

# Verify: the counts of the manifest in the restored database, every media file with its checksum.
read -r pages revisions images renditions documents < <(psql -X -A -t -F ' ' -v ON_ERROR_STOP=1 "$DATABASE_URL" -c "
    SELECT (SELECT count(*) FROM wagtailcore_page), (SELECT count(*) FROM wagtailcore_revision),
           (SELECT count(*) FROM pages_portalimage), (SELECT count(*) FROM pages_portalrendition),
           (SELECT count(*) FROM wagtaildocs_document)")
problems=()
for name in pages revisions images renditions documents; do
    expected=$(manifest "$name")
    [ "${!name}" = "$expected" ] || problems+=("$name: ${!name} statt $expected")
done
if ! (cd "$MEDIA_ROOT" && sha256sum --check --quiet --strict "$BACKUP/media.sha256" >&2); then
    problems+=("Mediendateien fehlen oder weichen ab")
fi
if [ ${#problems[@]} -gt 0 ]; then
    echo "Wiederherstellung unvollständig: ${problems[*]}" >&2
    echo "(Restore does not match the manifest.)" >&2
    exit 1
fi

echo "Sicherung vom $(manifest created) wiederhergestellt in $database und $MEDIA_ROOT:"
echo "  $pages Seiten, $revisions Revisionen, $images Bilder ($renditions Bildvarianten), $documents Dokumente," \
     "$(manifest media_files) Mediendateien – alles wie im Manifest."
echo "(Restored; pages, revisions, images, documents and media files match the manifest.)"
