/** Is this text an IMR determination letter? Decided from its first few KB, for switching `.txt` files to the `imr` language. */

const PREFIX = 8192;
const HEADINGS = /(?:HOW THE IMR FINAL DETERMINATION WAS MADE|IMR ISSUES, DECISIONS AND RATIONALES|CLINICAL CASE SUMMARY)/;
const CASE_NUMBER = /Case\s{0,3}Number:(?:<\/b>)?[ \t]{0,40}CM\d{2}-\d{5,8}\b/;

/** True when the start of `text` has an IMR heading or a `Case Number: CM16-0213037` header. */
export function looksLikeLetter(text: string): boolean {
  const head = text.length > PREFIX ? text.slice(0, PREFIX) : text;
  return HEADINGS.test(head) || CASE_NUMBER.test(head);
}
