/**
 * A browser for the identity block's sign-in pages, as a test drives them: follows nothing by itself, keeps the
 * provider's cookies, posts forms, and stops following redirects when one leaves for the app's redirect URI.
 */
export class SignInBrowser {
  private cookies = new Map<string, string>();

  constructor(private readonly redirectUri: string) {}

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      this.cookies.set(name.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location ? new URL(location, url).href : undefined,
      html: await response.text(),
    };
  }

  /** Follows redirects within the provider until one leaves it (to the app's redirect URI) or a page shows. */
  async follow(url: string) {
    let current = await this.request(url);
    while (current.location && !current.location.startsWith(this.redirectUri)) {
      current = await this.request(current.location);
    }
    return current;
  }
}
