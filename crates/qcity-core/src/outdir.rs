//! Output directories as a whole: one writer at a time, all files or none.
//!
//! - **Locked.** A command that writes into a directory first takes an exclusive advisory lock
//!   on a small file beside it (`.NAME.qcity-lock`, holding the pid). The OS releases it when
//!   the process ends, however it ends, so a killed holder never blocks; a second process is
//!   refused with the holder's pid (exit 2), or waits with `--wait`.
//! - **Staged.** A run's outputs are written into `.NAME.qcity-staging-PID` beside the
//!   directory and made visible in one rename (or, replacing an earlier run with `--force`,
//!   swapped with it in one `renameat2(RENAME_EXCHANGE)`). A reader sees the old set or the new
//!   one, never a mix.
//! - **Cleaned up.** An error (a full disk) removes the staging directory; SIGINT and SIGTERM
//!   remove it through [`cleanup_and_exit`]; what a SIGKILL leaves is removed by the next
//!   command that takes the same lock, which is how stale staging is told from live staging:
//!   by the lock, never by its age.

use crate::error::Error;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Paths to remove if the process is interrupted: staging directories and our lock files.
static CLEANUP: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set by a signal: no more files are written into a staging directory.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// Set once an output set is in place: an interruption after it loses nothing.
static PUBLISHED: AtomicBool = AtomicBool::new(false);

/// Whether a signal has asked this process to stop (the main thread then waits for the
/// signal's thread to exit, rather than racing it with an error of its own).
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

fn register(p: &Path) {
    CLEANUP
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(p.to_path_buf());
}

fn unregister(p: &Path) {
    CLEANUP
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|x| x != p);
}

/// For a signal handler's thread: removes every staging directory and lock file of this
/// process, prints `message` and exits with `code`. Holds the registry while doing so, so a
/// commit in progress either finished before (and its staging is gone) or never happens.
pub fn cleanup_and_exit(code: i32, message: &str) -> ! {
    // First stop new files: the main thread may be writing into the staging directory, and a
    // file created after `remove_dir_all` listed it would leave the directory behind.
    INTERRUPTED.store(true, Ordering::SeqCst);
    let paths = CLEANUP.lock().unwrap_or_else(|e| e.into_inner());
    for p in paths.iter() {
        // At most one file was being written when the flag was set: a few tries suffice.
        for _ in 0..200 {
            let gone = if p.is_dir() {
                fs::remove_dir_all(p).is_ok() || !p.exists()
            } else {
                fs::remove_file(p).is_ok() || !p.exists()
            };
            if gone {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    if PUBLISHED.load(Ordering::SeqCst) {
        eprintln!("{message} (the outputs were already complete and are kept)");
    } else {
        eprintln!("{message}");
    }
    std::process::exit(code)
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Output {
        path: path.to_path_buf(),
        source,
    }
}

/// The directory's parent (absolute) and its name.
fn split(dir: &Path) -> Result<(PathBuf, OsString), Error> {
    let abs = std::path::absolute(dir).map_err(io(dir))?;
    // `.`, `..` and symbolic links: name the real directory, when it exists.
    let abs = if abs.exists() {
        fs::canonicalize(&abs).map_err(io(dir))?
    } else {
        abs
    };
    match (abs.parent(), abs.file_name()) {
        (Some(p), Some(n)) => Ok((p.to_path_buf(), n.to_os_string())),
        _ => Err(Error::Other(format!(
            "{}: name a directory to write into, e.g. out/run1",
            dir.display()
        ))),
    }
}

fn sibling(parent: &Path, name: &OsString, what: &str) -> PathBuf {
    parent.join(format!(".{}.qcity-{what}", name.to_string_lossy()))
}

/// An exclusive lock on an output directory, held until dropped (or the process ends).
pub struct Lock {
    #[allow(dead_code)] // Held for its lock; closing it releases the lock.
    file: File,
    path: PathBuf,
    parent: PathBuf,
    name: OsString,
}

impl Lock {
    /// Takes the lock of `dir` (which need not exist yet; its parent is created). With `wait`,
    /// blocks until the holder finishes; without, a held lock is an error naming the holder.
    pub fn acquire(dir: &Path, wait: bool) -> Result<Lock, Error> {
        let (parent, name) = split(dir)?;
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        let path = sibling(&parent, &name, "lock");
        loop {
            let mut file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io(&path))?;
            let got = if wait {
                file.lock().map_err(std::fs::TryLockError::Error)
            } else {
                file.try_lock()
            };
            match got {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    let holder = fs::read_to_string(&path)
                        .ok()
                        .and_then(|s| s.trim().parse::<u32>().ok())
                        .map_or("another qcity process".to_string(), |pid| {
                            format!("another qcity process (pid {pid})")
                        });
                    return Err(Error::Locked(format!(
                        "{} is in use: {holder} is writing it (lock {}); wait for it to finish, add --wait to queue behind it, or choose another --out",
                        dir.display(),
                        path.display()
                    )));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(io(&path)(e)),
            }
            // The previous holder removes the lock file as it finishes; if it did so after we
            // opened it, we hold a lock on a file nobody else can find: take the new one.
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0).map_err(io(&path))?;
            write!(file, "{}", std::process::id()).map_err(io(&path))?;
            register(&path);
            let lock = Lock {
                file,
                path,
                parent,
                name,
            };
            lock.remove_stale();
            return Ok(lock);
        }
    }

    /// Staging left by a holder that was killed: safe to remove, since we hold the lock.
    fn remove_stale(&self) {
        let prefixes = [
            format!(".{}.qcity-staging-", self.name.to_string_lossy()),
            format!(".{}.qcity-old-", self.name.to_string_lossy()),
        ];
        if let Ok(entries) = fs::read_dir(&self.parent) {
            for e in entries.flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if prefixes.iter().any(|p| n.starts_with(p.as_str())) {
                    let _ = fs::remove_dir_all(e.path());
                }
            }
        }
    }

    /// The locked directory's parent and name.
    fn target(&self) -> PathBuf {
        self.parent.join(&self.name)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so a waiter that opened it retries on a fresh file.
        let _ = fs::remove_file(&self.path);
        unregister(&self.path);
    }
}

#[cfg(unix)]
fn same_file(f: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

/// What is in a directory a run would write into.
enum Existing {
    Nothing,
    Empty,
    /// An earlier qcity output (it has a `manifest.json`).
    Output,
    Foreign,
}

fn existing(dir: &Path) -> Result<Existing, Error> {
    match fs::symlink_metadata(dir) {
        Err(_) => return Ok(Existing::Nothing),
        Ok(m) if !m.is_dir() => {
            return Err(Error::Other(format!(
                "{}: exists and is not a directory; choose another --out",
                dir.display()
            )));
        }
        Ok(_) => {}
    }
    let mut entries = fs::read_dir(dir).map_err(io(dir))?;
    if entries.next().is_none() {
        return Ok(Existing::Empty);
    }
    Ok(if dir.join("manifest.json").is_file() {
        Existing::Output
    } else {
        Existing::Foreign
    })
}

/// A locked output directory that a command will fill in one step. Claim it before the work,
/// so that a used directory or a busy one is refused before minutes of simulation, not after.
pub struct Target {
    lock: Lock,
    /// As the user wrote it, for messages and the list of files written.
    shown: PathBuf,
    force: bool,
}

impl Target {
    /// Locks `out` and checks it may be written: absent, empty, or (with `force`) an earlier
    /// qcity output to replace.
    pub fn claim(out: &Path, force: bool, wait: bool) -> Result<Target, Error> {
        let lock = Lock::acquire(out, wait)?;
        let t = Target {
            lock,
            shown: out.to_path_buf(),
            force,
        };
        t.check()?;
        Ok(t)
    }

    fn check(&self) -> Result<Existing, Error> {
        let e = existing(&self.lock.target())?;
        match e {
            Existing::Output if !self.force => Err(Error::Other(format!(
                "{} already holds a qcity output: add --force to replace it (in one step), or choose another --out",
                self.shown.display()
            ))),
            Existing::Foreign => Err(Error::Other(format!(
                "{} holds files that are not a qcity output (no manifest.json); qcity replaces only empty directories and its own outputs: choose another --out",
                self.shown.display()
            ))),
            e => Ok(e),
        }
    }

    /// Writes `files` into a staging directory beside the target and makes them visible in
    /// one rename; returns the paths written (under the name the user gave).
    pub fn publish(self, files: Vec<(String, Vec<u8>)>) -> Result<Vec<PathBuf>, Error> {
        let existing = self.check()?;
        let target = self.lock.target();
        let staging = sibling(
            &self.lock.parent,
            &self.lock.name,
            &format!("staging-{}", std::process::id()),
        );
        let mut stage = Staging::new(staging)?;
        let mut written = Vec::new();
        for (name, bytes) in &files {
            stage.write(name, bytes)?;
            written.push(self.shown.join(name));
        }
        stage.sync()?;
        // The registry is held through the swap, so a signal's cleanup runs before or after it.
        let mut guard = CLEANUP.lock().unwrap_or_else(|e| e.into_inner());
        let r = swap_in(&stage.dir, &target, &existing, &self.lock);
        if let Ok(Some(old)) = &r {
            // The replaced output stays registered until removed, so that a signal arriving
            // now removes it too (after an exchange it lies at the staging path, already
            // registered).
            if !guard.contains(old) {
                guard.push(old.clone());
            }
        }
        drop(guard);
        match r {
            Ok(old) => {
                PUBLISHED.store(true, Ordering::SeqCst);
                stage.published = true;
                if let Some(old) = old {
                    let _ = fs::remove_dir_all(&old);
                    unregister(&old);
                }
                sync_dir(&self.lock.parent);
                Ok(written)
            }
            Err(e) => Err(e),
        }
    }
}

/// Puts `staging` at `target`; returns where the replaced output now lies, to remove.
fn swap_in(
    staging: &Path,
    target: &Path,
    existing: &Existing,
    lock: &Lock,
) -> Result<Option<PathBuf>, Error> {
    match existing {
        // rename(2) replaces an empty directory atomically.
        Existing::Nothing | Existing::Empty => {
            fs::rename(staging, target).map_err(io(target))?;
            Ok(None)
        }
        Existing::Output => {
            if exchange(staging, target).is_ok() {
                // The staging path now holds the old output.
                return Ok(Some(staging.to_path_buf()));
            }
            // No atomic exchange on this system or file system: two renames, the old set
            // kept aside until the new one is in place (removed by the next holder of the lock
            // if this process is killed between them). The registry is held here: no
            // `register`.
            let old = sibling(
                &lock.parent,
                &lock.name,
                &format!("old-{}", std::process::id()),
            );
            fs::rename(target, &old).map_err(io(target))?;
            if let Err(e) = fs::rename(staging, target) {
                let _ = fs::rename(&old, target);
                return Err(io(target)(e));
            }
            Ok(Some(old))
        }
        Existing::Foreign => unreachable!("refused by Target::check"),
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let ca = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let cb = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two valid NUL-terminated paths; renameat2 only reads them.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A private directory the outputs are written into; removed unless published.
struct Staging {
    dir: PathBuf,
    subdirs: Vec<PathBuf>,
    published: bool,
}

impl Staging {
    fn new(dir: PathBuf) -> Result<Staging, Error> {
        // A leftover of this very pid (a reused pid after a kill) is stale too.
        let _ = fs::remove_dir_all(&dir);
        // Registered and created under the registry's lock: a signal's cleanup sees it either
        // not yet begun or created, never created after the cleanup looked.
        let mut reg = CLEANUP.lock().unwrap_or_else(|e| e.into_inner());
        if interrupted() {
            return Err(Error::Other("interrupted".into()));
        }
        fs::create_dir(&dir).map_err(io(&dir))?;
        reg.push(dir.clone());
        drop(reg);
        Ok(Staging {
            dir,
            subdirs: Vec::new(),
            published: false,
        })
    }

    fn write(&mut self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.dir.join(name);
        if interrupted() {
            return Err(Error::Other("interrupted".into()));
        }
        if let Some(parent) = path.parent()
            && parent != self.dir
            && !self.subdirs.iter().any(|d| d == parent)
        {
            // One level at a time from the staging directory down, never `create_dir_all`:
            // if a signal's cleanup removed the staging directory, this fails instead of
            // quietly making it again.
            let rel = parent.strip_prefix(&self.dir).unwrap_or(Path::new(""));
            let mut d = self.dir.clone();
            for c in rel.components() {
                d.push(c);
                match fs::create_dir(&d) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(io(&d)(e)),
                }
            }
            self.subdirs.push(parent.to_path_buf());
        }
        let mut f = File::create(&path).map_err(io(&path))?;
        f.write_all(bytes).map_err(io(&path))?;
        f.sync_all().map_err(io(&path))?;
        Ok(())
    }

    fn sync(&self) -> Result<(), Error> {
        for d in self.subdirs.iter().chain(std::iter::once(&self.dir)) {
            File::open(d).and_then(|f| f.sync_all()).map_err(io(d))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_dir_all(&self.dir);
        }
        unregister(&self.dir);
    }
}

/// Files a killed writer may have left inside a locked directory (`Outputs::commit`'s
/// temporaries): removed by the next holder of its lock.
pub fn remove_stale_temporaries(dir: &Path, _lock: &Lock) {
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with('.') && n.ends_with(".tmp") && e.path().is_file() {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}
