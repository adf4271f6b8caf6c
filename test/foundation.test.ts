import { describe, expect, it } from 'vitest';
import { formatDiagnostic, NcmError } from '../src/diagnostics.js';

describe('diagnostics', () => {
  it('formats file:line:column: severity: message', () => {
    expect(formatDiagnostic({ severity: 'error', message: 'expected a node name', loc: { file: 'a.cir', line: 3, column: 7 } })).toBe(
      'a.cir:3:7: error: expected a node name',
    );
  });
  it('NcmError defaults to exit code 1', () => {
    expect(new NcmError('x').exitCode).toBe(1);
  });
});
