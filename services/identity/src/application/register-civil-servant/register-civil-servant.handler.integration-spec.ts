import { CivilServantAssigned } from '@onedoor/contracts';
import { IdentityErrorCode as Code } from '../../domain';
import { hr, identityTestBed, refusal } from '../../../test/use-case-harness';
import { ActivateAccount } from '../activate-account/activate-account.command';
import { ActivateAccountHandler } from '../activate-account/activate-account.handler';
import { IssueActivationCodeHandler } from '../issue-activation-code/issue-activation-code.handler';
import { MoveCivilServant } from '../move-civil-servant/move-civil-servant.command';
import { MoveCivilServantHandler } from '../move-civil-servant/move-civil-servant.handler';
import { CivilServantQueries } from '../queries/civil-servants.queries';
import { RegisterCivilServant } from './register-civil-servant.command';
import { RegisterCivilServantHandler } from './register-civil-servant.handler';

const bed = identityTestBed((uc) => ({
  register: new RegisterCivilServantHandler(uc.civilServants, uc.codes),
  move: new MoveCivilServantHandler(uc.civilServants, uc.codes),
  codes: new IssueActivationCodeHandler(uc.civilServants),
  activate: new ActivateAccountHandler(uc.civilServants, uc.secrets),
  queries: new CivilServantQueries(uc.civilServants),
}));

const posting = {
  ministryCode: 'MOHA',
  provinceCode: '01',
  level: 'central' as const,
  position: 'Officer',
  grade: '3-2',
};
let employee = 1000;

async function civilServant() {
  const person = await bed.uc.enrol();
  const employeeNumber = `EMP-${employee++}`;
  await bed.register.execute(
    RegisterCivilServant.create({
      caller: hr('MOHA'),
      personId: person.id,
      employeeNumber,
      posting,
      effectiveFrom: '2020-01-01',
    }),
  );
  return { person, employeeNumber };
}

describe("civil servants' records", () => {
  it('registers an enrolled person with a first posting, once; HR of another ministry may not', async () => {
    const person = await bed.uc.enrol();
    await refusal(
      bed.register.execute(
        RegisterCivilServant.create({
          caller: hr('MOH'),
          personId: person.id,
          employeeNumber: 'EMP-X001',
          posting,
          effectiveFrom: '2020-01-01',
        }),
      ),
      Code.OUT_OF_SCOPE,
    );
    const record = await bed.register.execute(
      RegisterCivilServant.create({
        caller: hr('MOHA'),
        personId: person.id,
        employeeNumber: 'EMP-X001',
        posting,
        effectiveFrom: '2020-01-01',
      }),
    );
    expect([record.status, record.ministryCode]).toEqual(['ACTIVE', 'MOHA']);
    expect(await bed.uc.outbox()).toContain(CivilServantAssigned.type);
    await refusal(
      bed.register.execute(
        RegisterCivilServant.create({
          caller: hr('MOHA'),
          personId: person.id,
          employeeNumber: 'EMP-X002',
          posting,
          effectiveFrom: '2020-01-01',
        }),
      ),
      Code.CIVIL_SERVANT_EXISTS,
    );
    await refusal(
      bed.register.execute(
        RegisterCivilServant.create({
          caller: hr('MOHA'),
          personId: '00000000-0000-4000-8000-000000000000',
          employeeNumber: 'EMP-X003',
          posting,
          effectiveFrom: '2020-01-01',
        }),
      ),
      Code.PERSON_NOT_ENROLLED,
    );
    await refusal(
      bed.register.execute(
        RegisterCivilServant.create({
          caller: hr(),
          personId: person.id,
          employeeNumber: 'EMP-X004',
          posting: { ...posting, ministryCode: 'NOPE' },
          effectiveFrom: '2020-01-01',
        }),
      ),
      Code.UNKNOWN_CODE,
    );
  });

  it('moves a civil servant after the current posting, keeping the history', async () => {
    const { person } = await civilServant();
    await refusal(
      bed.move.execute(
        MoveCivilServant.create({
          caller: hr('MOHA'),
          personId: person.id,
          to: { ...posting, provinceCode: '02' },
          effectiveFrom: '2019-12-31',
          reason: 'x',
        }),
      ),
      Code.MOVE_BEFORE_CURRENT,
    );
    // HR of one ministry moves nobody into another: both ends of a move are in the mover's scope.
    await refusal(
      bed.move.execute(
        MoveCivilServant.create({
          caller: hr('MOHA'),
          personId: person.id,
          to: { ...posting, ministryCode: 'MOH' },
          effectiveFrom: '2024-07-01',
          reason: 'x',
        }),
      ),
      Code.OUT_OF_SCOPE,
    );
    const moved = await bed.move.execute(
      MoveCivilServant.create({
        caller: hr('MOHA'),
        personId: person.id,
        to: { ...posting, provinceCode: '02' },
        effectiveFrom: '2024-07-01',
        reason: 'Promotion',
      }),
    );
    expect(moved.provinceCode).toBe('02');
    const history = await bed.queries.history(hr('MOHA'), person.id);
    expect(history.map((a) => [a.effectiveFrom, a.endedOn])).toEqual([
      ['2024-07-01', null],
      ['2020-01-01', '2024-07-01'],
    ]);
  });

  it('activates an account with the code HR gave, once, and refuses a wrong code or a weak password', async () => {
    const { person, employeeNumber } = await civilServant();
    const { activationCode } = await bed.codes.execute({ caller: hr('MOHA'), personId: person.id });
    await refusal(
      bed.activate.execute(ActivateAccount.create({ employeeNumber, activationCode, password: 'short' })),
      Code.WEAK_PASSWORD,
    );
    await refusal(
      bed.activate.execute(
        ActivateAccount.create({
          employeeNumber,
          activationCode: 'AAAA-BBBB-CCCC',
          password: 'a long pass phrase 2026!',
        }),
      ),
      Code.ACTIVATION_REFUSED,
    );
    const { otpauthUri } = await bed.activate.execute(
      ActivateAccount.create({ employeeNumber, activationCode, password: 'a long pass phrase 2026!' }),
    );
    expect(otpauthUri).toContain(encodeURIComponent(employeeNumber));
    await refusal(
      bed.activate.execute(
        ActivateAccount.create({ employeeNumber, activationCode, password: 'a long pass phrase 2026!' }),
      ),
      Code.ACTIVATION_REFUSED,
    );
    expect((await bed.queries.read({ sub: person.id, roles: ['citizen'] }, person.id)).passwordHash).toBeTruthy();
  });
});
