import { SETTINGS, type Setting, type SettingScope } from './settings';

const SCOPE_TITLES: Record<SettingScope, string> = {
  platform: 'every block',
  identity: 'identity',
  registration: 'registration',
  messaging: 'messaging',
  workflow: 'workflow',
  feedback: 'feedback',
  mediator: 'mediator',
  'citizen-web': "the citizen's web app",
};

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The README's configuration table, made from the schema: variable, used by, default, what it accepts and does. */
export function settingsTable(): string {
  const rows = (Object.entries(SETTINGS) as [string, Setting<unknown>][]).map(([name, setting]) => {
    const fallback =
      setting.unsetMeans ?? (setting.default === '' ? 'none' : setting.default ? `\`${setting.default}\`` : 'unset');
    return [
      `\`${name}\``,
      SCOPE_TITLES[setting.scope],
      fallback,
      `${setting.doc}. Accepts ${setting.kind.accepts}${setting.secret ? '; a secret: never logged; or a file named by `<NAME>_FILE`' : ''}`,
    ];
  });
  const header = ['variable', 'used by', 'unset means', 'what it is'];
  const lines = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}
