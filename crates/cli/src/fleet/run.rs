//! Runs one piece of work on every target of a fleet: the canary targets first, alone and in order
//! (a failure there stops the run), then the rest on `parallel` worker threads taking the next target
//! from a shared counter. With `on_error = "stop"`, no target starts after one failed; those running
//! finish. Memory grows by one small outcome per target, whatever the fleet's size.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::file::{OnError, Target};

/// How a target ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// Migrations applied (deploy), by name.
    Applied(Vec<String>),
    /// Nothing to do: deploy applied nothing; status found nothing pending; check found no drift.
    UpToDate,
    /// `status`: what deploy would apply.
    Pending(Vec<String>),
    /// `check`: what differs, one line each.
    Drifted(Vec<String>),
    /// A migration failed, or the target refuses (a failed migration in its history, tables without a
    /// history): what, where and PostgreSQL's message.
    Failed { migration: Option<String>, error: String },
    /// No connection, after the retries.
    Unreachable(String),
    /// The run stopped before it started.
    NotStarted,
}

impl Ended {
    /// Whether the target counts against the run's exit status.
    pub fn is_ok(&self) -> bool {
        matches!(self, Ended::Applied(_) | Ended::UpToDate)
    }

    /// The name `--format json` and the summary use.
    pub fn status(&self) -> &'static str {
        match self {
            Ended::Applied(_) => "applied",
            Ended::UpToDate => "up-to-date",
            Ended::Pending(_) => "pending",
            Ended::Drifted(_) => "drifted",
            Ended::Failed { .. } => "failed",
            Ended::Unreachable(_) => "unreachable",
            Ended::NotStarted => "not-started",
        }
    }

    fn stops_the_run(&self) -> bool {
        matches!(self, Ended::Failed { .. } | Ended::Unreachable(_) | Ended::Drifted(_))
    }
}

/// One target's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub target: String,
    pub ended: Ended,
    pub elapsed: Duration,
}

/// How the run is shaped.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub parallel: usize,
    pub canary: usize,
    pub on_error: OnError,
}

/// Runs `work` on every target; `done` hears of each outcome as it ends (from any thread). Returns
/// the outcomes in the targets' order.
pub fn run(
    targets: &[Target],
    plan: Plan,
    work: &(dyn Fn(&Target) -> Ended + Sync),
    done: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    let outcomes: Vec<Mutex<Option<Outcome>>> = targets.iter().map(|_| Mutex::new(None)).collect();
    let stopped = AtomicBool::new(false);
    let one = |i: usize| {
        let started = Instant::now();
        let ended = work(&targets[i]);
        let outcome = Outcome { target: targets[i].label(), ended, elapsed: started.elapsed() };
        done(&outcome);
        let stop = outcome.ended.stops_the_run();
        *outcomes[i].lock().expect("no worker panics holding it") = Some(outcome);
        stop
    };
    let canary = plan.canary.min(targets.len());
    for i in 0..canary {
        if one(i) {
            // A canary that fails stops everything, whatever `on_error` says.
            stopped.store(true, Ordering::SeqCst);
            break;
        }
    }
    let next = AtomicUsize::new(canary);
    std::thread::scope(|scope| {
        for _ in 0..plan.parallel.max(1).min(targets.len().saturating_sub(canary).max(1)) {
            scope.spawn(|| {
                loop {
                    if stopped.load(Ordering::SeqCst) {
                        return;
                    }
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= targets.len() {
                        return;
                    }
                    if one(i) && plan.on_error == OnError::Stop {
                        stopped.store(true, Ordering::SeqCst);
                    }
                }
            });
        }
    });
    outcomes
        .into_iter()
        .zip(targets)
        .map(|(o, t)| {
            o.into_inner().expect("no worker panics holding it").unwrap_or_else(|| Outcome {
                target: t.label(),
                ended: Ended::NotStarted,
                elapsed: Duration::ZERO,
            })
        })
        .collect()
}

/// `connect` retried with a short backoff (0.2, 0.4, 0.8 s) before the target counts as unreachable:
/// a server restarting or a full connection slot is not a dead target.
pub fn with_retries<T>(mut connect: impl FnMut() -> Result<T, refract_engine::EngineError>) -> Result<T, Ended> {
    let mut pause = Duration::from_millis(200);
    for attempt in 0.. {
        match connect() {
            Ok(value) => return Ok(value),
            Err(refract_engine::EngineError::Connect { message, .. }) if attempt >= 3 => {
                return Err(Ended::Unreachable(message));
            }
            Err(refract_engine::EngineError::Connect { .. }) => {
                std::thread::sleep(pause);
                pause *= 2;
            }
            Err(other) => return Err(Ended::Failed { migration: None, error: other.to_string() }),
        }
    }
    unreachable!("the loop returns")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(n: usize) -> Vec<Target> {
        (0..n)
            .map(|i| Target {
                url: refract_engine::DatabaseUrl::parse(&format!("postgresql://u@h/db?schema=t{i}")).unwrap(),
            })
            .collect()
    }

    fn fails_at(bad: usize) -> impl Fn(&Target) -> Ended + Sync {
        move |t: &Target| {
            if t.url.namespace == format!("t{bad}") {
                Ended::Failed { migration: Some("m".into()), error: "boom".into() }
            } else {
                Ended::UpToDate
            }
        }
    }

    #[test]
    fn every_target_runs_once_and_outcomes_keep_the_targets_order() {
        let t = targets(50);
        let plan = Plan { parallel: 8, canary: 1, on_error: OnError::Continue };
        let seen = Mutex::new(Vec::new());
        let out = run(&t, plan, &fails_at(7), &|o| seen.lock().unwrap().push(o.target.clone()));
        assert_eq!(seen.lock().unwrap().len(), 50);
        assert!(out.iter().enumerate().all(|(i, o)| o.target.ends_with(&format!("schema=t{i}"))));
        assert_eq!(out.iter().filter(|o| !o.ended.is_ok()).count(), 1);
    }

    #[test]
    fn a_failing_canary_stops_the_run_and_stop_starts_nothing_after_a_failure() {
        let t = targets(20);
        let out = run(&t, Plan { parallel: 4, canary: 2, on_error: OnError::Continue }, &fails_at(1), &|_| {});
        assert_eq!(out[1].ended.status(), "failed");
        assert!(out[2..].iter().all(|o| o.ended == Ended::NotStarted));
        let out = run(&t, Plan { parallel: 1, canary: 0, on_error: OnError::Stop }, &fails_at(5), &|_| {});
        assert!(out[..5].iter().all(|o| o.ended.is_ok()) && out[6..].iter().all(|o| o.ended == Ended::NotStarted));
    }
}
