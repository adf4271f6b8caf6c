/**
 * A failed file operation as one plain sentence with the path (`cannot read 'x.yaml': no such
 * file`), instead of Node's `ENOENT: no such file or directory, open 'x.yaml'`.
 */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EMFILE: 'too many open files',
};

const ACTIONS: Record<string, string> = { open: 'read', read: 'read', scandir: 'list', mkdir: 'create the directory', rename: 'move', unlink: 'remove', stat: 'read' };

/** The sentence for a Node file-system error, or undefined for any other error. */
export function fileErrorMessage(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof err.code !== 'string' || !(err.code in REASONS)) return undefined;
  const reason = REASONS[err.code]!;
  if (!err.path) return reason;
  return `cannot ${ACTIONS[err.syscall ?? ''] ?? 'open'} '${err.path}': ${reason}`;
}
