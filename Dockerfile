# finrecon: one image for both processes.
#   API:    docker run IMAGE                          (node dist/src/main.js)
#   worker: docker run IMAGE node dist/src/worker.js
#   migrations: docker run IMAGE node dist/src/cli/migrate.js
# Configuration comes from the environment only (see .env.example); nothing secret is baked in.

# Pinned to a Node LTS major (docs/decisions/0006-node-lts-image.md); not the floating `lts` tag.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: all dependencies, compile TypeScript to dist/ ---------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# --- production dependencies only, in their own stage so the runtime image gets no build cache ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime -----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    UPLOADS_DIR=/app/uploads
WORKDIR /app
# The node image's unprivileged "node" user (uid 1000) runs the app; the code stays root-owned and
# read-only to it, only the uploads directory is writable.
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
# The compiled migrations are in dist/migrations; the sources travel along for reference.
COPY --chown=root:root migrations ./migrations
RUN mkdir -p /app/uploads && chown node:node /app/uploads
VOLUME ["/app/uploads"]
USER node
EXPOSE 3000
# Liveness only (no dependency checks): node's own fetch, no curl in the slim image. The worker
# has no HTTP listener; compose gives it its own healthcheck.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 gets SIGTERM directly and the app shuts down gracefully on it.
CMD ["node", "dist/src/main.js"]
