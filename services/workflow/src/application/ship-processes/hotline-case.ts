import type { EventMappingRecord } from '../../domain';

/**
 * The government hotline's (1516) handling, run for every case the feedback block receives: each stage a task in
 * its queue with its deadline in working days on the holiday calendar (escalated to the office's supervisors when
 * passed; a unit's verification then on up to its ministry and to the Office, five working days apart, while it
 * stays open): the Office's triage (2), the unit's verification (15; it starts again when the submitter has answered
 * a question, so the wait is never the unit's), the Office's review (5), an appeal's review (10). Nobody completes
 * these tasks here: the steps are taken in the feedback block, which checks them against the case's rules, and its
 * events move the process: each is delivered as the message `hotline.moved` with the case's new state, and a
 * gateway after each stage goes where that state says. A reopened or appealed case starts the process again, at
 * its own verification task or at the appeal.
 *
 * One message per stage, loops only through gateways, and the entry's branches to tasks no loop reaches: the engine
 * discards the paths not taken, and an activity with several interrupting boundary events whose paths loop back,
 * or a loop into a task already running, made that discarding recurse without end or linger.
 */
export const HOTLINE_CASE_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:onedoor="https://onedoor.gov.la/bpmn"
                  id="hotline-case-definitions" targetNamespace="https://onedoor.gov.la/processes">
  <bpmn:message id="moved" name="hotline.moved" />
  <bpmn:process id="hotline-case" name="Hotline case (1516)" isExecutable="true">
    <bpmn:startEvent id="received" />
    <bpmn:sequenceFlow id="f-received" sourceRef="received" targetRef="entry" />
    <bpmn:exclusiveGateway id="entry" default="f-entry-triage" />
    <bpmn:sequenceFlow id="f-entry-triage" sourceRef="entry" targetRef="triage" />
    <bpmn:sequenceFlow id="f-entry-reopened" sourceRef="entry" targetRef="reopened">
      <bpmn:conditionExpression>\${environment.variables.caseState == 'ASSIGNED'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f-entry-appeal" sourceRef="entry" targetRef="appeal">
      <bpmn:conditionExpression>\${environment.variables.caseState == 'UNDER_APPEAL'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>

    <bpmn:userTask id="triage" onedoor:warnWorkingDaysBefore="1" name="Triage and route the case" onedoor:role="feedback.office" onedoor:unit="PMO" onedoor:outcomes="" onedoor:dueInWorkingDays="2" />
    <bpmn:boundaryEvent id="triage-moved" attachedToRef="triage"><bpmn:messageEventDefinition messageRef="moved" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f-triage-moved" sourceRef="triage-moved" targetRef="after-triage" />
    <bpmn:exclusiveGateway id="after-triage" default="f-triage-settled" />
    <bpmn:sequenceFlow id="f-triage-assigned" sourceRef="after-triage" targetRef="verify">
      <bpmn:conditionExpression>\${environment.variables.caseState == 'ASSIGNED'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f-triage-settled" sourceRef="after-triage" targetRef="settled" />

    <bpmn:userTask id="verify" onedoor:warnWorkingDaysBefore="3" onedoor:escalateTo="\${environment.variables.ministry},PMO" onedoor:escalateEveryWorkingDays="5" name="Verify the case and report back" onedoor:role="feedback.handler" onedoor:outcomes="" onedoor:dueInWorkingDays="15" />
    <bpmn:boundaryEvent id="verify-moved" attachedToRef="verify"><bpmn:messageEventDefinition messageRef="moved" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f-verify-moved" sourceRef="verify-moved" targetRef="after-verify" />
    <bpmn:exclusiveGateway id="after-verify" default="f-verify-again" />
    <bpmn:sequenceFlow id="f-verify-submitted" sourceRef="after-verify" targetRef="review">
      <bpmn:conditionExpression>\${environment.variables.caseState == 'RESPONSE_SUBMITTED'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f-verify-handed-back" sourceRef="after-verify" targetRef="triage">
      <bpmn:conditionExpression>\${environment.variables.caseState == 'TRIAGED'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f-verify-asked" sourceRef="after-verify" targetRef="awaiting-information">
      <bpmn:conditionExpression>\${environment.variables.caseState == 'AWAITING_INFORMATION'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f-verify-again" sourceRef="after-verify" targetRef="verify" />

    <bpmn:userTask id="reopened" onedoor:warnWorkingDaysBefore="3" onedoor:escalateTo="\${environment.variables.ministry},PMO" onedoor:escalateEveryWorkingDays="5" name="Verify the reopened case and report back" onedoor:role="feedback.handler" onedoor:outcomes="" onedoor:dueInWorkingDays="15" />
    <bpmn:boundaryEvent id="reopened-moved" attachedToRef="reopened"><bpmn:messageEventDefinition messageRef="moved" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f-reopened-moved" sourceRef="reopened-moved" targetRef="after-verify" />

    <bpmn:receiveTask id="awaiting-information" name="Waiting for the submitter" messageRef="moved" />
    <bpmn:sequenceFlow id="f-provided" sourceRef="awaiting-information" targetRef="verify" />

    <bpmn:userTask id="review" onedoor:warnWorkingDaysBefore="1" name="Review the unit's response" onedoor:role="feedback.office" onedoor:unit="PMO" onedoor:outcomes="" onedoor:dueInWorkingDays="5" />
    <bpmn:boundaryEvent id="review-moved" attachedToRef="review"><bpmn:messageEventDefinition messageRef="moved" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f-review-moved" sourceRef="review-moved" targetRef="after-review" />
    <bpmn:exclusiveGateway id="after-review" default="f-review-returned" />
    <bpmn:sequenceFlow id="f-review-responded" sourceRef="after-review" targetRef="answered">
      <bpmn:conditionExpression>\${environment.variables.caseState == 'RESPONDED'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f-review-returned" sourceRef="after-review" targetRef="verify" />

    <bpmn:userTask id="appeal" onedoor:warnWorkingDaysBefore="2" name="Decide the appeal" onedoor:role="feedback.office" onedoor:unit="PMO" onedoor:outcomes="" onedoor:dueInWorkingDays="10" />
    <bpmn:boundaryEvent id="appeal-moved" attachedToRef="appeal"><bpmn:messageEventDefinition messageRef="moved" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f-appeal-moved" sourceRef="appeal-moved" targetRef="after-appeal" />
    <bpmn:exclusiveGateway id="after-appeal" default="f-appeal-upheld" />
    <bpmn:sequenceFlow id="f-appeal-sent-back" sourceRef="after-appeal" targetRef="verify">
      <bpmn:conditionExpression>\${environment.variables.caseState == 'VERIFYING'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f-appeal-upheld" sourceRef="after-appeal" targetRef="closed" />

    <bpmn:endEvent id="settled" />
    <bpmn:endEvent id="answered" />
    <bpmn:endEvent id="closed" />
  </bpmn:process>
</bpmn:definitions>`;

const FEEDBACK = 'la.gov.onedoor.feedback.case';
const mapping = (
  id: string,
  event: string,
  rest: Partial<EventMappingRecord> & Pick<EventMappingRecord, 'action'>,
): EventMappingRecord => ({
  id,
  eventType: `${FEEDBACK}.${event}.v1`,
  processKey: null,
  messageName: null,
  keyPath: 'caseId',
  variables: {},
  when: {},
  declaredBy: 'onedoor',
  ...rest,
});
const CASE = { caseState: 'state', unit: 'unit', ministry: 'ministry' };
const start = (id: string, event: string, extra: Record<string, string> = {}) =>
  mapping(id, event, { action: 'start', processKey: 'hotline-case', variables: { ...CASE, ...extra } });
const moved = (event: string) =>
  mapping(`hotline-${event}`, event, { action: 'message', messageName: 'hotline.moved', variables: CASE });

/** The feedback block's events, as the hotline-case process hears them (keyed by the case's id). */
export const HOTLINE_CASE_MAPPINGS: EventMappingRecord[] = [
  start('hotline-received', 'received', {
    category: 'topic',
    province: 'province',
    district: 'district',
    caseNumber: 'caseNumber',
  }),
  start('hotline-reopened', 'reopened'),
  start('hotline-appealed', 'appealed'),
  ...[
    'assigned',
    'rejected',
    'merged',
    'handed-back',
    'information-requested',
    'information-provided',
    'response-submitted',
    'response-returned',
    'responded',
    'appeal-decided',
  ].map(moved),
];
