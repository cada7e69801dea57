import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { t, type Lang, type MessageKey } from '../i18n/messages';
import { officeMenu } from '../office/office-messages';

/** What every page knows of the request: the language, where it is, who is signed in, the assets' addresses. */
export interface PageContext {
  lang: Lang;
  /** The page's path and query, without `lang` (for the language switch). */
  path: string;
  signedIn: boolean;
  /** The signed-in citizen's form token (see Session.csrf). */
  csrf?: string;
  /** An asset's address with its content's hash (cached for a year). */
  asset: (name: string) => string;
  /** The officers' workspace (under /office) or the citizen's pages. */
  area?: 'citizen' | 'office';
  /** A signed-in officer's roles: the workspace's menu offers what they may do. */
  roles?: string[];
}

/** The frame's words and links: the citizen's, or the workspace's. */
export interface Menu {
  appName: string;
  home: string;
  items: [href: string, label: string][];
  signIn: string;
  signOut: string;
}

function citizenMenu(ctx: PageContext, current: string): Menu {
  const items = [...NAV, ...(ctx.signedIn ? SIGNED_IN_NAV : [])];
  return {
    appName: t(ctx.lang, 'appName'),
    home: '/',
    items: items.map(([href, key]) => [href, t(ctx.lang, key)]),
    signIn: `/signin?return=${encodeURIComponent(current === '/' ? '/applications' : current)}`,
    signOut: '/signout',
  };
}

const SIGNED_IN_NAV: [href: string, key: MessageKey][] = [
  ['/applications', 'myApplications'],
  ['/cases', 'myCases'],
  ['/messages', 'messages'],
  ['/settings', 'settings'],
];
const NAV: [href: string, key: MessageKey][] = [
  ['/services', 'catalogue'],
  ['/track', 'track'],
  ['/complain', 'complain'],
  ['/answers', 'answers'],
];

function languageSwitch(ctx: PageContext) {
  const other: Lang = ctx.lang === 'lo' ? 'en' : 'lo';
  const [path, query = ''] = ctx.path.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', other);
  return (
    <a
      class="lang-switch"
      href={`${path}?${params}`}
      hreflang={other}
      lang={other}
      aria-label={t(ctx.lang, 'otherLanguageLabel')}
    >
      {t(ctx.lang, 'otherLanguage')}
    </a>
  );
}

/**
 * The frame of every page: the language and a skip link first, a banner with the menu, one main landmark, a footer.
 * No script unless the page brings one (`scripts`).
 */
export function Layout(props: { ctx: PageContext; title: string; children: ComponentChildren; scripts?: string[] }) {
  const { ctx } = props;
  const current = ctx.path.split('?')[0];
  const menu = ctx.area === 'office' ? officeMenu(ctx.lang, ctx.roles ?? [], current) : citizenMenu(ctx, current);
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${menu.appName}`}</title>
        <link
          rel="preload"
          href={ctx.asset('fonts/noto-sans-lao-400.woff2')}
          as="font"
          type="font/woff2"
          crossOrigin="anonymous"
        />
        <link rel="stylesheet" href={ctx.asset('app.css')} />
        <link rel="manifest" href={`/manifest.webmanifest?lang=${ctx.lang}`} />
        <link rel="icon" href={ctx.asset('icon.svg')} type="image/svg+xml" />
        <meta name="theme-color" content="#0b3d91" />
        <script src={ctx.asset('register-sw.js')} defer />
        {props.scripts?.map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t(ctx.lang, 'skipToContent')}
        </a>
        <header class="banner">
          <div class="bar">
            <a class="brand" href={menu.home}>
              {menu.appName}
            </a>
            {languageSwitch(ctx)}
          </div>
          <nav aria-label={t(ctx.lang, 'mainMenu')}>
            <ul>
              {menu.items.map(([href, label]) => (
                <li>
                  <a href={href} aria-current={current.startsWith(href) && href !== menu.home ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
              {!ctx.signedIn && (
                <li>
                  <a href={menu.signIn}>{t(ctx.lang, 'signIn')}</a>
                </li>
              )}
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer>
          <p>{t(ctx.lang, 'footer')}</p>
          {ctx.signedIn && (
            <form method="post" action={menu.signOut}>
              <input type="hidden" name="csrf" value={ctx.csrf} />
              <button type="submit" class="link">
                {t(ctx.lang, 'signOut')}
              </button>
            </form>
          )}
        </footer>
      </body>
    </html>
  );
}

/** A whole page as HTML. */
export const html = (page: preact.VNode) => `<!doctype html>${renderToString(page)}`;

/** A message that a form or a call did not work, read out by screen readers when the page shows it. */
export function Alert(props: { kind?: 'error' | 'success' | 'info'; children: ComponentChildren; id?: string }) {
  const kind = props.kind ?? 'error';
  return (
    <div id={props.id} class={`alert ${kind}`} role={kind === 'error' ? 'alert' : 'status'} tabIndex={-1}>
      {props.children}
    </div>
  );
}

/** A labelled field with its hint and error, tied together for assistive technology. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}) {
  const describedBy = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean).join(' ');
  return (
    <div class={`field${props.error ? ' invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      {props.children(describedBy || undefined, !!props.error)}
    </div>
  );
}

/** A labelled select of reference data (codes with names in the citizen's language), "all" first. */
export function Choice(props: {
  id: string;
  label: string;
  all: string;
  options: [code: string, name: string][];
  selected?: string;
}) {
  return (
    <Field id={props.id} label={props.label}>
      {() => (
        <select id={props.id} name={props.id}>
          <option value="">{props.all}</option>
          {props.options.map(([code, name]) => (
            <option value={code} selected={code === props.selected}>
              {name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
