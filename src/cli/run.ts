// The command line's dispatch: picks the command, parses its arguments, runs it, and turns every
// error into one line on stderr and an exit code: 0 done, 1 error, 2 bad command line.
// A stack trace follows only with AQUIFER_DEBUG=1.

import { editDistance } from '../dl/params';
import { isAquiferError } from '../util/errors';
import { VERSION } from '../version';
import { parseArgs, UsageError } from './args';
import { processContext, type Command, type Context } from './command';
import { benchCommand } from './commands/bench';
import { demoCommand } from './commands/demo';
import { describeCommand } from './commands/describe';
import { predictCommand } from './commands/predict';
import { trainCommand } from './commands/train';
import { commandHelp, generalHelp } from './help';
import { cliMsg } from './messages';

export const COMMANDS: readonly Command[] = [trainCommand, predictCommand, describeCommand, demoCommand, benchCommand];

function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.spec.name === name);
}

function suggestCommand(name: string): string | undefined {
  const names = [...COMMANDS.map((c) => c.spec.name), 'help'];
  const best = names.map((n) => [n, editDistance(name, n)] as const).sort((a, b) => a[1] - b[1])[0]!;
  return best[1] <= 2 ? best[0] : undefined;
}

/** Runs `aquifer ARGV...` and returns the exit code. */
export async function run(argv: readonly string[], ctx: Context = processContext()): Promise<number> {
  const debug = process.env.AQUIFER_DEBUG === '1';
  const general = () => generalHelp(COMMANDS.map((c) => c.spec), VERSION);
  try {
    const [first, ...rest] = argv;
    if (first === undefined) { ctx.err(general()); return 2; }
    if (first === '--help' || first === '-h') { ctx.out(general()); return 0; }
    if (first === '--version' || first === '-V' || first === 'version') { ctx.out(VERSION); return 0; }
    if (first === 'help') {
      if (rest.length === 0 || rest[0] === '--help' || rest[0] === '-h') { ctx.out(general()); return 0; }
      const cmd = findCommand(rest[0]!);
      if (!cmd) throw new UsageError(cliMsg.unknownCommand(rest[0]!, suggestCommand(rest[0]!)));
      ctx.out(commandHelp(cmd.spec));
      return 0;
    }
    const cmd = findCommand(first);
    if (!cmd) {
      if (first.startsWith('-')) throw new UsageError(cliMsg.unknownOption(first, undefined));
      throw new UsageError(cliMsg.unknownCommand(first, suggestCommand(first)));
    }
    const args = parseArgs(cmd.spec, rest);
    if (args.help) { ctx.out(commandHelp(cmd.spec)); return 0; }
    return await cmd.run(args, ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.err(`aquifer: ${e.message} ${cliMsg.helpHint(e.command)}`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    ctx.err(`aquifer: ${isAquiferError(e) ? '' : 'internal error: '}${message.split('\n')[0]}`);
    if (debug && e instanceof Error && e.stack) ctx.err(e.stack);
    return 1;
  }
}
