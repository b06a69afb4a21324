//! Markdown to prose (placeholder: read as plain text until the Markdown reader lands).

use super::Prose;

pub fn parse(text: &str) -> Prose {
    super::plain(text)
}
