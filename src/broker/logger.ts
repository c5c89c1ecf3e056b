// One line per event on stderr: "<ISO time> <LEVEL> [<component>] <message>".
export type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  child(component: string): Logger;
}

export function createLogger(level: Level, component: string, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const emit = (lvl: Level, msg: string): void => {
    if (RANK[lvl] >= RANK[level]) write(`${new Date().toISOString()} ${lvl.toUpperCase()} [${component}] ${msg}\n`);
  };
  return {
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m) => emit('error', m),
    child: (c) => createLogger(level, `${component}/${c}`, write),
  };
}
