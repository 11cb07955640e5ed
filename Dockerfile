# One image for the worker and the API (docker-compose.yml picks the command).
# Build stage: compile TypeScript and the workflow bundle, so production runs plain node and never
# webpack (docs/performance.md: about 140 MB less per worker than tsx with a bundle built at start).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# postinstall applies patches/ (the SDK's per-promise stack traces off: docs/performance.md).
COPY patches ./patches
# npm install, not npm ci: see scripts/setup.sh (npm 11 lockfiles without other platforms' optional packages).
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# postinstall applies patches/ (the SDK's per-promise stack traces off: docs/performance.md).
COPY patches ./patches
RUN npm install --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY bin ./bin
USER node
