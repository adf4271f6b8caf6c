/** `ncm check <file>`: parse, elaborate and validate a netlist; print a summary or the diagnostics. */
import type { Command } from 'commander';
import { formatDiagnostics, NcmError, printable } from '../diagnostics.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('parse, elaborate and validate a netlist; print a summary or every problem with file:line:column')
    .argument('<file>', 'netlist file')
    .option('--list', 'also list every element (name, kind, nodes), e.g. the expansion of a .ladder line')
    // Subcommands do not inherit the program's exitOverride (set later by runCli): usage errors must exit 2.
    .exitOverride()
    .action(async (file: string, opts: { list?: boolean }) => {
      const [{ loadNetlist }, { describeAnalysis, describeElementCounts }, { describeSweep, hasStep, planSweep }] = await Promise.all([
        import('../io/loadNetlist.js'), import('../netlist/describe.js'), import('../sweep/plan.js'),
      ]);
      const { circuit, diagnostics } = loadNetlist(file);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const warnings = diagnostics.length - errors.length;
      const unreadable = errors.length === 1 && diagnostics.length === 1 && errors[0]!.message.startsWith('cannot read netlist');
      if (unreadable) throw new NcmError(errors[0]!.message, { exitCode: 1 });
      if (!circuit || errors.length > 0) {
        throw new NcmError(`${errors.length} error${errors.length === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} in ${file}`, {
          diagnostics,
          exitCode: 1,
        });
      }
      for (const line of formatDiagnostics(diagnostics)) process.stderr.write(line + '\n');
      // `ncm run` refuses a netlist without analyses; a library of subcircuits checked on its own is fine, so a warning.
      if (circuit.analyses.length === 0) process.stderr.write(`${file}: warning: no analysis: ncm run would stop here (add .op, .tran, .cv, .chrono, .ac or .protocol)\n`);
      const lines = [
        `${file}: ok${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`,
        `title:    ${printable(circuit.title) || '(none)'}`,
        `nodes:    ${circuit.nodeNames.length} (ground and ${circuit.nodeNames.length - 1} other${circuit.nodeNames.length === 2 ? '' : 's'})`,
        `elements: ${circuit.elements.length}: ${describeElementCounts(circuit).join(', ')}`,
        circuit.analyses.length ? 'analyses:' : 'analyses: none',
        ...circuit.analyses.map((a) => `  .${a.kind}: ${describeAnalysis(a, circuit)}`),
        ...(circuit.measures?.length ? [`measures: ${circuit.measures.map((m) => `${m.name} (${m.analysis})`).join(', ')}`] : []),
        ...(hasStep(file) ? [`sweep:    ${describeSweep(planSweep(file))}`] : []),
      ];
      if (opts.list) {
        lines.push('element list:');
        for (const el of circuit.elements) lines.push(`  ${el.name} ${el.kind} ${el.nodes.map((n) => circuit.nodeNames[n]).join(' ')}`);
      }
      process.stdout.write(lines.join('\n') + '\n');
    });
}
