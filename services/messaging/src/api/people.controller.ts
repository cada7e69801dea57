import { Body, Controller, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { page, PageQuery, Post, Put, Returns, schema, uuidParam } from '@onedoor/http';
import { MarkRead } from '../application/mark-read/mark-read.command';
import { MarkReadHandler } from '../application/mark-read/mark-read.handler';
import { MessageQueries } from '../application/queries/messages.queries';
import { SetPreferences } from '../application/set-preferences/set-preferences.command';
import { SetPreferencesHandler } from '../application/set-preferences/set-preferences.handler';
import { PreferencesDto } from './messages.dto';
import { INBOX_ITEM, PREFERENCES, READ } from './schemas';

/** What a signed-in person sees of messaging: their preferences and their in-app inbox. */
@ApiTags('preferences and inbox')
@ApiBearerAuth()
@Controller()
export class PeopleController {
  constructor(
    private readonly preferencesSet: SetPreferencesHandler,
    private readonly reading: MarkReadHandler,
    private readonly queries: MessageQueries,
  ) {}

  @Get('preferences/me')
  @Returns(PREFERENCES)
  @RequireRoles(ROLES.citizen)
  @ApiOperation({ summary: "The signed-in person's messaging preferences" })
  preferences(@CurrentCaller() caller: Caller) {
    return this.queries.preferences(caller);
  }

  @Put('preferences/me')
  @Returns(PREFERENCES)
  @RequireRoles(ROLES.citizen)
  @ApiOperation({
    summary: 'Change what GET answers: opted out or not, the channel and the language of notifications',
  })
  async savePreferences(@CurrentCaller() caller: Caller, @Body() body: PreferencesDto) {
    await this.preferencesSet.execute(SetPreferences.create({ caller, ...body }));
    return this.queries.preferences(caller);
  }

  @Get('inbox')
  @Returns(schema.page(INBOX_ITEM))
  @RequireRoles(ROLES.citizen)
  @ApiOperation({
    summary:
      "The signed-in person's messages, newest first: in the app, and a copy of each SMS and e-mail (never a one-time code)",
  })
  async inbox(@CurrentCaller() caller: Caller, @Query() query: PageQuery) {
    const [items, total] = await this.queries.inbox(caller, query);
    return page(items, total, query);
  }

  @Post('inbox/:id/read')
  @Returns(READ)
  @HttpCode(200)
  @RequireRoles(ROLES.citizen)
  @ApiOperation({ summary: 'Mark a message of the inbox read (again: nothing changes, `changed` is false)' })
  markRead(@CurrentCaller() caller: Caller, @Param('id', uuidParam('messaging', 'message')) id: string) {
    return this.reading.execute(MarkRead.create({ caller, messageId: id }));
  }
}
