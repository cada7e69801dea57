import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** A JSON Schema (2020-12, as OpenAPI 3.1 reads it) of what an operation answers. */
export type JsonSchema = Record<string, unknown>;

/**
 * Small builders for the schemas of answers, so a block's `api/` documents each view next to the function that
 * makes it. Objects are open (a field added later breaks no client); `optional` names the fields a view leaves
 * out when they have no value.
 */
export const schema = {
  string: (description?: string): JsonSchema => ({ type: 'string', ...(description && { description }) }),
  uuid: { type: 'string', format: 'uuid' } as JsonSchema,
  dateTime: { type: 'string', format: 'date-time' } as JsonSchema,
  date: { type: 'string', format: 'date' } as JsonSchema,
  integer: { type: 'integer' } as JsonSchema,
  number: { type: 'number' } as JsonSchema,
  boolean: { type: 'boolean' } as JsonSchema,
  /** Any JSON value (a form's data, a process's variables). */
  any: {} as JsonSchema,
  /** Any JSON object. */
  record: { type: 'object' } as JsonSchema,
  enum: (...values: string[]): JsonSchema => ({ type: 'string', enum: values }),
  /** A text in Lao and English. */
  text: {
    type: 'object',
    required: ['lo', 'en'],
    properties: { lo: { type: 'string' }, en: { type: 'string' } },
  } as JsonSchema,
  nullable: (of: JsonSchema): JsonSchema => ({ anyOf: [of, { type: 'null' }] }),
  array: (items: JsonSchema): JsonSchema => ({ type: 'array', items }),
  object: (properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema => ({
    type: 'object',
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    properties,
  }),
  /** A page of a list (libs/http `page`): its items, the total and the window; `extra`: optional fields it adds. */
  page: (items: JsonSchema, extra: Record<string, JsonSchema> = {}): JsonSchema => ({
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    properties: {
      items: { type: 'array', items },
      total: { type: 'integer', minimum: 0 },
      limit: { type: 'integer', minimum: 1 },
      offset: { type: 'integer', minimum: 0 },
      ...extra,
    },
  }),
};

/**
 * Documents an operation's successful answer (its JSON body) in the block's OpenAPI document. The OpenAPI fuzz
 * test checks every successful answer it gets against the documented schema.
 */
export const Returns = (body: JsonSchema, status: number = HttpStatus.OK, description = 'Done') =>
  applyDecorators(ApiResponse({ status, description, schema: body }));
