import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@onedoor/http';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const OUTCOME = /^[a-z][a-z0-9-]{0,49}$/;

export class PropertyDto {
  @ApiProperty() @IsString() @MaxLength(100) code: string;
  @ApiProperty() @Allow() value: unknown;
}

/** GovStack's ProcessDefinition, with the BPMN document in `bpmn` (or in processBody under code `bpmn`). */
export class ProcessDefinitionDto {
  @ApiPropertyOptional({ example: 'Business licence' }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: ['None', 'Private', 'Public'] })
  @IsOptional()
  @IsIn(['None', 'Private', 'Public'])
  type?: 'None' | 'Private' | 'Public';
  @ApiPropertyOptional({ description: 'Ignored: the block numbers versions itself' }) @IsOptional() version?: unknown;
  @ApiPropertyOptional() @IsOptional() isExecutable?: boolean;
  @ApiPropertyOptional() @IsOptional() isClosed?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2_000) description?: string;
  @ApiPropertyOptional({ description: 'The BPMN 2.0 XML document (up to 1 MB)' })
  @IsOptional()
  @IsString()
  @MaxLength(1_000_000)
  bpmn?: string;
  @ApiPropertyOptional({ type: [PropertyDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PropertyDto)
  processBody?: PropertyDto[];
}

/** GovStack's ProcessInstancePayload, plus a business key and variables as an object. */
export class StartProcessDto {
  @ApiProperty({ example: 'registration' }) @IsString() @MaxLength(200) processStartedBy: string;
  @ApiPropertyOptional({ example: 'APP-7KQ4-M9XH', description: 'The case this instance handles' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  businessKey?: string;
  @ApiPropertyOptional({ example: { category: 'business-licence', province: 'VTE' } })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [PropertyDto], description: 'GovStack form of variables: [{code, value}]' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PropertyDto)
  InstanceValues?: PropertyDto[];
}

export class StopInstanceDto {
  @ApiPropertyOptional({ example: 'withdrawn by the applicant' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class InstanceQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'A definition id, or a process key (any version)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  processId?: string;
  @ApiPropertyOptional({ enum: ['running', 'completed', 'stopped', 'failed'] })
  @IsOptional()
  @IsIn(['running', 'completed', 'stopped', 'failed'])
  state?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) businessKey?: string;
}

export class TaskQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'claimed', 'completed', 'cancelled'] })
  @IsOptional()
  @IsIn(['open', 'claimed', 'completed', 'cancelled'])
  state?: string;
  @ApiPropertyOptional({ description: 'Only tasks claimed by the caller' })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: string;
  @ApiPropertyOptional({ description: 'Operators and supervisors only: another unit' })
  @IsOptional()
  @Matches(CODE)
  unit?: string;
}

export class CompleteTaskDto {
  @ApiProperty({ example: 'approve', description: 'One of the outcomes the task accepts' })
  @Matches(OUTCOME)
  outcome: string;
  @ApiPropertyOptional({ example: 'All documents present.' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  comment?: string;
  @ApiPropertyOptional({ description: 'Values the process may use next (at most 16 kB)' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

export class SendBackDto {
  @ApiProperty({ example: 'The business plan is missing a page.' }) @IsString() @MaxLength(2_000) comment: string;
}

export class ReassignTaskDto {
  @ApiPropertyOptional({ example: 'MOIC-VTE-D02', description: 'Another unit' })
  @IsOptional()
  @Matches(CODE)
  unit?: string;
  @ApiPropertyOptional({ description: 'An officer of the unit (their subject)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  assignee?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) comment?: string;
}

export class MessageDto {
  @ApiProperty({ example: 'registration.fee-paid' }) @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/) name: string;
  @ApiProperty({ example: 'APP-7KQ4-M9XH', description: 'The business key of the instances to deliver it to' })
  @IsString()
  @MaxLength(200)
  correlationKey: string;
  @ApiPropertyOptional() @IsOptional() @IsObject() variables?: Record<string, unknown>;
}

export class RoutingRuleDto {
  @ApiProperty({ example: 'business-licence' }) @Matches(CODE) category: string;
  @ApiPropertyOptional({ example: 'VTE', description: 'Empty or absent: every province' })
  @IsOptional()
  @Matches(/^([A-Z0-9-]{2,20})?$/)
  province?: string;
  @ApiPropertyOptional({ example: 'VTE-01', description: 'Empty or absent: every district' })
  @IsOptional()
  @Matches(/^([A-Z0-9-]{2,20})?$/)
  district?: string;
  @ApiProperty({ example: 'MOIC-VTE-D01' }) @Matches(CODE) unit: string;
}

export class RouteQuery {
  @ApiProperty() @Matches(CODE) category: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z0-9-]{2,20}$/) province?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z0-9-]{2,20}$/) district?: string;
}

export class HolidayDto {
  @ApiProperty({ example: 'Lao National Day' }) @IsString() @MaxLength(200) name: string;
}

export class EventMappingDto {
  @ApiProperty({ example: 'la.gov.onedoor.registration.application.submitted.v1' })
  @Matches(/^la\.gov\.onedoor\.[a-z0-9.-]+\.v[0-9]+$/)
  eventType: string;
  @ApiProperty({ enum: ['start', 'message'] }) @IsIn(['start', 'message']) action: 'start' | 'message';
  @ApiPropertyOptional({ example: 'business-licence' }) @IsOptional() @Matches(CODE) processKey?: string;
  @ApiPropertyOptional({ example: 'registration.fee-paid' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/)
  messageName?: string;
  @ApiProperty({
    example: 'applicationId',
    description: 'Payload path of the business key (start) or correlation key (message)',
  })
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/)
  keyPath: string;
  @ApiPropertyOptional({ example: { category: 'serviceCode', province: 'address.province' } })
  @IsOptional()
  @IsObject()
  variables?: Record<string, string>;
  @ApiPropertyOptional({ example: { serviceCode: 'business-licence' } }) @IsOptional() @IsObject() when?: Record<
    string,
    string | number | boolean
  >;
}

export class EndpointDto {
  @ApiProperty({ example: 'https://onedoor.example.la/registration/notices' })
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  @MaxLength(2_000)
  url: string;
  @ApiProperty({
    enum: ['none', 'client-credentials'],
    description: "client-credentials: send the workflow block's own access token",
  })
  @IsIn(['none', 'client-credentials'])
  auth: 'none' | 'client-credentials';
}
