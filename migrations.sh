#!/usr/bin/env bash
# Adds a migration for both database providers: ./migrations.sh NAME
set -euo pipefail
cd "$(dirname "$0")"
name=${1:?usage: ./migrations.sh MigrationName}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project Bot --context SqliteBotDbContext --output-dir Storage/Migrations/Sqlite
dotnet ef migrations add "$name" --project Bot --context PostgresBotDbContext --output-dir Storage/Migrations/Postgres
