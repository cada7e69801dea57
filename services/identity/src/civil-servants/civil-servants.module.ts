import { Module } from '@nestjs/common';
import { ReferenceDataModule } from '../reference-data/reference-data.module';
import { CivilServantsController } from './civil-servants.controller';
import { CivilServantsService } from './civil-servants.service';

@Module({
  imports: [ReferenceDataModule],
  controllers: [CivilServantsController],
  providers: [CivilServantsService],
  exports: [CivilServantsService],
})
export class CivilServantsModule {}
