//! Finds where a field path (`levers.city.subsidy_rate`, `events[2].action.months`) is written in
//! a RON text, so that errors found after parsing (range and cross-field checks) can still name
//! the line and column.

/// Line and column (1-based, columns in characters) of the value at `path`, or of the nearest
/// enclosing field that is written in the text.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    locate_depth(text, path).map(|(_, p)| p)
}

/// Like [`locate`], with how many segments of the path were found written.
pub fn locate_depth(text: &str, path: &str) -> Option<(usize, (usize, usize))> {
    let target = split_path(path);
    let mut best: Option<(usize, (usize, usize))> = None;
    let toks = tokenize(text);
    // Each frame: the path of the container, its kind, the current key or index.
    #[derive(Clone)]
    struct Frame {
        path: Vec<String>,
        seq: bool,
        index: usize,
        key: Option<String>,
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (tok, pos) = &toks[i];
        let next = toks.get(i + 1).map(|t| t.0.as_str());
        match tok.as_str() {
            "(" | "[" | "{" => {
                let mut path = match stack.last() {
                    None => Vec::new(),
                    Some(f) if f.seq => {
                        let mut p = f.path.clone();
                        p.push(format!("[{}]", f.index));
                        p
                    }
                    Some(f) => {
                        let mut p = f.path.clone();
                        if let Some(k) = &f.key {
                            p.push(k.clone());
                        }
                        p
                    }
                };
                if stack.is_empty() {
                    path.clear();
                }
                stack.push(Frame {
                    path,
                    seq: tok == "[",
                    index: 0,
                    key: None,
                });
            }
            ")" | "]" | "}" => {
                stack.pop();
            }
            "," => {
                if let Some(f) = stack.last_mut() {
                    if f.seq {
                        f.index += 1;
                    }
                    f.key = None;
                }
            }
            ":" => {}
            t => {
                if next == Some(":") {
                    let key = t.trim_matches('"').to_string();
                    if let Some(f) = stack.last_mut() {
                        f.key = Some(key.clone());
                        let mut full = f.path.clone();
                        full.push(key);
                        let m = common_prefix(&full, &target);
                        if m == full.len() && best.is_none_or(|(b, _)| m > b) {
                            best = Some((m, *pos));
                        }
                    }
                } else if let Some(f) = stack.last()
                    && f.seq
                {
                    let mut full = f.path.clone();
                    full.push(format!("[{}]", f.index));
                    let m = common_prefix(&full, &target);
                    if m == full.len() && best.is_none_or(|(b, _)| m > b) {
                        best = Some((m, *pos));
                    }
                }
            }
        }
        i += 1;
    }
    best
}

/// The field path (`events[2].action.months`) whose value is being written at `line`:`column`,
/// for errors the parser reports by position only ("Expected comma"). `None` at the top level.
pub fn field_at(text: &str, line: usize, column: usize) -> Option<String> {
    // Each frame: the container's path, whether it is a sequence, its index, its current key.
    let mut stack: Vec<(Vec<String>, bool, usize, Option<String>)> = Vec::new();
    let toks = tokenize(text);
    for (i, (tok, pos)) in toks.iter().enumerate() {
        if *pos >= (line, column) {
            break;
        }
        match tok.as_str() {
            "(" | "[" | "{" => {
                let path = match stack.last() {
                    None => Vec::new(),
                    Some((p, true, idx, _)) => {
                        let mut p = p.clone();
                        p.push(format!("[{idx}]"));
                        p
                    }
                    Some((p, false, _, key)) => {
                        let mut p = p.clone();
                        p.extend(key.clone());
                        p
                    }
                };
                stack.push((path, tok == "[", 0, None));
            }
            ")" | "]" | "}" => {
                stack.pop();
            }
            "," => {
                if let Some(f) = stack.last_mut() {
                    if f.1 {
                        f.2 += 1;
                    }
                    f.3 = None;
                }
            }
            t => {
                if toks.get(i + 1).map(|t| t.0.as_str()) == Some(":")
                    && let Some(f) = stack.last_mut()
                {
                    f.3 = Some(t.trim_matches('"').to_string());
                }
            }
        }
    }
    let (path, seq, idx, key) = stack.last()?;
    let mut parts = path.clone();
    if *seq {
        parts.push(format!("[{idx}]"));
    } else {
        parts.extend(key.clone());
    }
    let mut out = String::new();
    for p in parts {
        if !out.is_empty() && !p.starts_with('[') {
            out.push('.');
        }
        out.push_str(&p);
    }
    (!out.is_empty()).then_some(out)
}

fn common_prefix(a: &[String], b: &[String]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

fn split_path(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in path.split('.') {
        if part.is_empty() {
            continue;
        }
        // "events[2]" → "events", "[2]"
        let mut rest = part;
        if let Some(b) = rest.find('[') {
            if b > 0 {
                out.push(rest[..b].to_string());
            }
            rest = &rest[b..];
            while let Some(e) = rest.find(']') {
                out.push(rest[..=e].to_string());
                rest = &rest[e + 1..];
            }
        } else {
            out.push(rest.to_string());
        }
    }
    out
}

/// Splits RON into punctuation, identifiers, numbers and strings, skipping comments, with the
/// 1-based position of each token.
fn tokenize(text: &str) -> Vec<(String, (usize, usize))> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut line, mut col) = (1usize, 1usize);
    let mut i = 0;
    let adv = |c: char, line: &mut usize, col: &mut usize| {
        if c == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                adv(chars[i], &mut line, &mut col);
                i += 1;
            }
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                adv(chars[i], &mut line, &mut col);
                i += 1;
            }
            i = (i + 2).min(chars.len());
            col += 2;
            continue;
        }
        if c.is_whitespace() {
            adv(c, &mut line, &mut col);
            i += 1;
            continue;
        }
        let start = (line, col);
        if "()[]{},:".contains(c) {
            out.push((c.to_string(), start));
            adv(c, &mut line, &mut col);
            i += 1;
            continue;
        }
        if c == '"' {
            let mut s = String::from('"');
            adv(c, &mut line, &mut col);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    s.push(chars[i]);
                    adv(chars[i], &mut line, &mut col);
                    i += 1;
                }
                s.push(chars[i]);
                adv(chars[i], &mut line, &mut col);
                i += 1;
            }
            s.push('"');
            if i < chars.len() {
                adv(chars[i], &mut line, &mut col);
                i += 1;
            }
            out.push((s, start));
            continue;
        }
        let mut s = String::new();
        while i < chars.len() && !chars[i].is_whitespace() && !"()[]{},:\"".contains(chars[i]) {
            s.push(chars[i]);
            adv(chars[i], &mut line, &mut col);
            i += 1;
        }
        if s.is_empty() {
            adv(c, &mut line, &mut col);
            i += 1;
        } else {
            out.push((s, start));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"(
    name: "x", // a comment: with colon
    levers: (
        city: (subsidy_rate: 2.0),
        districts: {
            "500103": (
                fine_months: -1.0,
            ),
        },
    ),
    events: [
        (at: "2024-01", action: SetLever(lever: subsidy_rate, value: 0.2)),
        (at: "2025-01", action: Incident(sector: food, months: 0)),
    ],
)"#;

    #[test]
    fn finds_nested_fields_map_keys_and_sequence_items() {
        assert_eq!(locate(TEXT, "levers.city.subsidy_rate"), Some((4, 16)));
        assert_eq!(
            locate(TEXT, "levers.districts.500103.fine_months"),
            Some((7, 17))
        );
        assert_eq!(locate(TEXT, "events[1].action.months"), Some((13, 56)));
        assert_eq!(locate(TEXT, "events[1].at"), Some((13, 10)));
        // Not written: the nearest enclosing field.
        assert_eq!(locate(TEXT, "levers.city.brand_support"), Some((4, 9)));
        assert_eq!(locate(TEXT, "params.quality"), None);
    }

    #[test]
    fn names_the_field_being_written_at_a_position() {
        // Inside `fine_months`' value, inside the second event's action, at the top level.
        assert_eq!(
            field_at(TEXT, 7, 31).as_deref(),
            Some("levers.districts.500103.fine_months")
        );
        assert_eq!(
            field_at(TEXT, 13, 65).as_deref(),
            Some("events[1].action.months")
        );
        assert_eq!(field_at("(seed: 1.5)", 1, 8).as_deref(), Some("seed"));
        assert_eq!(field_at(TEXT, 1, 1), None);
    }
}
