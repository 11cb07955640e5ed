/** The `plazo` command: one commander program; each subcommand lives in its own file. */
import { Command } from 'commander';
import { RULE_PACK } from '../../domain';
import { registerAdminCommand } from './adminCommand';
import { registerBackupCommands } from './backupCommand';
import { registerCalendarCommand } from './calendarCommand';
import { registerCaseCommands } from './caseCommands';
import { registerClosuresCommand } from './closuresCommand';
import { registerDeadlineCommand } from './deadlineCommand';
import { registerImportCommand } from './importCommand';
import type { CliIo } from './io';
import { registerRulesCommand } from './rulesCommand';

export function buildProgram(io: CliIo): Command {
  const program = new Command('plazo')
    .description(`Plazo: the legal clock of migrant children's cases in Mexico (rule pack ${RULE_PACK.version})`)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: () => undefined, // main.ts prints one line of its own
    });
  for (const register of [registerDeadlineCommand, registerRulesCommand, registerCalendarCommand, registerCaseCommands, registerClosuresCommand, registerAdminCommand, registerBackupCommands, registerImportCommand]) {
    register(program, io);
  }
  // Subcommands inherit the parent's error handling only when asked to.
  const inherit = (cmd: Command) => {
    cmd.exitOverride().configureOutput(program.configureOutput());
    cmd.commands.forEach(inherit);
  };
  program.commands.forEach(inherit);
  return program;
}
