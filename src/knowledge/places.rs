//! `[[place]]` entries of knowledge files, validated and applied the same way whether they go
//! into the compiled gazetteer (the curated files, at import time) or on top of it at run time
//! (users' files).

use super::file::{KnowledgeSpec, PlaceSpec};
use super::gazetteer::{Gazetteer, LinkKind, PlaceId, PlaceKind};
use crate::source::LocatedError;
use toml::Spanned;

/// A place a knowledge file defines.
pub struct NewPlace {
    pub key: String,
    pub name: String,
    pub kind: PlaceKind,
    pub parent: Option<PlaceId>,
    pub country: Option<PlaceId>,
    pub population: u64,
}

/// Where place entries are applied.
pub trait PlaceStore {
    fn resolve(&self, reference: &str) -> Option<PlaceId>;
    fn kind(&self, id: PlaceId) -> PlaceKind;
    fn country(&self, id: PlaceId) -> Option<PlaceId>;
    fn add_place(&mut self, new: NewPlace) -> PlaceId;
    fn add_name(&mut self, id: PlaceId, name: &str, alternate: bool);
    fn set_local_name(&mut self, id: PlaceId, lang: &str, name: &str);
    fn correct(&mut self, id: PlaceId, parent: Option<PlaceId>, population: Option<u64>);
    fn set_source(&mut self, id: PlaceId, source: &str);
    /// Records a link between two regions: `region` split from `other` in `year` (0 when
    /// unknown), took over the former `other`, or is also held by `other`.
    fn add_link(&mut self, region: PlaceId, other: PlaceId, kind: LinkKind, year: u16);
    /// Where an id is already used by something other than a place (a person, office, tenure
    /// or fact), if it is.
    fn other_use(&self, _key: &str) -> Option<String> {
        None
    }
}

/// Resolves `geonames:ID`, `country:CC` and `admin1:CC.CODE` in a compiled gazetteer.
pub fn resolve_world(world: &Gazetteer<'_>, reference: &str) -> Option<PlaceId> {
    let (scheme, value) = reference.split_once(':')?;
    match scheme {
        "geonames" => world.by_geonameid(value.parse().ok()?),
        "country" => find_code(world, PlaceKind::Country, value),
        "admin1" => find_code(world, PlaceKind::Region, value),
        _ => None,
    }
}

fn find_code(world: &Gazetteer<'_>, kind: PlaceKind, code: &str) -> Option<PlaceId> {
    // Countries and regions come first in the gazetteer; cities have no code.
    world.ids().take_while(|&id| world.place(id).kind != PlaceKind::City).find(|&id| {
        let p = world.place(id);
        p.kind == kind && p.code.eq_ignore_ascii_case(code)
    })
}

/// A two-letter lower-case language code.
pub fn valid_lang(lang: &str) -> bool {
    lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase())
}

/// Validates and applies every `[[place]]` of a file, collecting located errors.
pub fn apply(
    spec: &KnowledgeSpec,
    path: &str,
    text: &str,
    store: &mut impl PlaceStore,
    errors: &mut Vec<LocatedError>,
) {
    let default_source = spec.about.as_ref().and_then(|a| a.source.as_deref());
    // A place the file adds and gives no source for is sourced by the file itself.
    let file_source = format!("knowledge file {path}");
    for entry in &spec.places {
        let err_at = |offset: usize, msg: String| LocatedError::at(path, text, offset, msg);
        if let Err(e) = apply_one(entry, default_source, &file_source, store) {
            errors.push(err_at(e.0, e.1));
        }
    }
}

type EntryError = (usize, String);

fn at<T>(s: &Spanned<T>) -> usize {
    s.span().start
}

fn apply_one(
    entry: &Spanned<PlaceSpec>,
    default_source: Option<&str>,
    file_source: &str,
    store: &mut impl PlaceStore,
) -> Result<(), EntryError> {
    let p = entry.get_ref();
    let lang = match &p.lang {
        Some(l) if !valid_lang(l.get_ref()) => {
            return Err((
                at(l),
                format!("`lang` must be a two-letter lower-case code such as \"id\" or \"en\", not {:?}", l.get_ref()),
            ));
        }
        Some(l) => Some(l.get_ref().as_str()),
        None => None,
    };
    let within = match &p.within {
        Some(w) => Some(store.resolve(w.get_ref()).ok_or_else(|| {
            (at(w), format!("`in` refers to {:?}, which no knowledge defines (write geonames:ID, country:CC, admin1:CC.CODE or the id of a place defined earlier)", w.get_ref()))
        })?),
        None => None,
    };
    if let Some(w) = within {
        if store.kind(w) == PlaceKind::City {
            let w_at = at(p.within.as_ref().expect("within is set"));
            return Err((w_at, "`in` must name a region or a country, not a city".to_string()));
        }
    }
    let population = p.population.as_ref().map(|n| *n.get_ref());
    let source = p.source.as_ref().map(|s| s.get_ref().as_str()).or(default_source);
    for n in &p.names {
        if n.get_ref().trim().is_empty() {
            return Err((at(n), "a name must not be empty".to_string()));
        }
    }

    let id = match (&p.reference, &p.id) {
        (Some(_), Some(id)) => {
            return Err((at(id), "a place has either `ref` (a known place) or `id` (a new one), not both".to_string()));
        }
        (None, None) => {
            return Err((
                entry.span().start,
                "a [[place]] needs `ref` (to name or correct a known place) or `id` (to add one)".to_string(),
            ));
        }
        (Some(r), None) => {
            let id = store.resolve(r.get_ref()).ok_or_else(|| {
                (at(r), format!("no place {:?} is known (write geonames:ID, country:CC, admin1:CC.CODE or the id of a place defined earlier)", r.get_ref()))
            })?;
            if let Some(k) = &p.kind {
                return Err((at(k), "`kind` applies to new places only; a `ref` place keeps its kind".to_string()));
            }
            if let Some(n) = &p.name {
                store.add_name(id, n.get_ref(), false);
            }
            if within.is_some() || population.is_some() {
                store.correct(id, within, population);
            }
            id
        }
        (None, Some(key)) => {
            if key.get_ref().contains(':') {
                return Err((
                    at(key),
                    "a new place's id must not contain ':' (that is how references to built-in places are written)"
                        .to_string(),
                ));
            }
            if store.resolve(key.get_ref()).is_some() {
                return Err((at(key), format!("a place with id {:?} is already defined", key.get_ref())));
            }
            if let Some(other) = store.other_use(key.get_ref()) {
                return Err((at(key), format!("id {:?} is already {other}", key.get_ref())));
            }
            let name = p.name.as_ref().ok_or_else(|| (at(key), "a new place needs a `name`".to_string()))?;
            let kind = match p.kind.as_ref().map(|k| (k, k.get_ref().as_str())) {
                None | Some((_, "city")) => PlaceKind::City,
                Some((_, "region")) => PlaceKind::Region,
                Some((_, "country")) => PlaceKind::Country,
                Some((k, other)) => {
                    return Err((at(k), format!("`kind` is city, region or country, not {other:?}")));
                }
            };
            if kind != PlaceKind::Country && within.is_none() {
                return Err((
                    at(key),
                    "a new city or region needs `in` (the region or country it lies in)".to_string(),
                ));
            }
            let country = match within {
                Some(w) if store.kind(w) == PlaceKind::Country => Some(w),
                Some(w) => store.country(w),
                None => None,
            };
            let id = store.add_place(NewPlace {
                key: key.get_ref().clone(),
                name: name.get_ref().clone(),
                kind,
                parent: within,
                country,
                population: population.unwrap_or(0),
            });
            if source.is_none() {
                store.set_source(id, file_source);
            }
            id
        }
    };
    for (i, n) in p.names.iter().enumerate() {
        store.add_name(id, n.get_ref(), false);
        if i == 0 {
            if let Some(lang) = lang {
                store.set_local_name(id, lang, n.get_ref());
            }
        }
    }
    if let Some(y) = &p.split_year {
        if p.split_from.is_empty() {
            return Err((at(y), "`split_year` goes with `split_from` (the regions it was split from)".to_string()));
        }
    }
    for f in &p.split_from {
        let from = store
            .resolve(f.get_ref())
            .ok_or_else(|| (at(f), format!("`split_from` refers to {:?}, which no knowledge defines", f.get_ref())))?;
        if store.kind(id) == PlaceKind::City || store.kind(from) == PlaceKind::City {
            return Err((at(f), "`split_from` links regions or districts, not cities".to_string()));
        }
        let year = p.split_year.as_ref().map_or(0, |y| *y.get_ref());
        store.add_link(id, from, LinkKind::Split, year);
    }
    for other in &p.also_in {
        let holder = store.resolve(other.get_ref()).ok_or_else(|| {
            (at(other), format!("`also_in` refers to {:?}, which no knowledge defines", other.get_ref()))
        })?;
        if store.kind(id) == PlaceKind::City || store.kind(holder) == PlaceKind::City {
            return Err((at(other), "`also_in` links regions and countries, not cities".to_string()));
        }
        // Shared territory: a claim either way holds.
        store.add_link(id, holder, LinkKind::AlsoIn, 0);
    }
    if let Some(s) = source {
        store.set_source(id, s);
    }
    Ok(())
}
