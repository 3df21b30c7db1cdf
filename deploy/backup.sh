#!/usr/bin/env bash
# make backup: the database (pg_dump, custom format), the uploaded media (tar.gz) and a manifest with counts
# and checksums into one new folder (see README "Sicherung"). deploy/restore.sh reads such a folder back.
#
# Environment: DATABASE_URL (PostgreSQL), MEDIA_ROOT (default var/media), BACKUP_DIR (default
# var/backups/<YYYY-MM-DD-HHMMSS>, must not exist yet or be empty).
set -euo pipefail
cd "$(dirname "$0")/.."

case "${DATABASE_URL:-}" in
    postgres://*|postgresql://*) ;;
    *) echo "make backup braucht PostgreSQL: DATABASE_URL=postgres://user@host:5432/name setzen." >&2
       echo "(make backup needs DATABASE_URL pointing to PostgreSQL; an SQLite file is copied by hand.)" >&2
       exit 2 ;;
esac
if [ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
    echo "Hinweis: Die Uploads liegen im Bucket ${AWS_STORAGE_BUCKET_NAME}; sie sind nicht Teil dieser Sicherung." >&2
fi

MEDIA_ROOT=${MEDIA_ROOT:-$PWD/var/media}
BACKUP_DIR=${BACKUP_DIR:-$PWD/var/backups/$(date +%Y-%m-%d-%H%M%S)}
if [ -e "$BACKUP_DIR" ] && [ -n "$(ls -A "$BACKUP_DIR")" ]; then
    echo "Der Sicherungsordner $BACKUP_DIR ist nicht leer; bitte einen neuen Ordner angeben (BACKUP_DIR=…)." >&2
    echo "(The backup folder is not empty; choose a new BACKUP_DIR.)" >&2
    exit 2
fi
mkdir -p "$BACKUP_DIR"
# The dump can hold personal data (barrier reports, editors): readable by the owner only.
chmod 700 "$BACKUP_DIR"
umask 077

# The counts come from the same snapshot as the dump: one transaction exports its snapshot, counts in it and
# runs pg_dump on it while it stays open.
export BACKUP_DIR DATABASE_URL
psql -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" > "$BACKUP_DIR/counts.txt" <<'SQL'
BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;
SELECT pg_export_snapshot() AS snapshot,
       (SELECT count(*) FROM wagtailcore_page) AS pages,
       (SELECT count(*) FROM wagtailcore_revision) AS revisions,
       (SELECT count(*) FROM pages_portalimage) AS images,
       (SELECT count(*) FROM pages_portalrendition) AS renditions,
       (SELECT count(*) FROM wagtaildocs_document) AS documents,
       current_database() AS database \gset
\setenv SNAPSHOT :snapshot
\! pg_dump --format=custom --snapshot="$SNAPSHOT" --file="$BACKUP_DIR/database.dump" "$DATABASE_URL" && touch "$BACKUP_DIR/.dumped"
\echo database=:database
\echo pages=:pages
\echo revisions=:revisions
\echo images=:images
\echo renditions=:renditions
\echo documents=:documents
COMMIT;
SQL
if [ ! -e "$BACKUP_DIR/.dumped" ]; then
    echo "pg_dump ist gescheitert; die Sicherung in $BACKUP_DIR ist unvollständig. (pg_dump failed.)" >&2
    exit 1
fi
rm "$BACKUP_DIR/.dumped"
count() { sed -n "s/^$1=//p" "$BACKUP_DIR/counts.txt"; }
database=$(count database) pages=$(count pages) revisions=$(count revisions) images=$(count images)
renditions=$(count renditions) documents=$(count documents)
rm "$BACKUP_DIR/counts.txt"

# Media: every file below MEDIA_ROOT (originals, renditions, documents) with its checksum.
mkdir -p "$MEDIA_ROOT"
(cd "$MEDIA_ROOT" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 --no-run-if-empty sha256sum) \
    > "$BACKUP_DIR/media.sha256"
tar --create --gzip --file="$BACKUP_DIR/media.tar.gz" --directory="$MEDIA_ROOT" .
media_files=$(wc -l < "$BACKUP_DIR/media.sha256")

cat > "$BACKUP_DIR/manifest.txt" <<EOF
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
database=$database
pages=$pages
revisions=$revisions
images=$images
renditions=$renditions
documents=$documents
media_files=$media_files
EOF
(cd "$BACKUP_DIR" && sha256sum database.dump media.tar.gz media.sha256 manifest.txt > SHA256SUMS)

echo "Sicherung geschrieben nach $BACKUP_DIR"
echo "  Datenbank $database: $pages Seiten, $revisions Revisionen, $images Bilder ($renditions Bildvarianten), $documents Dokumente"
echo "  Medien: $media_files Dateien aus $MEDIA_ROOT"
echo "(Backup written to $BACKUP_DIR: database.dump, media.tar.gz, media.sha256, manifest.txt, SHA256SUMS.)"
