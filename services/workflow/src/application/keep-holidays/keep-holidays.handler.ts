import { Injectable } from '@nestjs/common';
import type { Caller } from '@onedoor/contracts';
import { assertNational, isCalendarDate, WorkflowError, WorkflowErrorCode } from '../../domain';
import { EngineCaches } from '../engine/engine-caches';
import { WorkflowStore } from '../ports';

/** The holiday calendar: deadlines count working days without these; this replica sees a change at once. */
@Injectable()
export class KeepHolidaysHandler {
  constructor(
    private readonly store: WorkflowStore,
    private readonly caches: EngineCaches,
  ) {}

  async save(date: string, name: string, caller: Caller): Promise<{ date: string; name: string }> {
    assertNational(caller, 'The holiday calendar');
    if (!isCalendarDate(date)) {
      throw new WorkflowError(WorkflowErrorCode.VALIDATION_FAILED, 'date: a calendar date, YYYY-MM-DD', [
        { field: 'date', message: 'YYYY-MM-DD' },
      ]);
    }
    await this.store.saveHoliday(date, name);
    this.caches.forgetHolidays();
    return { date, name };
  }

  async delete(date: string, caller: Caller): Promise<void> {
    assertNational(caller, 'The holiday calendar');
    if (!isCalendarDate(date) || !(await this.store.deleteHoliday(date))) {
      throw new WorkflowError(WorkflowErrorCode.HOLIDAY_NOT_FOUND, `No holiday on ${date}.`);
    }
    this.caches.forgetHolidays();
  }
}
