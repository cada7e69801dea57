import { CivilServantAssigned } from '@onedoor/contracts';
import { IdentityErrorCode as Code } from '../../domain';
import { hr, identityTestBed, refusal } from '../../../test/use-case-harness';
import { ActivateAccount, RequestActivationProof } from '../activate-account/activate-account.command';
import { ChangeCivilServant } from '../change-civil-servant/change-civil-servant.command';
import { ChangeCivilServantHandler } from '../change-civil-servant/change-civil-servant.handler';
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
  activate: new ActivateAccountHandler(uc.civilServants, uc.signIn, uc.oneTimeCodes, uc.secrets),
  queries: new CivilServantQueries(uc.civilServants),
  change: new ChangeCivilServantHandler(uc.civilServants),
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

  it("activates an account with HR's code and the person's own one-time code, once; refuses either wrong or a weak password", async () => {
    const { person, employeeNumber } = await civilServant();
    const { activationCode } = await bed.codes.execute({ caller: hr('MOHA'), personId: person.id });
    await refusal(
      bed.activate.requestProof(RequestActivationProof.create({ employeeNumber, activationCode: 'AAAA-BBBB-CCCC' })),
      Code.ACTIVATION_REFUSED,
    );
    const proof = await bed.activate.requestProof(RequestActivationProof.create({ employeeNumber, activationCode }));
    expect(proof).toMatchObject({ channel: 'sms', challengeId: expect.any(String) });
    const delivered = await bed.uc.deliveredCode(proof.challengeId);
    // The code goes to the phone the register holds for the person: not to HR, not to an address HR chose.
    expect(delivered).toMatchObject({ destination: person.phone, purpose: 'activation' });
    const attempt = (changes: Partial<ActivateAccount>) =>
      bed.activate.execute(
        ActivateAccount.create({
          employeeNumber,
          activationCode,
          challengeId: proof.challengeId,
          code: delivered.code,
          password: 'a long pass phrase 2026!',
          ...changes,
        }),
      );
    await refusal(attempt({ password: 'short' }), Code.WEAK_PASSWORD);
    await refusal(attempt({ activationCode: 'AAAA-BBBB-CCCC' }), Code.ACTIVATION_REFUSED);
    await refusal(attempt({ code: delivered.code === '000000' ? '111111' : '000000' }), Code.ACTIVATION_REFUSED);
    const { otpauthUri } = await attempt({});
    expect(otpauthUri).toContain(encodeURIComponent(employeeNumber));
    await refusal(attempt({}), Code.ACTIVATION_REFUSED);
    const record = await bed.queries.read({ sub: person.id, roles: ['citizen'] }, person.id);
    expect(record.passwordHash).toBeTruthy();
    // The staff account has a subject of its own: its tokens never name the person.
    expect(record.accountId).toEqual(expect.any(String));
    expect(record.accountId).not.toBe(person.id);
    expect((await bed.queries.read({ sub: record.accountId, roles: [] }, person.id)).personId).toBe(person.id);
  });

  it("does not activate with HR's code alone: a code sent to HR's own phone, or a sign-in code, is not the person's proof", async () => {
    const { person, employeeNumber } = await civilServant();
    const { activationCode } = await bed.codes.execute({ caller: hr('MOHA'), personId: person.id });
    // HR signs in (or asks for a code) as someone else: that challenge was sent to another person.
    const other = await bed.uc.enrol();
    const elsewhere = await bed.uc.signIn.transaction((tx) =>
      bed.uc.oneTimeCodes.issue(tx, other, 'activation', '0c2d7f0e-8a51-4c8e-a1b2-3d4e5f607182'),
    );
    expect(elsewhere).toMatchObject({ channel: 'sms' });
    const theirs = await bed.uc.deliveredCode('0c2d7f0e-8a51-4c8e-a1b2-3d4e5f607182');
    const signInCode = await bed.uc.signIn.transaction((tx) =>
      bed.uc.oneTimeCodes.issue(tx, person, 'sign-in', '1d3e8a1f-9b62-4d9f-b2c3-4e5f60718293'),
    );
    expect(signInCode).toMatchObject({ channel: 'sms' });
    const sentForSignIn = await bed.uc.deliveredCode('1d3e8a1f-9b62-4d9f-b2c3-4e5f60718293');
    for (const [challengeId, code] of [
      ['0c2d7f0e-8a51-4c8e-a1b2-3d4e5f607182', theirs.code],
      ['1d3e8a1f-9b62-4d9f-b2c3-4e5f60718293', sentForSignIn.code],
    ]) {
      await refusal(
        bed.activate.execute(
          ActivateAccount.create({
            employeeNumber,
            activationCode,
            challengeId,
            code,
            password: 'a long pass phrase 2026!',
          }),
        ),
        Code.ACTIVATION_REFUSED,
      );
    }
    expect((await bed.queries.read(hr('MOHA'), person.id)).passwordHash).toBeNull();
  });

  it("grants the roles a ministry's staff hold (its administrators, clerk, a process's task role), never a national one", async () => {
    const { person } = await civilServant();
    const granted = await bed.change.execute(
      ChangeCivilServant.create({
        caller: hr('MOHA'),
        personId: person.id,
        roles: [
          'registration.admin',
          'registration.clerk',
          'registration.reviewer',
          'workflow.admin',
          'workflow.starter',
          'registration.admin',
        ],
      }),
    );
    expect(granted.roles).toEqual([
      'registration.admin',
      'registration.clerk',
      'registration.reviewer',
      'workflow.admin',
      'workflow.starter',
    ]);
    const refused = await refusal(
      bed.change.execute(
        ChangeCivilServant.create({
          caller: hr('MOHA'),
          personId: person.id,
          roles: ['registration.officer', 'citizen', 'platform.operator', 'workflow.admin', 'Admin'],
        }),
      ),
      Code.ROLE_NOT_GRANTABLE,
    );
    expect((refused.errors as { field: string }[]).map((f) => f.field)).toEqual(['roles.1', 'roles.2', 'roles.4']);
    expect((await bed.queries.read(hr('MOHA'), person.id)).roles).toEqual(granted.roles);
    await refusal(
      bed.register.execute(
        RegisterCivilServant.create({
          caller: hr('MOHA'),
          personId: (await bed.uc.enrol()).id,
          employeeNumber: `MOHA-${++employee}`,
          posting,
          effectiveFrom: '2020-01-01',
          roles: ['platform.operator'],
        }),
      ),
      Code.ROLE_NOT_GRANTABLE,
    );
  });
});
