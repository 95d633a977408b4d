//! The map: one mesh per district from the shipped boundaries, coloured by the chosen
//! indicator; a pan-and-zoom camera; hover and click through Bevy's mesh picking.

use crate::palette::{band_fill, ramp};
use crate::state::{
    DistrictShape, MapCamera, MapView, Playback, Pointed, PointerOverEguiWindow, SessionRes,
    SimWorld, recorded,
};
use bevy::asset::RenderAssetUsages;
use bevy::camera_controller::pan_camera::PanCamera;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;

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
            .add_systems(Update, (recolour, outlines))
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
                rings: outline,
            },
            Mesh2d(meshes.add(mesh)),
            MeshMaterial2d(materials.add(ColorMaterial::from_color(Color::srgb(0.8, 0.8, 0.8)))),
            Transform::default(),
        ));
    }
}

/// The indicator's value per district in the last recorded month.
pub fn district_values(sim: &SimWorld, k: usize, districts: usize) -> Vec<f64> {
    let rec = recorded(sim);
    match rec.last() {
        Some(m) if m.len() > districts => (0..districts).map(|d| m[1 + d][k]).collect(),
        _ => vec![f64::NAN; districts],
    }
}

/// Each district's band at the latest assessment (None before the first).
fn latest_bands(sim: &SimWorld, n: usize) -> Vec<Option<qcity_core::model::assessment::Band>> {
    let st = sim.0.standings();
    let mut out = vec![None; n];
    if let Some(last) = st.last().map(|s| s.tick) {
        for s in st.iter().rev().take_while(|s| s.tick == last) {
            if let Some(o) = out.get_mut(s.district) {
                *o = Some(s.band);
            }
        }
    }
    out
}

fn recolour(
    sim: NonSend<SimWorld>,
    pb: Res<Playback>,
    mut view: ResMut<MapView>,
    shapes: Query<(&DistrictShape, &MeshMaterial2d<ColorMaterial>)>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    if view.drawn == pb.generation {
        return;
    }
    view.drawn = pb.generation;
    let k = view.shown();
    let n = shapes.iter().count();
    let values = district_values(&sim, k, n);
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let (lo, hi) = finite
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let (lo, hi) = if finite.is_empty() {
        (0.0, 1.0)
    } else if hi > lo {
        (lo, hi)
    } else {
        (lo - 0.5, hi + 0.5)
    };
    view.range = (lo, hi);
    let bands = view.by_band.then(|| latest_bands(&sim, n));
    for (shape, mat) in &shapes {
        let v = values[shape.index];
        let c = if let Some(b) = &bands {
            band_fill(b[shape.index])
        } else if v.is_finite() {
            ramp((v - lo) / (hi - lo))
        } else {
            Color::srgb(0.78, 0.78, 0.78)
        };
        if let Some(mut m) = materials.get_mut(&mat.0)
            && m.color != c
        {
            m.color = c;
        }
    }
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
