import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsObject,
  IsOptional,
  IsUrl,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import { CASE_KINDS, type CaseKind, type Channel, type IdentityMode } from '../../domain';

/** A comment, suggestion, complaint, question or compliment, as it reaches the hotline. */
export class SubmitCase extends Command {
  /** Who is calling, when signed in (identified and confidential cases need it). */
  @IsOptional() @IsObject() caller?: Caller;
  @IsIn(CASE_KINDS) kind: CaseKind;
  @Matches(/^[a-z][a-z0-9-]{1,49}$/) topic: string;
  @IsString() @Length(10, 5_000) description: string;
  @IsIn(['identified', 'confidential', 'anonymous']) identity: IdentityMode;
  @IsIn(['web', 'operator', 'sms', 'open311']) channel: Channel;
  /** The language the submitter is told in (Lao unless English is chosen). */
  @IsOptional() @IsIn(['lo', 'en']) language?: 'lo' | 'en';
  @IsOptional() @Matches(/^\d{2}$/) province?: string;
  @IsOptional() @Matches(/^\d{4}$/) district?: string;
  @IsOptional() @Matches(/^\d{7}$/) village?: string;
  @IsOptional() @IsLatitude() lat?: number;
  @IsOptional() @IsLongitude() long?: number;
  @IsOptional() @IsString() @MaxLength(500) address?: string;
  /** A link to media the submitter's app keeps (Open311's media_url): https or http, never fetched. */
  @IsOptional() @IsUrl({ protocols: ['https', 'http'], require_protocol: true }) @MaxLength(2_000) mediaUrl?: string;
  /** How an anonymous submitter asked to be told (Open311's phone and e-mail). */
  @IsOptional() @Matches(/^\+?[0-9]{8,15}$/) contactPhone?: string;
  @IsOptional() @IsEmail() @MaxLength(254) contactEmail?: string;
  /** The 1516 operator recorded the caller's consent to be contacted at the phone they called from. */
  @IsOptional() @IsBoolean() consent?: boolean;
  /** Whether the 'received' notice goes out (an SMS submitter reads the number and PIN in the reply instead). */
  @IsOptional() @IsBoolean() tellOnReceipt?: boolean;
  /** Where the submission came from, for flood throttling: the client's address, and the phone or key it came by. */
  @IsOptional() @IsString() clientAddress?: string;
  @IsOptional() @IsString() sourcePhone?: string;
  @IsOptional() @IsString() sourceKey?: string;
}
