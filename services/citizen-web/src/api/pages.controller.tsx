import { Controller, Get, Header, NotFoundException, Param, Query } from '@nestjs/common';
import { pick } from '../i18n/messages';
import { html } from '../pages/layout';
import { AnswersPage, CataloguePage, HomePage, ServicePage, TrackPage } from '../pages/public';
import { Portal } from '../platform/portal';
import { CurrentWeb, type Web } from './web-context';

const text = (value: unknown, max = 200) => (typeof value === 'string' ? value.trim().slice(0, max) : undefined);
const ANSWERS_PER_PAGE = 10;

/** The pages anyone reads without signing in, and without JavaScript: home, catalogue, tracking, answers. */
@Controller()
export class PagesController {
  constructor(private readonly portal: Portal) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  home(@CurrentWeb() web: Web) {
    return html(<HomePage ctx={web.page} />);
  }

  @Get('services')
  @Header('content-type', 'text/html; charset=utf-8')
  async catalogue(@CurrentWeb() web: Web, @Query('q') q?: unknown, @Query('ministry') ministry?: unknown) {
    const all = await this.portal.services();
    const words = text(q)?.toLowerCase();
    const chosen = text(ministry, 20);
    const services = all.filter(
      (service) =>
        (!chosen || service.ministry === chosen) &&
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
    const ministries = [...new Set(all.map((service) => service.ministry))].sort();
    return html(
      <CataloguePage ctx={web.page} services={services} ministries={ministries} ministry={chosen} q={text(q)} />,
    );
  }

  @Get('services/:code')
  @Header('content-type', 'text/html; charset=utf-8')
  async service(@CurrentWeb() web: Web, @Param('code') code: string) {
    const service = await this.portal.service(code);
    if (!service) throw new NotFoundException();
    return html(<ServicePage ctx={web.page} service={service} />);
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

  @Get('answers')
  @Header('content-type', 'text/html; charset=utf-8')
  async answers(@CurrentWeb() web: Web, @Query('q') q?: unknown, @Query('page') pageNumber?: unknown) {
    const page = Math.min(Math.max(Number.parseInt(text(pageNumber, 4) ?? '1', 10) || 1, 1), 100);
    const words = text(q);
    const found = await this.portal.answers({
      q: words,
      limit: ANSWERS_PER_PAGE,
      offset: (page - 1) * ANSWERS_PER_PAGE,
    });
    return html(
      <AnswersPage
        ctx={web.page}
        q={words}
        items={found.items}
        total={found.total}
        page={page}
        pageSize={ANSWERS_PER_PAGE}
      />,
    );
  }
}
