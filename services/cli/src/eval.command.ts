import { parseArgs } from 'node:util';
import { ClassMetrics, createDetector, crossValidate, EvaluationReport, loadDefaultModel } from '@lantern/detection';
import { readLabelled } from './examples';
import { DEFAULT_FLAGS_DIR, flagAgreement, FlagAgreement } from './flags';
import { CliIo, UsageError, writeLine } from './io';

export const EVAL_HELP = `Usage: lantern eval FILE [--folds 5] [--seed 42] [--flags] [--flags-dir DIR] [--no-baseline] [--json]

Stratified k-fold cross-validation on a labelled file (EMSCAD CSV, or JSON lines with "label"):
each fold is scored by the full detector around a model trained on the other folds. Reports
fraud-class precision/recall/F1 at >= medium and >= high, PR-AUC, ROC-AUC, precision at a 4.8%
fraud prior, confusion matrices, per-indicator hit rates, natural's BayesClassifier on the same
folds, the probability threshold that would maximise F1 for "flagged", and the same threshold
chosen by nested CV (each fold's threshold from the other folds only, with the F1 it then gets).

--flags      also compare our indicators with the human red-flag labels (redflags-manual50),
             scored by the committed model
--json       one JSON report instead of tables (out-of-fold predictions included)`;

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '-');
const num = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : '-');

function metricsRow(name: string, m: ClassMetrics): string {
  return `${name.padEnd(26)} ${pct(m.precision).padStart(7)} ${pct(m.recall).padStart(7)} ${num(m.f1).padStart(6)} ${pct(m.precisionAtPrior).padStart(9)}   tp ${m.tp} fp ${m.fp} fn ${m.fn} tn ${m.tn}`;
}

export function formatReport(report: EvaluationReport, flags?: { ads: number; flags: FlagAgreement[] }): string {
  const lines: string[] = [];
  const { detector, model, bayes } = report;
  lines.push(`${report.documents} ads (${report.positives} fraudulent), ${report.folds}-fold stratified CV, seed ${report.seed}`);
  lines.push('');
  lines.push(
    `${'fraud class'.padEnd(26)} ${'prec'.padStart(7)} ${'recall'.padStart(7)} ${'F1'.padStart(6)} ${'prec@4.8%'.padStart(9)}   confusion`,
  );
  lines.push(metricsRow('detector >= medium', detector.atLeastMedium));
  lines.push(metricsRow('detector >= high (flagged)', detector.atLeastHigh));
  lines.push(metricsRow('model alone, p >= 0.5', model.atHalf));
  if (bayes) lines.push(metricsRow('natural Bayes decision', bayes.decision));
  lines.push('');
  lines.push(`${'ranking'.padEnd(26)} ${'ROC-AUC'.padStart(8)} ${'PR-AUC'.padStart(8)}`);
  lines.push(
    `${'detector probability'.padEnd(26)} ${num(detector.rocAuc, 4).padStart(8)} ${num(detector.averagePrecision, 4).padStart(8)}`,
  );
  lines.push(`${'model logit'.padEnd(26)} ${num(model.rocAuc, 4).padStart(8)} ${num(model.averagePrecision, 4).padStart(8)}`);
  if (bayes) {
    lines.push(
      `${'natural Bayes'.padEnd(26)} ${num(bayes.rocAuc, 4).padStart(8)} ${num(bayes.averagePrecision, 4).padStart(8)}   (${bayes.classifyPerSecond.toFixed(0)} ads/s)`,
    );
  }
  lines.push('');
  lines.push(
    'levels (fraud / legit): ' +
      Object.entries(detector.levels)
        .map(([level, c]) => `${level} ${c.fraud}/${c.legit}`)
        .join(', '),
  );
  const t = report.thresholds;
  lines.push(
    `best F1 for "flagged": detector probability >= ${num(t.detector.probability, 3)} (F1 ${num(t.detector.f1)}, P ${pct(t.detector.precision)}, R ${pct(t.detector.recall)})`,
  );
  lines.push(
    `                       model probability    >= ${num(t.model.probability, 3)} (F1 ${num(t.model.f1)}, P ${pct(t.model.precision)}, R ${pct(t.model.recall)})`,
  );
  const nested = t.nested;
  lines.push(
    `nested (threshold from the other folds): ${nested.perFold.map((x) => num(x, 3)).join(', ')} (median ${num(nested.median, 3)}): F1 ${num(nested.metrics.f1)}, P ${pct(nested.metrics.precision)}, R ${pct(nested.metrics.recall)}`,
  );
  lines.push('');
  lines.push(`${'indicator'.padEnd(40)} ${'fraud'.padStart(7)} ${'legit'.padStart(7)}`);
  for (const hit of report.indicators)
    lines.push(`${hit.id.padEnd(40)} ${pct(hit.fraudRate).padStart(7)} ${pct(hit.legitRate).padStart(7)}`);
  if (flags) {
    lines.push('');
    lines.push(`human red flags (${flags.ads} ads)           human  ours  both   prec recall  kappa   our indicators`);
    for (const f of flags.flags) {
      lines.push(
        `${f.flag.padEnd(36)} ${String(f.humanYes).padStart(6)} ${String(f.oursYes).padStart(5)} ${String(f.bothYes).padStart(5)} ${pct(f.precision).padStart(6)} ${pct(f.recall).padStart(6)} ${num(f.kappa, 2).padStart(6)}   ${f.indicators.join(', ') || '(no counterpart)'}`,
      );
    }
  }
  return lines.join('\n');
}

export async function evalCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      folds: { type: 'string' },
      seed: { type: 'string' },
      flags: { type: 'boolean' },
      'flags-dir': { type: 'string' },
      'no-baseline': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await writeLine(io.stdout, EVAL_HELP);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('eval needs exactly one FILE');
  const folds = values.folds === undefined ? 5 : Number(values.folds);
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(folds) || folds < 2) throw new UsageError('--folds must be an integer >= 2');
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  const { examples } = await readLabelled(file, io);
  const positives = examples.filter((e) => e.label === 1).length;
  if (positives < folds || examples.length - positives < folds) {
    await writeLine(
      io.stderr,
      JSON.stringify({ error: `need at least ${folds} ads of each class, found ${positives} fraudulent of ${examples.length}` }),
    );
    return 1;
  }
  const report = crossValidate(examples, (model) => createDetector({ model }), {
    folds,
    seed,
    baseline: !values['no-baseline'],
    onProgress: (message) => io.stderr.write(`${message}\n`),
  });
  const flags = values.flags
    ? await flagAgreement(createDetector({ model: loadDefaultModel() }), values['flags-dir'] ?? DEFAULT_FLAGS_DIR)
    : undefined;
  if (values.json) await writeLine(io.stdout, JSON.stringify({ ...report, ...(flags ? { redFlags: flags } : {}) }));
  else await writeLine(io.stdout, formatReport(report, flags));
  return 0;
}
