#!/usr/bin/env bash
# Backs up a KFOR Timeline database both ways the deployment guide describes (pg_dump, and our
# export), restores each into a fresh database, and checks that the restored data exports to the
# same bytes. Needs PostgreSQL: PGHOST/PGUSER (default 127.0.0.1/postgres) and the project's .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
python=".venv/bin/python"
work="$(mktemp -d)"
live="kfor_restore_live_$$" from_dump="kfor_restore_dump_$$" from_export="kfor_restore_export_$$"
cleanup() { for db in "$live" "$from_dump" "$from_export"; do dropdb --if-exists "$db"; done; rm -rf "$work"; }
trap cleanup EXIT

manage() { DJANGO_DEBUG=1 DATABASE_URL="postgres://${PGUSER}@${PGHOST}:5432/$1" "$python" manage.py "${@:2}"; }

createdb "$live"
manage "$live" migrate -v0
manage "$live" import_data -v0
manage "$live" export_data --output "$work/before.json" -v0

# 1. pg_dump and pg_restore: everything, including history, accounts and corrections.
pg_dump --format=custom --file="$work/kfor.dump" "$live"
createdb "$from_dump"
pg_restore --no-owner --dbname="$from_dump" "$work/kfor.dump"
manage "$from_dump" export_data --output "$work/after-dump.json" -v0
cmp "$work/before.json" "$work/after-dump.json"
echo "restore from pg_dump: identical export"

# 2. Our export, imported into an empty database.
createdb "$from_export"
manage "$from_export" migrate -v0
manage "$from_export" import_data "$work/before.json" -v0
manage "$from_export" export_data --output "$work/after-export.json" -v0
cmp "$work/before.json" "$work/after-export.json"
echo "restore from export_data: identical export"
