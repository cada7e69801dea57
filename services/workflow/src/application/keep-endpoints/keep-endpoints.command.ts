import { IsIn, IsObject, IsString, IsUrl } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

export class SaveEndpoint extends Command {
  @IsString() name: string;
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }) url: string;
  @IsIn(['none', 'client-credentials']) auth: 'none' | 'client-credentials';
  @IsObject() caller: Caller;
}
