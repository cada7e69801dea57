import { Injectable } from '@nestjs/common';
import { RegistrationError, RegistrationErrorCode } from '../../domain';
import { assertMinistry } from '../publish-service/publish-service.handler';
import { RetireService } from './retire-service.command';
import { Catalogue } from '../ports';

@Injectable()
export class RetireServiceHandler {
  constructor(private readonly catalogue: Catalogue) {}

  async execute({ code, caller }: RetireService): Promise<void> {
    await this.catalogue.transaction(async (tx) => {
      const service = await tx.find(code, false);
      if (!service) throw new RegistrationError(RegistrationErrorCode.SERVICE_NOT_FOUND, `No service ${code}.`);
      assertMinistry(caller, service.ministry);
      await tx.retire(service.code);
    });
  }
}
