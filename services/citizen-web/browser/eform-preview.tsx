/**
 * The service editor's live preview: the citizen's form as react-jsonschema-form draws it in the citizen's app,
 * from the schema and layout being written, redrawn as the administrator types (after a short pause). The layout's
 * texts in Lao and English are shown in the page's language, as citizens see them. A schema that is not JSON (yet)
 * leaves the last good preview and says why.
 */
import { render, type ComponentType } from 'preact';
import RjsfForm, { type FormProps } from '@rjsf/core';
import type { UiSchema, ValidatorType } from '@rjsf/utils';
import { localisedLayout } from '../src/forms/layout';

type Data = Record<string, unknown>;
const Form = RjsfForm as unknown as ComponentType<FormProps<Data>>;

/** A preview checks nothing: the registration block checks the schema when the version is published. */
const acceptAll: ValidatorType<Data> = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => true,
  rawValidation: () => ({}),
};

const mount = document.getElementById('eform-preview');
const schemaField = document.getElementById('schema') as HTMLTextAreaElement | null;
const layoutField = document.getElementById('layout') as HTMLTextAreaElement | null;
const status = document.getElementById('eform-preview-status');

function draw() {
  if (!mount || !schemaField || !layoutField) return;
  const lang = document.documentElement.lang === 'en' ? 'en' : 'lo';
  let schema: Record<string, unknown>;
  let layout: Record<string, unknown>;
  try {
    schema = JSON.parse(schemaField.value) as Record<string, unknown>;
    layout = JSON.parse(layoutField.value || '{}') as Record<string, unknown>;
  } catch (error) {
    if (status) status.textContent = `${mount.dataset.notJson ?? ''} ${(error as Error).message}`;
    return;
  }
  if (status) status.textContent = '';
  const uiSchema = {
    ...(localisedLayout(layout, schema, lang) as UiSchema),
    'ui:submitButtonOptions': { norender: true },
  };
  try {
    render(<Form schema={schema as never} uiSchema={uiSchema} validator={acceptAll} formData={{}} />, mount);
  } catch (error) {
    if (status) status.textContent = (error as Error).message;
  }
}

let pending: ReturnType<typeof setTimeout> | undefined;
const later = () => {
  clearTimeout(pending);
  pending = setTimeout(draw, 300);
};
schemaField?.addEventListener('input', later);
layoutField?.addEventListener('input', later);
draw();
