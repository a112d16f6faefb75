/** Letters shared by the unit and the integration tests (plain strings: both bundles can import them). */

/** A small complete letter in the PDF-extracted style; each test bends one thing about it. */
export const PLAIN = `Case Number: CM16-0213037
Date Assigned: 11/09/2016 Date of Injury:  10/13/2016
Decision Date: 12/09/2016 UR Denial Date:  11/03/2016
Priority:  Standard Application
Received:
11/03/2016

HOW THE IMR FINAL DETERMINATION WAS MADE
MAXIMUS Federal Services sent the complete case file to an expert reviewer.

The Expert Reviewer has the following credentials:
State(s) of Licensure: California

CLINICAL CASE SUMMARY
The injured worker is a 48 year old male.

IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:

Valium 5 mg #24: Upheld

Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.

MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 24.

Decision rationale: Benzodiazepines are not recommended for long-term use. The request is not medically necessary.

MRI of the right shoulder without contrast: Overturned

Claims Administrator guideline: Decision based on MTUS Shoulder Complaints 2004.

MAXIMUS guideline: Decision based on MTUS Shoulder Complaints 2004, Section(s): Special Studies.

Decision rationale: Red flags are documented. The request is medically necessary.
`;
