/**
 * The core's public surface: everything the extension, the CLI, the tests and the scripts use. No
 * file outside src/core imports a core module other than this one (eslint.config.mjs enforces it),
 * so what the layers share is listed here. See docs/architecture.md.
 */

// ---- the model and the analysis ----
export * from './model';
export type { LetterDocument, Cancellation } from './document';
export { parse, entitiesIn, entityAt } from './parse';
export { analyzeText, runRules, LetterAnalyzer, type Analysis, type AnalysisOptions, type SeveritySetting } from './analyze';
export { findEntities, defaultDrugMatcher, type DrugMatcher } from './entities';
export { rules, findRule, ruleDocsUrl, type Rule } from './rules';
export { rationaleConclusion, type Conclusion } from './rules/conclusion';
export { readSettings, analysisOptionsFrom, DEFAULT_SETTINGS, type Settings, type SettingProblem } from './settings';

// ---- fixes ----
export { applyEdits, safeFixes } from './fixes';
export { plainEdits, preferredFixes } from './fixAll';

// ---- positions, dates, files ----
export { indexLines, positionOf, lineAt, lineStartsOf, type LineIndex, type LineStarts } from './parse/lines';
export { parseUsDate } from './dates';
export { looksLikeLetter } from './detect';
export { lostLineBreaksNote } from './parse/flattened';
export { decodeText, type DecodedText, type DecodeTextOptions, type NotTextReason, type TextEncodingName } from './decodeText';
export { mayFit, readLetterFile, type LetterFile, type SkipReason } from './letterFile';
// The PDF bundle is loaded on first use through pdfReader; its types only are exported from it.
export { loadPdfExtractor, requirePdfModule, type PdfBundleSource, type PdfExtractor, type PdfModule } from './pdfReader';
export type { PdfErrorKind, PdfTextResult, PdfJs } from './pdf/extract';

// ---- views: plain data the extension's providers translate and the CLI prints ----
export { english, itemLabel, markdownText, outcomeLabel, type Translator } from './views/labels';
export { outline, excerpt, trimEnd, foldRegions, EXCERPT_LENGTH, type BlockKind, type FoldRegion, type OutlineNode } from './views/outline';
export { foldingRanges, type FoldingLines } from './views/folding';
export { hoverAt, drugHover, guidelineHover, literatureHover, itemHover, type HoverView } from './views/hover';
export { describeGuideline, odgChapter, mtusPart, normalizeOdgTitle, type GuidelineInfo, type GuidelinePart, type AcoemSource } from './views/guidelines';
export {
  itemIndexAt,
  itemSummaries,
  letterCounts,
  matchesFilter,
  stepTo,
  type ItemSummary,
  type LetterCounts,
  type OutcomeFilter,
} from './views/items';
export { TOKEN_MODIFIERS, TOKEN_TYPES, tokenSpans, tokenTypeOf, type TokenModifier, type TokenSpan, type TokenType } from './views/tokens';
export { itemRows, toCsv, toJson, ITEM_COLUMNS, type ItemRow } from './export';

// ---- finders and internals used by the tests and tools ----
// Not for the extension or the CLI: the finders each layer of the analysis is built from, exported
// so that tests check them one by one.
export { isAsciiLetter, isDigit, isRegexSpace, isTextSpace, isWordChar, isYearAt } from './chars';
export { normalize, normalizedText, textBlock, type ContentLine, type NormalizedText } from './parse/lines';
export { parseIndexed, fieldsOf, type ParseOptions } from './parse';
export { createDrugMatcher, findDrugs, findDrugsAndStarts } from './entities/drugs';
export { DRUG_CLASSES, lexiconSchema, parseUserDrugs, shippedLexicon, type Lexicon, type LexiconEntry, type UserDrug } from './entities/lexicon';
export { findQuantities } from './entities/quantities';
export { findMarkers } from './entities/markers';
export { findCitations } from './entities/citations';
export { findStarts, fourthAt, keyAt, keysOf, type Starts } from './entities/starts';
export { missingDecision } from './rules/imr001-missing-decision';
export { missingRationale } from './rules/imr002-missing-rationale';
export { missingGuideline } from './rules/imr003-missing-guideline';
export { decisionConflict } from './rules/imr004-decision-conflict';
export { missingSection } from './rules/imr005-missing-section';
export { headerDates } from './rules/imr006-header-dates';
export { misreadWord } from './rules/imr007-misread-word';
export { readAs, type Misreading } from './parse/misread';
export { documentText, pageText, usualLeading, type TextRun } from './pdf/layout';

// ---- end of the internals (other blocks go below this line) ----

// ---- prefilters: the fast-path pattern tables, for the tests that check each prefilter against its table ----
export { fastPathTables, lineListTables, type FastPathTable, type LineListTable, type QuantityTable } from './fastPaths';
