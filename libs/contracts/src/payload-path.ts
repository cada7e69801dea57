/**
 * The value at a dotted path into a payload (`address.province`, `person.displayName.lo`), or undefined where
 * the path leaves the object. Event mappings, eligibility rules and scope checks name fields this way.
 */
export function valueAt(data: unknown, path: string): unknown {
  let value = data;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
