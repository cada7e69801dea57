import { guideSteps } from './guide-runner';

describe("a guide's requests", () => {
  it('reads each http block with its expected status, the values it keeps, headers and body', () => {
    const steps = guideSteps(
      [
        'Text.',
        '<!-- expect 201; keep id = id, secret = response.clientSecret -->',
        '',
        '```http',
        'POST /identity/persons',
        'Authorization: Bearer {{token}}',
        'Content-Type: application/json',
        '',
        '{ "a": 1 }',
        '```',
      ].join('\n'),
    );
    expect(steps).toEqual([
      {
        line: 2,
        expect: 201,
        retry: false,
        keep: { id: 'id', secret: 'response.clientSecret' },
        method: 'POST',
        path: '/identity/persons',
        headers: { authorization: 'Bearer {{token}}', 'content-type': 'application/json' },
        body: '{ "a": 1 }',
      },
    ]);
  });

  it('reads a request that may take a moment to answer as the guide says', () => {
    const [step] = guideSteps('<!-- expect 200; retry; keep id = id -->\n\n```http\nGET /x\n```');
    expect([step.retry, step.keep]).toEqual([true, { id: 'id' }]);
  });

  it('refuses a guide with a request that says nothing of its answer', () => {
    expect(() => guideSteps('```http\nGET /identity/organisations\n```')).toThrow(/carry no <!-- expect/);
  });
});
