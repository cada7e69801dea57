import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccountController } from './api/account.controller';
import { ApplicationsController } from './api/applications.controller';
import { HotlineController } from './api/hotline.controller';
import { PageErrorsFilter } from './api/page-errors.filter';
import { PagesController } from './api/pages.controller';
import { SignInController } from './api/sign-in.controller';
import { AppShellController } from './api/app-shell.controller';
import { FormValidators } from './forms/form-validators';
import { Desk } from './office/desk';
import { OfficeController } from './office/office.controller';
import { BlocksClient } from './platform/blocks.client';
import { Portal } from './platform/portal';
import { CookieSealer } from './session/session';
import { IdentitySignIn } from './session/sign-in';
import { CITIZEN_WEB_CONFIG, type CitizenWebConfig } from './web.config';

/**
 * The citizen's web app and, under /office, the officers' workspace: pages over the blocks' public APIs; no database,
 * no broker, no data of its own.
 */
@Module({})
export class CitizenWebModule {
  static register(config: CitizenWebConfig) {
    return {
      module: CitizenWebModule,
      controllers: [
        PagesController,
        HotlineController,
        SignInController,
        ApplicationsController,
        AccountController,
        AppShellController,
        OfficeController,
      ],
      providers: [
        { provide: CITIZEN_WEB_CONFIG, useValue: config },
        { provide: BlocksClient, useValue: new BlocksClient(config.apiUrl, config.blockUrls) },
        { provide: Portal, useFactory: (blocks: BlocksClient) => new Portal(blocks), inject: [BlocksClient] },
        { provide: Desk, useFactory: (blocks: BlocksClient) => new Desk(blocks), inject: [BlocksClient] },
        { provide: CookieSealer, useValue: new CookieSealer(config.sessionKey) },
        {
          provide: IdentitySignIn,
          useValue: new IdentitySignIn(
            (config.blockUrls.identity ?? `${config.apiUrl}/identity`).replace(/\/$/, ''),
            config.client,
            `${config.publicUrl}/signin/callback`,
          ),
        },
        FormValidators,
        { provide: APP_FILTER, useClass: PageErrorsFilter },
      ],
    };
  }
}
