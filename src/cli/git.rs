//! Policy files as a git revision of the repository the command runs in has them, read with
//! `git` (nothing is checked out): for `zeren diff --before-rev REV`.

use crate::source::Source;
use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git").args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(out.stdout)
}

/// The policy files at `paths` (files or folders, relative to the current folder) as revision
/// `rev` has them; each named `REV:PATH`.
pub fn policies_at(rev: &str, paths: &[std::path::PathBuf]) -> Result<Vec<Source>, String> {
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    // Paths in the revision are from the repository's root; ours are from the current folder.
    let prefix = String::from_utf8_lossy(&git(&["rev-parse", "--show-prefix"])?).trim().to_string();
    git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| format!("`{rev}` names no commit of this repository"))?;
    let mut out = vec![];
    for p in paths {
        let rel = p.strip_prefix("./").unwrap_or(p);
        if rel.is_absolute() || rel.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
            return Err(format!(
                "{}: give the policies by a path inside the repository's folder",
                p.display()
            ));
        }
        let at = Path::new(&prefix).join(rel).display().to_string();
        let at = at.trim_end_matches('/');
        let listed = git(&["ls-tree", "-r", "--name-only", rev, "--", at])?;
        let mut files: Vec<String> = String::from_utf8_lossy(&listed)
            .lines()
            .filter(|f| *f == at || f.ends_with(".policy"))
            .map(str::to_string)
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(format!("{} is not in revision {rev}", p.display()));
        }
        for f in files {
            let text = git(&["show", &format!("{rev}:{f}")])?;
            let text = String::from_utf8(text).map_err(|_| format!("{rev}:{f} is not UTF-8 text"))?;
            out.push(Source::new(format!("{rev}:{f}"), text));
        }
    }
    Ok(out)
}
