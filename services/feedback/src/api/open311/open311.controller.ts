import { Body, Controller, Get, HttpCode, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@onedoor/auth';
import { Post, Returns, schema as s } from '@onedoor/http';
import { Open311KeysHandler } from '../../application/open311-keys/open311-keys.handler';
import { CaseQueries } from '../../application/queries/cases.queries';
import { SubmitCase } from '../../application/submit-case/submit-case.command';
import { SubmitCaseHandler } from '../../application/submit-case/submit-case.handler';
import { CASE_KINDS, FeedbackError, FeedbackErrorCode, type CaseKind } from '../../domain';
import { answer, Open311ErrorFilter, Open311Errors, type Open311Format } from './open311.format';
import {
  CLOSED_STATES,
  extendedAttributes,
  OPEN_STATES,
  receiptNotice,
  requestView,
  serviceDefinition,
  serviceView,
  type Lang,
} from './open311.views';

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
const CHANGESET = '2026-11-30T00:00:00Z';
const NINETY_DAYS = 90 * 86_400_000;

type Form = Record<string, unknown>;

const invalid = (field: string, message: string) =>
  new FeedbackError(FeedbackErrorCode.VALIDATION_FAILED, `${field}: ${message}`);

function formatOf(format: string): Open311Format {
  if (format !== 'json' && format !== 'xml') {
    throw new FeedbackError(FeedbackErrorCode.SERVICE_NOT_FOUND, `No format ${format}: json or xml.`);
  }
  return format;
}

/** One value of a form or query field; a field given twice is refused. */
function single(input: Form, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(name, 'given once, as text');
  return value;
}

function langOf(input: Form): Lang {
  const lang = single(input, 'lang') ?? 'lo';
  if (lang !== 'lo' && lang !== 'en') throw invalid('lang', 'lo (Lao) or en (English)');
  return lang;
}

function dateOf(input: Form, name: string): Date | undefined {
  const value = single(input, name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(date.getTime())
  ) {
    throw invalid(name, 'a W3C date and time with its time zone, such as 2026-11-05T08:15:30+07:00');
  }
  return date;
}

function wholeOf(input: Form, name: string, min: number, max: number, fallback: number): number {
  const value = single(input, name);
  if (value === undefined) return fallback;
  if (!/^\d{1,7}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw invalid(name, `a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

/** `attribute[kind]=…`, parsed into `attribute: { kind }` or left as the literal field name. */
function attributeOf(form: Form, code: string): string | undefined {
  const nested = form.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    return single(nested as Form, code);
  }
  return single(form, `attribute[${code}]`);
}

/** An address_id is a place code of the identity block: a province (2 digits), a district (4) or a village (7). */
function placeOf(addressId: string | undefined) {
  if (addressId === undefined) return {};
  if (!/^(\d{2}|\d{4}|\d{7})$/.test(addressId)) {
    throw invalid('address_id', 'a province (2 digits), district (4) or village (7) code (GET /identity/admin-areas)');
  }
  return {
    province: addressId.slice(0, 2),
    ...(addressId.length >= 4 && { district: addressId.slice(0, 4) }),
    ...(addressId.length === 7 && { village: addressId }),
  };
}

function coordinatesOf(form: Form) {
  const [lat, long] = [single(form, 'lat'), single(form, 'long')];
  if ((lat === undefined) !== (long === undefined)) throw invalid('lat', 'lat and long are sent together');
  if (lat === undefined || long === undefined) return {};
  const numeric = /^-?\d{1,3}(\.\d{1,12})?$/;
  if (!numeric.test(lat) || Math.abs(Number(lat)) > 90) throw invalid('lat', 'a WGS84 latitude (-90 to 90)');
  if (!numeric.test(long) || Math.abs(Number(long)) > 180) throw invalid('long', 'a WGS84 longitude (-180 to 180)');
  return { lat: Number(lat), long: Number(long) };
}

const REQUEST = s.object(
  {
    service_request_id: s.string('the case number'),
    status: s.enum('open', 'closed'),
    status_notes: s.string(),
    service_name: s.string(),
    service_code: s.string(),
    description: s.nullable(s.string('the published question, once published')),
    agency_responsible: s.nullable(s.string()),
    service_notice: s.nullable(s.string()),
    requested_datetime: s.dateTime,
    updated_datetime: s.dateTime,
    expected_datetime: s.nullable(s.string()),
    address: s.nullable(s.string()),
    address_id: s.nullable(s.string('the place code: village, district or province')),
    zipcode: s.nullable(s.string()),
    lat: s.nullable(s.number),
    long: s.nullable(s.number),
    media_url: s.nullable(s.string()),
    extended_attributes: s.object({
      kind: s.string(),
      notes: s.array(s.object({ datetime: s.dateTime, status: s.string(), description: s.string() })),
    }),
  },
  ['extended_attributes'],
);

/**
 * Open311 GeoReport v2 over the hotline's cases, so that existing civic apps and tools work with the 1516 hotline:
 * service discovery, the services (the topic taxonomy) and their definitions, creating a request (form-encoded,
 * with an api_key the Office issued), requests by id and by filter, tokens; JSON and XML; its error format. Added:
 * `lang` (lo, en), paging (`page`, `page_size`), `extensions=true` (the request's status history as notes).
 * Requests by filter list published cases only; by id, any case, without anyone's words until published.
 */
@ApiTags('open311')
@Controller('open311')
@UseFilters(Open311ErrorFilter)
@Open311Errors(400, 403, 404, 429)
export class Open311Controller {
  constructor(
    private readonly queries: CaseQueries,
    private readonly submitting: SubmitCaseHandler,
    private readonly keys: Open311KeysHandler,
  ) {}

  @Public()
  @Get('discovery.:format')
  @ApiOperation({ summary: 'Open311 service discovery: where GeoReport v2 is served, in which formats' })
  @Returns(
    s.object({
      changeset: s.string(),
      contact: s.string(),
      key_service: s.string(),
      endpoints: s.array(
        s.object({
          specification: s.string(),
          url: s.string(),
          changeset: s.string(),
          type: s.string(),
          formats: s.array(s.string()),
        }),
      ),
    }),
  )
  discovery(@Param('format') format: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const base = `${request.protocol}://${request.get('host')}${request.originalUrl.replace(/\/discovery\.\w+(\?.*)?$/, '')}`;
    return answer(response, formatOf(format), 'discovery', {
      changeset: CHANGESET,
      contact: "The government hotline 1516, Prime Minister's Office",
      key_service: "Ask the Prime Minister's Office's hotline team for an api_key (POST /feedback/open311/keys)",
      endpoints: [
        {
          specification: SPECIFICATION,
          url: `${base}/v2`,
          changeset: CHANGESET,
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    });
  }

  @Public()
  @Get('v2/services.:format')
  @ApiOperation({ summary: 'GeoReport v2 service list: the topics a case may be about (`lang`: lo, en)' })
  @Returns(
    s.array(
      s.object({
        service_code: s.string(),
        service_name: s.string(),
        description: s.string(),
        metadata: s.boolean,
        type: s.string(),
        keywords: s.string(),
        group: s.string(),
      }),
    ),
  )
  async services(
    @Param('format') format: string,
    @Query() query: Form,
    @Res({ passthrough: true }) response: Response,
  ) {
    const lang = langOf(query);
    const topics = await this.queries.topics();
    return answer(
      response,
      formatOf(format),
      'services',
      topics.map((topic) => serviceView(topic, lang)),
      'service',
    );
  }

  @Public()
  @Get('v2/services/:code.:format')
  @ApiOperation({ summary: "GeoReport v2 service definition: the attributes a topic's requests take" })
  @Returns(s.object({ service_code: s.string(), attributes: s.array(s.object({})) }))
  async definition(
    @Param('code') code: string,
    @Param('format') format: string,
    @Query() query: Form,
    @Res({ passthrough: true }) response: Response,
  ) {
    const lang = langOf(query);
    const topic = (await this.queries.topics()).find((t) => t.code === code);
    if (!topic) throw new FeedbackError(FeedbackErrorCode.SERVICE_NOT_FOUND, `No service_code ${code}.`);
    return answer(response, formatOf(format), 'service_definition', serviceDefinition(topic, lang));
  }

  @Public()
  @Post('v2/requests.:format')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'GeoReport v2 create request (form-encoded, api_key): an anonymous hotline case; the answer carries its number, and its PIN in the notice',
  })
  @Returns(
    s.array(
      s.object({ service_request_id: s.string(), service_notice: s.string(), account_id: s.nullable(s.string()) }),
    ),
  )
  async create(
    @Param('format') format: string,
    @Body() form: Form,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const output = formatOf(format);
    form = form && typeof form === 'object' ? form : {};
    const key = await this.keys.check(single(form, 'api_key'));
    const lang = langOf(form);
    const code = single(form, 'service_code');
    if (!code) throw invalid('service_code', 'required (GET /services)');
    if (!(await this.queries.topics()).some((t) => t.code === code)) {
      throw new FeedbackError(FeedbackErrorCode.SERVICE_NOT_FOUND, `No service_code ${code}.`);
    }
    const coordinates = coordinatesOf(form);
    const address = single(form, 'address_string');
    const addressId = single(form, 'address_id');
    if (coordinates.lat === undefined && !address && !addressId) {
      throw invalid('lat', 'a location is required: lat and long, address_string or address_id');
    }
    const kind = attributeOf(form, 'kind') ?? 'complaint';
    if (!CASE_KINDS.includes(kind as CaseKind)) throw invalid('attribute[kind]', CASE_KINDS.join(', '));
    const description = single(form, 'description');
    if (!description || description.length > 4_000) throw invalid('description', 'required, at most 4,000 characters');
    const phone = single(form, 'phone')?.replace(/[\s().-]/g, '');
    const mediaUrl = single(form, 'media_url');
    if (mediaUrl && !(mediaUrl.length <= 2_000 && /^https?:\/\/[^\s/]+\S*$/i.test(mediaUrl))) {
      throw invalid('media_url', 'an http or https URL of at most 2,000 characters');
    }
    const { record, pin } = await this.submitting.execute(
      SubmitCase.create({
        kind: kind as CaseKind,
        topic: code,
        description,
        identity: 'anonymous',
        channel: 'open311',
        language: lang,
        ...placeOf(addressId),
        ...coordinates,
        ...(address && { address }),
        ...(mediaUrl && { mediaUrl }),
        ...(phone && { contactPhone: phone, sourcePhone: phone }),
        ...(single(form, 'email') && { contactEmail: single(form, 'email') }),
        clientAddress: request.ip,
        sourceKey: key.id,
      }),
    );
    return answer(
      response,
      output,
      'service_requests',
      [
        {
          service_request_id: record.number,
          service_notice: receiptNotice(record.number, pin, lang),
          account_id: null,
        },
      ],
      'request',
    );
  }

  @Public()
  @Get('v2/requests.:format')
  @ApiOperation({
    summary:
      'GeoReport v2 requests: by `service_request_id` (any case), else published cases by `service_code`, `status`, `start_date`/`end_date` (90 days at most), `page`/`page_size`',
  })
  @Returns(s.array(REQUEST))
  async requests(
    @Param('format') format: string,
    @Query() query: Form,
    @Res({ passthrough: true }) response: Response,
  ) {
    const output = formatOf(format);
    const lang = langOf(query);
    const ids = single(query, 'service_request_id');
    const codes = single(query, 'service_code')?.split(',');
    const statuses = single(query, 'status')?.split(',');
    if (statuses?.some((status) => status !== 'open' && status !== 'closed'))
      throw invalid('status', 'open, closed, or both');
    let [from, to] = [dateOf(query, 'start_date'), dateOf(query, 'end_date')];
    if (from && to && to.getTime() - from.getTime() > NINETY_DAYS)
      throw invalid('end_date', 'at most 90 days after start_date');
    if (!ids) {
      // The specification's default: the last 90 days (or the 90 days from a start or up to an end).
      to ??= from ? new Date(from.getTime() + NINETY_DAYS) : new Date();
      from ??= new Date(to.getTime() - NINETY_DAYS);
    }
    const pageSize = wholeOf(query, 'page_size', 1, 1_000, 1_000);
    const page = wholeOf(query, 'page', 1, 100_000, 1);
    const numbers = ids
      ?.split(',')
      .map((id) => id.trim().toUpperCase())
      .slice(0, 1_000);
    const states =
      statuses && statuses.length === 1 ? (statuses[0] === 'open' ? OPEN_STATES : CLOSED_STATES) : undefined;
    const records = await this.queries.requests(
      {
        numbers,
        topics: numbers ? undefined : codes,
        states: numbers ? undefined : states,
        from: numbers ? undefined : from,
        to: numbers ? undefined : to,
      },
      { offset: (page - 1) * pageSize, limit: pageSize },
    );
    const topics = new Map((await this.queries.topics()).map((t) => [t.code, t]));
    return answer(
      response,
      output,
      'service_requests',
      records.map((r) => requestView(r, topics.get(r.topic), lang)),
      'request',
    );
  }

  @Public()
  @Get('v2/requests/:id.:format')
  @ApiOperation({ summary: 'GeoReport v2 request by id (the case number); `extensions=true` adds its status history' })
  @Returns(s.array(REQUEST))
  async request(
    @Param('id') id: string,
    @Param('format') format: string,
    @Query() query: Form,
    @Res({ passthrough: true }) response: Response,
  ) {
    const output = formatOf(format);
    const lang = langOf(query);
    const extensions = single(query, 'extensions') === 'true';
    const { record, history } = await this.queries.publicStatus(id.toUpperCase());
    const topic = (await this.queries.topics()).find((t) => t.code === record.topic);
    const view = {
      ...requestView(record, topic, lang),
      ...(extensions && { extended_attributes: extendedAttributes(record, history, lang) }),
    };
    return answer(response, output, 'service_requests', [view], 'request');
  }

  @Public()
  @Get('v2/tokens/:token.:format')
  @ApiOperation({ summary: 'GeoReport v2 token: the request a token stands for (requests here are realtime)' })
  @Returns(s.array(s.object({ service_request_id: s.string(), token: s.string() })))
  async token(
    @Param('token') token: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const output = formatOf(format);
    const record = await this.queries.byToken(token);
    return answer(response, output, 'service_requests', [{ service_request_id: record.number, token }], 'request');
  }
}
