//! The policy levers of the plan, each declared once.
//!
//! A lever's declaration below gives its field in [`Levers`], its name as scenario files,
//! events and sweeps write it (`SetLever(lever: brand_support, …)`, `lever.brand_support`),
//! its valid range, its unit, the department that bears it, the section of the plan it models,
//! and its label and one-line help in English and Chinese. [`Levers`] and its patch,
//! [`LeverName`] and its table [`LEVERS`] are written from it by [`levers!`], so the
//! scenario's names, the sweep shorthand, the window's sliders and the docs cannot drift apart.
//!
//! To add a lever: add one entry here (a plain number, an on/off switch, or a value per credit
//! grade), give it a business-as-usual value with its source in `assets/model.ron`, and read
//! it in the mechanism it drives (`LeversInForce` on each district).

use crate::params::PerGrade;
use crate::patch::Invalid;

/// Who bears a lever's cost, as the plan's division of labour assigns it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Department {
    /// 市场监管部门: inspection, credit, brands, standards, service quality.
    MarketRegulation,
    /// 住房城乡建设部门: construction quality, prefabricated and green building.
    HousingConstruction,
    /// 经济信息部门: manufacturing, chain leaders.
    EconomyInformation,
    /// 财政部门: the quality budget and subsidies.
    Finance,
    /// 区县党委政府: district leadership.
    DistrictLeadership,
}

impl Department {
    pub fn name_en(self) -> &'static str {
        match self {
            Department::MarketRegulation => "market regulation",
            Department::HousingConstruction => "housing and construction",
            Department::EconomyInformation => "economy and information",
            Department::Finance => "finance",
            Department::DistrictLeadership => "district leadership",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Department::MarketRegulation => "市场监管",
            Department::HousingConstruction => "住房城乡建设",
            Department::EconomyInformation => "经济信息",
            Department::Finance => "财政",
            Department::DistrictLeadership => "区县党委政府",
        }
    }
}

/// What kind of value a lever takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeverKind {
    /// A number within the range.
    Number,
    /// On (1) or off (0).
    Switch,
}

/// Everything declared about one lever.
#[derive(Debug, Clone, Copy)]
pub struct LeverInfo {
    /// As scenario files write it: `brand_support`.
    pub name: &'static str,
    pub kind: LeverKind,
    /// Valid values, inclusive.
    pub range: (f64, f64),
    /// The unit of the value as stored ("share", "per 1,000 firms", "index"…).
    pub unit: &'static str,
    /// A person reads the value as `value × display_factor` in `display_unit` (a share of GDP
    /// as a percent, say).
    pub display_factor: f64,
    pub display_unit_en: &'static str,
    pub display_unit_zh: &'static str,
    /// The section of the plan it models.
    pub section: &'static str,
    pub department: Department,
    pub en: &'static str,
    pub zh: &'static str,
    pub help_en: &'static str,
    pub help_zh: &'static str,
}

/// Values a lever field can hold, as the number events and sweeps set.
pub trait LeverValue {
    fn to_f64(&self) -> f64;
    fn from_f64(v: f64) -> Self;
}

impl LeverValue for f64 {
    fn to_f64(&self) -> f64 {
        *self
    }
    fn from_f64(v: f64) -> Self {
        v
    }
}

impl LeverValue for bool {
    fn to_f64(&self) -> f64 {
        *self as u8 as f64
    }
    fn from_f64(v: f64) -> Self {
        v != 0.0
    }
}

/// Writes [`Levers`] (with its patch and ranges, through [`patchable!`](crate::patchable)),
/// [`LeverName`] and [`LEVERS`] from one list. Each field is a number with its range, a
/// switch, or a value per credit grade; each gives one lever, or one per grade.
#[macro_export]
macro_rules! levers {
    // Done: write everything.
    (@munch [$($fields:tt)*] [$( ($var:ident, $name:expr, ($($path:ident).+), $lo:expr, $hi:expr, $kind:ident, { $($meta:tt)* }) )*]) => {
        $crate::patchable! {
            /// The policy levers of the plan (declared in `src/levers.rs`; business-as-usual
            /// values in `assets/model.ron`).
            pub struct Levers / LeversPatch {
                $($fields)*
            }
        }

        /// The levers an event, a sweep or a person can set, by name. Scenario files write
        /// the name as a bare identifier (`lever: brand_support`), JSON as a string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum LeverName {
            $( $var, )*
        }

        /// Every lever's name, in declaration order.
        pub const LEVER_NAMES: &[&str] = &[$($name),*];

        /// Every lever's declaration, in the order of [`LeverName::ALL`].
        pub const LEVERS: &[LeverInfo] = &[
            $( LeverInfo {
                name: $name,
                kind: LeverKind::$kind,
                range: ($lo as f64, $hi as f64),
                $($meta)*
            }, )*
        ];

        impl LeverName {
            /// Every lever, in declaration order.
            pub const ALL: &'static [LeverName] = &[$(LeverName::$var),*];

            /// Sets this lever in `l` (a switch: 0 is off, anything else on).
            pub fn set(self, l: &mut Levers, v: f64) {
                match self {
                    $( LeverName::$var => l.$($path).+ = LeverValue::from_f64(v), )*
                }
            }

            /// This lever's value in `l` (a switch as 0 or 1).
            pub fn get(self, l: &Levers) -> f64 {
                match self {
                    $( LeverName::$var => LeverValue::to_f64(&l.$($path).+), )*
                }
            }
        }
    };
    // A number with its range: one lever.
    (@munch [$($fields:tt)*] [$($names:tt)*]
        $(#[doc = $doc:literal])*
        $field:ident: f64 [$lo:expr, $hi:expr] => $var:ident { $($meta:tt)* },
        $($rest:tt)*
    ) => {
        $crate::levers!(@munch
            [$($fields)* $(#[doc = $doc])* pub $field: f64 [$lo, $hi],]
            [$($names)* ($var, stringify!($field), ($field), $lo, $hi, Number, { $($meta)* })]
            $($rest)*);
    };
    // An on/off switch: one lever.
    (@munch [$($fields:tt)*] [$($names:tt)*]
        $(#[doc = $doc:literal])*
        $field:ident: bool => $var:ident { $($meta:tt)* },
        $($rest:tt)*
    ) => {
        $crate::levers!(@munch
            [$($fields)* $(#[doc = $doc])* pub $field: bool,]
            [$($names)* ($var, stringify!($field), ($field), 0.0, 1.0, Switch, { $($meta)* })]
            $($rest)*);
    };
    // A share per credit grade, each 0 to 1: one lever per grade, named `<field>_<grade>`.
    (@munch [$($fields:tt)*] [$($names:tt)*]
        $(#[doc = $doc:literal])*
        $field:ident: PerGrade => {
            a => $a:ident { $($ma:tt)* },
            b => $b:ident { $($mb:tt)* },
            c => $c:ident { $($mc:tt)* },
            d => $d:ident { $($md:tt)* },
        },
        $($rest:tt)*
    ) => {
        $crate::levers!(@munch
            [$($fields)* $(#[doc = $doc])* pub $field: PerGrade,]
            [$($names)*
                ($a, concat!(stringify!($field), "_a"), ($field . a), 0.0, 1.0, Number, { $($ma)* })
                ($b, concat!(stringify!($field), "_b"), ($field . b), 0.0, 1.0, Number, { $($mb)* })
                ($c, concat!(stringify!($field), "_c"), ($field . c), 0.0, 1.0, Number, { $($mc)* })
                ($d, concat!(stringify!($field), "_d"), ($field . d), 0.0, 1.0, Number, { $($md)* })]
            $($rest)*);
    };
    ($($body:tt)*) => { $crate::levers!(@munch [] [] $($body)*); };
}

levers! {
    /// 四(一) 资金保障: district budget for quality work, as a share of its GDP.
    budget_share_of_gdp: f64 [0.0, 0.05] => BudgetShareOfGdp {
        unit: "share of GDP", display_factor: 100.0,
        display_unit_en: "% of GDP", display_unit_zh: "% GDP",
        section: "四(一)", department: Department::Finance,
        en: "Quality budget", zh: "质量工作经费",
        help_en: "What each district spends on quality work a year, as a share of its GDP; programmes beyond it are funded pro rata.",
        help_zh: "各区县每年用于质量工作的经费占GDP比例；超出部分的项目按比例削减。",
    },
    /// 26 "双随机、一公开": share of firms of each credit grade inspected per year.
    inspection_rate: PerGrade => {
        a => InspectionRateA {
            unit: "share a year", display_factor: 100.0,
            display_unit_en: "% a year", display_unit_zh: "%/年",
            section: "26", department: Department::MarketRegulation,
            en: "Inspections of A firms", zh: "A类企业抽查比例",
            help_en: "Share of low-risk (A) firms inspected a year under 双随机、一公开.",
            help_zh: "双随机、一公开：每年抽查的A类（低风险）企业比例。",
        },
        b => InspectionRateB {
            unit: "share a year", display_factor: 100.0,
            display_unit_en: "% a year", display_unit_zh: "%/年",
            section: "26", department: Department::MarketRegulation,
            en: "Inspections of B firms", zh: "B类企业抽查比例",
            help_en: "Share of B firms inspected a year; it must lie between the A and C rates.",
            help_zh: "每年抽查的B类企业比例，须介于A类与C类之间。",
        },
        c => InspectionRateC {
            unit: "share a year", display_factor: 100.0,
            display_unit_en: "% a year", display_unit_zh: "%/年",
            section: "26", department: Department::MarketRegulation,
            en: "Inspections of C firms", zh: "C类企业抽查比例",
            help_en: "Share of C firms inspected a year; it must lie between the B and D rates.",
            help_zh: "每年抽查的C类企业比例，须介于B类与D类之间。",
        },
        d => InspectionRateD {
            unit: "share a year", display_factor: 100.0,
            display_unit_en: "% a year", display_unit_zh: "%/年",
            section: "26", department: Department::MarketRegulation,
            en: "Inspections of D firms", zh: "D类企业抽查比例",
            help_en: "Share of high-risk (D) firms and listed violators inspected a year.",
            help_zh: "每年抽查的D类（高风险）企业及失信名单企业比例。",
        },
    },
    /// 26: inspectors per 1,000 registered enterprises.
    inspectors_per_1000_firms: f64 [0.0, 50.0] => InspectorsPer1000Firms {
        unit: "per 1,000 firms", display_factor: 1.0,
        display_unit_en: "per 1,000 firms", display_unit_zh: "人/千户",
        section: "26", department: Department::MarketRegulation,
        en: "Inspectors", zh: "执法检查人员",
        help_en: "Inspectors per 1,000 registered enterprises: the capacity that caps inspections.",
        help_zh: "每千户企业配备的检查人员，决定抽查能力上限。",
    },
    /// 26: mean probability that an inspector detects a nonconforming product (training).
    inspector_skill: f64 [0.05, 1.0] => InspectorSkill {
        unit: "probability", display_factor: 100.0,
        display_unit_en: "% found", display_unit_zh: "% 检出",
        section: "26", department: Department::MarketRegulation,
        en: "Inspector skill", zh: "检查人员能力",
        help_en: "Chance that an inspector finds a nonconforming batch sampled (raised by training).",
        help_zh: "检查人员查出不合格批次的概率（培训可提高）。",
    },
    /// 25 失信惩戒: the fine for a detected violation, in months of a firm's quality budget.
    fine_months: f64 [0.0, 120.0] => FineMonths {
        unit: "months of quality spending", display_factor: 1.0,
        display_unit_en: "months of quality spending", display_unit_zh: "个月质量投入",
        section: "25", department: Department::MarketRegulation,
        en: "Fine", zh: "罚款",
        help_en: "The fine for a violation found, in months of the firm's quality spending.",
        help_zh: "查出违法时的罚款，折合企业若干个月的质量投入。",
    },
    /// 25: whether serious violators go on the blacklist with joint punishment.
    joint_punishment: bool => JointPunishment {
        unit: "on/off", display_factor: 1.0,
        display_unit_en: "", display_unit_zh: "",
        section: "25", department: Department::MarketRegulation,
        en: "Joint punishment", zh: "联合惩戒",
        help_en: "Serious violators go on the serious-violation list, restricting their finance and subsidies.",
        help_zh: "严重违法企业列入失信名单，限制融资和补贴。",
    },
    /// 25 信用修复: whether credit can be repaired after a clean period.
    credit_repair: bool => CreditRepair {
        unit: "on/off", display_factor: 1.0,
        display_unit_en: "", display_unit_zh: "",
        section: "25", department: Department::MarketRegulation,
        en: "Credit repair", zh: "信用修复",
        help_en: "A firm's credit score recovers after a clean period.",
        help_zh: "企业在一段时间无违法后可修复信用。",
    },
    /// 二 主体责任 / 四(一): share of firms' quality investment cost paid by subsidy.
    subsidy_rate: f64 [0.0, 0.9] => SubsidyRate {
        unit: "share of cost", display_factor: 100.0,
        display_unit_en: "% of cost", display_unit_zh: "% 成本",
        section: "二, 四(一)", department: Department::Finance,
        en: "Quality subsidy", zh: "质量投入补贴",
        help_en: "Share of firms' quality investment paid by public subsidy.",
        help_zh: "财政补贴企业质量投入的比例。",
    },
    /// 二(一) 大手牵小手: strength of the chain-leader programme (0 none, 1 full).
    chain_leader_programme: f64 [0.0, 1.0] => ChainLeaderProgramme {
        unit: "intensity", display_factor: 1.0,
        display_unit_en: "× plan", display_unit_zh: "× 方案",
        section: "二(一)", department: Department::EconomyInformation,
        en: "Chain leaders", zh: "大手牵小手",
        help_en: "Large firms pass quality know-how to their suppliers (1 = the plan's programme).",
        help_zh: "链主企业带动配套企业提升质量（1 = 方案力度）。",
    },
    /// 15–16 品牌建设: brand cultivation programme (0 none, 1 = plan's intensity).
    brand_support: f64 [0.0, 2.0] => BrandSupport {
        unit: "intensity", display_factor: 1.0,
        display_unit_en: "× plan", display_unit_zh: "× 方案",
        section: "15–16", department: Department::MarketRegulation,
        en: "Brand programme", zh: "品牌建设",
        help_en: "Support for firms' brands and national quality awards (1 = the plan's programme).",
        help_zh: "支持企业品牌培育和争创国家质量奖（1 = 方案力度）。",
    },
    /// 13 标准引领: standards programme (0 none, 1 = plan's intensity).
    standards_support: f64 [0.0, 2.0] => StandardsSupport {
        unit: "intensity", display_factor: 1.0,
        display_unit_en: "× plan", display_unit_zh: "× 方案",
        section: "13", department: Department::MarketRegulation,
        en: "Standards programme", zh: "标准引领",
        help_en: "Support for firms leading or joining national and international standards (1 = the plan's).",
        help_zh: "支持企业主导或参与制定国家和国际标准（1 = 方案力度）。",
    },
    /// 19–20 服务质量: service-quality programme (0 none, 1 = plan's intensity).
    service_quality_programme: f64 [0.0, 2.0] => ServiceQualityProgramme {
        unit: "intensity", display_factor: 1.0,
        display_unit_en: "× plan", display_unit_zh: "× 方案",
        section: "19–20", department: Department::MarketRegulation,
        en: "Service quality programme", zh: "服务质量提升",
        help_en: "Programmes to raise public and life-service quality (1 = the plan's).",
        help_zh: "提升公共服务和生活性服务质量（1 = 方案力度）。",
    },
    /// 21 建设工程质量: prefabricated share of new floor area required by 2027, in percent.
    prefab_mandate: f64 [0.0, 100.0] => PrefabMandate {
        unit: "percent", display_factor: 1.0,
        display_unit_en: "% of new floor area", display_unit_zh: "% 新建面积",
        section: "21", department: Department::HousingConstruction,
        en: "Prefabricated mandate", zh: "装配式建筑要求",
        help_en: "Share of new floor area required to be prefabricated.",
        help_zh: "新建建筑中要求采用装配式的面积比例。",
    },
    /// 21: green share of new urban buildings required, in percent.
    green_mandate: f64 [0.0, 100.0] => GreenMandate {
        unit: "percent", display_factor: 1.0,
        display_unit_en: "% of new buildings", display_unit_zh: "% 新建建筑",
        section: "21", department: Department::HousingConstruction,
        en: "Green building mandate", zh: "绿色建筑要求",
        help_en: "Share of new urban buildings required to meet the green building standard.",
        help_zh: "城镇新建建筑中要求达到绿色建筑标准的比例。",
    },
    /// 四(三): leaders' effort on quality work (1 = business as usual).
    leader_effort: f64 [0.0, 3.0] => LeaderEffort {
        unit: "intensity", display_factor: 1.0,
        display_unit_en: "× usual", display_unit_zh: "× 常态",
        section: "四(三)", department: Department::DistrictLeadership,
        en: "Leaders' effort", zh: "领导重视程度",
        help_en: "How hard district leaders push quality work (1 = business as usual).",
        help_zh: "区县党政领导推动质量工作的力度（1 = 常态）。",
    },
}

impl serde::Serialize for LeverName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit_variant("LeverName", *self as u32, self.id())
    }
}

impl<'de> serde::Deserialize<'de> for LeverName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, EnumAccess, VariantAccess, Visitor};
        struct Ident(LeverName);
        impl<'de> serde::Deserialize<'de> for Ident {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = Ident;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a lever name")
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<Ident, E> {
                        LeverName::ALL
                            .iter()
                            .find(|l| l.id() == v)
                            .map(|&l| Ident(l))
                            .ok_or_else(|| E::unknown_variant(v, LEVER_NAMES))
                    }
                }
                d.deserialize_identifier(V)
            }
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LeverName;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a lever name")
            }
            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<LeverName, A::Error> {
                let (Ident(l), variant) = data.variant::<Ident>()?;
                variant.unit_variant()?;
                Ok(l)
            }
        }
        d.deserialize_enum("LeverName", LEVER_NAMES, V)
    }
}

impl LeverName {
    /// Everything declared about this lever.
    pub fn info(self) -> &'static LeverInfo {
        &LEVERS[self as usize]
    }

    /// The lever's name as scenario files write it (`brand_support`).
    pub fn id(self) -> &'static str {
        self.info().name
    }

    /// The valid range of the lever.
    pub fn range(self) -> (f64, f64) {
        self.info().range
    }

    pub fn is_bool(self) -> bool {
        self.info().kind == LeverKind::Switch
    }

    /// The lever named `name`, or a message listing every valid name.
    pub fn parse(name: &str) -> Result<LeverName, String> {
        LeverName::ALL
            .iter()
            .copied()
            .find(|l| l.id() == name)
            .ok_or_else(|| {
                format!(
                    "unknown lever `{name}`: valid levers are {}",
                    LeverName::ALL
                        .iter()
                        .map(|l| l.id())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}

impl Levers {
    /// Rules across fields that ranges alone cannot express.
    pub fn cross_check(&self, path: &str, out: &mut Vec<Invalid>) {
        self.inspection_rate
            .check(0.0, 1.0, &format!("{path}.inspection_rate"), out);
        let r = &self.inspection_rate;
        if r.a > r.b || r.b > r.c || r.c > r.d {
            out.push(Invalid {
                path: format!("{path}.inspection_rate"),
                message: format!(
                    "sampling must not fall as risk rises: need a ≤ b ≤ c ≤ d, got a={}, b={}, c={}, d={}",
                    r.a, r.b, r.c, r.d
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names are the fields' names as scenario files write them, and a name read back
    /// gives the same lever; set and get agree on every lever.
    #[test]
    fn every_lever_round_trips_by_name_and_value() {
        assert_eq!(LeverName::ALL.len(), LEVERS.len());
        for (i, &l) in LeverName::ALL.iter().enumerate() {
            assert_eq!(l as usize, i);
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.id()));
            assert_eq!(serde_json::from_str::<LeverName>(&json).unwrap(), l);
            assert_eq!(LeverName::parse(l.id()), Ok(l));
            let (lo, hi) = l.range();
            assert!(lo < hi, "{}", l.id());
            let mut lv: Levers = crate::scenario::ModelDefaults::embedded().levers;
            let v = if l.is_bool() {
                0.0
            } else {
                lo + 0.25 * (hi - lo)
            };
            l.set(&mut lv, v);
            assert_eq!(l.get(&lv), v, "{}", l.id());
            assert!(!l.info().en.is_empty() && !l.info().zh.is_empty());
            assert!(!l.info().help_en.is_empty() && !l.info().help_zh.is_empty());
        }
        assert_eq!(
            LeverName::InspectorsPer1000Firms.id(),
            "inspectors_per_1000_firms"
        );
        assert_eq!(LeverName::InspectionRateD.id(), "inspection_rate_d");
        assert!(
            LeverName::parse("brand_suport")
                .unwrap_err()
                .contains("brand_support")
        );
    }

    /// Each number lever's range is the range its field is validated against.
    #[test]
    fn lever_ranges_are_the_fields_ranges() {
        for &(field, lo, hi) in Levers::RANGES {
            let l = LeverName::parse(field).unwrap();
            assert_eq!(l.range(), (lo, hi), "{field}");
        }
    }
}
