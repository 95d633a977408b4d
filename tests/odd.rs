//! `docs/ODD.md` (the model in the ODD protocol) and its generated parameter appendix stay true
//! to the code: every system set of the month, every component, and every parameter of
//! `assets/model.ron` must be named there. A new mechanism, component or parameter fails this
//! test until the description says what it is.

use std::path::Path;

fn read(p: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p))
        .unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// The identifiers that follow `marker` in Rust source (`pub struct X`, enum variants).
fn components(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lines: Vec<&str> = src.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if l.trim_start().starts_with("#[derive(") && l.contains("Component") {
            for next in &lines[i + 1..] {
                let t = next.trim_start();
                if let Some(rest) = t.strip_prefix("pub struct ") {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.push(name);
                    break;
                }
                if !t.starts_with("#[") && !t.starts_with("///") {
                    break;
                }
            }
        }
    }
    out
}

#[test]
fn the_odd_description_names_every_system_set_component_and_parameter() {
    let odd = read("docs/ODD.md");
    let appendix = read("docs/ODD-parameters.md");
    let both = format!("{odd}\n{appendix}");
    let mut missing = Vec::new();

    // System sets: the variants of SimSet.
    let m = read("crates/qcity-core/src/model/mod.rs");
    let body = m
        .split("pub enum SimSet {")
        .nth(1)
        .and_then(|b| b.split('}').next())
        .expect("SimSet in model/mod.rs");
    let sets: Vec<String> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .map(|l| l.trim_end_matches(',').to_string())
        .collect();
    assert!(sets.len() >= 10, "{sets:?}");
    for s in &sets {
        if !odd.contains(&format!("`{s}`")) {
            missing.push(format!("system set `{s}`"));
        }
    }

    // Components of the model.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/qcity-core/src/model");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        for c in components(&std::fs::read_to_string(&p).unwrap()) {
            n += 1;
            if !odd.contains(&format!("`{c}`")) {
                missing.push(format!("component `{c}` ({})", p.display()));
            }
        }
    }
    assert!(n >= 15, "found only {n} components");

    // Parameters: every field of every section of the shipped defaults.
    let defaults = serde_json::to_value(qcity_core::scenario::ModelDefaults::embedded()).unwrap();
    let mut params = 0;
    for (top, v) in defaults.as_object().unwrap() {
        let fields = v.as_object().unwrap();
        for (k, x) in fields {
            let sections = top == "params" && x.is_object();
            if sections {
                for f in x.as_object().unwrap().keys() {
                    params += 1;
                    let path = format!("{top}.{k}.{f}");
                    if !both.contains(&format!("`{path}`")) {
                        missing.push(format!("parameter `{path}`"));
                    }
                }
            } else {
                params += 1;
                let path = format!("{top}.{k}");
                if !both.contains(&format!("`{path}`")) {
                    missing.push(format!("parameter `{path}`"));
                }
            }
        }
    }
    assert!(params >= 100, "found only {params} parameters");
    assert!(
        missing.is_empty(),
        "docs/ODD.md or docs/ODD-parameters.md does not name (regenerate the appendix with `python3 tools/odd_parameters.py > docs/ODD-parameters.md`, describe new sets and components in docs/ODD.md):\n  {}",
        missing.join("\n  ")
    );
}
