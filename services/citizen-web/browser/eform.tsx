/**
 * The eForm island: react-jsonschema-form (on Preact's compat layer) draws the service's JSON Schema, checks it as
 * the citizen types with validators compiled on the server (no schema compiler in the phone), in their language;
 * keeps the draft on the device at every change (it survives a reload and a lost connection); saves it once
 * (Idempotency-Key) when the connection is back.
 */
import { render, type ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import RjsfForm, { type FormProps, type IChangeEvent } from '@rjsf/core';
import type { ErrorSchema, RJSFValidationError, UiSchema } from '@rjsf/utils';
import createPrecompiledValidator from '@rjsf/validator-ajv8/lib/createPrecompiledValidator.js';

interface Config {
  lang: 'lo' | 'en';
  csrf: string;
  /** Signed out: where to sign in; the form is kept on the device and saved once back. */
  signIn?: string;
  serviceCode: string;
  applicationId?: string;
  schema: Record<string, unknown>;
  layout: UiSchema;
  formData: Record<string, unknown>;
  key: string;
  saveUrl: string;
  returnTo: string;
  messages: Record<string, string>;
}

type Data = Record<string, unknown>;
/** React's component, as Preact's compat layer runs it. */
const Form = RjsfForm as unknown as ComponentType<FormProps<Data>>;
type Status = { kind: 'error' | 'info' | 'success'; text: string } | undefined;

const fill = (text: string, values: Record<string, unknown>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/** Ajv's English messages, said in the citizen's language by keyword. */
function translator(messages: Record<string, string>) {
  const byKeyword: Record<string, string> = {
    required: messages.formRequired,
    minLength: messages.formMinLength,
    maxLength: messages.formMaxLength,
    pattern: messages.formPattern,
    format: messages.formPattern,
    minimum: messages.formMinimum,
    maximum: messages.formMaximum,
    enum: messages.formEnum,
    type: messages.formType,
    additionalProperties: messages.formNotAField,
  };
  return (errors: RJSFValidationError[]) =>
    errors.map((error) => {
      const text = error.name ? byKeyword[error.name] : undefined;
      return text ? { ...error, message: fill(text, (error.params ?? {}) as Record<string, unknown>) } : error;
    });
}

/** The server's field problems (registration block), placed under their fields. */
function serverErrors(errors: { field: string; message: string }[]): ErrorSchema {
  const schema: Record<string, unknown> = {};
  for (const { field, message } of errors) {
    const path = field === '(form)' ? [] : field.split('.');
    let node = schema;
    for (const part of path) node = (node[part] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(message);
  }
  return schema as ErrorSchema;
}

function EForm({ config }: { config: Config }) {
  const draftKey = `onedoor:draft:${config.applicationId ?? `new:${config.serviceCode}`}`;
  const stored = useMemo(() => {
    try {
      return JSON.parse(localStorage.getItem(draftKey) ?? 'null') as { data: Data; key: string } | null;
    } catch {
      return null;
    }
  }, [draftKey]);
  const [data, setData] = useState<Data>({ ...config.formData, ...(stored?.data ?? {}) });
  // One key per draft until it is saved: the same draft sent twice (a lost answer, a retry) is one application.
  const [key] = useState(stored?.key ?? config.key);
  const [status, setStatus] = useState<Status>();
  const [extraErrors, setExtraErrors] = useState<ErrorSchema>();
  const [saving, setSaving] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const validator = useMemo(
    () =>
      createPrecompiledValidator(
        (window as unknown as { __onedoorValidators: Record<string, never> }).__onedoorValidators,
        config.schema as never,
      ),
    [config.schema],
  );
  const m = config.messages;

  const keep = (next: Data) => {
    setData(next);
    try {
      localStorage.setItem(draftKey, JSON.stringify({ data: next, key }));
    } catch {
      // storage full or refused: the form still works, only without the copy on the device
    }
  };

  const save = async (formData: Data) => {
    setSaving(true);
    setStatus({ kind: 'info', text: m.saving });
    try {
      const response = await fetch(config.saveUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({
          csrf: config.csrf,
          serviceCode: config.serviceCode,
          applicationId: config.applicationId,
          data: formData,
          key,
          returnTo: config.returnTo,
        }),
      });
      const answer = (await response.json().catch(() => ({}))) as {
        next?: string;
        signIn?: string;
        errors?: { field: string; message: string }[];
      };
      if (response.ok && answer.next) {
        localStorage.removeItem(draftKey);
        setStatus({ kind: 'success', text: m.draftSaved });
        window.location.assign(answer.next);
        return;
      }
      if (response.status === 401 && answer.signIn) {
        window.location.assign(answer.signIn);
        return;
      }
      if (response.status >= 500) throw new Error(String(response.status));
      setExtraErrors(serverErrors(answer.errors ?? []));
      setStatus({ kind: 'error', text: m.fixErrors });
    } catch {
      // No connection (or the platform briefly away): the draft stays on the device and goes when it can.
      setWaiting(true);
      setStatus({ kind: 'info', text: m.draftKeptOffline });
    } finally {
      setSaving(false);
    }
  };

  useEffect(() => {
    if (!waiting) return;
    const retry = () => {
      setWaiting(false);
      void save(data);
    };
    window.addEventListener('online', retry);
    const timer = window.setInterval(() => navigator.onLine && retry(), 15_000);
    return () => {
      window.removeEventListener('online', retry);
      window.clearInterval(timer);
    };
  }, [waiting, data]);

  return (
    <>
      {status && (
        <div class={`alert ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} aria-live="polite">
          {status.text}
        </div>
      )}
      <Form
        schema={config.schema as never}
        uiSchema={{ ...config.layout, 'ui:submitButtonOptions': { norender: true } }}
        formData={data}
        validator={validator}
        transformErrors={translator(m)}
        extraErrors={extraErrors}
        showErrorList={false}
        liveValidate="onChange"
        noHtml5Validate
        onChange={(event: IChangeEvent<Data>) => keep(event.formData as Data)}
        onSubmit={(event: IChangeEvent<Data>) => void save(event.formData as Data)}
        onError={() => setStatus({ kind: 'error', text: m.fixErrors })}
      >
        <div class="actions">
          {config.signIn ? (
            // Signed out: what was typed stays on the device (kept at every change) through the sign-in.
            <button type="button" onClick={() => window.location.assign(config.signIn!)}>
              {m.signInToApply}
            </button>
          ) : (
            <button type="submit" disabled={saving}>
              {m.continue}
            </button>
          )}
        </div>
      </Form>
    </>
  );
}

const mount = document.getElementById('eform');
if (mount?.dataset.config) {
  const config = JSON.parse(mount.dataset.config) as Config;
  mount.textContent = '';
  render(<EForm config={config} />, mount);
}
