import { Inject, Injectable } from '@nestjs/common';
import { BLOCKS, type Caller } from '@onedoor/contracts';
import { MediatorError, MediatorErrorCode as Code } from '../../domain';
import { MEDIATOR_CONFIG, type MediatorConfig } from '../../mediator.config';
import { ApiDocuments, Grants, type ApiDocument } from '../ports';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const GOVSTACK = '-govstack';

/** A block's two REST services: OneDoor's API (`<block>`) and its GovStack face (`<block>-govstack`). */
const serviceOf = (path: string, block: string) => (path.includes('/govstack/') ? `${block}${GOVSTACK}` : block);

/**
 * GovStack's information-mediator directory services over the platform: the platform is a member, each block (and
 * the mediator) an application of it, the clients granted events applications that call it; each block serves two
 * REST services, its OneDoor API and its GovStack face, described by the block's own OpenAPI document. Allowed
 * methods are those a caller's roles open (`x-onedoor-roles` in the documents; public and any-signed-in routes to
 * all): what each route then shows a caller is the block's own rule.
 */
@Injectable()
export class DirectoryHandler {
  constructor(
    private readonly documents: ApiDocuments,
    private readonly grants: Grants,
    @Inject(MEDIATOR_CONFIG) private readonly config: Pick<MediatorConfig, 'member'>,
  ) {}

  async clients(instanceId?: string) {
    const { member } = this.config;
    if (instanceId && instanceId !== member.instanceId) return { member: [] };
    const clients = [...new Set((await this.grants.list()).map((grant) => grant.clientId))];
    return {
      member: [
        { name: 'OneDoor', id: { objectType: 'MEMBER', ...member } },
        ...BLOCKS.map((block) => ({
          name: `OneDoor ${block}`,
          id: { objectType: 'APPLICATION', ...member, applicationCode: block },
        })),
        ...clients.map((client) => ({
          name: client,
          id: { objectType: 'APPLICATION', instanceId: member.instanceId, applicationCode: client },
        })),
      ],
    };
  }

  /** The REST services of a block and their endpoints: all of them, or those `caller` may call. */
  async methods(provider: string, serviceId?: string, caller?: Caller) {
    const document = await this.document(provider);
    const services = new Map<string, { method: string; path: string }[]>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation || (caller && !allowed(operation, caller))) continue;
        const service = serviceOf(path, provider);
        services.set(service, [...(services.get(service) ?? []), { method: method.toUpperCase(), path }]);
      }
    }
    const member = [...services]
      .filter(([service]) => !serviceId || service === serviceId)
      .map(([serviceCode, endpoints]) => ({
        objectType: 'SERVICE',
        serviceType: 'REST',
        ...this.config.member,
        applicationCode: provider,
        serviceCode,
        serviceVersion: document.info.version,
        endpointList: { member: endpoints },
      }));
    return { member };
  }

  /** The OpenAPI document of one REST service: the block's document with that service's paths only. */
  async openApi(provider: string, serviceCode: string): Promise<ApiDocument> {
    const document = await this.document(provider);
    const paths = Object.fromEntries(
      Object.entries(document.paths).filter(([path]) => serviceOf(path, provider) === serviceCode),
    );
    if (!Object.keys(paths).length) {
      throw new MediatorError(Code.SERVICE_NOT_FOUND, `No service ${serviceCode} of ${provider}.`, [
        { field: 'serviceCode', message: `${provider} or ${provider}${GOVSTACK}` },
      ]);
    }
    return { ...document, paths };
  }

  private async document(provider: string): Promise<ApiDocument> {
    if (!BLOCKS.includes(provider as never)) {
      throw new MediatorError(
        Code.SERVICE_NOT_FOUND,
        `No service provider ${provider}: the blocks are ${BLOCKS.join(', ')}.`,
      );
    }
    const document = await this.documents.of(provider);
    if (!document) {
      throw new MediatorError(Code.DIRECTORY_UNAVAILABLE, `${provider}'s API document cannot be read just now.`);
    }
    return document;
  }
}

/** Whether a caller's roles open an operation: public, any signed-in caller, or one of the roles it names. */
function allowed(operation: { security?: unknown[]; 'x-onedoor-roles'?: string[] }, caller: Caller): boolean {
  const roles = operation['x-onedoor-roles'];
  return (
    (Array.isArray(operation.security) && operation.security.length === 0) ||
    !roles?.length ||
    roles.some((role) => caller.roles.includes(role))
  );
}
