//! The floor under any YAML pipeline: saphyr-parser's events for a whole file, nothing built
//! from them. `benches/compare.sh` runs it beside zeren on the same YAML stream (issue 15's aim:
//! zeren's YAML rate at least 70% of this). Usage: `yaml_events FILE` prints the events counted.

use saphyr_parser::Parser;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: yaml_events FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let mut events = 0u64;
    for ev in Parser::new_from_str(&text) {
        if let Err(e) = ev {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
        events += 1;
    }
    println!("{events}");
}
