import { formatDate } from '../i18n/format';
import { pick, t, type Lang } from '../i18n/messages';
import type { Application, Service } from '../platform/views';

/**
 * The certificate a citizen downloads: one self-contained page to keep and print (no script, no outside file), the
 * decision in words, and the credential signed by the registration block that anyone can check with its public key.
 */
export function CertificateDocument(props: {
  lang: Lang;
  application: Application;
  service?: Service;
  credential: string;
  /** The form's fields as labelled on the form, in its order. */
  fields: [label: string, value: unknown][];
}) {
  const { lang, application } = props;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t(lang, 'certificate')} ${application.trackingCode}`}</title>
        <style>{`body{font-family:'Noto Sans Lao','Phetsarath OT',system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#111}
h1{font-size:1.6rem}dt{font-weight:700}dd{margin:0 0 .75rem}pre{white-space:pre-wrap;word-break:break-all;font-size:.7rem;border:1px solid #555;padding:.5rem}`}</style>
      </head>
      <body>
        <main>
          <p>ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ · Lao People's Democratic Republic</p>
          <h1>
            {t(lang, 'certificate')}: {pick(lang, props.service?.names) || application.serviceCode}
          </h1>
          <dl>
            <dt>{t(lang, 'trackingCode')}</dt>
            <dd>{application.trackingCode}</dd>
            <dt>{t(lang, 'status')}</dt>
            <dd>{lang === 'en' ? 'Approved' : 'ອະນຸມັດແລ້ວ'}</dd>
            <dt>{t(lang, 'decidedOn')}</dt>
            <dd>{formatDate(lang, application.decidedAt)}</dd>
            {props.fields.map(([label, value]) => (
              <>
                <dt>{label}</dt>
                <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
              </>
            ))}
          </dl>
          <p>{t(lang, 'certificateIntro')}</p>
          <pre aria-label={t(lang, 'certificate')}>{props.credential}</pre>
        </main>
      </body>
    </html>
  );
}
