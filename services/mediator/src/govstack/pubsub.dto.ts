import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OpenSchema } from '@onedoor/http';

// Requests as GovStack's information-mediator pub/sub document (GovStack_IM_PubSub_API.yaml) writes them; the
// properties it does not name are dropped rather than refused (OpenSchema). OneDoor's extensions: `pushUrl`,
// `replayFrom`, `resume`.

@OpenSchema()
export class SubscriptionOptions {
  @ApiPropertyOptional({ default: 3600, description: 'Seconds an event stays deliverable after it was received' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30 * 86_400)
  TTL?: number;
  @ApiPropertyOptional({ default: false, description: 'Events are always delivered in order (FIFO)' })
  @IsOptional()
  @IsBoolean()
  FIFO?: boolean;
}

@OpenSchema()
export class SubscriberId {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) instanceId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) memberClass?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) memberCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) applicationCode?: string;
}

/** SubscriptionItem. */
@OpenSchema()
export class SubscriptionItemDto {
  @ApiPropertyOptional({ example: 'application.status-changed.v1', description: 'The path names it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  eventType?: string;
  @ApiPropertyOptional({ enum: ['PUSH', 'PULL'], default: 'PUSH' })
  @IsOptional()
  @IsIn(['PUSH', 'PULL'])
  delivery?: 'PUSH' | 'PULL';
  @ApiPropertyOptional({ type: SubscriptionOptions })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SubscriptionOptions)
  options?: SubscriptionOptions;
  @ApiPropertyOptional({ type: SubscriberId })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SubscriberId)
  subscriberId?: SubscriberId;
  @ApiPropertyOptional({
    example: 'https://events.example.gov.la/onedoor',
    description: 'OneDoor: where PUSH delivery POSTs each event (https)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  pushUrl?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'OneDoor: deliver again every event received since then (within the retention period)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  replayFrom?: string;
  @ApiPropertyOptional({ description: 'OneDoor: a paused PUSH subscription starts again' })
  @IsOptional()
  @IsBoolean()
  resume?: boolean;
}

/** The path of a room: the platform as GovStack names it and the room (a block). */
export class RoomParams {
  @ApiProperty({ example: 'LA' }) @IsString() @MaxLength(100) instanceId: string;
  @ApiProperty({ example: 'GOV' }) @IsString() @MaxLength(100) memberClass: string;
  @ApiProperty({ example: 'ONEDOOR' }) @IsString() @MaxLength(100) memberCode: string;
  @ApiProperty({ example: 'registration', description: 'The room: a block' })
  @IsString()
  @MaxLength(100)
  applicationCode: string;
}

export class TypeParams extends RoomParams {
  @ApiProperty({ example: 'application.status-changed.v1' }) @IsString() @MaxLength(200) eventType: string;
}

export class EventParams extends TypeParams {
  @ApiProperty({ format: 'uuid' }) @IsString() @MaxLength(100) eventId: string;
}
