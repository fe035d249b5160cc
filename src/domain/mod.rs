//! Formats, validation and scoring. Nothing here knows of the terminal or of SQL.

pub mod agreement;
pub mod answers;
pub mod assessment;
pub mod authorized_keys;
pub mod bundle;
pub mod compare;
pub mod definition;
pub mod diagnostic;
pub mod goals;
pub mod hash;
pub mod json;
pub mod json_de;
pub mod progress;
pub mod schema;
pub mod scoring;
pub mod validate;
pub mod validate_goals;
pub mod values;
pub mod versions;
