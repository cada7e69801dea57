import { Injectable } from '@nestjs/common';
import type { Caller } from '@onedoor/contracts';
import {
  canRead,
  CERTIFICATE_TYPE,
  certificateClaims,
  certificateText,
  RegistrationError,
  RegistrationErrorCode,
} from '../../domain';
import { ApplicationReads, ApplicationStore, CertificateSigner } from '../ports';

/**
 * The certificate (licence, permit) of an approved application: a signed credential anyone can check offline with
 * the registration block's public key, the same mechanism as civil servants' cards (a compact JWS for a QR code),
 * with its text in Lao and English. Made from the decided application each time it is asked for; whoever may read
 * the application may have it.
 */
@Injectable()
export class IssueCertificateHandler {
  constructor(
    private readonly reads: ApplicationReads,
    private readonly applications: ApplicationStore,
    private readonly signer: CertificateSigner,
  ) {}

  async execute(caller: Caller, applicationId: string) {
    const found = await this.reads.application(applicationId);
    if (!found || !canRead(caller, found.application, found.routedUnits)) {
      throw new RegistrationError(RegistrationErrorCode.APPLICATION_NOT_FOUND, `No application ${applicationId}.`);
    }
    const { application } = found;
    if (application.status !== 'APPROVED') {
      throw new RegistrationError(
        RegistrationErrorCode.NOT_APPROVED,
        `Application ${applicationId} is ${application.status}: a certificate comes with approval.`,
      );
    }
    const service = await this.reads.service(application.serviceId);
    if (!service)
      throw new RegistrationError(RegistrationErrorCode.SERVICE_NOT_FOUND, `No service of ${applicationId}.`);
    const holder = await this.applications.knownPerson(application.applicantId);
    const claims = certificateClaims(application, service, holder);
    return {
      type: CERTIFICATE_TYPE,
      credential: await this.signer.sign(claims),
      claims,
      text: certificateText(claims),
    };
  }

  /** An online verifier's question: is this a certificate the block signed, and is its application still approved? */
  async verify(credential: string) {
    const claims = await this.signer.verify(credential);
    if (claims === 'invalid') return { valid: false as const, reason: 'invalid' as const };
    const found = await this.reads.application(claims.jti);
    if (!found || found.application.status !== 'APPROVED') {
      return { valid: false as const, reason: 'withdrawn' as const, claims };
    }
    return { valid: true as const, claims, text: certificateText(claims) };
  }
}
