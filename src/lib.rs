//! factlint: finds claims in prose and checks them against reference knowledge.
//!
//! The modules are layers, and each imports only the ones above it in this list (a test,
//! `tests/layers.rs`, keeps it so):
//!
//! - [`builtin`]: the shipped rule files, embedded, and the rule categories (their folders);
//!   [`vocab`]: the shared words (languages, severities, rule ids, folding, calendar names);
//!   [`source`]: files, spans and line maps;
//! - [`lexicon`]: the words of each language that rules share;
//! - [`markup`]: Markdown and HTML to prose with original offsets; [`normalize`] and
//!   [`classify`]: the normalised view and the trained models that read it;
//! - [`knowledge`]: the gazetteer and facts; [`recognize`]: mentions of places, dates, numbers
//!   and people in prose;
//! - [`claims`]: the document as claims are read from it, place claims, and the one capture
//!   loop of pattern-driven claim readers;
//! - [`checks`]: the rule kinds and their registry, and what a compiled rule is;
//! - [`rules`]: the loader, from rule files to compiled rules;
//! - [`diagnostic`], [`suppress`], [`engine`]: one finding type, inline suppressions, and the
//!   run of a rule set over a document; [`verify`]: rule examples run through the engine;
//!   [`fix`]: findings' suggestions applied to their text;
//! - [`render`], [`baseline`], [`config`]: output formats, known findings and the
//!   configuration file; [`stream`]: JSON Lines of documents in, findings out. The command line
//!   is the binary's, built on this library's public API.
//!
//! The public API is the facade re-exported at the top ([`Engine`], [`RuleSet`], [`Knowledge`],
//! [`Diagnostic`], [`Report`] and the renderers) and the modules that own those types. The stages
//! between source text and findings (lexicons, the normalised view, recognizers, claims, the
//! kinds and suppressions) are private to the crate: a program uses them through the engine.

// The public API: the modules that own the types a program embedding factlint uses.
pub mod baseline;
pub mod classify;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod fix;
pub mod knowledge;
pub mod markup;
pub mod render;
pub mod rules;
pub mod source;
pub mod stream;
pub mod verify;
pub mod vocab;

// The stages inside the engine.
mod builtin;
mod checks;
mod claims;
mod lexicon;
mod normalize;
mod recognize;
mod suppress;

pub use diagnostic::Diagnostic;
pub use engine::{Engine, Settings};
pub use knowledge::Knowledge;
pub use markup::Format;
pub use render::{FileResult, Report};
pub use rules::{Builtin, RuleSet};
pub use source::SourceFile;
pub use vocab::{Lang, Severity};
