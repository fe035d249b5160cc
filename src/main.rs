use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use siegel::cli::{self, Args};

fn main() -> color_eyre::Result<ExitCode> {
    // A panic leaves the interface's terminal modes first and never fails to report: writing
    // to a terminal that is gone must not panic again, which would abort.
    let (panic_hook, eyre_hook) = color_eyre::config::HookBuilder::default().into_hooks();
    eyre_hook.install()?;
    std::panic::set_hook(Box::new(move |info| {
        siegel::tui::terminal::leave();
        let _ = writeln!(std::io::stderr(), "{}", panic_hook.panic_report(info));
    }));
    let args = Args::parse();
    let code = match cli::run(
        &args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ) {
        Ok(code) => code,
        // The reader went away (`siegel log 1 | head`): nothing more to say to anyone.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => return Err(e.into()),
    };
    Ok(ExitCode::from(code))
}
