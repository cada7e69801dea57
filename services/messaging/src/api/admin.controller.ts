import { Body, Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles, ROLES } from '@onedoor/auth';
import { Put, Returns, schema } from '@onedoor/http';
import { MessageQueries } from '../application/queries/messages.queries';
import { SaveRule } from '../application/save-rule/save-rule.command';
import { SaveRuleHandler } from '../application/save-rule/save-rule.handler';
import { SaveTemplate } from '../application/save-template/save-template.command';
import { SaveTemplateHandler } from '../application/save-template/save-template.handler';
import { RuleDto, TemplateDto } from './messages.dto';
import { RULE, TEMPLATE } from './schemas';

@ApiTags('templates and rules')
@ApiBearerAuth()
@Controller()
export class AdminController {
  constructor(
    private readonly templatesSaved: SaveTemplateHandler,
    private readonly rulesSaved: SaveRuleHandler,
    private readonly queries: MessageQueries,
  ) {}

  @Get('templates')
  @Returns(schema.array(TEMPLATE))
  @RequireRoles(ROLES.platformOperator, ROLES.messagingSender)
  @ApiOperation({ summary: 'Message templates by key, channel and language' })
  templates() {
    return this.queries.templates();
  }

  @Get('templates/:key/:channel/:language')
  @Returns(TEMPLATE)
  @RequireRoles(ROLES.platformOperator, ROLES.messagingSender)
  @ApiOperation({ summary: 'One template' })
  template(@Param('key') key: string, @Param('channel') channel: string, @Param('language') language: string) {
    return this.queries.template(key, channel, language);
  }

  @Put('templates/:key/:channel/:language')
  @Returns(TEMPLATE)
  @RequireRoles(ROLES.platformOperator)
  @ApiOperation({ summary: 'Add or change a template (an ICU message; checked before it is saved)' })
  saveTemplate(
    @Param('key') key: string,
    @Param('channel') channel: string,
    @Param('language') language: string,
    @Body() body: TemplateDto,
  ) {
    return this.templatesSaved.execute(
      SaveTemplate.create({ key, channel, language, subject: body.subject, body: body.body }),
    );
  }

  @Get('rules')
  @Returns(schema.array(RULE))
  @RequireRoles(ROLES.platformOperator)
  @ApiOperation({ summary: 'Notification rules: which event notifies whom with which template' })
  rules() {
    return this.queries.rules();
  }

  @Get('rules/:id')
  @Returns(RULE)
  @RequireRoles(ROLES.platformOperator)
  @ApiOperation({ summary: 'One notification rule' })
  rule(@Param('id') id: string) {
    return this.queries.rule(id);
  }

  @Put('rules/:id')
  @Returns(RULE)
  @RequireRoles(ROLES.platformOperator)
  @ApiOperation({ summary: 'Add or change a rule (takes effect for the next event)' })
  saveRule(@Param('id') id: string, @Body() body: RuleDto) {
    return this.rulesSaved.execute(SaveRule.create({ id, ...body }));
  }
}
