//! The interactive map under a display (CI runs it in Xvfb with Mesa's software Vulkan): it
//! opens, runs months, and its screenshot shows the districts coloured, not a blank frame.
#![cfg(feature = "gui")]

use std::process::Command;

/// (width, height, RGBA bytes) of a PNG.
fn read_png(path: &std::path::Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        other => panic!("unexpected colour type {other:?}"),
    };
    (info.width, info.height, rgba)
}

/// The maps' diverging scale at t in [−1, 1]: red (ColorBrewer RdBu's end, 202, 0, 32) below
/// the target, white (247) at it, blue (5, 113, 176) above.
fn ramp(t: f64) -> [f64; 3] {
    let (end, f) = if t < 0.0 {
        ([202.0, 0.0, 32.0], -t)
    } else {
        ([5.0, 113.0, 176.0], t)
    };
    end.map(|e| 247.0 + (e - 247.0) * f.min(1.0))
}

#[test]
fn the_map_opens_runs_and_shows_coloured_districts() {
    if std::env::var_os("DISPLAY").is_none() {
        panic!(
            "no DISPLAY: run this test under a display, e.g. xvfb-run -a cargo test --features gui --test gui"
        );
    }
    let out = std::env::temp_dir().join(format!("qcity-gui-{}.png", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let o = Command::new(env!("CARGO_BIN_EXE_qcity"))
        .args([
            "map",
            "scenarios/plan-2023.ron",
            "--screenshot",
            out.to_str().unwrap(),
            "--months",
            "12",
            "--size",
            "1280x800",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "qcity map failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let (w, h, px) = read_png(&out);
    assert_eq!((w, h), (1280, 800));
    // The map area (right of the 380-pixel panel): count pixels whose colour lies on the
    // scale (a district's fill) and the distinct colours of the scale among them.
    let mut on_ramp = 0usize;
    let mut distinct = std::collections::BTreeSet::new();
    for y in 0..h {
        for x in 400..w {
            let i = 4 * (y * w + x) as usize;
            let p = [px[i] as f64, px[i + 1] as f64, px[i + 2] as f64];
            let near = (-100..=100).any(|s| {
                let r = ramp(s as f64 / 100.0);
                (0..3).all(|c| (r[c] - p[c]).abs() <= 6.0)
            });
            // The white middle of the scale is close to the background: count the coloured
            // part.
            if near && p[1] < 225.0 {
                on_ramp += 1;
                distinct.insert((px[i] / 8, px[i + 1] / 8, px[i + 2] / 8));
            }
        }
    }
    let area = (h * (w - 400)) as usize;
    assert!(
        on_ramp > area / 10,
        "too little of the map is district colour: {on_ramp} of {area} pixels"
    );
    assert!(
        distinct.len() >= 5,
        "the districts are not coloured by value: {} colours",
        distinct.len()
    );
    // The panel (left) is drawn: it is not the map's background.
    let panel: std::collections::BTreeSet<[u8; 3]> = (0..h)
        .step_by(7)
        .flat_map(|y| (0..360).step_by(7).map(move |x| (x, y)))
        .map(|(x, y)| {
            let i = 4 * (y * w + x) as usize;
            [px[i], px[i + 1], px[i + 2]]
        })
        .collect();
    assert!(panel.len() > 3, "the panel is blank");
    let _ = std::fs::remove_file(&out);
}

/// A lever moved in the window mid-run is saved as a scenario event, and the saved scenario
/// replays headless to exactly the run the window showed.
#[test]
fn interventions_save_as_a_scenario_that_replays_to_the_same_run() {
    use qcity_core::scenario::LeverName;
    use qcity_gui::{sim, state};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut session = sim::Session::load(&root.join("scenarios/plan-2023.ron")).unwrap();
    let mut world = sim::build(&session);
    let step = |world: &mut state::SimWorld, months: u32| {
        for _ in 0..months {
            world.0.step();
        }
    };
    step(&mut world, 30);
    // City-wide brand support up, then one district's inspections down, two months apart.
    sim::intervene(
        &mut world,
        &mut session,
        LeverName::BrandSupport,
        1.85,
        vec![],
    );
    step(&mut world, 2);
    sim::intervene(
        &mut world,
        &mut session,
        LeverName::InspectorSkill,
        0.3,
        vec![5],
    );
    let months = state::clock(&world).months;
    step(&mut world, months - 32);
    assert_eq!(session.interventions.len(), 2);

    let dir = std::env::temp_dir().join(format!("qcity-gui-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let saved = dir.join("session.ron");
    session.save(&saved).unwrap();
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("at: \"2025-07\""), "{text}");
    assert!(text.contains("lever: brand_support"), "{text}");
    assert!(
        text.contains("districts: [\"500106\"]")
            || text.contains(&session.scenario.districts[5].code)
    );
    // `qcity check` accepts it.
    let o = Command::new(env!("CARGO_BIN_EXE_qcity"))
        .args(["check", saved.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Replayed headless, every recorded value is the same as in the window's world.
    let replay = qcity_core::scenario::load(&saved).unwrap();
    let r = qcity_core::runner::run_replicate(std::sync::Arc::new(replay), 0, &|| {});
    let shown = state::recorded(&world);
    assert_eq!(r.values.len(), shown.len());
    for (t, (a, b)) in r.values.iter().zip(shown.iter()).enumerate() {
        for (x, y) in a.iter().flatten().zip(b.iter().flatten()) {
            assert!(
                x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()),
                "month {t} differs"
            );
        }
    }
    // And the interventions changed the run: the plan alone differs.
    let plain = qcity_core::runner::run_replicate(session.scenario.clone(), 0, &|| {});
    assert_ne!(plain.values.last(), shown.last());
    // Saving over the scenario being explored is refused (the saved file names it as base).
    let err = session.save(&session.path).unwrap_err().to_string();
    assert!(err.contains("being explored"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Pixels of `rgba` (width `w`) in the map area (right of the race panel) close to `c`.
fn count_near(rgba: &[u8], w: u32, x0: u32, c: [u8; 3]) -> usize {
    rgba.chunks(4)
        .enumerate()
        .filter(|(i, p)| {
            (*i as u32 % w) >= x0
                && p.iter()
                    .zip(c)
                    .all(|(a, b)| (*a as i32 - b as i32).abs() <= 3)
        })
        .count()
}

/// Trainer mode, scripted: a lesson advances stop by stop by itself (`--auto 0`), each stop is
/// saved as a frame and a GIF frame, and the window closes after the last assessment.
#[test]
fn trainer_mode_records_a_frame_at_each_stop_of_a_lesson() {
    if std::env::var_os("DISPLAY").is_none() {
        panic!("no DISPLAY: run this test under a display (xvfb-run)");
    }
    let dir = std::env::temp_dir().join(format!("qcity-trainer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = Command::new(env!("CARGO_BIN_EXE_qcity"))
        .args([
            "map",
            "scenarios/lessons/f-within-zone-peers.ron",
            "--trainer",
            "--record",
            dir.to_str().unwrap(),
            "--auto",
            "0",
            "--size",
            "1280x800",
            "--lang",
            "zh",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    // The start and 20 quarterly assessments (2023-03 to 2027-12): 21 stops.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = (1..=21).map(|i| format!("frame-{i:03}.png")).collect();
    want.push("race.gif".into());
    assert_eq!(
        names, want,
        "exactly the frames and the GIF, nothing partial"
    );

    let band = [[120, 196, 128], [240, 208, 110], [226, 112, 104]];
    let panel = 640; // the race panel takes half the window
    let mut previous: Option<Vec<u8>> = None;
    for i in 1..=21 {
        let (w, h, rgba) = read_png(&dir.join(format!("frame-{i:03}.png")));
        assert_eq!((w, h), (1280, 800));
        let counts: Vec<usize> = band
            .iter()
            .map(|c| count_near(&rgba, w, panel, *c))
            .collect();
        if i == 1 {
            // Before the first assessment no district has a band yet.
            assert!(counts.iter().all(|&n| n < 50), "frame 1: {counts:?}");
        } else {
            // Every stop after an assessment colours the map green, yellow and red.
            assert!(counts.iter().all(|&n| n > 500), "frame {i}: {counts:?}");
        }
        // Each stop shows a new league.
        if let Some(p) = &previous {
            assert!(p != &rgba, "frame {i} repeats the one before");
        }
        previous = Some(rgba);
    }

    // The GIF: one frame per stop at full size, looping, in one palette that keeps the band
    // colours exact (a per-frame palette once turned them grey).
    let mut opts = gif::DecodeOptions::new();
    opts.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = opts
        .read_info(std::fs::File::open(dir.join("race.gif")).unwrap())
        .unwrap();
    assert_eq!((decoder.width(), decoder.height()), (1280, 800));
    let mut frames = 0;
    while let Some(f) = decoder.read_next_frame().unwrap() {
        assert_eq!(f.delay, 150);
        assert_eq!((f.width, f.height), (1280, 800));
        frames += 1;
        if frames > 1 {
            let counts: Vec<usize> = band
                .iter()
                .map(|c| count_near(&f.buffer, 1280, panel, *c))
                .collect();
            assert!(
                counts.iter().all(|&n| n > 500),
                "GIF frame {frames}: {counts:?}"
            );
        }
    }
    assert_eq!(frames, 21);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A folder that already holds a recording is refused before any window opens.
#[test]
fn trainer_refuses_to_record_over_an_earlier_recording() {
    let dir = std::env::temp_dir().join(format!("qcity-trainer-old-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("frame-001.png"), b"old").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_qcity"))
        .args([
            "map",
            "scenarios/lessons/a-baseline-race.ron",
            "--trainer",
            "--record",
            dir.to_str().unwrap(),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("already holds 1 recorded file(s)"), "{err}");
    assert_eq!(std::fs::read(dir.join("frame-001.png")).unwrap(), b"old");
    let _ = std::fs::remove_dir_all(&dir);
}
