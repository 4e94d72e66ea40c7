# syntax=docker/dockerfile:1
#
# Production image for complaint-desk. The bot and the worker run from the
# same image:
#   bot:    CMD ["node", "--import", "tsx", "src/main.ts"]   (default)
#   worker: command ["node", "--import", "tsx", "src/worker/main.ts"]
# There is no build step: tsx runs the TypeScript sources directly.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- deps: production node_modules + generated Prisma client ----------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# `npm ci` runs `postinstall` -> `prisma generate`. Prisma must never fetch
# engines: point the schema engine at /bin/true exactly as in development.
ENV PRISMA_SCHEMA_ENGINE_BINARY=/bin/true \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev \
 && test -d src/generated/prisma

# --- runtime ----------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PRISMA_SCHEMA_ENGINE_BINARY=/bin/true \
    npm_config_update_notifier=false

# Code stays root-owned (read-only for the `node` user); only /data is writable.
COPY package.json package-lock.json tsconfig.json prisma.config.ts policy.default.yaml ./
COPY --from=deps /app/node_modules ./node_modules
COPY prisma ./prisma
COPY src ./src
COPY adapters ./adapters
COPY --from=deps /app/src/generated ./src/generated

RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
# 8080: health/metrics HTTP server; 3000: chat-platform webhooks.
EXPOSE 8080 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "--import", "tsx", "src/main.ts"]
