import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Delete, Post, Returns, schema as s } from '@onedoor/http';
import { Open311KeysHandler } from '../application/open311-keys/open311-keys.handler';

class Open311KeyBody {
  @ApiProperty({ example: 'Vientiane city app', description: 'The civic app the key is for' })
  @IsString()
  @Length(2, 200)
  name: string;
}

const KEY = s.object(
  {
    id: s.uuid,
    name: s.string(),
    createdBy: s.string(),
    createdAt: s.dateTime,
    revokedAt: s.nullable(s.dateTime),
    apiKey: s.string('shown once, when issued'),
  },
  ['apiKey'],
);

/** The Open311 API keys of the civic apps allowed to submit to the hotline: issued, listed, revoked by the Office. */
@ApiTags('open311')
@ApiBearerAuth()
@Controller('open311/keys')
@RequireRoles(ROLES.feedbackOffice, ROLES.platformOperator)
export class Open311KeysController {
  constructor(private readonly keys: Open311KeysHandler) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Issue an Open311 api_key for a civic app (shown once; kept as its digest)' })
  @Returns(KEY, 201)
  issue(@Body() body: Open311KeyBody, @CurrentCaller() caller: Caller) {
    return this.keys.issue(body.name, caller.sub);
  }

  @Get()
  @ApiOperation({ summary: 'The Open311 keys issued, in force or revoked (never the keys themselves)' })
  @Returns(s.array(KEY))
  list() {
    return this.keys.list();
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an Open311 key: its app can no longer submit' })
  async revoke(@Param('id', new ParseUUIDPipe()) id: string) {
    await this.keys.revoke(id);
  }
}
