//! Where siegel keeps its files. Each location can be moved by the environment, so that tests,
//! SSH accounts and portable installs need no home directory of their own.

use std::path::PathBuf;

use directories::ProjectDirs;

#[derive(Debug, Clone)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
    /// User-installed questionnaire definitions.
    pub questionnaires_dir: PathBuf,
    /// The database: `--db`, else `SIEGEL_DB`, else `siegel.db` in the data directory.
    pub db: PathBuf,
    pub log_file: PathBuf,
}

impl Paths {
    /// `SIEGEL_DATA_DIR` and `SIEGEL_CONFIG_DIR` win over the platform's user directories
    /// (on Linux `~/.local/share/siegel` and `~/.config/siegel`).
    pub fn resolve(db_flag: Option<&std::path::Path>) -> Paths {
        let project = ProjectDirs::from("", "", "siegel");
        let from_env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let data_dir = from_env("SIEGEL_DATA_DIR")
            .or_else(|| project.as_ref().map(|p| p.data_local_dir().to_path_buf()))
            .unwrap_or_else(|| PathBuf::from(".siegel"));
        let config_dir = from_env("SIEGEL_CONFIG_DIR")
            .or_else(|| project.as_ref().map(|p| p.config_dir().to_path_buf()))
            .unwrap_or_else(|| data_dir.clone());
        let db = db_flag
            .map(std::path::Path::to_path_buf)
            .or_else(|| from_env("SIEGEL_DB"))
            .unwrap_or_else(|| data_dir.join("siegel.db"));
        Paths {
            questionnaires_dir: data_dir.join("questionnaires"),
            log_file: data_dir.join("siegel.log"),
            db,
            data_dir,
            config_dir,
        }
    }
}
