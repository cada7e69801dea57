import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { ProblemException } from '@onedoor/http';
import type { RegistrationConfig } from '../registration.config';
import { HttpWorkflowGateway } from './workflow.gateway';

/** The workflow block as registration reaches it for an officer's decision: a local HTTP server in its place. */
describe('HttpWorkflowGateway', () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: object };
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers);
      request.resume();
      request.on('end', () => {
        response.statusCode = answer.status;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/workflow`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const gateway = (workflowUrl: string) =>
    new HttpWorkflowGateway({ workflowUrl: () => workflowUrl } as unknown as RegistrationConfig);
  const refusal = (work: Promise<unknown>) =>
    work.then(
      () => undefined,
      (error: ProblemException) => [error.getStatus(), error.code],
    );

  it("completes with the officer's token and a key of the task's own, the same on every attempt", async () => {
    answer = { status: 200, body: { id: 't-1' } };
    for (let attempt = 0; attempt < 2; attempt++) {
      await gateway(url).completeTask('t-1', 'Bearer officer', { outcome: 'approve' });
    }
    expect(seen.map((h) => [h.authorization, h['idempotency-key']])).toEqual([
      ['Bearer officer', 'registration:complete:t-1'],
      ['Bearer officer', 'registration:complete:t-1'],
    ]);
  });

  it("passes the workflow block's refusal on as it came", async () => {
    answer = { status: 409, body: { code: 'WORKFLOW.TASK_NOT_OPEN', detail: 'The task is completed.' } };
    expect(await refusal(gateway(url).completeTask('t-2', 'Bearer officer', { outcome: 'approve' }))).toEqual([
      409,
      'WORKFLOW.TASK_NOT_OPEN',
    ]);
  });

  it('a workflow block that does not answer is 503 REGISTRATION.WORKFLOW_UNREACHABLE: retry, not a gateway failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(
      await refusal(
        gateway(`http://127.0.0.1:${port}/workflow`).completeTask('t-3', 'Bearer officer', { outcome: 'approve' }),
      ),
    ).toEqual([503, 'REGISTRATION.WORKFLOW_UNREACHABLE']);
  });
});
