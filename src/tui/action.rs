//! What the reader can be asked to do, and the numbers it is told about the
//! screen. Depends on nothing else in `tui/`: keys become actions in
//! `keymap`, screen positions become actions in the event loop, and `App`
//! applies them.

use std::collections::HashMap;

/// Everything a key, the mouse or the terminal can ask of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    PagePaper,
    FocusNext,
    StartFilter,
    Type(char),
    DeleteChar,
    DeleteWord,
    AcceptFilter,
    ClearFilter,
    ToggleScope,
    ToggleBookmark,
    PickList,
    AcceptPick,
    RemoveFromList,
    ToggleRead,
    Undo,
    SwitchView,
    Cancel,
    /// Open the paper's arXiv page (an arXiv title search when its id is
    /// not known).
    OpenInBrowser,
    OpenPdf,
    /// Open its Hugging Face paper page.
    OpenPaperPage,
    /// Open its code (GitHub) or project page.
    OpenCode,
    /// Open its teaser image (the first of its images).
    OpenImage,
    /// Show each row's one-line summary under its title (or not).
    ToggleSummaries,
    CopyTitle,
    /// Write a one-line note on the selected paper (saved papers only).
    EditNote,
    /// Write a long note in `$VISUAL` / `$EDITOR`.
    EditNoteInEditor,
    /// Save the note being typed.
    AcceptNote,
    /// Show the day before (older than) the one shown.
    PreviousDay,
    /// Show the day after (newer than) the one shown.
    NextDay,
    /// Show every day (or back to the newest one).
    AllDays,
    /// Step by day, ISO week or month in turn.
    CyclePeriod,
    /// Move to the next (previous) paper never shown before.
    NextNew,
    PreviousNew,
    /// Send the selected paper to the running Zotero.
    SendToZotero,
    /// Save the filter as a search (a name is asked for).
    SaveSearch,
    /// Move to the next new paper a saved search marks.
    NextMatch,
    /// Show only the new papers (or all again).
    OnlyNew,
    /// Order by page, upvotes, date in turn.
    CycleSort,
    /// List the papers most like the selected one (Esc goes back).
    MoreLikeThis,
    /// Rank the papers in view by a reading list (or back to their order).
    ForYou,
    /// Choose the reading list "for you" ranks by.
    PickRankList,
    /// Mark the selected paper "not for me" (or take the mark off): for
    /// you ranks away from such papers.
    NotForMe,
    /// Show the terms the ranking shown follows, to mute one.
    ShowProfile,
    ToggleHelp,
    Quit,
    /// The mouse wheel over the list (`down` or up).
    ScrollList {
        down: bool,
    },
    /// The mouse wheel over the abstract.
    ScrollPaper {
        down: bool,
    },
    /// A click on the `row`th visible row of the list.
    ClickRow(usize),
    /// A click in the abstract pane.
    ClickPaper,
    /// The terminal got focus back: others may have changed the store.
    FocusGained,
}

/// Which key table rows apply: what the next key press means depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyMode {
    /// Browsing the list or reading the abstract.
    Normal,
    /// Typing in the filter.
    Filter,
    /// Choosing a reading list.
    Picker,
    /// Reading the help.
    Help,
    /// Typing a note.
    Note,
}

impl KeyMode {
    /// Every mode, in the order the help shows them.
    pub const ALL: [KeyMode; 5] = [
        KeyMode::Normal,
        KeyMode::Filter,
        KeyMode::Picker,
        KeyMode::Note,
        KeyMode::Help,
    ];
}

/// What the event loop measured, handed to the app as numbers: the app
/// keeps its selection and scrolling within them and knows no layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    /// Rows of papers the list shows.
    pub list_rows: usize,
    /// Rows the abstract pane shows.
    pub paper_rows: usize,
    /// Lines the selected paper takes in the abstract pane, wrapped.
    pub paper_lines: usize,
    /// Lines of the help, and the rows it shows them in.
    pub help_lines: usize,
    pub help_rows: usize,
}

/// How the screen names the key of each action, from the key table in
/// force. The app is told it, as it is told the sizes, and names a key in
/// a message only through it, so a remapped key shows in every message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyNames {
    names: HashMap<(KeyMode, Action), String>,
}

impl KeyNames {
    pub fn set(&mut self, mode: KeyMode, action: Action, name: String) {
        self.names.insert((mode, action), name);
    }

    /// The key of `action` while browsing.
    pub fn of(&self, action: Action) -> &str {
        self.names
            .get(&(KeyMode::Normal, action))
            .map_or("(no key)", String::as_str)
    }
}
