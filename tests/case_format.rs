//! `docs/case-format.md` documents the case file exactly as the national vocabulary declares it:
//! every fact, every field of a record or list entry and every enumeration value has its row, with
//! the vocabulary's Chinese label (and English for values), its type and whether it is required,
//! optional or defaulted; and the page has no row for anything the vocabulary does not have. The
//! YAML examples on the page are read as the page says: decided, or rejected where marked.
//!
//! The page's layout, which the check reads:
//! - `## Facts of a case`: a table whose rows are `` | `fact` | 中文 | type | given | meaning | ``;
//! - `## Records and list entries`: a `###` section per record or list fact, headed
//!   `` `fact`: … `Record` … ``, with a row per field, in the vocabulary's order;
//! - `## Values written in a case file` (the enumerations case files use) and `## Other values of
//!   the vocabulary` (the others): a `###` section per enumeration headed `` `Enum` (中文) ``, with
//!   a row `` | `value` | 中文 | English | `` per value, in order.

use zeren::Engine;
use zeren::engine::NATIONAL;
use zeren::program::ir::Value;
use zeren::program::{FieldDef, Program, Ty};
use zeren::{Options, Source};

const FACTS: &str = "Facts of a case";
const RECORDS: &str = "Records and list entries";
const CASE_VALUES: &str = "Values written in a case file";
const OTHER_VALUES: &str = "Other values of the vocabulary";

fn doc() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/case-format.md");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A heading of the page with the table rows under it (up to the next heading).
#[derive(Debug, Default)]
struct Section {
    /// 2 for `##`, 3 for `###`.
    level: usize,
    /// The heading's text, without the `#`s.
    title: String,
    /// The names in backticks in the heading, in order.
    names: Vec<String>,
    /// The `##` section it stands in (for a `###`).
    parent: String,
    /// The table rows that document a name: the cells, the first without its backticks.
    rows: Vec<Vec<String>>,
    /// The line of the heading, for messages.
    line: usize,
}

/// The names in backticks in a text.
fn quoted(text: &str) -> Vec<String> {
    text.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// The page's sections, outside code blocks.
fn sections(text: &str) -> Vec<Section> {
    let mut out: Vec<Section> = vec![Section::default()];
    let mut parent = String::new();
    let mut fenced = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if hashes > 0 && line[hashes..].starts_with(' ') {
            let title = line[hashes..].trim().to_string();
            if hashes == 2 {
                parent = title.clone();
            }
            let names = quoted(&title);
            let parent = if hashes > 2 { parent.clone() } else { String::new() };
            out.push(Section { level: hashes, title, names, parent, rows: vec![], line: i + 1 });
            continue;
        }
        if let Some(rest) = line.strip_prefix("| `") {
            let mut cells: Vec<String> =
                format!("`{rest}").trim_end_matches('|').split('|').map(|c| c.trim().to_string()).collect();
            cells[0] = cells[0].trim_matches('`').to_string();
            if let Some(s) = out.last_mut() {
                s.rows.push(cells);
            }
        }
    }
    out
}

/// How the page writes a type.
fn type_name(p: &Program, ty: Ty) -> String {
    match ty {
        Ty::Bool => "bool".into(),
        Ty::Int => "int".into(),
        Ty::Text => "text".into(),
        Ty::Date => "date".into(),
        Ty::Enum(e) => format!("`{}`", p.enums[e as usize].name),
        Ty::Record(r) => format!("record `{}`", p.records[r as usize].name),
        Ty::List(r) => format!("list of `{}`", p.records[r as usize].name),
        Ty::Members(l) => format!("names in `{}`", p.lists[l as usize].name),
        other => format!("{other:?}"),
    }
}

/// How the page writes whether a key is given: required, optional or its default, and whether a
/// list may be empty and a name repeated.
fn given(p: &Program, f: &FieldDef) -> String {
    let mut parts = vec![match (f.default, f.ty) {
        (None, _) if f.optional => "optional".to_string(),
        (None, _) => "required".to_string(),
        (Some(_), Ty::Record(_)) => "default `{}`".to_string(),
        (Some(_), Ty::List(_)) => "default `[]`".to_string(),
        (Some(_), Ty::Members(l)) => format!("default: all of `{}`", p.lists[l as usize].name),
        (Some(Value::Bool(b)), _) => format!("default `{b}`"),
        (Some(Value::Int(i)), _) => format!("default `{i}`"),
        (Some(v), _) => format!("default {v:?}"),
    }];
    if f.nonempty {
        parts.push("not empty".into());
    }
    if f.unique {
        parts.push("unique".into());
    }
    parts.join(", ")
}

/// The rows of a section against the fields they document: each field has its row (in order),
/// with its label, type and given; no row names anything else.
fn check_fields(p: &Program, where_: &str, rows: &[Vec<String>], fields: &[FieldDef], out: &mut Vec<String>) {
    for f in fields {
        let Some(row) = rows.iter().find(|r| r[0] == f.name) else {
            out.push(format!("{where_}: `{}` has no row", f.name));
            continue;
        };
        let want = [f.labels.zh.clone(), type_name(p, f.ty), given(p, f)];
        for (i, (cell, what)) in want.iter().zip(["中文", "type", "given"]).enumerate() {
            match row.get(i + 1) {
                Some(c) if c == cell => {}
                c => {
                    out.push(format!("{where_}: `{}`: {what} is {c:?}, the vocabulary's is {cell:?}", f.name))
                }
            }
        }
        if row.len() < 5 || row[4].is_empty() {
            out.push(format!("{where_}: `{}` has no meaning", f.name));
        }
    }
    for row in rows {
        if !fields.iter().any(|f| f.name == row[0]) {
            out.push(format!("{where_}: a row documents `{}`, which the vocabulary does not have", row[0]));
        }
    }
    let documented: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let declared: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    if out.is_empty() && documented != declared {
        out.push(format!(
            "{where_}: the rows are in the order {documented:?}, the vocabulary's is {declared:?}"
        ));
    }
}

/// Everything the page says that the vocabulary does not, or does not say that it does.
fn check(p: &Program, text: &str) -> Vec<String> {
    let secs = sections(text);
    let mut out = vec![];
    for title in [FACTS, RECORDS, CASE_VALUES, OTHER_VALUES] {
        if !secs.iter().any(|s| s.level == 2 && s.title == title) {
            out.push(format!("no section `## {title}`"));
        }
    }
    for s in &secs {
        if s.level == 2
            && ![FACTS, RECORDS, CASE_VALUES, OTHER_VALUES].contains(&s.title.as_str())
            && !s.rows.is_empty()
        {
            out.push(format!(
                "line {}: `## {}` has rows, but documents nothing the check knows",
                s.line, s.title
            ));
        }
    }

    // The facts.
    let facts: Vec<FieldDef> = p.facts.iter().map(|f| f.def.clone()).collect();
    let rows: Vec<Vec<String>> =
        secs.iter().filter(|s| s.level == 2 && s.title == FACTS).flat_map(|s| s.rows.clone()).collect();
    check_fields(p, FACTS, &rows, &facts, &mut out);

    // The records and list entries.
    let record_secs: Vec<&Section> = secs.iter().filter(|s| s.level == 3 && s.parent == RECORDS).collect();
    for f in &p.facts {
        let (Ty::Record(r) | Ty::List(r)) = f.def.ty else { continue };
        let record = &p.records[r as usize];
        let Some(s) = record_secs.iter().find(|s| s.names.first() == Some(&f.def.name)) else {
            out.push(format!(
                "`{}` (record `{}`) has no section under `## {RECORDS}`",
                f.def.name, record.name
            ));
            continue;
        };
        if !s.names.contains(&record.name) || !s.title.contains(&record.labels.zh) {
            out.push(format!(
                "line {}: the heading should name record `{}` ({})",
                s.line, record.name, record.labels.zh
            ));
        }
        check_fields(p, &format!("`{}`", f.def.name), &s.rows, &record.fields, &mut out);
    }
    for s in &record_secs {
        let known = p
            .facts
            .iter()
            .any(|f| matches!(f.def.ty, Ty::Record(_) | Ty::List(_)) && s.names.first() == Some(&f.def.name));
        if !known {
            out.push(format!("line {}: `### {}` is not a record or list of the vocabulary", s.line, s.title));
        }
    }

    // The enumerations: those case files use, and the others.
    let mut used = vec![false; p.enums.len()];
    let fields = p.facts.iter().map(|f| &f.def).chain(p.records.iter().flat_map(|r| r.fields.iter()));
    for f in fields {
        if let Ty::Enum(e) = f.ty {
            used[e as usize] = true;
        }
    }
    let enum_secs: Vec<&Section> = secs
        .iter()
        .filter(|s| s.level == 3 && (s.parent == CASE_VALUES || s.parent == OTHER_VALUES))
        .collect();
    for (e, def) in p.enums.iter().enumerate() {
        let Some(s) = enum_secs.iter().find(|s| s.names.first() == Some(&def.name)) else {
            out.push(format!("enumeration `{}` has no section", def.name));
            continue;
        };
        let parent = if used[e] { CASE_VALUES } else { OTHER_VALUES };
        if s.parent != parent {
            out.push(format!("line {}: `{}` belongs under `## {parent}`", s.line, def.name));
        }
        if !s.title.contains(&format!("({})", def.labels.zh)) {
            out.push(format!(
                "line {}: the heading should give `{}`'s label ({})",
                s.line, def.name, def.labels.zh
            ));
        }
        let names: Vec<&str> = def.values.iter().map(|v| p.syms[*v as usize].as_str()).collect();
        for (name, labels) in names.iter().zip(&def.value_labels) {
            let Some(row) = s.rows.iter().find(|r| r[0] == *name) else {
                out.push(format!("`{}`: value `{name}` has no row", def.name));
                continue;
            };
            let en = labels.en.clone().unwrap_or_default();
            if row.get(1) != Some(&labels.zh) || row.get(2) != Some(&en) {
                out.push(format!(
                    "`{}`: value `{name}` is documented as {:?}, the vocabulary's labels are {:?} / {en:?}",
                    def.name,
                    &row[1..],
                    labels.zh
                ));
            }
        }
        for row in &s.rows {
            if !names.contains(&row[0].as_str()) {
                out.push(format!(
                    "`{}`: a row documents `{}`, which is not one of its values",
                    def.name, row[0]
                ));
            }
        }
        let documented: Vec<&str> = s.rows.iter().map(|r| r[0].as_str()).collect();
        if documented.len() == names.len() && documented != names {
            out.push(format!(
                "`{}`: the rows are in the order {documented:?}, the vocabulary's is {names:?}",
                def.name
            ));
        }
    }
    for s in &enum_secs {
        if !p.enums.iter().any(|d| s.names.first() == Some(&d.name)) {
            out.push(format!("line {}: `### {}` is not an enumeration of the vocabulary", s.line, s.title));
        }
    }

    // The page says each Chinese label is accepted as a key or value: it is, only if it is unique
    // among its neighbours.
    let mut unique = |what: String, labels: Vec<&str>| {
        for (i, l) in labels.iter().enumerate() {
            if labels[..i].contains(l) {
                out.push(format!("{what}: the label {l} is shared, and is then accepted for neither"));
            }
        }
    };
    unique("the facts".into(), p.facts.iter().map(|f| f.def.labels.zh.as_str()).collect());
    for r in &p.records {
        unique(format!("record `{}`", r.name), r.fields.iter().map(|f| f.labels.zh.as_str()).collect());
    }
    for e in &p.enums {
        unique(format!("`{}`", e.name), e.value_labels.iter().map(|l| l.zh.as_str()).collect());
    }
    out
}

/// The national vocabulary's text, with `edit` applied, as an engine.
fn national_with(edit: impl Fn(&str) -> String) -> Engine {
    let sources = NATIONAL
        .iter()
        .map(|(name, text)| {
            let text = if name.ends_with("vocabulary.policy") { edit(text) } else { text.to_string() };
            Source::new(*name, text)
        })
        .collect();
    Engine::from_sources(sources).expect("the edited vocabulary loads")
}

#[test]
fn the_page_documents_the_vocabulary_and_nothing_else() {
    let engine = Engine::national().expect("the national measures load");
    let problems = check(&engine.program, &doc());
    assert!(problems.is_empty(), "docs/case-format.md is out of date:\n{}", problems.join("\n"));
}

#[test]
fn a_fact_added_to_the_vocabulary_must_be_documented() {
    let engine = national_with(|text| {
        format!("{text}\nfact petition_count: int optional \"信访人数\" \"number of petitioners\"\n")
    });
    let problems = check(&engine.program, &doc());
    assert!(
        problems.iter().any(|p| p.contains("`petition_count` has no row")),
        "an undocumented fact went unnoticed: {problems:?}"
    );
}

#[test]
fn a_field_or_value_added_to_the_vocabulary_must_be_documented() {
    let engine = national_with(|text| {
        let field = "  crime_suspected: bool = false \"涉嫌违法犯罪\" \"suspected of a violation of law or a crime\"\n";
        let value = "  other \"其他单位\" \"other unit\"\n";
        assert!(text.contains(field) && text.contains(value), "the vocabulary changed: update this test");
        text.replace(field, &format!("{field}  self_reported: bool = false \"主动报告\" \"reported it\"\n"))
            .replace(value, &format!("{value}  village_committee \"村民委员会\" \"villagers' committee\"\n"))
    });
    let problems = check(&engine.program, &doc());
    for missing in ["`self_reported` has no row", "value `village_committee` has no row"] {
        assert!(problems.iter().any(|p| p.contains(missing)), "{missing} went unnoticed: {problems:?}");
    }
}

#[test]
fn a_label_changed_in_the_vocabulary_is_caught() {
    let engine = national_with(|text| text.replace("\"危害严重\" \"serious\"", "\"严重\" \"serious\""));
    let problems = check(&engine.program, &doc());
    assert!(
        problems.iter().any(|p| p.contains("value `serious`")),
        "a changed label went unnoticed: {problems:?}"
    );
}

#[test]
fn a_row_for_what_the_vocabulary_lacks_is_caught() {
    let engine = Engine::national().expect("the national measures load");
    let text = doc();
    let row = "| `harm` | 危害程度 | `Harm` | required |";
    assert!(text.contains(row), "the page changed: update this test");
    let extra = text.replace(row, &format!("| `harm_level` | 危害等级 | int | optional | invented |\n{row}"));
    let problems = check(&engine.program, &extra);
    assert!(
        problems.iter().any(|p| p.contains("`harm_level`, which the vocabulary does not have")),
        "an invented row went unnoticed: {problems:?}"
    );
    let value = "| `court` | 审判机关 | court |";
    let extra = text.replace(value, &format!("{value}\n| `tribunal` | 法庭 | tribunal |"));
    let problems = check(&engine.program, &extra);
    assert!(
        problems.iter().any(|p| p.contains("`tribunal`")),
        "an invented value went unnoticed: {problems:?}"
    );
}

/// The page's YAML examples: each is decided, or, when it opens with `# rejected:`, refused.
#[test]
fn the_examples_on_the_page_are_read_as_it_says() {
    let engine = Engine::national().expect("the national measures load");
    let text = doc();
    let mut blocks = vec![];
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line) {
            (None, "```yaml") => current = Some(String::new()),
            (Some(b), "```") => {
                blocks.push(std::mem::take(b));
                current = None;
            }
            (Some(b), l) => {
                b.push_str(l);
                b.push('\n');
            }
            _ => {}
        }
    }
    assert!(blocks.len() >= 3, "the page has its examples");
    for b in &blocks {
        let result = engine.decide(b, &Options::default());
        if b.starts_with("# rejected:") {
            assert!(result.is_err(), "this example is said to be rejected, but was decided:\n{b}");
        } else {
            let decided = result.unwrap_or_else(|e| panic!("this example is refused: {e:?}\n{b}"));
            assert_eq!(decided.len(), 1);
        }
    }
}
