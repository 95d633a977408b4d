//! `qcity race`: the horse race's report for trainers: a bump chart of ranks over time (PNG and
//! SVG), a bar-chart race of scores period by period (animated GIF), and a one-page summary of
//! who won, who was rectified and why (Markdown). Drawn from the first replicate.
//!
//! Chart labels are in English or Chinese (`--lang`), drawn with the bundled fonts
//! (`assets/fonts/`), so the images look the same on any machine, with or without system fonts.
//! The Markdown summary is in English.

use plotters::prelude::*;
use qcity_core::error::Error;
use qcity_core::model::assessment::{Band, Standing};
use qcity_core::runner::ReplicateResult;
use qcity_core::scenario::Scenario;
use qcity_core::vocab::index_of;
use std::fmt::Write as _;

use crate::chart::{Drawings, both, err, read};
use crate::fonts::register_fonts;
use qcity_core::lang::{Lang, short_name_en as short_name};

fn band_colour(b: Band) -> RGBColor {
    match b {
        Band::Green => RGBColor(46, 160, 67),
        Band::Yellow => RGBColor(230, 180, 30),
        Band::Red => RGBColor(210, 50, 45),
    }
}

/// The assessments of one replicate, by period: (tick, standings sorted by district).
fn periods(r: &ReplicateResult) -> Vec<(u32, Vec<&Standing>)> {
    let mut ticks: Vec<u32> = r.standings.iter().map(|x| x.tick).collect();
    ticks.sort();
    ticks.dedup();
    ticks
        .into_iter()
        .map(|t| {
            let mut v: Vec<&Standing> = r.standings.iter().filter(|x| x.tick == t).collect();
            v.sort_by_key(|x| x.district);
            (t, v)
        })
        .collect()
}

/// The bump chart: rank over time, a panel per peer group, the first and last three of each
/// group in colour and named, the others grey.
fn bump_chart<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    s: &Scenario,
    r: &ReplicateResult,
    lang: Lang,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let font = crate::fonts::family(lang);
    let ps = periods(r);
    root.fill(&WHITE).map_err(err)?;
    let title = format!(
        "{}: {}",
        s.name,
        lang.pick(
            "rank at each assessment (1 = first)",
            "各期考核排名（1 = 第一）"
        )
    );
    let root = root.titled(&title, (font, 22)).map_err(err)?;
    let (h, _) = (root.dim_in_pixel().1, ());
    let (root, legend_area) = root.split_vertically(h as i32 - 44);
    // A panel per peer group used (a run whose rules changed groups has more than one
    // grouping; each panel shows the assessments made in that group).
    let mut used: Vec<usize> = r.standings.iter().map(|x| x.group).collect();
    used.sort_unstable();
    used.dedup();
    let panels = root.split_evenly((1, used.len().max(1)));
    for (&g, panel) in used.iter().zip(panels) {
        let mut members: Vec<usize> = r
            .standings
            .iter()
            .filter(|x| x.group == g)
            .map(|x| x.district)
            .collect();
        members.sort_unstable();
        members.dedup();
        let n = ps
            .iter()
            .map(|(_, v)| v.iter().filter(|x| x.group == g).count())
            .max()
            .unwrap_or(0) as i32;
        let np = ps.len() as i32;
        let mut chart = ChartBuilder::on(&panel)
            .caption(
                format!(
                    "{}{}",
                    lang.pick("peer group: ", "比拼组："),
                    lang.peer_group(s.peer_group_names.get(g).map_or("", |x| x.as_str()))
                ),
                (font, 16),
            )
            .margin(8)
            .margin_right(120)
            .x_label_area_size(30)
            .y_label_area_size(30)
            .build_cartesian_2d(0..(np - 1).max(1), (n + 1)..0)
            .map_err(err)?;
        let labels: Vec<String> = ps
            .iter()
            .map(|(t, _)| s.horizon.start.plus(*t as i64).to_string())
            .collect();
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(6)
            .x_label_formatter(&|x| labels.get(*x as usize).cloned().unwrap_or_default())
            .y_labels(n.min(20) as usize)
            .label_style((font, 11))
            .draw()
            .map_err(err)?;
        // 38 lines over 20 periods cannot be followed: the first three and the last three at
        // the last assessment are drawn in colour and named; the rest are grey, underneath.
        let highlighted = highlighted(&ps, g, 3);
        let mut order: Vec<usize> = members.clone();
        order.sort_by_key(|d| highlighted.iter().position(|h| h == d).is_some());
        for &d in &order {
            let pick = highlighted.iter().position(|h| *h == d);
            let colour = pick.map_or(RGBColor(200, 200, 200), |i| HIGHLIGHT[i % HIGHLIGHT.len()]);
            let pts: Vec<(i32, i32)> = ps
                .iter()
                .enumerate()
                .filter_map(|(i, (_, v))| {
                    v.iter()
                        .find(|x| x.district == d && x.group == g)
                        .map(|x| (i as i32, x.rank as i32))
                })
                .collect();
            // One line per stretch of consecutive assessments in this group.
            for run in pts.chunk_by(|a, b| b.0 == a.0 + 1) {
                chart
                    .draw_series(LineSeries::new(
                        run.to_vec(),
                        colour.stroke_width(if pick.is_some() { 3 } else { 1 }),
                    ))
                    .map_err(err)?;
            }
            if pick.is_none() {
                continue;
            }
            chart
                .draw_series(pts.iter().map(|&(x, y)| {
                    let band = ps[x as usize]
                        .1
                        .iter()
                        .find(|s| s.district == d)
                        .map_or(Band::Yellow, |s| s.band);
                    Circle::new((x, y), 4, band_colour(band).filled())
                }))
                .map_err(err)?;
            if let Some(&(x, y)) = pts.last() {
                chart
                    .draw_series(std::iter::once(Text::new(
                        format!("   {}", lang.district(&s.districts[d])),
                        (x, y),
                        (font, 14).into_font().color(&colour),
                    )))
                    .map_err(err)?;
            }
        }
    }
    let lines = [
        lang.pick(
            "coloured and named: the first three and the last three of each group at the last assessment; grey: the others",
            "彩色并标名：各组末期前三名与后三名；灰色：其余区县",
        ),
        lang.pick(
            "dots: band at that assessment (green / yellow / red)",
            "圆点：该期档次（绿 / 黄 / 红）",
        ),
    ];
    for (i, line) in lines.iter().enumerate() {
        legend_area
            .draw(&Text::new(
                line.to_string(),
                (40, 4 + 18 * i as i32),
                (font, 13),
            ))
            .map_err(err)?;
    }
    legend_area.present().map_err(err)
}

/// Okabe and Ito's colour-blind-safe qualitative palette (less its yellow, too pale on white).
const HIGHLIGHT: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(230, 159, 0),
];

/// The districts of group `g` drawn in colour: the first `k` and the last `k` by rank at the
/// group's last assessment, best first.
fn highlighted(ps: &[(u32, Vec<&Standing>)], g: usize, k: usize) -> Vec<usize> {
    let Some((_, last)) = ps
        .iter()
        .rev()
        .find(|(_, v)| v.iter().any(|x| x.group == g))
    else {
        return Vec::new();
    };
    let mut v: Vec<&&Standing> = last.iter().filter(|x| x.group == g).collect();
    v.sort_by_key(|x| x.rank);
    if v.len() <= 2 * k {
        return v.iter().map(|x| x.district).collect();
    }
    v[..k]
        .iter()
        .chain(&v[v.len() - k..])
        .map(|x| x.district)
        .collect()
}

/// One frame of the bar-chart race: scores sorted, bars coloured by band.
fn race_frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    s: &Scenario,
    tick: u32,
    v: &[&Standing],
    lo: f64,
    hi: f64,
    lang: Lang,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let font = crate::fonts::family(lang);
    root.fill(&WHITE).map_err(err)?;
    let mut sorted: Vec<&&Standing> = v.iter().collect();
    sorted.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.district.cmp(&b.district))
    });
    let n = sorted.len();
    let date = s.horizon.start.plus(tick as i64);
    let title = match lang {
        Lang::En => format!("{} — assessment of {date}", s.name),
        Lang::Zh => format!("{} — {date} 考核", s.name),
    };
    let mut chart = ChartBuilder::on(root)
        .caption(title, (font, 22))
        .margin(10)
        .margin_right(30)
        .x_label_area_size(35)
        .y_label_area_size(130)
        .build_cartesian_2d(lo..hi, (0..(n as i32 - 1).max(0)).into_segmented())
        .map_err(err)?;
    let groups = s.peer_group_names.len() > 1;
    // Bar i (0 = first) sits in segment n − 1 − i, so the league reads top down.
    let names: Vec<String> = sorted
        .iter()
        .map(|x| {
            let name = lang.district(&s.districts[x.district]);
            if groups {
                format!("{name} ({})", lang.peer_group(&s.peer_group_names[x.group]))
            } else {
                name
            }
        })
        .collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .y_labels(n)
        .y_label_formatter(&|y| match y {
            SegmentValue::CenterOf(v) if (*v as usize) < n => names[n - 1 - *v as usize].clone(),
            _ => String::new(),
        })
        .x_desc(lang.pick(
            "score (weighted z-scores of the published indicators)",
            "得分（公布指标加权 z 分数）",
        ))
        .label_style((font, 11))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(sorted.iter().enumerate().map(|(i, x)| {
            let y = (n - 1 - i) as i32;
            let style = if x.caught {
                RGBColor(90, 90, 90).filled()
            } else {
                band_colour(x.band).filled()
            };
            Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(y)),
                    (x.score.clamp(lo, hi), SegmentValue::Exact(y + 1)),
                ],
                style,
            )
        }))
        .map_err(err)?;
    let legend = [
        (
            lang.pick("green: budget bonus", "绿：预算奖励"),
            band_colour(Band::Green),
        ),
        (lang.pick("yellow", "黄"), band_colour(Band::Yellow)),
        (
            lang.pick("red: rectification", "红：整改"),
            band_colour(Band::Red),
        ),
        (
            lang.pick("caught gaming", "查实数据造假"),
            RGBColor(90, 90, 90),
        ),
    ];
    let x0 = root.dim_in_pixel().0 as i32 - 190;
    for (i, (label, colour)) in legend.iter().enumerate() {
        let y = root.dim_in_pixel().1 as i32 - 130 + 18 * i as i32;
        root.draw(&Rectangle::new(
            [(x0, y), (x0 + 12, y + 12)],
            colour.filled(),
        ))
        .map_err(err)?;
        root.draw(&Text::new(label.to_string(), (x0 + 18, y), (font, 12)))
            .map_err(err)?;
    }
    root.present().map_err(err)
}

/// Why a district stands where it does: its scored indicators furthest above and below its
/// group's mean at the final assessment (measured values, as published).
fn reasons(s: &Scenario, r: &ReplicateResult, last: &[&Standing], d: usize, tick: u32) -> String {
    let month = &r.values[tick as usize];
    // The district's group and the weights at that assessment (race rules can change).
    let group = last.iter().find(|x| x.district == d).map(|x| x.group);
    let members: Vec<usize> = last
        .iter()
        .filter(|x| Some(x.group) == group)
        .map(|x| x.district)
        .collect();
    let mut parts: Vec<(f64, String)> = Vec::new();
    for w in &s.assessment_at(tick).weights {
        let Some(k) = index_of(&w.indicator) else {
            continue;
        };
        let vals: Vec<f64> = members
            .iter()
            .map(|&x| month[1 + x][k])
            .filter(|v| v.is_finite())
            .collect();
        let v = month[1 + d][k];
        if vals.len() < 2 || !v.is_finite() {
            continue;
        }
        let mean = vals.iter().sum::<f64>() / vals.len() as f64;
        let sd = (vals.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / vals.len() as f64).sqrt();
        if sd > 0.0 {
            parts.push((
                (v - mean) / sd * w.weight,
                format!("{} {:.2} (group mean {:.2})", w.indicator, v, mean),
            ));
        }
    }
    parts.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    let best = parts.first().map(|p| format!("strongest: {}", p.1));
    let worst = parts.last().map(|p| format!("weakest: {}", p.1));
    [best, worst]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; ")
}

fn summary_md(s: &Scenario, r: &ReplicateResult, race: &qcity_core::output::RaceSummary) -> String {
    let ps = periods(r);
    let mut o = String::new();
    let _ = writeln!(o, "# Horse race: {}\n\n{}\n", s.name, s.description);
    let a = &s.assessment;
    let weights: Vec<String> = a
        .weights
        .iter()
        .map(|w| format!("{} {:.2}", w.indicator, w.weight))
        .collect();
    let _ = writeln!(
        o,
        "**Rules{}.** {:?} assessments, scored on {:?} ({:?}) of: {}. Peer groups: {}. Top {:.0} % green (budget +{:.0} %), bottom {:.0} % red (inspection ×{:.1} while rectifying). Score noise {:.2}; audit probability {:.2}.\n",
        if s.events
            .iter()
            .any(|e| matches!(e.action, qcity_core::scenario::Action::SetRace { .. }))
        {
            " at the start"
        } else {
            ""
        },
        a.period,
        a.basis,
        a.normalisation,
        weights.join(", "),
        {
            let mut g = s.peer_group.clone();
            g.sort_unstable();
            g.dedup();
            g.iter()
                .map(|&i| s.peer_group_names[i].as_str())
                .collect::<Vec<_>>()
                .join(", ")
        },
        100.0 * a.green_share,
        100.0 * a.budget_bonus,
        100.0 * a.red_share,
        a.rectification_inspection_uplift,
        a.noise_sd,
        a.audit_probability
    );
    let _ = writeln!(
        o,
        "**Over the run.** {} assessments. Mean Kendall's tau between consecutive leagues: {:.2} (1 = the league never changes). Mean real effort {:.2}, mean gaming {:.2}.\n",
        race.assessments,
        race.kendall_tau_consecutive,
        race.districts.iter().map(|d| d.mean_effort).sum::<f64>()
            / race.districts.len().max(1) as f64,
        race.districts.iter().map(|d| d.mean_gaming).sum::<f64>()
            / race.districts.len().max(1) as f64,
    );
    let changes: Vec<String> = s
        .events
        .iter()
        .filter_map(|e| match &e.action {
            qcity_core::scenario::Action::SetRace { .. } => Some(format!(
                "{} {}",
                e.at,
                qcity_core::trainer::describe(&e.action, Lang::En)
            )),
            _ => None,
        })
        .collect();
    if !changes.is_empty() {
        let _ = writeln!(
            o,
            "**Rules changed during the run.** {}.\n",
            changes.join("; ")
        );
    }
    if let Some((tick, last)) = ps.last() {
        let date = s.horizon.start.plus(*tick as i64);
        let mut groups: Vec<usize> = last.iter().map(|x| x.group).collect();
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            let _ = writeln!(
                o,
                "## Final league ({date}), group {}\n",
                s.peer_group_names[g]
            );
            let _ = writeln!(
                o,
                "| rank | district | band | score | why |\n|---|---|---|---|---|"
            );
            let mut v: Vec<&&Standing> = last.iter().filter(|x| x.group == g).collect();
            v.sort_by_key(|x| x.rank);
            for x in v {
                let d = &s.districts[x.district];
                let why = if x.caught {
                    "caught gaming by an audit: ranked red".to_string()
                } else {
                    reasons(s, r, last, x.district, *tick)
                };
                let _ = writeln!(
                    o,
                    "| {} | {} {} | {} | {:.2} | {} |",
                    x.rank,
                    d.name_zh,
                    short_name(&d.name_en),
                    x.band.id(),
                    x.score,
                    why
                );
            }
            let _ = writeln!(o);
        }
    }
    let mut most_green: Vec<&qcity_core::output::DistrictRace> = race.districts.iter().collect();
    most_green.sort_by(|a, b| {
        b.share_green
            .partial_cmp(&a.share_green)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let names = |v: &[&qcity_core::output::DistrictRace]| {
        v.iter()
            .map(|d| {
                format!(
                    "{} ({:.0} %)",
                    short_name(&d.name_en),
                    100.0 * d.share_green
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        o,
        "**Most often green:** {}.\n",
        names(&most_green[..most_green.len().min(5)])
    );
    let mut most_red: Vec<&qcity_core::output::DistrictRace> = race.districts.iter().collect();
    most_red.sort_by(|a, b| {
        b.share_red
            .partial_cmp(&a.share_red)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let _ = writeln!(
        o,
        "**Most often red (rectified):** {}.\n",
        most_red[..most_red.len().min(5)]
            .iter()
            .map(|d| format!("{} ({:.0} %)", short_name(&d.name_en), 100.0 * d.share_red))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let caught: Vec<String> = race
        .districts
        .iter()
        .filter(|d| d.times_caught > 0.0)
        .map(|d| format!("{} ×{:.0}", short_name(&d.name_en), d.times_caught))
        .collect();
    let _ = writeln!(
        o,
        "**Caught gaming:** {}.\n",
        if caught.is_empty() {
            "nobody".to_string()
        } else {
            caught.join(", ")
        }
    );
    let _ = writeln!(
        o,
        "Files: `race_bump.png` / `race_bump.svg` (ranks over time), `race.gif` (scores period by period), `standings.csv` (every assessment)."
    );
    o
}

/// Draws the race report of `results[0]` into (file name, bytes) pairs.
pub fn report(
    s: &Scenario,
    results: &[ReplicateResult],
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, Error> {
    register_fonts();
    let r = results
        .first()
        .ok_or_else(|| Error::Other("no replicate to report".into()))?;
    if r.standings.is_empty() {
        return Err(Error::Other(
            "the run made no assessment: is the horizon shorter than one period?".into(),
        ));
    }
    let race = qcity_core::output::race_summary(s, results)
        .ok_or_else(|| Error::Other("the race is off in this scenario".into()))?;
    let mut drawn = Drawings::new()?;
    let width = 420 * s.peer_group_names.len() as u32 + 200;
    drawn.emit(
        "race_bump",
        both!((width.max(900), 900), bump_chart(s, r, lang)),
    )?;
    let gif = drawn.temp("race.gif");
    {
        let ps = periods(r);
        let lo = r.standings.iter().map(|x| x.score).fold(0.0f64, f64::min) - 0.1;
        let hi = r.standings.iter().map(|x| x.score).fold(0.0f64, f64::max) + 0.1;
        let root = BitMapBackend::gif(&gif, (900, 900), 700)
            .map_err(err)?
            .into_drawing_area();
        for (tick, v) in &ps {
            race_frame(&root, s, *tick, v, lo, hi, lang)?;
        }
    }
    let mut out = drawn.files;
    out.push(("race.gif".to_string(), read(&gif)?));
    out.push((
        "race_summary.md".to_string(),
        summary_md(s, r, &race).into_bytes(),
    ));
    Ok(out)
}
