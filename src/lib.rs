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
//! - [`render`], [`baseline`], [`config`], [`cli`]: output formats, known findings, the
//!   configuration file and the command line.

pub mod baseline;
pub mod builtin;
pub mod checks;
pub mod claims;
pub mod classify;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod knowledge;
pub mod lexicon;
pub mod markup;
pub mod normalize;
pub mod recognize;
pub mod render;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod verify;
pub mod vocab;
