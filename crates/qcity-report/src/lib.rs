//! qcity's pictures and pages, drawn from a run's results: the bundled fonts, the plots (PNG and
//! SVG), `report.html`, the trainer's race report and `qcity compare`. Depends on the core only;
//! no window, no renderer.

pub mod chart;
pub mod compare;
pub mod fan;
pub mod fonts;
pub mod front;
pub mod pairs;
pub mod plots;
pub mod race_report;
pub mod report;
