import type { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { isPublicRoute, requiredRoles } from '@onedoor/auth';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM = { $ref: '#/components/schemas/Problem' };

/** RFC 9457 problem details, as every OneDoor refusal answers (application/problem+json). */
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', description: 'A URI naming the kind of problem' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: {
      type: 'string',
      description: "OneDoor's code, such as REGISTRATION.APPLICATION_NOT_FOUND",
      examples: ['PLATFORM.VALIDATION_FAILED'],
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    traceId: { type: 'string' },
  },
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: PROBLEM } },
});

/**
 * Who may call each route of the application, by operationId (`Controller_method`, Nest's default): public
 * (@Public()), or the roles it requires (@RequireRoles: any one of them; none listed: any signed-in caller).
 */
function accessOfOperations(app: INestApplication): Map<string, { isPublic: boolean; roles?: string[] }> {
  const reflector = app.get(Reflector);
  const found = new Map<string, { isPublic: boolean; roles?: string[] }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        found.set(`${type.name}_${name}`, {
          isPublic: isPublicRoute(reflector, handler, type),
          roles: requiredRoles(reflector, handler, type),
        });
      }
    }
  }
  return found;
}

/**
 * What every operation of a block's document says besides its own decorators: bearer tokens unless the route is
 * public (`security: []`), the roles it requires (`x-onedoor-roles`), the problem+json refusals every route can give
 * (a 503 with Retry-After among them), `Idempotency-Key` on every method that
 * changes state (see @onedoor/http's Post, Put, Patch, Delete), and the server the paths are relative to.
 */
export function completeDocument(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const access = accessOfOperations(app);
  document.servers = [{ url: '/', description: 'This deployment (every path carries its block prefix)' }];
  document.security = [{ bearer: [] }];
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const { isPublic = false, roles } = (operation.operationId && access.get(operation.operationId)) || {};
      if (isPublic) operation.security = [];
      // The roles that may call it (any one of them): the information mediator's allowedMethods reads them.
      else if (roles?.length) (operation as unknown as Record<string, unknown>)['x-onedoor-roles'] = roles;
      const responses = operation.responses as Record<string, unknown>;
      responses['400'] ??= problem('The request is malformed or fails validation');
      if (!isPublic) {
        responses['401'] ??= problem('No valid access token');
        responses['403'] ??= problem('The token does not allow this');
      }
      if (path.includes('{')) {
        responses['404'] ??= problem('Not found, or not visible to this caller');
      }
      responses['503'] ??= {
        ...problem(
          'Not now: a dependency is not available (the database, the document store, the identity keys); retry ' +
            'after Retry-After, with the same Idempotency-Key',
        ),
        headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
      };
      responses.default ??= problem('Any other refusal, with its code');
      if (method !== 'get') {
        const parameters = (operation.parameters ??= []);
        if (!parameters.some((p) => 'name' in p && p.name.toLowerCase() === 'idempotency-key')) {
          parameters.push({
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'A retry with the same key and body gets the first answer (Idempotent-Replayed: true)',
            schema: { type: 'string', maxLength: 200 },
          });
        }
      }
    }
  }
  return document;
}
