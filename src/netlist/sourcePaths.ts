/**
 * Paths of netlist files without `node:path`, so the language runs in a browser too. POSIX
 * semantics ('/' separators); relative paths resolve against the process's directory when there is
 * one (Node) and against '/' otherwise (a page, whose bundled files live under '/').
 */

function cwd(): string {
  // A global, not an import: absent in a browser, where the bundle has no `process`.
  const p = (globalThis as { process?: { cwd?: () => string } }).process;
  return typeof p?.cwd === 'function' ? p.cwd() : '/';
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/');
}

/** `a/b/../c` -> `a/c`; keeps a leading '/'. */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!isAbsolutePath(path)) out.push('..');
      continue;
    }
    out.push(part);
  }
  return (isAbsolutePath(path) ? '/' : '') + out.join('/');
}

/** Absolute path of `path` read from the directory `dir` (itself relative to the working directory). */
export function resolvePath(dir: string, path: string): string {
  if (isAbsolutePath(path)) return normalise(path);
  const base = isAbsolutePath(dir) ? dir : `${cwd()}/${dir}`;
  return normalise(`${base}/${path}`) || '/';
}

export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : path.slice(0, i);
}

/** A path as the user should read it: relative to the working directory when it lies inside it. */
export function displayPath(path: string): string {
  const root = cwd();
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) && path.length > prefix.length ? path.slice(prefix.length) : path;
}
