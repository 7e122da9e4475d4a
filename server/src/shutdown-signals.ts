import { faultForLog } from './db/errors.js';

/**
 * Runs `stop` on the first SIGTERM or SIGINT and exits when it is done. Later
 * signals are ignored rather than fatal: Ctrl-C under `pnpm start` reaches the
 * server twice (from the terminal and from the launcher), and a second stop
 * or node's default handler must not cut the graceful one short.
 */
export function onShutdownSignal(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stop().then(
        () => process.exit(0),
        (error) => {
          console.error('[shutdown] failed:', faultForLog(error));
          process.exit(1);
        },
      );
    });
  }
}
