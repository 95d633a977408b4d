//! qcity as a hostile world treats it: two processes on one directory, SIGKILL and Ctrl-C at
//! random points of a run (the commit included), a full disk, a scale too large for the
//! machine, and randomly mutated input files. Each test states what must hold whatever
//! happens: all of a run's files or none, no litter after the next run, a clear refusal.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_qcity");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn qcity(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("qcity runs")
}

fn spawn(args: &[&str]) -> Child {
    Command::new(BIN)
        .args(args)
        .current_dir(ROOT)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qcity starts")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh, empty directory for one test (its outputs go inside, so siblings are visible).
fn workdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("qcity-rel-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn signal(child: &Child, sig: i32) {
    // SAFETY: sending a signal to our own child process.
    unsafe {
        libc::kill(child.id() as i32, sig);
    }
}

/// Waits for `child` up to `limit`; `None` if it is still running then.
fn wait_at_most(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let t0 = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return Some(s);
        }
        if t0.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A scenario file in `work` that bases on the plan and adds `fields`.
fn plan_variant(work: &Path, name: &str, fields: &str) -> PathBuf {
    let f = work.join(format!("{name}.ron"));
    std::fs::write(
        &f,
        format!(r#"(name: "{name}", seed: 1, base: "{ROOT}/scenarios/plan-2023.ron", {fields})"#),
    )
    .unwrap();
    f
}

/// Copies the fuzzer's `files` into `work/name` for the failure message.
fn keep(work: &Path, name: &str, files: &[PathBuf]) -> PathBuf {
    let kept = work.join(name);
    std::fs::create_dir_all(&kept).unwrap();
    for f in files {
        let _ = std::fs::copy(f, kept.join(f.file_name().unwrap()));
    }
    kept
}

/// A small deterministic generator (xorshift64*), so that the trials are the same each time.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every file under `dir`, relative, sorted.
fn listing(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, d: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut v = Vec::new();
    if dir.exists() {
        walk(dir, dir, &mut v);
    }
    v.sort();
    v
}

/// What lies beside the outputs in `work` besides the output directories themselves.
fn litter(work: &Path, outputs: &[&str]) -> Vec<String> {
    std::fs::read_dir(work)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !outputs.contains(&n.as_str()))
        .collect()
}

/// The scenario named in a run's outputs, checked to be the same in every file that names it:
/// a mixed directory (one run's summary beside another's report) fails here.
fn one_run(dir: &Path) -> String {
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&read("manifest.json")).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&read("summary.json")).unwrap();
    let name = manifest["scenario_name"].as_str().unwrap().to_string();
    assert_eq!(
        summary["scenario"].as_str().unwrap(),
        name,
        "{}",
        dir.display()
    );
    let report = read("report.html");
    assert!(
        report.contains(&format!("<title>qcity: {name}")) || report.contains(&name),
        "{}: report.html is another run's",
        dir.display()
    );
    name
}

#[test]
fn a_run_killed_at_random_points_leaves_a_whole_set_or_none_and_no_litter_after_the_next() {
    let work = workdir("kill");
    let out = work.join("out");
    let out_s = out.to_str().unwrap();
    // Two scenarios whose files differ, alternated, so that a mix of two runs is visible.
    let scenarios = ["scenarios/plan-2023.ron", "scenarios/business-as-usual.ron"];
    // Each scenario's whole set of files, and how long a run takes.
    let mut sets = std::collections::BTreeMap::new();
    let mut full: f64 = 0.0;
    for s in scenarios {
        let t0 = Instant::now();
        let o = qcity(&["run", s, "--out", out_s, "-q", "--force"]);
        assert!(o.status.success(), "{}", stderr(&o));
        full = full.max(t0.elapsed().as_secs_f64());
        let files = listing(&out);
        assert!(files.len() > 50, "{files:?}");
        sets.insert(one_run(&out), files);
    }
    let mut rng = Rng(0x5eed_0001);
    let (mut trials, mut left_staging, mut replaced) = (0, 0, 0);
    for i in 0..24 {
        let scenario = scenarios[i % 2];
        let before = one_run(&out);
        let mut child = spawn(&["run", scenario, "--out", out_s, "-q", "--force"]);
        // Most kills in the last third of the run, where the outputs are drawn and committed.
        let at = full * (0.5 + 0.6 * rng.unit());
        std::thread::sleep(Duration::from_secs_f64(at));
        signal(&child, libc::SIGKILL);
        let _ = child.wait();
        trials += 1;
        // Whatever the moment: the directory holds one whole run, old or new.
        let after = one_run(&out);
        assert_eq!(
            listing(&out),
            sets[&after],
            "trial {i}: not a whole set of {after}"
        );
        if after != before {
            replaced += 1;
        }
        if litter(&work, &["out"])
            .iter()
            .any(|n| n.contains("qcity-staging"))
        {
            left_staging += 1;
        }
    }
    // The next run removes what the killed ones left: no staging, no lock file.
    let o = qcity(&["run", scenarios[0], "--out", out_s, "-q", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(one_run(&out), "plan-2023");
    assert_eq!(litter(&work, &["out"]), Vec::<String>::new());
    eprintln!(
        "kill trials: {trials}; {replaced} finished before the kill, {left_staging} were killed with a staging directory written (old set intact), the rest before it"
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn ctrl_c_and_sigterm_stop_a_run_and_leave_nothing() {
    let work = workdir("int");
    let mut rng = Rng(0x5eed_0002);
    let t0 = Instant::now();
    let probe = work.join("probe");
    let o = qcity(&[
        "run",
        "scenarios/plan-2023.ron",
        "--out",
        probe.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success());
    let full = t0.elapsed().as_secs_f64();
    std::fs::remove_dir_all(&probe).unwrap();
    let mut stopped = 0;
    let replaced = work.join("replaced");
    let o = qcity(&[
        "run",
        "scenarios/business-as-usual.ron",
        "--out",
        replaced.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success());
    // Even trials write a fresh directory; odd ones replace an earlier run with --force (the
    // swap, and the removal of the old set after it, are then also interrupted).
    for i in 0..24 {
        let fresh = i % 2 == 0;
        let out = if fresh {
            work.join(format!("out{i}"))
        } else {
            replaced.clone()
        };
        let mut args = vec![
            "run",
            "scenarios/plan-2023.ron",
            "--out",
            out.to_str().unwrap(),
        ];
        if !fresh {
            args.push("--force");
        }
        let before = if fresh { None } else { Some(one_run(&out)) };
        let child = spawn(&args);
        std::thread::sleep(Duration::from_secs_f64(full * (0.1 + 0.95 * rng.unit())));
        let (sig, code) = if i % 4 < 2 {
            (libc::SIGINT, 130)
        } else {
            (libc::SIGTERM, 143)
        };
        signal(&child, sig);
        let o = child.wait_with_output().unwrap();
        let msg = stderr(&o);
        match o.status.code() {
            // Finished before the signal: a whole set.
            Some(0) => {
                assert_eq!(one_run(&out), "plan-2023");
            }
            Some(c) => {
                assert_eq!(c, code, "{msg}");
                assert!(
                    msg.contains("interrupted") && msg.contains("nothing was written"),
                    "{msg}"
                );
                // Interrupted after the swap: the new set, complete; before it: the old one,
                // or nothing where there was none.
                let complete = msg.contains("already complete");
                match (&before, complete) {
                    (_, true) => assert_eq!(one_run(&out), "plan-2023", "trial {i}"),
                    (Some(b), false) => assert_eq!(&one_run(&out), b, "trial {i}"),
                    (None, false) => assert!(!out.exists(), "trial {i}: {} exists", out.display()),
                }
                stopped += 1;
            }
            None => panic!("trial {i}: killed by the signal instead of handling it"),
        }
        if fresh {
            let _ = std::fs::remove_dir_all(&out);
        }
        assert_eq!(
            litter(&work, &["replaced"]),
            Vec::<String>::new(),
            "trial {i}"
        );
    }
    assert!(
        stopped >= 12,
        "only {stopped} of 24 signals arrived during the run"
    );
    eprintln!("signal trials: 24; {stopped} stopped the run, nothing left behind in any");
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_second_run_into_a_used_directory_is_refused_unless_forced_and_never_mixed() {
    let work = workdir("used");
    let out = work.join("out");
    let out_s = out.to_str().unwrap();
    let o = qcity(&["run", "scenarios/plan-2023.ron", "--out", out_s, "-q"]);
    assert!(o.status.success());
    let o = qcity(&[
        "run",
        "scenarios/business-as-usual.ron",
        "--out",
        out_s,
        "-q",
        "--no-plots",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("already holds a qcity output: add --force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(one_run(&out), "plan-2023");
    // Forced: the new set replaces the old whole (no report.html or plots of the first run).
    let o = qcity(&[
        "run",
        "scenarios/business-as-usual.ron",
        "--out",
        out_s,
        "-q",
        "--no-plots",
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join("report.html").exists() && !out.join("plots").exists());
    assert_eq!(litter(&work, &["out"]), Vec::<String>::new());
    // A directory of other files is never replaced, forced or not.
    let mine = work.join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "mine").unwrap();
    let o = qcity(&[
        "run",
        "scenarios/plan-2023.ron",
        "--out",
        mine.to_str().unwrap(),
        "-q",
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a qcity output"), "{}", stderr(&o));
    assert_eq!(listing(&mine), vec!["notes.txt".to_string()]);
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn two_runs_into_one_directory_at_once_one_is_refused_or_waits() {
    let work = workdir("busy");
    let out = work.join("out");
    let out_s = out.to_str().unwrap();
    let mut first = spawn(&[
        "run",
        "scenarios/plan-2023.ron",
        "--out",
        out_s,
        "-q",
        "-r",
        "4",
    ]);
    // The lock file appears as the first run starts writing.
    let lock = work.join(".out.qcity-lock");
    let t0 = Instant::now();
    while !lock.exists() && t0.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let o = qcity(&[
        "run",
        "scenarios/plan-2023.ron",
        "--out",
        out_s,
        "-q",
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("(pid {})", first.id())),
        "the message names the holder: {}",
        stderr(&o)
    );
    // With --wait, the second queues behind the first and then replaces its output.
    let o = qcity(&[
        "run",
        "scenarios/business-as-usual.ron",
        "--out",
        out_s,
        "-q",
        "--force",
        "--wait",
        "--no-plots",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(first.wait().unwrap().success());
    assert_eq!(one_run_no_report(&out), "business-as-usual");
    assert_eq!(litter(&work, &["out"]), Vec::<String>::new());
    let _ = std::fs::remove_dir_all(&work);
}

fn one_run_no_report(dir: &Path) -> String {
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    m["scenario_name"].as_str().unwrap().to_string()
}

/// A sweep small enough for CI and long enough (about ten seconds on two cores) to be caught
/// running.
fn write_sweep(dir: &Path) -> PathBuf {
    let f = dir.join("sweep.ron");
    std::fs::write(
        &f,
        format!(
            r#"(
  name: "lock-test",
  base: "{ROOT}/scenarios/business-as-usual.ron",
  seed: 3,
  scale: Enterprises(11000),
  horizon: (start: "2023-01", end: "2027-12"),
  factors: [(path: "lever.subsidy_rate", range: (0.0, 0.4))],
  design: FullFactorial(levels: 60),
  replicates: 2,
  outcomes: [Indicator(id: "mqci", at: "2027-12")],
)"#
        ),
    )
    .unwrap();
    f
}

#[test]
fn two_resumes_of_one_sweep_at_once_one_is_refused_and_the_directory_still_resumes() {
    let work = workdir("sweeplock");
    let sweep = write_sweep(&work);
    let sweep_s = sweep.to_str().unwrap();
    let out = work.join("out");
    let out_s = out.to_str().unwrap();
    let reference = work.join("reference");
    let o = qcity(&[
        "sweep",
        sweep_s,
        "--out",
        reference.to_str().unwrap(),
        "-q",
        "-j",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut refused = 0;
    for trial in 0..3 {
        // A first process runs; a second resume on the same directory is refused at once.
        let args: Vec<&str> = if trial == 0 {
            vec!["sweep", sweep_s, "--out", out_s, "-q", "-j", "1"]
        } else {
            vec![
                "sweep", sweep_s, "--out", out_s, "-q", "-j", "1", "--resume",
            ]
        };
        let partial = out.join("runs.csv.partial");
        let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
        let start = size(&partial);
        let mut first = spawn(&args);
        // Until the first process has written rows of its own (so it holds the lock).
        let t0 = Instant::now();
        while size(&partial) <= start + 100 && t0.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let o = qcity(&["sweep", sweep_s, "--out", out_s, "-q", "--resume"]);
        if first.try_wait().unwrap().is_none() {
            assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
            assert!(stderr(&o).contains("is in use"), "{}", stderr(&o));
            refused += 1;
        }
        // Then the first is killed mid-sweep, as a requeued job would be.
        signal(&first, libc::SIGKILL);
        let _ = first.wait();
    }
    assert!(
        refused >= 2,
        "the first process finished too soon to test the lock"
    );
    let o = qcity(&["sweep", sweep_s, "--out", out_s, "-q", "--resume"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(out.join("runs.csv")).unwrap(),
        std::fs::read(reference.join("runs.csv")).unwrap(),
        "the resumed sweep's rows equal an uninterrupted run's"
    );
    assert_eq!(
        litter(&work, &["out", "reference", "sweep.ron"]),
        Vec::<String>::new()
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_full_disk_exits_3_and_leaves_nothing() {
    let work = workdir("full");
    let mnt = work.join("disk");
    std::fs::create_dir_all(&mnt).unwrap();
    // A 512 KiB file system: room for the lock and a few files, not for a run's outputs.
    let mounted = Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            "size=512k",
            "tmpfs",
            mnt.to_str().unwrap(),
        ])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!(
            "skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN); the full-disk behaviour is untested on this machine"
        );
        let _ = std::fs::remove_dir_all(&work);
        return;
    }
    let out = mnt.join("out");
    let o = qcity(&[
        "run",
        "scenarios/plan-2023.ron",
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    let left = litter(&mnt, &[]);
    let _ = Command::new("umount").arg(&mnt).status();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("No space left on device"),
        "{}",
        stderr(&o)
    );
    assert_eq!(left, Vec::<String>::new(), "a full disk left files behind");
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_scale_beyond_the_machines_memory_is_refused_before_it_starts() {
    let work = workdir("mem");
    let f = plan_variant(
        &work,
        "huge",
        "params: (population: (registered_enterprises: 1e8)), scale: Full",
    );
    // 64 worlds of 100 million enterprises: terabytes, more than any machine this runs on.
    let out = work.join("out");
    let o = qcity(&[
        "run",
        f.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-r",
        "64",
        "-j",
        "64",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let msg = stderr(&o);
    assert!(
        msg.contains("need about")
            && msg.contains("GiB of memory")
            && msg.contains("available")
            && msg.contains("--no-memory-check"),
        "{msg}"
    );
    assert!(!out.exists());
    // `check` accepts the file (it is valid) and warns.
    let o = qcity(&["check", f.to_str().unwrap()]);
    assert!(o.status.success());
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_base_that_is_a_named_pipe_is_refused_not_waited_on() {
    let work = workdir("fifo");
    let fifo = work.join("pipe.ron");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid path; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let f = work.join("s.ron");
    std::fs::write(&f, "(name: \"x\", seed: 1, base: \"pipe.ron\")").unwrap();
    let mut child = spawn(&["check", f.to_str().unwrap()]);
    if wait_at_most(&mut child, Duration::from_secs(20)).is_none() {
        let _ = child.kill();
        panic!("qcity check hangs on a FIFO base");
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a regular file (a named pipe)"),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_target_with_no_data_is_no_data_everywhere_never_missed() {
    let work = workdir("nodata");
    // No food batches sampled: the published food pass rate has no statistic to come from.
    let f = plan_variant(
        &work,
        "nodata",
        "params: (statistics: (batches_per_1000_residents: (food: 0.0)))",
    );
    let out = work.join("out");
    let o = qcity(&[
        "run",
        f.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-r",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = String::from_utf8_lossy(&o.stdout).into_owned();
    let row = table
        .lines()
        .find(|l| l.starts_with("food_pass_rate"))
        .unwrap();
    assert!(row.ends_with("no data"), "{row}");
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let t = s["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "food_pass_rate" && t["year"] == 2027)
        .unwrap();
    assert_eq!(t["verdict"], "no data");
    assert!(t["met"].is_null() && t["probability_met"].is_null() && t["projected"].is_null());
    // The other targets keep their verdicts.
    let mfg = s["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "mfg_pass_rate" && t["year"] == 2027)
        .unwrap();
    assert!(mfg["met"].is_boolean() && mfg["verdict"] != "no data");
    let report = std::fs::read_to_string(out.join("report.html")).unwrap();
    let row = report
        .split("<tr data-id=\"food_pass_rate\" data-year=\"2027\">")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(
        row.contains(">no data<") && !row.contains("missed"),
        "{row}"
    );
    // compare shows it too.
    let plan = work.join("plan");
    assert!(
        qcity(&[
            "run",
            "scenarios/plan-2023.ron",
            "--out",
            plan.to_str().unwrap(),
            "-q",
            "-r",
            "2",
            "--no-plots"
        ])
        .status
        .success()
    );
    let cmp = work.join("cmp");
    let o = qcity(&[
        "compare",
        plan.to_str().unwrap(),
        out.to_str().unwrap(),
        "--out",
        cmp.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = String::from_utf8_lossy(&o.stdout).into_owned();
    let row = table
        .lines()
        .find(|l| l.starts_with("food_pass_rate"))
        .unwrap();
    assert!(row.contains("no data"), "{row}");
    let csv = std::fs::read_to_string(cmp.join("compare.csv")).unwrap();
    let row = csv
        .lines()
        .find(|l| l.starts_with("food_pass_rate,2027"))
        .unwrap();
    assert!(row.contains("no data"), "{row}");
    let _ = std::fs::remove_dir_all(&work);
}

/// Mutations of the shipped scenario and sweep files, parsed and checked: any outcome but a
/// panic, a hang or a signal is fine. A bounded fuzz run in CI (a few seconds); set
/// QCITY_FUZZ_SECONDS for a longer one.
#[test]
fn fuzzed_scenario_and_sweep_files_never_panic() {
    let seconds: f64 = std::env::var("QCITY_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8.0);
    let work = workdir("fuzz");
    let mut seeds: Vec<(String, String)> = Vec::new();
    for dir in [
        "scenarios",
        "scenarios/sweeps",
        "tests/broken",
        "tests/valid",
    ] {
        for e in std::fs::read_dir(Path::new(ROOT).join(dir))
            .unwrap()
            .flatten()
        {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "ron")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                // Bases are found relative to the file: make them absolute.
                let t = t
                    .replace(
                        "\"../plan-2023.ron\"",
                        &format!("\"{ROOT}/scenarios/plan-2023.ron\""),
                    )
                    .replace("\"../../scenarios/", &format!("\"{ROOT}/scenarios/"))
                    .replace(
                        "\"business-as-usual.ron\"",
                        &format!("\"{ROOT}/scenarios/business-as-usual.ron\""),
                    )
                    .replace(
                        "\"plan-2023.ron\"",
                        &format!("\"{ROOT}/scenarios/plan-2023.ron\""),
                    );
                seeds.push((p.file_name().unwrap().to_string_lossy().into_owned(), t));
            }
        }
    }
    seeds.sort();
    let tokens = [
        "NaN",
        "inf",
        "-inf",
        "-1",
        "0",
        "1e308",
        "1e-308",
        "\"\"",
        "[]",
        "()",
        "{}",
        ",",
        ":",
        "(",
        ")",
        "[",
        "]",
        "\"2023-01\"",
        "\"9999-99\"",
        "Full",
        "Enterprises(0)",
        "true",
        "1.5",
        "\u{feff}",
        "\r\n",
        "\u{0}",
        "\"\u{7}\"",
        "//",
        "/*",
        "None",
        "Some(1)",
        "18446744073709551615",
        "-0.0",
        "\"500103\"",
    ];
    let mut rng = Rng(0x5eed_f022);
    let (mut runs, mut ok, mut errors) = (0u32, 0u32, 0u32);
    let t0 = Instant::now();
    let mut batch = Vec::new();
    while t0.elapsed().as_secs_f64() < seconds {
        // A batch of mutants checked by one process (`qcity check a b c…`), for speed.
        batch.clear();
        for j in 0..16 {
            let (name, text) = &seeds[rng.below(seeds.len())];
            let mut t: Vec<char> = text.chars().collect();
            for _ in 0..1 + rng.below(4) {
                let pos = if t.is_empty() { 0 } else { rng.below(t.len()) };
                match rng.below(5) {
                    0 if !t.is_empty() => {
                        let end = (pos + 1 + rng.below(12)).min(t.len());
                        t.drain(pos..end);
                    }
                    1 => {
                        let tok = tokens[rng.below(tokens.len())];
                        for (k, c) in tok.chars().enumerate() {
                            t.insert(pos + k, c);
                        }
                    }
                    2 if !t.is_empty() => {
                        // Replace a number-ish run with a token.
                        let end = (pos + 1 + rng.below(6)).min(t.len());
                        let tok = tokens[rng.below(tokens.len())];
                        t.splice(pos..end, tok.chars());
                    }
                    3 if t.len() > 2 => {
                        // Duplicate a slice elsewhere.
                        let end = (pos + 1 + rng.below(40)).min(t.len());
                        let slice: Vec<char> = t[pos..end].to_vec();
                        let at = rng.below(t.len());
                        for (k, c) in slice.into_iter().enumerate() {
                            t.insert(at + k, c);
                        }
                    }
                    _ => {
                        let c = char::from_u32(rng.below(0x3000) as u32).unwrap_or('?');
                        if pos < t.len() {
                            t[pos] = c;
                        }
                    }
                }
            }
            let f = work.join(format!("m{j}-{name}"));
            std::fs::write(&f, t.into_iter().collect::<String>()).unwrap();
            batch.push(f);
        }
        let mut args = vec!["check".to_string()];
        args.extend(batch.iter().map(|p| p.to_string_lossy().into_owned()));
        let mut child = Command::new(BIN)
            .args(&args)
            .current_dir(ROOT)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let Some(status) = wait_at_most(&mut child, Duration::from_secs(60)) else {
            let _ = child.kill();
            panic!(
                "qcity check hung on one of {}",
                keep(&work, "hang", &batch).display()
            );
        };
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        runs += batch.len() as u32;
        ok += String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| l.starts_with("ok: "))
            .count() as u32;
        match status.code() {
            Some(0) => {}
            Some(2) if !err.contains("panicked") => {
                errors += err.lines().filter(|l| l.starts_with("error: ")).count() as u32
            }
            _ => {
                let kept = keep(&work, "crash", &batch);
                panic!(
                    "qcity check failed badly ({status}) on one of the files kept in {}:\n{err}",
                    kept.display()
                );
            }
        }
    }
    eprintln!(
        "fuzz: {runs} mutated files in {:.0} s; {ok} still valid, {errors} errors reported, no panic or hang",
        t0.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&work);
}
