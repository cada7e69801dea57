import { EVENT_CATALOGUE, defineEvent } from '@onedoor/contracts';
import { assertValidPayload, EventValidationError } from './schema-validator';

describe('event catalogue', () => {
  it.each(EVENT_CATALOGUE.map((c) => [c.type, c]))('%s: its example matches its schema', (_type, contract) => {
    expect(() => assertValidPayload(contract, contract.example)).not.toThrow();
  });

  it('has one contract per type, each on a topic of its own block', () => {
    const types = EVENT_CATALOGUE.map((c) => c.type);
    expect(new Set(types).size).toBe(types.length);
    for (const contract of EVENT_CATALOGUE) expect(contract.topic.startsWith(`onedoor.${contract.source}.`)).toBe(true);
  });

  it('refuses payloads that break the schema, naming the field', () => {
    const [contract] = EVENT_CATALOGUE;
    try {
      assertValidPayload(contract, { probeId: 'not-a-uuid', origin: 'registration', sentAt: 'yesterday', extra: 1 });
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(EventValidationError);
      const problems = (error as EventValidationError).problems.join(' ');
      expect(problems).toContain('/probeId');
      expect(problems).toContain('/sentAt');
      expect(problems).toContain('additional properties');
    }
  });

  it('refuses contracts whose type or topic break the naming rules', () => {
    const base = {
      version: 1,
      source: 'feedback' as const,
      partitionKey: 'id' as const,
      summary: 's',
      schema: { type: 'object' },
      example: { id: '1' },
    };
    expect(() => defineEvent({ ...base, type: 'feedback.case.received', topic: 'onedoor.feedback.case.v1' })).toThrow(
      /must match/,
    );
    expect(() =>
      defineEvent({ ...base, type: 'la.gov.onedoor.feedback.case.received.v2', topic: 'onedoor.feedback.case.v1' }),
    ).toThrow(/must match/);
    expect(() => defineEvent({ ...base, type: 'la.gov.onedoor.feedback.case.received.v1', topic: 'cases' })).toThrow(
      /topic/,
    );
    expect(
      defineEvent({ ...base, type: 'la.gov.onedoor.feedback.case.received.v1', topic: 'onedoor.feedback.case.v1' })
        .schema,
    ).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
    });
  });
});
