import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { OpenSchema } from '@onedoor/http';

// Requests as GovStack's messaging document writes them (its `definitions`), taken as the JSON body: the document
// declares the body as a query parameter named `body`, a flaw of the document (docs/conformance.md).

@OpenSchema()
export class RecipientInfo {
  @ApiProperty({ example: 'somphone@example.la' }) @IsString() @MaxLength(254) email: string;
  @ApiPropertyOptional({ description: 'A copy to this address (or to several, comma-separated)' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  emailCC?: string;
  @ApiPropertyOptional({ description: 'A blind copy to this address (or to several, comma-separated)' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  emailBCC?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
}

@OpenSchema()
export class EmailContent {
  @ApiPropertyOptional({ example: 'UTF-8', description: 'UTF-8 only' }) @IsOptional() @IsString() encoding?: string;
  @ApiProperty() @IsString() @Length(1, 300) title: string;
  @ApiProperty() @IsString() @Length(1, 100_000) content: string;
}

@OpenSchema()
export class CallbackSender {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2_000) URI?: string;
}

@OpenSchema()
export class SenderInfo {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) organisationName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) organisationRegNr?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) onBehalfOfName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) onBehalfOfRegNr?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(254) replyTo?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) name?: string;
}

/** What an email and a batch share: who sends it (read, not used: the platform sends as itself), its content. */
@OpenSchema()
class EmailRequest {
  @ApiPropertyOptional({ type: SenderInfo, description: 'Read and not used: the platform sends as itself' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SenderInfo)
  senderInfo?: SenderInfo;
  @ApiProperty({ type: EmailContent })
  @IsObject()
  @ValidateNested()
  @Type(() => EmailContent)
  emailContent: EmailContent;
}

/** email */
@OpenSchema()
export class Email extends EmailRequest {
  @ApiPropertyOptional({ type: CallbackSender })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CallbackSender)
  callback?: CallbackSender;
  @ApiProperty({ type: RecipientInfo })
  @IsObject()
  @ValidateNested()
  @Type(() => RecipientInfo)
  recipientInfo: RecipientInfo;
}

@OpenSchema()
export class BatchRecipientInfo {
  @ApiProperty({
    description: 'Base64 of a JSON array of `{"recipientInfo": {email, emailCC, emailBCC, name}}`',
  })
  @IsString()
  @MaxLength(1_000_000)
  batchEmailAsBase64: string;
}

/** batchEmail */
@OpenSchema()
export class BatchEmail extends EmailRequest {
  @ApiPropertyOptional({ type: CallbackSender })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CallbackSender)
  callbackURI?: CallbackSender;
  @ApiProperty({ type: BatchRecipientInfo })
  @IsObject()
  @ValidateNested()
  @Type(() => BatchRecipientInfo)
  recipientInfo: BatchRecipientInfo;
}

/** callbackContent */
@OpenSchema()
export class CallbackContent {
  @ApiPropertyOptional({ example: 'reply' }) @IsOptional() @IsString() @MaxLength(1_000) meta?: string;
  @ApiProperty({ description: 'Base64 of the callback (at most 512 kB decoded)' })
  @IsString()
  @MaxLength(700_000)
  content: string;
}
