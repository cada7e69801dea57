import { randomUUID } from 'node:crypto';
import { MessageDelivered, type EventEnvelope } from '@onedoor/contracts';
import { messagingTestBed } from '../../../test/use-case-harness';
import { SaveRule } from '../save-rule/save-rule.command';
import { SaveRuleHandler } from '../save-rule/save-rule.handler';
import { SaveTemplate } from '../save-template/save-template.command';
import { SaveTemplateHandler } from '../save-template/save-template.handler';
import { NotifyFromEventsHandler, type SubmitterNoticeDelivery } from './notify-from-events.handler';

const bed = messagingTestBed((uc) => ({ notify: new NotifyFromEventsHandler(uc.messages, uc.composer) }));

const messagesOf = (personId: string) =>
  bed.uc.sql(`SELECT channel, template_key, status FROM messaging.messages WHERE person_id = $1 ORDER BY created_at`, [
    personId,
  ]);

describe("other blocks' events", () => {
  it('one-time codes handled together: each message is caused by its own request, in its case; each purpose its template', async () => {
    const personId = await bed.uc.enrol();
    const request = (purpose: 'sign-in' | 'phone-change', destination: string) => ({
      id: randomUUID(),
      type: 'la.gov.onedoor.identity.one-time-code.requested.v2',
      time: new Date().toISOString(),
      subject: randomUUID(),
      correlationid: `case-${purpose}`,
      data: {
        challengeId: randomUUID(),
        personId,
        purpose,
        channel: 'sms' as const,
        language: 'en' as const,
        expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        code: '493021',
        destination,
      },
    });
    const signIn = request('sign-in', '+8562055511111');
    const phoneChange = request('phone-change', '+8562099911122');
    await bed.uc.inTransaction((tx) => bed.notify.oneTimeCodes([signIn, phoneChange] as never, tx));
    const rows = await bed.uc.sql<{
      destination: string;
      template_key: string;
      body: string;
      causation: string;
      correlation: string;
    }>(
      `SELECT m.destination, m.template_key, m.body, o.headers->>'ce_causationid' AS causation,
              o.headers->>'ce_correlationid' AS correlation
         FROM messaging.messages m JOIN messaging.outbox o ON o.payload->>'messageId' = m.id::text
        WHERE m.source_key = ANY($1) ORDER BY m.destination`,
      [[`event:${signIn.id}:one-time-code`, `event:${phoneChange.id}:one-time-code`]],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        destination: '+8562055511111',
        template_key: 'identity.one-time-code',
        causation: signIn.id,
        correlation: 'case-sign-in',
      }),
      expect.objectContaining({
        destination: '+8562099911122',
        template_key: 'identity.phone-change-code',
        causation: phoneChange.id,
        correlation: 'case-phone-change',
      }),
    ]);
    expect(rows[1].body).toContain('493021');
  });

  it("a stalled application is mailed to its service's alert address, in Lao, once; without one, nothing", async () => {
    const stalled = (alertEmail?: string) =>
      ({
        id: randomUUID(),
        type: 'la.gov.onedoor.registration.application.stalled.v1',
        time: new Date().toISOString(),
        data: {
          applicationId: randomUUID(),
          trackingCode: 'K7Q4-M9XH-5',
          serviceCode: 'business-licence',
          serviceVersion: 1,
          applicantId: randomUUID(),
          ministry: 'MOIC',
          status: 'PENDING',
          at: new Date().toISOString(),
          reason: 'route: no routing rule for category business-licence',
          ...(alertEmail && { alertEmail }),
        },
      }) as never;
    const event = stalled('licensing@moic.gov.la');
    await bed.uc.inTransaction((tx) => bed.notify.applicationStalled(event, tx));
    await bed.uc.inTransaction((tx) => bed.notify.applicationStalled(event, tx));
    const sent = await bed.uc.sql<{ channel: string; language: string; subject: string; body: string }>(
      `SELECT channel, language, subject, body FROM messaging.messages WHERE destination = 'licensing@moic.gov.la'`,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'email', language: 'lo' });
    expect(sent[0].subject).toContain('K7Q4-M9XH-5');
    expect(sent[0].body).toContain('no routing rule');
    const before = (await bed.uc.sql(`SELECT 1 FROM messaging.messages`)).length;
    await bed.uc.inTransaction((tx) => bed.notify.applicationStalled(stalled(), tx));
    expect((await bed.uc.sql(`SELECT 1 FROM messaging.messages`)).length).toBe(before);
  });

  it('tells a hotline submitter: a person as they prefer, an anonymous one at the phone and address left; once', async () => {
    const personId = await bed.uc.enrol();
    const notice = (data: Partial<SubmitterNoticeDelivery>) =>
      ({
        id: randomUUID(),
        type: 'la.gov.onedoor.feedback.submitter-notice.requested.v1',
        time: new Date().toISOString(),
        data: {
          caseId: randomUUID(),
          caseNumber: '1516-K7Q4-M9XH-5',
          notice: 'information-requested',
          language: 'en',
          at: new Date().toISOString(),
          ...data,
        },
      }) as EventEnvelope<SubmitterNoticeDelivery>;
    await bed.uc.inTransaction((tx) => bed.notify.submitterNotice(notice({ personId, reason: 'Which village?' }), tx));
    const toPerson = await bed.uc.sql<{ template_key: string; body: string }>(
      `SELECT template_key, body FROM messaging.messages WHERE person_id = $1 AND template_key LIKE 'feedback.notice-%'`,
      [personId],
    );
    expect(toPerson).toEqual([
      { template_key: 'feedback.notice-information-requested', body: expect.stringContaining('Which village?') },
    ]);
    expect(toPerson[0].body).toContain('1516-K7Q4-M9XH-5');
    const anonymous = notice({
      notice: 'merged',
      phone: '+8562055599999',
      email: 'bee@example.la',
      language: 'lo',
      masterCaseNumber: '1516-R2D4-8KQX-7',
    });
    for (let i = 0; i < 2; i++) await bed.uc.inTransaction((tx) => bed.notify.submitterNotice(anonymous, tx));
    const toAddresses = await bed.uc.sql<{ channel: string; destination: string; language: string; body: string }>(
      `SELECT channel, destination, language, body FROM messaging.messages WHERE template_key = 'feedback.notice-merged' ORDER BY channel`,
    );
    expect(toAddresses).toEqual([
      {
        channel: 'email',
        destination: 'bee@example.la',
        language: 'lo',
        body: expect.stringContaining('1516-R2D4-8KQX-7'),
      },
      {
        channel: 'sms',
        destination: '+8562055599999',
        language: 'lo',
        body: expect.stringContaining('1516-R2D4-8KQX-7'),
      },
    ]);
  });

  it("tells the officers posted at a unit of a hotline case assigned to it, and of its stage's deadline passing", async () => {
    const envelopeOf = (type: string, data: unknown) =>
      ({ id: randomUUID(), type, time: new Date().toISOString(), data }) as EventEnvelope<never>;
    const posted = async (ministryCode: string, departmentCode?: string) => {
      const personId = await bed.uc.enrol();
      const to = {
        ministryCode,
        ...(departmentCode && { departmentCode }),
        provinceCode: '01',
        level: 'province',
        position: 'Officer',
        grade: '3-1',
      };
      await bed.uc.inTransaction((tx) =>
        bed.notify.civilServantAssigned(
          envelopeOf('la.gov.onedoor.identity.civil-servant.assigned.v1', { personId, to }),
          tx,
        ),
      );
      return personId;
    };
    const [first, second, elsewhere] = [
      await posted('MPWT', 'MPWT-VTE'),
      await posted('MPWT', 'MPWT-VTE'),
      await posted('MOH'),
    ];
    const caseFields = {
      caseId: randomUUID(),
      caseNumber: '1516-K7Q4-M9XN-0',
      kind: 'complaint',
      topic: 'roads',
      channel: 'web',
      at: new Date().toISOString(),
    };
    const assigned = envelopeOf('la.gov.onedoor.feedback.case.assigned.v1', {
      ...caseFields,
      state: 'ASSIGNED',
      previousState: 'TRIAGED',
      ministry: 'MPWT',
      unit: 'MPWT-VTE',
    });
    for (let i = 0; i < 2; i++)
      await bed.uc.inTransaction((tx) => bed.notify.unitNotice(assigned, 'case-assigned', tx));
    const escalated = envelopeOf('la.gov.onedoor.feedback.case.escalated.v1', {
      ...caseFields,
      state: 'VERIFYING',
      stage: 'verification',
      dueAt: '2026-12-22T06:41:49.898Z',
      office: 'MPWT-VTE',
      escalatedTo: 'workflow.supervisor',
    });
    await bed.uc.inTransaction((tx) => bed.notify.unitNotice(escalated, 'case-escalated', tx));
    const told = await bed.uc.sql<{ person_id: string; template_key: string; body: string }>(
      `SELECT person_id, template_key, body FROM messaging.messages WHERE template_key LIKE 'feedback.case-%' ORDER BY template_key, person_id`,
    );
    expect(told.map((m) => [m.template_key, m.person_id])).toEqual(
      [
        ['feedback.case-assigned', first],
        ['feedback.case-assigned', second],
        ['feedback.case-escalated', first],
        ['feedback.case-escalated', second],
      ].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1])),
    );
    expect(told.map((m) => m.person_id)).not.toContain(elsewhere);
    expect(told[0].body).toContain('1516-K7Q4-M9XN-0');
    expect(told.find((m) => m.template_key === 'feedback.case-escalated')!.body).toContain('2026-12-22');
  });

  it('a newly enrolled person gets the welcome rule’s message on their channel', async () => {
    const personId = await bed.uc.enrol({ phone: undefined, email: undefined, preferredChannel: 'sms' });
    // No phone and no email: the in-app inbox, delivered at once.
    expect(await messagesOf(personId)).toEqual([
      { channel: 'in_app', template_key: 'identity.welcome', status: 'Delivered' },
    ]);
    expect(await bed.uc.outbox()).toContain(MessageDelivered.type);
  });

  it('applies a rule saved through the API to the next event, once however often the event comes', async () => {
    const personId = await bed.uc.enrol();
    await new SaveTemplateHandler(bed.uc.messages, bed.uc.composer).execute(
      SaveTemplate.create({ key: 'hotline.case-answered', channel: 'sms', language: 'lo', body: 'ຄຳຕອບ: {caseId}' }),
    );
    await new SaveRuleHandler(bed.uc.messages).execute(
      SaveRule.create({
        id: 'hotline-answered',
        eventType: 'la.gov.onedoor.feedback.case.answered.v1',
        templateKey: 'hotline.case-answered',
        personField: 'citizenId',
        essential: false,
        enabled: true,
      }),
    );
    const event = {
      id: randomUUID(),
      type: 'la.gov.onedoor.feedback.case.answered.v1',
      time: new Date().toISOString(),
      data: { caseId: 'H-42', citizenId: personId },
    } as unknown as EventEnvelope<unknown>;
    await bed.uc.inTransaction((tx) => bed.notify.applyRules(event, tx));
    await bed.uc.inTransaction((tx) => bed.notify.applyRules(event, tx));
    expect((await messagesOf(personId)).filter((m) => m.template_key === 'hotline.case-answered')).toEqual([
      { channel: 'sms', template_key: 'hotline.case-answered', status: 'Pending' },
    ]);
  });

  it('a deactivated person gets only essential messages', async () => {
    const personId = await bed.uc.enrol();
    const deactivated = { id: randomUUID(), type: 'x', time: new Date().toISOString(), data: { personId } };
    await bed.uc.inTransaction((tx) => bed.notify.personActive(deactivated as never, false, tx));
    expect(await bed.uc.sql(`SELECT active FROM messaging.recipients WHERE person_id = $1`, [personId])).toEqual([
      { active: false },
    ]);
  });
});
