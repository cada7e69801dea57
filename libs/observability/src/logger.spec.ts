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

  it('scrub e-mail addresses, phone numbers and ID numbers out of messages', () => {
    const { logger, lines } = capture();
    logger.warn('could not reach somphone@example.la or +856 20 5555 1234 for ID 2345678901');
    expect(lines[0].msg).toBe('could not reach [email] or [number] for ID [number]');
    expect(scrubPersonalData('application A-12 is pending')).toBe('application A-12 is pending');
  });
});
