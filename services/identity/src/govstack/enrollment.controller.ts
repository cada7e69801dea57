import { Body, Controller, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested, validate } from 'class-validator';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Put, Returns } from '@onedoor/http';
import { EnrolPersonDto } from '../api/person.dto';
import { EnrolPerson } from '../application/enrol-person/enrol-person.command';
import { EnrolPersonHandler } from '../application/enrol-person/enrol-person.handler';
import { IdentityError, IdentityErrorCode } from '../domain';
import { ENROLLED } from '../api/schemas';

class EnrollmentRequest {
  @ApiPropertyOptional({ description: 'Registration id of the enrolment packet' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) refId?: string;
  @ApiPropertyOptional() @IsOptional() offlineMode?: boolean;
  @ApiProperty({ enum: ['NEW'] }) @IsIn(['NEW']) process: 'NEW';
  @ApiPropertyOptional({ example: 'REGISTRATION_CLIENT' }) @IsOptional() @IsString() @MaxLength(64) source?: string;
  @ApiProperty({
    description:
      'Demographic fields. Values are plain strings or GovStack language-tagged lists, e.g. [{"language":"lao","value":"ສົມພອນ"},{"language":"eng","value":"Somphone"}]. ' +
      'Names: givenName and familyName, or fullName (given name first). Also dateOfBirth, gender (Male, Female, Other), phone, email, province, district, village (administrative codes), preferredLang (lao or eng).',
  })
  @IsObject()
  fields: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsObject() metaInfo?: Record<string, unknown>;
}

class EnrollmentEnvelope {
  @ApiPropertyOptional({ example: 'govstack.enrollment' }) @IsOptional() @IsString() id?: string;
  @ApiPropertyOptional({ example: 'v1' }) @IsOptional() @IsString() version?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() requesttime?: string;
  @ApiProperty({ type: EnrollmentRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => EnrollmentRequest)
  request: EnrollmentRequest;
}

type Tagged = { language?: string; value?: unknown }[];

/** A field's value in one language ('lao' or 'eng'), or its plain value. */
export function fieldValue(
  fields: Record<string, unknown>,
  name: string,
  language?: 'lao' | 'eng',
): string | undefined {
  let raw = fields[name];
  if (typeof raw === 'string' && raw.trim().startsWith('[')) {
    try {
      raw = JSON.parse(raw);
    } catch {
      return raw as string;
    }
  }
  if (Array.isArray(raw)) {
    const list = raw as Tagged;
    const entry = language ? list.find((e) => e.language === language) : list[0];
    return entry?.value === undefined ? undefined : String(entry.value);
  }
  if (raw === undefined || raw === null) return undefined;
  return language === 'eng' ? undefined : String(raw);
}

/** Maps GovStack enrolment fields onto an enrolment; unknown values stay for validation to name. */
export function enrolmentFromFields(fields: Record<string, unknown>): Record<string, unknown> {
  const split = (full?: string) => {
    const [given, ...family] = (full ?? '').trim().split(/\s+/);
    return { given: given || undefined, family: family.join(' ') || undefined };
  };
  const lao = split(fieldValue(fields, 'fullName', 'lao'));
  const eng = split(fieldValue(fields, 'fullName', 'eng'));
  const gender = fieldValue(fields, 'gender', 'eng') ?? fieldValue(fields, 'gender');
  const language = fieldValue(fields, 'preferredLang');
  return {
    givenNameLo: fieldValue(fields, 'givenName', 'lao') ?? lao.given,
    familyNameLo: fieldValue(fields, 'familyName', 'lao') ?? lao.family,
    givenNameEn: fieldValue(fields, 'givenName', 'eng') ?? eng.given,
    familyNameEn: fieldValue(fields, 'familyName', 'eng') ?? eng.family,
    dateOfBirth: fieldValue(fields, 'dateOfBirth')?.replace(/\//g, '-'),
    sex: gender
      ? (({ male: 'M', female: 'F', other: 'X' } as Record<string, string>)[gender.toLowerCase()] ?? gender)
      : undefined,
    address: {
      provinceCode: fieldValue(fields, 'province'),
      districtCode: fieldValue(fields, 'district'),
      villageCode: fieldValue(fields, 'village'),
    },
    phone: fieldValue(fields, 'phone'),
    email: fieldValue(fields, 'email'),
    preferredLanguage: language
      ? (({ lao: 'lo', eng: 'en' } as Record<string, string>)[language] ?? language)
      : undefined,
  };
}

/** GovStack's enrolment API (PUT /enrollment): the same enrolment as POST /persons, in GovStack's envelope. */
@ApiTags('persons')
@ApiBearerAuth()
@Controller('enrollment')
export class GovStackEnrollmentController {
  constructor(private readonly enrolling: EnrolPersonHandler) {}

  @Put()
  @Returns(ENROLLED, 201)
  @HttpCode(201)
  @RequireRoles(ROLES.identityRegistrar)
  @ApiOperation({ summary: 'GovStack enrolment: enrol a person from an enrolment packet and issue their UIN' })
  async enrol(@CurrentCaller() caller: Caller, @Body() body: EnrollmentEnvelope) {
    const dto = plainToInstance(EnrolPersonDto, enrolmentFromFields(body.request.fields));
    const errors = await validate(dto, { whitelist: true });
    if (errors.length) {
      const flat = errors.flatMap((error) =>
        error.children?.length
          ? error.children.map((child) => ({
              field: `request.fields.${child.property}`,
              message: Object.values(child.constraints ?? {}).join('; '),
            }))
          : [{ field: `request.fields.${error.property}`, message: Object.values(error.constraints ?? {}).join('; ') }],
      );
      throw new IdentityError(
        IdentityErrorCode.VALIDATION_FAILED,
        flat.map((e) => `${e.field}: ${e.message}`).join('; '),
        flat,
      );
    }
    const person = await this.enrolling.execute(EnrolPerson.create({ caller, ...dto }));
    return {
      id: body.id ?? 'govstack.enrollment',
      version: body.version ?? 'v1',
      responsetime: new Date().toISOString(),
      metaData: { data: JSON.stringify({ personId: person.id, uin: person.uin }) },
      response: [
        {
          id: body.request.id ?? person.id,
          refId: body.request.refId,
          process: body.request.process,
          source: body.request.source,
          creationDate: person.createdAt,
        },
      ],
      errors: [],
    };
  }
}
