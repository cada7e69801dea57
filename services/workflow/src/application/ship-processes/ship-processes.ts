import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ROLES } from '@onedoor/contracts';
import { WorkflowError, WorkflowErrorCode } from '../../domain';
import { WorkflowStore } from '../ports';
import { PublishProcess } from '../publish-process/publish-process.command';
import { PublishProcessHandler } from '../publish-process/publish-process.handler';
import { HOTLINE_CASE_BPMN, HOTLINE_CASE_MAPPINGS } from './hotline-case';

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string; driverError?: { code?: string } }).code === '23505' ||
  (error as { driverError?: { code?: string } }).driverError?.code === '23505';

/** Who publishes what OneDoor ships: national, in the process history as `onedoor`. */
const HOTLINE_CASE_KEY = 'hotline-case';
const ONEDOOR = { sub: 'onedoor', roles: [ROLES.workflowAdmin] };

/**
 * The processes OneDoor ships, published when the block first starts without them (national), and again as a new
 * version when a release changes them (a later version published by an administrator is kept), and their event mappings, saved when absent (an administrator's change
 * to one is kept). Today: the government hotline's `hotline-case`.
 */
@Injectable()
export class ShipProcesses implements OnApplicationBootstrap {
  constructor(
    private readonly store: WorkflowStore,
    private readonly publishing: PublishProcessHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ship();
      } catch (error) {
        // Replicas starting at the same moment: another one wrote the same process or mapping first (a unique
        // violation, not DEFINITION_EXISTS, when both inserted before either committed). Looked at again, it is
        // there, and kept.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  private async ship(): Promise<void> {
    try {
      await this.publishing.execute(PublishProcess.create({ caller: ONEDOOR, bpmn: HOTLINE_CASE_BPMN }));
    } catch (error) {
      // Published before (by this block on an earlier start, or by another replica starting now).
      if (!(error instanceof WorkflowError && error.code === WorkflowErrorCode.DEFINITION_EXISTS)) throw error;
      // OneDoor's own earlier version, unchanged since: this release's becomes the next version (cases already
      // running stay on theirs). A version an administrator published is theirs, and kept.
      const current = await this.store.transaction((tx) => tx.findDefinition(HOTLINE_CASE_KEY, false));
      if (current?.createdBy === ONEDOOR.sub && current.bpmn !== HOTLINE_CASE_BPMN) {
        await this.publishing.execute(
          PublishProcess.create({ caller: ONEDOOR, bpmn: HOTLINE_CASE_BPMN, expectedKey: HOTLINE_CASE_KEY }),
        );
      }
    }
    const declared = new Set((await this.store.allEventMappings()).map((mapping) => mapping.id));
    for (const mapping of HOTLINE_CASE_MAPPINGS) {
      if (declared.has(mapping.id)) continue;
      await this.store.saveEventMapping(mapping).catch((error: unknown) => {
        // Saved by another replica since we looked: it is there.
        if (!isUniqueViolation(error)) throw error;
      });
    }
  }
}
