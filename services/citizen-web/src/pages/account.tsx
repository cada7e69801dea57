import { formatDateTime } from '../i18n/format';
import { t, type MessageKey } from '../i18n/messages';
import type { InboxItem, Preferences } from '../platform/views';
import { Alert, Field, Layout, type PageContext } from './layout';

export function MessagesPage(props: { ctx: PageContext; items: InboxItem[] }) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'messages')}>
      {props.items.length === 0 ? (
        <p>{t(lang, 'noMessages')}</p>
      ) : (
        <ul class="cards">
          {props.items.map((item) => (
            <li class={item.readAt ? 'read' : 'unread'}>
              <article>
                <h2>
                  {item.subject ?? t(lang, 'messages')}
                  {!item.readAt && <span class="badge"> {t(lang, 'unread')}</span>}
                </h2>
                <p>{item.body}</p>
                <p class="meta">
                  <time dateTime={item.createdAt}>{formatDateTime(lang, item.createdAt)}</time>
                  {item.channel && item.channel !== 'in_app' && (
                    <> · {t(lang, item.channel === 'sms' ? 'sentBySms' : 'sentByEmail')}</>
                  )}
                </p>
                {!item.readAt && (
                  <form method="post" action={`/messages/${item.id}/read`}>
                    <input type="hidden" name="csrf" value={ctx.csrf} />
                    <button type="submit" class="secondary">
                      {t(lang, 'markRead')}
                    </button>
                  </form>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function SettingsPage(props: {
  ctx: PageContext;
  preferences: Preferences;
  phone?: string;
  /** A phone change under way: the new number and the challenge its code answers. */
  pending?: { phone: string; challengeId: string };
  notice?: MessageKey;
  error?: string;
}) {
  const { ctx, preferences } = props;
  const { lang } = ctx;
  const csrf = <input type="hidden" name="csrf" value={ctx.csrf} />;
  return (
    <Layout ctx={ctx} title={t(lang, 'settings')}>
      {props.notice && <Alert kind="success">{t(lang, props.notice)}</Alert>}
      {props.error && <Alert>{props.error}</Alert>}
      <form method="post" action="/settings/preferences" class="stack">
        {csrf}
        <fieldset>
          <legend>{t(lang, 'howToldYou')}</legend>
          {(['sms', 'email'] as const).map((channel) => (
            <label class="choice">
              <input
                type="radio"
                name="preferredChannel"
                value={channel}
                checked={preferences.preferredChannel === channel}
              />{' '}
              {t(lang, channel === 'sms' ? 'channelSms' : 'channelEmail')}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'messageLanguage')}</legend>
          {(['lo', 'en'] as const).map((language) => (
            <label class="choice" lang={language}>
              <input
                type="radio"
                name="preferredLanguage"
                value={language}
                checked={preferences.preferredLanguage === language}
              />{' '}
              {language === 'lo' ? 'ພາສາລາວ' : 'English'}
            </label>
          ))}
        </fieldset>
        <label class="choice">
          <input type="checkbox" name="optedOut" value="true" checked={preferences.optedOut} /> {t(lang, 'optOut')}
        </label>
        <button type="submit">{t(lang, 'save')}</button>
      </form>

      <h2>{t(lang, 'yourPhone')}</h2>
      {props.phone && <p data-testid="phone">{props.phone}</p>}
      {props.pending ? (
        <form method="post" action="/settings/phone/confirm" class="stack">
          {csrf}
          <input type="hidden" name="phone" value={props.pending.phone} />
          <input type="hidden" name="challengeId" value={props.pending.challengeId} />
          <p>{t(lang, 'codeSentTo', { phone: props.pending.phone })}</p>
          <Field id="code" label={t(lang, 'code')}>
            {() => (
              <input
                id="code"
                name="code"
                required
                inputMode="numeric"
                pattern="[0-9]{6}"
                maxLength={6}
                autocomplete="one-time-code"
              />
            )}
          </Field>
          <button type="submit">{t(lang, 'confirm')}</button>
        </form>
      ) : (
        <form method="post" action="/settings/phone" class="stack">
          {csrf}
          <Field id="phone" label={t(lang, 'newPhone')} hint={t(lang, 'contactPhoneHint')}>
            {(describedBy) => (
              <input id="phone" name="phone" type="tel" required autocomplete="tel" aria-describedby={describedBy} />
            )}
          </Field>
          <button type="submit" class="secondary">
            {t(lang, 'sendCode')}
          </button>
        </form>
      )}
    </Layout>
  );
}
