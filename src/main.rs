//! The `qcity` command line: a thin layer over the library.

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use qcity_core::error::{Error, InputErrors};
use qcity_core::lang::Lang;
use qcity_core::{bench, data, files, output, runner, scenario};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Simulates Chongqing's quality-improvement plan (质量强市建设实施方案) district by district and
/// projects it to the plan's 2027 and 2035 goals.
#[derive(Parser)]
#[command(name = "qcity", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// `--lang`: the language of labels and district names (both fonts are bundled).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LangArg {
    /// English labels (DejaVu Sans).
    En,
    /// Chinese labels (the bundled Noto Sans CJK SC subset).
    Zh,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario headless: month by month to the end of its horizon, writing
    /// timeseries.csv, summary.json, manifest.json, plots/ and report.html into --out.
    Run {
        #[command(flatten)]
        args: RunArgs,
        /// Skip the plots under DIR/plots/ and report.html.
        #[arg(long)]
        no_plots: bool,
    },
    /// Run a scenario with its horse race on and draw the trainer's report: a bump chart of
    /// ranks, a bar-chart-race GIF and a one-page summary, beside the run's outputs in --out.
    Race {
        #[command(flatten)]
        args: RunArgs,
    },
    /// Compare two runs' output directories: target-by-target differences (compare.csv),
    /// overlaid trajectories, difference maps and compare.html, written into --out.
    Compare {
        /// The first run's --out directory (A).
        a: PathBuf,
        /// The second run's --out directory (B); differences are B − A.
        b: PathBuf,
        /// Output directory, written whole at the end.
        #[arg(long, short)]
        out: PathBuf,
        #[command(flatten)]
        dest: DestArgs,
        /// Language of the chart labels and district names.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
        /// No table or list of files.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Run a batch sweep (scenarios/sweeps/*.ron): every design point × replicate on all
    /// cores, streaming runs.csv, then points.csv, sensitivity.csv, salib/ and ema/ exports.
    Sweep {
        /// The sweep file (RON).
        file: PathBuf,
        /// Output directory.
        #[arg(long, short)]
        out: PathBuf,
        /// Carry on with an interrupted sweep in --out (runs already written are kept).
        #[arg(long)]
        resume: bool,
        /// If another qcity process is writing --out, wait for it instead of stopping.
        #[arg(long)]
        wait: bool,
        /// Run even if the estimated memory exceeds what the machine has available.
        #[arg(long)]
        no_memory_check: bool,
        /// Run only the K-th of N slices (runs whose id mod N is K − 1), e.g. 3/8; join the
        /// slices with `qcity merge`.
        #[arg(long, value_name = "K/N")]
        shard: Option<qcity_sweep::Shard>,
        /// Worker threads, one world each (default: all cores). Results are identical for any
        /// value.
        #[arg(long, short = 'j')]
        threads: Option<usize>,
        /// No progress bar or summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Calibrate assumed parameters against published observations by approximate Bayesian
    /// computation (scenarios/calibration/*.ron): ABC rejection or ABC-SMC, each generation a
    /// sweep on all cores; writes posterior.csv, parameters.csv, fit.csv, pairs.png and
    /// calibrated.ron.
    Calibrate {
        /// The calibration file (RON).
        file: PathBuf,
        /// Output directory (generations/ holds each generation's runs).
        #[arg(long, short)]
        out: PathBuf,
        /// Carry on with an interrupted calibration in --out (finished runs are reused).
        #[arg(long)]
        resume: bool,
        /// If another qcity process is writing --out, wait for it instead of stopping.
        #[arg(long)]
        wait: bool,
        /// Run only the K-th of N slices of each generation's runs in an --out that all N
        /// share (a cluster's file system); each generation waits for all N slices, and slice
        /// 1 writes the outputs. Start all N at once (tools/slurm/calibrate-array.sh).
        #[arg(long, value_name = "K/N")]
        shard: Option<qcity_sweep::Shard>,
        /// Worker threads, one world each (default: all cores). Results are identical for any
        /// value.
        #[arg(long, short = 'j')]
        threads: Option<usize>,
        /// No progress or summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Compare the model with every figure seeds/observations.ron holds out for validation:
    /// runs the scenario with parameter draws from a calibration's posterior (and replicates),
    /// and writes validation.csv, fan charts and validation.html.
    Validate {
        /// The scenario to validate (what actually happened: the plan from 2023).
        #[arg(default_value = "scenarios/plan-2023.ron")]
        scenario: PathBuf,
        /// A `qcity calibrate` output directory whose posterior gives the parameter draws
        /// (without it, the scenario's own parameters with replicates only).
        #[arg(long, value_name = "DIR")]
        calibration: Option<PathBuf>,
        /// Output directory (runs/ holds the runs).
        #[arg(long, short)]
        out: PathBuf,
        /// Parameter draws from the posterior.
        #[arg(long, default_value_t = 40)]
        draws: usize,
        /// Runs per draw.
        #[arg(long, default_value_t = 2)]
        replicates: u32,
        /// Simulated enterprises per run (11000 to 1115900).
        #[arg(long, default_value_t = 11000)]
        enterprises: u32,
        /// Carry on with an interrupted validation in --out (finished runs are reused).
        #[arg(long)]
        resume: bool,
        /// Run only the K-th of N slices of the runs in an --out that all N share; slice 1
        /// waits for the others and writes the outputs.
        #[arg(long, value_name = "K/N")]
        shard: Option<qcity_sweep::Shard>,
        /// If another qcity process is writing --out, wait for it instead of stopping.
        #[arg(long)]
        wait: bool,
        /// Worker threads (default: all cores). Results are identical for any value.
        #[arg(long, short = 'j')]
        threads: Option<usize>,
        /// No progress or table.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Search for the cheapest lever mix that meets the targets (scenarios/optimize/*.ron):
    /// Bayesian optimisation (egobox-ego) or NSGA-II over the problem's variables, each batch
    /// or generation a sweep on all cores; writes
    /// pareto.csv, the front with the base scenario on it, each front point as a runnable
    /// scenario, and optimize.html.
    Optimize {
        /// The problem file (RON).
        file: PathBuf,
        /// Output directory (generations/ holds each generation's runs).
        #[arg(long, short)]
        out: PathBuf,
        /// Carry on with an interrupted search in --out (finished runs are reused).
        #[arg(long)]
        resume: bool,
        /// If another qcity process is writing --out, wait for it instead of stopping.
        #[arg(long)]
        wait: bool,
        /// Run only the K-th of N slices of each generation's runs in an --out all N share;
        /// slice 1 writes the outputs.
        #[arg(long, value_name = "K/N")]
        shard: Option<qcity_sweep::Shard>,
        /// Worker threads (default: all cores). Results are identical for any value.
        #[arg(long, short = 'j')]
        threads: Option<usize>,
        /// No progress or summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Join the outputs of a sweep's shards into one directory, identical to a one-machine run.
    Merge {
        /// The shards' --out directories (all N of them, any order).
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Output directory, written whole at the end.
        #[arg(long, short)]
        out: PathBuf,
        #[command(flatten)]
        dest: DestArgs,
    },
    /// Open the interactive map (needs a build with `--features gui`): play the scenario
    /// month by month, colour the districts by any indicator, move levers without resetting
    /// the run, and save what you changed as a scenario file.
    Map {
        /// The scenario file (RON).
        #[arg(default_value = "scenarios/plan-2023.ron")]
        scenario: PathBuf,
        /// Language of labels and district names.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
        /// Run --months months, save the window to this PNG and exit (for docs and tests).
        #[arg(long, value_name = "FILE")]
        screenshot: Option<PathBuf>,
        /// Months to run before --screenshot.
        #[arg(long, default_value_t = 0)]
        months: u32,
        /// Window size in pixels, WIDTHxHEIGHT.
        #[arg(long, default_value = "1600x1000")]
        size: String,
        /// Open with this district (code, e.g. 500101) selected: its detail shown and the
        /// levers in its scope.
        #[arg(long, value_name = "CODE")]
        district: Option<String>,
        /// Trainer mode for a lesson: the league as an animated bar race, the map by band,
        /// a pause after each assessment with the lesson's note, race rules changeable from
        /// the next month (keys: → next, ← back, Home restart, T measured/true, R rules,
        /// G record).
        #[arg(long)]
        trainer: bool,
        /// With --trainer: record each stop's view to DIR/frame-NNN.png and DIR/race.gif.
        #[arg(long, value_name = "DIR", requires = "trainer")]
        record: Option<PathBuf>,
        /// With --trainer: advance by itself SECONDS after each stop (with --record, close
        /// after the last assessment is saved; without, start again: a kiosk).
        #[arg(long, value_name = "SECONDS", requires = "trainer")]
        auto: Option<f32>,
        /// Compare with a second scenario of the same districts: both run month by month
        /// together, and the map shows A, B or B − A at the same month (on a fixed difference
        /// scale). Changes made on the map apply to A.
        #[arg(long, value_name = "FILE", conflicts_with = "trainer")]
        compare: Option<PathBuf>,
        /// Presentation scale of every panel and label, 0.5 to 3 (Ctrl + and Ctrl − change it
        /// in the window, Ctrl 0 returns to it). Default: the window's height over 900, at
        /// least 1 (1.2 at 1920x1080), so that the back of a room reads it.
        #[arg(long, value_name = "FACTOR")]
        scale: Option<f32>,
    },
    /// Check scenario, sweep or calibration files: every error with file, line, column, field and what is
    /// valid.
    Check {
        /// Scenario files (RON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the plan's targets (section 一(二) and the 2035 goal).
    Targets {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Measure enterprise-ticks per second and peak memory for a scenario run.
    Bench {
        /// The scenario to time (default: scenarios/full-scale.ron).
        #[arg(default_value = "scenarios/full-scale.ron")]
        scenario: PathBuf,
        /// Worker threads (default: all cores).
        #[arg(long, short = 'j')]
        threads: Option<usize>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Also time each mechanism's system alone (ms per month).
        #[arg(long)]
        systems: bool,
        /// Run even if the estimated memory exceeds what the machine has available.
        #[arg(long)]
        no_memory_check: bool,
        /// Skip the reference loop (the least work an enterprise-month can cost) that runs
        /// beside the model by default.
        #[arg(long)]
        no_reference: bool,
        /// Also measure at 1, 2, 4… threads up to --threads (each in a fresh process) and
        /// print how the model and the reference loop scale.
        #[arg(long)]
        scaling: bool,
    },
}

/// What `run` and `race` share.
#[derive(clap::Args)]
struct RunArgs {
    /// The scenario file (RON), e.g. scenarios/plan-2023.ron
    scenario: PathBuf,
    /// Output directory, written whole when the run ends (nothing appears there before).
    #[arg(long, short)]
    out: PathBuf,
    #[command(flatten)]
    dest: DestArgs,
    /// Seeded replicates to run in parallel; the summary then gives each target's probability
    /// (charts of the race show the first).
    #[arg(long, short, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=10000))]
    replicates: u32,
    /// Worker threads (default: all cores). Results are identical for any value.
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// No progress bar or summary table.
    #[arg(long, short)]
    quiet: bool,
    /// Language of the chart labels and district names (fonts for both are bundled).
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
    /// Run even if the estimated memory exceeds what the machine has available.
    #[arg(long)]
    no_memory_check: bool,
    /// A `qcity calibrate` output directory: run --draws parameter sets drawn from its
    /// posterior, each with --replicates runs, so that each target's probability carries
    /// parameter uncertainty as well as noise; the summary says which parameter each verdict
    /// depends on most and where it flips.
    #[arg(long, value_name = "DIR")]
    posterior: Option<PathBuf>,
    /// With --posterior: parameter draws.
    #[arg(long, default_value_t = 20, requires = "posterior", value_parser = clap::value_parser!(u32).range(3..=10000))]
    draws: u32,
}

/// How a command treats its output directory.
#[derive(clap::Args, Clone, Copy)]
struct DestArgs {
    /// Replace an earlier qcity output in --out (swapped in one step; never mixed with it).
    #[arg(long)]
    force: bool,
    /// If another qcity process is writing --out, wait for it instead of stopping.
    #[arg(long)]
    wait: bool,
}

impl DestArgs {
    fn claim(self, out: &std::path::Path) -> Result<qcity_core::outdir::Target, Error> {
        qcity_core::outdir::Target::claim(out, self.force, self.wait)
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Table,
    Csv,
}

fn main() -> ExitCode {
    // Like other Unix tools, stop quietly when the reader of our output goes away
    // (`qcity targets | head`) instead of panicking on a broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    on_signals(match &cli.command {
        Command::Sweep { out, .. } => format!(
            "the runs written so far are kept in {}: carry on with --resume",
            out.display()
        ),
        Command::Calibrate { out, .. } => format!(
            "the runs written so far are kept in {}: carry on with --resume",
            out.display()
        ),
        Command::Optimize { out, .. } => format!(
            "the runs written so far are kept in {}: carry on with --resume",
            out.display()
        ),
        Command::Validate { out, .. } => format!(
            "the runs written so far are kept in {}: carry on with --resume",
            out.display()
        ),
        Command::Map { .. } => "the map was closed".into(),
        _ => "nothing was written".into(),
    });
    let result = dispatch(cli.command);
    if qcity_core::outdir::interrupted() {
        // A signal is being handled: its thread cleans up and exits with 130 or 143.
        loop {
            std::thread::park();
        }
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match &e {
                Error::Input(_) => eprintln!("{e}"),
                _ => eprintln!("error: {e}"),
            }
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// Ctrl-C (SIGINT) and SIGTERM: stop, remove the staging directory and our lock files, say so
/// in one line and exit 130 or 143. Done on a thread of its own, not in the signal handler, so
/// that removing files is safe.
fn on_signals(what: String) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let name = if sig == SIGINT { "SIGINT" } else { "SIGTERM" };
                qcity_core::outdir::cleanup_and_exit(
                    128 + sig,
                    &format!("\nqcity: interrupted ({name}): stopped; {what}"),
                );
            }
        });
    }
    #[cfg(not(unix))]
    let _ = what;
}

/// `qcity optimize`: the generations, the outputs, then the cheapest feasible mix.
fn optimize(
    file: &std::path::Path,
    out: PathBuf,
    resume: bool,
    wait: bool,
    shard: Option<qcity_sweep::Shard>,
    threads: Option<usize>,
    quiet: bool,
) -> Result<(), Error> {
    if threads == Some(0) {
        return Err(Error::Other("--threads must be at least 1".into()));
    }
    let threads = thread_count(threads);
    qcity_core::threads::init_for_sweeps();
    let p = qcity_optimize::Problem::load(file)?;
    let opts = qcity_optimize::run::Options {
        out: out.clone(),
        resume,
        wait,
        threads,
        progress: !quiet,
        shard,
    };
    let search = qcity_optimize::run::run(&p, &opts)?;
    if let Some(s) = shard
        && s.index != 1
    {
        if !quiet {
            println!(
                "{}: slice {}/{} done; slice 1 writes the outputs",
                p.file.name, s.index, s.of
            );
        }
        return Ok(());
    }
    let _lock = match shard {
        Some(_) => Some(qcity_core::outdir::Lock::acquire(&out, true)?),
        None => Some(qcity_core::outdir::Lock::acquire(&out, wait)?),
    };
    let written = qcity_optimize::outputs::write(&p, &search, &out)?;
    if quiet {
        return Ok(());
    }
    let cols: Vec<String> = p
        .file
        .objectives
        .iter()
        .map(qcity_optimize::problem::Objective::column)
        .collect();
    println!(
        "{}: {} candidates, {} runs ({} resumed) in {:.1} s",
        p.file.name,
        search.archive.len(),
        search.runs,
        search.resumed,
        search.seconds
    );
    if let Some(r) = qcity_optimize::outputs::robust_sentence(&p) {
        println!("{r}");
    }
    let show = |objectives: &[f64]| -> String {
        cols.iter()
            .zip(objectives)
            .map(|(c, x)| {
                if c == "public_cost_yuan" {
                    format!("{c} {}", yuan(*x))
                } else {
                    format!("{c} {x:.3}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match qcity_optimize::outputs::cheapest(&p, &search) {
        Some(i) => {
            let c = &search.archive[i];
            let o = c.confirmed.as_ref().map_or(&c.objectives, |x| &x.0);
            println!(
                "\ncheapest mix that meets the constraints (confirmed on fresh seeds): {}",
                show(o)
            );
            for (v, x) in p.file.variables.iter().zip(&c.values) {
                println!("  {:<36} {x:.4}", v.column());
            }
        }
        None => {
            // Which constraint no candidate met, and the closest candidate.
            for c in &p.file.constraints {
                println!(
                    "no candidate met all the constraints; checked: {}",
                    c.describe()
                );
            }
            if let Some(best) = search
                .archive
                .iter()
                .min_by(|a, b| a.violation.total_cmp(&b.violation))
            {
                println!(
                    "closest: violation {:.3}, {} at {:?}",
                    best.violation,
                    show(&best.objectives),
                    best.values
                );
            }
        }
    }
    match qcity_optimize::outputs::as_good_as_the_base(&p, &search) {
        Some((i, base_cost)) => {
            let c = &search.archive[i];
            let o = c.confirmed.as_ref().map_or(&c.objectives, |x| &x.0);
            let cost = p
                .file
                .objectives
                .iter()
                .position(|o| *o == qcity_optimize::problem::Objective::PublicCost)
                .map_or(f64::NAN, |k| o[k]);
            println!(
                "\nas good as {} in every objective, for less (confirmed): {} ({} less than its {})",
                search
                    .references
                    .first()
                    .map_or("the base", |r| r.0.as_str()),
                show(o),
                yuan(base_cost - cost),
                yuan(base_cost)
            );
            for (v, x) in p.file.variables.iter().zip(&c.values) {
                println!("  {:<36} {x:.4}", v.column());
            }
        }
        None => println!(
            "\nno front candidate, confirmed on fresh seeds, is as good as the base scenario in every objective for less"
        ),
    }
    for (label, _, o, v) in &search.references {
        println!(
            "  for comparison (confirmation runs), {label}: {}{}",
            show(o),
            if *v > 0.0 {
                " (breaks a constraint)"
            } else {
                ""
            }
        );
    }
    println!();
    for w in written {
        println!("wrote {}", w.display());
    }
    Ok(())
}

/// `qcity calibrate`: the generations, then a summary of the posterior and the fit.
fn calibrate(
    file: &std::path::Path,
    out: PathBuf,
    resume: bool,
    wait: bool,
    shard: Option<qcity_sweep::Shard>,
    threads: Option<usize>,
    quiet: bool,
) -> Result<(), Error> {
    if threads == Some(0) {
        return Err(Error::Other("--threads must be at least 1".into()));
    }
    let threads = thread_count(threads);
    qcity_core::threads::init_for_sweeps();
    let cal = qcity_calibrate::Calibration::load(file)?;
    let post = qcity_calibrate::run::run(
        &cal,
        &qcity_calibrate::run::Options {
            out,
            resume,
            wait,
            threads,
            progress: !quiet,
            shard,
        },
    )?;
    if quiet {
        return Ok(());
    }
    if let Some(s) = shard
        && s.index != 1
    {
        println!(
            "{}: slice {}/{} done; slice 1 writes the outputs",
            cal.file.name, s.index, s.of
        );
        return Ok(());
    }
    let g = post.last();
    println!(
        "{}: {} generation(s), {} runs ({} resumed) in {:.1} s; final temperature {}, effective sample size {:.0} of {}",
        cal.file.name,
        post.generations.len(),
        post.runs,
        post.resumed,
        post.seconds,
        g.temperature,
        g.ess,
        g.particles.len()
    );
    if !post.converged {
        println!(
            "  not converged: the last generation is tempered (temperature {:.3} > 1), so the posterior below is wider than the data allow; raise max_generations or particles",
            g.temperature
        );
    }
    println!(
        "\n  {:<44} {:>22} {:>30} {:>6}  identification",
        "parameter", "prior 90 %", "posterior median [90 %]", "sd/sd0"
    );
    for p in qcity_calibrate::outputs::parameters(&cal, g) {
        println!(
            "  {:<44} {:>22} {:>30} {:>6.2}  {}",
            p.name,
            format!("{:.4} to {:.4}", p.prior_p05, p.prior_p95),
            format!("{:.4} [{:.4}, {:.4}]", p.p50, p.p05, p.p95),
            p.sd_ratio,
            p.identification
        );
    }
    println!(
        "\n  {:<44} {:>10} {:>8} {:>30} {:>7}",
        "observation", "observed", "σ", "simulated median [90 %]", "inside"
    );
    for f in qcity_calibrate::outputs::fits(&cal, g) {
        println!(
            "  {:<44} {:>10} {:>8.3} {:>30} {:>7}",
            f.observation,
            format!(
                "{}{:.3}",
                if f.bound == "=" { "" } else { f.bound },
                f.observed
            ),
            f.sigma,
            format!("{:.3} [{:.3}, {:.3}]", f.p50, f.p05, f.p95),
            if f.inside { "yes" } else { "no" }
        );
    }
    println!();
    for w in &post.written {
        println!("wrote {}", w.display());
    }
    Ok(())
}

fn dispatch(cmd: Command) -> Result<(), Error> {
    match cmd {
        Command::Run { args, no_plots } => run(args, false, no_plots),
        Command::Check { files } => check(files),
        Command::Sweep {
            file,
            out,
            resume,
            wait,
            no_memory_check,
            shard,
            threads,
            quiet,
        } => {
            if threads == Some(0) {
                return Err(Error::Other("--threads must be at least 1".into()));
            }
            let threads = thread_count(threads);
            qcity_core::threads::init_for_sweeps();
            let sweep = qcity_sweep::Sweep::load(&file)?;
            if !no_memory_check
                && let Some(p) = sweep.points.first()
                && let Ok(s) = sweep.scenario_for(p, sweep.file.seed)
            {
                qcity_core::runner::check_memory(&s, threads)?;
            }
            let report = qcity_sweep::exec::run(
                &sweep,
                &qcity_sweep::exec::Options {
                    out,
                    resume,
                    wait,
                    shard,
                    threads,
                    progress: !quiet,
                    analyse: true,
                },
            )?;
            if !quiet {
                let ran = report.runs - report.resumed;
                if report.written.is_empty() {
                    println!(
                        "{}: nothing to run, the {} runs in this directory are complete ({} failed)",
                        sweep.file.name, report.runs, report.failed
                    );
                    return Ok(());
                }
                println!(
                    "{}: {} runs ({} resumed, {} failed) in {:.1} s, {:.2} runs/s on {threads} threads",
                    sweep.file.name,
                    report.runs,
                    report.resumed,
                    report.failed,
                    report.seconds,
                    ran as f64 / report.seconds.max(1e-9)
                );
                for w in report.written {
                    println!("wrote {}", w.display());
                }
            }
            Ok(())
        }
        Command::Calibrate {
            file,
            out,
            resume,
            wait,
            shard,
            threads,
            quiet,
        } => calibrate(&file, out, resume, wait, shard, threads, quiet),
        Command::Optimize {
            file,
            out,
            resume,
            wait,
            shard,
            threads,
            quiet,
        } => optimize(&file, out, resume, wait, shard, threads, quiet),
        Command::Validate {
            scenario,
            calibration,
            out,
            draws,
            replicates,
            enterprises,
            resume,
            shard,
            wait,
            threads,
            quiet,
        } => {
            if threads == Some(0) || draws == 0 || replicates == 0 {
                return Err(Error::Other(
                    "--threads, --draws and --replicates must be at least 1".into(),
                ));
            }
            let threads = thread_count(threads);
            qcity_core::threads::init_for_sweeps();
            let v = qcity_calibrate::validate::validate(&qcity_calibrate::validate::Options {
                scenario,
                calibration,
                out,
                draws,
                replicates,
                scale: qcity_core::scenario::Scale::Enterprises(enterprises),
                threads,
                progress: !quiet,
                resume,
                wait,
                shard,
            })?;
            if quiet {
                return Ok(());
            }
            if let Some(s) = shard
                && s.index != 1
            {
                println!(
                    "validation: slice {}/{} done; slice 1 writes the outputs",
                    s.index, s.of
                );
                return Ok(());
            }
            println!(
                "{} runs ({} resumed): {} parameter draw(s){}",
                v.runs,
                v.resumed,
                v.draws,
                if v.parameters.is_empty() {
                    String::new()
                } else {
                    format!(" of {}", v.parameters.join(", "))
                }
            );
            println!(
                "\n  {:<42} {:>9} {:>30} {:>7} {:>8}",
                "held-out figure", "observed", "simulated median [5–95 %]", "inside", "error"
            );
            for r in &v.rows {
                match r.inside {
                    Some(inside) => println!(
                        "  {:<42} {:>9} {:>30} {:>7} {:>+8.3}",
                        r.observation,
                        format!(
                            "{}{:.3}",
                            if r.bound == "=" { "" } else { r.bound },
                            r.observed
                        ),
                        format!("{:.3} [{:.3}, {:.3}]", r.p50, r.p05, r.p95),
                        if inside { "yes" } else { "no" },
                        r.error.unwrap_or(f64::NAN)
                    ),
                    None => println!("  {:<42} {}", r.observation, r.compared_as),
                }
            }
            println!(
                "\ncoverage: {} of {} held-out figures inside the simulated 5–95 % band ({:.0} %); mean absolute error over exact figures {:.3}",
                v.rows.iter().filter(|r| r.inside == Some(true)).count(),
                v.compared,
                100.0 * v.coverage,
                v.mean_abs_error
            );
            for w in &v.written {
                println!("wrote {}", w.display());
            }
            Ok(())
        }
        Command::Map {
            scenario,
            lang,
            screenshot,
            months,
            size,
            district,
            trainer,
            record,
            auto,
            compare,
            scale,
        } => {
            if let Some(f) = scale
                && !(f.is_finite() && (0.5..=3.0).contains(&f))
            {
                return Err(Error::Other(format!(
                    "--scale {f}: give a presentation scale from 0.5 to 3 (1 is the default size)"
                )));
            }
            if let Some(a) = auto
                && !(a.is_finite() && (0.0..=3600.0).contains(&a))
            {
                return Err(Error::Other(format!(
                    "--auto {a}: give the seconds to wait at each stop, 0 to 3600"
                )));
            }
            let (w, h) = size
                .split_once('x')
                .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)))
                .filter(|(w, h)| (640..=8192).contains(w) && (480..=8192).contains(h))
                .ok_or_else(|| {
                    Error::Other(format!(
                        "--size {size}: write WIDTHxHEIGHT, e.g. 1600x1000 (640x480 to 8192x8192)"
                    ))
                })?;
            map(MapArgs {
                scenario,
                lang,
                screenshot,
                months,
                width: w,
                height: h,
                district,
                trainer,
                record,
                auto,
                compare,
                scale,
            })
        }
        Command::Merge { dirs, out, dest } => {
            let target = dest.claim(&out)?;
            for w in qcity_sweep::merge::merge(&dirs, target)? {
                println!("wrote {}", w.display());
            }
            Ok(())
        }
        Command::Compare {
            a,
            b,
            out,
            dest,
            lang,
            quiet,
        } => {
            let target = dest.claim(&out)?;
            let districts = data::districts::embedded();
            let run_a = qcity_report::compare::load(&a, "A", &districts)?;
            let run_b = qcity_report::compare::load(&b, "B", &districts)?;
            let c = qcity_report::compare::compare(&run_a, &run_b, lang.into())?;
            let written = target.publish(c.files)?;
            if !quiet {
                print!("{}", c.table);
                for w in written {
                    println!("wrote {}", w.display());
                }
            }
            Ok(())
        }
        Command::Race { args } => run(args, true, false),
        Command::Targets { format } => {
            targets(format);
            Ok(())
        }
        Command::Bench {
            scenario,
            threads,
            json,
            systems,
            no_memory_check,
            no_reference,
            scaling,
        } => {
            if threads == Some(0) {
                return Err(Error::Other("--threads must be at least 1".into()));
            }
            qcity_core::threads::init(threads);
            let s = Arc::new(scenario::load(&scenario)?);
            if !no_memory_check {
                qcity_core::runner::check_memory(&s, 1)?;
            }
            if systems {
                for (name, ms) in bench::per_system(s.clone(), 12, 5) {
                    println!("{name:<20} {ms:>8.2} ms/month");
                }
            }
            let n = thread_count(threads);
            let r = bench::bench(s, n, !no_reference);
            if json {
                println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
            } else {
                println!(
                    "{}: {} enterprises × {} months on {} threads\n  setup {:.2} s, run {:.2} s, total {:.2} s\n  {:.2} million enterprise-ticks per second\n  peak memory {} MiB ({} bytes per enterprise, at most)",
                    r.scenario,
                    r.enterprises,
                    r.months,
                    r.threads,
                    r.setup_seconds,
                    r.run_seconds,
                    r.total_seconds,
                    r.enterprise_ticks_per_second / 1e6,
                    r.peak_memory_mib.map_or("?".into(), |m| format!("{m:.0}")),
                    r.peak_bytes_per_enterprise
                        .map_or("?".into(), |b| format!("{b:.0}"))
                );
                if let (Some(x), Some(ratio)) = (&r.reference, r.ratio_to_reference) {
                    println!(
                        "  reference loop (the least work per enterprise-month; bench.rs): {:.2} s, {:.2} million enterprise-ticks per second\n  the model takes {ratio:.1}× the reference loop",
                        x.seconds,
                        x.enterprise_ticks_per_second / 1e6
                    );
                }
            }
            if scaling {
                bench_scaling(&scenario, n, no_memory_check)?;
            }
            Ok(())
        }
    }
}

/// `bench --scaling`: the model and the reference loop at 1, 2, 4… threads, each count in a
/// fresh process (a process sets its thread pools once).
fn bench_scaling(
    scenario: &std::path::Path,
    max: usize,
    no_memory_check: bool,
) -> Result<(), Error> {
    let exe = std::env::current_exe().map_err(|e| Error::Other(format!("bench --scaling: {e}")))?;
    let mut counts = vec![];
    let mut k = 1;
    while k < max {
        counts.push(k);
        k *= 2;
    }
    counts.push(max);
    println!("threads   model s   speed-up   reference s   speed-up   ratio");
    let mut base: Option<(f64, f64)> = None;
    for k in counts {
        let mut cmd = std::process::Command::new(&exe);
        cmd.arg("bench")
            .arg(scenario)
            .args(["--json", "-j", &k.to_string()]);
        if no_memory_check {
            cmd.arg("--no-memory-check");
        }
        let o = cmd
            .output()
            .map_err(|e| Error::Other(format!("bench --scaling: {e}")))?;
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).map_err(|_| {
            Error::Other(format!(
                "bench --scaling: {k} threads: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            ))
        })?;
        let model = v["run_seconds"].as_f64().unwrap_or(f64::NAN);
        let reference = v["reference"]["seconds"].as_f64().unwrap_or(f64::NAN);
        let (m1, r1) = *base.get_or_insert((model, reference));
        println!(
            "{k:>7} {model:>9.2} {:>9.2}× {reference:>13.2} {:>9.2}× {:>6.1}×",
            m1 / model,
            r1 / reference,
            model / reference
        );
    }
    Ok(())
}

fn run(args: RunArgs, race: bool, no_plots: bool) -> Result<(), Error> {
    let RunArgs {
        scenario: path,
        out,
        dest,
        replicates,
        threads,
        quiet,
        lang,
        no_memory_check,
        posterior,
        draws,
    } = args;
    if threads == Some(0) {
        return Err(Error::Other("--threads must be at least 1".into()));
    }
    qcity_core::threads::init(threads);
    // With --posterior: one scenario per parameter draw (and its counterfactual under the same
    // draw), `replicates` runs each.
    let drawn = match &posterior {
        Some(dir) => Some(qcity_calibrate::uncertainty::draws(dir, draws as usize)?),
        None => None,
    };
    let with_draw = |p: &std::path::Path, d: usize| -> Result<scenario::Scenario, Error> {
        match &drawn {
            Some((paths, values)) => qcity_calibrate::uncertainty::scenario_with(
                p,
                &paths
                    .iter()
                    .cloned()
                    .zip(values[d].iter().copied())
                    .collect::<Vec<_>>(),
            ),
            None => Ok(scenario::load(p)?),
        }
    };
    let n_draws = drawn.as_ref().map_or(1, |(_, v)| v.len());
    let mut s = with_draw(&path, 0)?;
    if race && !s.race_ever_on() {
        if !quiet {
            eprintln!(
                "note: {} has the race off; running it with its rules switched on",
                path.display()
            );
        }
        s.assessment.enabled = true;
    }
    let mut scenarios = vec![Arc::new(s.clone())];
    for d in 1..n_draws {
        let mut x = with_draw(&path, d)?;
        x.assessment.enabled = s.assessment.enabled;
        scenarios.push(Arc::new(x));
    }
    let s = Arc::new(s);
    let months = s.horizon.months() as u64 * n_draws as u64;
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::new(months * replicates as u64);
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} {msg} [{bar:30}] {pos}/{len} months {per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        b.set_message(format!("{} × {replicates}", s.name));
        b
    };
    // The counterfactual (business as usual) runs beside, with the same seed, scale and
    // replicates: common random numbers, so that the effect is a paired difference, not two
    // draws' noise.
    let counterfactuals = match &s.counterfactual {
        Some(p) => {
            let mut v = Vec::new();
            for d in 0..n_draws {
                let mut c = with_draw(p, d)?;
                c.seed = s.seed;
                c.scale = s.scale;
                v.push(Arc::new(c));
            }
            Some(v)
        }
        None => None,
    };
    let counterfactual = counterfactuals.as_ref().map(|v| v[0].clone());
    if !no_memory_check {
        let worlds = (replicates as usize).min(thread_count(threads));
        qcity_core::runner::check_memory(&s, worlds)?;
    }
    // Refused now (busy, or an earlier run without --force), not after the simulation.
    let target = dest.claim(&out)?;
    if counterfactual.is_some() {
        bar.set_length(2 * months * replicates as u64);
    }
    let tick = || bar.inc(1);
    let results = runner::run_draws(&scenarios, replicates, &tick);
    let cf_results = counterfactuals
        .as_ref()
        .map(|c| runner::run_draws(c, replicates, &tick));
    bar.finish_and_clear();

    let mut summary = output::summarise(&s, &results);
    if let (Some(c), Some(r)) = (&counterfactual, &cf_results) {
        output::add_counterfactual(&mut summary, &output::summarise(c, r));
    }
    if let (Some((paths, values)), Some(dir)) = (&drawn, &posterior) {
        let sensitivity = qcity_calibrate::uncertainty::sensitivity(
            &s,
            &summary,
            &results,
            replicates as usize,
            values,
            paths,
        );
        summary.parameter_uncertainty = Some(output::ParameterUncertainty {
            calibration: dir.display().to_string(),
            draws: values.len(),
            replicates_per_draw: replicates,
            parameters: paths.clone(),
            sensitivity,
        });
    }
    let mut files = files::Outputs::new();
    files.add("timeseries.csv", output::timeseries_csv(&s, &results));
    if let Some(c) = qcity_core::costs::costs_csv(&s, &results) {
        files.add("costs.csv", c);
    }
    files.add("summary.json", files::to_json(&summary));
    let manifest = output::manifest(&s, replicates * n_draws as u32);
    if s.race_ever_on() {
        files.add("standings.csv", output::standings_csv(&s, &results));
    }
    let mut race_md = None;
    if race {
        for (name, bytes) in qcity_report::race_report::report(&s, &results, lang.into())? {
            if name == "race_summary.md" {
                race_md = Some(String::from_utf8_lossy(&bytes).into_owned());
            }
            files.add(&name, bytes);
        }
    }
    if !no_plots {
        let cf = counterfactual
            .as_ref()
            .zip(cf_results.as_deref())
            .map(|(c, r)| (c.name.as_str(), r));
        let plots = qcity_report::plots::plots(&s, &results, cf, &summary, lang.into())?;
        let page = qcity_report::report::html(&s, &summary, &manifest, &plots, race_md.as_deref());
        files.add("report.html", page.into_bytes());
        for (name, bytes) in plots {
            files.add(&name, bytes);
        }
    }
    files.add("manifest.json", manifest);
    let written = target.publish(files.into_files())?;
    if !quiet {
        print_summary(&summary);
        if let Some(c) = &summary.costs {
            print_costs(c);
        }
        if let Some(u) = &summary.parameter_uncertainty {
            println!(
                "\nparameter uncertainty: {} draws from {} × {} replicates; what each verdict depends on most:",
                u.draws, u.calibration, u.replicates_per_draw
            );
            for v in &u.sensitivity {
                println!(
                    "  {:<34} {}  {:<52} ρ {:+.2}{}  {}",
                    v.target,
                    v.year,
                    v.parameter,
                    v.rank_correlation,
                    if v.significant {
                        ""
                    } else {
                        " (could be noise)"
                    },
                    match v.flips_at {
                        Some(x) => format!("flips at {x:.4}"),
                        None => "does not flip within the draws".into(),
                    }
                );
            }
        }
        for w in written {
            println!("wrote {}", w.display());
        }
    }
    Ok(())
}

/// Yuan as a person reads large sums: 亿 (100 million) or 万 (10 thousand) yuan.
fn yuan(x: f64) -> String {
    if x.abs() >= 1e8 {
        format!("{:.2} 亿 yuan", x / 1e8)
    } else {
        format!("{:.0} 万 yuan", x / 1e4)
    }
}

fn print_costs(c: &qcity_core::costs::CostSummary) {
    println!(
        "\npublic spending: {} a year ({} over the horizon); firms' own quality spending {}",
        yuan(c.public_per_year_yuan),
        yuan(c.public_total_yuan),
        yuan(c.firms_own_yuan)
    );
    for d in &c.by_department {
        println!(
            "  {:<24} {}",
            format!("{} {}", d.department, d.name_zh),
            yuan(d.yuan)
        );
    }
    if let Some(cf) = c.counterfactual_public_total_yuan {
        println!(
            "  over the counterfactual: {} ({} there)",
            yuan(c.public_total_yuan - cf),
            yuan(cf)
        );
        println!(
            "  the plan's whole extra public spending, per point each target gains over it (not an allocation):"
        );
        for t in &c.per_target {
            if let Some(p) = t.yuan_per_point
                && p.is_finite()
                && t.effect > 1e-9
            {
                println!(
                    "    {:<28} {}  {} per point ({:+.2})",
                    t.target,
                    t.year,
                    yuan(p),
                    t.effect
                );
            }
        }
    }
}

/// The worker threads a command will use: `--threads`, or every core.
fn thread_count(threads: Option<usize>) -> usize {
    threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn print_summary(s: &output::Summary) {
    println!(
        "{} ({} replicate{})",
        s.scenario,
        s.replicates,
        if s.replicates == 1 { "" } else { "s" }
    );
    let trend = s.targets.iter().any(|t| t.counterfactual.is_some());
    let extra = if trend {
        format!(" {:>10} {:>8}", "trend", "effect")
    } else {
        String::new()
    };
    println!(
        "{:<28} {:>4} {:>14} {:>12}{extra} {:>8}",
        "target", "year", "rule", "projected", "met"
    );
    for t in &s.targets {
        let met = match (t.met, t.probability_met) {
            (None, _) | (_, None) => output::NO_DATA.to_string(),
            (_, Some(p)) if s.replicates > 1 => format!("{:.0}%", 100.0 * p),
            (Some(true), _) => "yes".into(),
            (Some(false), _) => "no".into(),
        };
        let extra = if trend {
            let f = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.2}"));
            let g = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:+.2}"));
            format!(" {:>10} {:>8}", f(t.counterfactual), g(t.effect))
        } else {
            String::new()
        };
        println!(
            "{:<28} {:>4} {:>14} {:>12}{extra} {:>8}",
            t.id,
            t.year,
            t.rule,
            if t.projected.is_finite() {
                format!("{:.2}", t.projected)
            } else {
                "–".into()
            },
            met
        );
    }
}

/// What `qcity map` was asked for.
#[cfg_attr(not(feature = "gui"), allow(dead_code))]
struct MapArgs {
    scenario: PathBuf,
    lang: LangArg,
    screenshot: Option<PathBuf>,
    months: u32,
    width: u32,
    height: u32,
    #[cfg_attr(not(feature = "gui"), allow(dead_code))]
    district: Option<String>,
    trainer: bool,
    record: Option<PathBuf>,
    auto: Option<f32>,
    #[cfg_attr(not(feature = "gui"), allow(dead_code))]
    compare: Option<PathBuf>,
    #[cfg_attr(not(feature = "gui"), allow(dead_code))]
    scale: Option<f32>,
}

#[cfg(feature = "gui")]
fn map(a: MapArgs) -> Result<(), Error> {
    qcity_gui::run(qcity_gui::MapOptions {
        scenario: a.scenario,
        lang: a.lang.into(),
        screenshot: a.screenshot,
        months: a.months,
        width: a.width,
        height: a.height,
        district: a.district,
        trainer: a.trainer.then_some(qcity_gui::trainer::TrainerOptions {
            record: a.record,
            auto: a.auto,
        }),
        compare: a.compare,
        scale: a.scale,
    })
}

#[cfg(not(feature = "gui"))]
fn map(a: MapArgs) -> Result<(), Error> {
    // Check the scenario anyway, so the message is about the build, not the input.
    scenario::load(&a.scenario)?;
    Err(Error::Other(
        "this qcity was built without the interactive map: build it with `cargo build --release --features gui` (about 20 minutes the first time)".into(),
    ))
}

fn check(files: Vec<PathBuf>) -> Result<(), Error> {
    let mut errors = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let top = |field: &str| {
            qcity_core::error::locate::locate_depth(&text, field).is_some_and(|(d, _)| d == 1)
        };
        if top("variables") && top("objectives") {
            match qcity_optimize::Problem::load(f) {
                Ok(p) => println!(
                    "ok: {} (optimisation {}, {} variables, {} objectives{}, {} runs in the search before its confirmation)",
                    f.display(),
                    p.file.name,
                    p.file.variables.len(),
                    p.file.objectives.len(),
                    if p.file.robust.is_some() {
                        format!(", each candidate in {} states of the world", p.states.len())
                    } else {
                        String::new()
                    },
                    (p.file.generations + 1)
                        * p.file.population
                        * p.file.replicates as usize
                        * p.states.len()
                ),
                Err(InputErrors(e)) => errors.extend(e),
            }
            continue;
        }
        if qcity_calibrate::file::is_calibration_file(f) {
            match qcity_calibrate::Calibration::load(f) {
                Ok(c) => println!(
                    "ok: {} (calibration {}, {} parameters, {} observations, up to {} runs)",
                    f.display(),
                    c.file.name,
                    c.file.parameters.len(),
                    c.terms.len(),
                    c.file.method.particles()
                        * c.file.method.max_generations()
                        * c.file.replicates as usize
                ),
                Err(InputErrors(e)) => errors.extend(e),
            }
            continue;
        }
        if qcity_sweep::is_sweep_file(f) {
            match qcity_sweep::Sweep::load(f) {
                Ok(s) => println!(
                    "ok: {} (sweep {}, {} points × {} replicates = {} runs)",
                    f.display(),
                    s.file.name,
                    s.points.len(),
                    s.file.replicates,
                    s.runs()
                ),
                Err(InputErrors(e)) => errors.extend(e),
            }
            continue;
        }
        match scenario::load(f) {
            Ok(s) => {
                println!(
                    "ok: {} ({}, {} enterprises, {} events)",
                    f.display(),
                    s.name,
                    s.enterprises(),
                    s.events.len()
                );
                if let Err(e) = qcity_core::runner::check_memory(&s, 1) {
                    println!("  warning: {e}");
                }
            }
            Err(InputErrors(e)) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(InputErrors(errors)))
    }
}

fn targets(format: Format) {
    let t = data::targets::embedded();
    let obs = data::observations::embedded();
    // Chongqing's published history of a target (national figures where Chongqing has none).
    let history = |id: &str| -> Vec<String> { obs.history(id).iter().map(|o| o.label()).collect() };
    match format {
        Format::Csv => {
            println!(
                "id,section,indicator_en,indicator_zh,unit,comparison,target_2027,target_2035,baseline,baseline_year,baseline_scope,observed"
            );
            for x in &t {
                let b = x.baseline.as_ref();
                println!(
                    "{},{},\"{}\",{},{},{:?},{},{},{},{},{},\"{}\"",
                    x.id,
                    x.section,
                    x.indicator_en,
                    x.indicator_zh,
                    x.unit,
                    x.comparison,
                    x.target_2027.map_or(String::new(), |v| v.to_string()),
                    x.target_2035.map_or(String::new(), |v| v.to_string()),
                    b.map_or(String::new(), |b| b.value.to_string()),
                    b.map_or(String::new(), |b| b.year.to_string()),
                    b.map_or(String::new(), |b| format!("{:?}", b.scope)),
                    history(&x.id).join("; "),
                );
            }
        }
        Format::Table => {
            println!(
                "{:<28} {:<8} {:<10} {:>14} {:>14} {:>16}  indicator",
                "id", "section", "unit", "2027", "2035", "baseline"
            );
            for x in &t {
                let b = x
                    .baseline
                    .as_ref()
                    .map_or("—".to_string(), |b| format!("{} ({})", b.value, b.year));
                let y27 = match x.comparison {
                    data::Comparison::TimesBaseline(f) => format!("×{f} of start"),
                    _ => x
                        .target_2027
                        .map_or("—".into(), |v| format!("{} {v}", sym(x.comparison))),
                };
                let y35 = x
                    .target_2035
                    .map_or("—".into(), |v| format!("{} {v}", sym(x.comparison)));
                println!(
                    "{:<28} {:<8} {:<10} {:>14} {:>14} {:>16}  {} {}",
                    x.id, x.section, x.unit, y27, y35, b, x.indicator_zh, x.indicator_en
                );
                let h = history(&x.id);
                let line = if h.is_empty() {
                    "observed: none found (see seeds/observations.ron, not_found)".to_string()
                } else {
                    format!("observed: {}", h.join(", "))
                };
                println!("{:<28} {line}", "");
            }
        }
    }
}

fn sym(c: data::Comparison) -> &'static str {
    match c {
        data::Comparison::Equal => "=",
        _ => "≥",
    }
}
