import { readFile } from 'node:fs/promises';
import { traceError } from './trace-errors.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a trace file as UTF-8 text.
 * @throws PollVsPushError PVP_TRACE_NOT_FOUND when nothing is at `file`, or
 * PVP_TRACE_UNREADABLE for a directory, a file without read permission, or bytes that are not
 * UTF-8.
 */
export async function readTraceFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw readError(file, error);
  }

  try {
    return UTF8.decode(bytes);
  } catch {
    throw traceError(
      'PVP_TRACE_UNREADABLE',
      file,
      ' is not UTF-8 text; save it as UTF-8 CSV or JSON lines',
    );
  }
}

function readError(file: string, error: unknown): Error {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  switch (code) {
    // ENOTDIR means that a part of the path before the last one is a file, not a folder.
    case 'ENOENT':
    case 'ENOTDIR':
      return traceError('PVP_TRACE_NOT_FOUND', file, ' not found; check the path passed to --file');
    case 'EISDIR':
      return traceError(
        'PVP_TRACE_UNREADABLE',
        file,
        ' is a directory; pass the path of a CSV or JSON-lines file in it',
      );
    case 'EACCES':
    case 'EPERM':
      return traceError(
        'PVP_TRACE_UNREADABLE',
        file,
        ' could not be read: permission denied; check the file permissions',
      );
    default: {
      const reason = error instanceof Error ? error.message : String(error);
      return traceError(
        'PVP_TRACE_UNREADABLE',
        file,
        ` could not be read: ${reason}; check that the path is a readable file`,
      );
    }
  }
}
