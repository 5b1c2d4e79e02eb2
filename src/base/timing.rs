//! Phase timings for profiling: with `KIYAKU_TIMINGS=1` in the environment,
//! each pipeline stage prints how long it took (to stderr). Off by default.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("KIYAKU_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"))
}

/// Runs `f`, reporting its duration under `name` when timings are on.
pub(crate) fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let cpu_before = cpu_ms();
    let result = f();
    let cpu = cpu_ms().zip(cpu_before).map(|(after, before)| format!(", cpu {:>7.1} ms", after - before));
    eprintln!(
        "timing: {name:<8} {:>8.1} ms{}{}",
        started.elapsed().as_secs_f64() * 1000.0,
        cpu.unwrap_or_default(),
        memory()
    );
    result
}

/// User and system CPU time of the process so far, in milliseconds: with
/// the wall time it tells how well a stage used the cores.
#[cfg(target_os = "linux")]
fn cpu_ms() -> Option<f64> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is valid.
    let usage = unsafe { (libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) == 0).then(|| usage.assume_init())? };
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    Some(ms(usage.ru_utime) + ms(usage.ru_stime))
}

#[cfg(not(target_os = "linux"))]
fn cpu_ms() -> Option<f64> {
    None
}

/// The process's resident and peak memory, where the system tells it.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return String::new() };
    let field = |name: &str| {
        status.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().trim_end_matches(" kB").trim().to_string())
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(rss), Some(peak)) => format!("  (resident {rss} KiB, peak {peak} KiB)"),
        _ => String::new(),
    }
}
