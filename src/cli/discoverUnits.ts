/**
 * Units of the columns `ncm discover` reads: from `--units I=A,Q=C,dphi=V`, from the header cell
 * (`I_2[A]`, `I_2 [A]`), or from a `#` comment line that declares `name [unit]` pairs, where a
 * trailing `_i` stands for any index (the trans-slit table's `# ... dphi_i [V] ..., I_i [A], Q_i [C]`).
 * A name in --units matches a column exactly or by its stem (`I` matches `I_2`).
 */
import { NcmError } from '../diagnostics.js';
import { parseUnit } from '../discovery/units.js';

const stem = (name: string): string => name.replace(/\[[^\]]*\]\s*$/, '').trim().replace(/_[A-Za-z0-9]+$/, '');
const bare = (name: string): string => name.replace(/\[[^\]]*\]\s*$/, '').trim();

function checked(unit: string, where: string): string {
  try {
    parseUnit(unit);
  } catch (e) {
    throw new NcmError(`${where}: ${(e as Error).message}`, { exitCode: 2 });
  }
  return unit;
}

/** `I=A,Q=C` -> map name -> unit. */
export function parseUnitsOption(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new NcmError(`--units: expected name=unit pairs such as I=A,Q=C,dphi=V, got '${part}'`, { exitCode: 2 });
    out.set(part.slice(0, eq).trim(), checked(part.slice(eq + 1).trim(), '--units'));
  }
  return out;
}

/** `name [unit]` declarations in the comment lines before the header. */
function declaredUnits(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#')) {
      if (line.trim() !== '') break;
      continue;
    }
    for (const m of line.matchAll(/([A-Za-z][A-Za-z0-9_]*)\s*\[([^\]]+)\]/g)) {
      try {
        parseUnit(m[2]!);
        out.set(m[1]!, m[2]!);
      } catch {
        // not a unit declaration (a comment may hold other brackets)
      }
    }
  }
  return out;
}

/**
 * Units of the given columns (target first, then features), or undefined when no source gives any.
 * `header` holds the table's header cells. A column without a unit, when others have one, is an error
 * with --units; when the units come from the file alone, the check is skipped and `warn` says why.
 */
export function columnUnits(fileText: string, header: readonly string[], columns: readonly string[], option: string | undefined, warn?: (message: string) => void): string[] | undefined {
  const given = option ? parseUnitsOption(option) : new Map<string, string>();
  const declared = declaredUnits(fileText);
  const unitOf = (col: string): string | undefined => {
    const b = bare(col);
    const fromOption = given.get(col) ?? given.get(b) ?? given.get(stem(col));
    if (fromOption !== undefined) return fromOption;
    const cell = header.find((h) => bare(h) === b);
    const m = cell ? /\[([^\]]*)\]\s*$/.exec(cell) : null;
    if (m) return checked(m[1]!, `header cell '${cell}'`);
    return declared.get(b) ?? declared.get(`${stem(col)}_i`);
  };
  const units = columns.map(unitOf);
  if (units.every((u) => u === undefined)) {
    if (given.size > 0) throw new NcmError(`--units: none of ${[...given.keys()].join(', ')} names a column in use (${columns.join(', ')})`, { exitCode: 2 });
    return undefined;
  }
  const missing = columns.filter((_, i) => units[i] === undefined);
  if (missing.length > 0 && given.size === 0 && warn) {
    warn(`units: the table gives no unit for ${missing.join(', ')}: no dimensional check (give all units with --units, e.g. --units ${missing.map((c) => `${stem(c)}=1`).join(',')})`);
    return undefined;
  }
  if (missing.length > 0) throw new NcmError(`units: no unit for ${missing.join(', ')} (give them with --units, e.g. --units ${missing.map((c) => `${stem(c)}=V`).join(',')})`, { exitCode: 2 });
  return units as string[];
}
