/**
 * The extension's settings (`imr.*`), validated with zod. An invalid value never stops anything: it
 * is reported once, with what was wrong and the default used in its place, and everything else
 * keeps its own value.
 */

import * as z from './zod';
import { parseUserDrugs, shippedLexicon, type LexiconEntry } from './entities/lexicon';
import { rules } from './rules';
import type { AnalysisOptions, SeveritySetting } from './analyze';
import { createDrugMatcher } from './entities/drugs';

export interface Settings {
  /** Switch `.txt` files that look like IMR letters to the `imr` language. */
  readonly autoDetect: boolean;
  /** Check as the user types (debounced) or only when the file is saved. */
  readonly run: 'onType' | 'onSave';
  /** Severity per rule code. */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  /** Drugs added to the shipped lexicon. */
  readonly drugs: readonly LexiconEntry[];
  /** Files above this many characters are not analysed (a notice says so). */
  readonly maxFileSize: number;
  /** Scanned PDF pages (no text layer): read by OCR (`imr.ocr.enabled`), flagged below a confidence (`imr.ocr.minConfidence`, 0-100). */
  readonly ocr: OcrSettings;
}

/** `imr.ocr.*`. */
export interface OcrSettings {
  readonly enabled: boolean;
  readonly minConfidence: number;
}

export const DEFAULT_SETTINGS: Settings = {
  autoDetect: true,
  run: 'onType',
  rules: {},
  drugs: [],
  maxFileSize: 5_000_000,
  ocr: { enabled: true, minConfidence: 80 },
};

const severity = z.enum(['off', 'info', 'warning', 'error']);
const ruleCodes = new Set(rules.map((r) => r.code));

const schemas = {
  autoDetect: z.boolean(),
  run: z.enum(['onType', 'onSave']),
  maxFileSize: z.number().check(z.int(), z.positive()),
  'ocr.enabled': z.boolean(),
  'ocr.minConfidence': z.number().check(z.gte(0), z.lte(100)),
} as const;

/** The settings' values by their names under `imr.` (`ocr.enabled` is `settings.ocr.enabled`). */
const defaultsByName = { ...DEFAULT_SETTINGS, 'ocr.enabled': DEFAULT_SETTINGS.ocr.enabled, 'ocr.minConfidence': DEFAULT_SETTINGS.ocr.minConfidence };

/** A problem with one setting: which, what was wrong, what is used instead. */
export interface SettingProblem {
  readonly setting: string;
  readonly message: string;
}

function describe(error: z.core.$ZodError): string {
  return error.issues.map((issue) => issue.message).join('; ');
}

function show(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

/**
 * Reads raw settings (what `getConfiguration('imr')` holds; `undefined` for unset keys) into valid
 * ones. Never throws.
 */
export function readSettings(raw: Readonly<Record<string, unknown>>): { settings: Settings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const pick = <K extends keyof typeof schemas>(key: K): z.infer<(typeof schemas)[K]> => {
    const value = raw[key];
    const fallback = defaultsByName[key] as z.infer<(typeof schemas)[K]>;
    if (value === undefined || value === null) return fallback;
    const parsed = schemas[key].safeParse(value);
    if (parsed.success) return parsed.data as z.infer<(typeof schemas)[K]>;
    problems.push({ setting: `imr.${key}`, message: `${show(value)} is not valid (${describe(parsed.error)}); using the default ${show(fallback)}.` });
    return fallback;
  };

  const ruleSeverities: Record<string, SeveritySetting> = {};
  const rawRules = raw.rules;
  if (rawRules !== undefined && rawRules !== null) {
    if (typeof rawRules !== 'object' || Array.isArray(rawRules)) {
      problems.push({ setting: 'imr.rules', message: `${show(rawRules)} is not an object of rule codes to severities; using every rule's default severity.` });
    } else {
      for (const [code, value] of Object.entries(rawRules as Record<string, unknown>)) {
        const key = code.toUpperCase();
        if (!ruleCodes.has(key)) {
          problems.push({ setting: `imr.rules.${code}`, message: `"${code}" is not a rule code (known: ${[...ruleCodes].join(', ')}); ignored.` });
          continue;
        }
        const parsed = severity.safeParse(value);
        if (parsed.success) ruleSeverities[key] = parsed.data;
        else problems.push({ setting: `imr.rules.${code}`, message: `${show(value)} is not a severity (off, info, warning, error); using the rule's default.` });
      }
    }
  }

  let drugs: readonly LexiconEntry[] = [];
  if (raw.drugs !== undefined && raw.drugs !== null) {
    const parsed = parseUserDrugs(raw.drugs);
    drugs = parsed.entries;
    for (const message of parsed.problems) {
      const consequence = message.startsWith('drug [') ? 'that entry is ignored' : 'no drugs are added';
      problems.push({ setting: 'imr.drugs', message: `${message}; ${consequence}.` });
    }
  }

  return {
    settings: {
      autoDetect: pick('autoDetect'),
      run: pick('run'),
      maxFileSize: pick('maxFileSize'),
      ocr: { enabled: pick('ocr.enabled'), minConfidence: pick('ocr.minConfidence') },
      rules: ruleSeverities,
      drugs,
    },
    problems,
  };
}

/**
 * The analysis options the settings ask for: the rules' severities, and a drug matcher with the
 * user's drugs added to the shipped lexicon (none when there are none: the default matcher is shared).
 */
export function analysisOptionsFrom(settings: Settings): AnalysisOptions {
  return {
    severities: settings.rules,
    ...(settings.drugs.length > 0 ? { drugs: createDrugMatcher(shippedLexicon.drugs, settings.drugs) } : {}),
  };
}
