//! pest pairs → [`ast`](super::ast). Operator precedence is handled by pest's Pratt parser. An
//! unexpected tree shape is reported as a parse error, never a panic.

use super::ast::*;
use super::error::SyntaxError;
use crate::source::{Source, Span};
use pest::Parser as _;
use pest::iterators::{Pair, Pairs};

mod expr;
mod rules;
mod vocabulary;

mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "grammar/policy.pest"]
    pub struct PolicyParser;
}
use grammar::{PolicyParser, Rule as R};

type Res<T> = Result<T, SyntaxError>;

/// Parses one policy file. `src` is the file's index among the loaded sources.
pub fn parse_file(source: &Source, src: u16) -> Res<File> {
    super::depth::check_nesting(source)?;
    let mut pairs = PolicyParser::parse(R::file, &source.text).map_err(|e| pest_error(source, e))?;
    let p = Parser { source, src };
    let file = pairs.next().ok_or_else(|| p.shape(Span::default()))?;
    p.file(file)
}

pub(crate) struct Parser<'a> {
    source: &'a Source,
    src: u16,
}

fn pest_error(source: &Source, e: pest::error::Error<R>) -> SyntaxError {
    use pest::error::{ErrorVariant, InputLocation};
    let (start, end) = match e.location {
        InputLocation::Pos(p) => (p, p),
        InputLocation::Span((s, e)) => (s, e),
    };
    let expected = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } if !positives.is_empty() => {
            let mut names: Vec<String> = positives.iter().filter_map(|r| rule_name(*r)).collect();
            names.sort();
            names.dedup();
            if names.is_empty() { "a declaration".to_string() } else { names.join(", ") }
        }
        ErrorVariant::ParsingError { .. } => "the end of the file".to_string(),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    SyntaxError::Parse {
        expected,
        src: source.named(),
        span: (start, end.saturating_sub(start).max(1)).into(),
    }
}

/// Names of grammar rules as a policy author knows them.
fn rule_name(r: R) -> Option<String> {
    let s = match r {
        R::EOI => "the end of the file",
        R::ident | R::rule_name | R::path => "a name",
        R::string | R::labels => "a quoted text",
        R::number | R::integer => "a number",
        R::date => "a date (YYYY-MM-DD)",
        R::expr | R::primary | R::boolean | R::quantifier | R::call => "an expression",
        R::measures | R::part_of => "`measures ID { … }` or `part of ID`",
        R::enum_decl | R::enum_kind => "`enum` or `scale`",
        R::record_decl => "`record`",
        R::fact_decl => "`fact`",
        R::conclusion_decl => "`conclusion`",
        R::each_decl => "`each`",
        R::let_decl => "`let`",
        R::chapter => "`chapter`",
        R::provision | R::provision_kind => "`article`, `paragraph` or `item`",
        R::rule => "`rule`",
        R::exception => "`exception`",
        R::guard | R::condition => "`when`",
        R::effect => "`then`",
        R::finding => "`finding`",
        R::cites => "`cite`",
        R::at_least => "`at least`",
        R::clause => "`clause`",
        R::decision => "`decision`",
        R::text_only => "`text_only`",
        R::issuers => "`issuers`",
        R::eq | R::ne | R::lt | R::le | R::gt | R::ge | R::and | R::or => "an operator",
        R::in_set => "`in { … }`",
        R::in_members => "`in`",
        R::if_op => "`if`",
        R::assign_op => "`=` or `+=`",
        R::type_expr | R::list_of | R::set_of | R::members_of => "a type",
        R::modifiers | R::default | R::optional | R::nonempty | R::open | R::unique => {
            "`optional`, `= default`"
        }
        R::combine => "`max` or `min`",
        R::gate => "`if`",
        _ => return None,
    };
    Some(s.to_string())
}

impl<'a> Parser<'a> {
    /// A node's span, without the whitespace pest's implicit skipping may leave at its end (so
    /// that a label on a rule ends where the rule does, not on the next line).
    pub(super) fn span(&self, p: &Pair<R>) -> Span {
        let s = p.as_span();
        Span::new(self.src, s.start(), end(p))
    }

    pub(super) fn shape(&self, span: Span) -> SyntaxError {
        SyntaxError::Parse {
            expected: "a different shape here (an internal parser error: please file an issue)".into(),
            src: self.source.named(),
            span: span.into(),
        }
    }

    pub(super) fn next<'i>(&self, it: &mut Pairs<'i, R>, at: Span) -> Res<Pair<'i, R>> {
        it.next().ok_or_else(|| self.shape(at))
    }

    fn file(&self, file: Pair<R>) -> Res<File> {
        let at = self.span(&file);
        let mut it = file.into_inner();
        let head = self.next(&mut it, at)?;
        let header = self.header(head)?;
        let mut items = Vec::new();
        for p in it {
            if p.as_rule() != R::EOI {
                items.push(self.item(p)?);
            }
        }
        Ok(File { src: self.src, header, items })
    }

    fn header(&self, p: Pair<R>) -> Res<Header> {
        let at = self.span(&p);
        match p.as_rule() {
            R::part_of => {
                let mut it = p.into_inner();
                Ok(Header::PartOf(self.ident(self.next(&mut it, at)?)))
            }
            R::measures | R::layer => {
                let layer = p.as_rule() == R::layer;
                let mut it = p.into_inner();
                let id = self.ident(self.next(&mut it, at)?);
                let mut h = MeasuresHeader {
                    id,
                    title: None,
                    issuer: None,
                    effective: None,
                    until: None,
                    dated_by: None,
                    selected_by: None,
                    extends: None,
                    layer,
                    applies: None,
                };
                for f in it {
                    let fat = self.span(&f);
                    let which = f.as_rule();
                    let mut inner = f.into_inner();
                    match which {
                        R::title => h.title = Some(self.labels(self.next(&mut inner, fat)?)?),
                        R::issuer => {
                            let name = self.string(self.next(&mut inner, fat)?)?;
                            h.issuer = Some((name, inner.next().map(|k| self.ident(k))));
                        }
                        R::effective => h.effective = Some(self.date(self.next(&mut inner, fat)?)?),
                        R::until => h.until = Some(self.date(self.next(&mut inner, fat)?)?),
                        R::dated_by => h.dated_by = Some(self.path(self.next(&mut inner, fat)?)),
                        R::selected_by => h.selected_by = Some(self.path(self.next(&mut inner, fat)?)),
                        R::extends => h.extends = Some(self.ident(self.next(&mut inner, fat)?)),
                        R::applies => h.applies = Some(self.expr(self.next(&mut inner, fat)?)?),
                        _ => return Err(self.shape(fat)),
                    }
                }
                Ok(Header::Measures(Box::new(h)))
            }
            _ => Err(self.shape(at)),
        }
    }

    fn items(&self, it: Pairs<R>) -> Res<Vec<Item>> {
        it.map(|p| self.item(p)).collect()
    }

    fn item(&self, p: Pair<R>) -> Res<Item> {
        let at = self.span(&p);
        Ok(match p.as_rule() {
            R::enum_decl => Item::Enum(self.enum_decl(p)?),
            R::extend_decl if p.clone().into_inner().any(|q| q.as_rule() == R::field) => {
                let mut it = p.into_inner();
                let name = self.ident(self.next(&mut it, at)?);
                let mut fields = Vec::new();
                for q in it {
                    if q.as_rule() != R::field {
                        return Err(self.shape(self.span(&q)));
                    }
                    fields.push(self.field(q)?);
                }
                Item::ExtendRecord(RecordDecl { name, labels: None, fields })
            }
            R::extend_decl => Item::Extend(self.enum_decl(p)?),
            R::calendar => {
                let mut it = p.into_inner();
                let workdays = self.next(&mut it, at)?.as_str() == "workdays";
                let mut spans = vec![];
                for d in it {
                    let dat = self.span(&d);
                    let mut inner = d.into_inner();
                    let first = self.date(self.next(&mut inner, dat)?)?.0;
                    let last = inner.next().map(|q| self.date(q)).transpose()?.map_or(first, |x| x.0);
                    spans.push((first, last, dat));
                }
                Item::Calendar(workdays, spans)
            }
            R::open_decl => Item::Open(p.into_inner().map(|q| self.path(q)).collect()),
            R::complete => {
                let mut it = p.into_inner();
                let path = self.path(self.next(&mut it, at)?);
                let cond = match it.next() {
                    Some(c) => {
                        let mut inner = c.into_inner();
                        Some(self.expr(self.next(&mut inner, at)?)?)
                    }
                    None => None,
                };
                Item::Complete(path, cond)
            }
            R::fixed_decl => Item::Fixed(p.into_inner().map(|q| self.path(q)).collect()),
            R::define => {
                let mut it = p.into_inner();
                let target = self.path(self.next(&mut it, at)?);
                let mut q = self.next(&mut it, at)?;
                let floor = q.as_rule() == R::at_least;
                if floor {
                    q = self.next(&mut it, at)?;
                }
                let value = if q.as_rule() == R::condition {
                    let mut inner = q.into_inner();
                    self.expr(self.next(&mut inner, at)?)?
                } else {
                    self.expr(q)?
                };
                let finding = match it.next() {
                    Some(f) => {
                        let mut inner = f.into_inner();
                        Some(self.labels(self.next(&mut inner, at)?)?)
                    }
                    None => None,
                };
                Item::Define(Define { target, value, floor, finding, span: at })
            }
            R::record_decl => {
                let mut it = p.into_inner();
                let name = self.ident(self.next(&mut it, at)?);
                let mut labels = None;
                let mut fields = Vec::new();
                for q in it {
                    match q.as_rule() {
                        R::labels => labels = Some(self.labels(q)?),
                        _ => fields.push(self.field(q)?),
                    }
                }
                Item::Record(RecordDecl { name, labels, fields })
            }
            R::fact_decl => Item::Fact(self.field(p)?),
            R::conclusion_decl => Item::Conclusion(self.conclusion(p)?),
            R::each_decl => {
                let mut it = p.into_inner();
                let var = self.ident(self.next(&mut it, at)?);
                let list = self.path(self.next(&mut it, at)?);
                Item::Each(Each { var, list, items: self.items(it)? })
            }
            R::let_decl => {
                let mut it = p.into_inner();
                let name = self.ident(self.next(&mut it, at)?);
                let mut q = self.next(&mut it, at)?;
                let mut labels = None;
                if q.as_rule() == R::labels {
                    labels = Some(self.labels(q)?);
                    q = self.next(&mut it, at)?;
                }
                Item::Let(LetDecl { name, labels, value: self.expr(q)? })
            }
            R::chapter => {
                let mut it = p.into_inner();
                let number = self.number(self.next(&mut it, at)?)?;
                let labels = self.labels(self.next(&mut it, at)?)?;
                Item::Chapter(Chapter { number, labels, items: self.items(it)?, span: at })
            }
            R::provision => self.provision(p)?,
            R::rule | R::exception => Item::Rule(self.rule(p)?),
            R::guard => {
                let mut it = p.into_inner();
                let condition = self.expr(self.next(&mut it, at)?)?;
                Item::Guard(Guard { condition, items: self.items(it)? })
            }
            R::text_only => {
                let mut it = p.into_inner();
                Item::TextOnly(self.labels(self.next(&mut it, at)?)?)
            }
            R::issuers => Item::Issuers(p.into_inner().map(|q| self.ident(q)).collect()),
            R::decision => {
                let mut entries = Vec::new();
                for e in p.into_inner() {
                    let eat = self.span(&e);
                    let mut it = e.into_inner();
                    let name = self.ident(self.next(&mut it, eat)?);
                    let mut entry =
                        DecisionEntry { name, labels: None, view: None, fallback: None, fields: vec![] };
                    for q in it {
                        let qat = self.span(&q);
                        match q.as_rule() {
                            R::labels => entry.labels = Some(self.labels(q)?),
                            R::view => {
                                let mut v = q.into_inner();
                                let list = self.ident(self.next(&mut v, qat)?);
                                let filter = self.ident(self.next(&mut v, qat)?);
                                entry.view = Some((list, filter));
                            }
                            R::fallback => entry.fallback = self.fallback(q),
                            _ => {
                                let mut f = q.into_inner();
                                let key = self.ident(self.next(&mut f, qat)?);
                                let mut field =
                                    DecisionField { key, source: None, fallback: None, within: None };
                                for x in f {
                                    match x.as_rule() {
                                        R::fallback => field.fallback = self.fallback(x),
                                        R::within => {
                                            field.within = x
                                                .into_inner()
                                                .find(|y| y.as_rule() == R::ident)
                                                .map(|y| self.ident(y))
                                        }
                                        _ => field.source = Some(self.ident(x)),
                                    }
                                }
                                entry.fields.push(field);
                            }
                        }
                    }
                    entries.push(entry);
                }
                Item::Decision(entries)
            }
            _ => return Err(self.shape(at)),
        })
    }

    /// `or NAME` in a decision entry.
    fn fallback(&self, p: Pair<R>) -> Option<Ident> {
        p.into_inner().find(|x| x.as_rule() == R::ident).map(|x| self.ident(x))
    }

    // ---- tokens ---------------------------------------------------------------------------

    pub(super) fn ident(&self, p: Pair<R>) -> Ident {
        Ident { name: p.as_str().to_string(), span: self.span(&p) }
    }

    pub(super) fn path(&self, p: Pair<R>) -> Path {
        let span = self.span(&p);
        Path { parts: p.into_inner().map(|q| self.ident(q)).collect(), span }
    }

    pub(super) fn number(&self, p: Pair<R>) -> Res<u32> {
        let span = self.span(&p);
        p.as_str().parse().map_err(|_| SyntaxError::BadNumber {
            text: p.as_str().to_string(),
            src: self.source.named(),
            span: span.into(),
        })
    }

    pub(super) fn date(&self, p: Pair<R>) -> Res<(i32, Span)> {
        let span = self.span(&p);
        crate::date::parse(p.as_str()).map(|d| (d, span)).ok_or_else(|| SyntaxError::BadDate {
            text: p.as_str().to_string(),
            src: self.source.named(),
            span: span.into(),
        })
    }

    pub(super) fn string(&self, p: Pair<R>) -> Res<String> {
        let raw = p.as_str();
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        Ok(out)
    }

    fn labels(&self, p: Pair<R>) -> Res<Labels> {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let zh = self.string(self.next(&mut it, span)?)?;
        let en = it.next().map(|q| self.string(q)).transpose()?;
        Ok(Labels { zh, en, span })
    }
}

/// Where a pair's text ends: without the whitespace and the comment lines that a trailing
/// optional part skipped before it failed.
fn end(p: &Pair<R>) -> usize {
    let mut text = p.as_str().trim_end();
    while let Some(i) = text.rfind('\n') {
        if !text[i + 1..].trim_start().starts_with("//") {
            break;
        }
        text = text[..i].trim_end();
    }
    p.as_span().start() + text.len()
}
