import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ASSETS_DIR } from '../assets';
import { isLang, t } from '../i18n/messages';
import { BlocksClient } from '../platform/blocks.client';

/** What makes the app installable: the manifest and the service worker (served at the root: its scope is the app). */
@Controller()
export class AppShellController {
  private worker?: string;

  constructor(private readonly blocks: BlocksClient) {}

  /** Serving. */
  @Get('health/live')
  live() {
    return { status: 'UP' };
  }

  /** Serving, and the blocks it shows answer (their own liveness, through the same URL the pages use). */
  @Get('health/ready')
  async ready(@Res() response: Response) {
    const blocks = ['identity', 'registration', 'messaging', 'feedback'] as const;
    const checks = await Promise.all(
      blocks.map((block) =>
        fetch(this.blocks.url(block, '/health/live'), { signal: AbortSignal.timeout(2_000) })
          .then((answer) => answer.ok)
          .catch(() => false),
      ),
    );
    const up = checks.every(Boolean);
    response.status(up ? 200 : 503).json({
      status: up ? 'UP' : 'DOWN',
      checks: Object.fromEntries(blocks.map((block, i) => [block, checks[i] ? 'UP' : 'DOWN'])),
    });
  }

  @Get('manifest.webmanifest')
  @Header('content-type', 'application/manifest+json; charset=utf-8')
  manifest(@Query('lang') lang?: unknown) {
    const language = isLang(lang) ? lang : 'lo';
    return {
      name: t(language, 'appName'),
      short_name: t(language, 'appName'),
      lang: language,
      start_url: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0b3d91',
      icons: [{ src: '/assets/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    };
  }

  @Get('sw.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-cache')
  serviceWorker() {
    this.worker ??= readFileSync(path.join(ASSETS_DIR, 'sw.js'), 'utf8');
    return this.worker;
  }
}
