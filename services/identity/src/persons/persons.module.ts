import { Module } from '@nestjs/common';
import { ReferenceDataModule } from '../reference-data/reference-data.module';
import { UinModule } from '../uin/uin.module';
import { GovStackEnrollmentController } from './govstack-enrollment.controller';
import { PersonsController } from './persons.controller';
import { PersonsService } from './persons.service';

@Module({
  imports: [ReferenceDataModule, UinModule],
  controllers: [PersonsController, GovStackEnrollmentController],
  providers: [PersonsService],
  exports: [PersonsService],
})
export class PersonsModule {}
