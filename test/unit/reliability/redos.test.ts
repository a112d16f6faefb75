// ReDoS: every regular expression of the core (and CLI) and of the TextMate grammar is checked with
// recheck, and the core runs over adversarial inputs. The regexes are collected completely:
// - literals (`/.../g`) and implicit ones (`s.match('...')`) from the TypeScript AST of src/core and src/cli;
// - every `new RegExp(...)`: the modules are loaded afresh under a RegExp that records what it builds,
//   then exercised; each constructor call site found in the AST must have been seen building one;
// - the grammar's `match` patterns (Oniguruma), as JS regexes where the syntax is shared.
// recheck runs with no time limits (only its step limits) and a fixed seed, so its verdicts do not
// depend on the machine. IMR_SKIP_RECHECK=1 skips the recheck part (about a minute and a half).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { check, type Diagnostics, type Parameters } from 'recheck';
import * as ts from 'typescript';
import fc from 'fast-check';
import { analyzeText, type Analysis } from '../../../src/core';
import type * as Core from '../../../src/core';
import { fastestMs, FC_SEED as SEED, fixtureLetters, invariantProblems, letterSoupArb } from './mutate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SOURCE_DIRS = ['src/core', 'src/cli'];
const GRAMMAR = path.join(ROOT, 'syntaxes', 'imr.tmLanguage.json');

interface Found {
  /** `src/core/x.ts:12` or the grammar rule's JSON path. */
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return walk(full);
      return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
    });
  return SOURCE_DIRS.flatMap((d) => walk(path.join(ROOT, d))).sort();
}

const rel = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

/** What the AST holds: regex literals, implicit regexes, and the places that build one at run time. */
function scanSources(): { literals: Found[]; implicit: Found[]; constructorSites: string[] } {
  const literals: Found[] = [];
  const implicit: Found[] = [];
  const constructorSites: string[] = [];
  for (const file of sourceFiles()) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const where = (node: ts.Node): string => `${rel(file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const slash = text.lastIndexOf('/');
        literals.push({ where: where(node), source: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        constructorSites.push(where(node));
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['match', 'matchAll', 'search'].includes(node.expression.name.text)) {
        // `s.match('a+')` compiles its string argument as a regex.
        const arg = node.arguments[0];
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) implicit.push({ where: where(node), source: arg.text, flags: '' });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literals, implicit, constructorSites };
}

/**
 * Every regex the core and CLI build with `RegExp(...)`: their modules are loaded afresh (the cached
 * ones are put back afterwards) under a recording RegExp, then the core is run over every fixture
 * letter and a few hundred generated texts so that regexes built inside functions are built too.
 */
function constructedRegexes(): Found[] {
  const found: Found[] = [];
  const Original = RegExp;
  const record = (re: RegExp): void => {
    const caller = (new Error().stack ?? '').split('\n')[3] ?? '';
    const m = /\((.*):(\d+):\d+\)$/.exec(caller) ?? /at (.*):(\d+):\d+$/.exec(caller);
    if (m && SOURCE_DIRS.some((d) => rel(m[1]!).startsWith(d + '/'))) found.push({ where: `${rel(m[1]!)}:${m[2]}`, source: re.source, flags: re.flags });
  };
  const Recording = new Proxy(Original, {
    construct(target, args: unknown[]) {
      const re = Reflect.construct(target, args) as RegExp;
      record(re);
      return re;
    },
    apply(target, self, args: unknown[]) {
      const re = Reflect.apply(target, self, args) as RegExp;
      record(re);
      return re;
    },
  });
  const ours = (key: string): boolean => SOURCE_DIRS.some((d) => key.startsWith(path.join(ROOT, d) + path.sep));
  const saved = new Map(Object.entries(require.cache).filter(([key]) => ours(key)));
  for (const key of saved.keys()) delete require.cache[key];
  globalThis.RegExp = Recording;
  try {
    for (const file of sourceFiles()) {
      // main.ts runs the CLI only when it is the main module; requiring it is safe. A fresh load
      // needs require(): an import would be hoisted and cached.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(file);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require(path.join(ROOT, 'src', 'core', 'index.ts')) as typeof Core;
    const letters = ['samples', 'corpus', 'corpus-layout', 'gaps', 'misc'].flatMap(fixtureLetters);
    for (const letter of letters) core.analyzeText(letter.text);
    for (const text of fc.sample(letterSoupArb, { seed: SEED, numRuns: 300 })) core.analyzeText(text);
    for (const table of core.fastPathTables()) table.find('2 times a day for 6 weeks');
    core.readSettings({ drugs: ['Zorvolex', { name: 'Foo', generic: 'bar', class: 'opioid' }], rules: { IMR001: 'off' } });
  } finally {
    globalThis.RegExp = Original;
    for (const key of Object.keys(require.cache)) if (ours(key)) delete require.cache[key];
    for (const [key, module] of saved) require.cache[key] = module;
  }
  return found;
}

/** Constructs of Oniguruma that JS reads differently or not at all. */
const ONIGURUMA_ONLY = /\\[hHAzZGKRXO]|\(\?[imx-]+\)|\(\?>|[*+?}][+]|\[\[:|\\p\{\^/;

function grammarRegexes(): { checkable: Found[]; unchecked: Array<{ where: string; reason: string }> } {
  const checkable: Found[] = [];
  const unchecked: Array<{ where: string; reason: string }> = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') {
        const at = `${where}.${key}`;
        const only = ONIGURUMA_ONLY.exec(value);
        if (only) {
          unchecked.push({ where: at, reason: `Oniguruma-only syntax ${JSON.stringify(only[0])}` });
          continue;
        }
        try {
          new RegExp(value);
          checkable.push({ where: at, source: value, flags: '' });
        } catch (error) {
          unchecked.push({ where: at, reason: `not a JS regex: ${(error as Error).message}` });
        }
      } else walk(value, `${where}.${key}`);
    }
  };
  walk(JSON.parse(readFileSync(GRAMMAR, 'utf8')), '$');
  return { checkable, unchecked };
}

/** No time limits, so the verdict depends on the seed and step limits only, not on the machine's speed. */
const RECHECK: Parameters = {
  checker: 'auto',
  randomSeed: SEED,
  timeout: null,
  incubationTimeout: null,
  attackTimeout: null,
  seedingTimeout: null,
};

/** For a failure message: does the attack really grow super-linearly in V8? (4× the pumps → time ×) */
function v8Growth(found: Found, diagnostics: Diagnostics): string {
  if (diagnostics.status !== 'vulnerable') return '';
  const make = (n: number): string => diagnostics.attack.pumps.map((p) => p.prefix + p.pump.repeat(n)).join('') + diagnostics.attack.suffix;
  const re = new RegExp(found.source, found.flags.replace(/[gy]/g, '') + 'g');
  const time = (s: string): number => {
    const t0 = performance.now();
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) if (m[0] === '') re.lastIndex++;
    return performance.now() - t0;
  };
  const n = 2000;
  return ` (in V8: ${time(make(n)).toFixed(1)} ms → ${time(make(4 * n)).toFixed(1)} ms at 4× the pumps)`;
}

describe('reliability: no regular expression can be made to backtrack for long', function () {
  this.timeout(900_000);

  const scanned = scanSources();
  let constructed: Found[] = [];

  it('finds every regex: each RegExp(...) call site of the AST is seen building one', () => {
    constructed = constructedRegexes();
    const seen = new Set(constructed.map((r) => r.where));
    const unseen = scanned.constructorSites.filter((site) => !seen.has(site));
    assert.deepEqual(unseen, [], 'RegExp call sites never reached: exercise them in constructedRegexes()');
    assert.ok(scanned.literals.length > 100, `${scanned.literals.length} literals`);
    console.log(
      `      ${scanned.literals.length} regex literals, ${scanned.implicit.length} implicit (.match('...')), ` +
        `${scanned.constructorSites.length} RegExp(...) call sites building ${new Set(constructed.map((r) => `${r.source}/${r.flags}`)).size} distinct regexes`,
    );
  });

  it('recheck finds every regex of the core, the CLI and the grammar safe', async function () {
    if (process.env.IMR_SKIP_RECHECK === '1') {
      console.log('      skipped: IMR_SKIP_RECHECK=1');
      this.skip();
    }
    const grammar = grammarRegexes();
    const all = [...scanned.literals, ...scanned.implicit, ...constructed, ...grammar.checkable];
    const unique = new Map<string, Found[]>();
    for (const r of all) {
      const key = `/${r.source}/${r.flags}`;
      unique.set(key, [...(unique.get(key) ?? []), r]);
    }
    const t0 = performance.now();
    const results = await Promise.all(
      [...unique.values()].map(async (places) => {
        const diagnostics = await check(places[0]!.source, places[0]!.flags, RECHECK);
        return { places, diagnostics };
      }),
    );
    const elapsed = performance.now() - t0;
    const byChecker = (c: string): number => results.filter((r) => r.diagnostics.status === 'safe' && r.diagnostics.checker === c).length;
    console.log(
      `      ${all.length} regexes (${grammar.checkable.length} from the grammar), ${unique.size} distinct, checked in ${(elapsed / 1000).toFixed(1)} s: ` +
        `${byChecker('automaton')} safe by automaton, ${byChecker('fuzz')} safe by fuzzing (seed ${SEED})`,
    );
    for (const u of grammar.unchecked) console.log(`      not checkable as a JS regex: ${u.where}: ${u.reason}`);
    const bad = results
      .filter((r) => r.diagnostics.status !== 'safe')
      .map((r) => {
        const d = r.diagnostics;
        const what = d.status === 'vulnerable' ? `${d.complexity.summary}, attack ${d.attack.pattern}` : d.status === 'unknown' ? `unknown: ${JSON.stringify(d.error)}` : d.status;
        return `${r.places.map((p) => p.where).join(', ')}: /${d.source}/${d.flags}: ${what}${v8Growth(r.places[0]!, d)}`;
      });
    assert.deepEqual(bad, []);
  });

  describe('the core over adversarial inputs', () => {
    const letterLine = (): string => fixtureLetters('samples')[4]!.text.replace(/\r?\n/g, ' ') + ' ';
    const megabyte = (n: number): string => letterLine().repeat(Math.ceil(n / letterLine().length)).slice(0, n);
    const ISSUES = 'IMR ISSUES, DECISIONS AND RATIONALES\n';
    // [name, make(size), full size]: each runs at its full size and at an eighth of it.
    const cases: Array<[string, (n: number) => string, number]> = [
      ['100,000 spaces', (n) => ' '.repeat(n), 100_000],
      ['10,000 #', (n) => '#'.repeat(n), 10_000],
      ['10,000 (', (n) => '('.repeat(n), 10_000],
      ['a 1 MB line of letter text', megabyte, 1_048_576],
      ['a 1 MB line of letter text under an issues heading', (n) => ISSUES + megabyte(n), 1_048_576],
      ['50,000 :', (n) => ':'.repeat(n), 50_000],
      ['Upheld on 100,000 lines', (n) => 'Upheld\n'.repeat(n), 100_000],
      ['100,000 items "x: Upheld"', (n) => ISSUES + 'x: Upheld\n'.repeat(n), 100_000],
      ['50,000 labels', (n) => ISSUES + 'Decision rationale:\n'.repeat(n), 50_000],
      // Was quadratic (`/\*+$/` on the line above a label): 25 s for 100,000 `*`.
      ['100,000 * then "." above a label', (n) => ISSUES + '*'.repeat(n) + '.\nDecision rationale: x\n', 100_000],
      ['100,000 * then ":" above a label', (n) => ISSUES + '*'.repeat(n) + ':\nDecision rationale: x\n', 100_000],
      ['an item line wrapped over 100,000 lines', (n) => ISSUES + 'word\n'.repeat(n) + 'x: Upheld\n', 100_000],
      ['20,000 "original request" lines', (n) => ISSUES + 'original request\n'.repeat(n) + 'x: Upheld\n', 20_000],
      ['spaces then an outcome', (n) => ISSUES + 'x:' + ' '.repeat(n) + 'Upheld', 100_000],
      ['100,000 dots after an outcome', (n) => ISSUES + 'x: Upheld' + '.'.repeat(n) + '\nDecision rationale: is medically necessary.\n', 100_000],
      ['unclosed citations', (n) => ISSUES + '(Smith '.repeat(n), 100_000],
      ['digit-slash runs', (n) => ISSUES + '1/'.repeat(n), 500_000],
      ['strength chains', (n) => ISSUES + 'Norco ' + '10/'.repeat(n) + 'x', 300_000],
      ['MTUS title words without a year', (n) => ISSUES + 'MTUS A '.repeat(n), 150_000],
      ['"lumbar" then 100,000 spaces', (n) => ISSUES + 'lumbar' + ' '.repeat(n) + 'x', 100_000],
      ['100,000 spaces then "back"', (n) => ISSUES + ' '.repeat(n) + 'back', 100_000],
      ['100,000 lone \\r', (n) => 'x\r'.repeat(n), 100_000],
      // Was quadratic (the block's text was read back with endsWith after each `+=`): 15 s for 1.2 MB.
      ['a rationale of 100,000 lines', (n) => ISSUES + 'x: Upheld\nDecision rationale: ' + 'the words of a rationale line\n'.repeat(n), 100_000],
      ['an item line of 200,000 words', (n) => ISSUES + 'word '.repeat(n) + 'x-\nyes: Upheld\n', 200_000],
    ];

    /** Growth of the time per char, at 8× the input, above which a step counts as super-linear. */
    const MAX_GROWTH = 4;
    /** Growth that fails at once: quadratic work gives about 8×, this is well past it. */
    const RUNAWAY_GROWTH = 16;

    /** The least CPU time of three analyses (each after a garbage collection), and the analysis. */
    const timed = (text: string): { ms: number; analysis: Analysis } => {
      let analysis: Analysis | undefined;
      const ms = fastestMs(() => {
        analysis = analyzeText(text);
      }, 3);
      return { ms, analysis: analysis! };
    };

    for (const [name, make, size] of cases) {
      it(`analyses ${name} soundly, in time linear in its length`, () => {
        // Three sizes, each 8× the last: the time per char may grow by MAX_GROWTH at the last step
        // (quadratic work grows it about 8× there; smaller inputs blur it with fixed costs). A step
        // is measured when its larger run takes 30 ms or more: below, nothing super-linear can hide.
        // A step growing past RUNAWAY_GROWTH fails at once, and so does one after which the largest
        // input would take minutes.
        let previous: { chars: number; ms: number } | undefined;
        const report: string[] = [];
        const growths: number[] = [];
        for (const n of [Math.floor(size / 64), Math.floor(size / 8), size]) {
          const last = growths[growths.length - 1];
          if (previous && last !== undefined && last > MAX_GROWTH) {
            // Growing like that, the next input would take this long: too long to wait and see.
            const predicted = previous.ms * 8 * last;
            assert.ok(predicted < 20_000, `time per char grew ${last.toFixed(1)}× at 8× the input (${report.join(', ')}); the next size would take about ${(predicted / 1000).toFixed(0)} s`);
          }
          const text = make(n);
          let run = timed(text);
          const measured = (): boolean => previous !== undefined && run.ms >= 30;
          const growth = (): number => (previous ? run.ms / text.length / (previous.ms / previous.chars) : 1);
          // Two retries for a noisy machine (a run of seconds is not noise).
          for (let retry = 0; retry < 2 && measured() && growth() > MAX_GROWTH && run.ms < 2000; retry++) run = timed(text);
          report.push(`${text.length} chars ${run.ms.toFixed(1)} ms`);
          if (measured()) {
            growths.push(growth());
            assert.ok(growth() <= RUNAWAY_GROWTH, `time per char grew ${growth().toFixed(1)}× from ${previous!.chars} to ${text.length} chars: ${report.join(', ')}`);
          }
          if (n === size) assert.deepEqual(invariantProblems(text, run.analysis), []);
          previous = { chars: text.length, ms: run.ms };
        }
        console.log(`      ${name} (CPU time): ${report.join('; ')}; growth per char at 8× ${growths.length ? growths.map((g) => g.toFixed(2)).join(', ') : '(all under 30 ms)'}`);
        const last = growths[growths.length - 1];
        assert.ok(last === undefined || last <= MAX_GROWTH, `time per char grew ${last?.toFixed(1)}× at 8× the input: ${report.join(', ')}`);
      });
    }
  });
});
