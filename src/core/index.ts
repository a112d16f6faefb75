/** The core's public surface: everything the extension, the CLI and the tests use. */

export * from './model';
export type { LetterDocument, Cancellation } from './document';
export { parse } from './parse';
export { analyzeText, runRules, LetterAnalyzer, type Analysis, type AnalysisOptions, type SeveritySetting } from './analyze';
export { findEntities, defaultDrugMatcher, type DrugMatcher } from './entities';
export { rules, findRule, ruleDocsUrl, type Rule } from './rules';
export { applyEdits, safeFixes } from './fixes';
export { indexLines, positionOf, type LineIndex } from './parse/lines';
export { parseUsDate } from './dates';
export { rationaleConclusion } from './rules/conclusion';
export { looksLikeLetter } from './detect';
export { itemRows, toCsv, toJson, ITEM_COLUMNS, type ItemRow } from './export';
export { readSettings, DEFAULT_SETTINGS, type Settings, type SettingProblem } from './settings';
export { entitiesIn, entityAt } from './parse';

// ---------------------------------------------------------------------------------------------
// Prefilters: the fast-path pattern tables, for the tests that check each prefilter against its table.
export { fastPathTables, lineListTables, type FastPathTable, type LineListTable, type QuantityTable } from './fastPaths';
