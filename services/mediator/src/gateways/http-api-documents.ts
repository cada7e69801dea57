import { Inject, Injectable } from '@nestjs/common';
import { ApiDocuments, type ApiDocument } from '../application/ports';
import { MEDIATOR_CONFIG, type MediatorConfig } from '../mediator.config';

/** How long a block's document is kept before it is read again: a deployment changes it only on upgrade. */
const KEEP_MS = 60_000;
const TIMEOUT_MS = 5_000;

/** The blocks' OpenAPI documents, read over HTTP from each block (`<base URL>/openapi.json`) and kept a minute. */
@Injectable()
export class HttpApiDocuments extends ApiDocuments {
  private readonly kept = new Map<string, { document: ApiDocument; at: number }>();

  constructor(@Inject(MEDIATOR_CONFIG) private readonly config: Pick<MediatorConfig, 'blockUrls'>) {
    super();
  }

  async of(block: string): Promise<ApiDocument | null> {
    const kept = this.kept.get(block);
    if (kept && Date.now() - kept.at < KEEP_MS) return kept.document;
    const base = this.config.blockUrls()[block];
    if (!base) return null;
    try {
      const response = await fetch(`${base}/openapi.json`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) return null;
      const document = (await response.json()) as ApiDocument;
      this.kept.set(block, { document, at: Date.now() });
      return document;
    } catch {
      return null;
    }
  }
}
