import { migrateBlock, type DataSource } from '@onedoor/persistence';
import { blockDataSource } from '@onedoor/platform-kit';
import { createScratchDatabase, type ScratchDatabase } from '@onedoor/testing';
import { IdentityBlock } from '../index';
import { uinRejection, type UinPolicy } from '../domain';
import { UinRegistry } from './uin-registry';

describe('UIN registry on the real database', () => {
  const policy: UinPolicy = { length: 10, restricted: new Set() };
  let db: ScratchDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createScratchDatabase('onedoor_uin');
    dataSource = blockDataSource(IdentityBlock, db.url, 20);
    await migrateBlock(dataSource, 'identity');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('issues unique, valid numbers to 20 concurrent enrolments of 100 people each', async () => {
    const registry = new UinRegistry(policy);
    const issued = (
      await Promise.all(
        Array.from({ length: 20 }, () =>
          dataSource.transaction(async (manager) => {
            const mine: string[] = [];
            for (let i = 0; i < 100; i++) mine.push(await registry.allocate(manager));
            return mine;
          }),
        ),
      )
    ).flat();
    expect(issued).toHaveLength(2_000);
    expect(new Set(issued).size).toBe(2_000);
    expect(issued.every((uin) => uinRejection(uin, policy) === undefined)).toBe(true);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM identity.uin_registry WHERE uin = ANY($1)`, [
      issued,
    ]);
    expect(n).toBe(2_000);
  });

  it('frees the number of an enrolment that rolled back', async () => {
    const registry = new UinRegistry(policy);
    let uin = '';
    await expect(
      dataSource.transaction(async (manager) => {
        uin = await registry.allocate(manager);
        throw new Error('the enrolment failed after the number was drawn');
      }),
    ).rejects.toThrow('enrolment failed');
    const rows = await dataSource.query(`SELECT uin FROM identity.uin_registry WHERE uin = $1`, [uin]);
    expect(rows).toEqual([]);
  });
});
