import { IsIn, IsOptional, IsString } from 'class-validator';
import { Command } from '@onedoor/application';

/** A provider's delivery receipt, with the raw body and the signature it came with. */
export class RecordReceipt extends Command {
  @IsString() provider: string;
  @IsOptional() rawBody?: Buffer;
  @IsOptional() @IsString() signature?: string;
  @IsString() providerMessageId: string;
  @IsIn(['delivered', 'failed']) status: 'delivered' | 'failed';
  @IsOptional() @IsString() detail?: string;
}
