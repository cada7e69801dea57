import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import { ConfigError, exitOnConfigError } from '@onedoor/config';
import { ASSETS_DIR, assetAddresses } from './assets';
import { webContext } from './api/web-context';
import { CookieSealer } from './session/session';
import { citizenWebConfig } from './web.config';
import { CitizenWebModule } from './web.module';

/** Headers every page carries: scripts and styles from this origin only, no framing, no sniffing. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self' http: https:",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** The citizen's web app as its own process: `node dist/services/citizen-web/src/main.js`. */
export async function startCitizenWeb(env: NodeJS.ProcessEnv = process.env) {
  const config = citizenWebConfig(env);
  const app = await NestFactory.create<NestExpressApplication>(CitizenWebModule.register(config), {
    logger: ['error', 'warn'],
  });
  // Behind the ingress: the citizen is the one its X-Forwarded-For names (passed on to the blocks' limits).
  if (config.trustedProxies.length) app.set('trust proxy', config.trustedProxies);
  app.disable('x-powered-by');
  app.use(compression());
  app.use((_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    next();
  });
  app.useStaticAssets(ASSETS_DIR, { prefix: '/assets/', maxAge: '365d', immutable: true, index: false });
  app.use(webContext(new CookieSealer(config.sessionKey), assetAddresses(), config.secureCookies));
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  process.stdout.write(`citizen-web serving ${config.publicUrl} (blocks at ${config.apiUrl})\n`);
  return app;
}

if (require.main === module) {
  startCitizenWeb().catch((error: unknown) => {
    if (error instanceof ConfigError) exitOnConfigError('citizen-web', error);
    console.error('citizen-web not started:', error);
    process.exit(1);
  });
}
