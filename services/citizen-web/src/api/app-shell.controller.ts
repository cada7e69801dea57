import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Controller, Get, Header, Query } from '@nestjs/common';
import { ASSETS_DIR } from '../assets';
import { isLang, t } from '../i18n/messages';

/** What makes the app installable: the manifest and the service worker (served at the root: its scope is the app). */
@Controller()
export class AppShellController {
  private worker?: string;

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
