import type { IndicatorHit } from '@lantern/contracts';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { foldPattern } from '../normalize/normalize';
import { ScriptName, scriptsIn } from '../normalize/fold';
import { literalPrefixes, requiredAlternativeSets, requiredLiteralSets } from './literal-prefixes';
import {
  IndicatorDefinition,
  indicatorsFile,
  PatternFile,
  patternFile,
  ScoringConfig,
  scoringFile,
  SourceDefinition,
  sourcesFile,
} from './catalogue-schema';

/** The catalogue shipped with the library (JSON files, copied next to the compiled code by the build). */
export const DEFAULT_CATALOGUE_DIR = resolve(__dirname, '../../catalogue');

export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
}

export interface CompiledIndicatorPatterns {
  indicatorId: string;
  patterns: Array<{
    id: number;
    source: string;
    /** Global, for scanning the whole text. */
    regex: RegExp;
    /** Sticky, for trying candidate positions only; made on first use. */
    sticky?: RegExp;
    scripts: ScriptName[] | null;
    prefixes: string[] | null;
    /** Sets of words: every match contains a word of each set; null when unknown. */
    required: string[][] | null;
    /** `required` as gram bits, made on first use by the matcher. */
    requiredGrams?: Int32Array[];
    /** For a top-level alternation, each alternative's required sets: a match needs all of one alternative's. */
    requiredEither: string[][][] | null;
    /** `requiredEither` as gram bits, made on first use by the matcher. */
    requiredEitherGrams?: Int32Array[][];
  }>;
  unless: RegExp[];
  /** For each `unless` pattern, sets of words every match contains (as for patterns); null when unknown. */
  unlessRequired: Array<string[][] | null>;
  /** `unlessRequired` as gram bits, made on first use by the matcher. */
  unlessGrams?: Array<Int32Array[] | null>;
  /** Scripts any pattern needs; null when some pattern has no letters (always run). */
  scripts: ScriptName[] | null;
}

export interface CompiledLanguage {
  language: string;
  name: string;
  file: string;
  entries: CompiledIndicatorPatterns[];
  /** The file as written, for the example tests. */
  definition: PatternFile;
}

export interface Catalogue {
  dir: string;
  /** Hash of every catalogue file: the ruleset version. */
  version: string;
  indicators: Map<string, IndicatorDefinition>;
  sources: Map<string, SourceDefinition>;
  scoring: ScoringConfig;
  languages: CompiledLanguage[];
  /** Literal beginnings (2-4 characters) to the ids of the patterns that can start with them. */
  prefixIndex: Map<string, number[]>;
  /** Number of patterns (ids run from 0). */
  patternCount: number;
}

/** A hit of a catalogue indicator, carrying its definition's facts; pattern, structural and linkage hits all start here. */
export function indicatorHit(
  def: IndicatorDefinition,
  extra: { language?: string; evidence?: IndicatorHit['evidence']; linkedAdIds?: string[] } = {},
): IndicatorHit {
  return {
    id: def.id,
    title: def.title,
    category: def.category,
    severity: def.severity,
    weight: def.weight,
    ...(extra.language !== undefined ? { language: extra.language } : {}),
    sources: def.sources,
    evidence: extra.evidence ?? [],
    ...(extra.linkedAdIds ? { linkedAdIds: extra.linkedAdIds } : {}),
  };
}

const cache = new Map<string, Catalogue>();

/** Loads, validates and compiles the catalogue once per directory; throws CatalogueError naming file, indicator and pattern. */
export function loadCatalogue(dir: string = DEFAULT_CATALOGUE_DIR): Catalogue {
  const key = resolve(dir);
  const cached = cache.get(key);
  if (cached) return cached;
  const catalogue = buildCatalogue(key);
  cache.set(key, catalogue);
  return catalogue;
}

/** Forgets loaded catalogues (tests that write catalogue files). */
export function clearCatalogueCache(): void {
  cache.clear();
}

/** The whole-word wrapper every pattern gets (README: no `\b`, which is ASCII-only). */
export function wrapPattern(source: string): string {
  return `(?<![\\p{L}\\p{M}\\p{N}])(?:${source})(?![\\p{L}\\p{M}\\p{N}])`;
}

function buildCatalogue(dir: string): Catalogue {
  const hash = createHash('sha256');
  const read = (relative: string): unknown => {
    let text: string;
    try {
      text = readFileSync(join(dir, relative), 'utf8');
    } catch (error) {
      throw new CatalogueError(`${relative}: cannot read (${(error as Error).message})`);
    }
    hash.update(relative).update('\u0000').update(text).update('\u0000');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new CatalogueError(`${relative}: not valid JSON (${(error as Error).message})`);
    }
  };
  const parse = <T>(relative: string, schema: z.ZodType<T>, value: unknown): T => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issues = result.error.issues.slice(0, 5).map((i) => `${describePath(value, i.path)}: ${i.message}`);
    throw new CatalogueError(`${relative}: ${issues.join('; ')}`);
  };

  const sourcesList = parse('sources.json', sourcesFile, read('sources.json')).sources;
  const sources = new Map<string, SourceDefinition>();
  for (const s of sourcesList) {
    if (sources.has(s.key)) throw new CatalogueError(`sources.json: source "${s.key}" defined twice`);
    sources.set(s.key, s);
  }

  const indicators = new Map<string, IndicatorDefinition>();
  for (const def of parse('indicators.json', indicatorsFile, read('indicators.json')).indicators) {
    if (indicators.has(def.id)) throw new CatalogueError(`indicators.json: indicator "${def.id}" defined twice`);
    for (const s of def.sources) {
      if (!sources.has(s)) throw new CatalogueError(`indicators.json: indicator "${def.id}" cites unknown source "${s}"`);
    }
    indicators.set(def.id, def);
  }

  const scoring = parse('scoring.json', scoringFile, read('scoring.json'));
  for (const rule of scoring.combinations) {
    for (const id of rule.requires.flat()) {
      if (!indicators.has(id)) throw new CatalogueError(`scoring.json: combination "${rule.id}" names unknown indicator "${id}"`);
    }
    for (const s of rule.sources) {
      if (!sources.has(s)) throw new CatalogueError(`scoring.json: combination "${rule.id}" cites unknown source "${s}"`);
    }
  }

  let files: string[];
  try {
    files = readdirSync(join(dir, 'patterns'))
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    files = [];
  }
  const languages: CompiledLanguage[] = [];
  for (const name of files) {
    const relative = `patterns/${name}`;
    const definition = parse(relative, patternFile, read(relative));
    languages.push(compileLanguage(relative, definition, indicators));
  }
  const seen = new Map<string, string>();
  for (const l of languages) {
    const other = seen.get(l.language);
    if (other) throw new CatalogueError(`${l.file}: language "${l.language}" is already defined in ${other}`);
    seen.set(l.language, l.file);
  }

  const prefixIndex = new Map<string, number[]>();
  let patternCount = 0;
  for (const l of languages) {
    for (const e of l.entries) {
      for (const p of e.patterns) {
        p.id = patternCount++;
        for (const prefix of p.prefixes ?? []) {
          const ids = prefixIndex.get(prefix);
          if (ids) ids.push(p.id);
          else prefixIndex.set(prefix, [p.id]);
        }
      }
    }
  }
  return { dir, version: `r-${hash.digest('hex').slice(0, 12)}`, indicators, sources, scoring, languages, prefixIndex, patternCount };
}

function compileLanguage(file: string, definition: PatternFile, indicators: Map<string, IndicatorDefinition>): CompiledLanguage {
  const entries: CompiledIndicatorPatterns[] = [];
  for (const [indicatorId, entry] of Object.entries(definition.indicators)) {
    const def = indicators.get(indicatorId);
    if (!def) throw new CatalogueError(`${file}: indicator "${indicatorId}" is not in indicators.json`);
    if (def.kind !== 'pattern') {
      throw new CatalogueError(`${file}: indicator "${indicatorId}" is a ${def.kind} indicator, computed in code: it takes no patterns`);
    }
    const patterns = entry.patterns.map((source, index) => {
      const folded = foldPattern(source);
      const prefixes = literalPrefixes(folded);
      // a pattern with a literal beginning cannot match the empty string: skip that (costly) check
      const regex = compile(source, `${file}: indicator "${indicatorId}", pattern #${index + 1} /${source}/`, 'giu', prefixes === null);
      return {
        id: -1,
        source,
        regex,
        scripts: patternScripts(source),
        prefixes,
        required: requiredLiteralSets(folded),
        requiredEither: requiredAlternativeSets(folded),
      };
    });
    const unless = (entry.unless ?? []).map((source, index) =>
      compile(source, `${file}: indicator "${indicatorId}", unless #${index + 1} /${source}/`, 'iu', false),
    );
    const scripts = patterns.some((p) => p.scripts === null) ? null : [...new Set(patterns.flatMap((p) => p.scripts ?? []))];
    const unlessRequired = (entry.unless ?? []).map((source) => requiredLiteralSets(foldPattern(source)));
    entries.push({ indicatorId, patterns, unless, unlessRequired, scripts });
  }
  return { language: definition.language, name: definition.name, file, entries, definition };
}

// Unbounded wildcards make matching slow and sloppy (README: use bounded gaps).
const UNBOUNDED = /(?:(?<!\\)\.|\[\^(?:\\.|[^\]])*\])(?:[*+]|\{\d+,\})/;

function compile(source: string, where: string, flags: string, checkEmpty: boolean): RegExp {
  if (UNBOUNDED.test(source))
    throw new CatalogueError(`${where}: unbounded wildcard (".*", ".+", "[^...]*" or "{n,}"); use a bounded gap such as [^.!?\\n]{0,40}`);
  if (/\\b/.test(source.replace(/\\\\/g, '')))
    throw new CatalogueError(`${where}: "\\b" is ASCII-only; patterns are already wrapped to match whole words`);
  let regex: RegExp;
  try {
    regex = new RegExp(wrapPattern(foldPattern(source)), flags);
  } catch (error) {
    throw new CatalogueError(`${where}: does not compile (${(error as Error).message})`);
  }
  if (checkEmpty && regex.test('')) throw new CatalogueError(`${where}: matches the empty string`);
  regex.lastIndex = 0;
  return regex;
}

/** Scripts of a pattern's literal letters, ignoring escapes such as \s, \p{L} and group names. */
function patternScripts(source: string): ScriptName[] | null {
  const literal = source.replace(
    /\\[pPu]\{[^}]*\}|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\c[a-zA-Z]|\\k<[^>]*>|\(\?<[a-zA-Z][a-zA-Z0-9]*>|\\./g,
    '',
  );
  const scripts = scriptsIn(literal);
  return scripts.size === 0 ? null : [...scripts];
}

function describePath(value: unknown, path: ReadonlyArray<PropertyKey>): string {
  // names indicators by id rather than array index where possible
  const parts: string[] = [];
  let node: unknown = value;
  for (const key of path) {
    if (typeof key === 'number' && Array.isArray(node)) {
      const item: unknown = node[key];
      const id = item && typeof item === 'object' && 'id' in item ? String((item as { id: unknown }).id) : undefined;
      parts.push(id ? `[${key}] (id "${id}")` : `[${key}]`);
      node = item;
    } else {
      parts.push(`${parts.length ? '.' : ''}${String(key)}`);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined;
    }
  }
  return parts.join('') || '(file)';
}
