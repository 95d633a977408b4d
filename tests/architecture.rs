//! The layering that ARCHITECTURE.md describes, checked against the sources:
//!
//! - no import cycles between the modules of any crate (a module is a file; an edge is a `use`
//!   or a path from one module to another, `mod` declarations aside);
//! - the crates depend on each other only downwards, and the core names no render crate.
//!
//! The crate graph itself is enforced by cargo; this test keeps the modules inside each crate a
//! graph a reader can walk from the bottom up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The module path of a source file relative to its crate's `src/`: `lib.rs` and `main.rs`
/// are the root (""), `a.rs` and `a/mod.rs` are `a`, `a/b.rs` is `a::b`.
fn module_of(rel: &Path) -> String {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs").to_string();
    if !matches!(stem.as_str(), "mod" | "lib" | "main") {
        parts.push(stem);
    }
    parts.join("::")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The source without comments and without the unit tests at the end of the file.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| {
            // Good enough for this code base: `//` starts a comment unless inside a string
            // that holds "://" (URLs); strings with `//` are rare and hold no paths.
            match l.find("//") {
                Some(i) if !l[..i].contains('"') => &l[..i],
                _ => l,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Splits `a, b::{c, d}, e` at top-level commas.
fn split_group(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Every path the code names from `anchor` (`crate` or `super`): `anchor::a::b`, and each
/// member of `anchor::{a::b, c}`.
fn paths_after(code: &str, anchor: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let pat = format!("{anchor}::");
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(i) = code[from..].find(&pat) {
        let start = from + i;
        from = start + pat.len();
        // A whole word: not `qcity_crate::` or `foo_super::`.
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            continue;
        }
        let rest = &code[from..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut end = 0;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = k;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            for member in split_group(&group[..end]) {
                out.push(segments(&member));
            }
        } else {
            out.push(segments(rest));
        }
    }
    out
}

/// `a::b::c as d` or `a::b::{..}` → ["a", "b", "c"] (the identifiers before anything else).
fn segments(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            break;
        }
        rest = &rest[ident.len()..];
        out.push(ident);
        match rest.strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    out
}

/// Whether `code` names `child::…` on its own (not as `x::child::…` or `other_child::…`).
fn names_module(code: &str, child: &str) -> bool {
    let pat = format!("{child}::");
    let b = code.as_bytes();
    let mut from = 0;
    while let Some(i) = code[from..].find(&pat) {
        let start = from + i;
        from = start + pat.len();
        let before = if start == 0 { b' ' } else { b[start - 1] };
        if before.is_ascii_alphanumeric() || before == b'_' || before == b':' {
            continue;
        }
        return true;
    }
    false
}

/// The module graph of one crate: module → the modules it uses.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeMap<String, PathBuf> = files
        .iter()
        .map(|f| (module_of(f.strip_prefix(src).unwrap()), f.clone()))
        .collect();
    let known: BTreeSet<&str> = modules.keys().map(String::as_str).collect();
    // The longest known module that prefixes a path.
    let resolve = |segs: &[String]| -> Option<String> {
        (0..=segs.len()).rev().find_map(|n| {
            let m = segs[..n].join("::");
            known.contains(m.as_str()).then_some(m)
        })
    };
    let mut g = BTreeMap::new();
    for (m, file) in &modules {
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let mut uses = BTreeSet::new();
        for p in paths_after(&code, "crate") {
            if let Some(t) = resolve(&p) {
                uses.insert(t);
            }
        }
        let parent: Vec<String> = m
            .split("::")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let parent = &parent[..parent.len().saturating_sub(1)];
        for p in paths_after(&code, "super") {
            let full: Vec<String> = parent.iter().cloned().chain(p).collect();
            if let Some(t) = resolve(&full) {
                uses.insert(t);
            }
        }
        // A parent names its children without `crate::` or `self::`: `events::apply(…)`.
        for k in &known {
            let Some(child) =
                k.strip_prefix(&format!("{m}::"))
                    .or(if m.is_empty() { Some(k) } else { None })
            else {
                continue;
            };
            if child.contains("::") || child.is_empty() {
                continue;
            }
            if names_module(&code, child) {
                uses.insert(k.to_string());
            }
        }
        uses.remove(m);
        g.insert(m.clone(), uses);
    }
    g
}

/// The strongly connected components with more than one module (Tarjan).
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g[v].iter() {
            let w = w.as_str();
            if !t.g.contains_key(w) {
                continue;
            }
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(lw));
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(iw));
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

fn crate_sources() -> Vec<(String, PathBuf)> {
    let mut out = vec![("qcity".to_string(), root().join("src"))];
    for e in std::fs::read_dir(root().join("crates")).unwrap().flatten() {
        out.push((
            e.file_name().to_string_lossy().into_owned(),
            e.path().join("src"),
        ));
    }
    out.sort();
    out
}

#[test]
fn no_module_imports_another_that_imports_it_back() {
    let mut found = Vec::new();
    for (name, src) in crate_sources() {
        for c in cycles(&graph(&src)) {
            found.push(format!("{name}: {}", c.join(" ↔ ")));
        }
    }
    assert!(
        found.is_empty(),
        "import cycles between modules:\n  {}",
        found.join("\n  ")
    );
}

/// The checker itself finds a cycle it is shown, and none where there is none.
#[test]
fn the_cycle_finder_finds_cycles() {
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(cycles(&g), vec![vec!["a", "b", "c"]]);
    assert_eq!(
        paths_after("use crate::{a::b, c::{d, e}, f};", "crate"),
        vec![vec!["a", "b"], vec!["c"], vec!["f"]]
    );
    assert_eq!(module_of(Path::new("model/mod.rs")), "model");
    assert_eq!(module_of(Path::new("model/credit.rs")), "model::credit");
}

/// Each crate's dependencies on the others point down the layers of ARCHITECTURE.md, and the
/// core depends on Bevy's ECS, app and task crates only, never on `bevy` (which could bring a
/// renderer).
#[test]
fn crates_depend_only_downwards() {
    let layers = [
        "qcity-core",
        "qcity-gsa",
        "qcity-sweep",
        "qcity-report",
        "qcity-calibrate",
        "qcity-optimize",
        "qcity-gui",
    ];
    for (i, name) in layers.iter().enumerate() {
        let toml =
            std::fs::read_to_string(root().join("crates").join(name).join("Cargo.toml")).unwrap();
        let deps = toml.split("[dependencies]").nth(1).unwrap_or("");
        let deps = deps.split("\n[").next().unwrap_or("");
        for (j, other) in layers.iter().enumerate() {
            let uses = deps.lines().any(|l| {
                l.trim_start().starts_with(&format!("{other}."))
                    || l.trim_start().starts_with(&format!("{other} ="))
            });
            if uses {
                assert!(j < i, "{name} depends on {other}, which is not below it");
            }
        }
        if *name == "qcity-core" {
            for l in deps.lines() {
                let l = l.trim_start();
                assert!(
                    !(l.starts_with("bevy ") || l.starts_with("bevy=") || l.starts_with("bevy.")),
                    "qcity-core must not depend on `bevy` (it can bring the render stack): {l}"
                );
                for r in ["bevy_render", "wgpu", "winit", "bevy_window", "bevy_winit"] {
                    assert!(!l.starts_with(r), "qcity-core depends on {r}");
                }
            }
        }
    }
}
