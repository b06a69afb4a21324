//! Writing the compiled gazetteer: used by the importer (`factlint kb import`) alone, as the
//! reader never writes.

use super::*;

/// An owned place for the builder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPlace {
    pub geonameid: u32,
    pub name: String,
    pub code: String,
    pub kind: PlaceKind,
    pub feature: Feature,
    pub level: Level,
    pub parent: u32,
    pub country: u32,
    pub population: u64,
}

/// Builds a compiled gazetteer. Output is deterministic: the same places and names in the same
/// order give the same bytes.
#[derive(Default)]
pub struct GazetteerBuilder {
    places: Vec<NewPlace>,
    /// folded name -> postings
    names: BTreeMap<String, Vec<Posting>>,
    locals: Vec<(u32, [u8; 2], String)>,
    links: Vec<Link>,
}

impl GazetteerBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a place and returns its id.
    pub fn add_place(&mut self, place: NewPlace) -> PlaceId {
        let id = PlaceId(self.places.len() as u32);
        self.places.push(place);
        id
    }

    pub fn place(&self, id: PlaceId) -> &NewPlace {
        &self.places[id.0 as usize]
    }

    pub fn place_mut(&mut self, id: PlaceId) -> &mut NewPlace {
        &mut self.places[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Adds a name for a place. A name that folds to nothing is ignored.
    pub fn add_name(&mut self, name: &str, place: PlaceId, alternate: bool) {
        let key = fold(name);
        if key.is_empty() {
            return;
        }
        let list = self.names.entry(key).or_default();
        match list.iter_mut().find(|p| p.place == place) {
            // A main name wins over the same spelling as a variant.
            Some(p) => p.alternate &= alternate,
            None => list.push(Posting { place, alternate }),
        }
    }

    /// The places a name (any spelling that folds the same) stands for so far.
    pub fn places_named(&self, name: &str) -> Vec<Posting> {
        self.names.get(&fold(name)).cloned().unwrap_or_default()
    }

    /// The links recorded so far.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// Records a link between two regions (once).
    pub fn add_link(&mut self, link: Link) {
        if !self.links.iter().any(|l| l.region == link.region && l.other == link.other && l.kind == link.kind) {
            self.links.push(link);
        }
    }

    /// Sets the display name of a place in a two-letter language.
    pub fn set_local_name(&mut self, place: PlaceId, lang: &str, name: &str) {
        let code: [u8; 2] = lang.as_bytes().try_into().expect("two-letter language code");
        self.locals.retain(|(p, l, _)| !(*p == place.0 && *l == code));
        self.locals.push((place.0, code, name.to_string()));
    }

    /// Serialises the gazetteer.
    pub fn build(mut self) -> Vec<u8> {
        let mut strings: Vec<u8> = Vec::new();
        let mut interned: BTreeMap<String, (u32, u16)> = BTreeMap::new();
        let mut intern = |s: &str, strings: &mut Vec<u8>| -> (u32, u16) {
            if let Some(&r) = interned.get(s) {
                return r;
            }
            let len = s.len().min(u16::MAX as usize);
            let r = (strings.len() as u32, len as u16);
            strings.extend_from_slice(&s.as_bytes()[..len]);
            interned.insert(s.to_string(), r);
            r
        };

        let mut place_bytes = Vec::with_capacity(self.places.len() * PLACE_SIZE);
        for p in &self.places {
            let (name_off, name_len) = intern(&p.name, &mut strings);
            let (code_off, code_len) = intern(&p.code, &mut strings);
            // Populations above u32::MAX (only countries come close) are stored divided by 16.
            let (pop, scaled) = if p.population > u32::MAX as u64 {
                ((p.population / 16) as u32, 1u8)
            } else {
                (p.population as u32, 0u8)
            };
            place_bytes.extend_from_slice(&p.geonameid.to_le_bytes());
            place_bytes.extend_from_slice(&name_off.to_le_bytes());
            place_bytes.extend_from_slice(&name_len.to_le_bytes());
            place_bytes.push(p.kind.as_u8());
            place_bytes.push(p.feature.as_u8());
            place_bytes.extend_from_slice(&p.parent.to_le_bytes());
            place_bytes.extend_from_slice(&p.country.to_le_bytes());
            place_bytes.extend_from_slice(&pop.to_le_bytes());
            place_bytes.extend_from_slice(&code_off.to_le_bytes());
            place_bytes.extend_from_slice(&code_len.to_le_bytes());
            place_bytes.push(p.level.as_u8());
            place_bytes.push(scaled);
        }

        self.locals.sort();
        let mut local_bytes = Vec::with_capacity(self.locals.len() * LOCAL_SIZE);
        for (place, lang, name) in &self.locals {
            let (off, len) = intern(name, &mut strings);
            local_bytes.extend_from_slice(&place.to_le_bytes());
            local_bytes.extend_from_slice(lang);
            local_bytes.extend_from_slice(&[0, 0]);
            local_bytes.extend_from_slice(&off.to_le_bytes());
            local_bytes.extend_from_slice(&len.to_le_bytes());
            local_bytes.extend_from_slice(&[0, 0]);
        }

        let mut ids: Vec<(u32, u32)> = (0..self.places.len() as u32)
            .filter(|&i| self.places[i as usize].geonameid != 0)
            .map(|i| (self.places[i as usize].geonameid, i))
            .collect();
        ids.sort();
        ids.dedup_by_key(|(g, _)| *g);

        let mut postings: Vec<u32> = Vec::new();
        let mut map = fst::MapBuilder::memory();
        let places = &self.places;
        for (key, list) in self.names.iter_mut() {
            // Main names before variants, then the most populous first; ties by id for determinism.
            list.sort_by(|a, b| {
                let (pa, pb) = (&places[a.place.0 as usize], &places[b.place.0 as usize]);
                a.alternate
                    .cmp(&b.alternate)
                    .then(kind_rank(pa.kind).cmp(&kind_rank(pb.kind)))
                    .then(pb.population.cmp(&pa.population))
                    .then(a.place.cmp(&b.place))
            });
            let value = if list.len() == 1 {
                (list[0].encode() as u64) << 1
            } else {
                let off = postings.len() as u64;
                postings.push(list.len() as u32);
                postings.extend(list.iter().map(|p| p.encode()));
                (off << 1) | 1
            };
            map.insert(key, value).expect("keys are inserted in sorted order");
        }
        let fst_bytes = map.into_inner().expect("in-memory fst cannot fail");

        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        for n in [
            self.places.len(),
            strings.len(),
            postings.len(),
            self.locals.len(),
            ids.len(),
            self.links.len(),
            fst_bytes.len(),
        ] {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        out.extend_from_slice(&place_bytes);
        out.extend_from_slice(&strings);
        for w in postings {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&local_bytes);
        for (g, i) in ids {
            out.extend_from_slice(&g.to_le_bytes());
            out.extend_from_slice(&i.to_le_bytes());
        }
        self.links.sort();
        for l in &self.links {
            out.extend_from_slice(&l.region.0.to_le_bytes());
            out.extend_from_slice(&l.other.0.to_le_bytes());
            out.extend_from_slice(&l.year.to_le_bytes());
            out.extend_from_slice(&[l.kind.as_u8(), 0]);
        }
        out.extend_from_slice(&fst_bytes);
        out
    }
}

/// Countries and regions before cities when a name is shared: "Georgia" the country and the
/// state come before a village called Georgia.
fn kind_rank(kind: PlaceKind) -> u8 {
    match kind {
        PlaceKind::Country => 0,
        PlaceKind::Region => 1,
        PlaceKind::City => 2,
        PlaceKind::District => 3,
    }
}
