import { CredentialIssued, CredentialRevoked } from '@onedoor/contracts';
import { IdentityErrorCode as Code } from '../../domain';
import { hr, identityTestBed, refusal } from '../../../test/use-case-harness';
import { CredentialQueries } from '../queries/credentials.queries';
import { RegisterCivilServant } from '../register-civil-servant/register-civil-servant.command';
import { RegisterCivilServantHandler } from '../register-civil-servant/register-civil-servant.handler';
import { RevokeCardHandler } from '../revoke-card/revoke-card.handler';
import { IssueCard, RevokeCard } from './issue-card.command';
import { IssueCardHandler } from './issue-card.handler';

const bed = identityTestBed((uc) => ({
  issue: new IssueCardHandler(uc.credentials, uc.signer),
  revoke: new RevokeCardHandler(uc.credentials),
  queries: new CredentialQueries(uc.credentials, uc.signer),
}));
const baseUrl = 'https://id.example.la/identity';

describe("civil servants' cards", () => {
  it('issues a card a verifier accepts; a new card revokes the old one, which the status list then shows', async () => {
    const person = await bed.uc.enrol();
    await new RegisterCivilServantHandler(bed.uc.civilServants, bed.uc.codes).execute(
      RegisterCivilServant.create({
        caller: hr('MOHA'),
        personId: person.id,
        employeeNumber: 'CARD-0001',
        posting: { ministryCode: 'MOHA', provinceCode: '01', level: 'central', position: 'Officer', grade: '3-2' },
        effectiveFrom: '2020-01-01',
      }),
    );
    await refusal(
      bed.issue.execute(IssueCard.create({ caller: hr('MOH'), personId: person.id, baseUrl })),
      Code.FORBIDDEN,
    );
    const first = await bed.issue.execute(IssueCard.create({ caller: hr('MOHA'), personId: person.id, baseUrl }));
    expect(await bed.queries.verify(first.credential, baseUrl)).toMatchObject({ status: 'valid' });
    const second = await bed.issue.execute(IssueCard.create({ caller: hr('MOHA'), personId: person.id, baseUrl }));
    expect(await bed.queries.verify(first.credential, baseUrl)).toMatchObject({ status: 'revoked' });
    expect(await bed.queries.verify(second.credential, baseUrl)).toMatchObject({ status: 'valid' });
    await bed.revoke.execute(RevokeCard.create({ caller: hr('MOHA'), credentialId: second.record.id, reason: 'Lost' }));
    expect(await bed.queries.verify(second.credential, baseUrl)).toMatchObject({ status: 'revoked' });
    await refusal(
      bed.revoke.execute(RevokeCard.create({ caller: hr('MOHA'), credentialId: second.record.id, reason: 'Lost' })),
      Code.CREDENTIAL_ALREADY_REVOKED,
    );
    const outbox = await bed.uc.outbox();
    expect(outbox.filter((t) => t === CredentialIssued.type)).toHaveLength(2);
    expect(outbox.filter((t) => t === CredentialRevoked.type)).toHaveLength(2);
    expect((await bed.queries.list({ sub: person.id, roles: ['citizen'] }, person.id)).length).toBe(2);
    await refusal(bed.queries.list({ sub: 'someone', roles: ['citizen'] }, person.id), Code.CREDENTIAL_NOT_FOUND);
  });
});
