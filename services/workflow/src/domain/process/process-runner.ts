import { Context, Definition, Environment, Timers } from 'bpmn-elements';
import { literalCategory, type CompiledDefinition } from './definition-compiler';
import { SAFE_EXPRESSIONS } from './expressions';

/** What makes an instance move: starting it, an officer's decision, a message, or due timers. */
export type StepAction =
  | { kind: 'start'; variables: Record<string, unknown> }
  | { kind: 'complete-task'; elementId: string; executionId: string; variables: Record<string, unknown> }
  | { kind: 'message'; elementId: string; variables: Record<string, unknown> }
  | { kind: 'resume' };

/** What a step's service tasks did; the instance service turns these into events in the same transaction. */
export type StepEffect =
  | { kind: 'status'; elementId: string; status: string }
  | {
      kind: 'routed';
      elementId: string;
      category: string;
      province?: string;
      district?: string;
      unit: string;
      ruleId: string;
    }
  | { kind: 'called'; elementId: string; endpoint: string };

export interface Wait {
  elementId: string;
  executionId: string;
  type: string;
}

export interface StepResult {
  /** The engine's state to save; null once the instance has ended. */
  state: Record<string, unknown> | null;
  ended: boolean;
  /** Why the instance failed (an element's error); it stops. */
  failure?: string;
  variables: Record<string, unknown>;
  effects: StepEffect[];
  /** Where the instance waits now: user tasks, message catches, and timers with their due times. */
  waits: Wait[];
  timers: { elementId: string; dueAt: Date }[];
}

export interface RoutingDecision {
  unit: string;
  ruleId: string;
}

/** What a step asks outside the engine: the routing table. */
export type Router = (category: string, province?: string, district?: string) => Promise<RoutingDecision | undefined>;

/**
 * A call to a registered endpoint (`onedoor:call`), made by the caller of runStep: `executionId` is stable for
 * one pass through the task, so a retried step sends the same idempotency key. A failure aborts the step.
 */
export type EndpointCall = (
  endpoint: string,
  request: { elementId: string; executionId: string; variables: Record<string, unknown> },
) => Promise<unknown>;

/** The step could not finish (an endpoint did not answer): nothing of it is kept; it runs again later. */
export class StepAborted extends Error {}

const noCalls: EndpointCall = async (endpoint) => {
  throw new StepAborted(`no endpoint calls here (${endpoint})`);
};

/** What the engine keeps in a process's variables of its own (its current message); not the case's. */
const ENGINE_KEYS = ['fields', 'content', 'properties'];

const silentLogger = () => ({ debug() {}, error() {}, warn() {} });

/** Scripts are refused: a definition cannot run code here (script tasks are rejected at upload too). */
const NO_SCRIPTS = {
  register() {
    return undefined;
  },
  getScript() {
    return undefined;
  },
};

const stringOrUndefined = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/**
 * Runs one step of a process instance with bpmn-elements: recover the saved state (or start), apply the action,
 * run until the instance waits again (user task, message, timer) or ends, and report the new state, what
 * service tasks did and where it waits. Pure of I/O apart from the router: the caller persists the result in
 * one transaction, so a step either happens completely or not at all.
 *
 * Timers never run in memory: the engine's timer calls are recorded and persisted; firing a due timer is a
 * `resume` step, in which the engine completes every timer whose time has come.
 */
export async function runStep(
  compiled: CompiledDefinition,
  savedState: Record<string, unknown> | null,
  action: StepAction,
  router: Router,
  call: EndpointCall = noCalls,
): Promise<StepResult> {
  const effects: StepEffect[] = [];
  const pending = new Set<Promise<unknown>>();
  const timers = new Timers({ setTimeout: (() => ({})) as never, clearTimeout: (() => undefined) as never });
  const { serviceTasks } = compiled.summary;
  let failure: string | undefined;
  let aborted: StepAborted | undefined;
  /** The running process's variables: what its activities and gateways see (the engine's own are a copy). */
  let processVariables: Record<string, unknown> | undefined;

  const extensions = {
    onedoor(activity: {
      id: string;
      type: string;
      behaviour: Record<string, unknown>;
      environment: { variables: Record<string, unknown> };
    }) {
      if (activity.type !== 'bpmn:ServiceTask') return;
      const spec = serviceTasks[activity.id];
      activity.behaviour.Service = function OneDoorService() {
        return {
          execute(
            message: { content?: { executionId?: string } },
            callback: (error: Error | null, output?: unknown) => void,
          ) {
            const variables = activity.environment.variables;
            processVariables = variables;
            if (spec?.status) {
              effects.push({ kind: 'status', elementId: activity.id, status: spec.status });
              return callback(null);
            }
            if (spec?.call) {
              const caseVariables = { ...variables };
              for (const engineKey of ENGINE_KEYS) delete caseVariables[engineKey];
              const called = call(spec.call, {
                elementId: activity.id,
                executionId: message.content?.executionId ?? activity.id,
                variables: caseVariables,
              }).then(
                (answer) => {
                  if (spec.result) variables[spec.result] = answer;
                  effects.push({ kind: 'called', elementId: activity.id, endpoint: spec.call! });
                  callback(null);
                },
                // Not the process's fault: the step is abandoned and runs again (no callback: the engine waits).
                (error: Error) => {
                  aborted = error instanceof StepAborted ? error : new StepAborted(`${activity.id}: ${error.message}`);
                },
              );
              pending.add(called);
              void called.finally(() => pending.delete(called));
              return;
            }
            // A later step routes by its own category, to the office of the case's province or district.
            const category = literalCategory(spec?.route) ?? stringOrUndefined(variables[spec?.route ?? 'category']);
            const province = stringOrUndefined(variables.province);
            const district = stringOrUndefined(variables.district);
            const routed = (category ? router(category, province, district) : Promise.resolve(undefined)).then(
              (decision) => {
                if (!decision) {
                  failure = `${activity.id}: no routing rule for category ${category ?? '(none)'} in ${district ?? province ?? 'the country'}`;
                  return callback(new Error(failure));
                }
                variables.unit = decision.unit;
                effects.push({
                  kind: 'routed',
                  elementId: activity.id,
                  category: category!,
                  province,
                  district,
                  ...decision,
                });
                callback(null);
              },
              (error: Error) => {
                failure = `${activity.id}: ${error.message}`;
                callback(error);
              },
            );
            pending.add(routed);
            void routed.finally(() => pending.delete(routed));
          },
        };
      };
    },
  };

  const environment = new Environment({
    Logger: silentLogger,
    timers,
    extensions,
    expressions: SAFE_EXPRESSIONS,
    scripts: NO_SCRIPTS,
    settings: { enableDummyService: false },
    variables: action.kind === 'start' ? { ...action.variables } : {},
  } as never);
  const definition = new Definition(Context(compiled.sourceContext as never, environment));
  definition.broker.subscribeTmp(
    'event',
    '#.error',
    (_routingKey: string, message: { content?: { error?: Error } }) => {
      failure ??= message.content?.error?.message ?? 'the process failed';
    },
    { noAck: true },
  );
  const settle = async () => {
    while (pending.size) await Promise.allSettled([...pending]);
    if (aborted) throw aborted;
  };

  if (!savedState) {
    definition.run();
  } else {
    definition.recover(savedState as never);
    definition.resume();
  }
  await settle();
  const running = definition.getRunningProcesses()[0];
  if (running) processVariables = running.environment.variables as Record<string, unknown>;

  if (action.kind === 'complete-task' || action.kind === 'message') {
    const waiting = definition
      .getPostponed()
      .find(
        (api) => api.id === action.elementId && (action.kind === 'message' || api.executionId === action.executionId),
      );
    if (!waiting) throw new Error(`${action.elementId} is not waiting in this instance`);
    processVariables = (waiting.owner as unknown as { environment: { variables: Record<string, unknown> } }).environment
      .variables;
    Object.assign(processVariables, action.variables);
    waiting.signal({ ...action.variables });
    await settle();
  }

  const postponed = definition.getPostponed();
  const ended = !definition.isRunning || postponed.length === 0;
  const waits = ended
    ? []
    : postponed.map((api) => ({ elementId: api.id, executionId: api.executionId, type: api.type }));
  const timerList = ended
    ? []
    : (timers.executing as unknown as { owner: { id: string; expireAt?: string | Date }; expireAt: Date }[]).map(
        (timer) => ({ elementId: timer.owner.id, dueAt: new Date(timer.owner.expireAt ?? timer.expireAt) }),
      );
  // The engine keeps its current message in the process's variables; those are not the case's.
  const variables = { ...(processVariables ?? environment.variables) };
  for (const engineKey of ENGINE_KEYS) delete variables[engineKey];
  const state = ended || failure ? null : (definition.getState() as unknown as Record<string, unknown>);
  return { state, ended: ended || !!failure, failure, variables, effects, waits, timers: timerList };
}
