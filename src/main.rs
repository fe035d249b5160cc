use std::process::ExitCode;

use clap::Parser;
use siegel::cli::{self, Args};

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let args = Args::parse();
    let code = cli::run(
        &args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )?;
    Ok(ExitCode::from(code))
}
