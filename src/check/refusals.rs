//! What a layer may not do, checked once everything is resolved: be issued by someone the base
//! set's `issuers` do not name, or change what the base set fixes (a rule concluding, or an
//! exception overriding, a conclusion not declared `open`; a definition of a fact not `open`).

use super::error::CheckError;
use super::points::Point;
use super::resolve::Checker;

impl Checker {
    pub fn refusals(&mut self) {
        self.issuers();
        self.fixed_points();
    }

    fn issuers(&mut self) {
        let allowed: Vec<u16> = (0..self.prog.provisions.len() as u16)
            .filter(|p| {
                let d = &self.prog.provisions[*p as usize];
                d.layer == 0 && !d.issuers.is_empty()
            })
            .collect();
        let ids: Vec<String> = allowed.iter().map(|p| self.prog.provisions[*p as usize].id.clone()).collect();
        let cited = if ids.is_empty() { "no provision names issuers".to_string() } else { ids.join(", ") };
        let kinds: Vec<String> = allowed
            .iter()
            .flat_map(|p| self.prog.provisions[*p as usize].issuers.clone())
            .map(|s| self.prog.syms[s as usize].clone())
            .collect();
        for i in 1..self.prog.layers.len() {
            let layer = &self.prog.layers[i];
            let span = layer.span;
            let Some(kind) = layer.issuer_kind else {
                self.errors.push(CheckError::Layer {
                    layer: layer.id.clone(),
                    what: "names no kind of issuer".into(),
                    src: self.src(span),
                    span: span.into(),
                    help: Some("write the issuer and its kind: `issuer \"…\" kind province`".into()),
                });
                continue;
            };
            let ok = allowed.iter().any(|p| self.prog.provisions[*p as usize].issuers.contains(&kind));
            if !ok {
                let notes = allowed
                    .iter()
                    .map(|p| {
                        let d = &self.prog.provisions[*p as usize];
                        self.note(
                            d.span,
                            format!("provision {} of `{}`", d.id, self.prog.header.id),
                            "who may issue",
                        )
                    })
                    .collect();
                self.errors.push(CheckError::Issuer {
                    kind: self.prog.syms[kind as usize].clone(),
                    base: self.prog.header.id.clone(),
                    cited: cited.clone(),
                    src: self.src(span),
                    span: span.into(),
                    help: Some(format!("only these may issue them: {}", kinds.join(", "))),
                    notes,
                });
            }
        }
    }

    /// Whether a point is open: some provision declares it `open`.
    fn is_open(&self, point: Point) -> bool {
        self.points.iter().any(|p| p.point == point && p.open)
    }

    fn fixed_points(&mut self) {
        let mut found = vec![];
        for (r, rule) in self.prog.rules.iter().enumerate() {
            if rule.layer == 0 {
                continue;
            }
            let (point, owner, name) = match (rule.target, rule.defines) {
                (Some(c), _) => {
                    let c_def = &self.prog.conclusions[c as usize];
                    (Point::Conclusion(c), c_def.layer, c_def.name.clone())
                }
                (None, Some(slot)) => {
                    let owner = self
                        .prog
                        .facts
                        .iter()
                        .flat_map(|f| std::iter::once(&f.def).chain(f.fields.iter()))
                        .find(|x| x.slot == slot)
                        .map_or(0, |x| x.layer);
                    (Point::Fact(slot), owner, self.global_name(slot))
                }
                _ => continue,
            };
            if owner == rule.layer || self.is_open(point) {
                continue;
            }
            found.push((r, point, name));
        }
        let open_names: Vec<String> =
            self.points.iter().filter(|p| p.open).map(|p| self.text(p.span)).collect();
        for (r, point, name) in found {
            let rule = &self.prog.rules[r];
            let fixed = self.points.iter().find(|p| p.point == point && !p.open);
            let any_fixed = self.points.iter().find(|p| !p.open);
            let cited = match fixed.or(any_fixed) {
                Some(p) => self.prog.provisions[p.provision as usize].id.clone(),
                None => "not declared open".into(),
            };
            let mut notes = vec![];
            if let Some(p) = fixed {
                let id = &self.prog.provisions[p.provision as usize].id;
                notes.push(self.note(p.span, format!("provision {id} fixes `{name}`"), "fixed here"));
            }
            // The national rule it contradicts: the one it overrides, or the first one concluding it.
            let overridden = rule
                .exception_to
                .iter()
                .map(|x| &self.prog.rules[*x as usize])
                .find(|x| x.layer != rule.layer);
            if let Point::Conclusion(c) = point
                && let Some(first) = overridden.or_else(|| {
                    self.prog.conclusions[c as usize]
                        .rules
                        .iter()
                        .map(|x| &self.prog.rules[*x as usize])
                        .find(|x| x.layer != rule.layer)
                })
            {
                notes.push(self.note(first.span, format!("rule {}", first.id), "the rule of the measures"));
            }
            self.errors.push(CheckError::FixedPoint {
                name,
                layer: self.prog.layers[rule.layer as usize].id.clone(),
                cited,
                src: self.src(rule.span),
                span: rule.span.into(),
                help: Some(format!(
                    "where implementing rules are inconsistent with the measures, the measures prevail; \
                     they leave open only: {}",
                    if open_names.is_empty() { "nothing".to_string() } else { open_names.join(", ") }
                )),
                notes,
            });
        }
    }
}
