// Every text the command line prints about a mistake, in one place so they stay short and alike.
// Each fits on one line and names the flag, file or command it is about.

/** The flag a file was given with, when there is one: "--train 'x.csv'" or just "'x.csv'". */
const label = (flag: string) => (flag ? `${flag} ` : '');

export const cliMsg = {
  // ---- the command line itself (exit code 2) -----------------------------------------------------
  unknownCommand: (name: string, suggestion: string | undefined) =>
    `unknown command '${name}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
  unknownOption: (flag: string, suggestion: string | undefined) =>
    `unknown option '${flag}'${suggestion ? `; did you mean '--${suggestion}'?` : ''}`,
  needsValue: (flag: string, what: string) => `${flag} needs a value (${what})`,
  givenTwice: (flag: string) => `${flag} is given twice`,
  sameAs: (flag: string, other: string) => `${flag} and ${other} are the same option; give one of them`,
  noValueExpected: (flag: string) => `${flag} takes no value`,
  notBoolean: (flag: string, text: string) => `${flag}: cannot read ${JSON.stringify(text)} as true or false`,
  unexpectedArgument: (arg: string, command: string, booleanFlag?: string) =>
    `unexpected argument '${arg}' for ${command}${booleanFlag ? ` (${booleanFlag} takes true or false, or nothing for true)` : ''}`,
  missingArgument: (command: string, what: string) => `${command} needs ${what}`,
  missingOption: (command: string, flag: string, what: string) => `${command} needs ${flag} ${what}`,
  notCliParameter: (name: string) => `--${name} cannot be given on the command line (it takes a function)`,
  emptyList: (flag: string) => `${flag} needs at least one column name`,
  notPositiveInteger: (flag: string, text: string) => `${flag}: cannot read ${JSON.stringify(text)} as a whole number >= 1`,

  // ---- files (exit code 1) -----------------------------------------------------------------------
  noSuchFile: (flag: string, path: string) => `${label(flag)}'${path}': no such file`,
  notAFile: (flag: string, path: string) => `${label(flag)}'${path}' is a directory, not a file`,
  noOutputDir: (flag: string, path: string, dir: string) => `${label(flag)}'${path}': the directory '${dir}' does not exist`,
  outputIsInput: (flag: string, path: string, inFlag: string) =>
    `${flag} '${path}' is also the ${inFlag} file: writing it would replace that input; choose another ${flag} path`,
  benchNeedsSource: () => 'aquifer bench runs from a source checkout of aquifer (bench/ is not in the npm package)',

  // ---- notes on stderr ---------------------------------------------------------------------------
  predictInterrupted: () => 'interrupted: no predictions were written',
  interrupted: () => 'interrupted: stopping training; the model keeps its last scoring event (Ctrl-C again to quit at once)',
  helpHint: (command?: string) => (command ? `(aquifer help ${command})` : '(aquifer --help)'),
} as const;
