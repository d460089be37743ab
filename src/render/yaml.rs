//! A small YAML writer for decisions (`--format yaml`): block style, every string quoted.

use serde_json::Value;

/// A JSON value as YAML.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, 0, false);
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        other => other.to_string(),
    }
}

fn write(out: &mut String, v: &Value, indent: usize, in_list: bool) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (i, (k, x)) in m.iter().enumerate() {
                if !(in_list && i == 0) {
                    out.push_str(&pad);
                }
                match x {
                    Value::Object(o) if !o.is_empty() => {
                        out.push_str(&format!("{k}:\n"));
                        write(out, x, indent + 2, false);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{k}:\n"));
                        write(out, x, indent, false);
                    }
                    Value::Array(_) => out.push_str(&format!("{k}: []\n")),
                    Value::Object(_) => out.push_str(&format!("{k}: {{}}\n")),
                    _ => out.push_str(&format!("{k}: {}\n", scalar(x))),
                }
            }
        }
        Value::Array(a) => {
            for x in a {
                out.push_str(&format!("{pad}- "));
                match x {
                    Value::Object(o) if !o.is_empty() => write(out, x, indent + 2, true),
                    _ => out.push_str(&format!("{}\n", scalar(x))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}
