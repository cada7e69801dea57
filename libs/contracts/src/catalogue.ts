import type { EventContract } from './event-contract';
import {
  CaseAppealDecided,
  CaseAppealed,
  CaseAssigned,
  CaseClosed,
  CaseFindingRecorded,
  CaseHandedBack,
  CaseMerged,
  CaseEscalated,
  CaseDeadlineApproaching,
  CaseInformationProvided,
  CaseInformationRequested,
  CasePublicationWithheld,
  CasePublished,
  CaseReceived,
  CaseRejected,
  CaseReopened,
  CaseResponded,
  CaseResponseReturned,
  CaseResponseSubmitted,
  CaseTriaged,
  RatingGiven,
  SubmitterNoticeRequested,
} from './feedback/case.events';
import { CivilServantAssigned } from './identity/civil-servant.events';
import { CredentialIssued, CredentialRevoked } from './identity/credential.events';
import { OneTimeCodeRequested } from './identity/one-time-code.events';
import { AdminAreaSaved, OrganisationSaved } from './identity/organisation.events';
import { WalletBindingBound, WalletBindingRevoked } from './identity/wallet-binding.events';
import { PersonDeactivated, PersonEnrolled, PersonReactivated, PersonUpdated } from './identity/person.events';
import {
  EmailCallbackReceived,
  MessageDelivered,
  MessageFailed,
  MessageQueued,
  MessageSent,
} from './messaging/message.events';
import { ProbeSent } from './platform/probe.events';
import {
  ApplicationRestarted,
  ApplicationResubmitted,
  ApplicationStalled,
  ApplicationStatusChanged,
  ApplicationSubmitted,
  ApplicationWithdrawn,
  DocumentUploaded,
  FeePaid,
} from './registration/application.events';
import {
  WorkflowCaseRouted,
  WorkflowDeadlineApproaching,
  WorkflowDeadlineBreached,
  WorkflowInstanceCompleted,
  WorkflowInstanceStarted,
  WorkflowInstanceStopped,
  WorkflowMessageRequested,
  WorkflowProcessPublished,
  WorkflowProcessRetired,
  WorkflowStartFailed,
  WorkflowStartRequested,
  WorkflowStatusChanged,
  WorkflowStopRequested,
  WorkflowTaskClaimed,
  WorkflowTaskCompleted,
  WorkflowTaskCreated,
  WorkflowTaskEscalated,
} from './workflow/workflow.events';

/**
 * Every event OneDoor publishes. The AsyncAPI document under docs/asyncapi/ is generated from this list
 * (`npm run asyncapi`), and CI fails when the committed document drifts from it.
 */
export const EVENT_CATALOGUE: readonly EventContract[] = [
  ProbeSent,
  PersonEnrolled,
  PersonUpdated,
  PersonDeactivated,
  PersonReactivated,
  CivilServantAssigned,
  OneTimeCodeRequested,
  CredentialIssued,
  CredentialRevoked,
  OrganisationSaved,
  AdminAreaSaved,
  WalletBindingBound,
  WalletBindingRevoked,
  MessageQueued,
  MessageSent,
  MessageDelivered,
  MessageFailed,
  EmailCallbackReceived,
  ApplicationSubmitted,
  ApplicationResubmitted,
  DocumentUploaded,
  FeePaid,
  ApplicationStatusChanged,
  ApplicationWithdrawn,
  ApplicationStalled,
  ApplicationRestarted,
  WorkflowStartRequested,
  WorkflowMessageRequested,
  WorkflowStopRequested,
  WorkflowInstanceStarted,
  WorkflowStatusChanged,
  WorkflowCaseRouted,
  WorkflowTaskCreated,
  WorkflowTaskClaimed,
  WorkflowTaskCompleted,
  WorkflowDeadlineApproaching,
  WorkflowDeadlineBreached,
  WorkflowTaskEscalated,
  WorkflowInstanceCompleted,
  WorkflowInstanceStopped,
  WorkflowStartFailed,
  WorkflowProcessPublished,
  WorkflowProcessRetired,
  CaseReceived,
  CaseTriaged,
  CaseAssigned,
  CaseRejected,
  CaseMerged,
  CaseHandedBack,
  CaseDeadlineApproaching,
  CaseEscalated,
  CaseInformationRequested,
  CaseInformationProvided,
  CaseFindingRecorded,
  CaseResponseSubmitted,
  CaseResponseReturned,
  CaseResponded,
  CasePublished,
  CasePublicationWithheld,
  CaseClosed,
  CaseReopened,
  CaseAppealed,
  CaseAppealDecided,
  SubmitterNoticeRequested,
  RatingGiven,
] as EventContract[];

export function findContract(type: string): EventContract | undefined {
  return EVENT_CATALOGUE.find((contract) => contract.type === type);
}

export function topicsOf(contracts: readonly EventContract[]): string[] {
  return [...new Set(contracts.map((contract) => contract.topic))].sort();
}
