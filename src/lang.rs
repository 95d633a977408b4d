//! The language of drawn labels (`--lang zh|en`) and the fonts that draw them.
//!
//! English labels use the bundled DejaVu Sans; Chinese labels use the bundled subset of Noto
//! Sans CJK SC (`assets/fonts/NotoSansSC-qcity.otf`, made by `tools/subset_cjk_font.py`), which
//! holds printable ASCII and every Chinese character in the data, the scenarios and this
//! crate's sources. No system font is needed either way; a unit test checks that every label
//! this module can produce has a glyph in its font.

use crate::data::{District, Target, Zone};

/// The Chinese font's family name: the name plotters registers it under and the name written
/// into SVG files (`report.html` embeds the font under the same name).
pub const CJK_FAMILY: &str = "Noto Sans CJK SC";
/// The Latin font's family name (DejaVu Sans, registered under the generic name).
pub const LATIN_FAMILY: &str = "sans-serif";

/// The language of chart labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English labels (DejaVu Sans).
    #[default]
    En,
    /// Chinese labels (the bundled Noto Sans CJK SC subset).
    Zh,
}

/// Registers both bundled fonts with plotters (once per process).
pub fn register_fonts() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use plotters::style::FontStyle;
        let _ = plotters::style::register_font(
            LATIN_FAMILY,
            FontStyle::Normal,
            include_bytes!("../assets/fonts/DejaVuSans.ttf"),
        );
        let _ =
            plotters::style::register_font(CJK_FAMILY, FontStyle::Normal, crate::report::CJK_FONT);
    });
}

/// "Yuzhong District" → "Yuzhong"; "Xiushan Tujia and Miao Autonomous County" → "Xiushan";
/// "Zhong County (Zhongxian)" → "Zhong".
pub fn short_name_en(en: &str) -> String {
    let en = en.split(" (").next().unwrap_or(en);
    if en.ends_with(" Autonomous County") {
        return en.split(' ').next().unwrap_or(en).to_string();
    }
    for suffix in [" District", " County"] {
        if let Some(s) = en.strip_suffix(suffix) {
            return s.to_string();
        }
    }
    en.to_string()
}

/// "渝中区" stays; "秀山土家族苗族自治县" → "秀山县" (the form used in everyday writing).
pub fn short_name_zh(zh: &str) -> String {
    if zh.ends_with("自治县") {
        let head: String = zh.chars().take(2).collect();
        return format!("{head}县");
    }
    zh.to_string()
}

impl Lang {
    /// The font family to draw this language with.
    pub fn font(self) -> &'static str {
        match self {
            Lang::En => LATIN_FAMILY,
            Lang::Zh => CJK_FAMILY,
        }
    }

    /// Picks the label for this language.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// A district's short name.
    pub fn district(self, d: &District) -> String {
        match self {
            Lang::En => short_name_en(&d.name_en),
            Lang::Zh => short_name_zh(&d.name_zh),
        }
    }

    /// A target's indicator name.
    pub fn target(self, t: &Target) -> &str {
        self.pick(&t.indicator_en, &t.indicator_zh)
    }

    /// A unit as an axis label.
    pub fn unit(self, unit: &str) -> String {
        let zh = match unit {
            "percent" => "%",
            "count" => "数量（个）",
            "index" => "指数",
            "points" => "分",
            "100m_yuan" => "亿元",
            "share" => "比例",
            "yuan" => "元",
            _ => return unit.replace('_', " "),
        };
        match self {
            Lang::En => unit.replace('_', " "),
            Lang::Zh => zh.to_string(),
        }
    }

    /// A target's rule ("≥ 2 × start") as a label.
    pub fn rule(self, rule: &str) -> String {
        match self {
            Lang::En => rule.to_string(),
            Lang::Zh => rule.replace("start", "基期"),
        }
    }

    /// The legend of a target line: "2027 target ≥ 92" / "2027年目标 ≥ 92".
    pub fn target_label(self, year: u32, rule: &str) -> String {
        match self {
            Lang::En => format!("{year} target {rule}"),
            Lang::Zh => format!("{year}年目标 {}", self.rule(rule)),
        }
    }

    /// A zone's name.
    pub fn zone(self, z: Zone) -> &'static str {
        match z {
            Zone::Metro => self.pick("metro zone", "主城都市区"),
            Zone::Northeast => self.pick("northeast zone", "渝东北三峡库区城镇群"),
            Zone::Southeast => self.pick("southeast zone", "渝东南武陵山区城镇群"),
        }
    }

    /// A race peer group's name ("city", a zone's key, or a custom name kept as written).
    pub fn peer_group(self, name: &str) -> String {
        match (self, name) {
            (Lang::Zh, "city") => "全市".into(),
            (Lang::Zh, "metro") => self.zone(Zone::Metro).into(),
            (Lang::Zh, "northeast") => self.zone(Zone::Northeast).into(),
            (Lang::Zh, "southeast") => self.zone(Zone::Southeast).into(),
            _ => name.to_string(),
        }
    }

    /// A mapped indicator's name: the target's name when the indicator measures a target
    /// (`_true` marks the true, not the measured, value), else its id.
    pub fn indicator(self, id: &str, targets: &[Target]) -> String {
        let (base, true_value) = match id.strip_suffix("_true") {
            Some(b) => (b, true),
            None => (id, false),
        };
        let name = match targets.iter().find(|t| t.id == base) {
            Some(t) => self.target(t).to_string(),
            None => match (self, base) {
                (Lang::Zh, "quality_composite") => "质量综合达标度".into(),
                (Lang::Zh, "public_service_satisfaction") => "质量公共服务满意度".into(),
                _ => base.replace('_', " "),
            },
        };
        if true_value {
            format!("{name}{}", self.pick(", true value", "（真实值）"))
        } else {
            name
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::Font;

    fn missing(font: &ab_glyph::FontRef, text: &str) -> Vec<char> {
        text.chars()
            .filter(|c| !c.is_control() && font.glyph_id(*c).0 == 0)
            .collect()
    }

    /// Every label the charts can draw has a glyph in the font of its language, so nothing
    /// renders as tofu on a machine without system fonts.
    #[test]
    fn every_drawn_label_has_a_glyph() {
        let cjk = ab_glyph::FontRef::try_from_slice(crate::report::CJK_FONT).unwrap();
        let latin =
            ab_glyph::FontRef::try_from_slice(include_bytes!("../assets/fonts/DejaVuSans.ttf"))
                .unwrap();
        let districts = crate::data::districts::embedded();
        let targets = crate::data::targets::embedded();
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
        // Every Chinese label written in the drawing code.
        for src in [
            include_str!("lang.rs"),
            include_str!("plots.rs"),
            include_str!("race_report.rs"),
            include_str!("compare.rs"),
            include_str!("trainer.rs"),
            include_str!("gui/trainer.rs"),
            include_str!("gui/ui.rs"),
            include_str!("../scenarios/lessons/a-baseline-race.ron"),
            include_str!("../scenarios/lessons/b-wider-prize-spread.ron"),
            include_str!("../scenarios/lessons/c-noisier-measurement.ron"),
            include_str!("../scenarios/lessons/d-pass-rates-no-audit.ron"),
            include_str!("../scenarios/lessons/e-pass-rates-with-audit.ron"),
            include_str!("../scenarios/lessons/f-within-zone-peers.ron"),
        ] {
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

    #[test]
    fn short_names() {
        assert_eq!(short_name_zh("秀山土家族苗族自治县"), "秀山县");
        assert_eq!(short_name_zh("渝中区"), "渝中区");
        assert_eq!(
            short_name_en("Xiushan Tujia and Miao Autonomous County"),
            "Xiushan"
        );
        assert_eq!(short_name_en("Zhong County (Zhongxian)"), "Zhong");
    }
}
