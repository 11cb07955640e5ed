/**
 * The archive's encryption: age (age-encryption.org/v1) with a passphrase, through `age-encryption`, the
 * TypeScript implementation by age's author; no crypto of our own. Streams, so an archive of any size
 * never sits in memory. The file opens with the standard `age` tool too (`age -d plazo-backup-….age`).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DomainInputError } from '../../domain';

/**
 * Loaded by Node itself, not through tsx (which runs the CLI): tsx's rewrite of this ES module makes its
 * scrypt ten times slower (a minute per archive on a loaded machine instead of seconds). A Function keeps
 * the import() from being turned into a require().
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<typeof import('age-encryption')>;
const age = () => nativeImport('age-encryption');

export async function encryptStream(plain: Readable, passphrase: string): Promise<Readable> {
  const e = new (await age()).Encrypter();
  e.setPassphrase(passphrase);
  const encrypted = await e.encrypt(Readable.toWeb(plain) as unknown as ReadableStream<Uint8Array>);
  return Readable.fromWeb(encrypted as unknown as WebReadableStream<Uint8Array>);
}

/**
 * The archive's plain bytes. A wrong passphrase (or a file that is not an age archive) fails here, before
 * anything reads the content: the caller has changed nothing yet.
 */
export async function decryptFile(path: string, passphrase: string): Promise<Readable> {
  const d = new (await age()).Decrypter();
  d.addPassphrase(passphrase);
  const file = Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
  try {
    const plain = await d.decrypt(file);
    return Readable.fromWeb(plain as unknown as WebReadableStream<Uint8Array>);
  } catch (err) {
    // age says "no identity matched" for a wrong passphrase; anything else (not an age file) is worth showing.
    const why = /no identity matched/.test((err as Error).message) ? '' : ` (${(err as Error).message})`;
    throw new DomainInputError('PLAZO_BACKUP_PASSPHRASE', `does not open ${path}${why}: a wrong passphrase, or not a Plazo backup; nothing was changed`);
  }
}
