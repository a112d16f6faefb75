/**
 * The tiny document interface the core reads. `vscode.TextDocument` satisfies it as it is, and so
 * does a file read by the CLI.
 */
export interface LetterDocument {
  readonly uri: { toString(): string };
  readonly version: number;
  getText(): string;
}

/** Cancellation as the core sees it; `vscode.CancellationToken` satisfies it. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}
