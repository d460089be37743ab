//! Stage 6, beside the command line: `zeren lsp`, a language server over standard input and
//! output for editors of `.policy` files. Each open document is checked in its set (`docs`) a
//! moment after the last change (debounced), with the diagnostics of `zeren check`; hover, go to
//! definition, references, completion and the outline read the names of the last set that loaded
//! (`index`); formatting is `zeren fmt`.

mod complete;
mod docs;
mod features;
mod index;
mod text;

use docs::{Doc, Docs};
use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A set that loaded, and its names.
pub struct Analysis {
    /// The checked set.
    pub engine: crate::engine::Engine,
    /// Its names.
    pub symbols: Vec<index::Symbol>,
}

/// Runs the server until the editor says `exit`: 0 after a clean shutdown, 1 otherwise.
pub fn run() -> u8 {
    let (connection, io) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    };
    let info = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": {"name": "zeren", "version": env!("CARGO_PKG_VERSION")},
    });
    let Ok((id, params)) = connection.initialize_start() else { return 1 };
    if connection.initialize_finish(id, info).is_err() {
        return 1;
    }
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let debounce = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("debounce_ms"))
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(150);
    #[allow(deprecated)]
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri.clone())
        .and_then(|u| u.to_file_path().ok());
    let mut server = Server {
        docs: Docs { root, ..Docs::default() },
        pending: BTreeMap::new(),
        debounce: Duration::from_millis(debounce),
        connection: &connection,
    };
    let clean = server.serve();
    drop(connection);
    let _ = io.join();
    if clean { 0 } else { 1 }
}

struct Server<'a> {
    docs: Docs,
    /// Documents changed and not yet checked, with when they changed last.
    pending: BTreeMap<Url, Instant>,
    debounce: Duration,
    connection: &'a Connection,
}

impl Server<'_> {
    fn serve(&mut self) -> bool {
        loop {
            let wait = self
                .pending
                .values()
                .map(|t| (*t + self.debounce).saturating_duration_since(Instant::now()))
                .min();
            let message = match wait {
                Some(w) => match self.connection.receiver.recv_timeout(w) {
                    Ok(m) => Some(m),
                    Err(e) if e.is_timeout() => None,
                    Err(_) => return false,
                },
                None => match self.connection.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return false,
                },
            };
            match message {
                None => self.check_due(),
                Some(Message::Request(req)) => {
                    if self.connection.handle_shutdown(&req).unwrap_or(true) {
                        return true;
                    }
                    self.check_all_pending();
                    let response = self.answer(req);
                    let _ = self.connection.sender.send(Message::Response(response));
                }
                Some(Message::Notification(n)) => self.notified(n),
                Some(Message::Response(_)) => {}
            }
        }
    }

    fn notified(&mut self, n: Notification) {
        match n.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.docs.open.insert(uri.clone(), Doc { text: p.text_document.text, analysis: None });
                    self.check(&uri);
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    if let (Some(doc), Some(change)) =
                        (self.docs.open.get_mut(&uri), p.content_changes.into_iter().last())
                    {
                        doc.text = change.text;
                        self.pending.insert(uri, Instant::now());
                    }
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    self.docs.open.remove(&p.text_document.uri);
                    self.pending.remove(&p.text_document.uri);
                    self.publish(p.text_document.uri, vec![]);
                }
            }
            _ => {}
        }
    }

    fn check_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Url> =
            self.pending.iter().filter(|(_, t)| **t + self.debounce <= now).map(|(u, _)| u.clone()).collect();
        for uri in due {
            self.pending.remove(&uri);
            self.check(&uri);
        }
    }

    /// Before answering a request about the text, the text as it is now is checked.
    fn check_all_pending(&mut self) {
        for uri in std::mem::take(&mut self.pending).into_keys() {
            self.check(&uri);
        }
    }

    fn check(&mut self, uri: &Url) {
        let diagnostics = features::check(&mut self.docs, uri);
        self.publish(uri.clone(), diagnostics);
    }

    fn publish(&self, uri: Url, diagnostics: Vec<Diagnostic>) {
        let params = PublishDiagnosticsParams { uri, diagnostics, version: None };
        let n = Notification::new(notification::PublishDiagnostics::METHOD.into(), params);
        let _ = self.connection.sender.send(Message::Notification(n));
    }

    fn answer(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let docs = &self.docs;
        let result = match req.method.as_str() {
            request::HoverRequest::METHOD => on::<request::HoverRequest>(docs, req, features::hover),
            request::GotoDefinition::METHOD => on::<request::GotoDefinition>(docs, req, features::definition),
            request::References::METHOD => on::<request::References>(docs, req, features::references),
            request::Completion::METHOD => on::<request::Completion>(docs, req, complete::completion),
            request::Formatting::METHOD => on::<request::Formatting>(docs, req, features::format),
            request::DocumentSymbolRequest::METHOD => {
                on::<request::DocumentSymbolRequest>(docs, req, features::symbols)
            }
            other => Err(format!("zeren lsp does not answer `{other}`")),
        };
        match result {
            Ok(v) => Response::new_ok(id, v),
            Err(e) => Response::new_err(id, lsp_server::ErrorCode::MethodNotFound as i32, e),
        }
    }
}

/// A request of kind `R`, answered by `f` from its parameters, as JSON.
fn on<R: request::Request>(
    docs: &Docs,
    req: Request,
    f: fn(&Docs, &R::Params) -> R::Result,
) -> Result<serde_json::Value, String> {
    let params: R::Params = serde_json::from_value(req.params)
        .map_err(|e| format!("the parameters of `{}` are not readable: {e}", req.method))?;
    Ok(serde_json::to_value(f(docs, &params)).unwrap_or(serde_json::Value::Null))
}

/// The analysis of a loaded engine.
pub fn analysis(engine: crate::engine::Engine) -> Arc<Analysis> {
    let symbols = index::symbols(&engine.program);
    Arc::new(Analysis { engine, symbols })
}
