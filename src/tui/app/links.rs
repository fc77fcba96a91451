//! The links a paper opens (arXiv, PDF, Hugging Face, code, image) and
//! its title copied: only http(s) links are ever handed out.

use super::{Action, App, Effect};
use crate::digest::facts_view::paper_url;
use crate::tui::options::OpenPage;

impl App {
    /// Opens one of the paper's pages, or copies its title.
    pub(super) fn outside(&mut self, action: Action) {
        let Some(i) = self.selected_paper() else {
            return;
        };
        if action == Action::OpenPdf && self.open_local_pdf() {
            return;
        }
        let title = self.digest().title(i).to_owned();
        let facts = self.digest().facts(i);
        let links = facts.links();
        let (url, missing) = match action {
            Action::OpenInBrowser => {
                let page = match self.options.open {
                    OpenPage::Hf => links.paper.clone(),
                    OpenPage::Pdf => links.pdf.clone(),
                    OpenPage::Arxiv => None,
                };
                let url = page.unwrap_or_else(|| paper_url(&title, facts.arxiv.as_deref()));
                (Some(url), "")
            }
            Action::OpenPdf => (links.pdf, "no PDF link: the paper's arXiv id is not known"),
            Action::OpenPaperPage => (
                links.paper,
                "no Hugging Face page: the paper's arXiv id is not known",
            ),
            Action::OpenCode => (
                links.github.or(links.project),
                "no code or project page is known for this paper",
            ),
            Action::OpenImage => (
                facts.teaser().map(str::to_owned),
                "no image is known for this paper",
            ),
            _ => {
                self.info("copied the title to the clipboard");
                return self.effects.push(Effect::Copy(title));
            }
        };
        match url {
            Some(url) if crate::digest::sanitize::web_url(&url).is_some() => {
                self.info(format!("opening {url}"));
                self.effects.push(Effect::OpenUrl(url));
            }
            Some(url) => self.error(format!(
                "not opened: {} is not an http(s) link",
                crate::digest::sanitize::clean_line(&url)
            )),
            None => self.info(missing),
        }
    }
}
