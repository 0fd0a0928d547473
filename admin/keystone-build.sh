#!/usr/bin/env sh
# Builds the admin (Keystone): Prisma schema and client, GraphQL schema, and unless --no-ui the Next.js admin UI.
# Prisma's CLI, which `keystone build` runs for `format` and `generate`, insists that its schema-engine binary exists.
# That binary is a download this project never needs, because MikroORM owns the migrations and Prisma never migrates;
# the CLI only checks that the file is there, so /dev/null stands in for it.
set -e
cd "$(dirname "$0")"
export PRISMA_SCHEMA_ENGINE_BINARY=/dev/null KEYSTONE_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
exec node ../node_modules/@keystone-6/core/bin/cli.js build "$@"
