/**
 * The railroad syntax diagram of the netlist grammar, generated from the parser itself.
 * `npx tsx grammar/diagram.ts` rewrites grammar/diagram.html; a test keeps the committed copy current.
 * The page loads chevrotain's diagram scripts from node_modules (relative path), so it works offline.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSyntaxDiagramsCode } from 'chevrotain';
import { netlistParser } from './parser.js';

/** Where the page finds chevrotain's diagram scripts, relative to grammar/. */
export const DIAGRAM_RESOURCE_BASE = '../node_modules/chevrotain/diagrams/';

export function syntaxDiagramHtml(): string {
  return createSyntaxDiagramsCode(netlistParser.getSerializedGastProductions(), {
    resourceBase: DIAGRAM_RESOURCE_BASE,
    css: `${DIAGRAM_RESOURCE_BASE}diagrams.css`,
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(new URL('./diagram.html', import.meta.url), syntaxDiagramHtml());
  console.log('wrote grammar/diagram.html');
}
