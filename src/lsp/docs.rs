//! The documents the editor has open, the policy files of the workspace, and the set each
//! document is checked in: the national measures with the document (and, for a layer that
//! extends another layer, that layer's file); for a file of the national measures, the measures
//! with that file as the editor has it.

use crate::engine::NATIONAL;
use crate::source::Source;
use lsp_types::Url;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// An open document.
pub struct Doc {
    /// Its text as the editor has it.
    pub text: String,
    /// The set it was last checked in, if it loaded; kept for hover and definitions while the
    /// text has errors.
    pub analysis: Option<std::sync::Arc<super::Analysis>>,
}

/// The open documents and the workspace.
#[derive(Default)]
pub struct Docs {
    /// Open documents by URI.
    pub open: BTreeMap<Url, Doc>,
    /// The workspace's folder.
    pub root: Option<PathBuf>,
}

/// The words of a policy header: `layer ID`, `measures ID`, `part of ID`, `extends ID`.
fn header_id<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let mut words = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .take(12)
        .flat_map(|l| l.split(|c: char| c.is_whitespace() || c == '{'))
        .filter(|w| !w.is_empty());
    while let Some(w) = words.next() {
        if w == word {
            return words.next();
        }
    }
    None
}

impl Docs {
    /// The name a document's source gets: its path relative to the workspace, as the command
    /// line would name it.
    pub fn name(&self, uri: &Url) -> String {
        let path = uri.to_file_path().unwrap_or_else(|_| PathBuf::from(uri.path()));
        match &self.root {
            Some(r) => path.strip_prefix(r).map(Path::to_path_buf).unwrap_or(path).display().to_string(),
            None => path.display().to_string(),
        }
    }

    /// The URI of a source's name (a path relative to the workspace, or absolute).
    pub fn uri(&self, name: &str) -> Option<Url> {
        let p = Path::new(name);
        let full = if p.is_absolute() { p.to_path_buf() } else { self.root.as_ref()?.join(p) };
        if let Some((u, _)) =
            self.open.iter().find(|(u, _)| u.to_file_path().ok().as_deref() == Some(full.as_path()))
        {
            return Some(u.clone());
        }
        full.exists().then(|| Url::from_file_path(&full).ok()).flatten()
    }

    /// The text of a policy file of the set: open in the editor, else on disk.
    fn text_of(&self, path: &Path) -> Option<String> {
        self.open
            .iter()
            .find(|(u, _)| u.to_file_path().ok().as_deref() == Some(path))
            .map(|(_, d)| d.text.clone())
            .or_else(|| std::fs::read_to_string(path).ok())
    }

    /// The policy files of the workspace (a few folders deep, skipping build output).
    fn workspace_files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, depth: u8, out: &mut Vec<PathBuf>) {
            let Ok(rd) = std::fs::read_dir(dir) else { return };
            let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
            entries.sort();
            for p in entries {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if p.is_dir()
                    && depth > 0
                    && !name.starts_with('.')
                    && !["target", "node_modules", "fuzz"].contains(&name)
                {
                    walk(&p, depth - 1, out);
                } else if name.ends_with(".policy") {
                    out.push(p);
                }
            }
        }
        let mut out = vec![];
        if let Some(r) = &self.root {
            walk(r, 4, &mut out);
        }
        out
    }

    /// The sources of the set a document is checked in.
    pub fn set_of(&self, uri: &Url) -> Vec<Source> {
        let Some(doc) = self.open.get(uri) else { return vec![] };
        let name = self.name(uri);
        let me = Source::new(name.as_str(), doc.text.as_str());
        // A file of the national measures: the measures, this file as the editor has it.
        if crate::engine::opens_set(&doc.text) || header_id(&doc.text, "of").is_some() {
            let mut out: Vec<Source> =
                NATIONAL
                    .iter()
                    .map(|(n, t)| {
                        if name.ends_with(n) || n.ends_with(&name) { me.clone() } else { Source::new(*n, *t) }
                    })
                    .collect();
            if !out.iter().any(|s| *s.name == *me.name) {
                out = vec![me];
            }
            return out;
        }
        // A layer: the layers it extends (from the workspace), then itself.
        let national = crate::engine::national_id();
        let mut chain = vec![me];
        let mut wanted = header_id(&doc.text, "extends").map(str::to_string);
        let files =
            if wanted.as_deref().is_some_and(|w| w != national) { self.workspace_files() } else { vec![] };
        while let Some(w) = wanted.take().filter(|w| *w != national && chain.len() < 8) {
            let found = files.iter().find_map(|f| {
                let text = self.text_of(f)?;
                (header_id(&text, "layer") == Some(w.as_str())).then(|| (f.clone(), text))
            });
            if let Some((f, text)) = found {
                wanted = header_id(&text, "extends").map(str::to_string);
                let n = self
                    .root
                    .as_ref()
                    .and_then(|r| f.strip_prefix(r).ok())
                    .unwrap_or(&f)
                    .display()
                    .to_string();
                chain.insert(0, Source::new(n, text));
            }
        }
        chain
    }
}
