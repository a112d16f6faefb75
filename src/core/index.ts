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
export { lettersOf, type LetterAnalysis } from './analyze';
export { findLetterStarts, letterRanges } from './parse/letters';
export { findEntities, defaultDrugMatcher, type DrugMatcher } from './entities';
export { rules, findRule, ruleDocsUrl, type Rule } from './rules';
export { rationaleConclusion, type Conclusion } from './rules/conclusion';
export { readSettings, analysisOptionsFrom, DEFAULT_SETTINGS, type Settings, type SettingProblem } from './settings';
export type { OcrSettings } from './settings';

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
export type { OcrPage, PdfOcrOptions, PdfReadOptions } from './pdf/extract';
export { OCR_ASSET_DIR, OCR_ASSET_SOURCES, OCR_ASSETS, type OcrAssetLoader, type OcrAssetName } from './ocrAssets';

// ---- views: plain data the extension's providers translate and the CLI prints ----
export { english, itemLabel, markdownText, outcomeLabel, type Translator } from './views/labels';
export { outline, excerpt, trimEnd, foldRegions, EXCERPT_LENGTH, type BlockKind, type FoldRegion, type OutlineNode, type PacketLetterNode } from './views/outline';
export { foldingRanges, type FoldingLines } from './views/folding';
export { hoverAt, drugHover, guidelineHover, literatureHover, itemHover, type HoverView } from './views/hover';
export { describeGuideline, odgChapter, mtusPart, normalizeOdgTitle, type GuidelineInfo, type GuidelinePart, type AcoemSource } from './guidelines';
export { citedGuideline, guidelineSource } from './guidelines';
export { CATEGORY_WORDS, requestKind, type RequestKind } from './categories';
export { categoryLabel } from './views/labels';
export {
  addDays,
  APPEAL_DAYS,
  daysBetween,
  decisionDates,
  decisionDatesHover,
  decisionDatesLine,
  MAIL_DAYS,
  nextWeekday,
  REVIEW_DAYS,
  usDate,
  weekdayOf,
  type DateProblem,
  type DecisionDates,
  type LastDay,
  type ReviewPriority,
} from './views/deadlines';
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

// ---- annotations: kept annotations in brat's standoff format (docs/annotations.md) ----
export {
  emptyAnnotationSet,
  ANNOTATOR_NOTES,
  DISMISSED_NOTE,
  type AnnotationSet,
  type AnnotationProblem,
  type AttributeAnnotation,
  type Dismissal,
  type NoteAnnotation,
  type RelationAnnotation,
  type TextBoundAnnotation,
} from './annotations/types';
export { codePointOffsets, splitsPair, type CodePointOffsets } from './annotations/offsets';
export { FRAGMENT_SEPARATOR, crossesLineBreak, fragmentText, isLineBoundary, isPythonSpace, normalizeFragments, splitAtLineBreaks } from './annotations/fragments';
export { highestIdsOf, idNumber, readStandoff, writeStandoff } from './annotations/standoff';
export {
  ATTRIBUTES,
  DEFAULT_SCHEMA,
  LABELS,
  OUTCOME_ATTRIBUTE,
  RELATIONS,
  annotationConf,
  extendSchema,
  labelOfKind,
  labelOfPart,
  type AnnotationSchema,
  type AttributeDefinition,
  type LabelDefinition,
  type LetterPart,
  type RelationDefinition,
} from './annotations/labels';
export { preAnnotate } from './annotations/preAnnotate';
export {
  addAnnotation,
  addRelation,
  changedSpans,
  confirmText,
  dismiss,
  moveAnnotations,
  nextId,
  relabel,
  removeAnnotation,
  setAttribute,
  setNote,
  spanKey,
  type TextChange,
} from './annotations/edit';
export { acceptSuggestion, dismissSuggestion, suggestions, type Suggestion } from './annotations/suggestions';
export { fromJsonl, toJsonl, type JsonlMeta, type JsonlRecord, type JsonlSpan } from './annotations/jsonl';
export { bioTokens, toConll, type ConllToken } from './annotations/conll';
export { agree, kappa, scores, type Agreement, type AgreementDocument, type LabelScores, type OutcomeAgreement, type Scores } from './annotations/agree';
// ---- annotation settings: the editor's labels, colours and attributes (imr.annotations.*) ----
export {
  readAnnotationSettings,
  annotationSchemaFrom,
  attributesFor,
  offeredLabels,
  labelColor,
  recentFirst,
  usedLabel,
  DEFAULT_ANNOTATION_SETTINGS,
  LABEL_PALETTE,
  type AnnotationSettings,
} from './annotationSettings';
export { replacementBetween, type TextReplacement } from './textChange';
export { annotationsAt, attributesOf, byLabel, inTextOrder, noteOf, spanEnd, spanRange, spanStart, stepAnnotation } from './annotationQueries';
export { annotationDifferences, type AnnotationDifference } from './annotationDifferences';
// ---- the outcomes dashboard: its numbers from many letters, and its HTML (issue 17) ----
export {
  addFile,
  createAggregate,
  finishAggregate,
  mergeAggregates,
  TOP_ROWS,
  type AggregateOptions,
  type ChartData,
  type ChartRow,
  type DashboardData,
  type DaysSummary,
  type ItemRef,
  type OutcomeAggregate,
  type OutcomeCounts,
} from './dashboard/aggregate';
export { AGE_BINS, DAY_BINS, DIMENSIONS, dayBin, requestOf, type DimensionId, type DimensionKey } from './dashboard/dimensions';
export { chartTitles, dashboardHtml, DASHBOARD_DATA_ID, escapeHtml, TABLE_COLUMNS, upheldPercent, type DashboardHost, type DashboardHostMessage, type DashboardHtmlOptions, type DashboardPageMessage } from './dashboard/html';
// ---- packets: the letter-start finder with no regex, for the test that keeps the regex in step ----
export { plainLetterStarts, LETTER_MARKS, type LetterMark } from './parse/letters';
