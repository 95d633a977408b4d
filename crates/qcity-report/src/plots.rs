//! Plots of a run, PNG and SVG under `DIR/plots/`: each target indicator's city trajectory
//! with its 2027 and 2035 target lines (a fan chart of the median, 50 % and 90 % bands when
//! there are replicates, with the probability of meeting the target), and choropleth maps of
//! the districts for the main indicators at 2027 and 2035.
//!
//! Labels are in English or Chinese (`--lang`), drawn with the bundled fonts (no system fonts
//! needed); see `crate::lang`.

use crate::chart::{Drawings, both, err};
use crate::fonts::register_fonts;
use plotters::prelude::*;
use qcity_core::data::observations::{Bound, Observation, Observations, Scope as ObsScope};
use qcity_core::error::Error;
use qcity_core::lang::Lang;
use qcity_core::output::{Summary, quantile};
use qcity_core::runner::ReplicateResult;
use qcity_core::scenario::Scenario;
use qcity_core::time::YearMonth;
use qcity_core::vocab::{INDICATORS, index_of};

const SIZE: (u32, u32) = (900, 560);
/// The small multiples' size: 7 × 6 panels.
const MULTIPLES: (u32, u32) = (1400, 1050);

/// Per month: (p05, p25, p50, p75, p95) over replicates of the city's indicator `k`.
/// The median of each month's bands where it is defined, as points at `x(month)`.
fn median_points<'a>(
    b: &'a [[f64; 5]],
    x: impl Fn(usize) -> f64 + 'a,
) -> impl Iterator<Item = (f64, f64)> + 'a {
    b.iter()
        .enumerate()
        .filter(|(_, q)| q[2].is_finite())
        .map(move |(t, q)| (x(t), q[2]))
}

fn bands(results: &[ReplicateResult], k: usize) -> Vec<[f64; 5]> {
    area_bands(results, 0, k)
}

/// Per month: (p05, p25, p50, p75, p95) over replicates of indicator `k` in `area` (0 is the
/// city, 1 + d district d).
fn area_bands(results: &[ReplicateResult], area: usize, k: usize) -> Vec<[f64; 5]> {
    let months = results[0].values.len();
    (0..months)
        .map(|t| {
            let mut v: Vec<f64> = results
                .iter()
                .filter_map(|r| r.values[t].get(area).map(|x| x[k]))
                .filter(|x| x.is_finite())
                .collect();
            v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
            [0.05, 0.25, 0.5, 0.75, 0.95].map(|q| quantile(&v, q))
        })
        .collect()
}

/// The outline of a band between a lower and an upper series, given as (x, low, high): the
/// low side forward, then the high side back (points without a value are skipped).
pub fn band_polygon<X: Copy>(points: impl Iterator<Item = (X, f64, f64)>) -> Vec<(X, f64)> {
    let pts: Vec<(X, f64, f64)> = points.collect();
    let mut poly: Vec<(X, f64)> = pts
        .iter()
        .filter(|p| p.1.is_finite())
        .map(|p| (p.0, p.1))
        .collect();
    poly.extend(
        pts.iter()
            .rev()
            .filter(|p| p.2.is_finite())
            .map(|p| (p.0, p.2)),
    );
    poly
}

/// One run's series on a trajectory chart: its replicates' city values of the indicator.
pub struct Series<'a> {
    pub label: String,
    pub colour: RGBColor,
    /// The run's first month.
    pub start: YearMonth,
    pub results: &'a [ReplicateResult],
}

/// A trajectory chart: one target's indicator over time, for one run or several, with the
/// plan's target lines.
pub struct Trajectory<'a> {
    pub title: String,
    pub target: &'a qcity_core::data::Target,
    /// Index of the indicator drawn.
    pub k: usize,
    pub series: Vec<Series<'a>>,
    /// The target's verdicts (the first run's): the lines and, for one run, the text.
    pub statuses: Vec<&'a qcity_core::output::TargetStatus>,
    /// The published history of the indicator (seeds/observations.ron), drawn as points.
    pub observed: Vec<&'a Observation>,
    /// The first series is the run reported: its 50 % band and each target year's verdict
    /// are drawn (the others are context, such as the counterfactual).
    pub annotate: bool,
    pub lang: Lang,
}

/// The published history drawn on a trajectory: from 2015 on, so the chart keeps its scale.
pub fn recent_history<'a>(observed: &'a Observations, id: &str) -> Vec<&'a Observation> {
    observed
        .history(id)
        .into_iter()
        .filter(|o| o.year >= 2015)
        .collect()
}

/// Where in its year a published figure sits on the time axis: mid-year for a year's
/// figure, the middle of the part of the year it covers otherwise.
fn observed_x(o: &Observation) -> f64 {
    let within = match o.period.as_str() {
        "Q1" => 0.125,
        "Jan–Jul" => 0.29,
        _ => 0.5,
    };
    o.year as f64 + within
}

/// A month as a fractional year (2027-12 is 2027.917).
fn year_of(start: YearMonth, t: usize) -> f64 {
    start.year as f64 + (start.month as f64 - 1.0 + t as f64) / 12.0
}

/// Draws a trajectory chart. One run: its median (or projection) with 50 % and 90 % bands
/// over replicates and each target year's verdict; several: each run's median and 90 % band
/// in its colour. The years are the ticks, so 2027 and 2035 are always marked.
pub fn trajectory_chart<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    c: &Trajectory,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let font = crate::fonts::family(c.lang);
    let lang = c.lang;
    root.fill(&WHITE).map_err(err)?;
    let bands: Vec<Vec<[f64; 5]>> = c.series.iter().map(|s| bands(s.results, c.k)).collect();
    let (lo, hi) = value_range(&bands, &c.statuses, &c.observed);
    let x0 = c
        .series
        .iter()
        .map(|s| year_of(s.start, 0))
        .chain(c.observed.iter().map(|o| o.year as f64))
        .fold(f64::MAX, f64::min);
    let x1 = c
        .series
        .iter()
        .zip(&bands)
        .map(|(s, b)| year_of(s.start, b.len().saturating_sub(1)))
        .fold(x0 + 1.0 / 12.0, f64::max);
    let mut chart = ChartBuilder::on(&root)
        .caption(&c.title, (font, 20))
        .margin(12)
        .margin_right(24)
        .x_label_area_size(32)
        .y_label_area_size(60)
        .build_cartesian_2d(x0..x1, lo..hi)
        .map_err(err)?;
    chart
        .configure_mesh()
        .light_line_style(RGBColor(235, 235, 235))
        // One tick a year (2027 and 2035 among them).
        .x_labels((x1 - x0).ceil() as usize + 2)
        .x_label_formatter(&|y| format!("{y:.0}"))
        .y_desc(lang.unit(&c.target.unit))
        .label_style((font, 12))
        .draw()
        .map_err(err)?;
    let one = c.series.len() == 1 || c.annotate;
    for (i, (s, b)) in c.series.iter().zip(&bands).enumerate() {
        let colour = s.colour;
        let x = |t: usize| year_of(s.start, t);
        if s.results.len() > 1 {
            // The run reported: 90 % and 50 % bands; the others: 90 % bands, light enough to
            // overlap.
            let fans: &[(usize, usize, f64)] = if one && i == 0 {
                &[(0, 4, 0.15), (1, 3, 0.3)]
            } else {
                &[(0, 4, 0.2)]
            };
            for &(outer, inner, alpha) in fans {
                let poly = band_polygon(
                    b.iter()
                        .enumerate()
                        .map(|(t, q)| (x(t), q[outer], q[inner])),
                );
                chart
                    .draw_series(std::iter::once(Polygon::new(
                        poly,
                        colour.mix(alpha).filled(),
                    )))
                    .map_err(err)?;
            }
        }
        chart
            .draw_series(LineSeries::new(median_points(b, x), colour.stroke_width(2)))
            .map_err(err)?
            .label(s.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2))
            });
    }
    let red = RGBColor(200, 40, 40);
    for t in &c.statuses {
        let end = t.year as f64 + 11.0 / 12.0;
        if end > x1 + 1e-9 || !t.target.is_finite() {
            continue;
        }
        // The target line up to its year, and a marker at the year.
        chart
            .draw_series(DashedLineSeries::new(
                vec![(x0, t.target), (end, t.target)],
                8,
                5,
                red.stroke_width(2),
            ))
            .map_err(err)?
            .label(lang.target_label(t.year, &t.rule))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], red.stroke_width(2)));
        chart
            .draw_series(std::iter::once(Circle::new(
                (end, t.target),
                5,
                red.filled(),
            )))
            .map_err(err)?;
        if one {
            // Above the line, at its left end, clear of the dashes.
            let above = t.target + (hi - lo) * 0.045;
            chart
                .draw_series(std::iter::once(Text::new(
                    verdict_text(t, c.series[0].results.len(), lang),
                    (x0 + 0.05, above),
                    (font, 13).into_font().color(&red),
                )))
                .map_err(err)?;
        }
    }
    draw_observed(&mut chart, &c.observed, lang)?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .label_font((font, 12))
        .draw()
        .map_err(err)?;
    root.present().map_err(err)
}

/// The published figures: Chongqing's filled, national ones hollow, those on another basis in
/// grey; a bound ("at least 98") as a triangle.
fn draw_observed<DB: DrawingBackend>(
    chart: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    observed: &[&Observation],
    lang: Lang,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    use qcity_core::data::observations::Role;
    // Chongqing's comparable figures, national ones, and figures on another basis (a quarter,
    // another definition, a single spot check).
    type Keep = dyn Fn(&Observation) -> bool;
    let kinds: [(&str, &str, ShapeStyle, &Keep); 3] = [
        (
            "published, Chongqing",
            "公布值（重庆）",
            RGBColor(20, 20, 20).filled(),
            &|o| o.scope != ObsScope::National && o.role != Role::Context,
        ),
        (
            "published, national",
            "公布值（全国）",
            RGBColor(20, 20, 20).stroke_width(2),
            &|o| o.scope == ObsScope::National && o.role != Role::Context,
        ),
        (
            "published, other basis",
            "公布值（口径不同）",
            RGBColor(150, 150, 150).stroke_width(2),
            &|o| o.role == Role::Context,
        ),
    ];
    for (en, zh, style, keep) in kinds {
        let of = |bound: bool| -> Vec<(f64, f64)> {
            observed
                .iter()
                .filter(|o| keep(o))
                .filter(|o| (o.bound != Bound::Exact) == bound)
                .map(|o| (observed_x(o), o.value))
                .collect()
        };
        let (exact, bounds) = (of(false), of(true));
        if exact.is_empty() && bounds.is_empty() {
            continue;
        }
        chart
            .draw_series(exact.into_iter().map(|p| Circle::new(p, 5, style)))
            .map_err(err)?
            .label(lang.pick(en, zh))
            .legend(move |(x, y)| Circle::new((x + 9, y), 5, style));
        chart
            .draw_series(bounds.into_iter().map(|p| TriangleMarker::new(p, 7, style)))
            .map_err(err)?;
    }
    Ok(())
}

/// The value axis: every band and target, padded.
fn value_range(
    bands: &[Vec<[f64; 5]>],
    statuses: &[&qcity_core::output::TargetStatus],
    observed: &[&Observation],
) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::MAX, f64::MIN);
    for o in observed {
        lo = lo.min(o.value);
        hi = hi.max(o.value);
    }
    for x in bands.iter().flatten().flatten().filter(|x| x.is_finite()) {
        lo = lo.min(*x);
        hi = hi.max(*x);
    }
    for t in statuses.iter().filter(|t| t.target.is_finite()) {
        lo = lo.min(t.target);
        hi = hi.max(t.target);
    }
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        (lo, hi) = (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.08).max(0.05);
    (lo - pad, hi + pad)
}

/// "2027: 91.96 → missed", or with replicates "2027: 91.96 → P(met) = 35 %".
fn verdict_text(t: &qcity_core::output::TargetStatus, replicates: usize, lang: Lang) -> String {
    let (Some(met), Some(p)) = (t.met, t.probability_met) else {
        return format!("{}: {}", t.year, lang.pick("no data", "无数据"));
    };
    if replicates > 1 {
        format!(
            "{}: {:.2} → {} = {:.0} %",
            t.year,
            t.projected,
            lang.pick("P(met)", "达标概率"),
            100.0 * p
        )
    } else {
        format!(
            "{}: {:.2} → {}",
            t.year,
            t.projected,
            if met {
                lang.pick("met", "达标")
            } else {
                lang.pick("missed", "未达标")
            }
        )
    }
}

/// One target's trajectory chart for a run.
#[allow(clippy::too_many_arguments)]
fn trajectory<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    s: &Scenario,
    results: &[ReplicateResult],
    counterfactual: Option<(&str, &[ReplicateResult])>,
    summary: &Summary,
    target: &qcity_core::data::Target,
    k: usize,
    observed: &Observations,
    lang: Lang,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let label = if results.len() > 1 {
        lang.pick("median of replicates", "重复运行中位数")
    } else {
        lang.pick("projection", "预测")
    };
    let chart = Trajectory {
        title: match lang {
            Lang::En => format!("{} ({})", target.indicator_en, target.id),
            Lang::Zh => format!("{}（{}）", target.indicator_zh, target.id),
        },
        target,
        k,
        series: std::iter::once(Series {
            label: label.to_string(),
            colour: RGBColor(31, 119, 180),
            start: s.horizon.start,
            results,
        })
        .chain(counterfactual.map(|(name, r)| Series {
            label: format!(
                "{}: {name}",
                lang.pick("trend (counterfactual)", "趋势（对照情景）")
            ),
            colour: RGBColor(130, 130, 130),
            start: s.horizon.start,
            results: r,
        }))
        .collect(),
        annotate: true,
        statuses: summary
            .targets
            .iter()
            .filter(|t| t.id == target.id)
            .collect(),
        observed: recent_history(observed, &target.id),
        lang,
    };
    trajectory_chart(root, &chart)
}

/// The districts' rings, as (lon, lat) lists, from the shipped simplified boundaries.
pub fn district_rings(districts: &[qcity_core::data::District]) -> Vec<Vec<Vec<(f64, f64)>>> {
    let geo: serde_json::Value =
        serde_json::from_str(include_str!("../../../assets/districts.geojson")).unwrap_or_default();
    let mut out = vec![Vec::new(); districts.len()];
    for f in geo["features"].as_array().into_iter().flatten() {
        let code = f["properties"]["adcode"].as_str().unwrap_or("");
        let Some(d) = districts.iter().position(|x| x.code == code) else {
            continue;
        };
        let polys: Vec<&serde_json::Value> = match f["geometry"]["type"].as_str() {
            Some("MultiPolygon") => f["geometry"]["coordinates"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            Some("Polygon") => vec![&f["geometry"]["coordinates"]],
            _ => Vec::new(),
        };
        for p in polys {
            // The outer ring of each polygon (holes are filled by the districts inside them).
            if let Some(ring) = p
                .as_array()
                .and_then(|r| r.first())
                .and_then(|r| r.as_array())
            {
                out[d].push(
                    ring.iter()
                        .filter_map(|pt| Some((pt[0].as_f64()?, pt[1].as_f64()?)))
                        .collect(),
                );
            }
        }
    }
    out
}

/// A light-to-dark blue-green ramp (readable in print and for colour-blind readers), as RGB
/// bytes; the map window uses the same one.
pub fn ramp_rgb(t: f64) -> (u8, u8, u8) {
    let stops = [
        (247.0, 252.0, 240.0),
        (123.0, 204.0, 196.0),
        (8.0, 64.0, 129.0),
    ];
    let t = t.clamp(0.0, 1.0) * 2.0;
    let i = (t.floor() as usize).min(1);
    let f = t - i as f64;
    let (a, b) = (stops[i], stops[i + 1]);
    (
        (a.0 + (b.0 - a.0) * f) as u8,
        (a.1 + (b.1 - a.1) * f) as u8,
        (a.2 + (b.2 - a.2) * f) as u8,
    )
}

fn ramp(t: f64) -> RGBColor {
    let (r, g, b) = ramp_rgb(t);
    RGBColor(r, g, b)
}

/// District values of indicator `k` at tick `t`, the mean over replicates (NaN where none).
pub fn district_means(
    districts: usize,
    results: &[ReplicateResult],
    k: usize,
    t: usize,
) -> Vec<f64> {
    (0..districts)
        .map(|d| {
            let v: Vec<f64> = results
                .iter()
                .filter_map(|r| r.values.get(t).and_then(|m| m.get(1 + d)).map(|x| x[k]))
                .filter(|x| x.is_finite())
                .collect();
            if v.is_empty() {
                f64::NAN
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        })
        .collect()
}

/// A choropleth of indicator `k` at tick `t` (mean over replicates), with a legend.
fn choropleth<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    s: &Scenario,
    results: &[ReplicateResult],
    rings: &[Vec<Vec<(f64, f64)>>],
    k: usize,
    t: usize,
    lang: Lang,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let values = district_means(s.districts.len(), results, k, t);
    let def = &INDICATORS[k];
    let date = s.horizon.start.plus(t as i64);
    let title = format!(
        "{} ({}), {date}{}",
        lang.indicator(def.id, &s.targets),
        lang.unit(def.unit),
        if results.len() > 1 {
            lang.pick(", mean of replicates", "，重复运行平均")
        } else {
            ""
        }
    );
    draw_map(
        root,
        &s.districts,
        rings,
        &values,
        &title,
        map_scale(def.id, &s.targets).unwrap_or(Palette::Sequential),
        lang,
    )
}

/// How values map to colours.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Palette {
    /// Light to dark over the values' range.
    Sequential,
    /// Red below zero, white at zero, blue above, symmetric about zero (for differences).
    Diverging,
    /// As `Diverging`, on a fixed ±half-width (values beyond take the end colours), so that
    /// difference maps of one indicator share a scale.
    DivergingFixed(f64),
    /// A fixed scale, the same for every month and scenario: red below the target (`pivot`),
    /// white at it, blue above, from `lo` to `hi` (values beyond take the end colours).
    Target { lo: f64, pivot: f64, hi: f64 },
    /// Light to dark over a fixed range, the same for every month and scenario (values beyond
    /// take the end colours).
    Fixed { lo: f64, hi: f64 },
}

impl Palette {
    /// Position on the diverging ramp, −1 (red) to 1 (blue), of a value under a fixed target
    /// scale; `None` for the data-scaled palettes.
    pub fn target_position(self, v: f64) -> Option<f64> {
        match self {
            Palette::Target { lo, pivot, hi } => Some(if v < pivot {
                -((pivot - v) / (pivot - lo).max(1e-9)).min(1.0)
            } else {
                ((v - pivot) / (hi - pivot).max(1e-9)).min(1.0)
            }),
            _ => None,
        }
    }

    /// The colour of `v` under a fixed target scale, as RGB bytes.
    pub fn target_rgb(self, v: f64) -> Option<(u8, u8, u8)> {
        self.target_position(v).map(|t| {
            let c = diverging(t);
            (c.0, c.1, c.2)
        })
    }

    /// The colour of `v` under a fixed scale (target, ± or light-to-dark), as RGB bytes;
    /// `None` for the palettes scaled to the values drawn, and for a value that is not finite.
    pub fn fixed_rgb(self, v: f64) -> Option<(u8, u8, u8)> {
        if !v.is_finite() {
            return None;
        }
        let c = match self {
            Palette::Target { .. } => diverging(self.target_position(v)?),
            Palette::DivergingFixed(m) => diverging((v / m.max(1e-12)).clamp(-1.0, 1.0)),
            Palette::Fixed { lo, hi } => ramp(((v - lo) / (hi - lo).max(1e-12)).clamp(0.0, 1.0)),
            Palette::Sequential | Palette::Diverging => return None,
        };
        Some((c.0, c.1, c.2))
    }

    /// The ends of a fixed scale; `None` for the palettes scaled to the values drawn.
    pub fn bounds(self) -> Option<(f64, f64)> {
        match self {
            Palette::Target { lo, hi, .. } | Palette::Fixed { lo, hi } => Some((lo, hi)),
            Palette::DivergingFixed(m) => Some((-m, m)),
            Palette::Sequential | Palette::Diverging => None,
        }
    }
}

/// The fixed scale of a difference map (B − A) of an indicator: ± a quarter of the
/// indicator's map range (MQCI ±4.5, food ±1.75, manufacturing ±3, composite ±25,
/// satisfaction ±7), wide enough for the plan's effects over business as usual measured so far
/// and narrow enough to show a district's difference of a point.
pub fn diff_scale(id: &str) -> Palette {
    qcity_core::vocab::index_of(id).map_or(Palette::Diverging, |k| {
        let (lo, hi) = INDICATORS[k].range;
        Palette::DivergingFixed((hi - lo) / 4.0)
    })
}

/// The fixed scale of an indicator's map, the same for every month and scenario, over the
/// range its declaration gives ([`qcity_core::vocab::IndicatorDef::range`]):
/// - a rate, index or score with a target in the plan pivots on it (2027, or 2035 where there
///   is no 2027 value): red below, white at, blue above;
/// - a quantity with a natural zero in the middle of its range (the measured−true gap, the
///   race's score) pivots on zero;
/// - anything else (counts, whose city target is not a district's, and shares without a
///   target) runs light to dark over the range.
///
/// `None` only for an id that is not an indicator.
pub fn map_scale(id: &str, targets: &[qcity_core::data::Target]) -> Option<Palette> {
    let def = &INDICATORS[qcity_core::vocab::index_of(id)?];
    let (lo, hi) = def.range;
    let base = id.strip_suffix("_true").unwrap_or(id);
    let pivot = matches!(def.unit, "percent" | "index" | "points")
        .then(|| targets.iter().find(|t| t.id == base))
        .flatten()
        .and_then(|t| t.target_2027.or(t.target_2035));
    Some(match pivot {
        Some(p) => Palette::Target {
            lo,
            pivot: p.clamp(lo, hi),
            hi,
        },
        None if lo < 0.0 && hi > 0.0 && (lo + hi).abs() < 1e-9 => Palette::DivergingFixed(hi),
        None => Palette::Fixed { lo, hi },
    })
}

fn diverging(t: f64) -> RGBColor {
    // t in [-1, 1]: red (202, 0, 32) – white – blue (5, 113, 176), ColorBrewer RdBu ends.
    let t = t.clamp(-1.0, 1.0);
    let (end, f) = if t < 0.0 {
        ((202.0, 0.0, 32.0), -t)
    } else {
        ((5.0, 113.0, 176.0), t)
    };
    let mix = |a: f64| (247.0 + (a - 247.0) * f) as u8;
    RGBColor(mix(end.0), mix(end.1), mix(end.2))
}

/// Draws districts coloured by `values` (NaN in grey) with a colour-bar legend.
pub fn draw_map<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    districts: &[qcity_core::data::District],
    rings: &[Vec<Vec<(f64, f64)>>],
    values: &[f64],
    title: &str,
    palette: Palette,
    lang: Lang,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let font = crate::fonts::family(lang);
    root.fill(&WHITE).map_err(err)?;
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let (mut lo, mut hi) = finite
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    if finite.is_empty() {
        (lo, hi) = (0.0, 1.0);
    }
    match palette {
        Palette::Diverging => {
            let m = lo.abs().max(hi.abs()).max(1e-9);
            (lo, hi) = (-m, m);
        }
        Palette::Target { lo: a, hi: b, .. } | Palette::Fixed { lo: a, hi: b } => (lo, hi) = (a, b),
        Palette::DivergingFixed(m) => (lo, hi) = (-m, m),
        Palette::Sequential => {}
    }
    let span = if hi > lo { hi - lo } else { 1.0 };
    let position = |v: f64| match palette {
        Palette::Sequential => (v - lo) / span,
        Palette::Fixed { .. } => ((v - lo) / span).clamp(0.0, 1.0),
        Palette::Diverging | Palette::DivergingFixed(_) => (v / hi).clamp(-1.0, 1.0),
        Palette::Target { .. } => palette.target_position(v).unwrap_or(0.0),
    };
    let colour = |v: f64| match palette {
        Palette::Sequential | Palette::Fixed { .. } => ramp(position(v)),
        _ => diverging(position(v)),
    };
    // Keep the map's proportions: a degree of longitude is cos(30°) ≈ 0.87 of a degree of
    // latitude here (an equirectangular projection at the city's latitude).
    // The title spans the whole image (over map and legend), so that a long one is not cut.
    let root = root.titled(title, (font, 18)).map_err(err)?;
    let (_, h) = root.dim_in_pixel();
    let map_w = ((h as f64 - 20.0) * (5.1 * 0.87) / 4.2 + 20.0) as i32;
    let (map_area, legend) = root.split_horizontally(map_w);
    let mut chart = ChartBuilder::on(&map_area)
        .margin(10)
        .build_cartesian_2d(105.2..110.3, 28.1..32.3)
        .map_err(err)?;
    for (d, polys) in rings.iter().enumerate() {
        let v = values.get(d).copied().unwrap_or(f64::NAN);
        let fill = if v.is_finite() {
            colour(v)
        } else {
            RGBColor(200, 200, 200)
        };
        for ring in polys {
            chart
                .draw_series(std::iter::once(Polygon::new(ring.clone(), fill.filled())))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    ring.clone(),
                    RGBColor(90, 90, 90).stroke_width(1),
                )))
                .map_err(err)?;
        }
    }
    // Names of the larger districts at their centroids, white on dark fills.
    for (d, x) in districts.iter().enumerate() {
        if x.area_km2 > 1500.0 {
            let v = values.get(d).copied().unwrap_or(f64::NAN);
            let dark = v.is_finite()
                && match palette {
                    Palette::Sequential | Palette::Fixed { .. } => position(v) > 0.6,
                    _ => position(v).abs() > 0.6,
                };
            chart
                .draw_series(std::iter::once(Text::new(
                    lang.district(x),
                    (x.centroid_lon - 0.17, x.centroid_lat),
                    (font, 12)
                        .into_font()
                        .color(if dark { &WHITE } else { &BLACK }),
                )))
                .map_err(err)?;
        }
    }
    // Legend: a vertical colour bar with its values.
    let (_, lh) = legend.dim_in_pixel();
    // Room below the bar for the caption (four lines under a target scale).
    let below = if matches!(palette, Palette::Target { .. }) {
        110
    } else {
        60
    };
    let (top, bottom) = (60i32, lh as i32 - below);
    for y in top..bottom {
        let f = (bottom - y) as f64 / (bottom - top) as f64;
        legend
            .draw(&Rectangle::new(
                [(20, y), (50, y + 1)],
                colour(lo + span * f).filled(),
            ))
            .map_err(err)?;
    }
    // Ticks: quarters of the range, or under a target scale its ends, the target and the
    // midpoints between (the ends read "≤" and "≥": values beyond take the end colours).
    let ticks: Vec<(f64, String)> = match palette {
        Palette::Target { lo, pivot, hi } => vec![
            (lo, format!("≤ {lo:.1}")),
            ((lo + pivot) / 2.0, format!("{:.1}", (lo + pivot) / 2.0)),
            (pivot, format!("{pivot:.1} {}", lang.pick("target", "目标"))),
            ((pivot + hi) / 2.0, format!("{:.1}", (pivot + hi) / 2.0)),
            (hi, format!("≥ {hi:.1}")),
        ],
        Palette::DivergingFixed(m) => vec![
            (-m, format!("≤ {:+.2}", -m)),
            (-m / 2.0, format!("{:+.2}", -m / 2.0)),
            (0.0, "0".into()),
            (m / 2.0, format!("{:+.2}", m / 2.0)),
            (m, format!("≥ {m:+.2}")),
        ],
        _ => (0..=4)
            .map(|i| {
                let v = lo + span * i as f64 / 4.0;
                let mut label = if palette == Palette::Diverging {
                    format!("{v:+.2}")
                } else {
                    format!("{v:.2}")
                };
                // A fixed scale's ends hold the values beyond them too.
                if matches!(palette, Palette::Fixed { .. }) && i % 4 == 0 {
                    label = format!("{} {label}", if i == 0 { "≤" } else { "≥" });
                }
                (v, label)
            })
            .collect(),
    };
    let mut last_y = i32::MAX;
    for (v, label) in ticks {
        let y = bottom - ((bottom - top) as f64 * ((v - lo) / span).clamp(0.0, 1.0)) as i32;
        // Skip a tick that would overlap the one below it.
        if last_y - y < 14 {
            continue;
        }
        last_y = y;
        legend
            .draw(&Text::new(label, (56, y - 6), (font, 12)))
            .map_err(err)?;
    }
    let caption = if matches!(palette, Palette::Target { .. }) {
        lang.pick(
            "red: below the target, blue: above; grey: no value; the same scale for every month and scenario",
            "红：低于目标，蓝：高于目标；灰色：无数据；各月份与情景同一色标",
        )
    } else if matches!(palette, Palette::Fixed { .. }) {
        lang.pick(
            "grey: no value; the same scale for every month and scenario",
            "灰色：无数据；各月份与情景同一色标",
        )
    } else {
        lang.pick("grey: no value", "灰色：无数据")
    };
    // The caption wraps to the legend's width.
    let mut line = String::new();
    let mut lines = Vec::new();
    for word in caption.split_inclusive([' ', '；']) {
        if line.chars().count() + word.chars().count() > 24 && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str(word);
    }
    lines.push(line);
    for (i, l) in lines.iter().enumerate() {
        legend
            .draw(&Text::new(
                l.trim().to_string(),
                (10, bottom + 16 + 14 * i as i32),
                (font, 11),
            ))
            .map_err(err)?;
    }
    root.present().map_err(err)
}

/// Small multiples: one panel per district with its trajectory of indicator `k` (median, and
/// the 90 % band with replicates) on a shared scale, the city's median in grey for reference,
/// and the plan's 2027 and 2035 values where the indicator measures a target. Districts are
/// ordered by zone, as in the plan.
fn small_multiples<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    s: &Scenario,
    results: &[ReplicateResult],
    summary: &Summary,
    k: usize,
    lang: Lang,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let font = crate::fonts::family(lang);
    root.fill(&WHITE).map_err(err)?;
    let def = &INDICATORS[k];
    let city = bands(results, k);
    let per: Vec<Vec<[f64; 5]>> = (0..s.districts.len())
        .map(|d| area_bands(results, 1 + d, k))
        .collect();
    let base = def.id.strip_suffix("_true").unwrap_or(def.id);
    let targets: Vec<&qcity_core::output::TargetStatus> =
        summary.targets.iter().filter(|t| t.id == base).collect();
    let (mut lo, mut hi) = (f64::MAX, f64::MIN);
    for q in per.iter().flatten().chain(city.iter()) {
        for x in [q[0], q[4]] {
            if x.is_finite() {
                lo = lo.min(x);
                hi = hi.max(x);
            }
        }
    }
    for t in &targets {
        lo = lo.min(t.target);
        hi = hi.max(t.target);
    }
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        (lo, hi) = (0.0, 1.0);
    }
    let pad = (hi - lo) * 0.05;
    let (lo, hi) = (lo - pad, hi + pad);
    let title = format!(
        "{} ({}) {}{}",
        lang.indicator(def.id, &s.targets),
        lang.unit(def.unit),
        lang.pick("by district", "各区县"),
        if results.len() > 1 {
            lang.pick(": median and 90 % band", "：中位数与 90 % 区间")
        } else {
            ""
        }
    );
    let root = root.titled(&title, (font, 20)).map_err(err)?;
    let (grid, legend) = root.split_vertically(root.dim_in_pixel().1 as i32 - 26);
    let mut order: Vec<usize> = (0..s.districts.len()).collect();
    order.sort_by_key(|&d| s.districts[d].zone as u8);
    let cols = 7;
    let rows = order.len().div_ceil(cols);
    let panels = grid.split_evenly((rows, cols));
    let n = city.len() as i32;
    let start = s.horizon.start;
    // x in years, so the axis labels fall on whole years.
    let year = |t: usize| start.year as f64 + (start.month as f64 - 1.0 + t as f64) / 12.0;
    let (x0, x1) = (year(0), year(n.max(1) as usize - 1));
    let blue = RGBColor(31, 119, 180);
    let red = RGBColor(200, 40, 40);
    for (panel, &d) in panels.iter().zip(&order) {
        let mut chart = ChartBuilder::on(panel)
            .caption(lang.district(&s.districts[d]), (font, 12))
            .margin(3)
            .x_label_area_size(14)
            .y_label_area_size(34)
            .build_cartesian_2d(x0..x1, lo..hi)
            .map_err(err)?;
        chart
            .configure_mesh()
            .light_line_style(RGBColor(240, 240, 240))
            .x_labels(4)
            .y_labels(4)
            .x_label_formatter(&|y| format!("{y:.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .label_style((font, 9))
            .draw()
            .map_err(err)?;
        let q = &per[d];
        if results.len() > 1 {
            let poly = band_polygon(q.iter().enumerate().map(|(t, q)| (year(t), q[0], q[4])));
            chart
                .draw_series(std::iter::once(Polygon::new(poly, blue.mix(0.2).filled())))
                .map_err(err)?;
        }
        chart
            .draw_series(LineSeries::new(
                median_points(&city, year),
                RGBColor(150, 150, 150).stroke_width(1),
            ))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                median_points(q, year),
                blue.stroke_width(2),
            ))
            .map_err(err)?;
        for t in &targets {
            let end = start.months_until(YearMonth::new(t.year as i32, 12)) as i32;
            if end < n {
                chart
                    .draw_series(DashedLineSeries::new(
                        vec![(x0, t.target), (year(end as usize), t.target)],
                        4,
                        3,
                        red.stroke_width(1),
                    ))
                    .map_err(err)?;
            }
        }
    }
    let items: [(&str, RGBColor); 3] = [
        (lang.pick("district", "区县"), blue),
        (
            lang.pick("city (median)", "全市（中位数）"),
            RGBColor(150, 150, 150),
        ),
        (lang.pick("plan target", "规划目标"), red),
    ];
    for (i, (label, colour)) in items.iter().enumerate() {
        let x = 30 + 200 * i as i32;
        legend
            .draw(&PathElement::new(
                vec![(x, 12), (x + 24, 12)],
                colour.stroke_width(2),
            ))
            .map_err(err)?;
        legend
            .draw(&Text::new(label.to_string(), (x + 30, 5), (font, 12)))
            .map_err(err)?;
    }
    root.present().map_err(err)
}

/// Indicators mapped by district.
pub const MAPPED: [&str; 5] = [
    "mqci",
    "food_pass_rate_true",
    "mfg_pass_rate_true",
    "quality_composite",
    "public_service_satisfaction",
];

/// Draws every plot into (file name under `plots/`, bytes) pairs. `counterfactual` (its name
/// and results) is drawn beside each target's trajectory.
pub fn plots(
    s: &Scenario,
    results: &[ReplicateResult],
    counterfactual: Option<(&str, &[ReplicateResult])>,
    summary: &Summary,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, Error> {
    register_fonts();
    let mut out = Drawings::new()?;
    let observed = qcity_core::data::observations::embedded();
    for t in &s.targets {
        let Some(k) = index_of(&t.id) else { continue };
        out.emit(
            &format!("plots/target_{}", t.id),
            both!(
                SIZE,
                trajectory(s, results, counterfactual, summary, t, k, &observed, lang)
            ),
        )?;
    }
    let has_districts = results[0].values.first().is_some_and(|m| m.len() > 1);
    for id in MAPPED {
        let Some(k) = index_of(id) else { continue };
        if !has_districts {
            break;
        }
        out.emit(
            &format!("plots/districts_{id}"),
            both!(MULTIPLES, small_multiples(s, results, summary, k, lang)),
        )?;
    }
    let rings = district_rings(&s.districts);
    for id in MAPPED {
        let Some(k) = index_of(id) else { continue };
        for year in [2027, 2035] {
            let t = s.horizon.start.months_until(YearMonth::new(year, 12));
            if t < 0 || t as usize >= results[0].values.len() {
                continue;
            }
            let rings = &rings;
            out.emit(
                &format!("plots/map_{id}_{year}"),
                both!(SIZE, choropleth(s, results, rings, k, t as usize, lang)),
            )?;
        }
    }
    Ok(out.files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan's targets as `seeds/targets.ron` states them (section 一(二) and the 2035 goal).
    const PLAN: [(&str, f64); 5] = [
        ("mqci", 92.0),
        ("food_pass_rate_true", 98.2),
        ("mfg_pass_rate_true", 95.0),
        ("public_service_satisfaction", 82.0),
        ("quality_composite", 90.0),
    ];

    #[test]
    fn every_mapped_indicator_has_a_fixed_scale_that_pivots_on_the_plans_target() {
        let targets = qcity_core::data::targets::embedded();
        for id in MAPPED {
            let p = map_scale(id, &targets).unwrap_or_else(|| panic!("{id}: no scale"));
            let Palette::Target { lo, pivot, hi } = p else {
                panic!("{id}: {p:?}")
            };
            let want = PLAN.iter().find(|x| x.0 == id).unwrap().1;
            assert_eq!(pivot, want, "{id}");
            assert!(lo < pivot && pivot < hi, "{id}: {lo} {pivot} {hi}");
            // At the target: white; below: red dominates; above: blue dominates.
            assert_eq!(p.target_rgb(pivot), Some((247, 247, 247)), "{id}");
            let (r, _, b) = p.target_rgb((lo + pivot) / 2.0).unwrap();
            assert!(r > b, "{id}: below the target is not red");
            let (r, _, b) = p.target_rgb((pivot + hi) / 2.0).unwrap();
            assert!(b > r, "{id}: above the target is not blue");
            // Monotone, and saturating beyond the ends.
            let xs: Vec<f64> = (0..=40)
                .map(|i| lo - 5.0 + (hi - lo + 10.0) * i as f64 / 40.0)
                .collect();
            let pos: Vec<f64> = xs.iter().map(|x| p.target_position(*x).unwrap()).collect();
            assert!(pos.windows(2).all(|w| w[0] <= w[1]), "{id}: {pos:?}");
            assert_eq!(pos[0], -1.0);
            assert_eq!(pos[40], 1.0);
        }
    }

    /// Draws the mqci map of `values` into an RGB buffer and counts the pixels of colour `c`.
    fn pixels_of(values: &[f64], c: (u8, u8, u8)) -> usize {
        let targets = qcity_core::data::targets::embedded();
        pixels_in(values, c, map_scale("mqci", &targets).unwrap())
    }

    fn pixels_in(values: &[f64], c: (u8, u8, u8), palette: Palette) -> usize {
        register_fonts();
        let districts = qcity_core::data::districts::embedded();
        let rings = district_rings(&districts);
        let (w, h) = SIZE;
        let mut buf = vec![0u8; (w * h * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
            draw_map(root, &districts, &rings, values, "mqci", palette, Lang::En).unwrap();
        }
        buf.chunks(3).filter(|p| (p[0], p[1], p[2]) == c).count()
    }

    #[test]
    fn a_district_keeps_its_colour_whatever_the_other_districts_values() {
        // The report used to stretch its colours over each map's own values, so 90 was dark in
        // one map and pale in another. Now 万州 at 90 is filled with 90's colour on a map of
        // business as usual's spread and on one of the plan's.
        let targets = qcity_core::data::targets::embedded();
        let c = map_scale("mqci", &targets)
            .unwrap()
            .target_rgb(90.0)
            .unwrap();
        let n = qcity_core::data::districts::embedded().len();
        let spread = |lo: f64, hi: f64| -> Vec<f64> {
            let mut v: Vec<f64> = (0..n)
                .map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
                .collect();
            v[0] = 90.0; // 万州 (500101)
            // No other district at 90's colour.
            for x in v.iter_mut().skip(1) {
                if (*x - 90.0).abs() < 0.3 {
                    *x += 0.6;
                }
            }
            v
        };
        let bau = pixels_of(&spread(83.9, 93.6), c);
        let plan = pixels_of(&spread(86.5, 95.2), c);
        // 万州's fill (thousands of pixels), not just the legend's row of the colour bar.
        assert!(bau > 1000 && plan > 1000, "{bau} {plan}");
        // And with 万州 elsewhere, its fill is gone: the count measures the district.
        let mut other = spread(83.9, 93.6);
        other[0] = 85.0;
        assert!(pixels_of(&other, c) < bau / 5);
    }

    #[test]
    fn difference_maps_share_one_scale_per_indicator() {
        // 万州 one point above in both comparisons, the other districts spread narrowly in one
        // and widely in the other: 万州's fill is the same (it used to stretch to each map).
        let p = diff_scale("mqci");
        assert_eq!(p, Palette::DivergingFixed(4.5));
        let c = diverging(1.0 / 4.5);
        let c = (c.0, c.1, c.2);
        let n = qcity_core::data::districts::embedded().len();
        let spread = |m: f64| -> Vec<f64> {
            let mut v: Vec<f64> = (0..n)
                .map(|i| -m + 2.0 * m * i as f64 / (n - 1) as f64)
                .map(|x| if (x - 1.0).abs() < 0.1 { x + 0.2 } else { x })
                .collect();
            v[0] = 1.0;
            v
        };
        let narrow = pixels_in(&spread(1.5), c, p);
        let wide = pixels_in(&spread(4.0), c, p);
        assert!(narrow > 1000 && wide > 1000, "{narrow} {wide}");
    }
}
