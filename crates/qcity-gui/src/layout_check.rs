//! No text cut at a panel's edge, at 1280×720 and 1920×1080, in both languages: the planner's
//! and the trainer's panels are run in a world without a window, with a real egui context of
//! the window's size in points, and every text shape egui lays out is checked against the
//! clip rectangle it is drawn in (the layout's own measurements, not pixels). Texts inside a
//! scrolled area may run off its bottom (that is what scrolling is for), so only the left and
//! right edges are checked.

use crate::sim::Session;
use crate::state::{
    CompareWorld, Forms, MapView, Playback, Pointed, PointerOverEguiWindow, SessionRes,
    ShotRequest, SimWorld, UiLang,
};
use bevy::ecs::system::RunSystemOnce;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContext, PrimaryEguiContext, egui};
use qcity_core::lang::Lang;

/// The window sizes checked.
const SIZES: [(f32, f32); 2] = [(1280.0, 720.0), (1920.0, 1080.0)];

/// The presentation scale a window of this size starts at (as `qcity map` sets it).
fn zoom((_, h): (f32, f32)) -> f32 {
    (h / 900.0).max(1.0)
}

fn scenario(path: &str) -> Session {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    Session::load(&p).expect("the shipped scenario loads")
}

/// A world with what both windows' panels read.
fn world(session: Session, lang: Lang, (w, h): (f32, f32)) -> World {
    let mut world = World::new();
    world.insert_non_send(crate::sim::build(&session));
    world.insert_non_send(CompareWorld::default());
    world.insert_resource(Forms {
        save_path: "plan-2023-session.ron".into(),
        // As the window fills it when opened with a path relative to the working directory.
        open_path: "scenarios/plan-2023.ron".into(),
        compare_path: "scenarios/business-as-usual.ron".into(),
        scope: None,
        draft: None,
        panel_width: 380.0,
        unsaved: 0,
        confirm: None,
    });
    world.insert_resource(SessionRes(session));
    world.insert_resource(Playback::default());
    world.insert_resource(MapView::default());
    world.insert_resource(Pointed::default());
    world.insert_resource(PointerOverEguiWindow::default());
    world.insert_resource(UiLang(lang));
    world.insert_resource(ShotRequest::default());
    world.insert_resource(Time::<()>::default());
    world.insert_resource(bevy_egui::EguiUserTextures::default());
    world.spawn((EguiContext::default(), PrimaryEguiContext));
    world.spawn((
        Window {
            resolution: bevy::window::WindowResolution::new(w as u32, h as u32)
                .with_scale_factor_override(1.0),
            ..default()
        },
        PrimaryWindow,
    ));
    world
}

/// One text egui laid out: what it says, where, and the clip rectangle it is drawn in.
struct Laid {
    text: String,
    rect: egui::Rect,
    clip: egui::Rect,
}

/// Runs `system` as egui passes of a `w`×`h` window at `zoom` (three, so that sizes settle)
/// and returns every text of the last pass.
fn laid_texts<M>(
    world: &mut World,
    system: impl IntoSystem<(), Result, M> + Copy,
    (w, h): (f32, f32),
    zoom: f32,
) -> Vec<Laid> {
    let mut texts = Vec::new();
    for pass in 0..3 {
        let ctx = {
            let mut q = world.query::<&mut EguiContext>();
            q.single_mut(world).unwrap().get_mut().clone()
        };
        ctx.set_zoom_factor(zoom);
        ctx.begin_pass(egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(w / zoom, h / zoom),
            )),
            ..Default::default()
        });
        world.run_system_once(system).unwrap().unwrap();
        let out = ctx.end_pass();
        if pass < 2 {
            continue;
        }
        for clipped in out.shapes {
            let mut stack = vec![clipped.shape];
            while let Some(shape) = stack.pop() {
                match shape {
                    egui::Shape::Vec(v) => stack.extend(v),
                    egui::Shape::Text(t) => texts.push(Laid {
                        text: t.galley.text().to_string(),
                        rect: t.visual_bounding_rect(),
                        clip: clipped.clip_rect,
                    }),
                    _ => {}
                }
            }
        }
    }
    texts
}

/// The texts that stick out of their clip rectangle sideways.
fn cut_texts<M>(
    world: &mut World,
    system: impl IntoSystem<(), Result, M> + Copy,
    size: (f32, f32),
    zoom: f32,
) -> Vec<String> {
    laid_texts(world, system, size, zoom)
        .into_iter()
        .filter(|t| {
            t.rect.width() > 0.0
                && (t.rect.left() < t.clip.left() - 1.0 || t.rect.right() > t.clip.right() + 1.0)
        })
        .map(|t| {
            format!(
                "{:?} at x {:.0}–{:.0}, clip {:.0}–{:.0}",
                t.text,
                t.rect.left(),
                t.rect.right(),
                t.clip.left(),
                t.clip.right()
            )
        })
        .collect()
}

#[test]
fn no_text_of_the_planners_panels_is_cut_at_an_edge() {
    let mut all = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        for size in SIZES {
            let mut w = world(scenario("scenarios/plan-2023.ron"), lang, size);
            // A month simulated, a district open: every section and the detail drawn.
            w.non_send_mut::<SimWorld>().0.run_to(13);
            w.resource_mut::<Pointed>().selected = Some(1);
            for t in cut_texts(&mut w, crate::planner::panel::panels, size, zoom(size)) {
                all.push(format!("{lang:?} {size:?}: {t}"));
            }
        }
    }
    assert!(all.is_empty(), "texts cut:\n{}", all.join("\n"));
}

#[test]
fn no_text_of_the_trainers_panel_is_cut_at_an_edge() {
    let mut all = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        for (size, lesson) in SIZES
            .into_iter()
            .zip(["d-pass-rates-no-audit", "f-within-zone-peers"])
        {
            for show_true in [false, true] {
                let mut w = world(
                    scenario(&format!("scenarios/lessons/{lesson}.ron")),
                    lang,
                    size,
                );
                w.non_send_mut::<SimWorld>().0.run_to(18);
                let mut tr = crate::trainer::Trainer::default();
                tr.show_true = show_true;
                w.insert_resource(tr);
                for t in cut_texts(&mut w, crate::trainer::view::view, size, zoom(size)) {
                    all.push(format!("{lang:?} {size:?} {lesson} T={show_true}: {t}"));
                }
            }
        }
    }
    assert!(all.is_empty(), "texts cut:\n{}", all.join("\n"));
}

/// A word of Latin letters in a Chinese label: an identifier or English that was not
/// translated. Names that stay Latin in Chinese (GDP, the race's bands A–D, B − A) are short
/// or listed; file names and the scenario's own name are the person's, not labels.
fn untranslated(text: &str, scenarios: &[&str]) -> Vec<String> {
    const KEPT: [&str; 5] = ["GDP", "MQCI", "Home", "qcity", "CSV"];
    if text.contains(".ron") || text.contains('/') || scenarios.iter().any(|s| text.contains(s)) {
        return Vec::new();
    }
    text.split(|c: char| !c.is_ascii_alphabetic() && c != '_')
        .filter(|w| w.len() >= 3 && !KEPT.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_label_the_panels_show_is_a_translated_name() {
    // In Chinese, no English word or identifier (food_pass_rate, mqci) appears in the
    // planner's or the trainer's panels; in English, no identifier with an underscore. The
    // planner is drawn with a district open and the city compared with business as usual, the
    // trainer in both of its views, so every section is laid out.
    let mut found = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        let mut planner = world(scenario("scenarios/plan-2023.ron"), lang, SIZES[1]);
        planner.non_send_mut::<SimWorld>().0.run_to(13);
        planner.resource_mut::<Pointed>().selected = Some(1);
        let bau = scenario("scenarios/business-as-usual.ron");
        let mut b = crate::sim::build(&bau);
        b.0.run_to(13);
        planner.non_send_mut::<CompareWorld>().0 = Some(crate::state::Compared {
            session: bau,
            sim: b,
        });
        let mut texts: Vec<String> = laid_texts(
            &mut planner,
            crate::planner::panel::panels,
            SIZES[1],
            zoom(SIZES[1]),
        )
        .into_iter()
        .map(|t| t.text)
        .collect();
        for show_true in [false, true] {
            let mut w = world(
                scenario("scenarios/lessons/d-pass-rates-no-audit.ron"),
                lang,
                SIZES[1],
            );
            w.non_send_mut::<SimWorld>().0.run_to(18);
            let tr = crate::trainer::Trainer {
                show_true,
                ..Default::default()
            };
            w.insert_resource(tr);
            texts.extend(
                laid_texts(&mut w, crate::trainer::view::view, SIZES[1], zoom(SIZES[1]))
                    .into_iter()
                    .map(|t| t.text),
            );
        }
        assert!(texts.len() > 150, "only {} texts laid out", texts.len());
        for t in &texts {
            let bad = match lang {
                Lang::Zh => untranslated(
                    t,
                    &["plan-2023", "business-as-usual", "d-pass-rates-no-audit"],
                ),
                Lang::En => t
                    .split_whitespace()
                    .filter(|w| w.contains('_') && !w.contains(".ron"))
                    .map(str::to_string)
                    .collect(),
            };
            if !bad.is_empty() {
                found.push(format!("{lang:?}: {t:?} ({})", bad.join(", ")));
            }
        }
    }
    found.dedup();
    assert!(found.is_empty(), "untranslated:\n{}", found.join("\n"));
}
