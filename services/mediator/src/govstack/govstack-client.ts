import { MediatorError, MediatorErrorCode as Code } from '../domain';

/** GovStack's X-GovStack-Client: the calling system, required by the information mediator's operations. */
export function requireGovStackClient(header: string | undefined): void {
  if (!header?.trim()) {
    throw new MediatorError(Code.VALIDATION_FAILED, 'The X-GovStack-Client header names the calling system.', [
      { field: 'X-GovStack-Client', message: 'required, such as LA/GOV/MOF/tax-system' },
    ]);
  }
}
