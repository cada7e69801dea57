/**
 * Where documents' bytes live (a use case's port; libs/persistence keeps them in files or in memory). The database
 * keeps what they are; this keeps them.
 */
export interface DocumentStorage {
  /** Stores the bytes under a key derived from their content; storing the same bytes twice is harmless. */
  put(bytes: Buffer): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Buffer>;
}
