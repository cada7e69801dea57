import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FailedAttempts } from '@onedoor/persistence';
import type { PinAttempts } from '../application/ports';

/** Failed PIN attempts in `feedback.pin_attempts` (libs/persistence FailedAttempts). */
@Injectable()
export class PinAttemptsRepository extends FailedAttempts implements PinAttempts {
  constructor(dataSource: DataSource) {
    super(dataSource, 'feedback.pin_attempts');
  }
}
