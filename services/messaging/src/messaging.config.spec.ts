import { messagingConfig, smtpThreads } from './messaging.config';

describe('MESSAGING_SMTP_THREADS', () => {
  it('is 2 unless set, and takes a whole number from 1 to 8', () => {
    expect(smtpThreads(undefined)).toBe(2);
    expect(smtpThreads('')).toBe(2);
    expect(smtpThreads('1')).toBe(1);
    expect(smtpThreads('8')).toBe(8);
    expect(messagingConfig({ MESSAGING_SMTP_THREADS: '3' }).smtpThreads).toBe(3);
  });

  it.each(['0', '9', '1.5', 'two', '-1'])('refuses %p, naming the setting', (value) => {
    expect(() => smtpThreads(value)).toThrow(
      `MESSAGING_SMTP_THREADS is "${value}"; expected a whole number from 1 to 8`,
    );
    expect(() => messagingConfig({ MESSAGING_SMTP_THREADS: value })).toThrow('MESSAGING_SMTP_THREADS');
  });
});
