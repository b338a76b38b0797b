//! The `rackscope` binary: connects [`rackscope_cli::run`] to the process's streams.

use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut stdin = String::new();
    if args.contains(&"-") && std::io::stdin().read_to_string(&mut stdin).is_err() {
        eprintln!("error: <stdin>: cannot read standard input as UTF-8 text");
        return ExitCode::from(1);
    }
    let (mut out, mut err) = (String::new(), String::new());
    let code = rackscope_cli::run(&args, &stdin, &mut out, &mut err);
    let _ = std::io::stdout().write_all(out.as_bytes());
    let _ = std::io::stderr().write_all(err.as_bytes());
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
