import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Injectable, Module, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBackbone, HandlesEvent, type ReceivedEvent } from '@onedoor/backbone';
import { ProbeSent, type ProbeSentPayload } from '@onedoor/contracts';
import { RequireRoles, ROLES } from '@onedoor/auth';
import { ProblemException, uuidParam, Post } from '@onedoor/http';
import { activeTraceId } from '@onedoor/observability';
import { BLOCK_CONTEXT, type BlockContext } from '../block-definition';

class SendProbeDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'after deployment 2026-11-21' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

class ProbeSentResponse {
  @ApiProperty({ format: 'uuid' }) probeId!: string;
  @ApiProperty() eventId!: string;
}

class ProbeReceiptResponse {
  @ApiProperty() block!: string;
  @ApiProperty({ format: 'uuid' }) probeId!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() origin!: string;
  @ApiPropertyOptional() traceId?: string;
  @ApiProperty() sentAt!: string;
  @ApiProperty() receivedAt!: string;
}

/** Every block records the probes it receives: a deployed platform checks its whole event path with them. */
@Injectable()
class ProbeReceiptsHandler {
  constructor(@Inject(BLOCK_CONTEXT) private readonly block: BlockContext) {}

  @HandlesEvent(ProbeSent)
  async record(event: ReceivedEvent<ProbeSentPayload>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.block.schema}".probe_receipts (probe_id, event_id, origin, trace_id, sent_at) VALUES ($1, $2, $3, $4, $5)`,
      [event.data.probeId, event.envelope.id, event.data.origin, activeTraceId() ?? null, event.data.sentAt],
    );
  }
}

@ApiTags('diagnostics')
@ApiBearerAuth()
@RequireRoles(ROLES.platformOperator)
@Controller('diagnostics/probes')
class DiagnosticsController {
  constructor(
    @Inject(BLOCK_CONTEXT) private readonly block: BlockContext,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a backbone probe: every block records that it received it' })
  @ApiResponse({ status: HttpStatus.ACCEPTED, description: 'Sent', type: ProbeSentResponse })
  async send(@Body() body: SendProbeDto): Promise<ProbeSentResponse> {
    const payload: ProbeSentPayload = {
      probeId: randomUUID(),
      origin: this.block.name,
      sentAt: new Date().toISOString(),
      ...(body.note ? { note: body.note } : {}),
    };
    const envelope = await this.dataSource.transaction((manager) =>
      this.backbone.publisher.publish(manager, ProbeSent, payload),
    );
    this.backbone.relay.wake();
    return { probeId: payload.probeId, eventId: envelope.id };
  }

  @Get(':probeId')
  @ApiOperation({ summary: 'Whether this block received a probe, when, and in which trace' })
  @ApiResponse({ status: HttpStatus.OK, description: 'Received', type: ProbeReceiptResponse })
  async receipt(@Param('probeId', uuidParam('platform', 'probe')) probeId: string): Promise<ProbeReceiptResponse> {
    const [row] = await this.dataSource.query(
      `SELECT probe_id, event_id, origin, trace_id, sent_at, received_at FROM "${this.block.schema}".probe_receipts WHERE probe_id = $1`,
      [probeId],
    );
    if (!row) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'PLATFORM.PROBE_NOT_RECEIVED',
        `The ${this.block.name} block has not received probe ${probeId}.`,
      );
    }
    return {
      block: this.block.name,
      probeId: row.probe_id,
      eventId: row.event_id,
      origin: row.origin,
      traceId: row.trace_id ?? undefined,
      sentAt: new Date(row.sent_at).toISOString(),
      receivedAt: new Date(row.received_at).toISOString(),
    };
  }
}

@Module({ controllers: [DiagnosticsController], providers: [ProbeReceiptsHandler] })
export class DiagnosticsModule {}
