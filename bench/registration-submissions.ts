/**
 * The registration block's application submissions as its benchmark loads them (a citizen's token, an eForm
 * validated, an Idempotency-Key): shared by registration.bench.ts and by the benchmarks whose targets are set
 * against the registration block's submissions in the same run (feedback.bench.ts).
 */
import { randomUUID } from 'node:crypto';
import { send, startBlock } from './support';

export const SERVICE = {
  code: 'business-licence',
  name: { lo: 'ໃບອະນຸຍາດທຸລະກິດ', en: 'Business licence' },
  description: { lo: 'ຂໍໃບອະນຸຍາດດຳເນີນທຸລະກິດ', en: 'Licence to operate a business' },
  ministry: 'MOIC',
  unit: 'MOIC-DERM',
  eForm: {
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['businessName', 'capital', 'province', 'district'],
      properties: {
        businessName: { type: 'string', minLength: 2, maxLength: 200 },
        capital: { type: 'integer', minimum: 0 },
        activity: { type: 'string', enum: ['retail', 'wholesale', 'services', 'manufacturing'] },
        province: { type: 'string', pattern: '^[0-9]{2}$' },
        district: { type: 'string', pattern: '^[0-9]{4}$' },
      },
    },
  },
  eligibility: [
    { rule: 'form.capital >= 1000000', message: { lo: 'ທຶນບໍ່ພຽງພໍ', en: 'Capital of at least 1,000,000 kip' } },
  ],
  fee: 150_000,
  processKey: 'business-licence',
  slaWorkingDays: 10,
};

/**
 * Starts the registration block on `port` with a published service and 200 citizens; `submit(i)` submits the i-th
 * application, `body(i)` is its JSON (for a baseline loaded the same way).
 */
export async function startRegistrationSubmissions(port: number) {
  const registration = await startBlock('registration', port);
  const { db, authority, base } = registration;
  try {
    // What the workflow and identity blocks (not run here) would have announced: the process and the organisations.
    await db.query(
      `INSERT INTO registration.processes (key, version, ministry, roles, updated_at)
         VALUES ('business-licence', 1, NULL, '[]', now())`,
    );
    await db.query(
      `INSERT INTO registration.organisations (code, kind, parent_code, updated_at)
         VALUES ('MOIC', 'ministry', NULL, now()), ($1, 'department', 'MOIC', now())`,
      [SERVICE.unit],
    );
    const admin = await authority.sign({ sub: 'bench-admin', roles: ['registration.admin'], ministry: 'MOIC' });
    const published = await send(`${base}/services`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(SERVICE),
    });
    if (!published.ok) throw new Error(`publishing the service: ${published.status} ${published.body}`);
    const citizens = await Promise.all(
      Array.from({ length: 200 }, () => authority.sign({ sub: randomUUID(), roles: ['citizen'] })),
    );
    const body = (i: number) =>
      JSON.stringify({
        applicationName: `Shop ${i}`,
        phone: '+8562055512345',
        formData: {
          data: {
            businessName: `ຮ້ານ ${i}`,
            capital: 5_000_000 + i,
            activity: 'retail',
            province: '01',
            district: '0101',
          },
        },
      });
    const submit = (i: number) =>
      send(`${base}/services/business-licence/applications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${citizens[i % citizens.length]}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-${i}-${randomUUID()}`,
        },
        body: body(i),
      });
    return { ...registration, body, submit };
  } catch (error) {
    await registration.stop();
    throw error;
  }
}
