import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { ConfigError, loadConfig } from './config.ts';
import { kyselyOver, openPool } from './db/index.ts';
import { importAidHistory } from './domains/aid/history-import.service.ts';
import { ReportInputError, renderMonthlyReport } from './domains/cockpit/report.service.ts';
import { runExitReview } from './domains/stations/exit-review.service.ts';
import { EXIT_RULE_LABELS } from './domains/stations/exit-rule.ts';
import { CRS_LIST, type Crs } from './domains/stations/geo.ts';
import { importStations, type StationImportReport } from './domains/stations/station-import.service.ts';
import { type ImportReport, importMembers } from './domains/unions/member-import.service.ts';
import { findUnionByCode } from './domains/unions/union.repository.ts';
import { shanghaiDay, systemClock } from './platform/clock.ts';
import { loadOrCreateMasterKey } from './platform/crypto.ts';
import type { Lang } from './platform/i18n.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';
import { generateScale, SCALE_PRESETS, type ScalePreset, ScaleRefused } from './seed/scale.ts';

/** A failure the operator can act on: printed without a stack trace, exit code 1 (2 for bad input data). */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const lang: Lang = /^en/i.test(process.env.LANG ?? '') && !/^zh/i.test(process.env.LANG ?? '') ? 'en' : 'zh-CN';
const quietLog = () => {};

async function withRuntime<T>(verbose: boolean, work: (rt: Runtime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const runtime = await openRuntime(config, verbose ? (l) => console.error(`[unioncare] ${l}`) : quietLog);
  try {
    return await work(runtime);
  } finally {
    await runtime.handle.close();
  }
}

function printImportReport(report: ImportReport | StationImportReport) {
  const out = process.stdout;
  for (const e of report.errors) {
    const where = e.row === 0 ? 'file' : `row ${e.row}${e.column ? `, column ${e.column}` : ''}`;
    out.write(`${report.fileName}: ${where}: ${e.message[lang]}\n`);
  }
  const verdict = report.applied
    ? 'imported'
    : report.dryRun
      ? 'dry run, nothing written'
      : report.errors.length
        ? 'NOT imported: fix the rows above, or use --skip-invalid'
        : 'nothing to import';
  out.write(
    `${report.total} rows: ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged, ` +
      `${report.skipped} skipped — ${verdict}\n`,
  );
}

const program = new Command('unioncare')
  .description('UnionCare command line: database, demo data and bulk imports')
  .option('-v, --verbose', 'log database start-up and migrations to stderr');

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    await withRuntime(true, async () => {});
    console.log('database is up to date');
  });

program
  .command('seed')
  .description('create the demo data (only into an empty database), optionally scaled up for load tests')
  .option('--scale <preset>', `demo, city or national (${Object.keys(SCALE_PRESETS).join(', ')})`, 'demo')
  .option('--members <n>', 'override the preset: members (likewise --stations, --claims, --responses)')
  .option('--stations <n>', 'override the preset: stations')
  .option('--claims <n>', 'override the preset: aid claims')
  .option('--responses <n>', 'override the preset: survey responses')
  .action(async (opts: { scale: string; members?: string; stations?: string; claims?: string; responses?: string }) => {
    if (!Object.hasOwn(SCALE_PRESETS, opts.scale)) throw new CliError(`--scale ${opts.scale}: demo, city or national`);
    const preset = SCALE_PRESETS[opts.scale as ScalePreset];
    const n = (v: string | undefined, fallback: number) => {
      if (v === undefined) return fallback;
      if (!/^\d+$/.test(v)) throw new CliError(`not a count: ${v}`);
      return Number(v);
    };
    const spec = {
      members: n(opts.members, preset.members),
      stations: n(opts.stations, preset.stations),
      claims: n(opts.claims, preset.claims),
      surveyResponses: n(opts.responses, preset.surveyResponses),
    };
    await withRuntime(program.opts().verbose, async ({ handle, cipher }) => {
      const created = await seedDemoIfEmpty(handle.db, cipher, (l) => console.log(l));
      console.log(created ? 'demo data created' : 'the database already has unions; the demo was not seeded again');
      if (!created && opts.scale === 'demo') return;
      const bar = new cliProgress.SingleBar(
        { format: '{step} [{bar}] {value}/{total}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      let current = '';
      const started = performance.now();
      // Member batches are built and encrypted on worker threads, which derive the same cipher from the master key.
      const config = loadConfig();
      const masterKey = loadOrCreateMasterKey({
        envValue: config.dataKey,
        file: path.join(config.dataDir, 'secret.key'),
      });
      const onProgress = (step: string, done: number, total: number) => {
        if (step !== current) {
          if (current) bar.stop();
          current = step;
          bar.start(total, done, { step: step.padEnd(9) });
        } else bar.update(done);
      };
      const workers = os.availableParallelism();
      const ownerDb = kyselyOver(openPool(handle.connection, 1)); // for the closing VACUUM (ANALYZE) only
      const report = await generateScale(handle.db, cipher, spec, onProgress, { workers, masterKey, ownerDb })
        .catch((err) => {
          throw err instanceof ScaleRefused ? new CliError(err.message) : err;
        })
        .finally(() => ownerDb.destroy());
      if (current) bar.stop();
      if (opts.scale !== 'demo' || spec.members + spec.stations + spec.claims + spec.surveyResponses > 0) {
        console.log(
          `scaled: ${report.unions} unions, ${report.members} members, ${report.stations} stations, ${report.claims} claims, ` +
            `${report.surveyResponses} survey responses in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
            `(field encryption ${(report.cipherMs / 1000).toFixed(1)} s CPU on ${workers} worker threads)`,
        );
        const phases = Object.entries(report.phaseMs).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`);
        console.log(`per step: ${phases.join(', ')}`);
      }
    });
  });

const members = program.command('members').description('members and mutual-aid cards');
members
  .command('import')
  .description('enrol members from a CSV (UTF-8 or GB18030) or XLSX file; all-or-nothing unless --skip-invalid')
  .argument('<file>', 'the spreadsheet')
  .option('--union <code>', 'workplace union (or 职工小家) code for rows without a 工会编码 column')
  .option('--dry-run', 'check and count, write nothing')
  .option('--skip-invalid', 'import the good rows and report the bad ones')
  .option('--json', 'print the report as JSON')
  .action(async (file: string, opts: { union?: string; dryRun?: boolean; skipInvalid?: boolean; json?: boolean }) => {
    if (!fs.existsSync(file)) throw new CliError(`${file}: no such file`);
    const buffer = fs.readFileSync(file);
    const report = await withRuntime(program.opts().verbose, async ({ handle, cipher }) => {
      let targetUnion = null;
      if (opts.union) {
        targetUnion = (await findUnionByCode(handle.db, opts.union.toUpperCase())) ?? null;
        if (!targetUnion) throw new CliError(`--union ${opts.union}: no union has this code`);
        if (targetUnion.kind !== 'workplace' && targetUnion.kind !== 'home') {
          throw new CliError(
            `--union ${opts.union}: members join a workplace union or a 职工小家, not a ${targetUnion.kind}`,
          );
        }
      }
      const bar =
        process.stderr.isTTY && !opts.json
          ? new cliProgress.SingleBar({ format: 'importing [{bar}] {value}/{total} rows', stream: process.stderr })
          : undefined;
      try {
        return await importMembers(handle.db, cipher, buffer, {
          fileName: path.basename(file),
          targetUnion,
          scopePath: null,
          dryRun: !!opts.dryRun,
          skipInvalid: !!opts.skipInvalid,
          actor: null,
          today: shanghaiDay(systemClock.now()),
          onProgress: (done, total) => {
            if (!bar) return;
            if (done === 0) bar.start(total, 0);
            else bar.update(done);
          },
        });
      } finally {
        bar?.stop();
      }
    });
    if (opts.json) {
      const errors = report.errors.map((e) => ({ ...e, message: e.message[lang] }));
      process.stdout.write(`${JSON.stringify({ ...report, errors }, null, 2)}\n`);
    } else printImportReport(report);
    if (report.errors.length && !report.applied && !report.dryRun) process.exitCode = 2;
    if (report.errors.length && report.dryRun) process.exitCode = 2;
  });

const stations = program.command('stations').description('outdoor-worker stations');
stations
  .command('import')
  .description('register stations from a CSV (UTF-8 or GB18030) or XLSX file; all-or-nothing unless --skip-invalid')
  .argument('<file>', 'the spreadsheet')
  .option('--crs <crs>', 'coordinate system of the file: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu)', 'wgs84')
  .option('--union <code>', 'union that runs the new stations', 'BJ')
  .option('--dry-run', 'check and count, write nothing')
  .option('--skip-invalid', 'import the good rows and report the bad ones')
  .option('--json', 'print the report as JSON')
  .action(
    async (
      file: string,
      opts: { crs: string; union: string; dryRun?: boolean; skipInvalid?: boolean; json?: boolean },
    ) => {
      if (!fs.existsSync(file)) throw new CliError(`${file}: no such file`);
      const crs = opts.crs.toLowerCase() as Crs;
      if (!CRS_LIST.includes(crs)) throw new CliError(`--crs ${opts.crs}: use one of ${CRS_LIST.join(', ')}`);
      const buffer = fs.readFileSync(file);
      const report = await withRuntime(program.opts().verbose, async ({ handle }) => {
        const union = await findUnionByCode(handle.db, opts.union.toUpperCase());
        if (!union) throw new CliError(`--union ${opts.union}: no union has this code`);
        const bar =
          process.stderr.isTTY && !opts.json
            ? new cliProgress.SingleBar({
                format: 'importing [{bar}] {value}/{total} stations',
                stream: process.stderr,
              })
            : undefined;
        try {
          return await importStations(handle.db, buffer, {
            fileName: path.basename(file),
            crs,
            dryRun: !!opts.dryRun,
            skipInvalid: !!opts.skipInvalid,
            union: { id: union.id, path: union.path },
            scopePath: null,
            actor: null,
            onProgress: (done, total) => {
              if (!bar) return;
              if (done === 0) bar.start(total, 0);
              else bar.update(done);
            },
          });
        } finally {
          bar?.stop();
        }
      });
      if (opts.json) {
        const errors = report.errors.map((e) => ({ ...e, message: e.message[lang] }));
        process.stdout.write(`${JSON.stringify({ ...report, errors }, null, 2)}\n`);
      } else printImportReport(report);
      if (report.errors.length && (report.dryRun || !report.applied)) process.exitCode = 2;
    },
  );

stations
  .command('exit-review')
  .description('evaluate the exit rules over every active station and open exit reviews for the matches')
  .option('--dry-run', 'report the matches, open nothing')
  .option('--json', 'print the report as JSON')
  .action(async (opts: { dryRun?: boolean; json?: boolean }) => {
    const report = await withRuntime(program.opts().verbose, ({ handle }) =>
      runExitReview(handle.db, { scopePath: null, dryRun: !!opts.dryRun, now: systemClock.now(), actor: null }),
    );
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    for (const m of report.matched) {
      const rules = m.reasons.map((r) => EXIT_RULE_LABELS[r.rule][lang]).join('; ');
      process.stdout.write(`${m.code} ${m.name}: ${rules} — ${m.outcome}\n`);
    }
    const verdict = report.dryRun ? 'dry run, nothing opened' : `${report.opened} exit reviews opened`;
    process.stdout.write(
      `${report.evaluated} active stations evaluated, ${report.matched.length} matched — ${verdict}\n`,
    );
  });

program
  .command('stats')
  .description('headline counts: unions, members, active aid cards')
  .option('--json', 'print as JSON')
  .action(async (opts: { json?: boolean }) => {
    const stats = await withRuntime(program.opts().verbose, async ({ handle }) => {
      const today = shanghaiDay(systemClock.now());
      const [unions, members, cards] = await Promise.all([
        handle.db
          .selectFrom('unions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        handle.db
          .selectFrom('members')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow(),
        handle.db
          .selectFrom('aidCards')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'active')
          .where('validFrom', '<=', today)
          .where('validTo', '>=', today)
          .executeTakeFirstOrThrow(),
      ]);
      return { unions: unions.n, activeMembers: members.n, activeAidCards: cards.n };
    });
    if (opts.json) console.log(JSON.stringify(stats));
    else
      console.log(
        `unions ${stats.unions}\nactive members ${stats.activeMembers}\nactive aid cards ${stats.activeAidCards}`,
      );
  });

const report = program.command('report').description('reports (数据月报)');
report
  .command('monthly')
  .description('the monthly report of a federation level as PDF (default) or XLSX')
  .requiredOption('--union <code>', 'a district or higher union, e.g. BJ or BJ-CY')
  .requiredOption('--month <YYYY-MM>', 'the month')
  .option('--out <file>', 'where to write (default report-<union>-<month>.<format>)')
  .option('--format <format>', 'pdf or xlsx', 'pdf')
  .action(async (opts: { union: string; month: string; out?: string; format: string }) => {
    if (opts.format !== 'pdf' && opts.format !== 'xlsx') throw new CliError('--format must be pdf or xlsx', 2);
    const format = opts.format;
    const out = await withRuntime(program.opts().verbose, async ({ handle }) => {
      try {
        return await renderMonthlyReport(handle.db, {
          union: opts.union,
          month: opts.month,
          format,
          now: systemClock.now(),
        });
      } catch (err) {
        if (err instanceof ReportInputError) throw new CliError(err.message, 2);
        throw err;
      }
    });
    const file = opts.out ?? out.fileName;
    fs.writeFileSync(file, out.body);
    process.stdout.write(`${file} (${out.body.length} bytes)\n`);
  });

const aid = program.command('aid').description('mutual aid (互助保障)');
aid
  .command('import-history')
  .description(
    'load past payouts (CSV/XLSX: 发放日期/年份, 计划, 保障项目, 区/工会编码, 金额, 人次, 身份证号) into the statistics; all-or-nothing',
  )
  .argument('<file>', 'the spreadsheet')
  .option('--dry-run', 'check and count, write nothing')
  .option('--json', 'print the report as JSON')
  .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
    if (!fs.existsSync(file)) throw new CliError(`${file}: no such file`);
    const buffer = fs.readFileSync(file);
    const report = await withRuntime(program.opts().verbose, ({ handle, cipher }) =>
      importAidHistory(handle.db, cipher, buffer, {
        fileName: path.basename(file),
        actor: null,
        dryRun: !!opts.dryRun,
      }),
    );
    if (opts.json) {
      const errors = report.errors.map((e) => ({ ...e, message: e.message[lang] }));
      process.stdout.write(`${JSON.stringify({ ...report, errors }, null, 2)}\n`);
    } else {
      for (const e of report.errors) {
        process.stdout.write(
          `${report.fileName}: ${e.row ? `row ${e.row}, column ${e.column}` : 'file'}: ${e.message[lang]}\n`,
        );
      }
      const yuan = `${Math.trunc(report.totalFen / 100).toLocaleString('en-US')}.${String(report.totalFen % 100).padStart(2, '0')}`;
      const verdict = report.applied ? 'imported' : opts.dryRun ? 'dry run, nothing written' : 'NOT imported';
      process.stdout.write(`${report.rows} rows: ${report.beneficiaries} beneficiaries, ${yuan} yuan — ${verdict}\n`);
    }
    if (report.errors.length) process.exitCode = 2;
  });

program.parseAsync(process.argv).catch((err) => {
  if (err instanceof CliError || err instanceof ConfigError) {
    console.error(`unioncare: ${err.message}`);
    process.exit(err instanceof CliError ? err.exitCode : 1);
  }
  console.error(err);
  process.exit(1);
});
