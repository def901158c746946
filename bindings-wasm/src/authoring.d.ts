
// ---- Working on a rule set (issue 21): fromFiles, runTests, check, diff, signedBundle.
// Checked against real output by tests/types.test.mjs like the declarations above.

/** A rule set's files: relative path (`manifest.toml`, `rules/hulp.toml`, `scenarios/x.toml`)
 *  to text, as a plain object, a Map or `[path, text]` pairs. */
export type RuleFiles = { [path: string]: string } | Map<string, string> | [string, string][];

/** Options of `engine.check(options)`. */
export interface CheckOptions {
  /** Partial cases the whole run may visit (default 1,000,000). */
  maxCases?: number;
  /** Asked every few thousand partial cases and once per question: `true` (or a throw)
   *  stops the run; what is left undecided is reported as `analysis-incomplete`. */
  stop?: () => boolean;
}

/** One finding of `check` (`wegwijs check`), most serious first. */
export interface Finding {
  /** Stable code, e.g. `dead-rule`, `region-gap`, `property-violated`, `analysis-incomplete`. */
  code: string;
  severity: "error" | "warning" | "info";
  /** What is wrong, in English. */
  message: string;
  /** Where, when it is one place (line and column 1-based; 0 when not known). */
  location: FindingLocation | null;
  /** A case that shows the problem. */
  witness: Witness | null;
}

/** The place of a finding. */
export interface FindingLocation {
  file: string;
  line: number;
  column: number;
  /** Logical path of the item, e.g. `rules[3].when`. */
  path: string;
}

/** A concrete case: evaluate `case` at `now` to see it. */
export interface Witness {
  now: string;
  case: { [fact: string]: unknown };
}

/** One class of cases whose outcome differs between two rule sets (`old.diff(new)`). */
export interface DiffClass {
  /** `regie`, `need:<area>`, `regiehouder`, `referral:<offer>`, `against_wish:<offer>`,
   *  `deadline:<offer>:<fact>` or `provider:<offer>:<region>`. */
  outcome: string;
  /** The value under the old rule set (`absent`/`none` where nothing is proposed). */
  old: string;
  new: string;
  /** A case of the class (absent when the search was incomplete). */
  witness: Witness | null;
  /** Present (true) only when the search ran out of budget. */
  incomplete?: boolean;
}

/** The result of one scenario test (`runTests`). */
export interface ScenarioResult {
  id: string;
  description: string;
  /** Every expectation that did not hold, with expected and actual (empty = passed). */
  failures: string[];
}
