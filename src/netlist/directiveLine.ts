/**
 * What one directive line means for the statement list. A file of its own so that the directive
 * readers (directiveLines.ts and the feature files it dispatches to) all import it from below,
 * instead of from the dispatcher that imports them.
 */
import type { DirectiveAst, Loc, NameRef, ParamAssignment } from './ast.js';

export type DirectiveLine =
  | { kind: 'statement'; statement: DirectiveAst }
  | { kind: 'subckt-open'; name: string; ports: NameRef[]; params: ParamAssignment[]; loc: Loc }
  | { kind: 'subckt-close'; name?: NameRef; loc: Loc }
  | { kind: 'end'; loc: Loc }
  | { kind: 'lib-open'; name: string; loc: Loc }
  | { kind: 'lib-close'; name?: NameRef; loc: Loc }
  | { kind: 'invalid' };
