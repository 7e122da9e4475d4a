import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { checkSqlMode, createDataSource } from '../db/data-source.js';
import { faultForLog } from '../db/errors.js';
import { onShutdownSignal } from '../shutdown-signals.js';
import { OutboxWorker } from './worker.js';

/** `pnpm worker`: deliver outbox messages without serving HTTP (run as many as you like). */
const config = loadConfig();
// Logged by us, not by node: an unhandled QueryFailedError would print its statement's values.
const ds = await createDataSource(config.database)
  .then((created) => created.initialize())
  .then(async (ready) => {
    await checkSqlMode(ready);
    return ready;
  })
  .catch((error: unknown) => {
    console.error('[worker] could not start:', faultForLog(error));
    process.exit(1);
  });
const worker = new OutboxWorker(ds, config);
worker.start();
console.log(
  `outbox worker ${worker.id} delivering${config.smtpUrl ? '' : ' (no SMTP_URL: emails are kept in the database)'}`,
);
onShutdownSignal(() => worker.stop().then(() => ds.destroy()));
