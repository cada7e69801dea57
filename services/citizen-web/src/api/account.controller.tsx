import { Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { t, type MessageKey } from '../i18n/messages';
import { MessagesPage, SettingsPage } from '../pages/account';
import { html } from '../pages/layout';
import { refusal } from '../platform/blocks.client';
import { Portal } from '../platform/portal';
import type { Preferences } from '../platform/views';
import { checkCsrf, requireSession } from './csrf';
import { seeOther, sendPage } from './reply';
import { formText } from './input';
import { CurrentWeb, FormBody, type Web } from './web-context';

const SETTINGS_NOTICES: MessageKey[] = ['saved', 'phoneChanged'];
const text = formText;
/** A phone number shown with all but its last four digits hidden. */
const masked = (phone?: string) =>
  phone ? `${'•'.repeat(Math.max(phone.length - 4, 0))}${phone.slice(-4)}` : undefined;

/** The signed-in citizen's in-app messages and settings: how and in which language they are told, their phone. */
@Controller()
export class AccountController {
  constructor(private readonly portal: Portal) {}

  @Get('messages')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async messages(@CurrentWeb() web: Web) {
    const session = requireSession(web);
    const inbox = await this.portal.inbox(session.accessToken);
    return html(<MessagesPage ctx={web.page} items={inbox.items} />);
  }

  @Post('messages/:id/read')
  async read(
    @CurrentWeb() web: Web,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const session = requireSession(web, '/messages');
    checkCsrf(web, body);
    if (/^[0-9a-f-]{36}$/.test(id)) await this.portal.markRead(session.accessToken, id);
    seeOther(response, '/messages');
  }

  @Get('settings')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async settings(@CurrentWeb() web: Web, @Query('notice') notice?: unknown) {
    const session = requireSession(web);
    return this.page(web, session.accessToken, {
      notice: SETTINGS_NOTICES.includes(notice as MessageKey) ? (notice as MessageKey) : undefined,
    });
  }

  @Post('settings/preferences')
  async savePreferences(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    const session = requireSession(web, '/settings');
    checkCsrf(web, body);
    const preferences: Partial<Preferences> = { optedOut: body.optedOut === 'true' };
    if (body.preferredChannel === 'sms' || body.preferredChannel === 'email')
      preferences.preferredChannel = body.preferredChannel;
    if (body.preferredLanguage === 'lo' || body.preferredLanguage === 'en')
      preferences.preferredLanguage = body.preferredLanguage;
    try {
      await this.portal.savePreferences(session.accessToken, preferences);
    } catch (error) {
      return this.refused(web, response, session.accessToken, error);
    }
    seeOther(response, '/settings?notice=saved');
  }

  @Post('settings/phone')
  async changePhone(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    const session = requireSession(web, '/settings');
    checkCsrf(web, body);
    const phone = text(body, 'phone', 20).replace(/[\s-]/g, '');
    if (!/^\+?[0-9]{8,15}$/.test(phone)) {
      return sendPage(response, 422, await this.page(web, session.accessToken, { error: t(web.lang, 'errorPhone') }));
    }
    try {
      const { challengeId } = await this.portal.requestPhoneChange(session.accessToken, phone);
      sendPage(response, 200, await this.page(web, session.accessToken, { pending: { phone, challengeId } }));
    } catch (error) {
      return this.refused(web, response, session.accessToken, error);
    }
  }

  @Post('settings/phone/confirm')
  async confirmPhone(@CurrentWeb() web: Web, @FormBody() body: Record<string, unknown>, @Res() response: Response) {
    const session = requireSession(web, '/settings');
    checkCsrf(web, body);
    const pending = { phone: text(body, 'phone', 20), challengeId: text(body, 'challengeId', 36) };
    try {
      await this.portal.confirmPhoneChange(session.accessToken, { ...pending, code: text(body, 'code', 6) });
    } catch (caught) {
      const error = refusal(caught);
      const page = await this.page(web, session.accessToken, { pending, error: error.detail });
      return sendPage(response, 422, page);
    }
    seeOther(response, '/settings?notice=phoneChanged');
  }

  private async page(
    web: Web,
    token: string,
    shown: { notice?: MessageKey; error?: string; pending?: { phone: string; challengeId: string } },
  ) {
    const [preferences, person] = await Promise.all([this.portal.preferences(token), this.portal.me(token)]);
    return html(<SettingsPage ctx={web.page} preferences={preferences} phone={masked(person.phone)} {...shown} />);
  }

  private async refused(web: Web, response: Response, token: string, error: unknown) {
    const problem = refusal(error);
    const detail = [problem.detail, ...problem.errors.map((e) => e.message)].join(' ');
    sendPage(response, 422, await this.page(web, token, { error: detail }));
  }
}
