//! The language of labels (`--lang zh|en`) and the words in each: district, zone, target,
//! unit and peer-group names. The fonts that draw them live with the pictures
//! (`qcity_report::fonts`); the command line's `--lang` flag maps onto [`Lang`].

use crate::data::{District, Target, Zone};

/// The language of chart labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English labels.
    #[default]
    En,
    /// Chinese labels.
    Zh,
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
