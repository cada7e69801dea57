import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentStorage } from '@onedoor/application';

/**
 * Documents as files under a directory (REGISTRATION_STORAGE_DIR, FEEDBACK_STORAGE_DIR; in production a mounted
 * volume or a network file system shared by the replicas). Content-addressed: the key is the SHA-256, written to a temporary file
 * and renamed, so a crash never leaves half a document under a real key.
 */
export class FileSystemDocumentStorage implements DocumentStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('not a document key');
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(bytes: Buffer) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.${Date.now()}.part`;
    await writeFile(temporary, bytes, { mode: 0o600 });
    await rename(temporary, target);
    return { key: sha256, sha256 };
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
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
