import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StorageUnavailable, type DocumentStorage } from '@onedoor/application';

/** How long a file operation may take before the request is answered 503 (a network file system not answering). */
const STORAGE_TIMEOUT_MS = 15_000;

/**
 * Documents as files under a directory (REGISTRATION_STORAGE_DIR, FEEDBACK_STORAGE_DIR; in production a mounted
 * volume or a network file system shared by the replicas). Content-addressed: the key is the SHA-256, written to a temporary file
 * and renamed, so a crash never leaves half a document under a real key.
 *
 * A store that fails (its volume full, unmounted, read-only, a document's file gone) or does not answer within
 * `timeoutMs` is StorageUnavailable: the request is answered 503, and, since the bytes are kept before the
 * database's record is written, nothing of it is recorded. A temporary file of a failed write is removed.
 */
export class FileSystemDocumentStorage implements DocumentStorage {
  constructor(
    private readonly root: string,
    private readonly timeoutMs = STORAGE_TIMEOUT_MS,
  ) {}

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('not a document key');
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(bytes: Buffer) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    const temporary = `${target}.${process.pid}.${Date.now()}.part`;
    await this.within('kept', async () => {
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(temporary, bytes, { mode: 0o600 });
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw error;
      }
    });
    return { key: sha256, sha256 };
  }

  get(key: string): Promise<Buffer> {
    const file = this.pathOf(key);
    return this.within('read', () => readFile(file));
  }

  private async within<T>(what: 'kept' | 'read', work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${Math.round(this.timeoutMs / 1000)} s`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([work(), late]);
    } catch (error) {
      throw new StorageUnavailable(
        `The document cannot be ${what} now: the document store failed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Retry shortly.`,
        error,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Keeps documents in memory: for `ONEDOOR_DATA_DIR=memory` (tests, demonstrations). */
export class MemoryDocumentStorage implements DocumentStorage {
  private readonly files = new Map<string, Buffer>();

  async put(bytes: Buffer) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.files.set(sha256, Buffer.from(bytes));
    return { key: sha256, sha256 };
  }

  async get(key: string) {
    const bytes = this.files.get(key);
    if (!bytes) throw new Error('no such document');
    return bytes;
  }
}

/** Where a block's configuration says its documents live: in memory, or under a directory. */
export function documentStorageOf(config: { inMemory: boolean; directory: string }): DocumentStorage {
  return config.inMemory ? new MemoryDocumentStorage() : new FileSystemDocumentStorage(config.directory);
}
