//! The peer rule set (`fixtures/peers/rules.json`) written out in plain Rust over a typed
//! struct, as one would by hand (it was generated once from `rules.json` by a throwaway
//! script and committed): the baseline the native evaluator is measured against
//! (`benches/benches/peers.rs`).
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

/// What the rules propose: the union of the firing rules' proposals and the highest regie level (1 when none fires).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeerResult {
    pub proposals: u64,
    pub regie: u8,
}

/// Evaluates every rule (hit policy COLLECT): `rules.rs`.
pub use rules::evaluate;

mod rules;
