// Extension entry point, bundled twice from this one source by esbuild.mjs:
//   dist/extension.js      (platform node, package.json "main")    for desktop VS Code
//   dist/web/extension.js  (platform browser, package.json "browser") for VS Code for the Web
// It runs in a web worker in the second case, so it (and whatever it imports) must not use Node
// APIs such as fs, path or child_process: read files with vscode.workspace.fs instead.
// activate() only wires the features; each lives in its own file and reads the shared analysis.
import { bundleEvaluationStart } from './clock';
import * as vscode from 'vscode';
import * as codeActions from './codeActions';
import * as dashboard from './dashboard';
import * as diagnostics from './diagnostics';
import * as exportItems from './exportItems';
import * as folding from './folding';
import * as hover from './hover';
import * as itemsTree from './itemsTree';
import * as languageDetection from './languageDetection';
import { Letters } from './letters';
import * as navigation from './navigation';
import * as pdfLetters from './pdfLetters';
import * as sampleLetter from './sampleLetter';
import * as semanticTokens from './semanticTokens';
import * as statusBar from './statusBar';
import * as symbols from './symbols';
import * as workspaceCheck from './workspaceCheck';
import { WorkspaceLetters } from './workspaceLetters';
import * as annotationActions from './annotationActions';
import * as annotationCompare from './annotationCompare';
import * as annotationCommands from './annotationCommands';
import * as annotationDecorations from './annotationDecorations';
import * as annotationDiagnostics from './annotationDiagnostics';
import * as annotationHover from './annotationHover';
import { LetterAnnotations } from './annotations';
import * as annotationsTree from './annotationsTree';

/** What activate() returns: the shared services, for the integration tests. */
export interface ImrExtensionApi {
  readonly letters: Letters;
  readonly diagnostics: diagnostics.LetterDiagnostics;
  /** The workspace's letters as the view, the check and the export read them (each analysed once). */
  readonly workspaceLetters: WorkspaceLetters;
  /** The Disputed Items view's data and state (scope, filter). */
  readonly itemsTree: itemsTree.ItemsTree;
  /** The status bar entry of the active letter. */
  readonly statusBar: statusBar.LetterStatus;
  /** What Go to Disputed Item lists for a document. */
  readonly goToItemPicks: (document: vscode.TextDocument) => navigation.ItemPick[];
  /** Milliseconds from the start of the bundle's evaluation to the end of activate(), in this host. */
  readonly activationMs: number;
  /** The kept annotations of open letters (their `.ann` files). */
  readonly annotations: LetterAnnotations;
  /** The analyzer's suggestions and the changed spans of annotated letters. */
  readonly annotationDiagnostics: annotationDiagnostics.AnnotationDiagnostics;
  /** The highlights of kept annotations. */
  readonly annotationDecorations: annotationDecorations.AnnotationDecorations;
  /** The Annotations view. */
  readonly annotationsTree: annotationsTree.AnnotationsTree;
  /** Compare Annotations With...: the differences shown. */
  readonly annotationCompare: annotationCompare.AnnotationCompare;
}

export function activate(context: vscode.ExtensionContext): ImrExtensionApi {
  const letters = new Letters(context.extensionUri, context.globalStorageUri);
  // One search, one watcher and one analysis per letter for every feature that reads the whole workspace.
  const workspaceLetters = new WorkspaceLetters(letters);
  context.subscriptions.push(letters, workspaceLetters);
  for (const feature of [languageDetection, symbols, folding, semanticTokens, hover, navigation, codeActions, pdfLetters]) {
    context.subscriptions.push(feature.register(letters));
  }
  context.subscriptions.push(exportItems.register(letters, workspaceLetters));
  context.subscriptions.push(dashboard.register(letters, workspaceLetters, context.extensionUri));
  const items = itemsTree.register(letters, workspaceLetters, context.extensionUri);
  const status = statusBar.register(letters);
  context.subscriptions.push(items, status, sampleLetter.register(context.extensionUri));
  // The workspace check writes its results into the diagnostics' collection.
  const problems = diagnostics.register(letters);
  context.subscriptions.push(problems, workspaceCheck.register(letters, workspaceLetters, problems));
  // Kept annotations: the .ann beside each letter, and every feature that shows or edits them.
  const annotations = new LetterAnnotations(letters, context.globalState);
  const reviewer = annotationDiagnostics.register(annotations);
  const highlights = annotationDecorations.register(annotations);
  const annotationsView = annotationsTree.register(annotations, letters);
  const comparison = annotationCompare.register(annotations);
  context.subscriptions.push(
    annotations,
    reviewer,
    highlights,
    annotationsView,
    comparison,
    annotationCommands.register(annotations, reviewer),
    annotationActions.register(annotations, reviewer),
    annotationHover.register(annotations),
  );
  return {
    letters,
    diagnostics: problems,
    workspaceLetters,
    itemsTree: items,
    statusBar: status,
    goToItemPicks: (document) => navigation.goToItemPicks(letters, document),
    annotations,
    annotationDiagnostics: reviewer,
    annotationDecorations: highlights,
    annotationsTree: annotationsView,
    annotationCompare: comparison,
    activationMs: performance.now() - bundleEvaluationStart,
  };
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
