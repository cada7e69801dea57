import { IsObject, IsString, IsUUID, MaxLength } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

/** A card for a civil servant, by HR of their ministry; `baseUrl` is where verifiers find the status list. */
export class IssueCard extends Command {
  @IsObject() caller: Caller;
  @IsUUID() personId: string;
  @IsString() baseUrl: string;
}

/** A card revoked, with the reason. */
export class RevokeCard extends Command {
  @IsObject() caller: Caller;
  @IsUUID() credentialId: string;
  @IsString() @MaxLength(500) reason: string;
}
