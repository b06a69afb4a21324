//! Reading the compiled gazetteer in place: places by id, names through the fst, postings.

use super::*;

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
        if (at_boundary && c.is_alphanumeric() || at_boundary && c == '.') && node.is_final() && !last_space {
            found(end, out.cat(node.final_output()).value());
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
