import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { ProblemException } from '@onedoor/http';
import { compileDefinition, InvalidDefinitionError } from '../engine/definition-compiler';
import { ProcessDefinition } from '../workflow.entities';
import type { ProcessDefinitionDto } from '../workflow.dto';

export const BPMN_CATEGORY = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** GovStack's Process: the definition's id, key, version, and its ProcessDefinition. */
export function processView(definition: ProcessDefinition) {
  return {
    id: definition.id,
    key: definition.key,
    version: definition.version,
    category: BPMN_CATEGORY,
    processDefinition: {
      name: definition.name,
      type: definition.type,
      version: String(definition.version),
      isExecutable: true,
      description: definition.description ?? undefined,
    },
    slaWorkingDays: definition.slaWorkingDays ?? undefined,
    userTasks: definition.summary.userTasks,
    createdBy: definition.createdBy,
    createdAt: definition.createdAt,
    deleted: definition.deletedAt !== null,
  };
}

/** Process definitions: BPMN documents checked at upload and kept as numbered versions. */
@Injectable()
export class ProcessesService {
  constructor(private readonly dataSource: DataSource) {}

  /** A definition by id (that version) or by key (its latest version); deleted ones only when asked. */
  async find(manager: EntityManager, processId: string, includeDeleted = false): Promise<ProcessDefinition> {
    const definition = isUUID(processId)
      ? await manager.findOneBy(ProcessDefinition, { id: processId })
      : await manager.findOne(ProcessDefinition, {
          where: { key: processId, ...(includeDeleted ? {} : { deletedAt: IsNull() }) },
          order: { version: 'DESC' },
        });
    if (!definition || (!includeDeleted && definition.deletedAt)) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'WORKFLOW.DEFINITION_NOT_FOUND',
        `No process definition ${processId}.`,
      );
    }
    return definition;
  }

  /** Saves a new definition, or a new version of `expectedKey`'s. */
  async save(body: ProcessDefinitionDto, createdBy: string, expectedKey?: string): Promise<ProcessDefinition> {
    const bpmn = body.bpmn ?? body.processBody?.find((p) => p.code === 'bpmn')?.value;
    if (typeof bpmn !== 'string' || !bpmn.trim()) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        'bpmn: the BPMN 2.0 XML document is required',
        [{ field: 'bpmn', message: 'the BPMN 2.0 XML document is required' }],
      );
    }
    let compiled;
    try {
      compiled = await compileDefinition(bpmn);
    } catch (error) {
      if (!(error instanceof InvalidDefinitionError)) throw error;
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'WORKFLOW.INVALID_DEFINITION',
        error.message.slice(0, 2_000),
        error.errors.map((e) => ({ field: e.element, message: e.message })),
      );
    }
    const { key } = compiled.summary;
    if (expectedKey && key !== expectedKey) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'WORKFLOW.KEY_MISMATCH',
        `The document's process is ${key}, not ${expectedKey}: a new version keeps the process id.`,
        [{ field: key, message: `expected process id ${expectedKey}` }],
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('workflow.definition:' || $1))`, [key]);
      const [{ latest }]: { latest: number | null }[] = await manager.query(
        `SELECT max(version) AS latest FROM workflow.definitions WHERE key = $1 AND deleted_at IS NULL`,
        [key],
      );
      if (!expectedKey && latest !== null) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'WORKFLOW.DEFINITION_EXISTS',
          `Process ${key} exists: PUT /workflow/processes/${key} adds a version.`,
        );
      }
      if (expectedKey && latest === null) {
        throw new ProblemException(
          HttpStatus.NOT_FOUND,
          'WORKFLOW.DEFINITION_NOT_FOUND',
          `No process definition ${expectedKey}.`,
        );
      }
      const [{ next }]: { next: number }[] = await manager.query(
        `SELECT COALESCE(max(version), 0) + 1 AS next FROM workflow.definitions WHERE key = $1`,
        [key],
      );
      const definition = manager.create(ProcessDefinition, {
        id: randomUUID(),
        key,
        version: next,
        name: body.name ?? compiled.summary.name,
        description: body.description ?? null,
        type: body.type ?? 'Private',
        bpmn,
        summary: compiled.summary as unknown as Record<string, unknown>,
        slaWorkingDays: compiled.summary.slaWorkingDays ?? null,
        createdBy,
        deletedAt: null,
      });
      return manager.save(definition);
    });
  }

  /** Deletes every version of a process for new starts; running instances finish on their version. */
  async delete(processId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const definition = await this.find(manager, processId);
      await manager.update(ProcessDefinition, { key: definition.key, deletedAt: IsNull() }, { deletedAt: new Date() });
    });
  }
}
