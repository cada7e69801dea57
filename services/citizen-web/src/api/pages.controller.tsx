import { Controller, Get, Header, NotFoundException, Param, Query } from '@nestjs/common';
import { pick } from '../i18n/messages';
import { html } from '../pages/layout';
import { AnswersPage, CataloguePage, HomePage, ServicePage, TrackPage } from '../pages/public';
import { refusal } from '../platform/blocks.client';
import { Portal, STATISTICS_DIMENSIONS, type AnswerFilters } from '../platform/portal';
import { inputText, isCalendarDay } from './input';
import { CurrentWeb, type Web } from './web-context';

const text = inputText;
const ANSWERS_PER_PAGE = 10;
const DAY = { test: isCalendarDay };

/** The pages anyone reads without signing in, and without JavaScript: home, catalogue, tracking, answers. */
@Controller()
export class PagesController {
  constructor(private readonly portal: Portal) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  home(@CurrentWeb() web: Web) {
    return html(<HomePage ctx={web.page} />);
  }

  /** The catalogue by words, topic (life event) and ministry. */
  @Get('services')
  @Header('content-type', 'text/html; charset=utf-8')
  async catalogue(@CurrentWeb() web: Web, @Query() query: Record<string, unknown>) {
    const [all, topics, ministryNames] = await Promise.all([
      this.portal.services(),
      this.portal.serviceTopics(),
      this.portal.ministries(),
    ]);
    const words = text(query.q)?.toLowerCase();
    const filters = { q: text(query.q), ministry: text(query.ministry, 20), topic: text(query.topic, 50) };
    const services = all.filter(
      (service) =>
        (!filters.ministry || service.ministry === filters.ministry) &&
        (!filters.topic || (service.topics ?? []).includes(filters.topic)) &&
        (!words ||
          [
            pick('lo', service.names),
            pick('en', service.names),
            pick('lo', service.descriptions),
            pick('en', service.descriptions),
          ]
            .join(' ')
            .toLowerCase()
            .includes(words)),
    );
    const names = new Map(ministryNames.map((m) => [m.code, web.lang === 'en' ? m.nameEn : m.nameLo]));
    return html(
      <CataloguePage
        ctx={web.page}
        services={services}
        filters={filters}
        choices={{
          ministries: [...new Set(all.map((service) => service.ministry))]
            .sort()
            .map((code) => [code, names.get(code) ?? code]),
          topics: topics.map((topic) => [topic.code, pick(web.lang, topic.name)]),
        }}
      />,
    );
  }

  @Get('services/:code')
  @Header('content-type', 'text/html; charset=utf-8')
  async service(@CurrentWeb() web: Web, @Param('code') code: string) {
    const service = await this.portal.service(code);
    if (!service) throw new NotFoundException();
    const [topics, ministries] = await Promise.all([this.portal.serviceTopics(), this.portal.ministries()]);
    const ministry = ministries.find((m) => m.code === service.ministry);
    return html(
      <ServicePage
        ctx={web.page}
        service={service}
        ministry={ministry ? (web.lang === 'en' ? ministry.nameEn : ministry.nameLo) : service.ministry}
        topics={topics
          .filter((topic) => service.topics?.includes(topic.code))
          .map((topic) => pick(web.lang, topic.name))}
      />,
    );
  }

  @Get('track')
  @Header('content-type', 'text/html; charset=utf-8')
  async track(@CurrentWeb() web: Web, @Query('code') code?: unknown, @Query('phone') phone?: unknown) {
    const trackingCode = text(code, 40)?.toUpperCase();
    const last4 = text(phone, 4);
    if (!trackingCode || !last4) return html(<TrackPage ctx={web.page} code={trackingCode} phone={last4} />);
    const result = /^\d{4}$/.test(last4) ? await this.portal.track(trackingCode, last4, web.clientAddress) : undefined;
    return html(<TrackPage ctx={web.page} code={trackingCode} phone={last4} result={result} notFound={!result} />);
  }

  /** The published answers: by words, topic, ministry, province and publication dates; a value out of shape is ignored. */
  @Get('answers')
  @Header('content-type', 'text/html; charset=utf-8')
  async answers(@CurrentWeb() web: Web, @Query() query: Record<string, unknown>) {
    const page = Math.min(Math.max(Number.parseInt(text(query.page, 4) ?? '1', 10) || 1, 1), 100);
    const shaped = (name: string, shape: { test: (value: string) => boolean }) => {
      const value = text(query[name], 60);
      return value && shape.test(value) ? value : undefined;
    };
    const words = text(query.q);
    const filters: AnswerFilters = {
      q: words && words.length >= 2 ? words : undefined,
      topic: shaped('topic', /^[a-z][a-z0-9-]{1,49}$/),
      ministry: shaped('ministry', /^[A-Z][A-Z0-9-]{1,15}$/),
      province: shaped('province', /^\d{2}$/),
      from: shaped('from', DAY),
      to: shaped('to', DAY),
    };
    const by = STATISTICS_DIMENSIONS.find((dimension) => dimension === query.by) ?? 'topic';
    // The statistics' period is the filters' when it is one the block takes (in order); else the year so far.
    const period =
      filters.from && filters.to && filters.from > filters.to ? {} : { from: filters.from, to: filters.to };
    const [found, topics, ministries, provinces, statistics] = await Promise.all([
      this.portal.answers({ ...filters, limit: ANSWERS_PER_PAGE, offset: (page - 1) * ANSWERS_PER_PAGE }),
      this.portal.topics(),
      this.portal.ministries(),
      this.portal.provinces(),
      this.portal.statistics(by, period).then(
        (rows) => ({ by, rows }),
        (error: unknown) => void refusal(error), // a period the block refuses: the page without the chart
      ),
    ]);
    const named = (items: { code: string; nameLo: string; nameEn: string }[]): [string, string][] =>
      items.map((item) => [item.code, web.lang === 'en' ? item.nameEn : item.nameLo]);
    return html(
      <AnswersPage
        ctx={web.page}
        filters={filters}
        statistics={statistics}
        choices={{ topics: named(topics), ministries: named(ministries), provinces: named(provinces) }}
        items={found.items}
        total={found.total}
        page={page}
        pageSize={ANSWERS_PER_PAGE}
      />,
    );
  }
}
