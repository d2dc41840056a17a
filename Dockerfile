# finrecon: one image for both processes.
#   API:    docker run IMAGE                          (node dist/src/main.js)
#   worker: docker run --no-healthcheck IMAGE node --max-semi-space-size=64 dist/src/worker.js
#           (the image's health check probes the API's HTTP listener, which the worker has not)
#   migrations: docker run IMAGE node dist/src/cli/migrate.js
# Configuration comes from the environment only (see .env.example); nothing secret is baked in.

# Pinned to a Node LTS major (docs/decisions/0006-node-lts-image.md); not the floating `lts` tag.
ARG NODE_IMAGE=node:24-bookworm-slim
# pg_dump/pg_restore (tenant backups) must be at least the server's major version.
ARG PG_CLIENT_MAJOR=16

# --- build: all dependencies, compile TypeScript to dist/ ---------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm 11 (Node 24) refuses this lockfile, npm 10 installs it exactly: docs/decisions/0004-npm-ci-fallback.md.
RUN npm ci --no-audit --no-fund || npx --yes npm@10.9.4 ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# --- production dependencies only, in their own stage so the runtime image gets no build cache ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN (npm ci --omit=dev --no-audit --no-fund || npx --yes npm@10.9.4 ci --omit=dev --no-audit --no-fund) \
    && npm cache clean --force

# --- runtime -----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG PG_CLIENT_MAJOR
# The PostgreSQL client tools from PostgreSQL's own Debian repository (bookworm ships 15 only).
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl gnupg \
    && curl -fsSL https://www.postgresql.org/media/keys/ACCC4CF8.asc \
       | gpg --dearmor -o /usr/share/keyrings/postgresql.gpg \
    && echo "deb [signed-by=/usr/share/keyrings/postgresql.gpg] http://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
       > /etc/apt/sources.list.d/pgdg.list \
    && apt-get update \
    && apt-get install -y --no-install-recommends "postgresql-client-${PG_CLIENT_MAJOR}" \
    && apt-get purge -y curl gnupg && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    UPLOADS_DIR=/app/uploads \
    TENANT_BACKUPS_DIR=/app/backups
WORKDIR /app
# The node image's unprivileged "node" user (uid 1000) runs the app; the code stays root-owned and
# read-only to it, only the uploads and backups directories are writable.
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
# The compiled migrations are in dist/migrations; the sources travel along for reference.
COPY --chown=root:root migrations ./migrations
RUN mkdir -p /app/uploads /app/backups && chown node:node /app/uploads /app/backups
VOLUME ["/app/uploads", "/app/backups"]
USER node
EXPOSE 3000
# Liveness only (no dependency checks): node's own fetch, no curl in the slim image. The worker
# has no HTTP listener: run it with --no-healthcheck (compose disables the check for it).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 gets SIGTERM directly and the app shuts down gracefully on it.
CMD ["node", "dist/src/main.js"]
