import { Writable } from 'node:stream';
import { createLogger, scrubPersonalData } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: createLogger({ service: 'test', destination, level: 'info' }), lines };
}

describe('logs', () => {
  it('are JSON with the service name, and redact personal data by key', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        person: { nameLao: 'ສົມພອນ', nameLatin: 'Somphone', phone: '+856 20 5555 1234', idNumber: '2345678901' },
        caseId: 'C-1',
      },
      'enrolled',
    );
    expect(lines[0]).toMatchObject({ level: 'info', service: 'test', msg: 'enrolled', caseId: 'C-1' });
    expect(lines[0].person).toEqual({
      nameLao: '[redacted]',
      nameLatin: '[redacted]',
      phone: '[redacted]',
      idNumber: '[redacted]',
    });
  });

  it('never show message contents or the values of a failed SQL statement (one-time codes among them)', () => {
    const { logger, lines } = capture();
    const failure = Object.assign(new Error('duplicate key value violates unique constraint'), {
      query: 'INSERT INTO messaging.messages (id, body) VALUES ($1, $2)',
      parameters: ['3c2b1a09', 'OneDoor sign-in code: 482913'],
      driverError: { parameters: ['482913'] },
    });
    logger.warn({ err: failure, message: { body: 'code 482913', variables: { code: '482913' } } }, 'could not store');
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('482913');
    expect(line).toContain('duplicate key value');
  });

  it('scrub e-mail addresses, phone numbers and ID numbers out of messages', () => {
    const { logger, lines } = capture();
    logger.warn('could not reach somphone@example.la or +856 20 5555 1234 for ID 2345678901');
    expect(lines[0].msg).toBe('could not reach [email] or [number] for ID [number]');
    expect(scrubPersonalData('application A-12 is pending')).toBe('application A-12 is pending');
  });
});
