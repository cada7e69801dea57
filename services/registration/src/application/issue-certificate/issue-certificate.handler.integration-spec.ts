import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { RegistrationErrorCode as Code } from '../../domain';
import { JoseCertificateSigner } from '../../gateways/certificate-signer';
import { registrationConfig } from '../../registration.config';
import { citizen, refusal, registrationTestBed, serviceToApplyFor } from '../../../test/use-case-harness';
import { FollowWorkflowHandler } from '../follow-workflow/follow-workflow.handler';
import { IssueCertificateHandler } from './issue-certificate.handler';

const signerWith = (key: JsonWebKey) =>
  new JoseCertificateSigner({ ...registrationConfig({ ONEDOOR_DATA_DIR: 'memory' }), certificateKey: () => key });
const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });

const bed = registrationTestBed(async (uc) => {
  const signer = signerWith(key);
  return {
    signer,
    certificates: new IssueCertificateHandler(uc.reads, uc.applications, signer),
    follow: new FollowWorkflowHandler(uc.applications),
    ...(await serviceToApplyFor(uc)),
  };
});

const approve = (fileId: string) =>
  bed.uc.inTransaction((tx) => bed.follow.statusChanged({ businessKey: fileId, status: 'APPROVED' } as never, tx));

describe("an approved application's certificate", () => {
  it('is a credential anyone checks offline with the published key, with its text in Lao and English', async () => {
    const applicant = citizen();
    const { fileId, trackingCode } = await bed.apply(applicant, { data: { businessName: 'Mekong Crafts' } });
    await refusal(bed.certificates.execute(applicant, fileId), Code.NOT_APPROVED);
    await approve(fileId);
    const issued = await bed.certificates.execute(applicant, fileId);
    expect(decodeProtectedHeader(issued.credential)).toMatchObject({ alg: 'ES256', typ: 'onedoor-certificate+jwt' });
    // Offline: only the JWKS, downloaded once; no call to the block.
    const jwks = createLocalJWKSet((await bed.signer.publicKeys()) as never);
    const { payload } = await compactVerify(issued.credential, jwks);
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(issued.claims);
    expect(issued.claims).toMatchObject({
      iss: 'urn:onedoor:registration',
      sub: applicant.sub,
      jti: fileId,
      svc: bed.service.code,
      min: 'MOIC',
      trk: trackingCode,
    });
    expect(issued.text.lo).toContain(bed.service.name.lo);
    expect(issued.text.lo).toContain(trackingCode);
    expect(issued.text.en).toMatch(new RegExp(`^${bed.service.name.en}.*Approved by MOIC on \\d{4}-\\d{2}-\\d{2}`));
    expect(issued.credential.length).toBeLessThan(1_500); // a QR code of version 30 or less holds it

    expect(await bed.certificates.verify(issued.credential)).toMatchObject({ valid: true, claims: issued.claims });
  });

  it('is refused to those who may not read the application; a forged or altered one does not verify', async () => {
    const applicant = citizen();
    const { fileId } = await bed.apply(applicant);
    await approve(fileId);
    await refusal(bed.certificates.execute(citizen(), fileId), Code.APPLICATION_NOT_FOUND);
    const { credential } = await bed.certificates.execute(applicant, fileId);
    const [header, body, signature] = credential.split('.');
    const altered = Buffer.from(body, 'base64url').toString().replace(applicant.sub, citizen().sub);
    expect(
      await bed.certificates.verify(`${header}.${Buffer.from(altered).toString('base64url')}.${signature}`),
    ).toEqual({ valid: false, reason: 'invalid' });
    const forger = signerWith(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }));
    const forged = await forger.sign(JSON.parse(Buffer.from(body, 'base64url').toString()));
    expect(await bed.certificates.verify(forged)).toEqual({ valid: false, reason: 'invalid' });
    expect(await bed.certificates.verify('not.a.credential')).toEqual({ valid: false, reason: 'invalid' });
  });
});
