import { Body, Controller, Get, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, IsNull } from 'typeorm';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { page, PageQuery, ProblemException, uuidParam, Post } from '@onedoor/http';
import { Message, NotificationRule, Recipient, Template, type Channel, type Language } from '../messaging.entities';
import { InvalidTemplateError, compile } from '../templates/render';
import { MessageComposer } from './composer';
import { PreferencesDto, RuleDto, TemplateDto } from './messages.dto';

const CHANNELS = ['sms', 'email', 'in_app', 'webhook'];

@ApiTags('templates and rules')
@ApiBearerAuth()
@Controller()
export class AdminController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly composer: MessageComposer,
  ) {}

  @Get('templates')
  @RequireRoles(ROLES.platformOperator, ROLES.messagingSender)
  @ApiOperation({ summary: 'Message templates by key, channel and language' })
  templates() {
    return this.dataSource.getRepository(Template).find({ order: { key: 'ASC', channel: 'ASC', language: 'ASC' } });
  }

  @Put('templates/:key/:channel/:language')
  @RequireRoles(ROLES.platformOperator)
  @ApiOperation({ summary: 'Add or change a template (an ICU message; checked before it is saved)' })
  async saveTemplate(
    @Param('key') key: string,
    @Param('channel') channel: Channel,
    @Param('language') language: Language,
    @Body() body: TemplateDto,
  ) {
    const errors = [
      ...(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(key)
        ? []
        : [{ field: 'key', message: 'such as registration.status-changed' }]),
      ...(CHANNELS.includes(channel) ? [] : [{ field: 'channel', message: `one of ${CHANNELS.join(', ')}` }]),
      ...(['lo', 'en'].includes(language) ? [] : [{ field: 'language', message: 'lo or en' }]),
    ];
    if (errors.length)
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        errors.map((e) => e.message).join('; '),
        errors,
      );
    try {
      compile(body.body, language);
      if (body.subject) compile(body.subject, language);
    } catch (error) {
      if (error instanceof InvalidTemplateError) {
        throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'MESSAGING.INVALID_TEMPLATE', error.message, [
          { field: 'body', message: error.message },
        ]);
      }
      throw error;
    }
    const template = { key, channel, language, subject: body.subject ?? null, body: body.body.normalize('NFC') };
    await this.dataSource.getRepository(Template).save(template);
    this.composer.forgetTemplates();
    return template;
  }

  @Get('rules')
  @RequireRoles(ROLES.platformOperator)
  @ApiOperation({ summary: 'Notification rules: which event notifies whom with which template' })
  rules() {
    return this.dataSource.getRepository(NotificationRule).find({ order: { id: 'ASC' } });
  }

  @Put('rules/:id')
  @RequireRoles(ROLES.platformOperator)
  @ApiOperation({ summary: 'Add or change a rule (takes effect for the next event)' })
  async saveRule(@Param('id') id: string, @Body() body: RuleDto) {
    if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(id)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        'A rule id is 2 to 64 lower-case letters, digits or "-".',
      );
    }
    const rule = { id, ...body };
    await this.dataSource.getRepository(NotificationRule).save(rule);
    return rule;
  }

  @Get('preferences/me')
  @RequireRoles(ROLES.citizen)
  @ApiOperation({ summary: "The signed-in person's messaging preferences" })
  async preferences(@CurrentCaller() caller: Caller) {
    const recipient = await this.dataSource.getRepository(Recipient).findOneBy({ personId: caller.sub });
    if (!recipient)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'MESSAGING.UNKNOWN_PERSON',
        'Messaging has no record of you yet.',
      );
    return {
      optedOut: recipient.optedOut,
      preferredLanguage: recipient.preferredLanguage,
      preferredChannel: recipient.preferredChannel,
    };
  }

  @Put('preferences/me')
  @RequireRoles(ROLES.citizen)
  @ApiOperation({
    summary: 'Opt out of (or back into) non-essential messages; language and channel are kept by the identity block',
  })
  async savePreferences(@CurrentCaller() caller: Caller, @Body() body: PreferencesDto) {
    const result = await this.dataSource
      .getRepository(Recipient)
      .update({ personId: caller.sub }, { optedOut: body.optedOut });
    if (!result.affected)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'MESSAGING.UNKNOWN_PERSON',
        'Messaging has no record of you yet.',
      );
    return this.preferences(caller);
  }

  @Get('inbox')
  @RequireRoles(ROLES.citizen)
  @ApiOperation({ summary: "The signed-in person's in-app messages, newest first" })
  async inbox(@CurrentCaller() caller: Caller, @Query() query: PageQuery) {
    const [items, total] = await this.dataSource.getRepository(Message).findAndCount({
      where: { personId: caller.sub, channel: 'in_app' },
      order: { createdAt: 'DESC' },
      take: query.limit,
      skip: query.offset,
      select: { id: true, subject: true, body: true, createdAt: true, readAt: true, templateKey: true },
    });
    return page(items, total, query);
  }

  @Post('inbox/:id/read')
  @RequireRoles(ROLES.citizen)
  @ApiOperation({ summary: 'Mark an in-app message read' })
  async markRead(@CurrentCaller() caller: Caller, @Param('id', uuidParam('messaging', 'message')) id: string) {
    const result = await this.dataSource
      .getRepository(Message)
      .update({ id, personId: caller.sub, channel: 'in_app', readAt: IsNull() }, { readAt: new Date() });
    return { id, read: true, changed: !!result.affected };
  }
}
