import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { OpenSchema } from '@onedoor/http';

// Requests as GovStack's workflow document (workflow/api/swagger.yaml) writes them.

/** ListOfProperties' item: `{code, value}`. */
@OpenSchema()
export class Property {
  @ApiProperty() @IsString() @MaxLength(100) code: string;
  @ApiProperty() @Allow() value: unknown;
}

/** ProcessDefinition: the BPMN 2.0 document is the processBody entry with code `bpmn`. */
@OpenSchema()
export class ProcessDefinition {
  @ApiProperty({ example: 'Business licence' }) @IsString() @MaxLength(200) name: string;
  @ApiProperty({ enum: ['None', 'Private', 'Public'] })
  @IsIn(['None', 'Private', 'Public'])
  type: 'None' | 'Private' | 'Public';
  @ApiProperty({ description: 'Recorded by the block itself: each publication is the next version' })
  @IsString()
  @MaxLength(50)
  version: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isExecutable?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isClosed?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2_000) description?: string;
  @ApiPropertyOptional({ type: [Property], description: '`{"code": "bpmn", "value": "<BPMN 2.0 XML>"}`' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => Property)
  processBody?: Property[];
}

/** ProcessInstancePayload */
@OpenSchema()
export class ProcessInstancePayload {
  @ApiProperty({ example: 'registration' }) @IsString() @MaxLength(200) processStartedBy: string;
  @ApiPropertyOptional({ type: [Property] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => Property)
  InstanceValues?: Property[];
}

@OpenSchema()
export class GovStackInstanceQuery {
  @ApiPropertyOptional({ description: 'A definition id, or a process key (any version)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  processId?: string;
}
