import { createSecurityDataSource } from '@lantern/platform';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from './main';

// Invented fixtures: ads written for these tests, in EMSCAD's column layout and as JSON lines.
const HEADER =
  'job_id,title,location,department,salary_range,company_profile,description,requirements,benefits,telecommuting,has_company_logo,has_questions,employment_type,required_experience,required_education,industry,function,fraudulent';
const LURES = [
  'Earn 900 USD weekly typing from home, no experience needed, pay the registration fee to start',
  'Urgent hiring for easy data entry, contact us on whatsapp only, small processing fee required',
  'Work from home with guaranteed income, send your bank account details to get started today',
];
const ORDINARY = [
  'Senior accountant for our audit team in Leeds, five years of experience and a degree required',
  'Nurse for the night ward of the city hospital, registration with the nursing council required',
  'Junior software engineer to build web services in TypeScript, with mentoring and a pension',
];

function csvFixture(): string {
  const rows = [HEADER];
  for (let copy = 0; copy < 4; copy++) {
    LURES.forEach((text, i) => rows.push(`f${copy}${i},Home job,"US, TX, Houston",,,,"${text} (${copy})",,,1,0,0,,,,,,1`));
    ORDINARY.forEach((text, i) =>
      rows.push(`l${copy}${i},Staff role,"GB, LND, London",,,"An established employer.","${text} (${copy})",,,0,1,1,Full-time,,,,,0`),
    );
  }
  return rows.join('\n') + '\n';
}

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (d: Buffer) => (chunks.out += d.toString()));
  err.on('data', (d: Buffer) => (chunks.err += d.toString()));
  return { out, err, chunks };
}

async function run(argv: string[], stdin = '', env?: Record<string, string>) {
  const { out, err, chunks } = capture();
  const code = await runCli(argv, { stdin: Readable.from([stdin]), stdout: out, stderr: err, ...(env ? { env } : {}) });
  return { code, stdout: chunks.out, stderr: chunks.err };
}

describe('lantern CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-cli-'));
    writeFileSync(join(dir, 'ads.csv'), csvFixture());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains reproducibly: same data and seed give identical bytes', async () => {
    const a = await run(['train', '--data', join(dir, 'ads.csv'), '--out', join(dir, 'a.json'), '--seed', '3', '--date', '20250101']);
    const b = await run(['train', '--data', join(dir, 'ads.csv'), '--out', join(dir, 'b.json'), '--seed', '3', '--date', '20250101']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ documents: 24, positives: 12 });
    expect(readFileSync(join(dir, 'a.json'))).toEqual(readFileSync(join(dir, 'b.json')));
  });

  it('scores JSON lines from stdin and reports invalid lines without stopping', async () => {
    await run(['train', '--data', join(dir, 'ads.csv'), '--out', join(dir, 'm.json'), '--date', '20250101']);
    const good = JSON.stringify({
      schemaVersion: 1,
      id: 'j1',
      source: 'test',
      description: 'Earn 900 USD weekly typing from home, pay the registration fee',
      scrapedAt: '2025-01-01T00:00:00Z',
      contentHash: 'a'.repeat(64),
    });
    const result = await run(['score', '--model', join(dir, 'm.json')], `${good}\n{"broken": \n${good.replace('"j1"', '"j2"')}\n`);
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['j1', 'j2']);
    expect(lines[0]).toMatchObject({ risk: { level: expect.any(String) }, versions: { model: expect.stringMatching(/^lr-20250101-/) } });
    expect(lines[0].risk.probability).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(lines[0].indicators)).toBe(true);
    expect(lines[0].entities).toBeDefined();
    expect(lines[0].language.code).toBeDefined();
    expect(JSON.parse(result.stderr.trim())).toMatchObject({ line: 2 });
  });

  it('scores an EMSCAD CSV file, keeping job ids', async () => {
    const result = await run(['score', join(dir, 'ads.csv'), '--model', join(dir, 'm.json')]);
    expect(result.code).toBe(0);
    const ids = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id);
    expect(ids).toHaveLength(24);
    expect(ids[0]).toBe('f00');
  });

  it('creates API keys that show once, lists them without secrets, and revokes them', async () => {
    const env = { DATA_DIR: join(dir, 'data') };
    const created = await run(['keys', 'create', '--role', 'investigator', '--name', 'case 17'], '', env);
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { key: string; id: string; role: string; name: string };
    expect(key).toMatchObject({ role: 'investigator', name: 'case 17' });
    expect(key.key).toMatch(/^lan_[\w-]{43}$/);
    expect(created.stderr).toMatch(/not shown again/);

    const listed = await run(['keys', 'list'], '', env);
    expect(listed.stdout).toContain(key.id);
    expect(listed.stdout).not.toContain(key.key);
    expect(listed.stdout).not.toContain('hash');

    expect((await run(['keys', 'revoke', key.id], '', env)).code).toBe(0);
    expect((await run(['keys', 'revoke', key.id], '', env)).code).toBe(1);
    expect(JSON.parse((await run(['keys', 'list'], '', env)).stdout).revokedAt).toEqual(expect.any(String));
    const badRole = await run(['keys', 'create', '--role', 'root'], '', env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of analyst, investigator, admin, ingest/);

    // The key changes above were audited; the chain verifies until an entry is edited behind its back.
    const verified = await run(['audit', 'verify'], '', env);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toEqual({ ok: true, entries: 2 });
    expect((await run(['audit', 'list', '--limit', '1'], '', env)).stdout).toContain('key.revoke');
    const db = await createSecurityDataSource({ dataDir: join(dir, 'data'), database: { kind: 'sqlite', file: 'unused' } }).initialize();
    await db.query("UPDATE audit_log SET details = '{}' WHERE seq = 1");
    await db.destroy();
    const broken = await run(['audit', 'verify'], '', env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken at entry 1/);
  });

  it('fails cleanly on unknown input and bad usage', async () => {
    expect((await run(['score'], 'name,age\nx,1\n')).code).toBe(1);
    expect((await run(['score', join(dir, 'missing.csv')])).code).toBe(1);
    expect((await run(['train'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['score', '--help'])).stdout).toMatch(/Usage: lantern score/);
  });

  it('cross-validates with the full detector and the Bayes baseline', async () => {
    const result = await run(['eval', join(dir, 'ads.csv'), '--folds', '3', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.documents).toBe(24);
    expect(report.predictions).toHaveLength(24);
    expect(report.detector.rocAuc).toBeGreaterThan(0.8);
    expect(report.bayes.rocAuc).toBeGreaterThan(0.5);
    const table = await run(['eval', join(dir, 'ads.csv'), '--folds', '3', '--no-baseline']);
    expect(table.stdout).toMatch(/detector >= high/);
  });

  it('refuses to publish without KAFKA_BROKERS and says how to reach the embedded pipeline instead', async () => {
    for (const argv of [
      ['scrape', 'https://jobs.example.org/feed', '--publish'],
      ['import', 'ads.jsonl'],
    ]) {
      const result = await run(argv, '', {});
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/set KAFKA_BROKERS/);
      expect(result.stderr).toMatch(/embedded pipeline .* cannot be reached from here/);
      expect(result.stderr).toMatch(/--out FILE.*lantern import FILE/);
      expect(result.stderr).toMatch(/push API/);
    }
  });
});
