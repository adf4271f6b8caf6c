#!/usr/bin/env node
// Compares two output trees of scripts/bundled-outputs.sh file by file: counts byte-identical
// files, and for each file that differs gives the largest relative difference of its numbers,
// |a - b| / max |column| (a column's own scale, so a value near zero is not inflated). Files
// whose text differs outside numbers (a different row count, other words) are listed as such.
// Keys that vary from run to run by nature (elapsed seconds) are ignored.
// Usage: node scripts/compare-outputs.mjs OUT_BEFORE OUT_AFTER
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node scripts/compare-outputs.mjs OUT_BEFORE OUT_AFTER');
  process.exit(2);
}
const VOLATILE = /"(seconds|elapsed\w*|wallSeconds|cpuSeconds|durationS)":\s*[-\d.eE+]+/g;

function files(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (!p.endsWith('.log')) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

const NUM = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;
/** Largest relative difference over the numbers of two texts of the same shape, or undefined. */
function numericDifference(ta, tb) {
  const la = ta.split('\n');
  const lb = tb.split('\n');
  if (la.length !== lb.length) return undefined;
  const cols = new Map(); // column -> max |value|
  const diffs = [];
  for (let i = 0; i < la.length; i++) {
    const wa = la[i].replace(NUM, '#');
    if (wa !== lb[i].replace(NUM, '#')) return undefined;
    const na = la[i].match(NUM) ?? [];
    const nb = lb[i].match(NUM) ?? [];
    for (let k = 0; k < na.length; k++) {
      const x = Number(na[k]);
      const y = Number(nb[k]);
      cols.set(k, Math.max(cols.get(k) ?? 0, Math.abs(x), Math.abs(y)));
      if (x !== y) diffs.push([k, Math.abs(x - y)]);
    }
  }
  let worst = 0;
  for (const [k, d] of diffs) worst = Math.max(worst, d / (cols.get(k) || 1));
  return { worst, count: diffs.length };
}

const fa = files(a);
const fb = new Set(files(b));
let same = 0;
let worstAll = 0;
const differing = [];
for (const f of fa) {
  if (!fb.has(f)) {
    differing.push(`${f}: missing in ${b}`);
    continue;
  }
  fb.delete(f);
  const ta = readFileSync(join(a, f), 'utf8').replace(VOLATILE, '"$1": 0');
  const tb = readFileSync(join(b, f), 'utf8').replace(VOLATILE, '"$1": 0');
  if (ta === tb) {
    same++;
    continue;
  }
  const d = numericDifference(ta, tb);
  if (!d) differing.push(`${f}: differs in shape (rows or words)`);
  else {
    worstAll = Math.max(worstAll, d.worst);
    differing.push(`${f}: ${d.count} numbers differ, largest relative difference ${d.worst.toExponential(2)}`);
  }
}
for (const f of fb) differing.push(`${f}: missing in ${a}`);
console.log(`${same} of ${fa.length} files byte-identical (volatile timing keys ignored)`);
for (const line of differing) console.log(`  ${line}`);
if (differing.length > 0) console.log(`largest relative difference over the numeric differences: ${worstAll.toExponential(2)}`);
process.exit(differing.length > 0 ? 1 : 0);
