import type { ApplicationStatus } from '@onedoor/contracts';
import { schema } from '@onedoor/http';
import type { ApplicationView } from '../application/application.view';
import type { ServiceVersion } from '../domain';

// Answers in the shapes of GovStack's registration document, made from OneDoor's views, and their schemas for the
// block's own OpenAPI document. The conformance test checks them against GovStack's document itself.

const TITLES: Record<ApplicationStatus, string> = {
  DRAFT: 'Draft',
  PENDING: 'Pending',
  APPROVED: 'Approved',
  SENDBACK: 'Sent back',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
};

/**
 * statusModel: GovStack knows PENDING, APPROVED, SENDBACK and REJECTED. A draft is PENDING and a withdrawn
 * application REJECTED by code; the title says which.
 */
export function statusModel(status: ApplicationStatus) {
  const code = status === 'DRAFT' ? 'PENDING' : status === 'WITHDRAWN' ? 'REJECTED' : status;
  return { code, title: TITLES[status] };
}

const STATUS = schema.object({
  code: schema.enum('PENDING', 'APPROVED', 'SENDBACK', 'REJECTED'),
  title: schema.string(),
});

/** service */
export const serviceModel = (service: ServiceVersion) => ({
  id: service.id,
  name: service.name.en,
  version: String(service.version),
  type: 'Public',
  isExecutable: service.retiredAt === null,
  isClosed: false,
  description: service.description.en,
  serviceBody: [
    { code: 'code', value: service.code },
    { code: 'nameLo', value: service.name.lo },
    { code: 'descriptionLo', value: service.description.lo },
    { code: 'ministry', value: service.ministry },
    { code: 'unit', value: service.unit },
    { code: 'fee', value: String(service.feeAmount) },
    { code: 'currency', value: 'LAK' },
    { code: 'slaWorkingDays', value: String(service.slaWorkingDays) },
    { code: 'processKey', value: service.processKey },
  ],
});
const PROPERTIES = schema.array(schema.object({ code: schema.string(), value: schema.string() }));
export const SERVICE_MODEL = schema.object({
  id: schema.uuid,
  name: schema.string(),
  version: schema.string(),
  type: schema.enum('None', 'Private', 'Public'),
  isExecutable: schema.boolean,
  isClosed: schema.boolean,
  description: schema.string(),
  serviceBody: PROPERTIES,
});

/** EFormListItem; with `schema` for EForm. */
export const eFormModel = (service: ServiceVersion, withSchema: boolean) => ({
  eFormId: service.id,
  name: service.code,
  description: service.description.en,
  version: String(service.version),
  latest: service.retiredAt === null,
  ...(withSchema && { schema: service.formSchema }),
});
export const EFORM_MODEL = schema.object(
  {
    eFormId: schema.string(),
    name: schema.string(),
    description: schema.string(),
    version: schema.string(),
    latest: schema.boolean,
    schema: schema.record,
  },
  ['schema'],
);

/** applicationFileResponse: the file, with what was submitted in `applicationData`. */
export const applicationFile = (view: ApplicationView, serviceName: string | undefined, documentUrls: string[]) => ({
  fileId: view.fileId,
  ...(view.registered && { registered: new Date(view.registered).toISOString() }),
  serviceId: view.serviceId,
  ...(serviceName && { serviceName }),
  applicantId: view.applicantId,
  status: statusModel(view.status.code),
  ended: view.ended,
  applicationData: {
    applicantId: view.applicantId,
    ...(view.applicationName && { applicationName: view.applicationName }),
    created: new Date(view.created).toISOString(),
    formData: view.formData,
    documentUrls,
  },
});
const APPLICATION_DATA = schema.object(
  {
    applicantId: schema.string(),
    applicationName: schema.string(),
    created: schema.dateTime,
    formData: schema.object({ data: schema.record, eFormId: schema.string() }),
    documentUrls: schema.array(schema.string()),
  },
  ['applicationName'],
);
export const APPLICATION_FILE = schema.object(
  {
    fileId: schema.uuid,
    registered: schema.dateTime,
    serviceId: schema.uuid,
    serviceName: schema.string(),
    applicantId: schema.string(),
    status: STATUS,
    ended: schema.boolean,
    applicationData: APPLICATION_DATA,
  },
  ['registered', 'serviceName'],
);

/** applicantApplicationFileListResponse */
export const applicationListItem = (view: ApplicationView, serviceName: string | undefined) => ({
  fileId: view.fileId,
  status: statusModel(view.status.code),
  applicantId: view.applicantId,
  created: new Date(view.created).toISOString(),
  ...(view.registered && { registered: new Date(view.registered).toISOString() }),
  ...(view.applicationName && { description: view.applicationName }),
  ...(serviceName && { serviceName }),
  serviceId: view.serviceId,
  eformId: view.serviceId,
});
export const APPLICATION_LIST_ITEM = schema.object(
  {
    fileId: schema.uuid,
    status: STATUS,
    applicantId: schema.string(),
    created: schema.dateTime,
    registered: schema.dateTime,
    description: schema.string(),
    serviceName: schema.string(),
    serviceId: schema.uuid,
    eformId: schema.string(),
  },
  ['registered', 'description', 'serviceName'],
);

interface TaskView {
  taskId: string;
  name: string;
  assigneeId?: string;
  roleId: string;
  office: string;
  created: Date;
  fileId: string;
  serviceId?: string;
  serviceName?: string;
  eFormId?: string;
  status?: { code: ApplicationStatus };
}

const taskCommon = (task: TaskView) => ({
  taskId: task.taskId,
  ...(task.assigneeId && { assigneeId: task.assigneeId }),
  roleId: task.roleId,
  created: new Date(task.created).toISOString(),
  description: `${task.name} (${task.office})`,
  fileId: task.fileId,
  ...(task.serviceId && { serviceId: task.serviceId, eFormId: task.serviceId }),
  ...(task.serviceName && { serviceName: task.serviceName }),
  ...(task.status && { status: statusModel(task.status.code) }),
});
const TASK_COMMON = {
  taskId: schema.uuid,
  assigneeId: schema.string(),
  roleId: schema.string(),
  created: schema.dateTime,
  description: schema.string(),
  fileId: schema.uuid,
  serviceId: schema.uuid,
  eFormId: schema.string(),
  serviceName: schema.string(),
  status: STATUS,
};
const TASK_OPTIONAL = ['assigneeId', 'serviceId', 'eFormId', 'serviceName', 'status'];

/** userTaskResponse: OneDoor groups an application file's tasks under the file (mainTaskId). */
export const userTask = (task: TaskView) => ({ ...taskCommon(task), mainTaskId: task.fileId, name: task.name });
export const USER_TASK = schema.object(
  { ...TASK_COMMON, mainTaskId: schema.uuid, name: schema.string() },
  TASK_OPTIONAL,
);

/** dataUserTaskResponse: the task, with its application's form data. */
export const dataUserTask = (task: TaskView & { data?: Record<string, unknown> }) => ({
  ...taskCommon(task),
  taskName: task.name,
  formVariables: {},
  data: task.data ?? {},
});
export const DATA_USER_TASK = schema.object(
  { ...TASK_COMMON, taskName: schema.string(), formVariables: schema.record, data: schema.record },
  TASK_OPTIONAL,
);

export const COMPLETED_TASK = schema.object(
  {
    taskId: schema.uuid,
    fileId: schema.uuid,
    serviceId: schema.uuid,
    status: STATUS,
    variables: schema.record,
  },
  ['serviceId', 'status'],
);

/** uploadResponse */
export const UPLOAD_RESPONSE = schema.object({
  code: schema.integer,
  type: schema.string(),
  message: schema.string(),
  url: schema.string(),
});

/** One row of the statistics: officers' decisions, and what was asked (references). */
export const STATISTICS_ROW = schema.object({
  processed: schema.integer,
  approved: schema.integer,
  sentBack: schema.integer,
  rejected: schema.integer,
  references: schema.record,
});
