//! `factlint kb`: look names up, check knowledge files, rebuild the world gazetteer.

use super::args::{ImportCommand, KbCheckArgs, KbLookupArgs};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::knowledge::gazetteer::{Feature, PlaceKind};
use crate::knowledge::import::{import as run_import, ImportInputs};
use crate::knowledge::{population_words, Knowledge};
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Loads the built-in knowledge and the given files in order, or returns every error.
pub fn load_knowledge(files: &[PathBuf]) -> Result<Knowledge, Vec<crate::source::LocatedError>> {
    let mut kb = Knowledge::builtin();
    let mut errors = Vec::new();
    for f in files {
        if let Err(mut e) = kb.load_file(f) {
            errors.append(&mut e);
        }
    }
    if errors.is_empty() {
        Ok(kb)
    } else {
        Err(errors)
    }
}

fn print_errors(errors: &[crate::source::LocatedError]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "error: {e}");
    }
}

fn feature_words(f: Feature) -> Option<&'static str> {
    match f {
        Feature::Capital => Some("national capital"),
        Feature::RegionSeat => Some("seat of its region"),
        Feature::DistrictSeat => Some("seat of a district"),
        Feature::LocalSeat => Some("seat of a local division"),
        Feature::Place | Feature::Division => None,
    }
}

/// `factlint kb lookup NAME`
pub fn lookup(args: &KbLookupArgs) -> anyhow::Result<u8> {
    let kb = match load_knowledge(&args.knowledge) {
        Ok(kb) => kb,
        Err(errors) => {
            print_errors(&errors);
            return Ok(EXIT_ERROR);
        }
    };
    let hits = kb.lookup(&args.name);
    let mut out = std::io::stdout().lock();
    if args.json {
        let items: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                let p = kb.place(h.place);
                serde_json::json!({
                    "name": p.name,
                    "kind": p.kind.as_str(),
                    "region": kb.region_of(p.id).filter(|r| *r != p.id).map(|r| kb.place(r).name),
                    "country": p.country.filter(|c| *c != p.id).map(|c| kb.place(c).name),
                    "population": p.population,
                    "alternate_name": h.alternate,
                    "source": kb.source(p.id),
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&serde_json::json!({"name": args.name, "places": items}))?)?;
        return Ok(if hits.is_empty() { EXIT_FINDINGS } else { EXIT_CLEAN });
    }
    if hits.is_empty() {
        writeln!(out, "{:?}: not in the knowledge", args.name)?;
        return Ok(EXIT_FINDINGS);
    }
    writeln!(out, "{:?}: {} place{}", args.name, hits.len(), if hits.len() == 1 { "" } else { "s" })?;
    for h in &hits {
        let p = kb.place(h.place);
        let mut within = Vec::new();
        if p.kind == PlaceKind::City {
            if let Some(r) = kb.region_of(p.id) {
                within.push(kb.place(r).name.to_string());
            }
        }
        if p.kind != PlaceKind::Country {
            if let Some(c) = p.country {
                within.push(kb.place(c).name.to_string());
            }
        }
        let mut line = format!("  {} ({})", p.name, p.kind.as_str());
        if !within.is_empty() {
            line.push_str(&format!(", in {}", within.join(", ")));
        }
        if p.population > 0 {
            line.push_str(&format!(", pop. {}", population_words(p.population)));
        }
        if let Some(f) = feature_words(p.feature) {
            line.push_str(&format!(", {f}"));
        }
        if h.alternate {
            line.push_str(", by a variant name");
        }
        line.push_str(&format!("  [{}]", kb.source(p.id)));
        writeln!(out, "{line}")?;
    }
    Ok(EXIT_CLEAN)
}

/// `factlint kb check FILE...`
pub fn check(args: &KbCheckArgs) -> anyhow::Result<u8> {
    match load_knowledge(&args.files) {
        Ok(_) => {
            writeln!(
                std::io::stdout(),
                "ok: {} knowledge file{} checked",
                args.files.len(),
                if args.files.len() == 1 { "" } else { "s" }
            )?;
            Ok(EXIT_CLEAN)
        }
        Err(errors) => {
            print_errors(&errors);
            Ok(EXIT_ERROR)
        }
    }
}

/// Expands folders into their `*.toml` files, in name order.
pub fn expand_toml_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot read folder {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// `factlint kb import geonames ...`
pub fn import(cmd: &ImportCommand) -> anyhow::Result<u8> {
    let ImportCommand::Geonames(a) = cmd;
    let inputs = ImportInputs {
        cities: a.cities.clone(),
        admin1: a.admin1.clone(),
        countries: a.countries.clone(),
        iso3166: a.iso3166.clone(),
        iso3166_2: a.iso3166_2.clone(),
        curated: expand_toml_paths(&a.curated)?,
    };
    let (bytes, stats) = match run_import(&inputs) {
        Ok(r) => r,
        Err(e) => {
            writeln!(std::io::stderr(), "error: {e}")?;
            return Ok(EXIT_ERROR);
        }
    };
    write_atomically(&a.output, &bytes)?;
    writeln!(
        std::io::stdout(),
        "wrote {} ({} bytes): {} countries, {} regions, {} places, {} districts, {} names ({} places whose region code names no region lie in their country only)",
        a.output.display(),
        bytes.len(),
        stats.countries,
        stats.regions,
        stats.cities,
        stats.districts,
        stats.names,
        stats.unresolved_regions
    )?;
    Ok(EXIT_CLEAN)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot move {} to {}", tmp.display(), path.display()))?;
    Ok(())
}
