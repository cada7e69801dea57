import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import OpenAPIResponseValidator from 'openapi-response-validator';
import { parse } from 'yaml';

/**
 * GovStack's specifications: beside the project (`../shared/govstack`), as CI and the machine have them, or where
 * GOVSTACK_SPECIFICATIONS points.
 */
export const GOVSTACK_SPECIFICATIONS =
  process.env.GOVSTACK_SPECIFICATIONS ?? join(__dirname, '../../../../shared/govstack');

type Schema = Record<string, unknown>;
interface Response {
  $ref?: string;
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  responses?: Record<string, Response>;
}
/** A GovStack OpenAPI document, as loosely as the documents are written (one of them mixes Swagger 2 into 3.0). */
export interface LooseDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema>; responses?: Record<string, Response> };
  definitions?: Record<string, Schema>;
}

/**
 * A deliberate difference from a GovStack document, listed in docs/conformance.md under its id. `patch` changes
 * the document the way OneDoor answers, so that the rest of the operation is still checked by the validator.
 */
export interface Deviation {
  id: string;
  /** `METHOD /path` as the document writes it, or `*` for every operation of the document. */
  operation: string;
  /** Statuses OneDoor answers that the operation does not name; their bodies are checked as refusals. */
  statuses?: number[];
  patch?: (document: LooseDocument) => void;
}

export interface Answer {
  method: string;
  /** The path below the block's GovStack base URL, without the query. */
  path: string;
  status: number;
  body: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const trimmed = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/** ajv-formats' formats as the functions openapi-response-validator takes (it adds no formats of its own). */
const FORMATS = Object.fromEntries(
  Object.entries(fullFormats).map(([name, format]) => {
    const check =
      format instanceof RegExp
        ? (value: string) => format.test(value)
        : typeof format === 'function'
          ? format
          : typeof format === 'object' && 'validate' in format && typeof format.validate === 'function'
            ? (format.validate as (value: string) => boolean)
            : format instanceof Object && 'validate' in format && format.validate instanceof RegExp
              ? (value: string) => (format.validate as RegExp).test(value)
              : () => true;
    return [name, check as (value: string | number) => boolean];
  }),
);

/**
 * A GovStack OpenAPI document and a standard validator of answers against it (openapi-response-validator, Ajv):
 * an answer's status must be one its operation names (or a listed deviation's), and its body must satisfy the
 * schema the document gives for that status. A response the document gives no content is not checked, except
 * that a refusal (4xx) is always in GovStack's systemError shape (`refusal`).
 */
export class GovStackDocument {
  private readonly refusal: ValidateFunction;
  private readonly validators = new Map<string, OpenAPIResponseValidator>();

  private constructor(
    private readonly document: LooseDocument,
    private readonly deviations: Deviation[],
    refusal: Schema,
  ) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    this.refusal = ajv.compile(refusal);
  }

  /** Loads `files` (relative to GOVSTACK_SPECIFICATIONS, merged into one), applying the deviations' patches. */
  static load(files: string[], deviations: Deviation[], refusal: Schema): GovStackDocument {
    if (!existsSync(GOVSTACK_SPECIFICATIONS)) {
      throw new Error(
        `GovStack's specifications are not at ${GOVSTACK_SPECIFICATIONS}: put the shared folder beside the project ` +
          '(../shared/govstack) or set GOVSTACK_SPECIFICATIONS to its govstack folder.',
      );
    }
    const [first, ...rest] = files.map((file) => {
      const text = readFileSync(join(GOVSTACK_SPECIFICATIONS, file), 'utf8');
      return (file.endsWith('.json') ? JSON.parse(text) : parse(text)) as LooseDocument;
    });
    for (const more of rest) {
      Object.assign(first.paths, more.paths);
      first.components = {
        ...first.components,
        schemas: { ...first.components?.schemas, ...more.components?.schemas },
      };
    }
    for (const deviation of deviations) deviation.patch?.(first);
    return new GovStackDocument(first, deviations, refusal);
  }

  /** The operations the document names, as `METHOD /path`. */
  operations(): string[] {
    return Object.entries(this.document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  /** The operation a request reaches, as `METHOD /path` (a literal path before a templated one). */
  operation(method: string, path: string): string | undefined {
    const candidates = Object.keys(this.document.paths)
      .filter((template) => this.document.paths[template][method.toLowerCase()])
      .sort((a, b) => a.split('{').length - b.split('{').length);
    const found = candidates.find((template) => {
      const pattern = trimmed(template)
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+');
      return new RegExp(`^${pattern}$`).test(trimmed(path));
    });
    return found && `${method.toUpperCase()} ${found}`;
  }

  /** What is wrong with this answer by the document; [] when it conforms. */
  check({ method, path, status, body }: Answer): string[] {
    const name = this.operation(method, path);
    if (!name) return [`${method} ${path}: no such operation in the document`];
    const template = name.slice(name.indexOf(' ') + 1);
    const operation = this.document.paths[template][method.toLowerCase()];
    const responses = operation.responses ?? {};
    let response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!response) {
      const deviating = this.deviations.some(
        (d) => (d.operation === '*' || d.operation === name) && d.statuses?.includes(status),
      );
      if (!deviating) {
        return [`${name}: answered ${status}, which the document does not name (${Object.keys(responses).join(', ')})`];
      }
      // A listed redirect has no body to check; a listed refusal is in the refusal shape.
      return status < 400 ? [] : this.refused(name, status, body);
    }
    if (status === 204) return body === undefined ? [] : [`${name}: 204 with a body`];
    if (response.$ref) response = this.document.components?.responses?.[response.$ref.split('/').pop()!] ?? {};
    if (!response.content || !Object.values(response.content).some((c) => c.schema)) {
      return status >= 400 ? this.refused(name, status, body) : [];
    }
    const key = `${name} ${status}`;
    let validator = this.validators.get(key);
    if (!validator) {
      validator = new OpenAPIResponseValidator({
        responses: { [String(status)]: response } as never,
        components: this.document.components as never,
        definitions: this.document.definitions as never,
        customFormats: FORMATS,
      });
      this.validators.set(key, validator);
    }
    const error = validator.validateResponse(String(status), body);
    return error
      ? error.errors.map((e: { path?: string; message: string }) => `${key}: ${e.path ?? ''} ${e.message}`)
      : [];
  }

  private refused(name: string, status: number, body: unknown): string[] {
    return this.refusal(body)
      ? []
      : (this.refusal.errors ?? []).map((e) => `${name} ${status} (a refusal): ${e.instancePath} ${e.message}`);
  }
}
