/** Reads an overlay file (the CLI's only I/O) and merges it with the seed overlays. */
import { readFileSync } from 'node:fs';
import { DomainInputError, parseOverlayFile, SEED_OVERLAYS, type Overlay } from '../../domain';

export function readOverlayFile(path: string): Overlay[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new DomainInputError('overlays', `cannot read file '${path}' (${code})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DomainInputError('overlays', `file '${path}' is not valid JSON (${(e as Error).message})`);
  }
  return parseOverlayFile(data);
}

/** Seed overlays plus the file's; a file overlay with a seed's id replaces it (to correct or extend it). */
export function loadOverlays(path: string | undefined, withSeed: boolean): Overlay[] {
  const fromFile = path === undefined ? [] : readOverlayFile(path);
  const ids = new Set(fromFile.map((o) => o.id));
  return [...(withSeed ? SEED_OVERLAYS.filter((o) => !ids.has(o.id)) : []), ...fromFile];
}
