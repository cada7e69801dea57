import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/**
 * Checks real answers against the blocks' OpenAPI documents: every successful JSON answer of a documented
 * operation must be what its document says. Tests route their calls through `check` and expect `mismatches` empty.
 */
export async function documentedAnswers(blockUrls: string[]) {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  const routes: { method: string; pattern: RegExp; params: number; ref: string; documented: boolean }[] = [];
  for (const url of blockUrls) {
    const block = new URL(url).pathname.split('/')[1];
    const document = (await (await fetch(`${url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const id = `urn:onedoor:openapi:${block}`;
    ajv.addSchema({ ...document, $id: id });
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        for (const [status, response] of Object.entries(item[method].responses ?? {})) {
          if (!status.startsWith('2')) continue;
          routes.push({
            method: `${method.toUpperCase()} ${status}`,
            pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
            params: (path.match(/\{/g) ?? []).length,
            ref: `${id}#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${status}/content/application~1json/schema`,
            documented: !!response.content?.['application/json'],
          });
        }
      }
    }
  }
  // The most specific route first: /services/{id}/eForms before /services/{id}.
  routes.sort((a, b) => a.params - b.params);
  const mismatches: string[] = [];
  let checked = 0;
  return {
    mismatches,
    get checked() {
      return checked;
    },
    /** Checks one answer; a success that its document does not describe, or describes otherwise, is a mismatch. */
    check(method: string, url: string, status: number, body: unknown) {
      if (status < 200 || status >= 300 || body === undefined) return;
      const path = new URL(url).pathname;
      // Outside the documents (the OpenID provider's own paths, another block): not theirs to say.
      if (!routes.some((r) => r.method.startsWith(`${method} `) && r.pattern.test(path))) return;
      const route = routes.find((r) => r.method === `${method} ${status}` && r.pattern.test(path));
      if (!route) {
        mismatches.push(`${method} ${path} → ${status}: the document gives this operation no such success`);
        return;
      }
      if (!route.documented) return;
      checked += 1;
      const validate = ajv.getSchema(route.ref)!;
      if (!validate(body)) mismatches.push(`${method} ${path} → ${status}: ${ajv.errorsText(validate.errors)}`);
    },
  };
}
