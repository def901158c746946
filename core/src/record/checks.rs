//! Checks on the form of what a record holds, beyond its JSON shape: `by` looks like a
//! role, hashes have one form, lists stay within their limits, no two actions for one
//! offer share an instant. Errors name the place, never a value.

use super::model::{Action, Decision};
use crate::error::CaseError;
use crate::limits::{echo, MAX_DECISION_ITEMS, MAX_ID_BYTES};

fn err(place: &str, problem: impl Into<String>, hint: Option<&str>) -> CaseError {
    CaseError { fact: place.to_string(), problem: problem.into(), hint: hint.map(str::to_string) }
}

/// Whether `by` has the form of a role: a lower-case letter, then lower-case letters,
/// digits, `-`, `_`, `.` or `:`, at most [`MAX_ID_BYTES`] bytes (`mdt-voorzitter`,
/// `regiehouder:csg`). So no name with a space or capitals, and no number such as a BSN.
pub fn is_role(by: &str) -> bool {
    let mut bytes = by.bytes();
    by.len() <= MAX_ID_BYTES
        && bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// The form of a decision: `by` a role, every hash `sha256:` and 64 hex digits, no list
/// longer than [`MAX_DECISION_ITEMS`]. Never echoes `by`, a reason or a hash.
pub(crate) fn decision_form(d: &Decision, path: &str) -> Result<(), CaseError> {
    if d.by.trim().is_empty() {
        return Err(err(&format!("{path}.by"), "must name the role that decided", None));
    }
    if !is_role(&d.by) {
        return Err(err(
            &format!("{path}.by"),
            "must be a role, not a name or a number",
            Some("a role is lower-case letters, digits and - _ . : starting with a letter, e.g. `mdt-voorzitter` (docs/case-record.md)"),
        ));
    }
    let hashes = [
        ("ruleset_hash", &d.ruleset_hash),
        ("proposal_hash", &d.proposal_hash),
        ("previous_hash", &d.previous_hash),
        ("decision_hash", &d.decision_hash),
    ];
    for (name, hash) in hashes {
        if !hash.is_empty() && !super::verify::is_hash(hash) {
            return Err(err(
                &format!("{path}.{name}"),
                "must be `sha256:` followed by 64 lower-case hex digits",
                Some("hashes are stamped by `wegwijs decide`; do not write them by hand"),
            ));
        }
    }
    let lists = [
        ("accepted", d.accepted.len()),
        ("rejected", d.rejected.len()),
        ("overrides_acknowledged", d.overrides_acknowledged.len()),
        ("reasons", d.reasons.len()),
    ];
    if let Some((name, _)) = lists.iter().find(|(_, n)| *n > MAX_DECISION_ITEMS) {
        return Err(err(&format!("{path}.{name}"), format!("has more than {MAX_DECISION_ITEMS} entries"), None));
    }
    for (name, list) in
        [("accepted", &d.accepted), ("rejected", &d.rejected), ("overrides_acknowledged", &d.overrides_acknowledged)]
    {
        let mut seen = std::collections::HashSet::new();
        if let Some(i) = list.iter().position(|o| !seen.insert(o.as_str())) {
            return Err(err(&format!("{path}.{name}[{i}]"), "names an offer listed before it", None));
        }
    }
    Ok(())
}

/// Two actions for one offer at the same instant leave its state to their order in the
/// list: an error, naming the later one.
pub(crate) fn same_instant(actions: &[Action], times: &[i64]) -> Result<(), CaseError> {
    let mut seen: std::collections::HashMap<(&str, i64), usize> = std::collections::HashMap::new();
    for (i, (a, &t)) in actions.iter().zip(times).enumerate() {
        if let Some(first) = seen.insert((a.offer.as_str(), t), i) {
            return Err(err(
                &format!("actions[{i}].at"),
                format!("actions[{first}] is for the same offer at the same instant"),
                Some("give each action for an offer its own time, or remove the one that does not hold"),
            ));
        }
    }
    Ok(())
}

/// A serde error on a record part as a problem without values: unknown and missing fields
/// are named (cut to [`crate::limits::MAX_ECHOED_NAME_CHARS`]), anything else is "wrong
/// type or value" (serde would quote the value).
pub(crate) fn serde_problem(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    for prefix in ["unknown field `", "missing field `"] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            let name = rest.split('`').next().unwrap_or_default();
            let expected = if prefix.starts_with("unknown") {
                rest.split_once("`, ").map(|(_, tail)| format!(", {tail}")).unwrap_or_default()
            } else {
                String::new()
            };
            return format!("{prefix}{}`{expected}", echo(name));
        }
    }
    "a field has the wrong type or value".to_string()
}

#[cfg(test)]
mod tests {
    use super::is_role;

    #[test]
    fn a_role_is_not_a_name_or_a_number() {
        for ok in ["mdt", "mdt-voorzitter", "regiehouder:csg", "politie.zedenrechercheur", "rol_2"] {
            assert!(is_role(ok), "{ok}");
        }
        for bad in ["", "123456782", "Jan Jansen", "jan jansen", "Mdt", "-mdt", "mdt ", &"a".repeat(65), "élise"] {
            assert!(!is_role(bad), "{bad}");
        }
    }

    #[test]
    fn serde_problems_cut_unknown_names_and_leave_values_out() {
        let long = "x".repeat(10_000);
        let e = serde_json::from_str::<super::Decision>(&format!("{{\"{long}\": 1}}")).unwrap_err();
        let p = super::serde_problem(&e);
        assert!(p.starts_with("unknown field `") && p.len() < 1_000, "{p}");
        let e = serde_json::from_str::<super::Decision>(r#"{"by": 12345678, "regie": "R0"}"#).unwrap_err();
        assert_eq!(super::serde_problem(&e), "a field has the wrong type or value");
    }
}
