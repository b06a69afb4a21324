//! A model's features as one table of bytes: an open-addressing hash table of (name hash,
//! where the name is, weight), then the names. A model read from its text builds the table in
//! memory; a shipped model's table is built ahead (`rules/**/*.model.table`) and read in place,
//! so that nothing of the model is parsed at start-up. The table is the same bytes on every
//! platform: little-endian fields and a hash of this module's own.
//!
//! Layout, every number a little-endian u64 unless said: the magic line (24 bytes); the key of
//! the model text it was built from; the bias (its bits); the slot count (a power of two); the
//! names' length; the feature count; then the slots, 24 bytes each (hash, name start and end as
//! u32s, weight bits), an empty slot all zeros; then the names, one after another.
//!
//! Only the standard library: the build script reads this module too, for [`text_key`].

use std::borrow::Cow;

const MAGIC: &[u8; 24] = b"factlint model table 1\n\0";
const HEADER: usize = 24 + 5 * 8;
const SLOT: usize = 24;

/// A model's features, found by name.
#[derive(Debug, Clone)]
pub struct Table {
    bytes: Cow<'static, [u8]>,
    /// log2 of the slot count.
    bits: u32,
    names_at: usize,
    count: usize,
    bias: f64,
}

/// A feature name's hash: 8 bytes at a time, the same on every platform.
pub fn name_hash(name: &str) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(26);
    let bytes = name.as_bytes();
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(last));
    }
    h ^ (h >> 29)
}

/// The key of a text, the same on every platform (FNV-1a, 64 bits): what a model's table
/// records of the text it was built from, and what the shipped patterns' tables are keyed by.
pub fn text_key(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

impl Table {
    /// The table of `features` (a name given twice: the last weight counts), names kept in the
    /// order given. `key` names the text they were read from (0 for a model in memory).
    pub fn build<'n>(key: u64, bias: f64, features: impl IntoIterator<Item = (&'n str, f64)>) -> Table {
        let mut order: Vec<(&str, f64)> = Vec::new();
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (name, w) in features {
            match index.get(name) {
                Some(&i) => order[i].1 = w,
                None => {
                    index.insert(name, order.len());
                    order.push((name, w));
                }
            }
        }
        // At most three quarters full, so a probe ends soon.
        let slots = (order.len() * 4 / 3 + 1).max(8).next_power_of_two();
        let bits = slots.trailing_zeros();
        let names_len: usize = order.iter().map(|(n, _)| n.len()).sum();
        let names_at = HEADER + slots * SLOT;
        let mut bytes = vec![0u8; names_at + names_len];
        bytes[..24].copy_from_slice(MAGIC);
        for (i, v) in [key, bias.to_bits(), slots as u64, names_len as u64, order.len() as u64].into_iter().enumerate()
        {
            bytes[24 + 8 * i..32 + 8 * i].copy_from_slice(&v.to_le_bytes());
        }
        let mut at = names_at;
        for (name, w) in &order {
            let (start, end) = ((at - names_at) as u32, (at - names_at + name.len()) as u32);
            bytes[at..at + name.len()].copy_from_slice(name.as_bytes());
            at += name.len();
            let hash = name_hash(name);
            let mut slot = home(hash, bits);
            while u32_at(&bytes, HEADER + slot * SLOT + 12) != 0 {
                slot = (slot + 1) & (slots - 1);
            }
            let s = HEADER + slot * SLOT;
            bytes[s..s + 8].copy_from_slice(&hash.to_le_bytes());
            bytes[s + 8..s + 12].copy_from_slice(&start.to_le_bytes());
            bytes[s + 12..s + 16].copy_from_slice(&end.to_le_bytes());
            bytes[s + 16..s + 24].copy_from_slice(&w.to_bits().to_le_bytes());
        }
        Table { bytes: Cow::Owned(bytes), bits, names_at, count: order.len(), bias }
    }

    /// A table built ahead, read in place; None unless it is well formed and was built from the
    /// text whose key is `key`.
    pub fn read(bytes: &'static [u8], key: u64) -> Option<Table> {
        if bytes.len() < HEADER || &bytes[..24] != MAGIC || u64_at(bytes, 24) != key {
            return None;
        }
        let (slots, names_len, count) = (u64_at(bytes, 40), u64_at(bytes, 48), u64_at(bytes, 56));
        if !slots.is_power_of_two() || count > slots {
            return None;
        }
        let names_at = HEADER.checked_add(usize::try_from(slots).ok()?.checked_mul(SLOT)?)?;
        if names_at.checked_add(usize::try_from(names_len).ok()?)? != bytes.len() {
            return None;
        }
        // Every name is in bounds and on character boundaries, so a look-up never fails; and a
        // slot is empty, so that a probe for a name the table lacks ends.
        let names = std::str::from_utf8(&bytes[names_at..]).ok()?;
        let mut empty = false;
        for slot in 0..slots as usize {
            let s = HEADER + slot * SLOT;
            let (start, end) = (u32_at(bytes, s + 8) as usize, u32_at(bytes, s + 12) as usize);
            empty |= end == 0;
            if end != 0 && (start >= end || names.get(start..end).is_none()) {
                return None;
            }
        }
        if !empty {
            return None;
        }
        let bias = f64::from_bits(u64_at(bytes, 32));
        Some(Table { bytes: Cow::Borrowed(bytes), bits: slots.trailing_zeros(), names_at, count: count as usize, bias })
    }

    /// The table's bytes, as `read` reads them.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn bias(&self) -> f64 {
        self.bias
    }

    pub fn len(&self) -> usize {
        self.count
    }

    /// A feature's weight by its name.
    pub fn weight(&self, name: &str) -> Option<f64> {
        self.slot_of(name).map(|(_, w)| w)
    }

    /// A feature by its name: the name as the table holds it, and its weight.
    pub fn find(&self, name: &str) -> Option<(&str, f64)> {
        let (held, w) = self.slot_of(name)?;
        // Built from a str, or checked when read: on character boundaries.
        Some((std::str::from_utf8(held).unwrap_or_default(), w))
    }

    fn slot_of(&self, name: &str) -> Option<(&[u8], f64)> {
        let (slots, names) = self.bytes[HEADER..].split_at(self.names_at - HEADER);
        let hash = name_hash(name);
        let mask = (1usize << self.bits) - 1;
        let mut i = home(hash, self.bits);
        loop {
            let slot: &[u8; SLOT] = slots[i * SLOT..(i + 1) * SLOT].try_into().expect("a slot");
            let field = |at: usize| u32::from_le_bytes([slot[at], slot[at + 1], slot[at + 2], slot[at + 3]]) as usize;
            let end = field(12);
            if end == 0 {
                return None;
            }
            if u64::from_le_bytes(slot[..8].try_into().expect("8 bytes")) == hash {
                let held = &names[field(8)..end];
                if held == name.as_bytes() {
                    return Some((held, f64::from_bits(u64::from_le_bytes(slot[16..].try_into().expect("8 bytes")))));
                }
            }
            i = (i + 1) & mask;
        }
    }
}

/// Where a hash's probe starts: its top bits, spread by one multiply.
fn home(hash: u64, bits: u32) -> usize {
    (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_finds_each_feature_and_nothing_else() {
        let names: Vec<String> = (0..5000).map(|i| format!("w:{i}")).collect();
        let table = Table::build(7, -1.5, names.iter().enumerate().map(|(i, n)| (n.as_str(), i as f64 / 8.0)));
        assert_eq!((table.len(), table.bias()), (5000, -1.5));
        for (i, n) in names.iter().enumerate() {
            assert_eq!(table.find(n), Some((n.as_str(), i as f64 / 8.0)));
        }
        assert_eq!(table.find("w:5000"), None);
        assert_eq!(table.find(""), None);
        // The last weight given for a name counts.
        let twice = Table::build(0, 0.0, [("c:ab", 1.0), ("c:ab", 2.0)]);
        assert_eq!((twice.find("c:ab"), twice.len()), (Some(("c:ab", 2.0)), 1));
    }

    #[test]
    fn a_table_reads_back_in_place_only_for_its_own_text() {
        let built = Table::build(text_key("model"), 0.25, [("w:kata", -0.5), ("s:é", 1.0)]);
        let bytes: &'static [u8] = Box::leak(built.bytes().to_vec().into_boxed_slice());
        let read = Table::read(bytes, text_key("model")).expect("well formed");
        assert_eq!(
            (read.find("s:é"), read.find("w:kata"), read.bias()),
            (Some(("s:é", 1.0)), Some(("w:kata", -0.5)), 0.25)
        );
        assert!(Table::read(bytes, text_key("another model")).is_none());
        // Damaged: cut short, or a name's end past the names.
        assert!(Table::read(&bytes[..bytes.len() - 1], text_key("model")).is_none());
        let mut bad = bytes.to_vec();
        let slot = (HEADER..bad.len()).step_by(SLOT).find(|&s| u32_at(&bad, s + 12) != 0).unwrap();
        bad[slot + 12..slot + 16].copy_from_slice(&999u32.to_le_bytes());
        assert!(Table::read(Box::leak(bad.into_boxed_slice()), text_key("model")).is_none());
        // Every slot taken: a probe for a missing name would never end.
        let mut full = bytes.to_vec();
        let first = (HEADER..full.len()).step_by(SLOT).find(|&s| u32_at(&full, s + 12) != 0).unwrap();
        let taken = full[first..first + SLOT].to_vec();
        let slots = u64_at(&full, 40) as usize;
        for i in 0..slots {
            full[HEADER + i * SLOT..HEADER + (i + 1) * SLOT].copy_from_slice(&taken);
        }
        assert!(Table::read(Box::leak(full.into_boxed_slice()), text_key("model")).is_none());
    }

    #[test]
    fn the_hash_is_this_module_s_own() {
        // Fixed values: a table built on one platform is read on every other.
        assert_eq!(name_hash(""), 0);
        assert_eq!(name_hash("w:slot"), 0xf4ce_0a40_73db_e4a6);
        assert_eq!(name_hash("c:gacor>"), 0x62c3_da5e_4a87_24d8);
        assert_ne!(name_hash("w:a"), name_hash("w:b"));
        assert_ne!(name_hash("12345678"), name_hash("123456789"));
        assert_eq!(name_hash("w:slot"), name_hash(&String::from("w:slot")));
    }
}
