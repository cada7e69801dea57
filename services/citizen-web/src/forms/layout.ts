import { pick, type Lang } from '../i18n/messages';

type Json = unknown;

const isText = (value: Json): value is { lo?: string; en?: string } =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length > 0 &&
  Object.keys(value).every((key) => key === 'lo' || key === 'en') &&
  Object.values(value).every((text) => typeof text === 'string');

/**
 * A service's layout hints (react-jsonschema-form's uiSchema: `ui:order`, `ui:title`, `ui:help`, `ui:widget`…) in
 * the citizen's language: wherever the ministry wrote a text in both languages (`{ "lo": …, "en": … }`), the one
 * of `lang`. Without `ui:order`, the fields come in the order of the schema's `required` list, then the others:
 * the order the ministry wrote them (the catalogue keeps a schema's properties in its own order).
 */
export function localisedLayout(
  layout: Record<string, Json> | undefined,
  schema: Record<string, Json>,
  lang: Lang,
): Record<string, Json> {
  const localise = (value: Json): Json => {
    if (isText(value)) return pick(lang, value);
    if (Array.isArray(value)) return value.map(localise);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, localise(inner)]));
    }
    return value;
  };
  const localised = localise(layout ?? {}) as Record<string, Json>;
  if (!Array.isArray(localised['ui:order'])) {
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const properties = Object.keys((schema.properties ?? {}) as Record<string, Json>);
    localised['ui:order'] = [...required.filter((field) => properties.includes(field)), '*'];
  }
  return localised;
}

/** A field's label as the citizen reads it: the layout's title, the schema's, else its name made readable. */
export function fieldTitle(layout: Record<string, Json>, schema: Record<string, Json>, field: string): string {
  const hint = (layout[field] ?? {}) as Record<string, Json>;
  const property = ((schema.properties ?? {}) as Record<string, Record<string, Json>>)[field] ?? {};
  const title = hint['ui:title'] ?? property.title;
  return typeof title === 'string' && title ? title : field.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** The fields of `data` in the layout's order (`*` stands for the rest, in their own order). */
export function orderedFields(layout: Record<string, Json>, data: Record<string, Json>): string[] {
  const order = Array.isArray(layout['ui:order']) ? (layout['ui:order'] as string[]) : ['*'];
  const named = order.filter((field) => field !== '*' && field in data);
  const rest = Object.keys(data).filter((field) => !named.includes(field));
  const star = order.indexOf('*');
  if (star < 0) return [...named, ...rest];
  const before = order.slice(0, star).filter((field) => field in data);
  const after = order.slice(star + 1).filter((field) => field in data);
  return [...before, ...rest.filter((field) => !after.includes(field)), ...after];
}
