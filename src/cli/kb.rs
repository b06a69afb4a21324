//! `factlint kb`: look names up, check knowledge files, rebuild the world gazetteer.

use super::args::{ImportCommand, KbCheckArgs, KbLookupArgs};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use anyhow::Context;
use factlint::knowledge::gazetteer::{Feature, Level, LinkKind, PlaceKind, Posting};
use factlint::knowledge::import::{import as run_import, ImportInputs};
use factlint::knowledge::records::{Fact, FactId, OfficeId, PersonId, Phrase, Subject, Tenure};
use factlint::knowledge::{population_words, Knowledge};
use factlint::render::{format_trimmed, Notation};
use factlint::vocab::fold::fold;
use factlint::vocab::words::nearest;
use factlint::vocab::Lang;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Loads the built-in knowledge and the given files in order, or returns every error.
pub fn load_knowledge(files: &[PathBuf]) -> Result<Knowledge, Vec<factlint::source::LocatedError>> {
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

fn print_errors(errors: &[factlint::source::LocatedError]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "error: {e}");
    }
}

/// How a knowledge file refers to a place: `country:ID`, `admin1:ID.30`, `geonames:1642672`;
/// None for a place no reference names (a former division, whose old code may now name another;
/// a place of Indonesia's map, which its source quotes by code).
fn place_ref(p: &factlint::knowledge::Place<'_>) -> Option<String> {
    if p.level != Level::Unspecified {
        return None;
    }
    match (p.kind, p.geonameid) {
        (PlaceKind::Country, _) if !p.code.is_empty() => Some(format!("country:{}", p.code)),
        (PlaceKind::Region, _) if !p.code.is_empty() => Some(format!("admin1:{}", p.code)),
        (_, Some(g)) => Some(format!("geonames:{g}")),
        _ => (!p.code.is_empty()).then(|| p.code.to_string()),
    }
}

/// The kind of a place as a lookup shows it: its level where the map gives one.
fn kind_words(p: &factlint::knowledge::Place<'_>) -> &'static str {
    match p.level {
        Level::Unspecified => p.kind.as_str(),
        Level::Former => "former region",
        l => l.as_str(),
    }
}

/// A region's history: the splits and reforms that made or replaced it.
fn history_lines(kb: &Knowledge, id: factlint::knowledge::PlaceId) -> Vec<String> {
    let year = |y: u16| if y == 0 { String::new() } else { format!(" in {y}") };
    let name = |i| kb.place(i).name;
    kb.links()
        .filter_map(|l| match l.kind {
            LinkKind::Split if l.region == id => Some(format!("split from {}{}", name(l.other), year(l.year))),
            LinkKind::Split if l.other == id => Some(format!("{} split from it{}", name(l.region), year(l.year))),
            LinkKind::Replaced if l.region == id => Some(format!("took over {}{}", name(l.other), year(l.year))),
            LinkKind::Replaced if l.other == id => Some(format!("replaced by {}{}", name(l.region), year(l.year))),
            LinkKind::AlsoIn if l.region == id => Some(format!("also held or claimed by {}", name(l.other))),
            _ => None,
        })
        .collect()
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

/// What the record (persons, offices, facts) says about a name.
struct RecordHits {
    persons: Vec<PersonId>,
    offices: Vec<OfficeId>,
    facts: Vec<FactId>,
}

impl RecordHits {
    fn is_empty(&self) -> bool {
        self.persons.is_empty() && self.offices.is_empty() && self.facts.is_empty()
    }
}

fn push<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x)
    }
}

/// Persons, offices and facts a name stands for: an exact name, alias, title, organisation or
/// subject; else persons whose name contains the words ("Agus" finds Agus Gumiwang
/// Kartasasmita); and facts about the places the name names.
fn record_hits(kb: &Knowledge, name: &str, places: &[Posting]) -> RecordHits {
    let rec = kb.records();
    let mut hits = RecordHits { persons: Vec::new(), offices: Vec::new(), facts: Vec::new() };
    for p in rec.lookup(name) {
        match *p {
            Phrase::Person(id) => push(&mut hits.persons, id),
            Phrase::Title(id) | Phrase::Qualifier(id) => push(&mut hits.offices, id),
            Phrase::Subject(id) => push(&mut hits.facts, id),
            Phrase::Measure { .. } => {}
        }
    }
    if hits.persons.is_empty() {
        let q = fold(name);
        let words = |s: &str| format!(" {} ", fold(s));
        for (i, p) in rec.persons.iter().enumerate() {
            if !q.is_empty() && std::iter::once(&p.name).chain(&p.aliases).any(|n| words(n).contains(&format!(" {q} ")))
            {
                push(&mut hits.persons, PersonId(i as u32));
            }
        }
    }
    for (i, f) in rec.facts.iter().enumerate() {
        if let Some(Subject::Place(pl)) = f.subject {
            if places.iter().any(|h| h.place == pl) {
                push(&mut hits.facts, FactId(i as u32));
            }
        }
    }
    hits
}

fn tenure_line(kb: &Knowledge, t: &Tenure, show_person: bool) -> String {
    let rec = kb.records();
    let who = if show_person { rec.person(t.person).name.clone() } else { kb.office_label(t.office, Lang::EN) };
    format!("{who} {}  [{}]", t.describe(), t.source)
}

fn fact_value(f: &Fact) -> String {
    let v = format_trimmed(f.value, 3, Notation::EN);
    match f.unit.as_deref() {
        Some(u) if u.eq_ignore_ascii_case("percent") => format!("{v}%"),
        Some(u) => format!("{v} {u}"),
        None => v,
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
    let records = record_hits(&kb, &args.name, &hits);
    let rec = kb.records();
    let found = !hits.is_empty() || !records.is_empty();
    let mut out = std::io::stdout().lock();
    if args.json {
        let items: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                let p = kb.place(h.place);
                serde_json::json!({
                    "name": p.name,
                    "kind": p.kind.as_str(),
                    "level": (p.level != Level::Unspecified).then(|| p.level.as_str()),
                    "within": kb.ancestors(p.id).into_iter().map(|a| kb.place(a).name).collect::<Vec<_>>(),
                    "region": kb.region_of(p.id).filter(|r| *r != p.id).map(|r| kb.place(r).name),
                    "country": p.country.filter(|c| *c != p.id).map(|c| kb.place(c).name),
                    "population": (p.population > 0 || p.kind == PlaceKind::City).then_some(p.population),
                    "history": history_lines(&kb, p.id),
                    "alternate_name": h.alternate,
                    "source": kb.source(p.id),
                    "ref": place_ref(&p),
                })
            })
            .collect();
        let tenure_json = |t: &Tenure| {
            serde_json::json!({
                "person": rec.person(t.person).key,
                "office": rec.office(t.office).key,
                "from": t.from.map(|d| d.to_string()),
                "to": t.to.map(|d| d.to_string()),
                "source": t.source,
            })
        };
        let persons: Vec<serde_json::Value> = records
            .persons
            .iter()
            .map(|&id| {
                let p = rec.person(id);
                serde_json::json!({
                    "id": p.key, "name": p.name, "aliases": p.aliases, "source": p.source,
                    "tenures": rec.tenures_of(id).map(tenure_json).collect::<Vec<_>>(),
                })
            })
            .collect();
        let offices: Vec<serde_json::Value> = records
            .offices
            .iter()
            .map(|&id| {
                let o = rec.office(id);
                let titles: BTreeMap<&str, Vec<&str>> = o.titles.iter().fold(BTreeMap::new(), |mut m, (l, t)| {
                    m.entry(l.as_str()).or_default().push(t.as_str());
                    m
                });
                serde_json::json!({
                    "id": o.key, "titles": titles, "org": o.org,
                    "country": o.country.map(|c| kb.place(c).name), "single_holder": o.single_holder,
                    "source": o.source,
                    "tenures": rec.tenures_in(id).map(tenure_json).collect::<Vec<_>>(),
                })
            })
            .collect();
        let facts: Vec<serde_json::Value> = records
            .facts
            .iter()
            .map(|&id| {
                let f = rec.fact(id);
                serde_json::json!({
                    "id": f.key, "label": f.label(), "value": f.value, "unit": f.unit,
                    "as_of": f.as_of.map(|d| d.to_string()), "tolerance": f.tolerance.to_string(),
                    "source": f.source,
                })
            })
            .collect();
        let mut doc = serde_json::json!({"name": args.name, "places": items});
        if !records.is_empty() {
            doc["persons"] = persons.into();
            doc["offices"] = offices.into();
            doc["facts"] = facts.into();
        }
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        return Ok(if found { EXIT_CLEAN } else { EXIT_FINDINGS });
    }
    if !found {
        writeln!(out, "{:?}: not in the knowledge", args.name)?;
        return Ok(EXIT_FINDINGS);
    }
    if !hits.is_empty() {
        writeln!(out, "{:?}: {} place{}", args.name, hits.len(), if hits.len() == 1 { "" } else { "s" })?;
    }
    for h in &hits {
        let p = kb.place(h.place);
        let within: Vec<&str> = kb.ancestors(p.id).into_iter().map(|a| kb.place(a).name).collect();
        let mut line = format!("  {} ({})", p.name, kind_words(&p));
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
        match place_ref(&p) {
            Some(r) => line.push_str(&format!("  [{}; ref {r}]", kb.source(p.id))),
            None if p.level == Level::Former => {
                line.push_str(&format!("  [{}; former code {}]", kb.source(p.id), p.code))
            }
            None => line.push_str(&format!("  [{}]", kb.source(p.id))),
        }
        writeln!(out, "{line}")?;
        for event in history_lines(&kb, p.id) {
            writeln!(out, "      {event}")?;
        }
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    if !records.persons.is_empty() {
        writeln!(out, "{:?}: {}", args.name, plural(records.persons.len(), "person"))?;
        for &id in &records.persons {
            let p = rec.person(id);
            let aka = if p.aliases.is_empty() { String::new() } else { format!(", also {}", p.aliases.join(", ")) };
            writeln!(out, "  {} (person {}){aka}  [{}]", p.name, p.key, p.source)?;
            for t in rec.tenures_of(id) {
                writeln!(out, "    {}", tenure_line(&kb, t, false))?;
            }
        }
    }
    if !records.offices.is_empty() {
        writeln!(out, "{:?}: {}", args.name, plural(records.offices.len(), "office"))?;
        for &id in &records.offices {
            let o = rec.office(id);
            let mut titles: Vec<&str> = Vec::new();
            for (_, t) in &o.titles {
                if !titles.contains(&t.as_str()) {
                    titles.push(t);
                }
            }
            let holders = if o.single_holder { "one holder at a time" } else { "several holders at a time" };
            writeln!(
                out,
                "  {} (office {}; titles: {}; {holders})  [{}]",
                kb.office_label(id, Lang::EN),
                o.key,
                titles.join(" / "),
                o.source
            )?;
            for t in rec.tenures_in(id) {
                writeln!(out, "    {}", tenure_line(&kb, t, true))?;
            }
        }
    }
    if !records.facts.is_empty() {
        writeln!(out, "{:?}: {}", args.name, plural(records.facts.len(), "fact"))?;
        for &id in &records.facts {
            let f = rec.fact(id);
            let when = f.as_of.map(|d| format!(" ({d})")).unwrap_or_default();
            writeln!(
                out,
                "  {}: {}{when}, tolerance {} (fact {})  [{}]",
                f.label(),
                fact_value(f),
                f.tolerance,
                f.key,
                f.source
            )?;
        }
    }
    Ok(EXIT_CLEAN)
}

/// `factlint kb check FILE...`
pub fn check(args: &KbCheckArgs) -> anyhow::Result<u8> {
    match load_knowledge(&args.files) {
        Ok(kb) => {
            let mut err = std::io::stderr().lock();
            for w in unit_warnings(&kb) {
                writeln!(err, "warning: {w}")?;
            }
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

/// Facts whose unit the lexicons do not define but nearly spell ("percnt"): such a unit is read
/// as a count, compared only with figures written without a unit, so a slip would silently
/// keep the fact from ever being checked.
fn unit_warnings(kb: &Knowledge) -> Vec<String> {
    let Ok(rules) = factlint::rules::RuleSet::load_with(factlint::rules::Builtin::LexiconsOnly, &[]) else {
        return Vec::new();
    };
    let units = rules.lexicons.unit_names();
    let mut out = Vec::new();
    for f in &kb.records().facts {
        let Some(unit) = f.unit.as_deref() else { continue };
        if rules.lexicons.is_unit(unit) || f.origin.path.starts_with("builtin:") {
            continue;
        }
        let near = nearest(unit, units.iter().copied());
        if let Some(near) = near {
            out.push(format!(
                "{}: unit {unit:?} of fact {:?} is not a unit the lexicons define, so it counts things and is compared only with figures written without a unit; did you mean {near:?}?",
                f.origin, f.key
            ));
        }
    }
    out
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
        admin1_history: a.admin1_history.clone(),
        idn_area: a.idn_area.clone(),
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
        "wrote {} ({} bytes): {} countries, {} regions, {} former regions, {} places, {} districts, {} places of Indonesia's map, {} names ({} places whose region code names no region lie in their country only)",
        a.output.display(),
        bytes.len(),
        stats.countries,
        stats.regions,
        stats.former_regions,
        stats.cities,
        stats.districts,
        stats.mapped,
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
