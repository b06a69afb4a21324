//! The compiled world gazetteer: a flat, little-endian byte layout that is generated ahead of time
//! (`factlint kb import geonames`), committed, and embedded in the binary. Reading it needs no
//! parsing and no allocation: place records are fixed-size rows, names live in an `fst` map from
//! folded name to a posting list of places, so start-up does not grow with the gazetteer.
//!
//! Layout (all integers little-endian u32 unless said otherwise):
//!
//! ```text
//! header    MAGIC, place count, strings length, postings count, local-name count, id count,
//!           link count, fst length
//! places    place count x PLACE_SIZE bytes (see `PlaceRow`)
//! strings   UTF-8 bytes that names and codes point into
//! postings  u32 words: for a name with several places, a count followed by that many postings
//! locals    local-name count x LOCAL_SIZE bytes: (place, language, name) display names
//! ids       id count x 8 bytes: (geonameid, place) sorted by geonameid
//! links     link count x 12 bytes: (region, other region, year u16, link kind u8, 0): a split,
//!           a reform that replaced a division, or a territory also held by another
//! fst       the name map; a value is a posting (tag 0) or an offset into postings (tag 1)
//! ```
//!
//! Places of a complete map (Indonesia's regencies down to villages) come after every other
//! place, so the countries it maps are read from the end.
//!
//! A posting is `place << 1 | alternate`, where alternate marks a name that is not the place's
//! main name (a variant spelling, a historical or foreign name).

use crate::vocab::fold::fold;
use fst::raw::Output;
use std::collections::BTreeMap;
use std::fmt;

const MAGIC: &[u8; 8] = b"FLGAZ\x00\x00\x05";
const HEADER_SIZE: usize = 8 + 7 * 4;
const PLACE_SIZE: usize = 32;
const LOCAL_SIZE: usize = 16;
const LINK_SIZE: usize = 12;
/// No parent, no region.
pub const NONE: u32 = u32::MAX;

/// Index of a place: world places first, then places from knowledge files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceId(pub u32);

impl fmt::Display for PlaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// What kind of place: the levels the located-in rule reasons about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    Country,
    /// A first-level division: province, state, region.
    Region,
    /// A populated place.
    City,
    /// A division below the first level (a county, a department, a regency) or one the
    /// gazetteer could not place in its hierarchy; which places lie in it is unknown.
    District,
}

impl PlaceKind {
    fn from_u8(b: u8) -> PlaceKind {
        match b {
            0 => PlaceKind::Country,
            1 => PlaceKind::Region,
            3 => PlaceKind::District,
            _ => PlaceKind::City,
        }
    }

    fn as_u8(self) -> u8 {
        match self {
            PlaceKind::Country => 0,
            PlaceKind::Region => 1,
            PlaceKind::City => 2,
            PlaceKind::District => 3,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
            PlaceKind::District => "district",
        }
    }
}

/// GeoNames feature of a populated place, reduced to what matters for prominence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feature {
    /// Any other populated place.
    Place,
    /// Capital of a country (PPLC).
    Capital,
    /// Seat of a first-level division (PPLA).
    RegionSeat,
    /// Seat of a second-level division (PPLA2).
    DistrictSeat,
    /// Seat of a lower division (PPLA3, PPLA4).
    LocalSeat,
    /// Not a populated place (a country or region record).
    Division,
}

impl Feature {
    pub fn from_code(code: &str) -> Feature {
        match code {
            "PPLC" => Feature::Capital,
            "PPLA" => Feature::RegionSeat,
            "PPLA2" => Feature::DistrictSeat,
            "PPLA3" | "PPLA4" | "PPLA5" => Feature::LocalSeat,
            _ => Feature::Place,
        }
    }

    fn from_u8(b: u8) -> Feature {
        match b {
            1 => Feature::Capital,
            2 => Feature::RegionSeat,
            3 => Feature::DistrictSeat,
            4 => Feature::LocalSeat,
            5 => Feature::Division,
            _ => Feature::Place,
        }
    }

    fn as_u8(self) -> u8 {
        match self {
            Feature::Place => 0,
            Feature::Capital => 1,
            Feature::RegionSeat => 2,
            Feature::DistrictSeat => 3,
            Feature::LocalSeat => 4,
            Feature::Division => 5,
        }
    }

    /// True for capitals and the seats of first- and second-level divisions.
    pub fn is_seat(self) -> bool {
        matches!(self, Feature::Capital | Feature::RegionSeat | Feature::DistrictSeat)
    }
}

/// Which administrative level a place below the first level is, where the knowledge says so
/// (Indonesia's map from provinces down to villages), and whether a division is a former one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Not said (GeoNames places, ISO 3166-2 districts).
    #[default]
    Unspecified,
    /// A kabupaten (regency): a second-level division whose places the map lists.
    Regency,
    /// A kota (city) at the second level.
    Kota,
    /// A kecamatan (district), the third level.
    Kecamatan,
    /// A desa or kelurahan (village), the fourth level.
    Village,
    /// An island, in the regency (or province) it belongs to.
    Island,
    /// A first-level division that a reform replaced; its links say by what and when.
    Former,
}

impl Level {
    fn from_u8(b: u8) -> Level {
        match b {
            1 => Level::Regency,
            2 => Level::Kota,
            3 => Level::Kecamatan,
            4 => Level::Village,
            5 => Level::Island,
            6 => Level::Former,
            _ => Level::Unspecified,
        }
    }

    fn as_u8(self) -> u8 {
        match self {
            Level::Unspecified => 0,
            Level::Regency => 1,
            Level::Kota => 2,
            Level::Kecamatan => 3,
            Level::Village => 4,
            Level::Island => 5,
            Level::Former => 6,
        }
    }

    /// True for the levels of a map that lists every place of its divisions: what does not lie
    /// in such a division is not there.
    pub fn is_mapped(self) -> bool {
        matches!(self, Level::Regency | Level::Kota | Level::Kecamatan | Level::Village | Level::Island)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Unspecified => "",
            Level::Regency => "regency",
            Level::Kota => "kota",
            Level::Kecamatan => "kecamatan",
            Level::Village => "village",
            Level::Island => "island",
            Level::Former => "former",
        }
    }
}

/// How two regions are linked in their history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkKind {
    /// `region` was split off from `other` in `year` (Banten from Jawa Barat, 2000): places of
    /// `region` lay in `other` before then.
    Split,
    /// `region` took over the former division `other` in `year` (whole or in part): the former
    /// name is right for its territory in copy written before then.
    Replaced,
    /// `region` is also held or claimed by `other` (a disputed or dependent territory).
    AlsoIn,
}

impl LinkKind {
    fn from_u8(b: u8) -> LinkKind {
        match b {
            1 => LinkKind::Replaced,
            2 => LinkKind::AlsoIn,
            _ => LinkKind::Split,
        }
    }

    fn as_u8(self) -> u8 {
        match self {
            LinkKind::Split => 0,
            LinkKind::Replaced => 1,
            LinkKind::AlsoIn => 2,
        }
    }
}

/// A link between two regions; `year` is 0 when unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Link {
    pub region: PlaceId,
    pub other: PlaceId,
    pub year: u16,
    pub kind: LinkKind,
}

/// One place as the builder takes it and the reader returns it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceRow<'a> {
    /// GeoNames id (0 when the place has none).
    pub geonameid: u32,
    pub name: &'a str,
    /// Country: ISO 3166-1 alpha-2 ("CN"); region: GeoNames admin1 code ("CN.30"); city: "".
    pub code: &'a str,
    pub kind: PlaceKind,
    pub feature: Feature,
    pub level: Level,
    /// The place this one lies directly in (a city's region, or its country when the region is
    /// unknown; a region's country), or [`NONE`].
    pub parent: u32,
    /// The country the place lies in (itself for a country), or [`NONE`].
    pub country: u32,
    pub population: u64,
}

/// A name and where the places it names are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    pub place: PlaceId,
    /// The name is a variant, not the place's main name.
    pub alternate: bool,
}

impl Posting {
    fn decode(word: u32) -> Posting {
        Posting { place: PlaceId(word >> 1), alternate: word & 1 == 1 }
    }

    fn encode(self) -> u32 {
        (self.place.0 << 1) | self.alternate as u32
    }
}

/// Errors reading a compiled gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("not a compiled factlint gazetteer (bad magic number or version)")]
    Magic,
    #[error("compiled gazetteer is truncated or its sections do not add up")]
    Truncated,
    #[error("compiled gazetteer name index is corrupt: {0}")]
    Fst(#[from] fst::Error),
}

/// A read-only view of a compiled gazetteer.
pub struct Gazetteer<'a> {
    places: &'a [u8],
    strings: &'a [u8],
    postings: &'a [u8],
    locals: &'a [u8],
    ids: &'a [u8],
    links: &'a [u8],
    names: fst::Map<&'a [u8]>,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

impl<'a> Gazetteer<'a> {
    /// Opens a compiled gazetteer over `bytes` without copying them.
    pub fn open(bytes: &'a [u8]) -> Result<Gazetteer<'a>, FormatError> {
        if bytes.len() < HEADER_SIZE || &bytes[..8] != MAGIC {
            return Err(FormatError::Magic);
        }
        let n_places = u32_at(bytes, 8) as usize;
        let strings_len = u32_at(bytes, 12) as usize;
        let n_postings = u32_at(bytes, 16) as usize;
        let n_locals = u32_at(bytes, 20) as usize;
        let n_ids = u32_at(bytes, 24) as usize;
        let n_links = u32_at(bytes, 28) as usize;
        let fst_len = u32_at(bytes, 32) as usize;
        let mut at = HEADER_SIZE;
        let mut take = |len: usize| -> Result<&'a [u8], FormatError> {
            let end = at.checked_add(len).ok_or(FormatError::Truncated)?;
            let s = bytes.get(at..end).ok_or(FormatError::Truncated)?;
            at = end;
            Ok(s)
        };
        let places = take(n_places * PLACE_SIZE)?;
        let strings = take(strings_len)?;
        let postings = take(n_postings * 4)?;
        let locals = take(n_locals * LOCAL_SIZE)?;
        let ids = take(n_ids * 8)?;
        let links = take(n_links * LINK_SIZE)?;
        let fst_bytes = take(fst_len)?;
        let names = fst::Map::new(fst_bytes)?;
        Ok(Gazetteer { places, strings, postings, locals, ids, links, names })
    }

    pub fn len(&self) -> usize {
        self.places.len() / PLACE_SIZE
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The number of distinct folded names.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    fn str_at(&self, off: u32, len: u16) -> &'a str {
        let bytes = &self.strings[off as usize..off as usize + len as usize];
        // The builder only writes &str; a corrupt file shows as replacement-free empty text.
        std::str::from_utf8(bytes).unwrap_or("")
    }

    /// The place at `id`. Panics when `id` is out of range, which only a bug can cause: ids
    /// come from this gazetteer's own postings.
    pub fn place(&self, id: PlaceId) -> PlaceRow<'a> {
        let r = &self.places[id.0 as usize * PLACE_SIZE..][..PLACE_SIZE];
        PlaceRow {
            geonameid: u32_at(r, 0),
            name: self.str_at(u32_at(r, 4), u16_at(r, 8)),
            kind: PlaceKind::from_u8(r[10]),
            feature: Feature::from_u8(r[11]),
            level: Level::from_u8(r[30]),
            parent: u32_at(r, 12),
            country: u32_at(r, 16),
            population: u32_at(r, 20) as u64 * if r[31] == 1 { 16 } else { 1 },
            code: self.str_at(u32_at(r, 24), u16_at(r, 28)),
        }
    }

    /// A place's level and country, without decoding its strings.
    pub fn level_and_country(&self, id: PlaceId) -> (Level, u32) {
        let r = &self.places[id.0 as usize * PLACE_SIZE..][..PLACE_SIZE];
        (Level::from_u8(r[30]), u32_at(r, 16))
    }

    /// A place's kind, level, parent and country, without decoding its strings: what walks up
    /// the hierarchy need.
    pub fn node(&self, id: PlaceId) -> (PlaceKind, Level, u32, u32) {
        let r = &self.places[id.0 as usize * PLACE_SIZE..][..PLACE_SIZE];
        (PlaceKind::from_u8(r[10]), Level::from_u8(r[30]), u32_at(r, 12), u32_at(r, 16))
    }

    /// The raw name map, for walking text against it.
    pub fn names(&self) -> &fst::Map<&'a [u8]> {
        &self.names
    }

    /// Decodes an fst value into its postings.
    pub fn postings(&self, value: u64) -> Postings<'a> {
        if value & 1 == 0 {
            Postings { single: Some((value >> 1) as u32), list: &[] }
        } else {
            let off = (value >> 1) as usize * 4;
            let count = u32_at(self.postings, off) as usize;
            Postings { single: None, list: &self.postings[off + 4..off + 4 + count * 4] }
        }
    }

    /// Every place called `name` (any spelling that folds the same), most prominent first.
    pub fn lookup(&self, name: &str) -> Postings<'a> {
        match self.names.get(fold(name)) {
            Some(v) => self.postings(v),
            None => Postings { single: None, list: &[] },
        }
    }

    /// The display name of a place in a language, when the knowledge has one (e.g. "Jawa Barat"
    /// for West Java in Indonesian).
    pub fn local_name(&self, id: PlaceId, lang: &str) -> Option<&'a str> {
        let n = self.locals.len() / LOCAL_SIZE;
        let row = |i: usize| &self.locals[i * LOCAL_SIZE..][..LOCAL_SIZE];
        // Rows are sorted by (place, language).
        let first = partition_point(n, |i| u32_at(row(i), 0) < id.0);
        (first..n).take_while(|&i| u32_at(row(i), 0) == id.0).find_map(|i| {
            let r = row(i);
            (&r[4..6] == lang.as_bytes()).then(|| self.str_at(u32_at(r, 8), u16_at(r, 12)))
        })
    }

    /// The place with a GeoNames id.
    pub fn by_geonameid(&self, geonameid: u32) -> Option<PlaceId> {
        let n = self.ids.len() / 8;
        let i = partition_point(n, |i| u32_at(self.ids, i * 8) < geonameid);
        (i < n && u32_at(self.ids, i * 8) == geonameid).then(|| PlaceId(u32_at(self.ids, i * 8 + 4)))
    }

    /// The links between regions: splits, reforms, shared territory.
    pub fn links(&self) -> impl Iterator<Item = Link> + '_ {
        self.links.chunks_exact(LINK_SIZE).map(|c| Link {
            region: PlaceId(u32_at(c, 0)),
            other: PlaceId(u32_at(c, 4)),
            year: u16_at(c, 8),
            kind: LinkKind::from_u8(c[10]),
        })
    }

    /// Iterates all places' ids.
    pub fn ids(&self) -> impl Iterator<Item = PlaceId> {
        (0..self.len() as u32).map(PlaceId)
    }

    /// Walks the name map over the folded form of `text`, calling `found(end, value)` for every
    /// name that matches a prefix of `text` ending at a word boundary. `end` is a byte offset
    /// into `text`.
    pub fn walk_prefixes(&self, text: &str, found: impl FnMut(usize, u64)) {
        walk_prefixes(self.names.as_fst(), text, found)
    }
}

/// Walks any name map (the world's or a knowledge file's) over folded text.
pub fn walk_prefixes(fst: &fst::raw::Fst<impl AsRef<[u8]>>, text: &str, mut found: impl FnMut(usize, u64)) {
    let mut node = fst.root();
    let mut out = Output::zero();
    let mut last_space = true; // leading spaces never start a name
    let mut chars = text.char_indices().peekable();
    let mut buf = [0u8; 4];
    while let Some((i, c)) = chars.next() {
        let mut dead = false;
        crate::vocab::fold::fold_char(c, &mut |f| {
            if dead {
                return;
            }
            if f == ' ' {
                if last_space {
                    return;
                }
                last_space = true;
            } else {
                last_space = false;
            }
            for &b in f.encode_utf8(&mut buf).as_bytes() {
                match node.find_input(b) {
                    Some(t) => {
                        let tr = node.transition(t);
                        out = out.cat(tr.out);
                        node = fst.node(tr.addr);
                    }
                    None => {
                        dead = true;
                        return;
                    }
                }
            }
        });
        if dead {
            return;
        }
        let end = i + c.len_utf8();
        let at_boundary = match chars.peek() {
            None => true,
            Some(&(_, n)) => !n.is_alphanumeric() && n != '\'' && n != '’',
        };
        if at_boundary && c.is_alphanumeric() || at_boundary && c == '.' {
            if node.is_final() && !last_space {
                found(end, out.cat(node.final_output()).value());
            }
        }
    }
}

fn partition_point(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The places a name stands for.
#[derive(Clone, Debug)]
pub struct Postings<'a> {
    single: Option<u32>,
    list: &'a [u8],
}

impl Postings<'_> {
    pub fn is_empty(&self) -> bool {
        self.single.is_none() && self.list.is_empty()
    }
}

impl Iterator for Postings<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        if let Some(w) = self.single.take() {
            return Some(Posting::decode(w));
        }
        if self.list.len() >= 4 {
            let w = u32_at(self.list, 0);
            self.list = &self.list[4..];
            return Some(Posting::decode(w));
        }
        None
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut b = GazetteerBuilder::new();
        let cn = b.add_place(NewPlace {
            geonameid: 1814991,
            name: "China".into(),
            code: "CN".into(),
            kind: PlaceKind::Country,
            feature: Feature::Division,
            level: Level::Unspecified,
            parent: NONE,
            country: 0,
            population: 1_411_778_724,
        });
        let gd = b.add_place(NewPlace {
            geonameid: 1809935,
            name: "Guangdong".into(),
            code: "CN.30".into(),
            kind: PlaceKind::Region,
            feature: Feature::Division,
            level: Level::Unspecified,
            parent: cn.0,
            country: cn.0,
            population: 0,
        });
        let sz = b.add_place(NewPlace {
            geonameid: 1795565,
            name: "Shenzhen".into(),
            code: "".into(),
            kind: PlaceKind::City,
            feature: Feature::DistrictSeat,
            level: Level::Unspecified,
            parent: gd.0,
            country: cn.0,
            population: 17_494_398,
        });
        b.add_name("China", cn, false);
        b.add_name("Tiongkok", cn, true);
        b.add_name("Guangdong", gd, false);
        b.add_name("Shenzhen", sz, false);
        b.add_name("Shēnzhèn", sz, true);
        b.set_local_name(cn, "id", "Tiongkok");
        b.build()
    }

    #[test]
    fn round_trip() {
        let bytes = sample();
        let g = Gazetteer::open(&bytes).unwrap();
        assert_eq!(g.len(), 3);
        let hits: Vec<_> = g.lookup("SHENZHEN").collect();
        assert_eq!(hits, vec![Posting { place: PlaceId(2), alternate: false }]);
        let sz = g.place(PlaceId(2));
        assert_eq!(sz.name, "Shenzhen");
        assert_eq!(sz.parent, 1);
        assert_eq!(sz.population, 17_494_398);
        assert_eq!(g.place(PlaceId(0)).population, 1_411_778_724);
        assert_eq!(g.local_name(PlaceId(0), "id"), Some("Tiongkok"));
        assert_eq!(g.local_name(PlaceId(0), "en"), None);
        assert!(g.lookup("Nowhere").is_empty());
        assert_eq!(g.by_geonameid(1809935), Some(PlaceId(1)));
        assert_eq!(g.by_geonameid(5), None);
    }

    #[test]
    fn levels_and_links_round_trip() {
        let mut b = GazetteerBuilder::new();
        let region = |code: &str, level| NewPlace {
            geonameid: 0,
            name: code.into(),
            code: code.into(),
            kind: PlaceKind::Region,
            feature: Feature::Division,
            level,
            parent: NONE,
            country: NONE,
            population: 0,
        };
        let new = b.add_place(region("VN.01", Level::Unspecified));
        let old = b.add_place(region("VN.44", Level::Former));
        b.add_link(Link { region: new, other: old, year: 2025, kind: LinkKind::Replaced });
        b.add_link(Link { region: new, other: old, year: 2025, kind: LinkKind::Replaced });
        let bytes = b.build();
        let g = Gazetteer::open(&bytes).unwrap();
        assert_eq!(g.place(old).level, Level::Former);
        assert_eq!(g.level_and_country(old), (Level::Former, NONE));
        let links: Vec<Link> = g.links().collect();
        assert_eq!(links, vec![Link { region: new, other: old, year: 2025, kind: LinkKind::Replaced }]);
    }

    #[test]
    fn walks_prefixes_at_word_boundaries() {
        let bytes = sample();
        let g = Gazetteer::open(&bytes).unwrap();
        let mut ends = vec![];
        g.walk_prefixes("Shenzhen, Guangdong", |end, _| ends.push(end));
        assert_eq!(ends, vec![8]);
        ends.clear();
        g.walk_prefixes("Shenzhenese", |end, _| ends.push(end));
        assert!(ends.is_empty());
    }

    #[test]
    fn rejects_garbage() {
        assert!(matches!(Gazetteer::open(b"nope"), Err(FormatError::Magic)));
        let mut bytes = sample();
        bytes.truncate(40);
        assert!(Gazetteer::open(&bytes).is_err());
    }
}
