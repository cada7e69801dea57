import { ProblemException } from './problem';
import { uuidParam } from './uuid-param';

describe('uuidParam', () => {
  const pipe = uuidParam('identity', 'person');
  const metadata = { type: 'param' as const, data: 'id' };

  it('passes a UUID through', async () => {
    await expect(pipe.transform('6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', metadata)).resolves.toBe(
      '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    );
  });

  it('refuses anything else with 400 <BLOCK>.MALFORMED_ID', async () => {
    const refusal = pipe.transform('12; DROP TABLE', metadata);
    await expect(refusal).rejects.toBeInstanceOf(ProblemException);
    await expect(refusal).rejects.toMatchObject({ code: 'IDENTITY.MALFORMED_ID', message: 'A person id is a UUID.' });
    await expect(pipe.transform('12', metadata)).rejects.toMatchObject({ status: 400 });
  });
});
