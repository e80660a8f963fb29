/* The running service: jobs, mail worker and the web app (started by src/server.ts). */
import { createApp } from './app.js';
import type { Config } from './config/index.js';
import type { Database } from './db/client.js';
import { findLocalAuthority } from './modules/local-authorities/index.js';
import { describeCredentials, isEmpty, seedDemo, seedDemoPathways, seedDemoProviders, writeCredentialsFile } from './modules/demo/index.js';
import { migrateOpenedDatabase } from './runtime.js';
import nodemailer from 'nodemailer';
import { purgeSentBodies, smtpTransportOptions, startMailWorker } from './modules/outbox/index.js';
import { remindDueActions } from './modules/portal/index.js';
import { remindSessions } from './modules/events/index.js';
import { sendDueUpdates } from './modules/bulletins/index.js';
import { deleteExpiredChildRecords } from './modules/feee/index.js';
import { deleteExpiredChildren, remindDropins } from './modules/inclusion/index.js';
import { remindVacancyReturns } from './modules/sufficiency/index.js';
import { sendQuarterlyReports } from './modules/reports/index.js';
import { startJob } from './platform/scheduler.js';
import { markInterruptedImports, processInbox } from './modules/ofsted-import/index.js';
import { systemClock } from './platform/clock.js';

/** The service once its configuration is read and its database is opening (src/server.ts). */
export async function startService(config: Config, opening: Promise<Database>, started: number): Promise<void> {
  const database = await migrateOpenedDatabase(await opening, config.database);
  if (config.demo.seedOnEmpty && !config.isProduction && (await isEmpty(database.db))) {
    const la = await findLocalAuthority(database.db, config.demo.laCode);
    const text = describeCredentials(la?.name ?? config.demo.laCode, await seedDemo(database.db, config.demo.laCode));
    const file = writeCredentialsFile(config.dataDir, text);
    console.log(`\n${text}(also written to ${file})\n${await seedDemoProviders(database.db, config.demo.laCode)}\n${await seedDemoPathways(database.db, config.demo.laCode)}\n`);
  }
  const app = await createApp(config, { database });
  // e-mails wait in the outbox; with an SMTP server configured a worker sends them
  const stopMail = config.mail.smtpUrl
    ? startMailWorker(database.db, nodemailer.createTransport(smtpTransportOptions(config.mail.smtpUrl)), config.mail.from, systemClock, app.log)
    : async () => undefined;
  // hourly: reminders of actions due within 7 days and of SEND drop-ins two working days ahead; deleting FEEE child records and inclusion children's
  // records past their retention;
  // emptying the body and attachments of e-mails sent more than MAIL_RETENTION_DAYS ago;
  // every 5 minutes: imports another instance left running when it stopped (PostgreSQL)
  const stopJobs = [
    startJob('interrupted imports job', () => markInterruptedImports(database.db, systemClock.now(), { ownsDatabase: false }), app.log, 5 * 60_000),
    // every 3 seconds: files `npm run import` handed over because this process holds the PGlite directory
    startJob('import inbox job', () => processInbox(database.db, systemClock, config.dataDir), app.log, 3_000),
    startJob('reminder job', () => remindDueActions(database.db, systemClock.now()), app.log),
    startJob('training reminder job', () => remindSessions(database.db, systemClock.now()), app.log),
    // every minute: provider updates that are due (and any a stop left part-sent)
    startJob('provider updates job', () => sendDueUpdates(database.db, systemClock.now(), config.publicBaseUrl), app.log, 60_000),
    startJob('retention job', () => deleteExpiredChildRecords(database.db, systemClock.now()), app.log),
    startJob('SEND drop-in reminder job', () => remindDropins(database.db, systemClock.now()), app.log),
    startJob('vacancy return reminder job', () => remindVacancyReturns(database.db, systemClock.now()), app.log),
    startJob('inclusion retention job', () => deleteExpiredChildren(database.db, systemClock.now(), config.uploadsDir), app.log),
    startJob('e-mail retention job', () => purgeSentBodies(database.db, systemClock.now(), config.mail.retentionDays), app.log),
    // hourly: the quarterly cabinet report to each authority's senior staff, once a quarter has ended
    startJob('quarterly report job', () => sendQuarterlyReports(database.db, systemClock.now(), config.publicBaseUrl), app.log),
  ];
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    await app.close();
    await stopMail();
    await Promise.all(stopJobs.map((stopJob) => stopJob()));
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: database.kind, startupMs: Math.round(performance.now() - started) }, `EY Hub listening on ${address}`);
}

