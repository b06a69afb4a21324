//! factlint: finds claims in prose and checks them against reference knowledge.
//!
//! Data flows one way: read a file ([`source`]) -> markup to prose with original offsets
//! ([`markup`]) -> recognise entities against knowledge ([`knowledge`], [`recognize`]) -> rules
//! extract claims and checks compare them with knowledge ([`rules`], [`checks`]) -> one
//! [`diagnostic::Diagnostic`] type -> known findings dropped ([`baseline`]) -> one renderer per
//! format ([`render`]).

pub mod baseline;
pub mod builtin;
pub mod checks;
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
