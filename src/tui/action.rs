//! Everything a key can do. The doc comment of each variant is its English help text; the
//! keymap, the footer and the `?` help are all generated from this enum.

use strum::{EnumIter, EnumMessage, EnumString, IntoStaticStr};

/// Where a binding applies. Text contexts (editor, prompt, search) take typed keys as text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, EnumString, IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum Context {
    /// Everywhere except in text fields.
    Global,
    Start,
    Review,
    Scoring,
    Overview,
    /// The goals of the Zielvereinbarung and their achievement.
    Goals,
    /// The consensus pass over the cells the second rating differs on.
    Consensus,
    /// Scrollable popups: help, explanation, messages.
    Popup,
    /// The follow-up questions of one question.
    FollowUps,
    /// Questions that want an answer: confirm, take over.
    Dialog,
    /// The multi-line text editor.
    Editor,
    /// One-line inputs: file path, search.
    Prompt,
}

impl Context {
    /// Whether only this context's own keys apply here (and quitting): in text fields, so that
    /// typed text never triggers a binding, and in dialogs, which want one answer.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Editor | Context::Prompt | Context::Dialog)
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumIter,
    EnumMessage,
    EnumString,
    IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// Quit siegel from anywhere; everything is already saved.
    Quit,
    /// Show all keys.
    Help,
    /// Go back one level; quit on the start screen.
    Back,
    /// Close a popup or cancel an input.
    Cancel,
    /// Move down.
    Down,
    /// Move up.
    Up,
    /// Move down a page.
    PageDown,
    /// Move up a page.
    PageUp,
    /// Go to the first item.
    Top,
    /// Go to the last item.
    Bottom,
    /// Switch to the next pane.
    NextPane,
    /// Switch to the previous pane.
    PreviousPane,
    /// Open the selected item or confirm.
    Open,
    /// Fold the selected field of action or topic.
    Collapse,
    /// Unfold the selected field of action or topic.
    Expand,
    /// Import a county's answers file.
    Import,
    /// Import the sample county Landkreis Musterland.
    ImportSample,
    /// Open the selected assessment read-only.
    OpenReadOnly,
    /// Mark the question as reviewed, or not.
    ToggleReviewed,
    /// Mark the note as internal (left out of the county's copy of a report), or not.
    ToggleInternal,
    /// Edit the selected text: note, rationale, entry or overall assessment.
    Edit,
    /// Ask the county a follow-up question (Rückfrage) about this question.
    AddFollowUp,
    /// Show the follow-up questions of this question and change their status.
    FollowUps,
    /// Change the status of the selected follow-up question.
    CycleStatus,
    /// Jump to the next question not yet reviewed.
    NextUnreviewed,
    /// Jump to the next answer where the county sees a need for action.
    NextNeedForAction,
    /// Jump to the next answer changed by the last import.
    NextChanged,
    /// Jump to the next answer that differs from the last audit (in a Bilanzierung).
    NextDifferent,
    /// Show the next part of a long text.
    NextPart,
    /// Show the previous part of a long text.
    PreviousPart,
    /// Score the field of action.
    Scoring,
    /// Show the overview of all fields of action.
    Overview,
    /// Show the county's answers of this field of action.
    Answers,
    /// Show the goals of the Zielvereinbarung, their measures and their achievement.
    Goals,
    /// Settle the cells the submitted second rating differs on (consensus).
    Consensus,
    /// Sign the finalised assessment off (with your SSH key through the ssh-agent).
    Sign,
    /// Rate the goal as achieved (in a Bilanzierung).
    Achieved,
    /// Rate the goal as partly achieved.
    PartlyAchieved,
    /// Rate the goal as not achieved.
    NotAchieved,
    /// Rate the goal as dropped (the rationale says why).
    GoalDropped,
    /// Search question texts, answers and notes.
    Search,
    /// Go to the next search match.
    NextMatch,
    /// Go to the previous search match.
    PreviousMatch,
    /// Rate with level 0.
    Level0,
    /// Rate with level 1.
    Level1,
    /// Rate with level 2.
    Level2,
    /// Rate with level 3.
    Level3,
    /// Rate with level 4.
    Level4,
    /// Rate with level 5.
    Level5,
    /// Rate with level 6.
    Level6,
    /// Rate with level 7.
    Level7,
    /// Rate with level 8.
    Level8,
    /// Rate with level 9.
    Level9,
    /// Mark as "nicht zutreffend" (does not apply here).
    NotApplicable,
    /// Mark as "nicht bewertbar" (information missing).
    NotAssessable,
    /// Remove the rating.
    ClearRating,
    /// Keep the rating although the county's answers changed.
    ConfirmRating,
    /// Take over the last audit's rating of this cell (in a Bilanzierung; recorded as such).
    AdoptPrevious,
    /// Add a strength of this field of action.
    AddStrength,
    /// Add a challenge of this field of action.
    AddChallenge,
    /// Add a recommendation for this field of action.
    AddRecommendation,
    /// Delete the selected entry.
    Delete,
    /// Move the selected entry up.
    MoveUp,
    /// Move the selected entry down.
    MoveDown,
    /// Go to the next field of action.
    NextField,
    /// Go to the previous field of action.
    PreviousField,
    /// Show how the score was computed.
    Explain,
    /// Export the report: Markdown, HTML, JSON, CSV or a workbook.
    Export,
    /// Finalise the assessment (or reopen a finalised one).
    Finalize,
    /// Show the scores as bars instead of the matrix, or the matrix again.
    ToggleSummary,
    /// Save the text and close the editor.
    Save,
    /// Complete the path.
    Complete,
    /// Open read-only, leaving the assessment to its editor.
    ReadOnly,
    /// Take the assessment over from its current editor.
    TakeOver,
}

impl Action {
    /// The English help line: the variant's doc comment.
    pub fn doc(self) -> &'static str {
        self.get_documentation().unwrap_or("")
    }

    /// The level a digit action sets.
    pub fn level(self) -> Option<i32> {
        use Action::*;
        Some(match self {
            Level0 => 0,
            Level1 => 1,
            Level2 => 2,
            Level3 => 3,
            Level4 => 4,
            Level5 => 5,
            Level6 => 6,
            Level7 => 7,
            Level8 => 8,
            Level9 => 9,
            _ => return None,
        })
    }

    /// The action that sets a level.
    pub fn level_action(level: i32) -> Option<Action> {
        use Action::*;
        Some(match level {
            0 => Level0,
            1 => Level1,
            2 => Level2,
            3 => Level3,
            4 => Level4,
            5 => Level5,
            6 => Level6,
            7 => Level7,
            8 => Level8,
            9 => Level9,
            _ => return None,
        })
    }

    /// The achievement a goal action sets.
    pub fn achievement(self) -> Option<crate::domain::goals::Achievement> {
        use crate::domain::goals::Achievement as A;
        Some(match self {
            Action::Achieved => A::Erreicht,
            Action::PartlyAchieved => A::TeilweiseErreicht,
            Action::NotAchieved => A::NichtErreicht,
            Action::GoalDropped => A::Entfallen,
            _ => return None,
        })
    }

    /// The name used in keymap files.
    pub fn name(self) -> &'static str {
        self.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_action_has_a_doc_line_and_german_help() {
        for action in Action::iter() {
            assert!(!action.doc().is_empty(), "{action:?} has no doc comment");
            assert!(
                !crate::catalog::tui::action_help_de(action.name()).is_empty(),
                "{action:?} has no German help"
            );
        }
        for context in Context::iter() {
            for lang in [crate::catalog::Lang::De, crate::catalog::Lang::En] {
                assert!(!crate::catalog::tui::context_name(context.into(), lang).is_empty());
            }
        }
    }
}
