import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { Command } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';

export class PublicSummaryInput {
  @IsString() @Length(5, 5_000) questionLo: string;
  @IsString() @Length(5, 10_000) answerLo: string;
  @IsOptional() @IsString() @MaxLength(5_000) questionEn?: string;
  @IsOptional() @IsString() @MaxLength(10_000) answerEn?: string;
}

/** The unit drafts the public summary; the Office publishes it (perhaps edited), keeps it unpublished, or closes. */
export class PublishAnswer extends Command {
  @IsObject() caller: Caller;
  @IsString() number: string;
  @IsIn(['draftSummary', 'publish', 'withholdPublication', 'close']) step:
    'draftSummary' | 'publish' | 'withholdPublication' | 'close';
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PublicSummaryInput) summary?: PublicSummaryInput;
  @IsOptional() @IsString() @MaxLength(2_000) reason?: string;
}
