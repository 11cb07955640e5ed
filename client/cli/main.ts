/** Entry point of `plazo` (bin/plazo, `npm run plazo --`): runs the program and maps failures to exit codes. */
import { CommanderError } from 'commander';
import { EXIT_OK, toFailure } from './errors';
import { processIo, type CliIo } from './io';
import { buildProgram } from './program';

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    // --help and --version end in a CommanderError with exit code 0: not a failure.
    if (e instanceof CommanderError && e.exitCode === 0) return EXIT_OK;
    const failure = toFailure(e);
    io.err(failure.line);
    if (process.env.PLAZO_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return failure.code;
  }
}

// Run directly (`tsx client/cli/main.ts`, as `npm run plazo` does); bin/plazo calls runCli itself.
if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
