//! One file per screen: each owns its state, turns actions into messages, draws itself and
//! lists its commands.

pub mod consensus;
pub mod goals;
pub mod levels;
pub mod matrix;
pub mod overview;
pub mod question;
pub mod review;
pub mod scoring;
pub mod start;
