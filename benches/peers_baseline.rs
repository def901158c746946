//! The peer rule set (`fixtures/peers/rules.json`) written out by hand in Rust over a typed
//! struct: the baseline the native evaluator is measured against (`benches/benches/peers.rs`).
//! Facts are struct fields, enum facts are Rust enums, each rule is one `if`, proposals are
//! bits of a `u64` (bit `i` = the `i`-th offer of the catalogue, as in the Wegwijs folder).
//! `tests/peers.rs` checks it against the oracle results and the engine on the case sample.

use serde_json::{Map, Value};

/// A fact enum with its JSON spelling per value.
macro_rules! fact_enum {
    ($fact:literal, $name:ident { $($value:ident = $text:literal),+ $(,)? }) => {
        #[doc = concat!("`", $fact, "`.")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $($value),+
        }

        impl $name {
            fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some(Self::$value),)+
                    _ => None,
                }
            }
        }
    };
}

fact_enum!("perpetrator_relation", PerpetratorRelation { Partner = "partner", ExPartner = "ex_partner", Family = "family", Acquaintance = "acquaintance", Stranger = "stranger", OnlineOnly = "online_only", Unknown = "unknown" });
fact_enum!("wants_police_report", WantsPoliceReport { Yes = "yes", No = "no", Undecided = "undecided" });
fact_enum!("injuries", Injuries { None = "none", Minor = "minor", Severe = "severe" });
fact_enum!("victim_gender", VictimGender { Female = "female", Male = "male", Nonbinary = "nonbinary", Unknown = "unknown" });
fact_enum!("incident_type", IncidentType { SexualAssault = "sexual_assault", Sextortion = "sextortion", Grooming = "grooming", Harassment = "harassment", Exploitation = "exploitation", Other = "other" });
fact_enum!("condom_used", CondomUsed { Yes = "yes", No = "no", Unknown = "unknown" });
fact_enum!("referred_by", ReferredBy { Myself = "self", Parent = "parent", Gp = "gp", Police = "police", School = "school", YouthCare = "youth_care", Other = "other" });
fact_enum!("living_situation", LivingSituation { WithParents = "with_parents", Alone = "alone", WithPartner = "with_partner", Institution = "institution", Shelter = "shelter", Homeless = "homeless", Other = "other" });
fact_enum!("residence_status", ResidenceStatus { Resident = "resident", AsylumSeeker = "asylum_seeker", Undocumented = "undocumented", Tourist = "tourist" });
fact_enum!("forensic_consent", ForensicConsent { Yes = "yes", No = "no", Undecided = "undecided" });

/// One case: every fact known, typed.
#[derive(Clone, Debug)]
pub struct PeerCase {
    pub victim_age: i64,
    pub hours_since_incident: i64,
    pub penetration: bool,
    pub perpetrator_relation: PerpetratorRelation,
    pub perpetrator_has_access: bool,
    pub children_in_household: bool,
    pub wants_police_report: WantsPoliceReport,
    pub injuries: Injuries,
    pub pregnancy_possible: bool,
    pub lvb: bool,
    pub language_barrier: bool,
    pub suicidal_thoughts: bool,
    pub ongoing_threat: bool,
    pub online_images_shared: bool,
    pub victim_gender: VictimGender,
    pub incident_type: IncidentType,
    pub condom_used: CondomUsed,
    pub drug_facilitated_suspected: bool,
    pub alcohol_involved: bool,
    pub lost_consciousness: bool,
    pub multiple_perpetrators: bool,
    pub perpetrator_is_minor: bool,
    pub perpetrator_in_care_role: bool,
    pub perpetrator_known_to_police: bool,
    pub repeated_abuse: bool,
    pub domestic_violence_history: bool,
    pub strangulation: bool,
    pub weapon_used: bool,
    pub has_safe_place: bool,
    pub referred_by: ReferredBy,
    pub living_situation: LivingSituation,
    pub residence_status: ResidenceStatus,
    pub has_gp: bool,
    pub in_mental_health_care: bool,
    pub substance_use_problem: bool,
    pub self_harm: bool,
    pub ptsd_symptoms: bool,
    pub prior_victimization_count: i64,
    pub wants_mediation: bool,
    pub forensic_consent: ForensicConsent,
    pub emergency_contraception_taken: bool,
    pub hep_b_vaccinated: bool,
    pub evidence_preserved: bool,
    pub parental_consent_available: bool,
}

impl PeerCase {
    /// Reads a complete case (all 44 facts) from a JSON object; `None` if a fact is missing or mistyped.
    pub fn from_json(o: &Map<String, Value>) -> Option<PeerCase> {
        Some(PeerCase {
            victim_age: o.get("victim_age")?.as_i64()?,
            hours_since_incident: o.get("hours_since_incident")?.as_i64()?,
            penetration: o.get("penetration")?.as_bool()?,
            perpetrator_relation: PerpetratorRelation::parse(o.get("perpetrator_relation")?.as_str()?)?,
            perpetrator_has_access: o.get("perpetrator_has_access")?.as_bool()?,
            children_in_household: o.get("children_in_household")?.as_bool()?,
            wants_police_report: WantsPoliceReport::parse(o.get("wants_police_report")?.as_str()?)?,
            injuries: Injuries::parse(o.get("injuries")?.as_str()?)?,
            pregnancy_possible: o.get("pregnancy_possible")?.as_bool()?,
            lvb: o.get("lvb")?.as_bool()?,
            language_barrier: o.get("language_barrier")?.as_bool()?,
            suicidal_thoughts: o.get("suicidal_thoughts")?.as_bool()?,
            ongoing_threat: o.get("ongoing_threat")?.as_bool()?,
            online_images_shared: o.get("online_images_shared")?.as_bool()?,
            victim_gender: VictimGender::parse(o.get("victim_gender")?.as_str()?)?,
            incident_type: IncidentType::parse(o.get("incident_type")?.as_str()?)?,
            condom_used: CondomUsed::parse(o.get("condom_used")?.as_str()?)?,
            drug_facilitated_suspected: o.get("drug_facilitated_suspected")?.as_bool()?,
            alcohol_involved: o.get("alcohol_involved")?.as_bool()?,
            lost_consciousness: o.get("lost_consciousness")?.as_bool()?,
            multiple_perpetrators: o.get("multiple_perpetrators")?.as_bool()?,
            perpetrator_is_minor: o.get("perpetrator_is_minor")?.as_bool()?,
            perpetrator_in_care_role: o.get("perpetrator_in_care_role")?.as_bool()?,
            perpetrator_known_to_police: o.get("perpetrator_known_to_police")?.as_bool()?,
            repeated_abuse: o.get("repeated_abuse")?.as_bool()?,
            domestic_violence_history: o.get("domestic_violence_history")?.as_bool()?,
            strangulation: o.get("strangulation")?.as_bool()?,
            weapon_used: o.get("weapon_used")?.as_bool()?,
            has_safe_place: o.get("has_safe_place")?.as_bool()?,
            referred_by: ReferredBy::parse(o.get("referred_by")?.as_str()?)?,
            living_situation: LivingSituation::parse(o.get("living_situation")?.as_str()?)?,
            residence_status: ResidenceStatus::parse(o.get("residence_status")?.as_str()?)?,
            has_gp: o.get("has_gp")?.as_bool()?,
            in_mental_health_care: o.get("in_mental_health_care")?.as_bool()?,
            substance_use_problem: o.get("substance_use_problem")?.as_bool()?,
            self_harm: o.get("self_harm")?.as_bool()?,
            ptsd_symptoms: o.get("ptsd_symptoms")?.as_bool()?,
            prior_victimization_count: o.get("prior_victimization_count")?.as_i64()?,
            wants_mediation: o.get("wants_mediation")?.as_bool()?,
            forensic_consent: ForensicConsent::parse(o.get("forensic_consent")?.as_str()?)?,
            emergency_contraception_taken: o.get("emergency_contraception_taken")?.as_bool()?,
            hep_b_vaccinated: o.get("hep_b_vaccinated")?.as_bool()?,
            evidence_preserved: o.get("evidence_preserved")?.as_bool()?,
            parental_consent_available: o.get("parental_consent_available")?.as_bool()?,
        })
    }
}

/// The offers of the catalogue, in order: bit `i` of [`PeerResult::proposals`] is `OFFERS[i]`.
pub const OFFERS: [&str; 48] = [
    "csg_acute_medical",
    "csg_forensic_exam",
    "evidence_storage_without_report",
    "toxicology_sample",
    "emergency_contraception",
    "pep_hiv_assessment",
    "hep_b_vaccination",
    "sti_screening",
    "pregnancy_test_followup",
    "medical_emergency_care",
    "strangulation_medical_check",
    "huisarts_followup",
    "uninsured_care_access",
    "police_informational_talk",
    "police_report_intake",
    "police_safety_assessment",
    "zedenpolitie_consult",
    "veilig_thuis_consult",
    "veilig_thuis_report",
    "child_safety_assessment",
    "guardian_involvement",
    "jeugdarts_consult",
    "youth_care_liaison",
    "inspectorate_report_advice",
    "institution_safety_review",
    "safety_plan",
    "shelter_placement",
    "social_work_referral",
    "ggz_crisis_assessment",
    "ggz_trauma_screening",
    "ggz_youth_trauma_care",
    "treating_clinician_contact",
    "psychoeducation",
    "follow_up_call_2w",
    "addiction_care",
    "slachtofferhulp",
    "herstelbemiddeling_info",
    "legal_aid",
    "residence_status_advice",
    "interpreter_service",
    "lvb_adapted_communication",
    "lvb_support_org",
    "csg_case_manager",
    "online_content_removal",
    "digital_evidence_advice",
    "exploitation_coordinator",
    "elder_abuse_consult",
    "peer_support_info",
];

const CSG_ACUTE_MEDICAL: u64 = 1 << 0;
const CSG_FORENSIC_EXAM: u64 = 1 << 1;
const EVIDENCE_STORAGE_WITHOUT_REPORT: u64 = 1 << 2;
const TOXICOLOGY_SAMPLE: u64 = 1 << 3;
const EMERGENCY_CONTRACEPTION: u64 = 1 << 4;
const PEP_HIV_ASSESSMENT: u64 = 1 << 5;
const HEP_B_VACCINATION: u64 = 1 << 6;
const STI_SCREENING: u64 = 1 << 7;
const PREGNANCY_TEST_FOLLOWUP: u64 = 1 << 8;
const MEDICAL_EMERGENCY_CARE: u64 = 1 << 9;
const STRANGULATION_MEDICAL_CHECK: u64 = 1 << 10;
const HUISARTS_FOLLOWUP: u64 = 1 << 11;
const UNINSURED_CARE_ACCESS: u64 = 1 << 12;
const POLICE_INFORMATIONAL_TALK: u64 = 1 << 13;
const POLICE_REPORT_INTAKE: u64 = 1 << 14;
const POLICE_SAFETY_ASSESSMENT: u64 = 1 << 15;
const ZEDENPOLITIE_CONSULT: u64 = 1 << 16;
const VEILIG_THUIS_CONSULT: u64 = 1 << 17;
const VEILIG_THUIS_REPORT: u64 = 1 << 18;
const CHILD_SAFETY_ASSESSMENT: u64 = 1 << 19;
const GUARDIAN_INVOLVEMENT: u64 = 1 << 20;
const JEUGDARTS_CONSULT: u64 = 1 << 21;
const YOUTH_CARE_LIAISON: u64 = 1 << 22;
const INSPECTORATE_REPORT_ADVICE: u64 = 1 << 23;
const INSTITUTION_SAFETY_REVIEW: u64 = 1 << 24;
const SAFETY_PLAN: u64 = 1 << 25;
const SHELTER_PLACEMENT: u64 = 1 << 26;
const SOCIAL_WORK_REFERRAL: u64 = 1 << 27;
const GGZ_CRISIS_ASSESSMENT: u64 = 1 << 28;
const GGZ_TRAUMA_SCREENING: u64 = 1 << 29;
const GGZ_YOUTH_TRAUMA_CARE: u64 = 1 << 30;
const TREATING_CLINICIAN_CONTACT: u64 = 1 << 31;
const PSYCHOEDUCATION: u64 = 1 << 32;
const FOLLOW_UP_CALL_2W: u64 = 1 << 33;
const ADDICTION_CARE: u64 = 1 << 34;
const SLACHTOFFERHULP: u64 = 1 << 35;
const HERSTELBEMIDDELING_INFO: u64 = 1 << 36;
const LEGAL_AID: u64 = 1 << 37;
const RESIDENCE_STATUS_ADVICE: u64 = 1 << 38;
const INTERPRETER_SERVICE: u64 = 1 << 39;
const LVB_ADAPTED_COMMUNICATION: u64 = 1 << 40;
const LVB_SUPPORT_ORG: u64 = 1 << 41;
const CSG_CASE_MANAGER: u64 = 1 << 42;
const ONLINE_CONTENT_REMOVAL: u64 = 1 << 43;
const DIGITAL_EVIDENCE_ADVICE: u64 = 1 << 44;
const EXPLOITATION_COORDINATOR: u64 = 1 << 45;
const ELDER_ABUSE_CONSULT: u64 = 1 << 46;
const PEER_SUPPORT_INFO: u64 = 1 << 47;

/// What the rules propose: the union of the firing rules' proposals and the highest regie level (1 when none fires).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeerResult {
    pub proposals: u64,
    pub regie: u8,
}

/// Evaluates every rule (hit policy COLLECT).
#[inline(never)]
pub fn evaluate(c: &PeerCase) -> PeerResult {
    let mut proposals = 0u64;
    let mut regie = 1;
    // R01 acute_medical_window
    if c.hours_since_incident <= 168
        && (c.penetration || matches!(c.injuries, Injuries::Minor | Injuries::Severe) || c.strangulation)
    {
        proposals |= CSG_ACUTE_MEDICAL;
        regie = regie.max(3);
    }
    // R02 forensic_exam_window
    if c.hours_since_incident <= 168
        && c.incident_type == IncidentType::SexualAssault
        && matches!(c.forensic_consent, ForensicConsent::Yes | ForensicConsent::Undecided)
    {
        proposals |= CSG_FORENSIC_EXAM;
        regie = regie.max(3);
    }
    // R03 evidence_storage_while_undecided
    if c.hours_since_incident <= 168
        && matches!(c.wants_police_report, WantsPoliceReport::No | WantsPoliceReport::Undecided)
        && c.forensic_consent != ForensicConsent::No
        && c.evidence_preserved
    {
        proposals |= EVIDENCE_STORAGE_WITHOUT_REPORT | POLICE_INFORMATIONAL_TALK;
        regie = regie.max(3);
    }
    // R04 emergency_contraception
    if c.pregnancy_possible
        && c.penetration
        && c.hours_since_incident <= 120
        && !c.emergency_contraception_taken
        && c.condom_used != CondomUsed::Yes
    {
        proposals |= EMERGENCY_CONTRACEPTION;
        regie = regie.max(3);
    }
    // R05 pep_hiv_window
    if c.penetration && c.hours_since_incident <= 72 && matches!(c.condom_used, CondomUsed::No | CondomUsed::Unknown) {
        proposals |= PEP_HIV_ASSESSMENT;
        regie = regie.max(4);
    }
    // R06 hep_b_window
    if c.penetration && !c.hep_b_vaccinated && c.hours_since_incident <= 168 {
        proposals |= HEP_B_VACCINATION;
        regie = regie.max(3);
    }
    // R07 sti_screening
    if c.penetration && c.condom_used != CondomUsed::Yes {
        proposals |= STI_SCREENING;
        regie = regie.max(2);
    }
    // R08 pregnancy_test_later
    if c.pregnancy_possible && c.penetration && (336..=2000).contains(&c.hours_since_incident) {
        proposals |= PREGNANCY_TEST_FOLLOWUP;
        regie = regie.max(2);
    }
    // R09 severe_injury_emergency
    if (c.injuries == Injuries::Severe || c.lost_consciousness) && c.hours_since_incident <= 72 {
        proposals |= MEDICAL_EMERGENCY_CARE | CSG_ACUTE_MEDICAL;
        regie = regie.max(4);
    }
    // R10 strangulation_check
    if c.strangulation && c.hours_since_incident <= 336 {
        proposals |= STRANGULATION_MEDICAL_CHECK | POLICE_SAFETY_ASSESSMENT;
        regie = regie.max(4);
    }
    // R11 drug_facilitated_toxicology
    if c.drug_facilitated_suspected && c.hours_since_incident <= 120 {
        proposals |= TOXICOLOGY_SAMPLE | CSG_FORENSIC_EXAM;
        regie = regie.max(3);
    }
    // R12 late_presentation_medical
    if c.hours_since_incident > 168 && (c.penetration || c.injuries != Injuries::None) && c.has_gp {
        proposals |= HUISARTS_FOLLOWUP | STI_SCREENING;
        regie = regie.max(2);
    }
    // R13 uninsured_access
    if !c.has_gp || matches!(c.residence_status, ResidenceStatus::Undocumented | ResidenceStatus::Tourist) {
        proposals |= UNINSURED_CARE_ACCESS;
        regie = regie.max(2);
    }
    // R14 alcohol_blackout_toxicology
    if c.alcohol_involved && c.lost_consciousness && c.hours_since_incident <= 72 {
        proposals |= TOXICOLOGY_SAMPLE;
        regie = regie.max(3);
    }
    // R15 police_info_undecided
    if c.wants_police_report == WantsPoliceReport::Undecided && c.victim_age >= 16 {
        proposals |= POLICE_INFORMATIONAL_TALK;
        regie = regie.max(2);
    }
    // R16 police_report_wanted
    if c.wants_police_report == WantsPoliceReport::Yes && c.victim_age >= 12 {
        proposals |= POLICE_INFORMATIONAL_TALK | POLICE_REPORT_INTAKE;
        regie = regie.max(2);
    }
    // R17 young_child
    if c.victim_age < 12 {
        proposals |= ZEDENPOLITIE_CONSULT | VEILIG_THUIS_CONSULT;
        regie = regie.max(4);
    }
    // R18 known_offender
    if c.perpetrator_known_to_police && c.wants_police_report != WantsPoliceReport::No {
        proposals |= POLICE_INFORMATIONAL_TALK;
        regie = regie.max(2);
    }
    // R19 ongoing_threat_high_risk
    if c.ongoing_threat && (c.weapon_used || c.strangulation || c.perpetrator_has_access) {
        proposals |= POLICE_SAFETY_ASSESSMENT | SAFETY_PLAN;
        regie = regie.max(4);
    }
    // R20 multiple_perpetrators
    if c.multiple_perpetrators && c.wants_police_report != WantsPoliceReport::No {
        proposals |= POLICE_INFORMATIONAL_TALK;
        regie = regie.max(3);
    }
    // R21 weapon_recent
    if c.weapon_used && c.hours_since_incident <= 336 {
        proposals |= POLICE_SAFETY_ASSESSMENT;
        regie = regie.max(3);
    }
    // R22 minor_abused_by_household
    if c.victim_age < 18
        && matches!(
            c.perpetrator_relation,
            PerpetratorRelation::Family | PerpetratorRelation::Partner | PerpetratorRelation::ExPartner
        )
    {
        proposals |= VEILIG_THUIS_REPORT;
        regie = regie.max(4);
    }
    // R23 children_at_risk
    if c.children_in_household
        && c.perpetrator_has_access
        && matches!(
            c.perpetrator_relation,
            PerpetratorRelation::Partner | PerpetratorRelation::ExPartner | PerpetratorRelation::Family
        )
    {
        proposals |= VEILIG_THUIS_CONSULT | CHILD_SAFETY_ASSESSMENT;
        regie = regie.max(4);
    }
    // R24 domestic_violence_partner
    if c.domestic_violence_history
        && matches!(c.perpetrator_relation, PerpetratorRelation::Partner | PerpetratorRelation::ExPartner)
    {
        proposals |= VEILIG_THUIS_CONSULT | SAFETY_PLAN;
        regie = regie.max(3);
    }
    // R25 minor_12_15_guardian
    if (12..=15).contains(&c.victim_age) && c.referred_by != ReferredBy::Parent && !c.parental_consent_available {
        proposals |= GUARDIAN_INVOLVEMENT;
        regie = regie.max(3);
    }
    // R26 minor_16_17
    if (16..=17).contains(&c.victim_age) {
        proposals |= JEUGDARTS_CONSULT;
        regie = regie.max(2);
    }
    // R27 child_adult_non_household_offender
    if c.victim_age < 16
        && !c.perpetrator_is_minor
        && matches!(
            c.perpetrator_relation,
            PerpetratorRelation::Acquaintance
                | PerpetratorRelation::Stranger
                | PerpetratorRelation::OnlineOnly
                | PerpetratorRelation::Unknown
        )
    {
        proposals |= ZEDENPOLITIE_CONSULT;
        regie = regie.max(4);
    }
    // R28 peer_abuse
    if c.victim_age < 18
        && c.perpetrator_is_minor
        && !matches!(
            c.perpetrator_relation,
            PerpetratorRelation::Partner | PerpetratorRelation::ExPartner | PerpetratorRelation::Family
        )
    {
        proposals |= YOUTH_CARE_LIAISON;
        regie = regie.max(2);
    }
    // R29 care_professional_offender
    if c.perpetrator_in_care_role {
        proposals |= INSPECTORATE_REPORT_ADVICE | POLICE_INFORMATIONAL_TALK;
        regie = regie.max(3);
    }
    // R30 institution_resident
    if c.living_situation == LivingSituation::Institution
        && (c.perpetrator_in_care_role || c.perpetrator_relation == PerpetratorRelation::Acquaintance)
    {
        proposals |= INSTITUTION_SAFETY_REVIEW;
        regie = regie.max(3);
    }
    // R31 repeated_abuse_with_access
    if c.repeated_abuse && c.perpetrator_has_access {
        proposals |= SAFETY_PLAN | CSG_CASE_MANAGER;
        regie = regie.max(3);
    }
    // R32 no_safe_place
    if !c.has_safe_place
        && (c.ongoing_threat
            || matches!(c.perpetrator_relation, PerpetratorRelation::Partner | PerpetratorRelation::Family)
            || matches!(c.living_situation, LivingSituation::Homeless | LivingSituation::WithPartner))
    {
        proposals |= SHELTER_PLACEMENT | SAFETY_PLAN;
        regie = regie.max(4);
    }
    // R33 homeless
    if c.living_situation == LivingSituation::Homeless {
        proposals |= SHELTER_PLACEMENT | SOCIAL_WORK_REFERRAL;
        regie = regie.max(3);
    }
    // R34 suicidality
    if c.suicidal_thoughts {
        proposals |= GGZ_CRISIS_ASSESSMENT;
        regie = regie.max(4);
    }
    // R35 self_harm_risk
    if c.self_harm && (c.suicidal_thoughts || c.victim_age < 18) {
        proposals |= GGZ_CRISIS_ASSESSMENT | HUISARTS_FOLLOWUP;
        regie = regie.max(4);
    }
    // R36 trauma_screening_after_4_weeks
    if c.hours_since_incident >= 672 && c.ptsd_symptoms {
        proposals |= GGZ_TRAUMA_SCREENING;
        regie = regie.max(2);
    }
    // R37 early_psychoeducation
    if c.hours_since_incident < 672 && c.victim_age >= 12 {
        proposals |= PSYCHOEDUCATION;
        regie = regie.max(1);
    }
    // R38 watchful_waiting
    if (0..=1344).contains(&c.hours_since_incident)
        && (c.penetration || c.injuries != Injuries::None || c.ptsd_symptoms)
        && c.victim_age >= 12
    {
        proposals |= FOLLOW_UP_CALL_2W;
        regie = regie.max(2);
    }
    // R39 already_in_treatment
    if c.in_mental_health_care && (c.ptsd_symptoms || c.suicidal_thoughts || c.self_harm) {
        proposals |= TREATING_CLINICIAN_CONTACT;
        regie = regie.max(2);
    }
    // R40 substance_use
    if c.substance_use_problem && (c.alcohol_involved || c.drug_facilitated_suspected) && c.victim_age >= 12 {
        proposals |= ADDICTION_CARE;
        regie = regie.max(2);
    }
    // R41 revictimization
    if c.prior_victimization_count >= 2 && c.ptsd_symptoms {
        proposals |= GGZ_TRAUMA_SCREENING | CSG_CASE_MANAGER;
        regie = regie.max(3);
    }
    // R42 child_trauma_symptoms
    if c.victim_age < 18 && (c.ptsd_symptoms || c.self_harm) {
        proposals |= GGZ_YOUTH_TRAUMA_CARE;
        regie = regie.max(3);
    }
    // R43 victim_support_reporting
    if c.victim_age >= 12 && matches!(c.wants_police_report, WantsPoliceReport::Yes | WantsPoliceReport::Undecided) {
        proposals |= SLACHTOFFERHULP;
        regie = regie.max(2);
    }
    // R44 victim_support_not_reporting
    if c.wants_police_report == WantsPoliceReport::No
        && (c.injuries != Injuries::None || c.repeated_abuse || c.multiple_perpetrators)
    {
        proposals |= SLACHTOFFERHULP;
        regie = regie.max(2);
    }
    // R45 restorative_mediation_info
    if c.wants_mediation
        && matches!(
            c.perpetrator_relation,
            PerpetratorRelation::Acquaintance
                | PerpetratorRelation::Family
                | PerpetratorRelation::ExPartner
                | PerpetratorRelation::Partner
        )
        && c.victim_age >= 12
        && !c.ongoing_threat
    {
        proposals |= HERSTELBEMIDDELING_INFO;
        regie = regie.max(1);
    }
    // R46 legal_aid
    if c.wants_police_report == WantsPoliceReport::Yes
        || c.perpetrator_in_care_role
        || matches!(c.residence_status, ResidenceStatus::AsylumSeeker | ResidenceStatus::Undocumented)
    {
        proposals |= LEGAL_AID;
        regie = regie.max(2);
    }
    // R47 residence_status
    if matches!(c.residence_status, ResidenceStatus::AsylumSeeker | ResidenceStatus::Undocumented) {
        proposals |= RESIDENCE_STATUS_ADVICE | LEGAL_AID;
        regie = regie.max(3);
    }
    // R48 language_barrier
    if c.language_barrier {
        proposals |= INTERPRETER_SERVICE;
        regie = regie.max(2);
    }
    // R49 lvb_communication
    if c.lvb {
        proposals |= LVB_ADAPTED_COMMUNICATION;
        regie = regie.max(2);
    }
    // R50 lvb_complex
    if c.lvb && (c.ongoing_threat || c.repeated_abuse || c.living_situation == LivingSituation::Institution) {
        proposals |= CSG_CASE_MANAGER | LVB_SUPPORT_ORG;
        regie = regie.max(3);
    }
    // R51 images_shared
    if c.online_images_shared {
        proposals |= ONLINE_CONTENT_REMOVAL;
        regie = regie.max(2);
    }
    // R52 sextortion
    if c.incident_type == IncidentType::Sextortion {
        proposals |= ONLINE_CONTENT_REMOVAL | POLICE_INFORMATIONAL_TALK | DIGITAL_EVIDENCE_ADVICE;
        regie = regie.max(3);
    }
    // R53 grooming_minor
    if c.incident_type == IncidentType::Grooming && c.victim_age < 18 {
        proposals |= ZEDENPOLITIE_CONSULT | DIGITAL_EVIDENCE_ADVICE;
        regie = regie.max(3);
    }
    // R54 minor_images_shared
    if c.online_images_shared && c.victim_age < 18 {
        proposals |= ONLINE_CONTENT_REMOVAL | ZEDENPOLITIE_CONSULT;
        regie = regie.max(4);
    }
    // R55 online_only_offender
    if c.perpetrator_relation == PerpetratorRelation::OnlineOnly
        && (c.online_images_shared || matches!(c.incident_type, IncidentType::Sextortion | IncidentType::Grooming))
    {
        proposals |= DIGITAL_EVIDENCE_ADVICE;
        regie = regie.max(2);
    }
    // R56 minor_complex_acute
    if c.victim_age < 18 && (c.lvb || c.language_barrier) && c.hours_since_incident <= 168 {
        proposals |= CSG_CASE_MANAGER;
        regie = regie.max(4);
    }
    // R57 acute_complex
    if c.hours_since_incident <= 168 && c.penetration && (c.lvb || c.suicidal_thoughts || c.victim_age < 16) {
        proposals |= CSG_CASE_MANAGER;
        regie = regie.max(4);
    }
    // R58 exploitation
    if c.incident_type == IncidentType::Exploitation
        || (c.victim_age < 23
            && c.multiple_perpetrators
            && matches!(
                c.living_situation,
                LivingSituation::Homeless | LivingSituation::Shelter | LivingSituation::Institution
            ))
    {
        proposals |= EXPLOITATION_COORDINATOR | POLICE_INFORMATIONAL_TALK | CSG_CASE_MANAGER;
        regie = regie.max(4);
    }
    // R59 elder_abuse
    if c.victim_age >= 70
        && matches!(
            c.perpetrator_relation,
            PerpetratorRelation::Family | PerpetratorRelation::Partner | PerpetratorRelation::Acquaintance
        )
    {
        proposals |= ELDER_ABUSE_CONSULT | VEILIG_THUIS_CONSULT;
        regie = regie.max(3);
    }
    // R60 harassment_low_level
    if c.incident_type == IncidentType::Harassment
        && !(c.penetration || matches!(c.injuries, Injuries::Minor | Injuries::Severe))
    {
        proposals |= PSYCHOEDUCATION | SLACHTOFFERHULP;
        regie = regie.max(1);
    }
    // R61 peer_support
    if matches!(c.victim_gender, VictimGender::Male | VictimGender::Nonbinary)
        && c.victim_age >= 16
        && c.hours_since_incident > 168
    {
        proposals |= PEER_SUPPORT_INFO;
        regie = regie.max(1);
    }
    // R62 gp_involvement
    if c.has_gp
        && (c.pregnancy_possible || c.injuries != Injuries::None)
        && c.hours_since_incident <= 336
        && c.victim_age >= 16
    {
        proposals |= HUISARTS_FOLLOWUP;
        regie = regie.max(2);
    }
    // R63 interpreter_for_police
    if c.language_barrier
        && matches!(c.wants_police_report, WantsPoliceReport::Yes | WantsPoliceReport::Undecided)
        && c.residence_status != ResidenceStatus::Tourist
    {
        proposals |= INTERPRETER_SERVICE | POLICE_INFORMATIONAL_TALK;
        regie = regie.max(3);
    }
    // R64 stranger_acute_report
    if matches!(c.perpetrator_relation, PerpetratorRelation::Stranger | PerpetratorRelation::Unknown)
        && c.hours_since_incident <= 72
        && c.wants_police_report != WantsPoliceReport::No
        && (16..=99).contains(&c.victim_age)
    {
        proposals |= POLICE_REPORT_INTAKE | CSG_FORENSIC_EXAM;
        regie = regie.max(3);
    }
    PeerResult { proposals, regie }
}
