//! The map: one mesh per district from the shipped boundaries, coloured by the chosen
//! indicator; a pan-and-zoom camera; hover and click through Bevy's mesh picking.

use crate::palette::{self, band_fill};
use crate::state::{CompareWorld, Showing};
use crate::state::{
    DistrictShape, MapCamera, MapView, Playback, Pointed, PointerOverEguiWindow, SessionRes,
    SimWorld, recorded, shown_month,
};
use bevy::asset::RenderAssetUsages;
use bevy::camera_controller::pan_camera::PanCamera;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use qcity_core::vocab::INDICATORS;
use qcity_report::plots::Palette;

/// Pixels per degree of latitude at zoom 1.
pub const SCALE: f64 = 220.0;
/// The map's centre (lon, lat).
const CENTRE: (f64, f64) = (107.75, 30.2);
/// A degree of longitude is cos(30°) of a degree of latitude here.
const COS_LAT: f64 = 0.866;

/// (lon, lat) → map coordinates.
pub fn project(lon: f64, lat: f64) -> Vec2 {
    Vec2::new(
        ((lon - CENTRE.0) * COS_LAT * SCALE) as f32,
        ((lat - CENTRE.1) * SCALE) as f32,
    )
}

pub struct MapPlugin;

impl Plugin for MapPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Pointed>()
            .init_resource::<MapView>()
            .add_systems(Startup, (spawn_camera, spawn_districts))
            .add_systems(Update, (recolour, outlines, fit_map))
            .add_systems(
                bevy_egui::EguiPrimaryContextPass,
                district_names.in_set(crate::chrome::UiSet::Viewport),
            )
            .add_observer(on_over)
            .add_observer(on_out)
            .add_observer(on_press)
            .add_observer(on_drag)
            .add_observer(on_click);
    }
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn((
        MapCamera,
        Camera2d,
        Projection::Orthographic(OrthographicProjection {
            scale: 1.0,
            ..OrthographicProjection::default_2d()
        }),
        PanCamera {
            min_zoom: 0.2,
            max_zoom: 4.0,
            key_rotate_ccw: None,
            key_rotate_cw: None,
            ..default()
        },
    ));
}

/// Triangulates each ring (earcut) into one mesh per district.
fn spawn_districts(
    mut commands: Commands,
    session: Res<SessionRes>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let rings = qcity_report::plots::district_rings(&session.0.scenario.districts);
    for (d, polys) in rings.into_iter().enumerate() {
        let mut positions: Vec<[f32; 3]> = Vec::new();
        let mut indices: Vec<u32> = Vec::new();
        let mut outline = Vec::new();
        for ring in polys {
            let pts: Vec<Vec2> = ring.iter().map(|&(x, y)| project(x, y)).collect();
            let flat: Vec<f64> = pts.iter().flat_map(|p| [p.x as f64, p.y as f64]).collect();
            let base = positions.len() as u32;
            if let Ok(tris) = earcutr::earcut(&flat, &[], 2) {
                indices.extend(tris.iter().map(|&i| base + i as u32));
            }
            positions.extend(pts.iter().map(|p| [p.x, p.y, 0.0]));
            outline.push(pts);
        }
        let mesh = Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::default(),
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_indices(Indices::U32(indices));
        commands.spawn((
            DistrictShape {
                index: d,
                bounds: outline
                    .iter()
                    .flatten()
                    .fold(Rect::EMPTY, |r, p| r.union_point(*p)),
                rings: outline,
            },
            Mesh2d(meshes.add(mesh)),
            MeshMaterial2d(materials.add(ColorMaterial::from_color(Color::srgb(0.8, 0.8, 0.8)))),
            Transform::default(),
        ));
    }
}

/// The indicator's value per district in recorded month `month` (NaN where there is none).
pub fn district_values(
    sim: &SimWorld,
    k: usize,
    districts: usize,
    month: Option<usize>,
) -> Vec<f64> {
    match month.and_then(|m| recorded(sim).get(m)) {
        Some(m) if m.len() > districts => (0..districts).map(|d| m[1 + d][k]).collect(),
        _ => vec![f64::NAN; districts],
    }
}

/// Each district's band at the latest assessment up to month `month` (None before the first).
fn bands_at(
    sim: &SimWorld,
    n: usize,
    month: Option<usize>,
) -> Vec<Option<qcity_core::model::assessment::Band>> {
    let mut out = vec![None; n];
    let Some(m) = month else { return out };
    let st: Vec<_> = sim
        .0
        .standings()
        .iter()
        .filter(|s| s.tick as usize <= m)
        .collect();
    if let Some(last) = st.last().map(|s| s.tick) {
        for s in st.iter().rev().take_while(|s| s.tick == last) {
            if let Some(o) = out.get_mut(s.district) {
                *o = Some(s.band);
            }
        }
    }
    out
}

/// What the map shows of the chosen indicator at the shown month, per district, and its
/// fixed scale: A's values, or while comparing B's or B − A (on the difference scale).
pub fn shown_values(
    a: &SimWorld,
    b: Option<&SimWorld>,
    targets: &[qcity_core::data::Target],
    view: &MapView,
    n: usize,
) -> (Vec<f64>, Palette) {
    let month = shown_month(a, view);
    let k = view.shown();
    let values = district_values(a, k, n, month);
    match (view.showing, b) {
        (Showing::B, Some(b)) => (district_values(b, k, n, month), palette::scale(k, targets)),
        (Showing::Difference, Some(b)) => (
            district_values(b, k, n, month)
                .iter()
                .zip(&values)
                .map(|(y, x)| y - x)
                .collect(),
            qcity_report::plots::diff_scale(INDICATORS[k].id),
        ),
        _ => (values, palette::scale(k, targets)),
    }
}

/// Each district's fill: its band (trainer mode) or what [`shown_values`] gives under its
/// fixed scale, so that a value has one colour whatever the month, the scenario or the other
/// districts' values.
pub fn fills(
    a: &SimWorld,
    b: Option<&SimWorld>,
    targets: &[qcity_core::data::Target],
    view: &MapView,
    n: usize,
) -> Vec<Color> {
    if view.by_band {
        return bands_at(a, n, shown_month(a, view))
            .into_iter()
            .map(band_fill)
            .collect();
    }
    let (values, scale) = shown_values(a, b, targets, view, n);
    values
        .into_iter()
        .map(|v| palette::fill(scale, v))
        .collect()
}

fn recolour(
    sim: NonSend<SimWorld>,
    cmp: NonSend<CompareWorld>,
    session: Res<SessionRes>,
    pb: Res<Playback>,
    mut view: ResMut<MapView>,
    shapes: Query<(&DistrictShape, &MeshMaterial2d<ColorMaterial>)>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    if view.drawn == pb.generation {
        return;
    }
    view.drawn = pb.generation;
    let n = shapes.iter().count();
    let b = cmp.0.as_ref().map(|c| &c.sim);
    let fills = fills(&sim, b, &session.0.scenario.targets, &view, n);
    for (shape, mat) in &shapes {
        let c = fills[shape.index];
        if let Some(mut m) = materials.get_mut(&mat.0)
            && m.color != c
        {
            m.color = c;
        }
    }
}

/// District names on the map, each where it fits inside its district on screen: the large
/// districts at the whole city's view, more as the map is zoomed in. Drawn by egui (so in the
/// bundled fonts of both languages and at the presentation scale), behind every panel.
fn district_names(
    mut contexts: bevy_egui::EguiContexts,
    cam: Single<(&Camera, &GlobalTransform), With<MapCamera>>,
    shapes: Query<&DistrictShape>,
    session: Res<SessionRes>,
    lang: Res<crate::state::UiLang>,
    zoom: Res<crate::state::UiZoom>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let (camera, at) = cam.into_inner();
    let Some(view) = camera.logical_viewport_rect() else {
        return Ok(());
    };
    let to_points = |p: Vec2| bevy_egui::egui::pos2(p.x / zoom.now, p.y / zoom.now);
    let painter = ctx
        .layer_painter(bevy_egui::egui::LayerId::background())
        .with_clip_rect(bevy_egui::egui::Rect::from_min_max(
            to_points(view.min),
            to_points(view.max),
        ));
    let font = bevy_egui::egui::FontId::proportional(12.0);
    // Larger districts first; a name that would overlap one already placed is left out.
    let mut order: Vec<&DistrictShape> = shapes.iter().collect();
    let districts = &session.0.scenario.districts;
    order.sort_by(|a, b| {
        districts[b.index]
            .area_km2
            .total_cmp(&districts[a.index].area_km2)
    });
    let mut placed: Vec<bevy_egui::egui::Rect> = Vec::new();
    for s in order {
        let d = &session.0.scenario.districts[s.index];
        // The district's box on screen: the map camera is orthographic and never rotated, so
        // it is the box of the projected corners.
        let (Ok(a), Ok(b)) = (
            camera.world_to_viewport(at, s.bounds.min.extend(0.0)),
            camera.world_to_viewport(at, s.bounds.max.extend(0.0)),
        ) else {
            continue;
        };
        let (lo, hi) = (a.min(b), a.max(b));
        let centre = project(d.centroid_lon, d.centroid_lat);
        let Ok(c) = camera.world_to_viewport(at, centre.extend(0.0)) else {
            continue;
        };
        if !view.contains(c) {
            continue;
        }
        let name = lang.0.district(d);
        let galley = painter.layout_no_wrap(name, font.clone(), bevy_egui::egui::Color32::BLACK);
        // The name fits: well inside the district's box on screen, in points.
        let size = (hi - lo) / zoom.now;
        let (w, h) = (galley.size().x, galley.size().y);
        if w > size.x * 0.7 || h > size.y * 0.45 {
            continue;
        }
        let pos = to_points(c) - bevy_egui::egui::vec2(w / 2.0, h / 2.0);
        let rect = bevy_egui::egui::Rect::from_min_size(pos, galley.size()).expand(2.0);
        if placed.iter().any(|r| r.intersects(rect)) {
            continue;
        }
        placed.push(rect);
        // A pale halo, so that the name reads on dark and light fills.
        let halo = bevy_egui::egui::Color32::from_rgba_unmultiplied(255, 255, 255, 170);
        for (dx, dy) in [(-1.0, 0.0), (1.0, 0.0), (0.0, -1.0), (0.0, 1.0)] {
            painter.galley_with_override_text_color(
                pos + bevy_egui::egui::vec2(dx, dy),
                galley.clone(),
                halo,
            );
        }
        painter.galley(pos, galley, bevy_egui::egui::Color32::from_gray(25));
    }
    Ok(())
}

fn outlines(mut gizmos: Gizmos, shapes: Query<&DistrictShape>, pointed: Res<Pointed>) {
    for s in &shapes {
        let (colour, top) = if pointed.selected == Some(s.index) {
            (Color::srgb(0.85, 0.1, 0.1), true)
        } else if pointed.hovered == Some(s.index) {
            (Color::srgb(1.0, 0.55, 0.0), true)
        } else {
            (Color::srgb(0.35, 0.35, 0.35), false)
        };
        if top {
            continue;
        }
        for r in &s.rings {
            gizmos.linestrip_2d(r.iter().copied().chain(r.first().copied()), colour);
        }
    }
    // Highlights last, so they sit on top of the neighbours' borders.
    for s in &shapes {
        let colour = if pointed.selected == Some(s.index) {
            Color::srgb(0.85, 0.1, 0.1)
        } else if pointed.hovered == Some(s.index) {
            Color::srgb(1.0, 0.55, 0.0)
        } else {
            continue;
        };
        for r in &s.rings {
            gizmos.linestrip_2d(r.iter().copied().chain(r.first().copied()), colour);
        }
    }
}

fn on_over(ev: On<Pointer<Over>>, shapes: Query<&DistrictShape>, mut p: ResMut<Pointed>) {
    if let Ok(s) = shapes.get(ev.entity) {
        p.hovered = Some(s.index);
    }
}

fn on_out(ev: On<Pointer<Out>>, shapes: Query<&DistrictShape>, mut p: ResMut<Pointed>) {
    if let Ok(s) = shapes.get(ev.entity)
        && p.hovered == Some(s.index)
    {
        p.hovered = None;
    }
}

/// A pointer that moves further than this between press and release was panning the map.
const CLICK_SLOP_PX: f32 = 4.0;

fn on_press(_ev: On<Pointer<Press>>, mut p: ResMut<Pointed>) {
    p.dragged = 0.0;
}

fn on_drag(ev: On<Pointer<Drag>>, mut p: ResMut<Pointed>) {
    p.dragged = p.dragged.max(ev.distance.length());
}

/// Selects the district clicked; a press that panned the map selects nothing.
fn on_click(
    ev: On<Pointer<Click>>,
    shapes: Query<&DistrictShape>,
    mut p: ResMut<Pointed>,
    over: Res<PointerOverEguiWindow>,
) {
    if ev.button != PointerButton::Primary || over.0 || p.dragged > CLICK_SLOP_PX {
        return;
    }
    if let Ok(s) = shapes.get(ev.entity) {
        p.selected = Some(s.index);
    }
}

/// Fits the whole city into the map's viewport beside the panel (the planner's, or the
/// trainer's wide race panel), again whenever the viewport changes size.
pub fn fit_map(
    shapes: Query<&DistrictShape>,
    cam: Single<
        (
            &Camera,
            &mut Transform,
            &mut bevy::camera_controller::pan_camera::PanCamera,
        ),
        With<MapCamera>,
    >,
    mut fitted: Local<Option<UVec2>>,
) {
    let (camera, mut tf, mut pan) = cam.into_inner();
    let Some(vp) = camera.physical_viewport_size() else {
        return;
    };
    if *fitted == Some(vp) || vp.x < 2 {
        return;
    }
    let all = shapes.iter().fold(Rect::EMPTY, |r, s| r.union(s.bounds));
    let (lo, hi) = (all.min, all.max);
    if hi.x <= lo.x {
        return;
    }
    let size = hi - lo;
    let zoom = (size.x / vp.x as f32).max(size.y / vp.y as f32) * 1.06;
    pan.zoom_factor = zoom.clamp(pan.min_zoom, pan.max_zoom);
    tf.scale = Vec3::splat(pan.zoom_factor);
    let c = (lo + hi) / 2.0;
    tf.translation.x = c.x;
    tf.translation.y = c.y;
    *fitted = Some(vp);
}

#[cfg(test)]
mod tests {
    use super::*;
    use qcity_core::session::Session;
    use qcity_core::vocab::index_of;

    fn session(name: &str) -> Session {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios")
            .join(name);
        Session::load(&path).expect("the shipped scenario loads")
    }

    /// The map's fill of every district at recorded month `m`, colouring MQCI.
    fn mqci_fills(sim: &SimWorld, s: &Session, m: usize) -> Vec<Color> {
        let view = MapView {
            month: Some(m),
            ..MapView::default()
        };
        fills(
            sim,
            None,
            &s.scenario.targets,
            &view,
            s.scenario.districts.len(),
        )
    }

    #[test]
    fn a_value_has_one_colour_on_the_map_in_every_month_and_scenario() {
        // The map used to stretch its colours over each month's own spread (79.6–94.2 at
        // 2024-12, 83.6–98.3 at 2035-12), so the same MQCI was dark one month and pale the
        // next, and the plan looked like business as usual. Two districts whose values are
        // equal at different months, or in different scenarios, must share a colour; and the
        // plan's 2027 target (MQCI 92) is white, below it red, above it blue.
        let (plan, bau) = (session("plan-2023.ron"), session("business-as-usual.ron"));
        let mut a = SimWorld(plan.build());
        let mut b = SimWorld(bau.build());
        a.0.run_to_end();
        b.0.run_to_end();
        let k = index_of("mqci").unwrap();
        let n = plan.scenario.districts.len();
        // Every (scenario, month, district) fill against its value.
        let mut seen: Vec<(f64, Color)> = Vec::new();
        for (sim, s) in [(&a, &plan), (&b, &bau)] {
            for m in [23, 59, 155] {
                let values = district_values(sim, k, n, Some(m));
                let fills = mqci_fills(sim, s, m);
                seen.extend(values.into_iter().zip(fills));
            }
        }
        assert_eq!(seen.len(), 6 * n);
        // The spreads really differ (else the test could not catch a rescaling): the lowest
        // value of 2035 under the plan lies above the highest of 2024 under business as usual.
        let spread = |sim: &SimWorld, m| {
            let v = district_values(sim, k, n, Some(m));
            let lo = v.iter().copied().fold(f64::MAX, f64::min);
            let hi = v.iter().copied().fold(f64::MIN, f64::max);
            (lo, hi)
        };
        let (early, late) = (spread(&b, 23), spread(&a, 155));
        assert!(late.0 > early.0 && late.1 > early.1, "{early:?} {late:?}");
        let to_u8 = |c: Color| {
            let c = c.to_srgba();
            [c.red, c.green, c.blue].map(|x| (x * 255.0).round() as i32)
        };
        // Same value, same colour; and the colour moves one way with the value: redder below
        // the target, bluer above.
        seen.sort_by(|x, y| x.0.total_cmp(&y.0));
        for w in seen.windows(2) {
            let (c0, c1) = (to_u8(w[0].1), to_u8(w[1].1));
            if w[0].0 == w[1].0 {
                assert_eq!(c0, c1, "{} coloured two ways", w[0].0);
            }
            // Blue minus red never falls as the value rises (beyond the byte rounding of two
            // neighbouring colours).
            assert!(
                c1[2] - c1[0] >= c0[2] - c0[0] - 2,
                "{:?} then {:?}",
                w[0],
                w[1]
            );
        }
        // The target is white; a district well below is red, well above blue.
        let p = palette::scale(k, &plan.scenario.targets);
        assert_eq!(to_u8(palette::fill(p, 92.0)), [247, 247, 247]);
        let below = to_u8(palette::fill(p, 86.0));
        let above = to_u8(palette::fill(p, 97.0));
        assert!(
            below[0] > below[2] + 40 && above[2] > above[0] + 40,
            "{below:?} {above:?}"
        );
    }

    #[test]
    fn compared_with_itself_the_difference_map_is_white_and_the_plan_over_the_trend_is_blue() {
        // A scenario compared with itself runs the same months (deterministic), so B − A is
        // zero everywhere: the difference scale's white. The plan compared with business as
        // usual (B = plan, A = business as usual) raises MQCI by 2035 in every district, so
        // every district is on the blue side; shown as A or B, the fills are the two runs'
        // own, on the indicator's one scale.
        let (plan, bau) = (session("plan-2023.ron"), session("business-as-usual.ron"));
        let n = plan.scenario.districts.len();
        let mut a = SimWorld(bau.build());
        let mut same = SimWorld(bau.build());
        let mut b = SimWorld(plan.build());
        for s in [&mut a, &mut same, &mut b] {
            s.0.run_to_end();
        }
        let view = |showing| MapView {
            showing,
            ..MapView::default()
        };
        let rgb = |c: Color| {
            let c = c.to_srgba();
            [c.red, c.green, c.blue].map(|x| (x * 255.0).round() as i32)
        };
        let t = &bau.scenario.targets;
        let zero = fills(&a, Some(&same), t, &view(Showing::Difference), n);
        assert!(zero.iter().all(|c| rgb(*c) == [247, 247, 247]), "{zero:?}");
        let diff = fills(&a, Some(&b), t, &view(Showing::Difference), n);
        for (d, c) in diff.iter().enumerate() {
            let [r, _, bl] = rgb(*c);
            assert!(
                bl > r,
                "district {d}: the plan below business as usual? {c:?}"
            );
        }
        let k = index_of("mqci").unwrap();
        let as_b = fills(&a, Some(&b), t, &view(Showing::B), n);
        let own = fills(&b, None, t, &view(Showing::A), n);
        assert_eq!(as_b, own);
        let (values, scale) = shown_values(&a, Some(&b), t, &view(Showing::Difference), n);
        assert_eq!(scale, qcity_report::plots::diff_scale("mqci"));
        let last = recorded(&a).len() - 1;
        for (d, v) in values.iter().enumerate() {
            let want = recorded(&b)[last][1 + d][k] - recorded(&a)[last][1 + d][k];
            assert_eq!(*v, want);
        }
    }
}
