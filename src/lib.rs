//! siegel: the auditor's tool for the audit familiengerechte Kommune / familiengerechter Kreis.

pub mod catalog;
pub mod cli;
pub mod clock;
pub mod domain;
pub mod export;
pub mod paths;
pub mod questionnaires;
pub mod serve;
pub mod signoff;
pub mod store;
pub mod text;
pub mod tui;
