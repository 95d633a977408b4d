//! The what-if window (R): the race's rules, edited and applied from the next month. Each
//! change is recorded as a `SetRace` event, saved like any intervention and replayed headless.

use bevy_egui::egui;
use qcity_core::lang::Lang;
use qcity_core::model::assessment::RaceRules;
use qcity_core::params::{Assessment, AssessmentPatch, PeerGroups, Weight};
use qcity_core::scenario::{Action, Scenario};
use qcity_core::session::Session;
use qcity_core::trainer;

/// The window: open or not, and the rules being edited.
#[derive(Default)]
pub struct RulesWindow {
    pub open: bool,
    draft: Option<RulesDraft>,
    /// The rules the draft started from.
    base: Option<Assessment>,
}

/// What the person did in the window this frame.
#[derive(Default)]
pub struct RulesAsked {
    /// New rules to apply from next month.
    pub apply: Option<AssessmentPatch>,
    /// Save the changes as a scenario.
    pub save: bool,
    /// The pointer is over the window (map clicks are ignored).
    pub over: bool,
}

/// What the window shows beside the rules.
pub struct RulesContext<'a> {
    pub rules: &'a RaceRules,
    pub session: &'a Session,
    pub tick: u32,
    /// Apply is possible: the run is neither over nor running.
    pub can_apply: bool,
    pub lang: Lang,
    /// Where the window opens (right of the race panel).
    pub x: f32,
}

impl RulesWindow {
    /// Opens or closes the window, forgetting the draft.
    pub fn toggle(&mut self) {
        self.open = !self.open;
        self.draft = None;
    }

    /// Draws the window when open.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        c: &RulesContext,
        save_path: &mut String,
    ) -> RulesAsked {
        let mut asked = RulesAsked::default();
        if !self.open {
            return asked;
        }
        // The draft follows the rules whenever they change (a stop passed a scenario event,
        // a change was applied or undone), so it never sends stale values back.
        let effective = effective_rules(c.rules, c.session, c.tick);
        if self.base.as_ref() != Some(&effective) {
            self.draft = None;
            self.base = Some(effective.clone());
        }
        let mut draft = self
            .draft
            .clone()
            .unwrap_or_else(|| RulesDraft::of(&effective));
        let mut open = true;
        let t = |en: &'static str, zh: &'static str| c.lang.pick(en, zh);
        let resp = egui::Window::new(t("What-if: race rules", "假如：赛马规则"))
            .open(&mut open)
            .default_pos(egui::pos2(c.x + 20.0, 20.0))
            .resizable(false)
            .show(ctx, |ui| {
                draft_controls(ui, &mut draft, &c.session.scenario, c.lang);
                ui.separator();
                apply_and_save(ui, &mut draft, &effective, c, save_path, &mut asked);
            });
        if let Some(r) = resp {
            asked.over = ctx
                .pointer_hover_pos()
                .is_some_and(|p| r.response.rect.contains(p));
        }
        self.draft = Some(draft);
        if !open {
            self.open = false;
            self.draft = None;
        }
        asked
    }
}

/// The sliders and choices of the rules.
fn draft_controls(ui: &mut egui::Ui, draft: &mut RulesDraft, scenario: &Scenario, lang: Lang) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let rule = |field: &str| trainer::rule_label(field, lang);
    ui.checkbox(&mut draft.enabled, rule("enabled"));
    ui.add(egui::Slider::new(&mut draft.green_prize, 0.0..=10.0).text(rule("green_prize")));
    ui.add(egui::Slider::new(&mut draft.red_penalty, 0.0..=10.0).text(rule("red_penalty")));
    ui.add(
        egui::Slider::new(&mut draft.audit_probability, 0.0..=1.0).text(rule("audit_probability")),
    );
    ui.add(egui::Slider::new(&mut draft.noise_sd, 0.0..=3.0).text(rule("noise_sd")));
    ui.horizontal(|ui| {
        ui.label(rule("peer_groups"));
        ui.radio_value(&mut draft.zones, false, t("whole city", "全市"));
        ui.radio_value(&mut draft.zones, true, t("within zones", "片区内"));
    });
    ui.label(rule("weights"));
    for w in &mut draft.weights {
        ui.add(
            egui::Slider::new(&mut w.weight, 0.0..=1.0)
                .text(lang.indicator(&w.indicator, &scenario.targets)),
        );
    }
    ui.horizontal(|ui| {
        if ui.button(t("Pass rates only", "只看合格率")).clicked() {
            draft.weights = [
                "food_pass_rate",
                "mfg_pass_rate",
                "ag_pass_rate",
                "consumer_pass_rate",
            ]
            .iter()
            .zip([0.3, 0.3, 0.2, 0.2])
            .map(|(i, w)| Weight {
                indicator: i.to_string(),
                weight: w,
            })
            .collect();
        }
        if ui.button(t("Lesson's weights", "课程原权重")).clicked() {
            draft.weights = scenario.assessment.weights.clone();
        }
    });
}

/// Apply, reset, save, and the changes made so far.
fn apply_and_save(
    ui: &mut egui::Ui,
    draft: &mut RulesDraft,
    effective: &Assessment,
    c: &RulesContext,
    save_path: &mut String,
    asked: &mut RulesAsked,
) {
    let t = |en: &'static str, zh: &'static str| c.lang.pick(en, zh);
    let patch = draft.patch(effective);
    let valid = draft.weights.iter().any(|w| w.weight > 0.0);
    let enabled = patch != AssessmentPatch::default() && valid && c.can_apply;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                enabled,
                egui::Button::new(t("Apply from next month", "自下月起生效")),
            )
            .clicked()
        {
            asked.apply = Some(patch.clone());
        }
        if ui.button(t("Reset", "复原")).clicked() {
            *draft = RulesDraft::of(effective);
        }
    });
    if !valid {
        ui.label(t(
            "at least one weight must be positive",
            "至少一个权重须大于0",
        ));
    }
    ui.label(
        egui::RichText::new(t(
            "Leaders re-choose at once; the next assessment scores by the new rules. Each change is recorded; save them as a scenario that `qcity run` replays:",
            "各区县立即按新规则调整；下次考核按新规则评分。每次改动都会记录，可保存为情景文件，用 qcity run 重放：",
        ))
        .small()
        .weak(),
    );
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(save_path).desired_width(220.0));
        if ui.button(t("Save", "保存")).clicked() {
            asked.save = true;
        }
    });
    for iv in c.session.interventions.iter().rev().take(3) {
        ui.label(
            egui::RichText::new(format!(
                "{} {}",
                iv.at,
                trainer::describe(&iv.action, c.lang)
            ))
            .small(),
        );
    }
}

/// The race rules in force from next month: those in force now with the changes made in the
/// window and not yet applied laid over them. The what-if window edits these.
fn effective_rules(rules: &RaceRules, session: &Session, tick: u32) -> Assessment {
    use qcity_core::patch::Patchable;
    let mut a = rules.assessment.clone();
    for iv in session.interventions.iter().filter(|i| i.tick >= tick) {
        if let Action::SetRace { rules } = &iv.action {
            a.apply(rules);
        }
    }
    a
}

/// The race rules being edited in the what-if window.
#[derive(Debug, Clone, PartialEq)]
struct RulesDraft {
    enabled: bool,
    green_prize: f64,
    red_penalty: f64,
    audit_probability: f64,
    noise_sd: f64,
    zones: bool,
    weights: Vec<Weight>,
}

impl RulesDraft {
    fn of(a: &Assessment) -> Self {
        Self {
            enabled: a.enabled,
            green_prize: a.green_prize,
            red_penalty: a.red_penalty,
            audit_probability: a.audit_probability,
            noise_sd: a.noise_sd,
            zones: matches!(a.peer_groups, PeerGroups::Zones),
            weights: a.weights.clone(),
        }
    }

    /// What differs from the rules `a` (those in force from next month), as a `SetRace` patch.
    fn patch(&self, a: &Assessment) -> AssessmentPatch {
        let was = Self::of(a);
        let differs = |x: f64, y: f64| (x - y).abs() > 1e-9;
        AssessmentPatch {
            enabled: (self.enabled != a.enabled).then_some(self.enabled),
            green_prize: differs(self.green_prize, a.green_prize).then_some(self.green_prize),
            red_penalty: differs(self.red_penalty, a.red_penalty).then_some(self.red_penalty),
            audit_probability: differs(self.audit_probability, a.audit_probability)
                .then_some(self.audit_probability),
            noise_sd: differs(self.noise_sd, a.noise_sd).then_some(self.noise_sd),
            peer_groups: (self.zones != was.zones).then_some(if self.zones {
                PeerGroups::Zones
            } else {
                PeerGroups::City
            }),
            weights: (self.weights != a.weights).then(|| self.weights.clone()),
            ..Default::default()
        }
    }
}
