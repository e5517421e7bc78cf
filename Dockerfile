# syntax=docker/dockerfile:1
# Loupe: one image for every role (`loupe start`, `loupe worker`, `loupe emulator`, the CLI).
#   docker build -t loupe .
#   docker run --rm -p 3000:3000 -v loupe-data:/data loupe          # embedded PGlite + demo workspace
# Server mode (PostgreSQL, API replicas, workers): compose.yaml and README "Server mode".

ARG NODE_IMAGE=node:20-bookworm-slim

# Production dependencies only. tsx (runs the TypeScript sources: there is no compile step),
# typescript (`loupe detect` parses code with it) and vite (builds the UI) are all `dependencies`.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# The web UI, built into web/dist (the API server serves it).
FROM deps AS web
COPY web ./web
RUN npm run build:web

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOUPE_DATA_DIR=/data
WORKDIR /app
# Root owns the code; the process runs as the unprivileged `node` user of the base image and can
# write only /data (PGlite's data directory when DATABASE_URL is unset) and /tmp (tsx's cache).
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY --from=web /app/web/dist ./web/dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# Loading every command once compiles the sources into tsx's cache (a faster first start) and fails
# the build if the CLI needs anything a production install lacks.
RUN node bin/loupe.js --help >/dev/null
EXPOSE 3000
# /health checks the database too. Node's fetch: the slim image has no curl or wget. `loupe worker`
# serves no HTTP: compose.yaml turns this check off for it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/loupe.js"]
CMD ["start"]
