// ---------------------------------------------------------------------------------------
// Wegwijs: the values that go in and come out (plain JavaScript objects).
// Kept by hand in step with core/src/result.rs, core/src/ruleset/source.rs and
// core/src/eval/why_not.rs; bindings-wasm/tests/types.test.mjs checks every interface
// here against real output, field by field.
// ---------------------------------------------------------------------------------------

/** A value of one intake fact; `null` or `undefined` means unknown.
 *  bool: `true`/`false`; int: a whole number (or bigint) within the fact's min..max;
 *  enum: one of its values; set: an array of its values (order, duplicates ignored);
 *  datetime: RFC 3339 with offset, or a `Date`; date: `YYYY-MM-DD`. */
export type FactValue = boolean | number | bigint | string | string[] | Date | null | undefined;

/** A case: fact id to value, as a plain object or a `Map`. A missing key, `null` or
 *  `undefined` means unknown. Class instances, other prototypes, Symbol keys, getters and
 *  non-enumerable properties are refused with a `CaseError`. */
export type Case = { [fact: string]: FactValue } | Map<string, FactValue>;

/** The evaluation time: an RFC 3339 datetime with offset, or a `Date`. */
export type Now = string | Date;

/** A user-facing text per language; Dutch (`nl`) is always present. A key that is a voice of
 *  the manifest (e.g. `je`) holds the text in that voice, per language. In output narrowed
 *  to one language (`forAudience(…, lang)`), a text holds only that language or, where it
 *  has none, only `nl` (so read it as `t[lang] ?? t.nl`). */
export interface Text {
  nl: string;
  [langOrVoice: string]: string | { [lang: string]: string };
}

/** `certain`: holds whatever the open questions turn out to be; `possible`: depends on them. */
export type Status = "certain" | "possible";

/** Which rule set produced a proposal. */
export interface RuleSetId {
  name: string;
  version: string;
  /** `sha256:…` over the canonical content. */
  hash: string;
  /** Who signed the rule set, when it was loaded against trusted keys; `null` otherwise. */
  signed_by: SignedBy | null;
}

/** A rule set's signer (docs/signing.md). */
export interface SignedBy {
  /** First 16 hex digits of SHA-256 over the public key. */
  key_id: string;
  /** The signer's name, as the trusted key file gives it. */
  signer: string;
}

/** Options of `Engine.fromBundle`. */
export interface BundleOptions {
  /** Texts of trusted public key files: the bundle must be signed by one of them. */
  trust?: string[];
}

/** The engine's proposal for one case. It proposes; the MDT decides. */
export interface Proposal {
  ruleset: RuleSetId;
  /** The evaluation time (RFC 3339, in the rule set's time zone, e.g. `+01:00`). */
  evaluated_at: string;
  /** The language the texts were narrowed to (`lang`); absent: every language. */
  language?: string;
  /** The case's region, if known. */
  region: string | null;
  /** The voice victim-facing texts speak in (e.g. `je`, `u`, `melder`), if the rule set declares voices. */
  voice: string | null;
  /** Need per area, in manifest order. */
  needs: NeedProposal[];
  /** Referrals, by area, then urgency (most urgent first). */
  referrals: ReferralProposal[];
  regie: RegieProposal;
  regiehouder: RegiehouderProposal | null;
  /** Every rule that holds or could hold. */
  explanations: Explanation[];
  /** Unanswered questions that could still change this proposal, most urgent first. */
  questions: Question[];
  warnings: Warning[];
  /** A new or nearly empty case: show the first questions first, then the certain referrals. */
  questions_first?: boolean;
  /** For a case record: the decision that stays, actions, departures (absent for a plain case). */
  record?: RecordStatus;
}

/** How a case record stands at the evaluation time (docs/case-record.md). */
export interface RecordStatus {
  decided: DecidedStatus | null;
  /** Where the proposal differs from the decision: `regie`, `regiehouder`. */
  departures: string[];
  actions: ActionView[];
  not_proposed_again: ActionView[];
  /** Termijn verstreken: planned actions whose deadline passed. */
  deadlines_passed: DeadlineView[];
  /** Facts older than their `valid_for`, counted as unknown. */
  stale: string[];
  /** Time facts known only as a range. */
  ranges: string[];
  /** Facts whose known value changed since the latest decision, danger facts first. */
  facts_changed?: FactChange[];
  /** Done offers needed again (`renews`): proposed again as the renewal step. */
  renewed?: Renewal[];
  /** Deadlines counted from a time range: both ends and where now stands. */
  deadline_ranges?: DeadlineRange[];
}

/** A fact whose value changed: the codes and the words. */
export interface FactChange {
  fact: string;
  /** The value before, as a record writes it (null for unknown). */
  from: FactValue | { from: string; to: string } | null;
  /** The value now. */
  to: FactValue | { from: string; to: string } | null;
  at: string;
  /** The fact can reveal danger now (`priority = "danger_now"`). */
  danger: boolean;
  /** "Pleger woont in hetzelfde huis: nu ja (was nee; sinds 7 maart)". */
  text: Text;
}

/** A done offer needed again because a fact its `renews` names changed after it was done. */
export interface Renewal {
  offer: string;
  done_at: string;
  changed_at: string;
  facts: FactChange[];
  /** The renewal step ("Nieuwe informatie vandaag aan Veilig Thuis doorgeven"). */
  label: Text;
}

/** A deadline from a time range: `open`, `perhaps_passed` (between the ends) or `passed`. */
export interface DeadlineRange {
  offer: string;
  earliest: string;
  latest: string;
  state: "open" | "perhaps_passed" | "passed";
  /** "uiterlijk 10 maart 06:00–12:00 (tijdstip onzeker), mogelijk nog zinvol". */
  text: Text;
}

/** The latest MDT decision. */
export interface DecidedStatus {
  at: string;
  by: string;
  regie: string;
  regiehouder: string | null;
}

/** An offer and its latest action. */
export interface ActionView {
  offer: string;
  status: "planned" | "done" | "declined";
  at: string;
}

/** An offer and its deadline. */
export interface DeadlineView {
  offer: string;
  deadline: string;
}

/** A fact value in a case record: the value, with when it was learned, or a time range; or
 *  its history, each value with its `at`, oldest first. */
export type RecordFact =
  | FactValue
  | { value: FactValue; at?: string }
  | { from: string; to: string; at?: string }
  | ({ value: FactValue; at: string } | { from: string; to: string; at: string })[];

/** A case over time (schema/record.schema.json). */
export interface CaseRecord {
  format?: "wegwijs-record/1";
  case?: string;
  facts: { [fact: string]: RecordFact };
  actions?: { offer: string; status: "planned" | "done" | "declined"; at: string }[];
  decisions?: Decision[];
}

/** An MDT decision (stamped with `at` and the hashes by `decide`). */
export interface Decision {
  at?: string;
  by: string;
  regie: string;
  regiehouder?: string;
  accepted?: string[];
  rejected?: string[];
  reasons?: { [departure: string]: string };
  overrides_acknowledged?: string[];
  /** Accepted referrals outside the consent, acknowledged as "consent still to be discussed". */
  consent_acknowledged?: string[];
  ruleset_hash?: string;
  proposal_hash?: string;
  /** The case it was taken on (stamped by `decide`). */
  case?: string;
  /** Hash of the record's decisions before it (stamped by `decide`): the chain. */
  previous_hash?: string;
  /** Hash of this decision without this field (stamped by `decide`). */
  decision_hash?: string;
}

/** `verify`: one check per decision, oldest first. */
export interface Verification {
  case: string | null;
  ruleset_hash: string;
  /** Every decision intact and checked against this rule set. */
  verified: boolean;
  decisions: DecisionCheck[];
}

/** How a stored hash compares with the one computed now. */
export type HashCheck = "ok" | "mismatch" | "missing" | "not_checked";

/** What verifying one decision found. */
export interface DecisionCheck {
  index: number;
  at: string;
  decision: HashCheck;
  proposal: HashCheck;
  chain: HashCheck;
  case: "ok" | "other_case" | "missing";
  ruleset: "loaded" | "other" | "missing";
  /** The rule-set hash it was taken on, when not the loaded one. */
  ruleset_needed?: string;
}

/** What changed since an earlier proposal. */
export interface Changes {
  since: string;
  now: string;
  referrals_added: string[];
  referrals_removed: string[];
  referrals_settled: string[];
  became_certain: string[];
  became_possible: string[];
  deadlines_passed: DeadlineView[];
  deadlines_soon: DeadlineView[];
  regie: LevelChange | null;
  regiehouder: LevelChange | null;
  questions_answered: string[];
  questions_new: string[];
  facts_stale: string[];
  /** Facts whose known value changed since, in words; danger facts first. */
  facts_changed?: FactChange[];
  /** Done offers needed again since. */
  referrals_renewed?: string[];
}

/** A change of regie level (`up`/`down`) or regiehouder (`changed`). */
export interface LevelChange {
  from: string | null;
  to: string | null;
  direction: string;
}

/** The MDT agenda, most urgent first. */
export interface Agenda {
  now: string;
  entries: AgendaEntry[];
}

/** One case on the agenda. */
export interface AgendaEntry {
  case: string;
  reasons: string[];
  deadlines_passed: DeadlineView[];
  deadlines_soon: DeadlineView[];
  regie: string;
  decided: DecidedStatus | null;
  changes: Changes | null;
  awaiting_decision: string[];
  questions: string[];
  /** The reasons in words (nl, en). */
  headline: Text;
  /** The entry in words, one line per point, labels instead of ids (nl, en). */
  lines: Text[];
}

/** Need level of one area (veiligheid, strafrecht, hulp, herstel). */
export interface NeedProposal {
  area: string;
  /** Level reached with certainty. */
  level: string;
  status: Status;
  /** The highest level open questions could still raise it to. */
  up_to: string | null;
  rules: string[];
}

/** A referral (doorverwijzing) to an offer. */
export interface ReferralProposal {
  offer: string;
  area: string;
  organisation: string;
  label: Text;
  /** Urgency id (e.g. `direct`). */
  urgency: string;
  /** Latest moment (RFC 3339, UTC), when the rule gives one and its start is known. */
  deadline: string | null;
  status: Status;
  /** Sharing with the partner is outside the consent (`certain`), or an unknown fact
   * decides whether it is (`possible`): discuss consent first. */
  outside_consent: Marker | null;
  /** Against the victim's stated wish (`certain`), or possibly so. Never for a step she
   * asked for. */
  against_wish: Marker | null;
  /** Who provides it in the case's region. */
  provider: string | null;
  rules: string[];
  /** For a case record: the MDT's latest decision on it rejected it. */
  rejected?: Rejection;
}

/** A marker on a referral: how sure, its headline, and why the step goes ahead anyway. */
export interface Marker {
  status: Status;
  label: Text;
  /** The override reason of the rule behind it. */
  reason: Text | null;
  /** The legal ground it rests on (meldrecht, a duty to report). */
  ground: Text | null;
}

/** "Afgewezen door het MDT (datum, reden)". */
export interface Rejection {
  /** When the deciding decision was taken (RFC 3339, local time). */
  at: string;
  /** The MDT's reason, as written. */
  reason: string | null;
  text: Text;
}

/** Regie intensity (R0–R3). */
export interface RegieProposal {
  level: string;
  label: Text;
  status: Status;
  up_to: string | null;
  rules: string[];
}

/** The proposed regiehouder (the one fixed contact). */
export interface RegiehouderProposal {
  id: string;
  organisation: string;
  label: Text;
  status: Status;
  /** Others that open questions could still make regiehouder. */
  alternatives: string[];
  rules: string[];
  /** Present (true) when the regiehouder's organisation is not within the consent: discuss consent first. */
  consent_first?: boolean;
}

/** Why a rule applies. */
export interface Explanation {
  rule: string;
  status: Status;
  /** The intake facts the rule reads. */
  facts: string[];
  /** The rendered `because` text. */
  text: Text;
  /** Source reference (R-number) or `voorstel`. */
  source: string;
  /** For an override rule: why safety may go before the victim's wish. */
  override: Text | null;
}

/** An unanswered question that matters. */
export interface Question {
  fact: string;
  /** Gespreksgids section id. */
  section: string;
  label: Text;
  /** The question, in the proposal's voice. */
  question: Text;
  /** Answered by a professional from their own records: never put to the victim. */
  professional_only: boolean;
  /** What the answer could change: `referral:<offer>`, `against_wish:<offer>`,
   *  `deadline:<offer>`, `need:<area>`, `regie`, `regiehouder`, `provider`. */
  affects: string[];
}

/** Something the MDT should notice. */
export interface Warning {
  code: string;
  message: Text;
}

/** Why an offer is not (certainly) proposed. */
export interface WhyNot {
  offer: string;
  status: "certain" | "possible" | "absent";
  /** Every rule that refers to the offer. */
  rules: WhyNotRule[];
  /** For a case record: the victim declined the offer, or the latest MDT decision rejected it. */
  declined?: WhyNotDeclined;
}

/** A "no" to an offer in the case record, said in plain language. */
export interface WhyNotDeclined {
  by: "slachtoffer" | "mdt";
  /** RFC 3339, in the rule set's time zone. */
  at: string;
  /** What that means for the proposal (`nl`, `en`). */
  text: Text;
}

/** One rule that could propose the offer. */
export interface WhyNotRule {
  rule: string;
  condition: "true" | "false" | "unknown";
  /** The parts of the condition that are false or unknown. */
  blocking: Clause[];
  /** The victim's wish gating the offer, when it is false or unknown. */
  wish: Clause | null;
}

/** A part of a condition and its value. */
export interface Clause {
  /** The expression as written in the rule file. */
  expression: string;
  value: "false" | "unknown";
  /** For a derived fact: its own expression. */
  defined_as?: string;
}

/** The intake facts (invulformulier) and their sections, in gespreksgids order. */
export interface Schema {
  sections: Labelled[];
  facts: FactSource[];
}

/** One intake fact. */
export interface FactSource {
  id: string;
  type: "bool" | "int" | "enum" | "set" | "datetime" | "date";
  /** Allowed values (enum, set). */
  values?: string[];
  /** Labels of the values (enum, set). */
  value_labels?: { [value: string]: Text };
  /** Lowest allowed value (int). */
  min?: number;
  /** Highest allowed value (int). */
  max?: number;
  /** Gespreksgids section id. */
  section: string;
  label: Text;
  /** The question as asked in the conversation. */
  question: Text;
  /** Guidance for the intake worker. */
  help?: Text;
  /** Recorded for the MDT's file only; no rule reads it (present only when true). */
  dossier?: true;
  /** How long an answer stays current in a case record (`"1d"`, `"12h"`). */
  valid_for?: string;
  /** Question order: `danger_now` first, `later` (herstel only) last; absent means `normal`. */
  priority?: "danger_now" | "normal" | "later";
  /** Answered by a professional, never asked of the victim (present only when true). */
  professional_only?: true;
}

/** An id with a label and an optional description. */
export interface Labelled {
  id: string;
  label: Text;
  description?: Text;
}

/** The whole rule set as written (see docs/rule-format.md). */
export interface RuleSetSource {
  manifest: Manifest;
  schema: Schema;
  derived: DerivedSource[];
  offers: OfferSource[];
  rules: RuleSource[];
  regions: RegionSource[];
  properties: PropertySource[];
  /** Scenario tests (left out when there are none). */
  scenarios?: ScenarioSource[];
}

/** `manifest.toml`. */
export interface Manifest {
  name: string;
  version: string;
  languages: string[];
  description: Text;
  region_fact: string | null;
  /** IANA time zone times are shown in (UTC when absent). */
  time_zone?: string;
  areas: Labelled[];
  need_levels: Labelled[];
  urgencies: Labelled[];
  regie_levels: Labelled[];
  organisations: Labelled[];
  regiehouders: RegiehouderSource[];
  /** Voices texts may have variants in; the first whose `when` holds is used, else the last. */
  voices?: VoiceSource[];
  /** Facts every partner handover holds (within consent). */
  handover_basics?: string[];
  /** Per organisation id: the bool fact or derived fact that says whether consent allows sharing with it. */
  consent?: { [organisation: string]: string };
  /** Grounds to share without consent that a rule names with `ground`: the partners each
   * covers and the facts they then receive. */
  legal_grounds?: LegalGroundSource[];
  /** The professionals' headlines of the consent and wish markers (absent: built-in words). */
  markers?: MarkerWords;
  /** The words of the victim's and caller's summary (absent: no summary). */
  summary_words?: SummaryWords;
  /** What the victim's and caller's summaries hold (docs/rule-format.md, "What a summary holds"). */
  summary?: SummaryRules;
}

/** `[summary]`: the groups, versions and caller rules of the summaries. */
export interface SummaryRules {
  maybe_within_days?: number;
  maybe_urgencies?: string[];
  first_steps?: number;
  child_when?: string;
  easy_when?: string;
  not_to_send_when?: string;
  hidden_from_perpetrator?: string[];
  own_view_missing_when?: string;
  questions_first_below?: number;
  first_questions?: number;
  caller_withhold?: { areas?: string[]; when: string; reason: Text }[];
  plain_words?: { term: string; say: Text }[];
}

/** `[[legal_grounds]]`: a ground scoped to partners, with the facts shared under it. */
export interface LegalGroundSource {
  id: string;
  organisations: string[];
  facts?: string[];
}

/** `[markers]`: the headline of each marker, for professionals. */
export interface MarkerWords {
  outside_consent: Text;
  possibly_outside_consent: Text;
  against_wish: Text;
  possibly_against_wish: Text;
}

/** `[summary_words]`: the frame of the victim's summary, per language and voice. */
export interface SummaryWords {
  intro: Text;
  even_against_wish: Text;
  ask_first: Text;
  where: Text;
  more_possible: Text;
  nothing_yet: Text;
  as_soon_as_possible: Text;
  no_hurry: Text;
  /** A deadline in words: `{weekday} {day} {month} {hour} {minute}`. */
  before: Text;
  /** A line a summary in this language ends with (a machine-assisted translation not yet reviewed). */
  translation_note?: Text;
  /** Monday to Sunday. */
  weekdays: Text[];
  /** January to December. */
  months: Text[];
  maybe_needed?: Text;
  later_too?: Text;
  not_to_send?: Text;
  own_view_not_asked?: Text;
  /** With `{label}`. */
  caller_fallback?: Text;
  child_intro?: Text;
  child_rest_to_parent?: Text;
  first_questions?: Text;
  possible_anyway?: Text;
  /** With `{n}`. */
  same_place?: Text;
}

/** A voice (manner of address). */
export interface VoiceSource {
  id: string;
  label: Text;
  /** When this voice is chosen; absent on the last (default) voice. */
  when?: string;
  /** The voice a text without a variant in this one falls back to (e.g. `ouder` → `melder`). */
  fallback?: string;
}

/** A possible regiehouder. */
export interface RegiehouderSource {
  id: string;
  organisation: string;
  label: Text;
}

/** A named expression (`derived.toml`). */
export interface DerivedSource {
  id: string;
  expr: string;
  label: Text;
}

/** An offer of the catalogue (`offers.toml`). */
export interface OfferSource {
  id: string;
  area: string;
  organisation: string;
  label: Text;
  /** Text for professionals. */
  professional: Text;
  /** Plain-language text for the victim (B1). */
  victim: Text;
  /** What a caller reads, about the victim (an `ouder` variant says "uw kind"). */
  melder?: Text;
  /** The short child version (a victim under 12). */
  child?: Text;
  /** The easy-read version (`lvb`). */
  easy?: Text;
  /** The victim's wish that gates the offer. */
  wish?: string;
  /** The organisation it is requested through (LOEF: the police); its handover holds it too. */
  requested_through?: string;
  /** In a case record: the done offer is needed again when one of these facts changes. */
  renews?: RenewsSource;
}

/** `renews` of an offer (docs/rule-format.md). */
export interface RenewsSource {
  facts: string[];
  urgency: string;
  label: Text;
}

/** A rule (`rules/*.toml`). */
export interface RuleSource {
  id: string;
  when: string;
  source: string;
  because: Text;
  need?: { [area: string]: string };
  refer?: ReferSource[];
  regie?: string;
  regiehouder?: RegiehouderChoice;
  override?: Text;
  /** What the override goes against: `wish` (absent: the default) or `consent` only (never brings back a declined offer). */
  override_for?: "wish" | "consent";
  /** With `override`: what the victim's summary says about going against the wish. */
  victim?: Text;
  /** With `override`: the legal ground that allows it without consent (meldrecht, a duty to report). */
  legal_ground?: Text;
  /** With `legal_ground`: the manifest's `legal_grounds` entry it is. */
  ground?: string;
}

/** A referral effect of a rule. */
export interface ReferSource {
  offer: string;
  urgency: string;
  deadline?: DeadlineSource;
}

/** A deadline relative to a datetime or date fact. */
export interface DeadlineSource {
  from: string;
  hours: number;
}

/** A regiehouder candidate of a rule. */
export interface RegiehouderChoice {
  id: string;
  rank: number;
}

/** A region and the providers of each offer there (`regions.toml`). */
export interface RegionSource {
  id: string;
  label: Text;
  providers: { [offer: string]: string };
}

/** A safety property (`properties.toml`). */
export interface PropertySource {
  id: string;
  description: Text;
  assert?: string;
  monotone?: MonotoneSource;
}

/** Raising `fact` never lowers `outcome`. */
export interface MonotoneSource {
  fact: string;
  outcome: string;
}

/** A scenario test (`scenarios/*.toml`). */
export interface ScenarioSource {
  id: string;
  description: string;
  now: string;
  case: Case;
  expect: ScenarioExpect;
}

/** The expected outcome of a scenario. */
export interface ScenarioExpect {
  referrals?: string[];
  possible?: string[];
  absent?: string[];
  against_wish?: string[];
  regie?: string;
  regiehouder?: string;
  needs?: { [area: string]: string };
  /** Urgency per proposed offer. */
  urgency?: { [offer: string]: string };
  /** The voice the proposal speaks in. */
  voice?: string;
  questions?: string[];
  no_questions?: string[];
}

/** What every error thrown by Wegwijs carries (fields that do not apply are `null`).
 *  It never contains a value from the case. */
export interface WegwijsError extends Error {
  /** Also the error's `name`. */
  kind: "RuleError" | "CaseError" | "ArgumentError";
  /** CaseError: the fact (or key) at fault; `(case)` when the case itself is not an object. */
  fact: string | null;
  /** ArgumentError: which argument (e.g. `evaluation time`). */
  argument: string | null;
  /** What is wrong / what was expected. */
  problem: string | null;
  /** How to fix it (a did-you-mean, or what is allowed). */
  hint: string | null;
  /** RuleError: where the first problem is. Line and column are 1-based, `null` if unknown. */
  file: string | null;
  line: number | null;
  column: number | null;
  /** RuleError: logical path of the item, e.g. `rules[3].when`. */
  path: string | null;
  /** RuleError: every problem found, in file order. */
  diagnostics: RuleDiagnostic[] | null;
}

/** One problem found while loading a rule set. */
export interface RuleDiagnostic {
  kind: string;
  message: string;
  hint: string | null;
  file: string;
  line: number | null;
  column: number | null;
  path: string;
  snippet: string;
}

/** The victim's or caller's summary (`forAudience(…, "slachtoffer" | "melder")`, issue 11). */
export interface Summary {
  ruleset: RuleSetId;
  evaluated_at: string;
  /** The language the texts were narrowed to (`lang`); absent: every language. */
  language?: string;
  audience: "slachtoffer" | "melder";
  voice: string | null;
  /** `kind` (child version) or `makkelijk` (easy read); absent: the plain version. */
  version?: "kind" | "makkelijk";
  /** First line when the summary must not be sent. */
  notice?: Text;
  /** A new or nearly empty case: its first questions. */
  first_questions?: Text[];
  /** What happens, most urgent (then earliest deadline) first. */
  steps: SummaryStep[];
  /** Possible steps that may be needed soon ("Misschien nodig"). */
  maybe_needed?: SummaryStep[];
  /** The victim's steps after the first few ("Later bespreken we ook"). */
  later?: SummaryStep[];
  /** Why steps are not in this summary (the caller's rules, the child version). */
  withheld?: Text[];
  /** "Eigen mening van het slachtoffer: nog niet gevraagd". */
  own_view?: Text;
  /** How many more steps open questions could still add. */
  more_possible: number;
  /** The whole summary as one text per language. */
  text: Text;
}

/** One step of a Summary: no internal codes. */
export interface SummaryStep {
  /** When, in words in local time ("vóór donderdag 3 december 12.00 uur"). */
  when: Text;
  deadline: string | null;
  what: Text;
  where: string | null;
  /** What happens even against the stated wish and why, or that consent is asked first. */
  against_wish: Text | null;
}

/** What one partner organisation receives (`forAudience(…, organisationId)`). */
export interface Handover {
  ruleset: RuleSetId;
  evaluated_at: string;
  /** The language the texts were narrowed to (`lang`); absent: every language. */
  language?: string;
  organisation: string;
  label: Text;
  /** Whether the consent scope allows sharing with this partner. */
  consent: boolean;
  /** Without consent: the legal grounds under which the facts are shared anyway. */
  legal_grounds: Text[];
  facts: { fact: string; label: Text; value: unknown }[];
  /** Every field built from the shared rules and facts only. */
  referrals: ReferralProposal[];
  /** Known facts not shared (counted, never shown). */
  left_out_facts: number;
}
