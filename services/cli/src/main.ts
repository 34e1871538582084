import { auditCommand, AUDIT_HELP } from './audit.command';
import { evalCommand, EVAL_HELP } from './eval.command';
import { importCommand, IMPORT_HELP } from './import.command';
import { CliIo, UsageError, writeLine } from './io';
import { keysCommand, KEYS_HELP } from './keys.command';
import { scoreCommand, SCORE_HELP } from './score.command';
import { scrapeCommand, SCRAPE_HELP } from './scrape.command';
import { trainCommand, TRAIN_HELP } from './train.command';

export type { CliIo } from './io';

const HELP = `Usage: lantern <command> [options]

Commands:
  score [FILE]             score ads (JSON lines or EMSCAD CSV, stdin by default), one JSON line each
  eval FILE                cross-validated evaluation on a labelled file
  train --data FILE        train the text model and write its artifact
  keys create|list|revoke  manage API keys (roles: analyst, investigator, admin, ingest)
  audit verify|list        check the audit log's hash chain, or print recent entries
  scrape URL               fetch one source once, write its ads as JSON lines (or --publish them)
  import FILE              publish ads from JSON lines or an EMSCAD CSV to the pipeline

Run "lantern <command> --help" for a command's options.`;

const COMMANDS: Record<string, { run: (args: string[], io: CliIo) => Promise<number>; help: string }> = {
  score: { run: scoreCommand, help: SCORE_HELP },
  eval: { run: evalCommand, help: EVAL_HELP },
  train: { run: trainCommand, help: TRAIN_HELP },
  keys: { run: keysCommand, help: KEYS_HELP },
  audit: { run: auditCommand, help: AUDIT_HELP },
  scrape: { run: scrapeCommand, help: SCRAPE_HELP },
  import: { run: importCommand, help: IMPORT_HELP },
};

/** Runs one command; returns the exit code. Never throws for bad input or usage. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    await writeLine(name ? io.stdout : io.stderr, HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    await writeLine(io.stderr, `unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    await writeLine(io.stderr, usage ? `${(error as Error).message}\n\n${command.help}` : `lantern ${name}: ${(error as Error).message}`);
    return usage ? 2 : 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`lantern: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
