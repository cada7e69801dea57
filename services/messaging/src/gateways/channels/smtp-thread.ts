import { Worker } from 'node:worker_threads';
import type { SendMailOptions } from 'nodemailer';
import { HandOverInDoubt } from '../../application/channel-provider';

/**
 * The thread's code: nodemailer's pooled transport, mails in and outcomes out. Plain JavaScript given to the
 * Worker as text, so it runs the same from the TypeScript sources (tests) and from the build.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PassThrough } = require('node:stream');
const transport = require(workerData.nodemailer).createTransport(workerData.options);
// Which mails have been written to the end: the message's last stream (the one the connection reads, once the
// server has answered DATA with 354) is watched, and its end means the terminating dot follows. From then on a
// lost connection or a timeout leaves the outcome unknown: the server may have taken the mail.
const written = new Set();
transport.use('stream', (mail, done) => {
  const id = mail.data.onedoorRequest;
  mail.message.processFunc((input) => {
    const watch = new PassThrough();
    input.on('error', (error) => watch.destroy(error));
    watch.once('end', () => written.add(id));
    return input.pipe(watch);
  });
  done();
});
parentPort.on('message', (request) => {
  if (request.close) {
    transport.close();
    parentPort.close();
    return;
  }
  transport.sendMail({ ...request.mail, onedoorRequest: request.id }).then(
    (info) => {
      written.delete(request.id);
      parentPort.postMessage({ id: request.id, messageId: info.messageId });
    },
    (error) => {
      const inDoubt = written.delete(request.id) && !(error && error.responseCode);
      parentPort.postMessage({
        id: request.id,
        error: String((error && error.message) || error),
        responseCode: error && error.responseCode,
        inDoubt,
      });
    },
  );
});
`;

/** A mail nodemailer could not hand over; `responseCode` is the server's answer when it refused the mail. */
export class SmtpSendError extends Error {
  constructor(
    message: string,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

interface Outcome {
  id: number;
  messageId?: string;
  error?: string;
  responseCode?: number;
  inDoubt?: boolean;
}

/**
 * A nodemailer SMTP pool on its own thread. Building a MIME message and writing it to the socket chunk by chunk
 * costs more CPU than everything else the block does for a notification; on its own thread that work runs
 * beside the block's event loop (composing, recording, the outbox) instead of taking turns with it.
 * If the thread stops, the mails it was handing over are in doubt (HandOverInDoubt), and the next mail starts
 * a new thread. A mail is also in doubt when its connection fails (a timeout, a reset) after the whole of it was
 * written and before the server answered; a failure before that is known: the server has not taken the mail.
 */
export class SmtpThread {
  private worker?: Worker;
  private readonly pending = new Map<number, { resolve(id: string): void; reject(error: Error): void }>();
  private next = 0;

  constructor(private readonly options: Record<string, unknown>) {}

  send(mail: SendMailOptions): Promise<string> {
    const worker = this.worker ?? this.start();
    const id = this.next++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, mail });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage({ close: true });
    await exited;
  }

  private start(): Worker {
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: {
        nodemailer: require.resolve('nodemailer'),
        options: this.options,
      },
    });
    worker.on('message', (outcome: Outcome) => {
      const waiting = this.pending.get(outcome.id);
      if (!waiting) return;
      this.pending.delete(outcome.id);
      if (outcome.error === undefined) waiting.resolve(outcome.messageId ?? '');
      else if (outcome.inDoubt) {
        waiting.reject(new HandOverInDoubt(`the connection failed after the whole mail was written: ${outcome.error}`));
      } else waiting.reject(new SmtpSendError(outcome.error, outcome.responseCode));
    });
    const stopped = (reason: string) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id);
        waiting.reject(new HandOverInDoubt(`the SMTP thread stopped (${reason}) while handing the mail over`));
      }
    };
    worker.on('error', (error) => stopped(error.message));
    worker.on('exit', (code) => stopped(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}
