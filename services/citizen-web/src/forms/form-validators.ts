import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { build } from 'esbuild';
import { compileSchemaValidatorsCode } from '@rjsf/validator-ajv8/lib/compileSchemaValidators';

/** The global the browser's eForm reads the validators from. */
export const VALIDATORS_GLOBAL = '__onedoorValidators';

const NODE_MODULES = path.dirname(path.dirname(require.resolve('ajv/package.json')));
const KEPT = 200;

/**
 * Each eForm's validators compiled here, once per eForm version, to plain JavaScript for the browser (Ajv's
 * standalone code, bundled with its few runtime helpers): the citizen's phone checks the form as they type without
 * downloading or running a schema compiler. The same JSON Schema dialect (2020-12) and formats as the registration
 * block, which checks again on save.
 */
export class FormValidators {
  private readonly compiled = new Map<string, Promise<string>>();

  script(eFormId: string, schema: Record<string, unknown>): Promise<string> {
    let script = this.compiled.get(eFormId);
    if (!script) {
      script = this.compile(schema);
      script.catch(() => this.compiled.delete(eFormId));
      if (this.compiled.size >= KEPT) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(eFormId, script);
    }
    return script;
  }

  private async compile(schema: Record<string, unknown>): Promise<string> {
    const code = compileSchemaValidatorsCode(schema as never, { AjvClass: Ajv2020 as never });
    const bundled = await build({
      stdin: { contents: code, resolveDir: NODE_MODULES, loader: 'js' },
      bundle: true,
      write: false,
      minify: true,
      format: 'iife',
      globalName: VALIDATORS_GLOBAL,
      target: 'es2019',
      legalComments: 'none',
    });
    return bundled.outputFiles[0].text;
  }
}
