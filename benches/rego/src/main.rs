//! The national measures decided by regorus, Rego's engine in Rust: the third engine of the batch
//! benchmark (issue 15), beside zeren and the hand-written Rust decision (benches/handwritten.rs).
//!
//! ```sh
//! cargo build --release --manifest-path benches/rego/Cargo.toml --target-dir target/rego
//! target/rego/x86_64-unknown-linux-gnu/release/regorus-batch [cases.jsonl] < cases.jsonl > decisions.jsonl
//! ```
//!
//! Loads `benches/rego/measures.rego` (built in) once, then reads one case a line (JSON, from the
//! file named or standard input) and writes one decision a line, `data.zeren.national.decision`,
//! with the main keys of `zeren eval --format jsonl`, as `handwritten` does. A line that is not
//! JSON, or a case the policy cannot decide, gives `{"error": {"line": N, "message": ...}}` and
//! exit status 1. `benches/rego/agree.sh` checks the decisions against the hand-written ones.
//!
//! The policy runs on regorus's bytecode VM (RVM, feature `rvm`): compiled once to a program, then
//! `set_input` and `execute` for each case, the "hot" path of regorus's own `rvm_benchmark`. On
//! 100,000 cases of the corpus (seed 1, two cores) it took 6.32 s (15,800 cases/s) where the
//! tree-walking interpreter, `Engine::eval_rule` with `set_input` (what `CompiledPolicy`'s
//! `eval_with_input` does too), took 26.33 s (3,800 cases/s): the VM is kept, 4.2 times faster.

use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::vm::RegoVM;
use regorus::{Engine, Value};
use std::io::{BufRead, BufReader, BufWriter, Write};

const DECISION: &str = "data.zeren.national.decision";

fn main() {
    let mut engine = Engine::new();
    engine
        .add_policy("benches/rego/measures.rego".into(), include_str!("../measures.rego").into())
        .expect("load measures.rego");
    let policy = engine.compile_with_entrypoint(&DECISION.into()).expect("compile measures.rego");
    let program = Compiler::compile_from_policy(&policy, &[DECISION]).expect("compile to RVM bytecode");
    let mut vm = RegoVM::new();
    vm.load_program(program);
    // The default limit (25,000 instructions) guards against a runaway policy; this one is ours.
    vm.set_max_instructions(usize::MAX);

    let input: Box<dyn BufRead> = match std::env::args_os().nth(1) {
        Some(path) => Box::new(BufReader::new(std::fs::File::open(path).expect("open the cases"))),
        None => Box::new(std::io::stdin().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut failed = false;
    for (n, line) in input.lines().enumerate() {
        let line = line.expect("read a line");
        if line.trim().is_empty() {
            continue;
        }
        let decided = Value::from_json_str(&line).map_err(|e| e.to_string()).and_then(|case| {
            vm.set_input(case);
            match vm.execute() {
                Ok(Value::Undefined) => Err("the policy decides nothing for this case".to_string()),
                Ok(decision) => Ok(decision),
                Err(e) => Err(e.to_string()),
            }
        });
        let written = match decided {
            Ok(decision) => serde_json::to_writer(&mut out, &decision),
            Err(message) => {
                failed = true;
                let record = serde_json::json!({"error": {"line": n + 1, "message": message}});
                serde_json::to_writer(&mut out, &record)
            }
        };
        written.expect("write a decision");
        out.write_all(b"\n").expect("write a decision");
    }
    out.flush().expect("write the decisions");
    std::process::exit(i32::from(failed));
}
