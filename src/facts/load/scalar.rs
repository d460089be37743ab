//! A case's scalars read as values of their facts' types: booleans, whole numbers, texts, dates
//! and enumeration values, and `unknown` where the case does not know the answer.

use super::Loader;
use crate::facts::doc::{Doc, Shape};
use crate::facts::error::CaseError;
use crate::program::Ty;
use crate::program::ir::Value;
use crate::program::texts::Texts;
use crate::suggest::did_you_mean;

impl Loader<'_> {
    /// `unknown` for a fact whose answer the case does not know (not for a text, nor where the
    /// enumeration has a value of that name).
    pub(super) fn is_unknown<'n>(&self, v: impl Doc<'n>, ty: Ty) -> bool {
        // Quoted too, so that JSON (which has no plain scalars) can say it.
        let Some(text) = v.text() else { return false };
        text == "unknown"
            && match ty {
                Ty::Bool | Ty::Int | Ty::Date => true,
                Ty::Enum(e) => !self.prog.enums[e as usize]
                    .values
                    .iter()
                    .any(|s| self.prog.syms[*s as usize] == "unknown"),
                _ => false,
            }
    }

    /// A scalar's value; `key` is the fact and the field (`""` for none), named only in errors.
    pub(super) fn scalar<'n>(
        &mut self,
        key: (&str, &str),
        ty: Ty,
        v: impl Doc<'n>,
        texts: &mut Texts,
    ) -> Option<Value> {
        let name = || if key.1.is_empty() { key.0.to_string() } else { format!("{}.{}", key.0, key.1) };
        let Shape::Scalar { text, plain } = v.shape() else {
            let expected = self.expected(ty);
            self.wrong(&name(), &expected, v.span());
            return None;
        };
        let ok = match ty {
            Ty::Bool if plain => match text {
                "true" | "True" | "TRUE" => Some(Value::Bool(true)),
                "false" | "False" | "FALSE" => Some(Value::Bool(false)),
                _ => None,
            },
            Ty::Int if plain => match text.parse::<i64>() {
                Ok(n) => Some(Value::Int(n)),
                // Digits that do not fit are a number out of range, not something else.
                Err(_) if is_digits(text.strip_prefix(['-', '+']).unwrap_or(text)) => {
                    self.errors.push(CaseError::OutOfRange {
                        key: name(),
                        value: text.to_string(),
                        src: self.named(),
                        span: self.span(v.span()),
                    });
                    return None;
                }
                Err(_) => None,
            },
            Ty::Text => Some(Value::Text(texts.push(text))),
            Ty::Date => {
                return match crate::date::parse(text) {
                    Some(d) => Some(Value::Date(d)),
                    None => {
                        self.errors.push(CaseError::BadDate {
                            value: text.to_string(),
                            src: self.named(),
                            span: self.span(v.span()),
                        });
                        None
                    }
                };
            }
            Ty::Enum(e) => {
                let def = &self.prog.enums[e as usize];
                // By name, or by the value's Chinese label (exactly, when no other value has it).
                let found =
                    def.values.iter().position(|s| self.prog.syms[*s as usize] == *text).or_else(|| {
                        super::names::unique(def.value_labels.iter().map(|l| l.zh.as_str()), text)
                    });
                return match found {
                    Some(i) => Some(Value::Sym(def.values[i])),
                    None => {
                        let names: Vec<&str> =
                            def.values.iter().map(|s| self.prog.syms[*s as usize].as_str()).collect();
                        let labels = def.value_labels.iter().map(|l| l.zh.as_str());
                        let help = if names.is_empty() {
                            Some(format!(
                                "`{}` has no values yet: layers of implementing rules add them \
                                 (`extend {}`); load the layer with `--policy FILE`",
                                def.name, def.name
                            ))
                        } else {
                            did_you_mean(text, names.iter().copied().chain(labels))
                                .or_else(|| Some(format!("the values are {}", names.join(", "))))
                        };
                        self.errors.push(CaseError::BadEnum {
                            key: name(),
                            value: text.to_string(),
                            src: self.named(),
                            span: self.span(v.span()),
                            help,
                        });
                        None
                    }
                };
            }
            _ => None,
        };
        if ok.is_none() {
            let expected = self.expected(ty);
            self.wrong(&name(), &expected, v.span());
        }
        ok
    }

    pub(super) fn expected(&self, ty: Ty) -> String {
        match ty {
            Ty::Bool => "`true` or `false`".into(),
            Ty::Int => "a whole number".into(),
            Ty::Text => "a text".into(),
            Ty::Date => "a date (YYYY-MM-DD)".into(),
            Ty::Enum(e) => format!("one of the values of `{}`", self.prog.enums[e as usize].name),
            _ => "a value".into(),
        }
    }
}

/// Whether a text is one or more ASCII digits.
fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}
