//! A fact or field of a layer given in a case: kept only when the layer decides the case (its
//! guards hold on the facts read), refused otherwise, so that nothing a case says is ignored.

use super::{CaseError, CharSpan, Loader};
use crate::program::frame::Frame;
use crate::program::{Guard, GuardKind};

impl Loader<'_> {
    /// Whether a layer decides a case (its guards hold on the facts read so far).
    pub(super) fn layer_applies(&self, f: &Frame, layer: u16) -> bool {
        let cx = crate::program::meaning::Ctx::new(&f.globals, &f.lists);
        self.prog.layers[layer as usize].guards.iter().all(|g| crate::program::meaning::truthy(&g.expr, &cx))
    }

    /// A fact of a layer that does not decide the case would be ignored: refuse it instead.
    pub(super) fn layer_decides(&mut self, f: &Frame, key: &str, layer: u16, at: CharSpan) {
        let def = &self.prog.layers[layer as usize];
        let cx = crate::program::meaning::Ctx::new(&f.globals, &f.lists);
        let failed = def.guards.iter().find(|g| !crate::program::meaning::truthy(&g.expr, &cx));
        let Some(Guard { text, kind, .. }) = failed else { return };
        let (key, layer, src, span) = (key.to_string(), def.id.clone(), self.named(), self.span(at));
        let why = format!("`{text}` does not hold");
        let cited = self.prog.issuer_provisions();
        self.errors.push(if *kind == GuardKind::InForce {
            CaseError::LayerNotInForce {
                key,
                layer,
                cited,
                why,
                src,
                span,
                help: Some("a layer decides only conduct within its dates; before them the base measures alone decide: remove this fact".into()),
            }
        } else {
            CaseError::LayerNotApplicable {
                key,
                layer,
                cited,
                why,
                src,
                span,
                help: Some("check the fact that selects the layer (such as `region`), or remove this fact".into()),
            }
        });
    }
}
