import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StorageUnavailable } from '@onedoor/application';
import { FileSystemDocumentStorage } from './document-storage';

/** The file store failing as volumes fail: it says so (StorageUnavailable, a 503), within its time, and leaves no debris. */
describe('FileSystemDocumentStorage when its volume fails', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'onedoor-storage-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps and gives back bytes under their SHA-256', async () => {
    const storage = new FileSystemDocumentStorage(path.join(root, 'documents'));
    const { key } = await storage.put(Buffer.from('%PDF-1.7 a'));
    expect((await storage.get(key)).toString()).toBe('%PDF-1.7 a');
  });

  it('a volume that is not there (a file where its directory should be): StorageUnavailable, no temporary file left', async () => {
    const where = path.join(root, 'documents');
    writeFileSync(where, 'not a directory');
    const storage = new FileSystemDocumentStorage(where);
    const failed = await storage.put(Buffer.from('%PDF-1.7 b')).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(StorageUnavailable);
    expect((failed as StorageUnavailable).code).toBe('PLATFORM.STORAGE_UNAVAILABLE');
    expect((failed as Error).message).toMatch(/cannot be kept now.*(ENOTDIR|EEXIST)/);
    expect(readdirSync(root)).toEqual(['documents']);
  });

  it('a write that fails part-way removes its temporary file', async () => {
    const where = path.join(root, 'documents');
    const storage = new FileSystemDocumentStorage(where);
    const bytes = Buffer.from('%PDF-1.7 c');
    const { key } = await storage.put(bytes);
    // The final name taken by a directory: the rename fails after the temporary file was written.
    rmSync(path.join(where, key.slice(0, 2), key));
    execFileSync('mkdir', ['-p', path.join(where, key.slice(0, 2), key, 'x')]);
    await expect(storage.put(bytes)).rejects.toBeInstanceOf(StorageUnavailable);
    expect(readdirSync(path.join(where, key.slice(0, 2)))).toEqual([key]);
  });

  it('a document whose file is gone: StorageUnavailable, not an unexpected error', async () => {
    const storage = new FileSystemDocumentStorage(path.join(root, 'documents'));
    const { key } = await storage.put(Buffer.from('%PDF-1.7 d'));
    rmSync(path.join(root, 'documents', key.slice(0, 2), key));
    await expect(storage.get(key)).rejects.toThrow(/cannot be read now.*ENOENT/);
  });

  it('a store that does not answer (a network file system hung): StorageUnavailable within its time', async () => {
    const storage = new FileSystemDocumentStorage(path.join(root, 'documents'), 300);
    const { key } = await storage.put(Buffer.from('%PDF-1.7 e'));
    // A named pipe with no writer: reading it waits for ever, as a hung mount does.
    const file = path.join(root, 'documents', key.slice(0, 2), key);
    rmSync(file);
    execFileSync('mkfifo', [file]);
    const started = Date.now();
    await expect(storage.get(key)).rejects.toThrow(/cannot be read now.*no answer within/);
    expect(Date.now() - started).toBeLessThan(2_000);
    // Release the reader the pipe holds, so the test's process can end.
    writeFileSync(file, '');
  });
});
