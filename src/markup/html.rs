//! HTML to prose (placeholder: read as plain text until the HTML reader lands).

use super::Prose;

pub fn parse(text: &str) -> Prose {
    super::plain(text)
}
