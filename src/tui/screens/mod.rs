//! One file per screen; each draws from the app's state only.

pub mod overview;
pub mod review;
pub mod scoring;
pub mod start;
