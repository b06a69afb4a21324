//! Place claims, shared by the kinds that read "X, Y" as "place X lies in region Y"
//! (located-in, consistency). Not a kind itself.
//!
//! A rule's patterns find candidates with a `place` group and a `region` group (and optionally a
//! `claim` group, the span to report). [`ClaimReader`] turns each match into a [`PlaceClaim`]:
//! the place is the longest known name that ends the `place` group, the region the longest known
//! name that starts the `region` group, and any words around them must be ones the settings
//! allow. Matches that are not claims are dropped here, so every kind that reads claims agrees
//! on what a claim is: unknown names, lists ("Shanghai, Beijing and Shenzhen"), introductory
//! phrases ("From Jakarta, Bali is ..."), common words at the start of a sentence ("Well, Texas
//! ..."), a region followed by a verb of saying ("in Shenzhen, Victoria said").

use super::{Document, GroupRanges, ReadCx};
use crate::knowledge::gazetteer::{Level, Link, LinkKind, PlaceKind, Posting};
use crate::knowledge::{Knowledge, PlaceId};
use crate::lexicon::Lexicons;
use crate::lexicon::WordSet;
use crate::recognize::{
    is_sentence_start, looks_like_name, name_ending_at, name_starting_at, next_char, prev_char, word_after,
    word_before, NameMatch,
};
use crate::vocab::Lang;
use regex::Regex;
use std::collections::HashSet;
use std::ops::Range;

/// A pattern match read as a claim that a place lies in a region or country.
#[derive(Clone, Debug)]
pub struct PlaceClaim {
    /// The known place name ("Shenzhen").
    pub place: Range<usize>,
    /// The known region or country name ("KwaZulu-Natal").
    pub region: Range<usize>,
    /// The span to report: the `claim` group, or from the place to the region.
    pub claim: Range<usize>,
    /// Places the name may stand for: cities, regions and districts.
    pub places: Vec<Posting>,
    /// Regions and countries the region name may stand for.
    pub regions: Vec<Posting>,
    /// Cities the region name may also stand for ("Salford, Manchester").
    pub region_cities: Vec<Posting>,
}

/// What the knowledge says of a place claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Some place of that name (this one) lies in some region of that name.
    Holds(PlaceId),
    /// The place lies in a region split from (or a division that took over) the claimed one:
    /// right for copy written before the change, outdated in later or undated copy.
    Outdated(Link),
    /// Only a village of that name lies in the region, while a place of note of that name
    /// lies elsewhere ("Padang, Kalimantan Barat": villages called Padang lie there; the city is
    /// in Sumatera Barat).
    OnlyVillage(PlaceId),
    /// No place of that name lies in any region of that name, then or now.
    Wrong,
}

impl PlaceClaim {
    /// True when the claim is not wrong: it holds, or held before a change of the map.
    pub fn holds(&self, kb: &Knowledge) -> bool {
        self.verdict(kb, None) != Verdict::Wrong
    }

    /// Judges the claim for a document of `date`.
    ///
    /// It holds when any place of that name lies in any region or country of that name
    /// (namesakes count: "Paris, Texas"), in a region that shares territory with it (a disputed
    /// region, a split whose year is unknown), or in the same region as a city the region name
    /// may stand for ("Salford, Manchester"). Region history runs one way: a place of a region
    /// split from the claimed one in a year lay in the claimed one before that year (Tangerang,
    /// Jawa Barat before 2000), so the claim is outdated after it; a place of the older region
    /// never lay in the newer one (Bogor, Banten), unless the place is not on a complete map
    /// and the record may file it under the older region.
    pub fn verdict(&self, kb: &Knowledge, date: Option<chrono::NaiveDate>) -> Verdict {
        use chrono::Datelike;
        let before = |year: u16| year > 0 && date.is_some_and(|d| d.year() < year as i32);
        let mut outdated: Option<Link> = None;
        let mut village: Option<PlaceId> = None;
        // The links that name a claimed region, read once.
        let links: Vec<Link> =
            kb.links().filter(|l| self.regions.iter().any(|y| l.region == y.place || l.other == y.place)).collect();
        for xp in &self.places {
            let x = xp.place;
            let xn = kb.node(x);
            let xr = kb.region_of(x);
            let on_map = kb.is_on_map(x);
            for yp in &self.regions {
                let y = yp.place;
                if x == y
                    || kb.lies_in(x, y)
                    || xr.is_some_and(|r| kb.shares_territory(r, y))
                    || xn.country.is_some_and(|c| c != y && kb.shares_territory(c, y))
                {
                    if xn.level == Level::Village {
                        village.get_or_insert(x);
                        continue;
                    }
                    return Verdict::Holds(x);
                }
                if split_regency_of(kb, x, y) {
                    return Verdict::Holds(x);
                }
                let Some(r) = xr else { continue };
                for &l in &links {
                    let changed = match l.kind {
                        // x lies in a region split from y, or in a division that took over y.
                        LinkKind::Split | LinkKind::Replaced => l.other == y && l.region == r,
                        LinkKind::AlsoIn => false,
                    };
                    if changed {
                        if before(l.year) {
                            return Verdict::Holds(x);
                        }
                        outdated.get_or_insert(l);
                    } else if l.kind == LinkKind::Split && l.region == y && l.other == r && !on_map {
                        // The record may still file a place of the newer region under the older.
                        return Verdict::Holds(x);
                    }
                }
            }
            // "Salford, Manchester": placed by a bigger neighbour of its region.
            let bigger = |yc: &Posting| kb.place(yc.place).population > kb.place(x).population;
            if xr.is_some() && self.region_cities.iter().any(|yc| bigger(yc) && xr == kb.region_of(yc.place)) {
                return Verdict::Holds(x);
            }
        }
        match (village, outdated) {
            (Some(v), _) => Verdict::OnlyVillage(v),
            (None, Some(l)) => Verdict::Outdated(l),
            (None, None) => Verdict::Wrong,
        }
    }
}

/// The words a claim's surroundings are judged by: the `place_*` lists of one language's
/// lexicon (rules/place/claims.LANG.toml), folded. One definition for every kind that reads
/// place claims.
#[derive(Debug, Default)]
pub struct ClaimReader {
    pub lang: Option<Lang>,
    /// Between the place and the region: "," "(", "provinsi".
    pub joins: WordSet,
    /// Between them when a `lead_required` word stands before the place: "in", "di".
    pub joins_after_lead: WordSet,
    /// One of these before the place lets a `joins_after_lead` join it to the region.
    pub lead_required: WordSet,
    /// A word that may end the join: "Shenzhen, southern China".
    pub directions: WordSet,
    /// Words that may stand before the place inside its mention ("kota", "city of", "in").
    pub lead_words: WordSet,
    /// Words that may follow the region inside its mention ("province").
    pub trail_words: WordSet,
    /// Prepositions that open an introductory phrase ("from").
    pub intro_words: WordSet,
    /// Words that join list items ("and").
    pub list_words: WordSet,
    /// Words that, right after the region, show it is not a location ("said").
    pub not_after_region: WordSet,
    /// Words (one or two) that, right before the place, show it is not an administrative place:
    /// a source ("according to"), a neighbourhood or street ("kawasan", "jalan").
    pub not_before_place: WordSet,
    /// Words right before the place that make it a person's or firm's home ("of"): a verb of
    /// saying after the region then does not make the region a subject.
    pub home_words: WordSet,
    /// Region names that are ordinary words ("North", "Central", "Gulf"): a region only with a
    /// trail word after it ("North Province"); "Kansas City, North" is a headline fragment.
    pub needs_qualifier: WordSet,
    /// The lexicon list of words that are not place names at the start of a sentence.
    pub common_words_list: String,
}

/// The claim readers of every language the lexicons have.
#[derive(Debug, Default)]
pub struct ClaimReaders(Vec<ClaimReader>);

impl ClaimReaders {
    pub fn new(lexicons: &Lexicons) -> ClaimReaders {
        ClaimReaders(lexicons.languages().map(|l| ClaimReader::of(lexicons, l)).collect())
    }

    /// Every place claim of the document: those read from its place mentions (once per
    /// document, whichever kind asks first), then those the rule's own patterns find.
    pub fn claims(&self, doc: &Document<'_>, cx: &ReadCx<'_>, patterns: &[&Regex]) -> Vec<PlaceClaim> {
        let Some(reader) = self.0.iter().find(|r| r.lang == Some(doc.lang)) else { return Vec::new() };
        let shared = doc.place_claims.get_or_init(|| std::rc::Rc::new(reader.mention_claims(doc, cx)));
        let mut out: Vec<PlaceClaim> = shared.as_ref().clone();
        if !patterns.is_empty() {
            let mut seen: HashSet<(usize, usize)> = out.iter().map(|c| (c.claim.start, c.claim.end)).collect();
            for c in reader.pattern_claims(doc, cx, patterns) {
                if seen.insert((c.claim.start, c.claim.end)) {
                    out.push(c);
                }
            }
            out.sort_by_key(|c| (c.claim.start, c.claim.end));
        }
        out
    }
}

/// The end of `range`, or the end of the first sentence that ends in it (after its full stop).
fn sentence_end_in(text: &str, range: Range<usize>) -> usize {
    text[range.clone()]
        .char_indices()
        .find(|&(i, _)| crate::recognize::sentence_end_at(text, range.start + i).is_some())
        .map_or(range.end, |(i, c)| range.start + i + c.len_utf8())
}

/// The start of `range`, or the start of the last sentence that begins in it.
fn sentence_start_in(text: &str, range: Range<usize>) -> usize {
    text[range.clone()]
        .char_indices()
        .filter_map(|(i, _)| crate::recognize::sentence_end_at(text, range.start + i))
        .rfind(|&next| next <= range.end)
        .map_or(range.start, |next| next.max(range.start))
}

/// True for the readings of a name that can hold places in a claim: countries, first-level
/// regions, and the regencies and kota of a complete map ("Cibinong, Kabupaten Bogor").
pub fn is_region(kb: &Knowledge, p: &Posting) -> bool {
    let n = kb.node(p.place);
    matches!(n.kind, PlaceKind::Region | PlaceKind::Country) || matches!(n.level, Level::Regency | Level::Kota)
}

/// True when `x` lies in a regency or kota of `y`'s province that is named after the regency or
/// kota `y` ("Kabupaten Kolaka Utara" after "Kabupaten Kolaka", "Kota Tasikmalaya" after
/// "Kabupaten Tasikmalaya"): one split from it, in a year the knowledge does not record, so an
/// older text may rightly place `x` in `y`.
fn split_regency_of(kb: &Knowledge, x: PlaceId, y: PlaceId) -> bool {
    let regency = |id: PlaceId| matches!(kb.node(id).level, Level::Regency | Level::Kota);
    if !regency(y) {
        return false;
    }
    let mut at = Some(x);
    for _ in 0..4 {
        match at {
            Some(r) if regency(r) => {
                let bare = |id: PlaceId| {
                    let f = crate::vocab::fold::fold(kb.place(id).name);
                    match f.split_once(' ') {
                        Some(("kabupaten" | "kota" | "kab.", rest)) => rest.to_string(),
                        _ => f,
                    }
                };
                let (a, b) = (bare(r), bare(y));
                return r != y
                    && kb.region_of(r) == kb.region_of(y)
                    && (a == b || a.strip_prefix(b.as_str()).is_some_and(|t| t.starts_with(' ')));
            }
            Some(r) => at = kb.node(r).parent,
            None => return false,
        }
    }
    false
}

/// True when the region or country `holder` holds one of `places`.
fn holds_one_of(kb: &Knowledge, holder: &Posting, places: &[Posting]) -> bool {
    matches!(kb.node(holder.place).kind, PlaceKind::Region | PlaceKind::Country)
        && places.iter().any(|p| p.place != holder.place && kb.lies_in(p.place, holder.place))
}

impl ClaimReader {
    /// The reader of one language: its lexicon's `place_*` lists.
    pub fn of(lexicons: &Lexicons, lang: Lang) -> ClaimReader {
        let list = |name: &str| lexicons.list(lang, name).cloned().unwrap_or_default();
        ClaimReader {
            lang: Some(lang),
            joins: list("place_join"),
            joins_after_lead: list("place_join_after_lead"),
            lead_required: list("place_lead_required"),
            directions: list("place_direction"),
            lead_words: list("place_lead"),
            trail_words: list("place_trail"),
            intro_words: list("place_intro"),
            list_words: list("place_list"),
            not_after_region: list("place_not_after_region"),
            not_before_place: list("place_not_before_place"),
            home_words: list("place_home"),
            needs_qualifier: list("place_needs_qualifier"),
            common_words_list: "common".to_string(),
        }
    }

    /// The claims read off the document's place mentions. Each run of capitalised words is a
    /// mention (cut at a capitalised join word: "Bandung Provinsi Jawa Barat"); two neighbours
    /// in one sentence make a candidate when the text between them is a join, and [`Self::read`]
    /// decides whether it is a claim. Chains give a candidate for each neighbouring pair
    /// ("Toronto, Ontario, Canada").
    pub fn mention_claims(&self, doc: &Document<'_>, cx: &ReadCx<'_>) -> Vec<PlaceClaim> {
        let text = doc.text();
        if text.is_empty() {
            return Vec::new();
        }
        let mut runs: Vec<Range<usize>> = Vec::new();
        for mut run in crate::recognize::name_runs(text) {
            // A possessive ends the mention: "Luanda, Angola's capital".
            if let Some(i) = crate::vocab::words::possessive_cut(&text[run.clone()]) {
                run.end = run.start + i;
            }
            self.cut_at_joins(text, run, &mut runs);
        }
        let mut out: Vec<PlaceClaim> = Vec::new();
        for pair in runs.windows(2) {
            let (a, b) = (pair[0].clone(), pair[1].clone());
            let Some(claim_end) = self.joined(text, &a, &b) else { continue };
            if let Some(c) = self.read(doc, cx, a.clone(), b, claim_end) {
                if out.last().is_none_or(|l| l.claim != c.claim) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// Pushes the parts of a name run, cut at capitalised words that are joins ("Provinsi").
    fn cut_at_joins(&self, text: &str, run: Range<usize>, out: &mut Vec<Range<usize>>) {
        // Joins that are one word ("provinsi", "prov."), compared without folding: they are ASCII.
        let is_join = |w: &str| {
            self.joins
                .iter()
                .any(|j| j.len() == w.len() && j.bytes().any(|b| b.is_ascii_alphabetic()) && j.eq_ignore_ascii_case(w))
        };
        let mut start = run.start;
        let mut at = run.start;
        for word in text[run.clone()].split([' ', '\t', '\n', '\r']) {
            let w = at;
            at += word.len() + 1;
            if word.is_empty() || !is_join(word) {
                continue;
            }
            // A join that begins the run ("Kota Denpasar, Provinsi Bali") is dropped.
            let before = text[start..w].trim_end();
            if !before.is_empty() {
                out.push(start..start + before.len());
            }
            start = (w + word.len()..run.end).find(|&i| !text[i..].starts_with(char::is_whitespace)).unwrap_or(run.end);
        }
        if start < run.end {
            out.push(start..run.end);
        }
    }

    /// When the text between two mentions joins them into a candidate claim: the end of the
    /// claim's span (past the closing parenthesis of "Shenzhen (Guangdong)").
    fn joined(&self, text: &str, a: &Range<usize>, b: &Range<usize>) -> Option<Option<usize>> {
        let gap = &text[a.end..b.start];
        // Punctuation in the gap ("; ", ". ") needs no test of its own: only a join the lists
        // hold ("prov.") is read.
        if gap.len() > 40 || gap.contains('\n') {
            return None;
        }
        // Most gaps are a comma or a space: no need to fold them.
        let bare = gap.trim_matches([' ', '\t']);
        if bare.len() == 1 {
            if !self.joins.contains(bare) {
                return None;
            }
            let close = text[b.end..].starts_with(')').then_some(b.end + 1);
            return if bare == "(" { close.map(Some) } else { Some(None) };
        }
        if bare.is_empty() && !self.joins.contains("") {
            return None;
        }
        let folded = crate::vocab::fold::fold(gap);
        let mut join = folded.trim();
        // "Shenzhen, southern China", "in Shenzhen in southern China".
        if let Some((head, last)) = join.rsplit_once(' ') {
            if self.directions.contains(last) {
                join = head.trim_end();
            }
        }
        let open = join.ends_with('(');
        let close = |end: usize| text[end..].starts_with(')').then_some(end + 1);
        if self.joins.contains(join) {
            return Some(if open { Some(close(b.end)?) } else { None });
        }
        if self.joins_after_lead.contains(join) && self.has_required_lead(text, a) {
            return Some(None);
        }
        None
    }

    /// True when a `lead_required` word stands right before the mention or begins it ("kota
    /// Bandung", "the city of Shenzhen", "In Shenzhen").
    fn has_required_lead(&self, text: &str, a: &Range<usize>) -> bool {
        let first = word_after(text, a.start).filter(|w| w.end < a.end);
        if first.is_some_and(|w| self.is(&self.lead_required, text, &w)) {
            return true;
        }
        let Some(w) = word_before(text, a.start) else { return false };
        if self.is(&self.lead_required, text, &w) {
            return true;
        }
        // "the city of Shenzhen".
        self.is(&self.home_words, text, &w)
            && word_before(text, w.start).is_some_and(|v| self.is(&self.lead_required, text, &v))
    }

    /// Claims the rule's own `[[pattern]]`s find (a user's rule may add shapes).
    fn pattern_claims(&self, doc: &Document<'_>, cx: &ReadCx<'_>, patterns: &[&Regex]) -> Vec<PlaceClaim> {
        let text = doc.text();
        let mut out = Vec::new();
        for &re in patterns {
            let matches = doc.matches.get_or_find(re, || candidates(re, text));
            for groups in matches.iter() {
                let group = |name: &str| groups.iter().find(|(n, _)| *n == name).map(|(_, r)| r.clone());
                let (Some(place), Some(region)) = (group("place"), group("region")) else { continue };
                let claim = group("claim");
                if let Some(mut c) = self.read(doc, cx, place, region, None) {
                    if let Some(claim) = claim {
                        c.claim = claim;
                    }
                    out.push(c);
                }
            }
        }
        out
    }

    fn is(&self, set: &WordSet, text: &str, range: &Range<usize>) -> bool {
        set.contains(&crate::vocab::fold::fold(&text[range.clone()]))
    }

    /// Words in `range` (split on white space) that are all in `set`.
    fn all_in(&self, set: &WordSet, text: &str, range: Range<usize>) -> bool {
        let folded = crate::vocab::fold::fold(&text[range]);
        if folded.is_empty() {
            return true;
        }
        // Multi-word entries ("city of") match as a whole; otherwise word by word, where
        // punctuation alone (the full stop ending a sentence) is not a word.
        set.contains(&folded)
            || folded.split(' ').all(|w| {
                !w.chars().any(char::is_alphanumeric) || set.contains(w) || set.contains(w.trim_end_matches('.'))
            })
    }

    /// True when the one or two words before `pos` are in `not_before_place`.
    fn not_before(&self, text: &str, pos: usize) -> bool {
        let Some(w1) = word_before(text, pos) else { return false };
        if self.is(&self.not_before_place, text, &w1) {
            return true;
        }
        word_before(text, w1.start).is_some_and(|w2| self.is(&self.not_before_place, text, &(w2.start..w1.end)))
    }

    /// True when a known place name starts right after `pos` past a comma or list word: the
    /// claim is an item of a list. Not when that name is a region or country that holds the
    /// claimed region: "Toronto, Ontario, Canada" is a chain.
    fn list_follows(&self, kb: &Knowledge, text: &str, pos: usize, regions: &[Posting]) -> bool {
        let mut at = pos;
        match next_char(text, at) {
            // Not a semicolon: "Pailin, Cambodia; Attapeu, Laos" lists claims.
            Some(',') | Some('&') | Some('/') => {
                at = text[at..].find([',', '&', '/']).map(|i| at + i + 1).unwrap_or(at)
            }
            _ => match word_after(text, at) {
                Some(w) if self.is(&self.list_words, text, &w) => at = w.end,
                _ => return false,
            },
        }
        // An Oxford comma: ", and Shenzhen".
        if let Some(w) = word_after(text, at) {
            if self.is(&self.list_words, text, &w) {
                at = w.end;
            }
        }
        match word_after(text, at) {
            // "..., Saskatchewan and Newfoundland": a known name continues the list.
            Some(w) if text[w.clone()].chars().next().is_some_and(char::is_uppercase) => {
                let mut end = text.len().min(w.start + 80);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                name_starting_at(kb, text, w.start..end)
                    .is_some_and(|m| !m.places.is_empty() && !(m.places.iter().any(|z| holds_one_of(kb, z, regions))))
            }
            _ => false,
        }
    }

    /// True when the place is itself preceded by a list: "Shanghai, Beijing, Guangdong". Not
    /// when the name before is a place that lies in this one ("Toronto, Ontario, Canada" is a
    /// chain), nor when a list word ends the list at this place: "Quebec City and Nanjing,
    /// Jiangsu" places Nanjing.
    fn list_precedes(&self, kb: &Knowledge, text: &str, start: usize, places: &[Posting]) -> bool {
        match prev_char(text, start) {
            Some(',') | Some('&') | Some('/') => {
                let comma = text[..start].rfind([',', '&', '/']).expect("prev_char found one");
                let Some(w) = word_before(text, comma) else { return false };
                let from = w.start.saturating_sub(60);
                let from = (from..=w.start).find(|i| text.is_char_boundary(*i)).unwrap_or(w.start);
                // A venue is not a list item: "Lying-in Hospital, New York City, New York".
                name_ending_at(kb, text, from..w.end).is_some_and(|m| {
                    !m.places.is_empty()
                        && looks_like_name(&text[m.range.clone()])
                        && !crate::recognize::in_longer_name(text, m.range.clone())
                        && !places.iter().any(|x| holds_one_of(kb, x, &m.places))
                })
            }
            _ => false,
        }
    }

    /// Reads one pattern match as a claim, or None when it is not one.
    fn read(
        &self,
        doc: &Document<'_>,
        cx: &ReadCx<'_>,
        place_group: Range<usize>,
        region_group: Range<usize>,
        claim_end: Option<usize>,
    ) -> Option<PlaceClaim> {
        let kb = cx.knowledge;
        let text = doc.text();
        // The region first: most "Name, Name" matches name no region and end here cheaply.
        let mut y: NameMatch = name_starting_at(kb, text, region_group.clone())?;
        // "North Province" names New Caledonia's province, and Cameroon's North with its trail
        // word: a shorter name the trail words complete reads too.
        if text[y.range.clone()].contains(' ') {
            for (end, places) in kb.prefixes(&text[y.range.clone()]) {
                let e = y.range.start + end;
                if e < y.range.end && self.all_in(&self.trail_words, text, e..y.range.end) {
                    for p in places {
                        if !y.places.iter().any(|q| q.place == p.place) {
                            y.places.push(p);
                        }
                    }
                }
            }
        }
        if !y.places.iter().any(|p| is_region(kb, p)) {
            return None;
        }
        let x: NameMatch = name_ending_at(kb, text, place_group.clone())?;
        // A name's group may run over a sentence end ("KwaZulu-Natal. It opened", "in Jakarta.
        // Shenzhen, ..."): what lies past the sentence end belongs to another sentence.
        let region_group = region_group.start..sentence_end_in(text, y.range.end..region_group.end);
        let place_group = sentence_start_in(text, place_group.start..x.range.start)..place_group.end;
        let x_text = &text[x.range.clone()];
        let y_text = &text[y.range.clone()];
        if !looks_like_name(x_text) || !looks_like_name(y_text) {
            return None;
        }
        // Words around the names inside their mentions must be ones the rule allows; a name
        // after a home word ("Boskovich Farms Inc. of Oxnard") is placed as a mention of its own.
        let mut place_group = place_group;
        if !self.all_in(&self.lead_words, text, place_group.start..x.range.start) {
            let home = word_before(text, x.range.start)
                .filter(|w| w.start >= place_group.start && self.is(&self.home_words, text, w));
            home.as_ref()?;
            place_group.start = x.range.start;
        }
        // A possessive ends the region's mention: "Luanda, Angola's capital".
        let mut region_group = region_group;
        if crate::vocab::words::possessive_prefix_len(&text[y.range.end..region_group.end]) > 0 {
            region_group.end = y.range.end;
        }
        if !self.all_in(&self.trail_words, text, y.range.end..region_group.end) {
            return None;
        }
        if region_group.end == y.range.end && self.is(&self.needs_qualifier, text, &y.range) {
            return None;
        }
        // A country is not placed in a region or another country: "Belgium, France" lists two.
        if x.places.iter().any(|p| kb.node(p.place).kind == PlaceKind::Country) {
            return None;
        }
        // A name right after a figure is a unit ("151,5 Ha, Tegal").
        if crate::recognize::word_before(text, place_group.start)
            .is_some_and(|w| text[w].chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.'))
        {
            return None;
        }
        if self.not_before(text, place_group.start.min(x.range.start)) {
            return None;
        }
        let claim = PlaceClaim {
            place: x.range.clone(),
            region: y.range.clone(),
            claim: x.range.start..claim_end.unwrap_or(y.range.end),
            places: x.places.iter().filter(|p| kb.node(p.place).kind != PlaceKind::Country).copied().collect(),
            regions: y.places.iter().filter(|p| is_region(kb, p)).copied().collect(),
            region_cities: y.places.iter().filter(|p| kb.node(p.place).kind == PlaceKind::City).copied().collect(),
        };
        if claim.places.is_empty() || claim.regions.is_empty() {
            return None;
        }
        let kind_of = |p: &Posting| kb.node(p.place).kind;
        // A division is not placed in another division of its level or below: "Alberta,
        // Saskatchewan" is a list of provinces.
        // A place on a complete map (a kecamatan, an island, a regency in its province) is
        // placed as a city is.
        // placed as a city is; a regency or kota only in a province or country ("Bogor,
        // Sukabumi" lists two regencies).
        let y_above_regency =
            claim.regions.iter().any(|p| matches!(kind_of(p), PlaceKind::Region | PlaceKind::Country));
        let any_city = claim.places.iter().any(|p| match kb.node(p.place).level {
            Level::Kecamatan | Level::Village | Level::Island => true,
            Level::Regency | Level::Kota => y_above_regency,
            _ => kind_of(p) == PlaceKind::City,
        });
        let any_country = claim.regions.iter().any(|p| kind_of(p) == PlaceKind::Country);
        if !any_city && !any_country {
            return None;
        }
        // Which places lie in a district, and which region an unplaced city lies in, is unknown:
        // a place of that name in the same country may lie in the claimed region.
        let x_countries: HashSet<PlaceId> = claim.places.iter().filter_map(|p| kb.node(p.place).country).collect();
        let y_countries: HashSet<PlaceId> = y.places.iter().filter_map(|p| kb.node(p.place).country).collect();
        let district_in_x_country = y.places.iter().any(|p| {
            kind_of(p) == PlaceKind::District
                && !kb.node(p.place).level.is_mapped()
                && kb.node(p.place).country.is_some_and(|c| x_countries.contains(&c))
        });
        let unplaced_in_y_country = claim.places.iter().any(|p| {
            let pl = kb.node(p.place);
            pl.kind != PlaceKind::Region
                && pl.parent.is_some()
                && pl.parent == pl.country
                && pl.country.is_some_and(|c| y_countries.contains(&c))
        });
        if district_in_x_country || unplaced_in_y_country {
            return None;
        }

        // Context that makes "X, Y" something other than a claim.
        let lead = place_group.start..x.range.start;
        let x_is_first_word = lead.is_empty() && is_sentence_start(text, x.range.start)
            || !lead.is_empty() && is_sentence_start(text, place_group.start);
        let single_word = !x_text.contains(char::is_whitespace) && !x_text.contains('-');
        if single_word
            && !crate::vocab::words::is_all_caps(x_text)
            && x_is_first_word
            && lead.is_empty()
            && cx.lexicons.has_word(doc.lang, &self.common_words_list, x_text)
        {
            return None;
        }
        let after_region = region_group.end;
        // "in Shenzhen, Victoria said": the region may be the subject; not so for a person's or
        // firm's home ("Boskovich Farms of Oxnard, California said"), unless the region's name
        // is also an ordinary word or given name.
        let home = word_before(text, place_group.start).is_some_and(|w| self.is(&self.home_words, text, &w))
            && !cx.lexicons.has_word(doc.lang, &self.common_words_list, y_text);
        if !home && word_after(text, after_region).is_some_and(|w| self.is(&self.not_after_region, text, &w)) {
            return None;
        }
        // An introductory phrase: "From Jakarta, Bali is ..." / "Di Shenzhen, Huawei ...".
        let prep = if !lead.is_empty() {
            word_after(text, place_group.start).filter(|w| w.start < x.range.start)
        } else {
            word_before(text, x.range.start)
        };
        if let Some(p) = prep {
            // At a sentence or clause start; not after a comma ("..., in Rome, Italy on
            // Wednesday" places Rome).
            let clause_start = is_sentence_start(text, p.start)
                || matches!(prev_char(text, p.start), Some(';' | ':' | '(' | '—' | '–'));
            if self.is(&self.intro_words, text, &p) && clause_start {
                let closes = match next_char(text, after_region) {
                    None => true,
                    Some(c) => matches!(c, ',' | '.' | ';' | ':' | ')' | '—' | '–' | '!' | '?' | '\n' | '"' | '”'),
                };
                if !closes {
                    return None;
                }
            }
        }
        if self.list_follows(kb, text, after_region, &claim.regions)
            || self.list_precedes(kb, text, place_group.start, &claim.places)
        {
            return None;
        }
        Some(claim)
    }
}

/// Every "place ... region" match of a claim pattern, restarting inside each match so that
/// chains ("A, B, C") are all seen: the groups `place`, `region` and `claim`.
fn candidates(re: &regex::Regex, text: &str) -> Vec<GroupRanges> {
    let mut out = Vec::new();
    super::captures_restarting(re, text, |caps| {
        let (pc, rc) = (caps.name("place")?, caps.name("region")?);
        let mut groups = vec![("place", pc.range()), ("region", rc.range())];
        if let Some(c) = caps.name("claim") {
            groups.push(("claim", c.range()));
        }
        out.push(groups);
        Some(rc.start())
    });
    out
}
