//! Step 8 of the month: Credit (item 25 信用监管, 失信惩戒; repair under 国市监信规〔2021〕3号).
//!
//! The rules, applied each month to every firm in this order:
//! 1. A detected violation costs `violation_points` (a serious one `serious_points`), is
//!    published for `publicity_months`, and a serious one puts the firm on the blacklist
//!    (严重违法失信名单) for `blacklist_months` when joint punishment is in force.
//! 2. Release: at the end of the listing; or early, after `early_exit_months` clean months, where
//!    credit repair is allowed.
//! 3. Repair: after `repair_after_months` clean months, where repair is allowed, the score
//!    regains `repair_points_per_month`, never above its score before penalties.
//! 4. Regrading: A ≥ `threshold_a` > B ≥ `threshold_b` > C ≥ `threshold_c` > D; a listed firm is D.
//!
//! A firm never found in violation has nothing to release, repair or regrade, so the pass
//! visits only the firms found in violation this month or before ([`Penalised`]): a few
//! percent of firms, not all of them.

use super::prelude::*;
use crate::levers::Levers;
use crate::params::Credit;

/// Rule 1: a detected violation at tick `t`.
pub fn penalise(c: &mut CreditRecord, serious: bool, t: u32, p: &Credit, levers: &Levers) {
    let points = if serious {
        p.serious_points
    } else {
        p.violation_points
    };
    c.score = (c.score - points as f32).max(0.0);
    c.published_until = CreditRecord::tick(t + months(p.publicity_months));
    c.last_violation = CreditRecord::tick(t);
    c.violations = c.violations.saturating_add(1);
    if serious && levers.joint_punishment {
        c.blacklisted_until = CreditRecord::tick(t + months(p.blacklist_months));
    }
}

#[inline]
fn months(x: f64) -> u32 {
    (x + 0.5) as u32
}

/// Months since the last violation (very large if none).
fn clean_months(c: &CreditRecord, t: u32) -> u32 {
    if c.last_violation == CreditRecord::NEVER {
        u32::MAX
    } else {
        t.saturating_sub(c.last_violation as u32)
    }
}

/// Rules 2–4, for a month without a new violation, then regrading.
pub fn month_end(c: &mut CreditRecord, t: u32, p: &Credit, levers: &Levers) {
    let clean = clean_months(c, t);
    if c.blacklisted_until != 0 {
        let early = levers.credit_repair && clean >= months(p.early_exit_months);
        if t >= c.blacklisted_until as u32 || early {
            c.blacklisted_until = 0;
        }
    }
    if levers.credit_repair
        && clean != 0
        && clean >= months(p.repair_after_months)
        && c.score < c.base_score
    {
        c.score = (c.score + p.repair_points_per_month as f32).min(c.base_score);
    }
    c.grade = grade_of(c, t, p);
}

/// Rule 4.
pub fn grade_of(c: &CreditRecord, t: u32, p: &Credit) -> Grade {
    let s = c.score as f64;
    if c.blacklisted(t) {
        Grade::D
    } else if s >= p.threshold_a {
        Grade::A
    } else if s >= p.threshold_b {
        Grade::B
    } else if s >= p.threshold_c {
        Grade::C
    } else {
        Grade::D
    }
}

/// The rows of the firms found in violation at least once, by table, in row order: the only
/// firms whose record can change without a new violation (a firm's record changes only through
/// a penalty and what follows from it). Firms never change table after setup, so rows stay
/// valid for the whole run.
#[derive(Resource, Debug, Clone, Default)]
pub struct Penalised {
    pub rows: Vec<Vec<u32>>,
}

impl Penalised {
    /// The rows of table `table` within `rows`.
    fn in_rows(&self, table: usize, rows: std::ops::Range<usize>) -> &[u32] {
        let Some(t) = self.rows.get(table) else {
            return &[];
        };
        let lo = t.partition_point(|&r| (r as usize) < rows.start);
        let hi = t.partition_point(|&r| (r as usize) < rows.end);
        &t[lo..hi]
    }

    /// Adds the firms detected this month (in row order within each table).
    fn add(&mut self, detected: impl Iterator<Item = (u32, u32)>) {
        let mut new: Vec<Vec<u32>> = Vec::new();
        for (table, row) in detected {
            let t = table as usize;
            if new.len() <= t {
                new.resize(t + 1, Vec::new());
            }
            new[t].push(row);
        }
        if self.rows.len() < new.len() {
            self.rows.resize(new.len(), Vec::new());
        }
        for (old, new) in self.rows.iter_mut().zip(new) {
            if new.is_empty() {
                continue;
            }
            let mut merged = Vec::with_capacity(old.len() + new.len());
            let (mut a, mut b) = (old.iter().peekable(), new.iter().peekable());
            loop {
                let next = match (a.peek(), b.peek()) {
                    (Some(&&x), Some(&&y)) if x <= y => {
                        if x == y {
                            b.next();
                        }
                        a.next();
                        x
                    }
                    (_, Some(&&y)) => {
                        b.next();
                        y
                    }
                    (Some(&&x), None) => {
                        a.next();
                        x
                    }
                    (None, None) => break,
                };
                merged.push(next);
            }
            *old = merged;
        }
    }
}

pub fn update_credit(
    run: Res<Run>,
    clock: Res<Clock>,
    inspections: Res<Inspections>,
    mut penalised: ResMut<Penalised>,
    districts: Query<(&District, &LeversInForce)>,
    mut firms: Query<(&Firm, &mut CreditRecord)>,
) {
    let p = &run.params().credit;
    let t = clock.tick;
    let mut levers = vec![run.scenario.city_levers.clone(); districts.iter().count()];
    for (d, l) in districts.iter() {
        levers[d.index as usize] = l.0.clone();
    }
    let (levers, inspections, watched) = (&levers, &*inspections, &*penalised);
    for (table, (firms, mut credits)) in firms.contiguous_iter_mut().expect(DENSE).enumerate() {
        // Only the records that change are written, and nothing reads their change ticks.
        for_batches_mut(credits.bypass_change_detection(), |at, credits| {
            let rows = at..at + credits.len();
            // This batch's detections and earlier offenders, each in row order, merged.
            let mut found = inspections
                .in_rows(table as u32, rows.clone())
                .iter()
                .filter(|r| r.detected)
                .peekable();
            let mut before = watched.in_rows(table, rows).iter().peekable();
            loop {
                let row = match (found.peek(), before.peek()) {
                    (Some(r), Some(&&b)) => (r.row).min(b),
                    (Some(r), None) => r.row,
                    (None, Some(&&b)) => b,
                    (None, None) => break,
                } as usize;
                before.next_if(|&&b| b as usize == row);
                let detected = found.next_if(|r| r.row as usize == row);
                let (f, c) = (&firms[row], &mut credits[row - at]);
                if let Some(r) = detected {
                    assert_eq!(r.firm, f.id, "an inspection record points at another firm");
                }
                let l = &levers[f.district as usize];
                if let Some(r) = detected {
                    penalise(c, r.serious, t, p, l);
                }
                month_end(c, t, p, l);
            }
        });
    }
    penalised.add(
        inspections
            .records
            .iter()
            .filter(|r| r.detected)
            .map(|r| (r.table, r.row)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{EMBEDDED_MODEL, ModelDefaults};

    fn defaults() -> (Credit, Levers) {
        let m: ModelDefaults = ron::from_str(EMBEDDED_MODEL).unwrap();
        (m.params.credit, m.levers)
    }

    fn firm(score: f32) -> CreditRecord {
        CreditRecord {
            base_score: score,
            score,
            grade: Grade::A,
            blacklisted_until: 0,
            published_until: 0,
            last_violation: CreditRecord::NEVER,
            violations: 0,
        }
    }

    #[test]
    fn offenders_are_kept_once_each_in_row_order() {
        let mut w = Penalised::default();
        w.add([(1, 5), (1, 9), (0, 3)].into_iter());
        w.add([(0, 1), (1, 5), (1, 7), (3, 2)].into_iter());
        assert_eq!(w.rows, vec![vec![1, 3], vec![5, 7, 9], vec![], vec![2]]);
        assert_eq!(w.in_rows(1, 6..10), &[7, 9]);
        assert_eq!(w.in_rows(1, 0..5), &[] as &[u32]);
        assert_eq!(w.in_rows(7, 0..100), &[] as &[u32]);
    }

    #[test]
    fn a_violation_downgrades_by_the_points_and_publishes() {
        let (p, l) = defaults();
        let mut c = firm((p.threshold_a + 1.0) as f32);
        month_end(&mut c, 0, &p, &l);
        assert_eq!(c.grade, Grade::A);
        penalise(&mut c, false, 5, &p, &l);
        month_end(&mut c, 5, &p, &l);
        let expect = p.threshold_a + 1.0 - p.violation_points;
        assert!((c.score as f64 - expect).abs() < 1e-4);
        let g = if expect >= p.threshold_a {
            Grade::A
        } else if expect >= p.threshold_b {
            Grade::B
        } else if expect >= p.threshold_c {
            Grade::C
        } else {
            Grade::D
        };
        assert_eq!(c.grade, g);
        assert_ne!(
            c.grade,
            Grade::A,
            "one violation must cost an A firm its grade"
        );
        assert!(c.published(5 + p.publicity_months as u32 - 1));
        assert!(!c.published(5 + p.publicity_months as u32));
    }

    #[test]
    fn serious_violation_blacklists_and_release_follows_the_rules() {
        let (p, mut l) = defaults();
        l.joint_punishment = true;
        l.credit_repair = false;
        let mut c = firm(95.0);
        penalise(&mut c, true, 10, &p, &l);
        month_end(&mut c, 10, &p, &l);
        assert_eq!(c.grade, Grade::D);
        let end = 10 + p.blacklist_months as u32;
        for t in 11..end {
            month_end(&mut c, t, &p, &l);
            assert_eq!(c.grade, Grade::D, "listed at month {t}");
        }
        month_end(&mut c, end, &p, &l);
        assert!(!c.blacklisted(end));
        // Without repair the score stays where the penalty left it.
        assert!((c.score as f64 - (95.0 - p.serious_points)).abs() < 1e-4);

        // With repair: early exit after `early_exit_months` clean months.
        l.credit_repair = true;
        let mut c = firm(95.0);
        penalise(&mut c, true, 0, &p, &l);
        let early = p.early_exit_months as u32;
        for t in 1..early {
            month_end(&mut c, t, &p, &l);
            assert!(c.blacklisted(t));
        }
        month_end(&mut c, early, &p, &l);
        assert!(!c.blacklisted(early));
    }

    #[test]
    fn repair_restores_points_after_a_clean_period_but_never_above_the_start() {
        let (p, mut l) = defaults();
        l.credit_repair = true;
        let mut c = firm(92.0);
        penalise(&mut c, false, 0, &p, &l);
        let after = p.repair_after_months as u32;
        for t in 1..after {
            month_end(&mut c, t, &p, &l);
        }
        assert!(
            (c.score as f64 - (92.0 - p.violation_points)).abs() < 1e-4,
            "no repair before the clean period"
        );
        for t in after..after + 200 {
            month_end(&mut c, t, &p, &l);
        }
        assert_eq!(c.score, 92.0);
        assert_eq!(c.grade, grade_of(&c, 0, &p));
    }
}
