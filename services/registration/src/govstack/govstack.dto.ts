import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
import { IsCalendarDate } from '@onedoor/application';
import { OpenSchema } from '@onedoor/http';

// Requests as GovStack's registration document (GovStack_Registration_BB_API.json) writes them: its property
// names, its optional fields, and properties it does not name dropped rather than refused (OpenSchema).

@OpenSchema()
export class GovStackFormData {
  @ApiPropertyOptional({ example: { businessName: 'ຮ້ານ ສົມພອນ', capital: 50000000 } })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The eForm (service version) the data was captured with' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  eFormId?: string;
}

/** applicationFileSubmit. */
@OpenSchema()
export class ApplicationFileSubmit {
  @ApiProperty({ description: "The applicant: the identity block's person id; a citizen applying is themself" })
  @IsString()
  @MaxLength(200)
  applicantId: string;
  @ApiPropertyOptional({ example: 'Somphone General Store' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  applicationName?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() created?: string;
  @ApiPropertyOptional({ type: GovStackFormData })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GovStackFormData)
  formData?: GovStackFormData;
  @ApiPropertyOptional({
    type: [String],
    description: 'The urls POST /documents answered: those uploads become the application’s documents',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2_000, { each: true })
  documentUrls?: string[];
}

const SORT_BY = [
  'created',
  'id',
  'name',
  'nameCaseInsensitive',
  'dueDate',
  'instanceId',
  'caseInstanceId',
  'executionId',
  'caseExecutionId',
  'assignee',
  'description',
  'priority',
] as const;

/** firstResult, maxResult, sortBy, sortOrder: the lists' window and order, as the document names them. */
@OpenSchema()
export class GovStackWindow {
  @ApiPropertyOptional({ description: 'The index of the first result (0 is the first)', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  firstResult?: number;
  @ApiPropertyOptional({ description: 'At most this many results (at most 500)', default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(500)
  maxResult?: number;
  @ApiPropertyOptional({ enum: SORT_BY, description: 'created, id, name and dueDate order; the others order by id' })
  @IsOptional()
  @IsIn(SORT_BY)
  sortBy?: (typeof SORT_BY)[number];
  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOptional() @IsIn(['asc', 'desc']) sortOrder?: 'asc' | 'desc';
}

@OpenSchema()
export class GovStackApplicationQuery extends GovStackWindow {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) serviceId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) applicantId?: string;
}

@OpenSchema()
export class GovStackTaskQuery extends GovStackWindow {
  @ApiPropertyOptional({ description: 'The application file whose tasks these are (OneDoor groups tasks by file)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  mainTaskId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) fileId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) assigneeId?: string;
}

/** additionalData: the officer's data; `outcome` (or a `status` code) is the decision, approve when none. */
@OpenSchema()
export class AdditionalData {
  @ApiPropertyOptional({ example: { outcome: 'approve', comment: 'All documents present.' } })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

@OpenSchema()
export class GovStackStatisticsQuery {
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @IsCalendarDate() startDate?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsCalendarDate() endDate?: string;
  @ApiPropertyOptional({ description: "A service's code or its name in Lao or English" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  registrationName?: string;
  @ApiPropertyOptional({ description: 'The officer who decided' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  operator?: string;
  @ApiPropertyOptional({ description: 'The office (processing role) that decided' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  role?: string;
  @ApiPropertyOptional({ enum: ['day', 'week', 'month', 'year'] })
  @IsOptional()
  @IsIn(['day', 'week', 'month', 'year'])
  timeframe?: 'day' | 'week' | 'month' | 'year';
}

@OpenSchema()
export class GovStackServiceQuery {
  @ApiPropertyOptional({ description: "Part of a service's name, in Lao or English" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}
