//! What screens and popups share: the context they read, the messages they send the app, and
//! the commands they list for the footer. A component changes only its own state; everything
//! else it asks for with a `Msg`, which `App::update` carries out.

use super::action::Action;
use super::effect::{Effect, Then};
use super::keymap::Keymap;
use super::popups::Popup;
use super::theme::Theme;
use crate::catalog::Lang;
use crate::catalog::tui::Ui;
use crate::domain::assessment::FindingKind;
use crate::store::Edit;

/// What every component may read.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    /// Rows a page move goes.
    pub page: u16,
}

impl<'a> Ctx<'a> {
    /// `height` is the terminal's: a page move keeps a few rows of the last page in view.
    pub fn new(lang: Lang, theme: &'a Theme, keymap: &'a Keymap, height: u16) -> Ctx<'a> {
        /// Rows of a page that stay in view after a page move.
        const PAGE_MARGIN: u16 = 6;
        Ctx {
            lang,
            theme,
            keymap,
            page: height.saturating_sub(PAGE_MARGIN).max(1),
        }
    }
}

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Review,
    Scoring,
    Overview,
    Goals,
    Consensus,
}

/// What an open editor writes to when saved.
#[derive(Debug, Clone, PartialEq)]
pub enum EditTarget {
    Note(String),
    NewFollowUp(String),
    FollowUp(i64),
    Rationale {
        field: String,
        parameter: String,
    },
    NewFinding {
        field: String,
        kind: FindingKind,
    },
    Finding(i64),
    Overall,
    /// The rationale of a goal's achievement ("musterland-2025/Z1.1").
    GoalRationale(String),
    /// The rationale of a cell's consensus with the second rating.
    ConsensusRationale {
        field: String,
        parameter: String,
    },
}

impl EditTarget {
    /// The field as drafts name it: stable across sessions.
    pub fn draft_key(&self) -> String {
        match self {
            EditTarget::Note(question) => format!("note:{question}"),
            EditTarget::NewFollowUp(question) => format!("follow_up:new:{question}"),
            EditTarget::FollowUp(id) => format!("follow_up:{id}"),
            EditTarget::Rationale { field, parameter } => format!("rationale:{field}/{parameter}"),
            EditTarget::NewFinding { field, kind } => {
                format!("finding:new:{field}/{}", kind.as_str())
            }
            EditTarget::Finding(id) => format!("finding:{id}"),
            EditTarget::Overall => "overall".into(),
            EditTarget::GoalRationale(goal) => format!("goal:{goal}"),
            EditTarget::ConsensusRationale { field, parameter } => {
                format!("consensus:{field}/{parameter}")
            }
        }
    }
}

/// What a component asks of the app.
pub enum Msg {
    Effect(Effect),
    /// A change to the assessment; refused at once when the assessment cannot be changed.
    Change {
        edit: Edit,
        then: Then,
    },
    /// Open the editor on a text; refused at once when the assessment cannot be changed.
    Edit {
        target: EditTarget,
        title: String,
        text: String,
    },
    Popup(Popup),
    ClosePopup,
    Screen(Screen),
    /// Score a field of action, at a parameter (by index) or where the screen stood.
    Score {
        field: usize,
        parameter: Option<usize>,
    },
    /// Show a question (by its index in questionnaire order) in the review screen.
    ShowQuestion(usize),
    /// Show the goals screen; at a goal ("musterland-2025/Z1.1"), or where it stood.
    ShowGoal(Option<String>),
    /// Show the consensus pass; at a cell (field, parameter), or at the first unsettled.
    ShowConsensus(Option<(String, String)>),
    ShowField(usize),
    /// Search the questions (an empty query ends the search).
    Search(String),
    Info(String),
    Error(String),
    Quit,
}

/// An entry of the footer: an action, and a label when the action's own does not fit here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    pub action: Action,
    pub label: Option<Ui>,
}

impl Command {
    pub const fn of(action: Action) -> Command {
        Command {
            action,
            label: None,
        }
    }

    pub const fn labelled(action: Action, label: Ui) -> Command {
        Command {
            action,
            label: Some(label),
        }
    }
}

/// The commands of a list of actions, each with its own label.
pub fn commands(actions: &[Action]) -> Vec<Command> {
    actions.iter().copied().map(Command::of).collect()
}

/// Moves a selection in a list of `len` items; false when the action is no move.
pub fn move_in(selected: &mut usize, len: usize, action: Action, page: u16) -> bool {
    let page = usize::from(page.max(1));
    let moved = match action {
        Action::Down => selected.saturating_add(1),
        Action::Up => selected.saturating_sub(1),
        Action::PageDown => selected.saturating_add(page),
        Action::PageUp => selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => usize::MAX,
        _ => return false,
    };
    *selected = moved.min(len.saturating_sub(1));
    true
}
