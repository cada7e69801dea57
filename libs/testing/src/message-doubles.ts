import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmsReceived {
  key: string;
  to: string;
  text: string;
  /** When the gateway took it (Date.now()). */
  at: number;
}

/**
 * An SMS gateway that implements the documented interface (docs/blocks/messaging.md): it delivers a message
 * once per Idempotency-Key, and can be told to fail.
 */
export async function startSmsGateway() {
  const delivered = new Map<string, SmsReceived>();
  const calls: string[] = [];
  let mode: 'ok' | 'unavailable' | 'refuse' = 'ok';
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const key = String(request.headers['idempotency-key'] ?? '');
      calls.push(key);
      if (mode !== 'ok') {
        response.statusCode = mode === 'refuse' ? 400 : 503;
        return response.end(JSON.stringify({ error: mode }));
      }
      const message = JSON.parse(body) as { to: string; text: string };
      if (!delivered.has(key)) delivered.set(key, { key, to: message.to, text: message.text, at: Date.now() });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ id: `gw-${key.slice(0, 8)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    delivered,
    calls,
    setMode(next: typeof mode) {
      mode = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface MailReceived {
  to: string[];
  raw: string;
}

/** A received mail as its reader sees it: the subject and the text, decoded (MIME, quoted-printable, base64). */
export async function readMail(mail: MailReceived): Promise<{ to: string[]; subject: string; text: string }> {
  const parsed = await simpleParser(mail.raw);
  return { to: mail.to, subject: parsed.subject ?? '', text: (parsed.text ?? '').trim() };
}

/**
 * A real SMTP server (smtp-server) that keeps what it receives. `refuse` answers a recipient with an SMTP error
 * code (550: for good, 451: for now); recipients `stalls` picks are never answered (the mail is not written);
 * mails to recipients `holds` picks are taken in and never answered (written, outcome unknown to the sender);
 * `acceptMs` is how long the server takes to answer a mail it keeps (it keeps it first).
 */
export async function startSmtpServer(
  options: {
    refuse?: (address: string) => number | undefined;
    stalls?: (address: string) => boolean;
    holds?: (address: string) => boolean;
    acceptMs?: number;
  } = {},
) {
  const mails: MailReceived[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 500,
    onRcptTo(address, _session, callback) {
      if (options.stalls?.(address.address)) return;
      const responseCode = options.refuse?.(address.address);
      if (responseCode) return callback(Object.assign(new Error(`refused (${responseCode})`), { responseCode }));
      callback();
    },
    onData(stream, session, callback) {
      if (options.holds && session.envelope.rcptTo.some((r) => options.holds!(r.address))) return stream.resume();
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        if (options.acceptMs) setTimeout(() => callback(), options.acceptMs);
        else callback();
      });
    },
  });
  // A client that dies mid-session (a messaging process killed) resets its connection: a real server logs it and
  // serves on; without a listener the reset would be thrown in the test's process.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A webhook receiver that checks OneDoor's signature, and answers 503 to the first `failFirst` calls. */
export async function startWebhookReceiver(secret: string, failFirst = 0) {
  const received: { messageId: string; body: { body: string }; signatureValid: boolean }[] = [];
  let calls = 0;
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      calls += 1;
      if (calls <= failFirst) {
        response.statusCode = 503;
        return response.end();
      }
      const [t, v1] = String(request.headers['x-onedoor-signature'] ?? '')
        .split(',')
        .map((part) => part.split('=')[1]);
      const expected = createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex');
      received.push({
        messageId: String(request.headers['x-onedoor-message-id']),
        body: JSON.parse(raw),
        signatureValid: v1 === expected,
      });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/onedoor`,
    received,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
