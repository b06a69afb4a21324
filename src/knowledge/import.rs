//! Builds the compiled world gazetteer from GeoNames dump files (cities, first-level divisions,
//! countries), ISO 3166 country names, and the project's curated knowledge files.
//!
//! The output is deterministic, so a test can rebuild it from the same inputs and compare it
//! byte for byte with the committed file.

use super::file;
use super::gazetteer::{Feature, GazetteerBuilder, Level, Link, LinkKind, NewPlace, PlaceId, PlaceKind, NONE};
use super::places::{self, PlaceStore};
use crate::source::LocatedError;
use crate::vocab::fold::fold;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The files an import reads.
#[derive(Clone, Debug, Default)]
pub struct ImportInputs {
    /// GeoNames cities dump (cities1000.txt or similar, 19 tab-separated columns).
    pub cities: PathBuf,
    /// GeoNames admin1CodesASCII.txt.
    pub admin1: PathBuf,
    /// GeoNames countryInfo.txt.
    pub countries: PathBuf,
    /// Optional iso-codes iso3166-1.json, for official and common country names.
    pub iso3166: Option<PathBuf>,
    /// Optional iso-codes iso3166-2.json: subdivision names in their local language, added to the
    /// first-level divisions they name, and lower divisions (counties, departments) as districts.
    pub iso3166_2: Option<PathBuf>,
    /// Optional admin1-history.tsv: first-level divisions a reform replaced (old code, old
    /// names, old geonameid, new code, new name, year). Each former division stays a region
    /// under its old names, linked to what replaced it.
    pub admin1_history: Option<PathBuf>,
    /// Optional folder of Indonesia's administrative map (idn-area-data: provinces.csv,
    /// regencies.csv, districts.csv, villages.csv, islands.csv): regencies, kota, kecamatan,
    /// villages and islands, each in the division above it.
    pub idn_area: Option<PathBuf>,
    /// Curated knowledge files applied on top, in order.
    pub curated: Vec<PathBuf>,
}

/// What went wrong in an import.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path}:{line}: {message}")]
    Format { path: String, line: usize, message: String },
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Knowledge(Vec<LocatedError>),
}

/// Counts of what an import produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub countries: usize,
    pub regions: usize,
    pub cities: usize,
    pub districts: usize,
    /// First-level divisions replaced by a reform, kept under their old names.
    pub former_regions: usize,
    /// Places from Indonesia's administrative map (regencies, kota, kecamatan, villages,
    /// islands).
    pub mapped: usize,
    pub names: usize,
    /// City rows whose region code names no known region (they lie in their country only).
    pub unresolved_regions: usize,
}

fn read(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path).map_err(|source| ImportError::Read { path: path.display().to_string(), source })
}

fn format_err(path: &Path, line: usize, message: impl Into<String>) -> ImportError {
    ImportError::Format { path: path.display().to_string(), line, message: message.into() }
}

/// Suffixes that name the kind of a division rather than the division: "Ningxia Hui Autonomous
/// Region" is also written "Ningxia Hui".
const DIVISION_SUFFIXES: &[&str] = &[
    " Autonomous Region",
    " Special Administrative Region",
    " Province",
    " Region",
    " State",
    " Oblast",
    " Oblast'",
    " Governorate",
    " Prefecture",
    " Department",
    " Municipality",
    " Voivodeship",
    " Krai",
    " Kray",
    " Territory",
    " District",
    " County",
    " Republic",
    " Emirate",
    " Canton",
];

/// True for an alternate name that prose in a Latin-script language could use: Latin letters,
/// at least two of them, and not an all-capitals code (airport codes like "SZX" are alternate
/// names in GeoNames and would turn acronyms into places).
pub fn usable_alternate(name: &str) -> bool {
    let mut letters = 0;
    let mut upper = 0;
    for c in name.chars() {
        if c.is_alphabetic() {
            if !is_latin(c) {
                return false;
            }
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        } else if c.is_ascii_digit() || matches!(c, ',' | '(' | ')' | '/' | ';' | '"') {
            return false;
        }
    }
    letters >= 2 && !(upper == letters && letters <= 4)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{00C0}'..='\u{024F}').contains(&c) && c != '\u{00D7}' && c != '\u{00F7}'
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || ('\u{2C60}'..='\u{2C7F}').contains(&c)
        || ('\u{A720}'..='\u{A7FF}').contains(&c)
}

struct BuilderStore {
    b: GazetteerBuilder,
    by_geonameid: HashMap<u32, PlaceId>,
    by_code: HashMap<(PlaceKind, String), PlaceId>,
    keys: HashMap<String, PlaceId>,
}

impl PlaceStore for BuilderStore {
    fn resolve(&self, reference: &str) -> Option<PlaceId> {
        if let Some(id) = self.keys.get(reference) {
            return Some(*id);
        }
        let (scheme, value) = reference.split_once(':')?;
        match scheme {
            "geonames" => self.by_geonameid.get(&value.parse().ok()?).copied(),
            "country" => self.by_code.get(&(PlaceKind::Country, value.to_ascii_uppercase())).copied(),
            "admin1" => self.by_code.get(&(PlaceKind::Region, value.to_ascii_uppercase())).copied(),
            _ => None,
        }
    }

    fn kind(&self, id: PlaceId) -> PlaceKind {
        self.b.place(id).kind
    }

    fn country(&self, id: PlaceId) -> Option<PlaceId> {
        let c = self.b.place(id).country;
        (c != NONE).then_some(PlaceId(c))
    }

    fn add_place(&mut self, new: places::NewPlace) -> PlaceId {
        let next = self.b.len() as u32;
        let id = self.b.add_place(NewPlace {
            geonameid: 0,
            name: new.name.clone(),
            code: String::new(),
            kind: new.kind,
            feature: if new.kind == PlaceKind::City { Feature::Place } else { Feature::Division },
            level: Level::Unspecified,
            parent: new.parent.map_or(NONE, |p| p.0),
            country: if new.kind == PlaceKind::Country { next } else { new.country.map_or(NONE, |p| p.0) },
            population: new.population,
        });
        self.keys.insert(new.key, id);
        self.b.add_name(&new.name, id, false);
        id
    }

    fn add_name(&mut self, id: PlaceId, name: &str, alternate: bool) {
        self.b.add_name(name, id, alternate);
    }

    fn set_local_name(&mut self, id: PlaceId, lang: &str, name: &str) {
        self.b.set_local_name(id, lang, name);
    }

    fn correct(&mut self, id: PlaceId, parent: Option<PlaceId>, population: Option<u64>) {
        if let Some(parent) = parent {
            let country = match self.b.place(parent).kind {
                PlaceKind::Country => parent.0,
                _ => self.b.place(parent).country,
            };
            let p = self.b.place_mut(id);
            p.parent = parent.0;
            p.country = country;
        }
        if let Some(n) = population {
            self.b.place_mut(id).population = n;
        }
    }

    fn set_source(&mut self, _id: PlaceId, _source: &str) {
        // The compiled form quotes GeoNames for its places; curated files only add names to them.
    }

    fn add_link(&mut self, region: PlaceId, other: PlaceId, kind: LinkKind, year: u16) {
        self.b.add_link(Link { region, other, year, kind });
    }
}

/// Runs an import and returns the compiled bytes.
pub fn import(inputs: &ImportInputs) -> Result<(Vec<u8>, ImportStats), ImportError> {
    let mut stats = ImportStats::default();
    let mut store = BuilderStore {
        b: GazetteerBuilder::new(),
        by_geonameid: HashMap::new(),
        by_code: HashMap::new(),
        keys: HashMap::new(),
    };

    // Countries.
    let countries_text = read(&inputs.countries)?;
    let mut rows: Vec<(String, String, u32, u64)> = Vec::new();
    for (n, line) in countries_text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 17 {
            return Err(format_err(
                &inputs.countries,
                n + 1,
                format!("expected 19 tab-separated columns, found {}", f.len()),
            ));
        }
        let geonameid = f[16].trim().parse().unwrap_or(0);
        let population = f[7].trim().parse().unwrap_or(0);
        rows.push((f[0].to_string(), f[4].to_string(), geonameid, population));
    }
    rows.sort();
    for (code, name, geonameid, population) in rows {
        let next = store.b.len() as u32;
        let id = store.b.add_place(NewPlace {
            geonameid,
            name: name.clone(),
            code: code.clone(),
            kind: PlaceKind::Country,
            feature: Feature::Division,
            level: Level::Unspecified,
            parent: NONE,
            country: next,
            population,
        });
        store.b.add_name(&name, id, false);
        if geonameid != 0 {
            store.by_geonameid.insert(geonameid, id);
        }
        store.by_code.insert((PlaceKind::Country, code), id);
        stats.countries += 1;
    }

    // ISO 3166-1 names: official and common names as variants.
    if let Some(iso) = &inputs.iso3166 {
        let text = read(iso)?;
        let json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format_err(iso, e.line(), e.to_string()))?;
        let list = json
            .get("3166-1")
            .and_then(|v| v.as_array())
            .ok_or_else(|| format_err(iso, 1, "expected an object with a \"3166-1\" array"))?;
        for entry in list {
            let Some(code) = entry.get("alpha_2").and_then(|v| v.as_str()) else {
                continue;
            };
            let Some(&id) = store.by_code.get(&(PlaceKind::Country, code.to_string())) else {
                continue;
            };
            for key in ["name", "official_name", "common_name"] {
                if let Some(name) = entry.get(key).and_then(|v| v.as_str()) {
                    if !name.contains(',') && !name.contains('(') {
                        store.b.add_name(name, id, key != "common_name" && key != "name");
                    }
                }
            }
        }
    }

    // First-level divisions.
    let admin1_text = read(&inputs.admin1)?;
    let mut rows: Vec<(String, String, String, u32)> = Vec::new();
    for (n, line) in admin1_text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            return Err(format_err(
                &inputs.admin1,
                n + 1,
                format!("expected 4 tab-separated columns, found {}", f.len()),
            ));
        }
        rows.push((f[0].to_string(), f[1].to_string(), f[2].to_string(), f[3].trim().parse().unwrap_or(0)));
    }
    rows.sort();
    for (code, name, ascii, geonameid) in rows {
        let cc = code.split('.').next().unwrap_or("").to_string();
        let Some(&country) = store.by_code.get(&(PlaceKind::Country, cc)) else {
            continue;
        };
        let id = add_region(&mut store.b, geonameid, &name, &ascii, &code, Level::Unspecified, country);
        if geonameid != 0 {
            store.by_geonameid.insert(geonameid, id);
        }
        store.by_code.insert((PlaceKind::Region, code), id);
        stats.regions += 1;
    }

    // Divisions a reform replaced, under their old names, before the cities so that references
    // by code still find the current division first.
    if let Some(history) = &inputs.admin1_history {
        stats.former_regions = import_history(history, &mut store)?;
    }

    // Populated places.
    let cities_text = read(&inputs.cities)?;
    for (n, line) in cities_text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 {
            return Err(format_err(
                &inputs.cities,
                n + 1,
                format!("expected 19 tab-separated columns, found {}", f.len()),
            ));
        }
        let geonameid: u32 =
            f[0].parse().map_err(|_| format_err(&inputs.cities, n + 1, format!("bad geonameid {:?}", f[0])))?;
        let Some(&country) = store.by_code.get(&(PlaceKind::Country, f[8].to_string())) else {
            continue;
        };
        let region = store.by_code.get(&(PlaceKind::Region, format!("{}.{}", f[8], f[10]))).copied();
        if region.is_none() {
            stats.unresolved_regions += 1;
        }
        let id = store.b.add_place(NewPlace {
            geonameid,
            name: f[1].to_string(),
            code: String::new(),
            kind: PlaceKind::City,
            feature: Feature::from_code(f[7]),
            level: Level::Unspecified,
            parent: region.unwrap_or(country).0,
            country: country.0,
            population: f[14].trim().parse().unwrap_or(0),
        });
        store.b.add_name(f[1], id, false);
        store.b.add_name(f[2], id, false);
        for alt in f[3].split(',') {
            if usable_alternate(alt) {
                store.b.add_name(alt, id, true);
            }
        }
        store.by_geonameid.entry(geonameid).or_insert(id);
        stats.cities += 1;
    }

    // Curated knowledge on top.
    let mut errors = Vec::new();
    for path in &inputs.curated {
        let text = read(path)?;
        let shown = path.display().to_string();
        match file::parse(&text) {
            Ok(spec) => places::apply(&spec, &shown, &text, &mut store, &mut errors),
            Err((msg, span)) => errors.push(LocatedError::at(&shown, &text, span.map_or(0, |s| s.start), msg)),
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Knowledge(errors));
    }

    // ISO 3166-2 subdivisions, after the curated names so that local names ("Jawa Timur") find the
    // division they name.
    if let Some(iso2) = &inputs.iso3166_2 {
        stats.districts = import_iso3166_2(iso2, &mut store)?;
    }

    // Indonesia's map, after the curated names so that its provinces find their divisions.
    if let Some(dir) = &inputs.idn_area {
        stats.mapped = super::idn_area::import(dir, &mut store.b)?;
    }

    let bytes = store.b.build();
    let g = super::gazetteer::Gazetteer::open(&bytes).expect("a freshly built gazetteer opens");
    stats.names = g.name_count();
    Ok((bytes, stats))
}

/// Adds a first-level division (current or former) of a country, under its names.
fn add_region(
    b: &mut GazetteerBuilder,
    geonameid: u32,
    name: &str,
    ascii: &str,
    code: &str,
    level: Level,
    country: PlaceId,
) -> PlaceId {
    let id = b.add_place(NewPlace {
        geonameid,
        name: name.to_string(),
        code: code.to_string(),
        kind: PlaceKind::Region,
        feature: Feature::Division,
        level,
        parent: country.0,
        country: country.0,
        population: 0,
    });
    add_division_names(b, id, &[name, ascii]);
    id
}

/// Adds a division's names, and each without a suffix that names its kind of division.
fn add_division_names(b: &mut GazetteerBuilder, id: PlaceId, names: &[&str]) {
    for name in names {
        b.add_name(name, id, false);
    }
    for base in names {
        for suffix in DIVISION_SUFFIXES {
            if let Some(short) = base.strip_suffix(suffix) {
                if short.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                    b.add_name(short, id, true);
                }
            }
        }
    }
}

/// Adds the divisions admin1-history.tsv says a reform replaced: each becomes a former region
/// under its old names, linked to every division that took it over. Returns how many.
fn import_history(path: &Path, store: &mut BuilderStore) -> Result<usize, ImportError> {
    let text = read(path)?;
    // (old code, old name) -> (old ascii name, old geonameid, [(new code, year)])
    let mut former: std::collections::BTreeMap<(String, String), (String, u32, Vec<(String, u16)>)> =
        std::collections::BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if n == 0 && line.starts_with("old_code") || line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            return Err(format_err(path, n + 1, format!("expected 7 tab-separated columns, found {}", f.len())));
        }
        let year: u16 = f[6].trim().parse().map_err(|_| format_err(path, n + 1, format!("bad year {:?}", f[6])))?;
        let entry = former
            .entry((f[0].to_string(), f[1].to_string()))
            .or_insert_with(|| (f[2].to_string(), f[3].trim().parse().unwrap_or(0), Vec::new()));
        entry.2.push((f[4].to_string(), year));
    }
    let mut count = 0;
    for ((code, name), (ascii, geonameid, successors)) in former {
        let cc = code.split('.').next().unwrap_or("").to_string();
        let Some(&country) = store.by_code.get(&(PlaceKind::Country, cc)) else { continue };
        let id = add_region(&mut store.b, geonameid, &name, &ascii, &code, Level::Former, country);
        if geonameid != 0 {
            store.by_geonameid.entry(geonameid).or_insert(id);
        }
        for (new_code, year) in successors {
            let Some(&new) = store.by_code.get(&(PlaceKind::Region, new_code.clone())) else {
                return Err(format_err(
                    path,
                    1,
                    format!("{new_code} (which replaced {code} {name}) is no division of the admin1 table"),
                ));
            };
            store.b.add_link(Link { region: new, other: id, year, kind: LinkKind::Replaced });
        }
        count += 1;
    }
    Ok(count)
}

/// Suffixes ISO 3166-2 adds to local names of divisions: "Guangdong Sheng", "Xizang Zizhiqu".
const ISO_SUFFIXES: &[&str] = &[" Sheng", " Shi", " Zizhiqu", " Uygur Zizhiqu", " Huizu Zizhiqu", " Zhuangzu Zizhiqu"];

/// Adds ISO 3166-2 subdivisions: a subdivision that names a known first-level division of its
/// country adds its name to it; any other becomes a district inside its ISO parent (when that is
/// known) or its country. Returns the number of districts added.
fn import_iso3166_2(path: &Path, store: &mut BuilderStore) -> Result<usize, ImportError> {
    let text = read(path)?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format_err(path, e.line(), e.to_string()))?;
    let list = json
        .get("3166-2")
        .and_then(|v| v.as_array())
        .ok_or_else(|| format_err(path, 1, "expected an object with a \"3166-2\" array"))?;
    let mut entries: Vec<(String, String, Option<String>)> = list
        .iter()
        .filter_map(|e| {
            let code = e.get("code")?.as_str()?.to_string();
            let name = e.get("name")?.as_str()?.to_string();
            let parent = e.get("parent").and_then(|p| p.as_str()).map(|p| {
                let cc = code.split('-').next().unwrap_or("");
                if p.contains('-') {
                    p.to_string()
                } else {
                    format!("{cc}-{p}")
                }
            });
            Some((code, name, parent))
        })
        .collect();
    // Parents before children: entries without a parent first, then by depth of code order.
    entries.sort_by(|a, b| a.2.is_some().cmp(&b.2.is_some()).then(a.0.cmp(&b.0)));
    let mut by_code: HashMap<String, PlaceId> = HashMap::new();
    let mut districts = 0;
    for (code, name, parent) in entries {
        let cc = code.split('-').next().unwrap_or("").to_string();
        let Some(&country) = store.by_code.get(&(PlaceKind::Country, cc)) else { continue };
        let mut variants = vec![name.clone()];
        for suffix in ISO_SUFFIXES.iter().chain(DIVISION_SUFFIXES) {
            if let Some(short) = name.strip_suffix(suffix) {
                variants.push(short.to_string());
            }
        }
        let region = variants.iter().find_map(|v| {
            store.b.places_named(v).into_iter().map(|p| p.place).find(|&id| {
                let p = store.b.place(id);
                p.kind == PlaceKind::Region && p.country == country.0
            })
        });
        match region {
            Some(id) => {
                store.b.add_name(&name, id, true);
                by_code.insert(code, id);
            }
            None => {
                let parent_id = parent.and_then(|p| by_code.get(&p).copied()).unwrap_or(country);
                let id = store.b.add_place(NewPlace {
                    geonameid: 0,
                    name: name.clone(),
                    code: code.clone(),
                    kind: PlaceKind::District,
                    feature: Feature::Division,
                    level: Level::Unspecified,
                    parent: parent_id.0,
                    country: country.0,
                    population: 0,
                });
                for v in &variants {
                    store.b.add_name(v, id, v != &name);
                }
                by_code.insert(code, id);
                districts += 1;
            }
        }
    }
    Ok(districts)
}

/// Folded form of a name, re-exported for callers that print keys.
pub fn key(name: &str) -> String {
    fold(name)
}

#[cfg(test)]
mod tests {
    use super::usable_alternate;

    #[test]
    fn alternate_filter() {
        assert!(usable_alternate("Sham Chun"));
        assert!(usable_alternate("Shēnzhèn"));
        assert!(!usable_alternate("SZX"));
        assert!(!usable_alternate("深圳"));
        assert!(!usable_alternate("Шеньчжень"));
        assert!(!usable_alternate("X"));
        assert!(usable_alternate("NYC City"));
    }
}
