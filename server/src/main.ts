import 'reflect-metadata';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFirstAdmin } from './auth/auth.service.js';
import { systemContext } from './auth/context.js';
import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { checkSqlMode, createDataSource } from './db/data-source.js';
import { faultForLog } from './db/errors.js';
import { seedDemo } from './seed/demo.js';
import { startInboundSmtp } from './notifications/inbound-smtp.js';
import { OutboxWorker } from './notifications/worker.js';
import { onShutdownSignal } from './shutdown-signals.js';

/** Start: config → database (migrated) → first admin → demo data → HTTP. */
export async function start(
  config: Config = loadConfig(),
): Promise<{ server: Server; stop: () => Promise<void> }> {
  const ds = await createDataSource(config.database);
  await ds.initialize();
  await checkSqlMode(ds);
  const migrations = await ds.runMigrations({ transaction: 'each' });
  if (migrations.length) console.log(`migrated: ${migrations.map((m) => m.name).join(', ')}`);

  const admin = await ensureFirstAdmin(ds, config.adminEmail, config.adminPassword);
  if (admin === 'not-configured')
    console.warn('No users yet: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin.');
  if (config.seedDemo) {
    const seeded = await seedDemo(systemContext(ds, config));
    if (seeded.orders) console.log(`demo data: ${seeded.partners} partners, ${seeded.orders} orders`);
  }

  const { app, apollo } = await createApp(ds, config);
  const worker = config.outboxWorker ? new OutboxWorker(ds, config) : null;
  worker?.start();
  const smtp = config.inboundSmtpPort === null ? null : await startInboundSmtp(ds, config);
  if (smtp)
    console.log(`Forwarded tracking emails: SMTP on port ${smtp.port} for *@${config.inboundEmailDomain}`);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.port, () => resolve(s));
  });
  // Longer than a load balancer's idle timeout (60 s), so the server never closes a connection the balancer is about to reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Fulfillment tracking is running at http://localhost:${port}/ (GraphQL at /graphql)`);
  if (admin === 'created' && config.adminEmail)
    console.log(
      `Sign in as ${config.adminEmail} / ${config.adminPassword === 'demo-admin-password' ? 'demo-admin-password' : '(ADMIN_PASSWORD)'}`,
    );

  const stop = async () => {
    // Stop accepting; close keep-alive connections as soon as their last response is out; give stragglers 25 s.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), 25_000);
    await Promise.all([closed, smtp?.close()]);
    clearInterval(idle);
    clearTimeout(deadline);
    await worker?.stop();
    await apollo.stop();
    await ds.destroy();
  };
  return { server, stop };
}

const isMain =
  process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain) {
  // Logged by us, not by node: an unhandled QueryFailedError would print its statement's values.
  const { stop } = await start().catch((error: unknown) => {
    console.error('[server] could not start:', faultForLog(error));
    process.exit(1);
  });
  // Stop taking new connections, let in-flight requests finish, then close the database.
  onShutdownSignal(stop);
}
