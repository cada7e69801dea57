import { Injectable } from '@nestjs/common';
import { assertGrantable, type CivilServantRecord } from '../../domain';
import { lockManaged } from '../civil-servant-access';
import { CivilServantStore } from '../ports';
import { ChangeCivilServant } from './change-civil-servant.command';

@Injectable()
export class ChangeCivilServantHandler {
  constructor(private readonly civilServants: CivilServantStore) {}

  async execute({ caller, personId, status, roles }: ChangeCivilServant): Promise<CivilServantRecord> {
    if (roles) assertGrantable(roles);
    return this.civilServants.transaction(async (tx) => {
      const record = await lockManaged(tx, caller, personId);
      if (status) record.status = status;
      if (roles) record.roles = [...new Set(roles)].sort();
      return tx.save(record);
    });
  }
}
