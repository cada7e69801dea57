import { Module } from '@nestjs/common';
import { ReferenceDataController } from './reference-data.controller';
import { ReferenceData } from './reference-data.service';

@Module({ controllers: [ReferenceDataController], providers: [ReferenceData], exports: [ReferenceData] })
export class ReferenceDataModule {}
