//! The golden summary: `summary.json` of a small scenario (`tests/golden/plan-small.ron`)
//! against a copy that was read and judged plausible when it was written
//! (`tests/golden/plan-small.summary.json`; what was checked is in `tests/golden/README.md`).
//!
//! A change that moves any number of the model by accident fails here, with the path of the
//! first value that moved. A deliberate change (a new random stream, a new mechanism)
//! rewrites the golden with `QCITY_BLESS=1 cargo test --release --test golden`; the commit
//! then says why the numbers moved and by how much, and the golden's README is brought up to
//! date.
//!
//! Numbers are compared to a relative 1e-9, not bit for bit, so that a platform's `exp` or
//! `ln` rounding its last bit differently does not fail the test; every change of the model
//! moves its outputs far more than that.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

const SCENARIO: &str = "tests/golden/plan-small.ron";
const GOLDEN: &str = "tests/golden/plan-small.summary.json";

/// The first difference between `got` and `want`, as a JSON path and both values.
fn first_difference(path: &str, got: &Value, want: &Value) -> Option<String> {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            let close = a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs());
            (!close).then(|| format!("{path}: got {a}, golden {b}"))
        }
        (Value::Object(a), Value::Object(b)) => {
            let (ka, kb): (Vec<_>, Vec<_>) = (a.keys().collect(), b.keys().collect());
            if ka != kb {
                return Some(format!("{path}: keys {ka:?}, golden {kb:?}"));
            }
            a.iter()
                .find_map(|(k, v)| first_difference(&format!("{path}.{k}"), v, &b[k]))
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Some(format!("{path}: {} items, golden {}", a.len(), b.len()));
            }
            a.iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| first_difference(&format!("{path}[{i}]"), x, y))
        }
        _ => (got != want).then(|| format!("{path}: got {got}, golden {want}")),
    }
}

#[test]
fn the_small_plan_gives_the_reviewed_summary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("run");
    // Two threads: the determinism tests show any count gives the same bytes.
    let o = Command::new(env!("CARGO_BIN_EXE_qcity"))
        .args(["run", SCENARIO, "--no-plots", "--quiet", "-j2", "--out"])
        .arg(&dir)
        .current_dir(root)
        .output()
        .expect("qcity runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(dir.join("summary.json")).unwrap();
    let got: Value = serde_json::from_str(&text).unwrap();
    if std::env::var_os("QCITY_BLESS").is_some() {
        std::fs::write(root.join(GOLDEN), &text).unwrap();
        eprintln!("wrote {GOLDEN}: review the change and say why in the commit");
        return;
    }
    let want: Value = serde_json::from_str(&std::fs::read_to_string(root.join(GOLDEN)).unwrap())
        .expect("the golden is JSON");
    if let Some(d) = first_difference("summary", &got, &want) {
        panic!(
            "summary.json of {SCENARIO} moved from the reviewed golden at {d}.\n\
             If the change is deliberate, rewrite it with \
             `QCITY_BLESS=1 cargo test --release --test golden`, review the difference and \
             say why in the commit (tests/golden/README.md)."
        );
    }
}

#[test]
fn the_comparison_catches_a_moved_number() {
    let want: Value =
        serde_json::from_str(r#"{"a": [1.0, {"b": 0.5}], "c": "x", "d": null}"#).unwrap();
    let same: Value =
        serde_json::from_str(r#"{"a": [1.0, {"b": 0.5000000000001}], "c": "x", "d": null}"#)
            .unwrap();
    assert_eq!(first_difference("s", &same, &want), None);
    let moved: Value =
        serde_json::from_str(r#"{"a": [1.0, {"b": 0.50001}], "c": "x", "d": null}"#).unwrap();
    assert_eq!(
        first_difference("s", &moved, &want).unwrap(),
        "s.a[1].b: got 0.50001, golden 0.5"
    );
    let renamed: Value =
        serde_json::from_str(r#"{"a": [1.0, {"b": 0.5}], "c": "y", "d": null}"#).unwrap();
    assert!(
        first_difference("s", &renamed, &want)
            .unwrap()
            .starts_with("s.c")
    );
    let shorter: Value = serde_json::from_str(r#"{"a": [1.0], "c": "x", "d": null}"#).unwrap();
    assert!(
        first_difference("s", &shorter, &want)
            .unwrap()
            .contains("1 items, golden 2")
    );
}
