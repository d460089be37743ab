//! The decision of one case, as a value: what the policy says a decision shows (its `decision`
//! keys, each with the provisions that decided it), the layers that decided the case, the
//! provisions applied, the findings, and the trace, every rule on every member with the values it
//! read and where they came from. It is built once from the decided frame (`build`); everything
//! shown to people or machines is written from it (`render`), and the analyses compare decisions,
//! never text. Values are the program's own (`Value`): symbols, provisions and rules are numbers
//! into the program that decided the case, and a case's texts are in [`Decision::texts`].

use crate::lang::Lang;
use crate::program::Program;
use crate::program::frame::Status;
use crate::program::ir::Value;
use crate::program::texts::Texts;
use std::borrow::Cow;

/// One case decided.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    /// The language the decision is shown in; its data are the same in both.
    pub lang: Lang,
    /// The language provisions are quoted in, in an explanation.
    pub quote: Lang,
    /// The values of the policy's `decision` keys (`Program::decision`), in their order.
    pub keys: Vec<Key>,
    /// The value of every conclusion of the program (by index), for the case or each member
    /// ([`Decision::values`] gives either as a slice).
    pub conclusions: Vec<Concluded>,
    /// The values of the conclusions about each member, one conclusion after another
    /// ([`Concluded::Members`] says where each is).
    pub member_values: Vec<Value>,
    /// The layers that decided the case, in load order: the base set (0), then each layer whose
    /// guards hold.
    pub layers: Vec<u16>,
    /// The layers that would decide the case but are not in force at its date.
    pub not_in_force: Vec<u16>,
    /// Every provision with a rule that decided something, in the order of the text.
    pub articles: Vec<u16>,
    /// What the rules that applied found, then the disagreements left undecided.
    pub findings: Vec<Finding>,
    /// Every rule on every member it ran on, in the order of the text; empty when the trace was
    /// not asked for.
    pub trace: Vec<Entry>,
    /// What the trace entries that say more say (`Entry::extra`).
    pub extras: Vec<Extra>,
    /// The values the trace's rules read, entry after entry ([`Entry::reads`] indexes it), then
    /// those each definition read ([`Decision::definitions`]).
    pub reads: Vec<Reading>,
    /// For each definition (`let`) of the program: where the values it read are in `reads`.
    pub definitions: Vec<Slice>,
    /// For each list, for each member: its name (a text of the case), when it has one.
    pub names: Vec<Vec<Option<u32>>>,
    /// For each list whose record has no text field to name a member by: each member's first
    /// date and first enumeration value (null when not given), which say which member it is
    /// (「此前措施第2项（2024-05-15，诫勉）」); empty for the other lists.
    pub about: Vec<Vec<[Value; 2]>>,
    /// The case's texts (names, ids), which `Value::Text` numbers.
    pub texts: Texts,
    /// For a case that gives facts as `unknown`: what depends on them, and the questions to ask.
    pub open: Option<Box<Open>>,
}

/// The values of a finding's holes, kept inline (a finding has a hole or two).
pub type Holes = smallvec::SmallVec<[Value; 2]>;

/// The value of one key of the decision.
#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    /// A single value.
    One(Cited),
    /// A record: each of the key's fields, in order.
    Record(Vec<Cited>),
    /// A list: for each member, each of the key's fields.
    List(Vec<Vec<Cited>>),
}

/// The provisions a value is cited to: rarely more than a few, so kept inline (a batch builds
/// dozens a case).
pub type Cites = smallvec::SmallVec<[u16; 4]>;

/// A value with the provisions whose rules decided it (none for a fact of the case).
#[derive(Debug, Clone, PartialEq)]
pub struct Cited {
    /// The value.
    pub value: Value,
    /// The provisions, in the order of the text (none in a decision built without them,
    /// [`Detail::Values`](super::build::Detail::Values)).
    pub by: Cites,
}

/// The value of a conclusion.
#[derive(Debug, Clone, PartialEq)]
pub enum Concluded {
    /// A conclusion about the case.
    Case(Value),
    /// A conclusion about each member of a list: where each member's value is in
    /// [`Decision::member_values`].
    Members(Slice),
}

/// A part of the trace or of a definition's reads in [`Decision::reads`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Slice {
    /// Where it starts.
    pub start: u32,
    /// How many values.
    pub len: u32,
}

/// One rule on the case (a rule about each member: on one member).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The rule (`Program::rules`).
    pub rule: u32,
    /// The member it ran on: (list, position).
    pub member: Option<(u16, u32)>,
    /// What became of it.
    pub status: Status,
    /// The values its condition read, in the order of `RuleDef::reads`.
    pub reads: Slice,
    /// Why it did not apply (when it did not).
    pub why_not: Option<WhyNot>,
    /// What else it says, for the few entries that say more (`Decision::extras`).
    pub extra: Option<u32>,
}

/// What a trace entry says besides its status and what it read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra {
    /// For a definition that decided its fact: the value it gave.
    pub defined: Option<Value>,
    /// For an `up`/`down` rule that applied: the conclusion's value before and after.
    pub moved: Option<(Value, Value)>,
    /// For a rule an exception overrode: the exceptions that did (that applied, even if
    /// overridden in turn).
    pub overridden_by: Vec<u32>,
}

/// Why a rule did not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhyNot {
    /// This element of its condition (`RuleDef::conjuncts`) was the first false.
    False(u16),
    /// It is an exception, and none of the rules it is an exception to applied.
    NoTarget,
    /// It is a definition that gives the fact its default value.
    Default,
}

/// A value a rule read, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// The value.
    pub value: Value,
    /// Where it came from.
    pub origin: Origin,
    /// For a reading that some member of a list is so (`any`) and true: which members are (a bit
    /// a member, the first 64), so that the argument can name them.
    pub witnesses: u64,
}

/// Where a value a rule read came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The case file gives it.
    Case,
    /// The case leaves it out: the vocabulary's default.
    Default,
    /// The case leaves it out: a layer's definition in this provision decided it.
    Defined(u16),
    /// A conclusion or a definition of the policy.
    Derived,
}

/// Something the decision says in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The provision it is said under.
    pub provision: u16,
    /// What it says.
    pub kind: FindingKind,
}

/// What a finding says.
#[derive(Debug, Clone, PartialEq)]
pub enum FindingKind {
    /// A rule that applied states a finding (its template, `RuleDef::finding`, with its holes
    /// filled: the values in the order of the holes, for each language).
    Rule {
        /// The rule.
        rule: u32,
        /// The member it applied to: (list, position).
        member: Option<(u16, u32)>,
        /// The values of the Chinese text's holes.
        zh: Holes,
        /// The values of the English text's holes.
        en: Holes,
    },
    /// Layers' definitions of one fact disagreed, with no precedence: it is not established.
    Definitions {
        /// The fact's global slot.
        slot: u32,
        /// The definitions that disagreed.
        rules: Vec<u32>,
    },
    /// A conclusion's rules disagreed, with no precedence: it is not decided.
    Conflict {
        /// The conclusion.
        conclusion: u32,
        /// The member it is about: (list, position).
        member: Option<(u16, u32)>,
    },
}

/// What a case with unknown facts leaves open: it is decided under every combination of answers;
/// what they all agree on is decided, the rest depends on the answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    /// The facts the case gives as unknown.
    pub unknown: Vec<UnknownFact>,
    /// The parts of the decision that the answers change.
    pub undecided: Vec<Part>,
    /// How many combinations of answers there are.
    pub combinations: usize,
    /// How many were tried (at most `eval::open::MAX_COMBINATIONS`).
    pub tried: usize,
    /// The distinct decisions the answers lead to (without their trace).
    pub outcomes: Vec<Decision>,
    /// For each unknown fact whose answer matters: what each answer leads to.
    pub questions: Vec<Question>,
}

/// A fact a case gives as unknown.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownFact {
    /// Its path: `harm`, `conduct.decision_error`, `people.took_part`.
    pub name: String,
    /// The member it belongs to: (list, position).
    pub member: Option<(u16, u32)>,
    /// Its slot (global, or in the member's frame).
    pub slot: u32,
    /// Its type.
    pub ty: crate::program::Ty,
}

/// A part of a decision that can be compared with the same part of another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// A key of the decision (`Program::decision`), whole.
    Key(u16),
    /// One field of one member of a list key.
    Field {
        /// The key.
        key: u16,
        /// The member's position.
        member: u32,
        /// The field's position among the key's fields.
        field: u16,
    },
    /// The layers that decided the case.
    Layers,
    /// Their digests.
    Digests,
    /// The layers not in force.
    Notes,
    /// The provisions applied.
    Articles,
    /// The findings.
    Findings,
}

/// An unknown fact whose answer changes the outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The fact (`Open::unknown`).
    pub fact: u32,
    /// What each possible answer leads to.
    pub answers: Vec<Answer>,
}

/// One answer to a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The answer.
    pub value: Value,
    /// For each undecided part of the outcome (not the provisions, findings or notes): the
    /// outcomes (`Open::outcomes`) this answer leads to, one per distinct value of the part;
    /// several when the other answers decide between them.
    pub then: Vec<(Part, Vec<u32>)>,
}

impl Decision {
    /// The values read by a trace entry.
    pub fn reads_of(&self, e: &Entry) -> &[Reading] {
        self.slice(e.reads)
    }

    /// What a trace entry says besides its status and reads.
    pub fn extra(&self, e: &Entry) -> Option<&Extra> {
        self.extras.get(e.extra? as usize)
    }

    /// For a definition that decided its fact: the value it gave.
    pub fn defined(&self, e: &Entry) -> Option<Value> {
        self.extra(e)?.defined
    }

    /// For an `up`/`down` rule that applied: the conclusion's value before and after.
    pub fn moved(&self, e: &Entry) -> Option<(Value, Value)> {
        self.extra(e)?.moved
    }

    /// For a rule an exception overrode: the exceptions that did.
    pub fn overridden_by(&self, e: &Entry) -> &[u32] {
        self.extra(e).map_or(&[], |x| &x.overridden_by)
    }

    /// The values read by a definition (`let`).
    pub fn definition_reads(&self, l: u32) -> &[Reading] {
        self.definitions.get(l as usize).map_or(&[], |s| self.slice(*s))
    }

    fn slice(&self, s: Slice) -> &[Reading] {
        self.reads.get(s.start as usize..(s.start + s.len) as usize).unwrap_or(&[])
    }

    /// The text a `Value::Text` of this decision stands for.
    pub fn text(&self, t: u32) -> &str {
        self.texts.get(t).unwrap_or("")
    }

    /// The names of the members a `members of` value holds (all of them for `all`), in the
    /// list's order; a member without a name is shown by its position (from 1).
    pub fn members(&self, ty: crate::program::Ty, bits: u128) -> Vec<String> {
        let crate::program::Ty::Members(l) = ty else { return vec![] };
        let Some(names) = self.names.get(l as usize) else { return vec![] };
        (0..names.len().min(128))
            .filter(|i| bits & (1u128 << i) != 0)
            .map(|i| names[i].map_or_else(|| format!("#{}", i + 1), |t| self.text(t).to_string()))
            .collect()
    }

    /// The value of one member's field of a list key (`Part::Field`); `None` for another part.
    pub fn field_value(&self, p: Part) -> Option<Value> {
        let Part::Field { key, member, field } = p else { return None };
        match self.keys.get(key as usize)? {
            Key::List(ms) => Some(ms.get(member as usize)?.get(field as usize)?.value),
            _ => None,
        }
    }

    /// The value of a conclusion, for the case or for one member.
    pub fn conclusion(&self, c: u32, member: Option<u32>) -> Value {
        match (self.conclusions.get(c as usize), member) {
            (Some(Concluded::Case(v)), _) => *v,
            (Some(Concluded::Members(_)), Some(i)) => {
                self.values(c).get(i as usize).copied().unwrap_or_default()
            }
            _ => Value::Null,
        }
    }

    /// The values of a conclusion: the case's one, or each member's.
    pub fn values(&self, c: u32) -> &[Value] {
        match self.conclusions.get(c as usize) {
            Some(Concluded::Case(v)) => std::slice::from_ref(v),
            Some(Concluded::Members(s)) => {
                self.member_values.get(s.start as usize..(s.start + s.len) as usize).unwrap_or(&[])
            }
            None => &[],
        }
    }

    /// A member's name: its record's first text field, or its list and position (`people[2]`).
    pub fn member_name(&self, prog: &Program, list: u16, i: u32) -> Cow<'_, str> {
        match self.names.get(list as usize).and_then(|n| n.get(i as usize)).copied().flatten() {
            Some(t) => Cow::Borrowed(self.text(t)),
            None => Cow::Owned(format!("{}[{}]", prog.lists[list as usize].name, i + 1)),
        }
    }

    /// A member as a reader names it: a person by name, another member by its list and number,
    /// with its date and its first value when the case gives them (「此前措施第1项（2024-03-21，
    /// 通报）」, "earlier measures no. 1 (2024-03-21, notification)").
    pub fn member_words(&self, prog: &Program, list: u16, i: u32, en: bool) -> Cow<'_, str> {
        if let Some(t) = self.names.get(list as usize).and_then(|n| n.get(i as usize)).copied().flatten() {
            return Cow::Borrowed(self.text(t));
        }
        let label = prog.facts.iter().find(|f| f.list == Some(list)).map_or("", |f| f.def.labels.get(en));
        let mut out = if en { format!("{label} no. {}", i + 1) } else { format!("{label}第{}项", i + 1) };
        let about = self.about.get(list as usize).and_then(|a| a.get(i as usize)).map_or(&[][..], |a| &a[..]);
        // The value's own enumeration (a name two enumerations share may be labelled apart).
        let of = match prog.describing(list).and_then(|[_, value]| value).map(|x| x.ty) {
            Some(crate::program::Ty::Enum(e)) => Some(e),
            _ => None,
        };
        let said: Vec<String> = about
            .iter()
            .filter_map(|v| match *v {
                Value::Date(d) => Some(crate::date::format(d)),
                Value::Sym(s) => prog.sym_label(of, s, en).map(str::to_string),
                _ => None,
            })
            .collect();
        if !said.is_empty() {
            let (open, sep, close) = if en { (" (", ", ", ")") } else { ("（", "，", "）") };
            out.push_str(open);
            out.push_str(&said.join(sep));
            out.push_str(close);
        }
        Cow::Owned(out)
    }

    /// The trace entry of a rule on a member (or on the case).
    pub fn entry(&self, rule: u32, member: Option<(u16, u32)>) -> Option<&Entry> {
        self.trace.iter().find(|e| e.rule == rule && e.member == member)
    }
}
