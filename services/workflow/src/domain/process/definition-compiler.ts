// Over 300 lines: the one place that reads a BPMN document, checks every element the engine supports and refuses
// the others by name; split, its element-by-element checks would be harder to read against the list in docs/blocks/workflow.md.
import * as Elements from 'bpmn-elements';
import { whyNotForStaff } from '@onedoor/contracts';
import BpmnModdle, { type ModdleElement, type ParseResult } from 'bpmn-moddle';
import serializer, { TypeResolver, type SerializableContext } from 'moddle-context-serializer';
import { compileExpression, expressionsIn } from './expressions';
import { ONEDOOR_MODDLE_SCHEMA } from './onedoor-bpmn';

/** A reason a definition is refused, naming the element. */
export interface DefinitionError {
  element: string;
  message: string;
}

export class InvalidDefinitionError extends Error {
  constructor(readonly errors: DefinitionError[]) {
    super(errors.map((e) => `${e.element}: ${e.message}`).join('; '));
  }
}

export interface UserTaskSpec {
  name: string;
  role: string;
  /** An expression or a unit code; undefined means the unit the routing step chose (`variables.unit`). */
  unit?: string;
  outcomes: string[];
  dueInWorkingDays?: number;
  /** Warn the task's office this many working days before its deadline (when it is still open). */
  warnWorkingDaysBefore?: number;
  /** Past its deadline and its unit's supervisors: these offices (codes or expressions), one every so many days. */
  escalateTo?: string[];
  escalateEveryWorkingDays?: number;
}

export interface ServiceTaskSpec {
  status?: string;
  /** The variable holding the routing category. */
  route?: string;
  /** A registered endpoint to call (`PUT /workflow/endpoints/{name}`), and the variable for its answer. */
  call?: string;
  result?: string;
}

/** What the platform needs to know about a process, taken from its BPMN once at upload. */
export interface DefinitionSummary {
  key: string;
  name: string;
  slaWorkingDays?: number;
  userTasks: Record<string, UserTaskSpec>;
  serviceTasks: Record<string, ServiceTaskSpec>;
  /** Message catch events and receive tasks: element id → message name and the message element's id. */
  messageWaits: Record<string, { messageName: string; messageId: string }>;
  timers: string[];
}

export interface CompiledDefinition {
  summary: DefinitionSummary;
  /** bpmn-elements's serialized context: parsed once, shared by every instance of this version. */
  sourceContext: SerializableContext;
}

/** BPMN elements this block runs. Anything else is refused at upload, naming the element. */
const SUPPORTED = new Set([
  'bpmn:Definitions',
  'bpmn:Process',
  'bpmn:Collaboration',
  'bpmn:Participant',
  'bpmn:LaneSet',
  'bpmn:Lane',
  'bpmn:Documentation',
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ReceiveTask',
  'bpmn:Task',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:SequenceFlow',
  'bpmn:IntermediateCatchEvent',
  'bpmn:BoundaryEvent',
  'bpmn:Message',
  'bpmn:MessageEventDefinition',
  'bpmn:TimerEventDefinition',
  'bpmn:TerminateEventDefinition',
  'bpmn:FormalExpression',
  'bpmn:Expression',
]);

const KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;
const STATUS = /^[A-Z][A-Z_]{1,39}$/;
const OUTCOME = /^[a-z][a-z0-9-]{0,49}$/;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** A category written in the process itself, quoted: `'business-licence-province'`. */
const LITERAL_CATEGORY = /^'([a-z0-9][a-z0-9.-]{0,99})'$/;

/** The category a route step names literally (quoted), or undefined when it names a variable. */
export function literalCategory(route: string | undefined): string | undefined {
  return route ? LITERAL_CATEGORY.exec(route)?.[1] : undefined;
}
const MAX_BPMN_BYTES = 1_000_000;

const moddle = new BpmnModdle({ onedoor: ONEDOOR_MODDLE_SCHEMA });
const typeResolver = TypeResolver({ ...Elements } as never);

const children = (element: ModdleElement): ModdleElement[] => {
  const out: ModdleElement[] = [];
  for (const [property, value] of Object.entries(element)) {
    if (property.startsWith('$') || property === 'sourceRef' || property === 'targetRef') continue;
    if (property === 'attachedToRef' || property === 'messageRef' || property === 'default') continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values)
      if (v && typeof v === 'object' && typeof (v as ModdleElement).$type === 'string') out.push(v as ModdleElement);
  }
  return out;
};

function checkExpressions(text: unknown, element: string, errors: DefinitionError[]) {
  if (typeof text !== 'string') return;
  for (const body of expressionsIn(text)) {
    try {
      compileExpression(body);
    } catch (error) {
      errors.push({ element, message: `expression \${${body}} does not parse: ${(error as Error).message}` });
    }
  }
}

function workingDays(value: unknown, element: string, attribute: string, errors: DefinitionError[]) {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0 || days > 365) {
    errors.push({ element, message: `onedoor:${attribute} must be a whole number of working days (0–365)` });
    return undefined;
  }
  return days;
}

/**
 * Parses and checks a BPMN 2.0 document: exactly one executable process, only the elements this block runs,
 * every task saying what it does, expressions that parse. Throws InvalidDefinitionError with every reason.
 */
export async function compileDefinition(bpmn: string): Promise<CompiledDefinition> {
  if (Buffer.byteLength(bpmn) > MAX_BPMN_BYTES) {
    throw new InvalidDefinitionError([{ element: 'definitions', message: 'the document is larger than 1 MB' }]);
  }
  let parsed: ParseResult;
  try {
    parsed = await moddle.fromXML(bpmn);
  } catch (error) {
    throw new InvalidDefinitionError([
      { element: 'definitions', message: `not BPMN 2.0 XML: ${(error as Error).message}` },
    ]);
  }
  const errors: DefinitionError[] = parsed.warnings.map((warning) => ({
    element: warning.element?.id ?? 'definitions',
    message: warning.message.split('\n')[0],
  }));
  const root = parsed.rootElement;
  if (root?.$type !== 'bpmn:Definitions')
    throw new InvalidDefinitionError([{ element: 'definitions', message: 'the root element is not bpmn:definitions' }]);

  const summary: DefinitionSummary = {
    key: '',
    name: '',
    userTasks: {},
    serviceTasks: {},
    messageWaits: {},
    timers: [],
  };
  const rootElements = (root.rootElements as ModdleElement[] | undefined) ?? [];
  const processes = rootElements.filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable);
  if (executable.length !== 1) {
    errors.push({
      element: 'definitions',
      message: `needs exactly one executable process (isExecutable="true"), found ${executable.length}`,
    });
  }
  const process = executable[0];
  if (process) {
    summary.key = process.id ?? '';
    summary.name = (process.name as string | undefined) ?? summary.key;
    if (!KEY.test(summary.key))
      errors.push({
        element: summary.key || 'process',
        message: 'the process id must be 1–100 letters, digits, _ . - and start with a letter',
      });
    summary.slaWorkingDays = workingDays(process.slaWorkingDays, summary.key, 'slaWorkingDays', errors);
  }

  const visit = (element: ModdleElement) => {
    const id = element.id ?? element.$type;
    if (!element.$type.startsWith('bpmn:')) {
      if (!/^(bpmndi|dc|di):/.test(element.$type))
        errors.push({ element: id, message: `${element.$type} is not supported` });
      return;
    }
    if (!SUPPORTED.has(element.$type)) {
      errors.push({
        element: id,
        message: `${element.$type} is not supported (see docs/blocks/workflow.md for the elements this block runs)`,
      });
      return;
    }
    switch (element.$type) {
      case 'bpmn:UserTask': {
        const role = element.role as string | undefined;
        // A role no civil servant can hold would leave every case stuck at this task.
        const unholdable = role ? whyNotForStaff(role) : 'missing';
        if (unholdable)
          errors.push({
            element: id,
            message: `a user task needs onedoor:role, a role a civil servant can hold, such as registration.reviewer (${role ?? 'none'}: ${unholdable})`,
          });
        // `onedoor:outcomes=""`: a task no one completes here; its case's events move the process (boundary messages).
        const outcomes =
          element.outcomes === ''
            ? []
            : ((element.outcomes as string | undefined) ?? 'complete').split(',').map((o) => o.trim());
        for (const outcome of outcomes)
          if (!OUTCOME.test(outcome))
            errors.push({ element: id, message: `outcome "${outcome}" must be lower-case letters, digits and -` });
        checkExpressions(element.unit, id, errors);
        const escalateTo = ((element.escalateTo as string | undefined) ?? '')
          .split(',')
          .map((office) => office.trim())
          .filter(Boolean);
        for (const office of escalateTo) checkExpressions(office, id, errors);
        if (escalateTo.length && element.dueInWorkingDays === undefined) {
          errors.push({ element: id, message: 'escalateTo needs dueInWorkingDays: it escalates past the deadline' });
        }
        if (escalateTo.length && Number(element.escalateEveryWorkingDays ?? element.dueInWorkingDays) < 1) {
          errors.push({ element: id, message: 'onedoor:escalateEveryWorkingDays must be at least 1' });
        }
        summary.userTasks[id] = {
          name: (element.name as string | undefined) ?? id,
          role: role ?? '',
          unit: element.unit as string | undefined,
          outcomes,
          dueInWorkingDays: workingDays(element.dueInWorkingDays, id, 'dueInWorkingDays', errors),
          warnWorkingDaysBefore: workingDays(element.warnWorkingDaysBefore, id, 'warnWorkingDaysBefore', errors),
          ...(escalateTo.length && {
            escalateTo,
            escalateEveryWorkingDays: workingDays(
              element.escalateEveryWorkingDays ?? element.dueInWorkingDays,
              id,
              'escalateEveryWorkingDays',
              errors,
            ),
          }),
        };
        break;
      }
      case 'bpmn:ServiceTask': {
        const status = element.status as string | undefined;
        const route = element.route as string | undefined;
        const call = element.call as string | undefined;
        const result = element.result as string | undefined;
        if ((status ? 1 : 0) + (route ? 1 : 0) + (call ? 1 : 0) !== 1) {
          errors.push({
            element: id,
            message: 'a service task needs exactly one of onedoor:status, onedoor:route or onedoor:call',
          });
        }
        if (call && !/^[a-z0-9][a-z0-9-]{1,99}$/.test(call)) {
          errors.push({ element: id, message: 'onedoor:call names a registered endpoint, such as fee-notice' });
        }
        if (result && (!call || !VARIABLE.test(result))) {
          errors.push({ element: id, message: 'onedoor:result names the variable for a call’s answer' });
        }
        if (status && !STATUS.test(status))
          errors.push({ element: id, message: 'onedoor:status must be upper-case, such as APPROVED' });
        if (route && !VARIABLE.test(route) && !LITERAL_CATEGORY.test(route))
          errors.push({
            element: id,
            message:
              "onedoor:route names the variable holding the category (category), or the category itself quoted ('business-licence-province')",
          });
        if (element.implementation)
          errors.push({
            element: id,
            message: 'implementation is not supported: use onedoor:status, onedoor:route or onedoor:call',
          });
        summary.serviceTasks[id] = { status, route, call, result };
        break;
      }
      case 'bpmn:SequenceFlow': {
        const condition = element.conditionExpression as ModdleElement | undefined;
        if (condition?.language)
          errors.push({
            element: id,
            message:
              'script conditions are not supported: use an expression such as ${environment.variables.outcome == "approve"}',
          });
        checkExpressions(condition?.body, id, errors);
        break;
      }
      case 'bpmn:TimerEventDefinition': {
        const parentId = (element.$parent as ModdleElement | undefined)?.id ?? id;
        if (element.timeCycle)
          errors.push({ element: parentId, message: 'timeCycle is not supported: use timeDuration or timeDate' });
        const value = ((element.timeDuration ?? element.timeDate) as ModdleElement | undefined)?.body;
        if (typeof value !== 'string' || !value.trim())
          errors.push({ element: parentId, message: 'a timer needs a timeDuration (such as P3D) or a timeDate' });
        checkExpressions(value, parentId, errors);
        summary.timers.push(parentId);
        break;
      }
      case 'bpmn:MessageEventDefinition': {
        const parent = element.$parent as ModdleElement | undefined;
        const message = element.messageRef as ModdleElement | undefined;
        if (!message?.name)
          errors.push({
            element: parent?.id ?? id,
            message: 'a message event needs a messageRef to a message with a name',
          });
        else if (
          parent?.$type === 'bpmn:IntermediateCatchEvent' ||
          parent?.$type === 'bpmn:BoundaryEvent' ||
          parent?.$type === 'bpmn:StartEvent'
        ) {
          if (parent.$type === 'bpmn:StartEvent')
            errors.push({
              element: parent.id ?? id,
              message: 'message start events are not supported: start processes through event mappings',
            });
          else summary.messageWaits[parent.id ?? id] = { messageName: message.name, messageId: message.id ?? '' };
        } else
          errors.push({
            element: parent?.id ?? id,
            message: 'message events may only be caught (intermediate or boundary)',
          });
        break;
      }
      case 'bpmn:ReceiveTask': {
        const message = element.messageRef as ModdleElement | undefined;
        if (!message?.name)
          errors.push({ element: id, message: 'a receive task needs a messageRef to a message with a name' });
        else summary.messageWaits[id] = { messageName: message.name, messageId: message.id ?? '' };
        break;
      }
    }
    for (const child of children(element)) {
      if (child.$type === 'bpmn:Process' && child !== process) continue;
      visit(child);
    }
  };
  visit(root);

  if (errors.length) throw new InvalidDefinitionError(errors.slice(0, 50));
  return { summary, sourceContext: serializer(parsed as never, typeResolver) };
}
