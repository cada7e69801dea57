import type { Deviation, LooseDocument } from '@onedoor/testing';

type Schema = Record<string, unknown>;

/**
 * Where OneDoor's GovStack faces answer otherwise than GovStack's documents, on purpose. Each id is a row of
 * docs/conformance.md's deviations table (the conformance test checks both ways); `statuses` and `patch` let the
 * standard validator check the rest of the answer.
 */

/** Refusals the documents do not name, in registration's systemError shape (every GovStack face answers it). */
const REFUSALS: Deviation = {
  id: 'refusals',
  operation: '*',
  statuses: [400, 401, 403, 404, 409, 413, 415, 429],
};

export const DEVIATIONS: Record<'registration' | 'messaging' | 'workflow' | 'identity' | 'mediator', Deviation[]> = {
  registration: [
    REFUSALS,
    { id: 'registration-statistics-roles', operation: 'GET /data/statistics', statuses: [401, 403] },
    {
      id: 'registration-form-values',
      operation: '*',
      patch: (document: LooseDocument) => {
        // The document's own ExamplePayload.json holds strings, numbers and booleans where it says "object".
        const schemas = document.components!.schemas! as Record<string, { properties: Record<string, Schema> }>;
        schemas.formData.properties.data.additionalProperties = {};
        schemas.additionalData.properties.data.additionalProperties = {};
        schemas.dataUserTaskResponse.properties.data.additionalProperties = {};
        schemas.dataUserTaskResponse.properties.formVariables.additionalProperties = {};
      },
    },
  ],
  messaging: [
    { ...REFUSALS, statuses: [401, 403, 404, 413, 415, 429] },
    { id: 'messaging-body', operation: '*' },
    { id: 'bearer-tokens', operation: '*' },
    { id: 'messaging-no-callout', operation: '*' },
  ],
  workflow: [
    REFUSALS,
    {
      id: 'workflow-instance-ids',
      operation: '*',
      patch: (document: LooseDocument) => {
        const instance = document.components!.schemas!.ProcessInstance as { properties: Record<string, unknown> };
        instance.properties.id = { type: 'string', format: 'uuid' };
        for (const path of ['/instances/{instanceId}', '/instances/{instanceId}/stop']) {
          for (const operation of Object.values(document.paths[path])) {
            for (const parameter of operation.parameters ?? []) {
              if (parameter.name === 'instanceId') parameter.schema = { type: 'string' };
            }
          }
        }
      },
    },
    { id: 'workflow-put-204', operation: 'PUT /processes/{processId}' },
  ],
  mediator: [
    REFUSALS,
    { id: 'mediator-bearer-tokens', operation: '*' },
    { id: 'mediator-contract-event-types', operation: '*', statuses: [405] },
    {
      id: 'mediator-openapi-json',
      operation: 'GET /r1/{instanceId}/{memberClass}/{memberCode}/{applicationCode}/getOpenAPI',
      patch: (document: LooseDocument) => {
        // The document types the answer as a string; OneDoor answers the OpenAPI document itself, as JSON.
        const get = document.paths['/r1/{instanceId}/{memberClass}/{memberCode}/{applicationCode}/getOpenAPI']
          .get as unknown as { responses: { 200: { content: Record<string, { schema: Schema }> } } };
        get.responses[200].content = {
          'application/json': { schema: { type: 'object', required: ['openapi', 'paths'] } },
        };
      },
    },
  ],
  identity: [
    REFUSALS,
    { id: 'bearer-tokens', operation: '*' },
    { id: 'identity-authorize-redirect', operation: 'GET /authorize', statuses: [303] },
    { id: 'identity-pkce', operation: 'GET /authorize' },
    {
      id: 'identity-discovery-values',
      operation: 'GET /.well-known/openid-configuration',
      patch: (document: LooseDocument) => {
        // The document's enums list one or two values each; discovery lists every one the provider supports.
        const get = document.paths['/.well-known/openid-configuration'].get as unknown as {
          responses: { 200: { content: { 'application/json': { schema: { properties: Record<string, Schema> } } } } };
        };
        const properties = get.responses[200].content['application/json'].schema.properties;
        for (const [name, property] of Object.entries(properties)) {
          if (name.endsWith('_supported') && property.type === 'array') properties[name] = { type: 'array' };
        }
      },
    },
  ],
};
