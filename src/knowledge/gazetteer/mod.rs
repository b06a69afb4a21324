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

mod read;
mod write;

pub use read::*;
pub use write::*;

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
