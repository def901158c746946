//! The 64 rules of the peer workload, one `if` each, over the typed case.

use super::*;

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
