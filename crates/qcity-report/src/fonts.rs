//! The bundled fonts that draw qcity's labels, so no system font is needed.
//!
//! English labels use DejaVu Sans (`assets/fonts/DejaVuSans.ttf`); Chinese labels use the
//! bundled subset of Noto Sans CJK SC (`assets/fonts/NotoSansSC-qcity.otf`, made by
//! `tools/subset_cjk_font.py`), which holds printable ASCII and every Chinese character in the
//! data, the scenarios and the sources. A unit test checks that every label the charts and the
//! window can draw has a glyph in its font.

use qcity_core::lang::Lang;

/// The Noto Sans CJK SC subset: Chinese labels in charts, in `report.html` (embedded) and in
/// the window.
pub const CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-qcity.otf");
/// DejaVu Sans: English labels in charts.
pub const LATIN_FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// The Chinese font's family name: the name plotters registers it under and the name written
/// into SVG files (`report.html` embeds the font under the same name).
pub const CJK_FAMILY: &str = "Noto Sans CJK SC";
/// The Latin font's family name (DejaVu Sans, registered under the generic name).
pub const LATIN_FAMILY: &str = "sans-serif";

/// The font family to draw `lang` with.
pub fn family(lang: Lang) -> &'static str {
    match lang {
        Lang::En => LATIN_FAMILY,
        Lang::Zh => CJK_FAMILY,
    }
}

/// Registers both bundled fonts with plotters (once per process).
pub fn register_fonts() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use plotters::style::FontStyle;
        let _ = plotters::style::register_font(LATIN_FAMILY, FontStyle::Normal, LATIN_FONT);
        let _ = plotters::style::register_font(CJK_FAMILY, FontStyle::Normal, CJK_FONT);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::Font;

    /// Every `.rs` and `.ron` file under `dir`.
    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                sources(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "ron") {
                out.push(p);
            }
        }
    }

    fn missing(font: &ab_glyph::FontRef, text: &str) -> Vec<char> {
        text.chars()
            .filter(|c| !c.is_control() && font.glyph_id(*c).0 == 0)
            .collect()
    }

    /// Every label the charts and the window can draw has a glyph in the font of its
    /// language, so nothing renders as tofu on a machine without system fonts.
    #[test]
    fn every_drawn_label_has_a_glyph() {
        let cjk = ab_glyph::FontRef::try_from_slice(CJK_FONT).unwrap();
        let latin = ab_glyph::FontRef::try_from_slice(LATIN_FONT).unwrap();
        let districts = qcity_core::data::districts::embedded();
        let targets = qcity_core::data::targets::embedded();
        let mut zh = String::new();
        let mut en = String::new();
        for d in &districts {
            zh += &Lang::Zh.district(d);
            en += &Lang::En.district(d);
            zh += Lang::Zh.zone(d.zone);
            en += Lang::En.zone(d.zone);
        }
        for t in &targets {
            zh += Lang::Zh.target(t);
            en += Lang::En.target(t);
            zh += &Lang::Zh.unit(&t.unit);
            en += &Lang::En.unit(&t.unit);
        }
        for id in crate::plots::MAPPED {
            zh += &Lang::Zh.indicator(id, &targets);
            en += &Lang::En.indicator(id, &targets);
        }
        for g in ["city", "metro", "northeast", "southeast"] {
            zh += &Lang::Zh.peer_group(g);
        }
        // Every Chinese character in the sources (the drawing code, the window) and in the
        // lessons' notes.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        for dir in ["crates", "scenarios/lessons"] {
            sources(&root.join(dir), &mut files);
        }
        assert!(files.len() > 40, "found only {} sources", files.len());
        for f in files {
            let src = std::fs::read_to_string(&f).unwrap();
            zh.extend(src.chars().filter(|c| *c as u32 > 0x2E7F));
        }
        // The trainer's symbols (egui falls back to the bundled font for them).
        zh += "→←▲▼■□●×·";
        // Digits, signs and the symbols the charts use, in both fonts.
        let common =
            "0123456789.,-+−%≥≤→×()P=: ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        zh += common;
        en += common;
        assert_eq!(
            missing(&cjk, &zh),
            Vec::<char>::new(),
            "missing in the CJK font"
        );
        assert_eq!(
            missing(&latin, &en),
            Vec::<char>::new(),
            "missing in DejaVu Sans"
        );
    }
}
