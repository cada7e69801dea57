/**
 * A GeoReport v2 client written from the specification (../shared/open311/georeport-v2.md), not from OneDoor's
 * code: it finds the endpoint through service discovery, sends form-encoded requests, and reads both formats,
 * XML (the required one, parsed with the Spark convention's element names) and JSON.
 */
import { XMLParser } from 'fast-xml-parser';

export type Format = 'json' | 'xml';
type Item = Record<string, unknown>;

const LISTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  notes: 'note',
};
const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => Object.values(LISTS).includes(name),
});

/** Spark convention back to JSON: `<services><service>…</service></services>` is a list; empty elements are null. */
function fromXml(node: unknown): unknown {
  if (node === '' || node === undefined) return null;
  if (Array.isArray(node)) return node.map(fromXml);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        const child = LISTS[key];
        if (child) {
          const list = value && typeof value === 'object' ? (value as Item)[child] : undefined;
          return [key, ((list as unknown[] | undefined) ?? []).map(fromXml)];
        }
        return [key, fromXml(value)];
      }),
    );
  }
  return node;
}

export interface Open311Answer {
  status: number;
  contentType: string;
  /** The body as JSON: for XML, the list under its root (services, service_requests, errors) or the root's object. */
  body: unknown;
  text: string;
}

async function read(response: Response, format: Format): Promise<Open311Answer> {
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let body: unknown;
  if (format === 'json') {
    body = JSON.parse(text);
  } else {
    if (!text.startsWith('<?xml version="1.0" encoding="utf-8"?>')) throw new Error(`not an XML document: ${text}`);
    const document = parser.parse(text) as Item;
    const [root] = Object.keys(document).filter((key) => key !== '?xml');
    const parsed = fromXml({ [root]: document[root] }) as Item;
    body = parsed[root];
  }
  return { status: response.status, contentType, body, text };
}

export class Open311Client {
  private constructor(
    private readonly endpoint: string,
    readonly formats: string[],
  ) {}

  /** Finds GeoReport v2's endpoint in the discovery document (read as XML). */
  static async discover(discoveryUrl: string): Promise<Open311Client> {
    const { body } = await read(await fetch(discoveryUrl), 'xml');
    const endpoints = (body as { endpoints: { specification: string; url: string; formats: string[] }[] }).endpoints;
    const geoReport = endpoints.find((e) => e.specification === 'http://wiki.open311.org/GeoReport_v2');
    if (!geoReport) throw new Error('no GeoReport v2 endpoint in the discovery document');
    return new Open311Client(geoReport.url, geoReport.formats);
  }

  private url(resource: string, format: Format, query: Record<string, string | undefined> = {}) {
    const search = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ).toString();
    return `${this.endpoint}/${resource}.${format}${search ? `?${search}` : ''}`;
  }

  async get(resource: string, format: Format, query: Record<string, string | undefined> = {}) {
    return read(await fetch(this.url(resource, format, query)), format);
  }

  services(format: Format, query: Record<string, string> = {}) {
    return this.get('services', format, query);
  }

  definition(code: string, format: Format) {
    return this.get(`services/${encodeURIComponent(code)}`, format);
  }

  /** POST Service Request: application/x-www-form-urlencoded; attributes as `attribute[code]=value`. */
  async create(format: Format, fields: Record<string, string>, attributes: Record<string, string> = {}) {
    const form = new URLSearchParams(fields);
    for (const [code, value] of Object.entries(attributes)) form.append(`attribute[${code}]`, value);
    const response = await fetch(this.url('requests', format), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString(),
    });
    return read(response, format);
  }

  requests(format: Format, query: Record<string, string | undefined> = {}) {
    return this.get('requests', format, query);
  }

  request(id: string, format: Format, query: Record<string, string> = {}) {
    return this.get(`requests/${encodeURIComponent(id)}`, format, query);
  }

  token(token: string, format: Format) {
    return this.get(`tokens/${encodeURIComponent(token)}`, format);
  }
}
