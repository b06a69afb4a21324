//! Indonesia's administrative map (idn-area-data, after Kemendagri's codes) into the compiled
//! gazetteer: every kabupaten and kota in its province, every kecamatan in its regency, every
//! desa and kelurahan in its kecamatan, and every island in its regency (or its province).
//!
//! The map is complete: a place of any level that does not lie in a division of it is not
//! there. The GeoNames places of Indonesia are attached to the regency or kota of their name
//! in their province, so both sources agree on where a city lies.

use super::gazetteer::{Feature, GazetteerBuilder, Level, LinkKind, NewPlace, PlaceId, PlaceKind, NONE};
use super::import::ImportError;
use crate::vocab::fold::fold;
use std::collections::HashMap;
use std::path::Path;

fn read_csv(dir: &Path, name: &str, columns: usize) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path)
        .map_err(|source| ImportError::Read { path: path.display().to_string(), source })?;
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let mut f: Vec<String> = line.split(',').map(str::to_string).collect();
        if f.len() < columns {
            return Err(ImportError::Format {
                path: path.display().to_string(),
                line: n + 1,
                message: format!("expected {columns} comma-separated columns, found {}", f.len()),
            });
        }
        // A name is the last column and may itself hold a comma.
        let name = f[columns - 1..].join(",");
        f.truncate(columns - 1);
        f.push(name);
        rows.push((n + 1, f));
    }
    Ok(rows)
}

/// "KABUPATEN PANGKAJENE DAN KEPULAUAN" -> "Kabupaten Pangkajene dan Kepulauan".
fn title_case(upper: &str) -> String {
    let lower_words = ["dan", "di"];
    upper
        .split(' ')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            let lw = w.to_lowercase();
            if i > 0 && lower_words.contains(&lw.as_str()) {
                return lw;
            }
            // Capitalise after hyphens too: "Toli-Toli".
            let mut out = String::new();
            let mut up = true;
            for c in lw.chars() {
                if up {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                up = c == '-' || c == '(';
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A regency's level and the name prose uses for it, from the map's upper-case name.
fn regency_name(upper: &str) -> (Level, String) {
    let t = title_case(upper);
    for (prefix, level) in [
        ("Kabupaten Administrasi ", Level::Regency),
        ("Kota Administrasi ", Level::Kota),
        ("Kabupaten ", Level::Regency),
        ("Kota ", Level::Kota),
    ] {
        if let Some(base) = t.strip_prefix(prefix) {
            return (level, base.to_string());
        }
    }
    (Level::Regency, t)
}

fn add(b: &mut GazetteerBuilder, name: &str, code: &str, level: Level, parent: PlaceId, country: u32) -> PlaceId {
    b.add_place(NewPlace {
        geonameid: 0,
        name: name.to_string(),
        code: code.to_string(),
        kind: PlaceKind::District,
        feature: Feature::Division,
        level,
        parent: parent.0,
        country,
        population: 0,
    })
}

/// Adds the map under Indonesia's GeoNames divisions; returns the number of places added.
pub fn import(dir: &Path, b: &mut GazetteerBuilder) -> Result<usize, ImportError> {
    let err = |file: &str, line: usize, message: String| ImportError::Format {
        path: dir.join(file).display().to_string(),
        line,
        message,
    };
    let indonesia = (0..b.len() as u32)
        .map(PlaceId)
        .find(|&id| b.place(id).kind == PlaceKind::Country && b.place(id).code == "ID")
        .ok_or_else(|| err("provinces.csv", 1, "the countries hold no Indonesia (ID) to put the map in".into()))?;
    let country = indonesia.0;

    // Provinces: the GeoNames division of that name (the curated files give the Indonesian ones).
    let mut provinces: HashMap<String, PlaceId> = HashMap::new();
    for (line, f) in read_csv(dir, "provinces.csv", 2)? {
        let name = title_case(&f[1]);
        let region = b
            .places_named(&name)
            .into_iter()
            .map(|p| p.place)
            .find(|&id| {
                let p = b.place(id);
                p.kind == PlaceKind::Region && p.country == country && p.level != Level::Former
            })
            .ok_or_else(|| {
                err(
                    "provinces.csv",
                    line,
                    format!("province {name:?} names no division of Indonesia: add its name to knowledge/curated"),
                )
            })?;
        provinces.insert(f[0].clone(), region);
    }

    let mut added = 0;
    let mut regencies: HashMap<String, PlaceId> = HashMap::new();
    // folded base name -> regencies and kota of that name, for attaching GeoNames cities.
    let mut by_name: HashMap<String, Vec<PlaceId>> = HashMap::new();
    for (line, f) in read_csv(dir, "regencies.csv", 3)? {
        let province = *provinces
            .get(&f[1])
            .ok_or_else(|| err("regencies.csv", line, format!("province code {:?} is not in provinces.csv", f[1])))?;
        let (level, base) = regency_name(&f[2]);
        let word = if level == Level::Kota { "Kota" } else { "Kabupaten" };
        let full = format!("{word} {base}");
        let id = add(b, &full, &f[0], level, province, country);
        b.add_name(&full, id, false);
        b.add_name(&base, id, false);
        if level == Level::Regency {
            b.add_name(&format!("Kab. {base}"), id, true);
        }
        regencies.insert(f[0].clone(), id);
        by_name.entry(fold(&base)).or_default().push(id);
        added += 1;
    }

    let districts = add_level(dir, b, "districts.csv", "regencies.csv", &regencies, Level::Kecamatan, country)?;
    added += districts.len();
    added += add_level(dir, b, "villages.csv", "districts.csv", &districts, Level::Village, country)?.len();

    for (line, f) in read_csv(dir, "islands.csv", 6)? {
        // An island with no regency belongs to its province directly: the code's first part.
        let parent = match regencies.get(&f[1]) {
            Some(&r) => r,
            None => {
                let province_code = f[0].split('.').next().unwrap_or("");
                *provinces.get(province_code).ok_or_else(|| {
                    err("islands.csv", line, format!("island {:?} lies in no known regency or province", f[5]))
                })?
            }
        };
        let name = f[5].trim();
        let id = add(b, name, &f[0], Level::Island, parent, country);
        b.add_name(name, id, false);
        for prefix in ["Pulau ", "Pulo ", "Nusa "] {
            if let Some(base) = name.strip_prefix(prefix) {
                if base.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                    b.add_name(base, id, false);
                }
            }
        }
        added += 1;
    }

    attach_cities(b, country, &by_name);
    Ok(added)
}

/// Adds the places of one level (code, parent code, name) under their parents; returns them by
/// code.
fn add_level(
    dir: &Path,
    b: &mut GazetteerBuilder,
    file: &str,
    parent_file: &str,
    parents: &HashMap<String, PlaceId>,
    level: Level,
    country: u32,
) -> Result<HashMap<String, PlaceId>, ImportError> {
    let mut out = HashMap::new();
    for (line, f) in read_csv(dir, file, 3)? {
        let parent = *parents.get(&f[1]).ok_or_else(|| ImportError::Format {
            path: dir.join(file).display().to_string(),
            line,
            message: format!("code {:?} is not in {parent_file}", f[1]),
        })?;
        let name = f[2].trim();
        let id = add(b, name, &f[0], level, parent, country);
        b.add_name(name, id, false);
        out.insert(f[0].clone(), id);
    }
    Ok(out)
}

/// Puts each GeoNames city of Indonesia in the regency or kota of its name, when exactly one
/// lies in its GeoNames province or a province split from or into it (GeoNames may still file
/// a city under the province it was split from). A kota comes before a kabupaten of the same
/// name: the city of Bogor is Kota Bogor.
fn attach_cities(b: &mut GazetteerBuilder, country: u32, by_name: &HashMap<String, Vec<PlaceId>>) {
    let links: Vec<(u32, u32)> =
        b.links().iter().filter(|l| l.kind == LinkKind::Split).map(|l| (l.region.0, l.other.0)).collect();
    let related = |a: u32, r: u32| a == r || links.iter().any(|&(x, y)| (x == a && y == r) || (x == r && y == a));
    let cities: Vec<PlaceId> = (0..b.len() as u32)
        .map(PlaceId)
        .filter(|&id| {
            let p = b.place(id);
            p.kind == PlaceKind::City && p.country == country && p.geonameid != 0 && p.parent != NONE
        })
        .collect();
    for city in cities {
        let p = b.place(city);
        let Some(candidates) = by_name.get(&fold(&p.name)) else { continue };
        let province = p.parent;
        let near: Vec<PlaceId> = candidates.iter().copied().filter(|&r| related(b.place(r).parent, province)).collect();
        let kota: Vec<PlaceId> = near.iter().copied().filter(|&r| b.place(r).level == Level::Kota).collect();
        let chosen = match (kota.as_slice(), near.as_slice()) {
            ([one], _) => Some(*one),
            ([], [one]) => Some(*one),
            _ => None,
        };
        if let Some(r) = chosen {
            b.place_mut(city).parent = r.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_regencies() {
        assert_eq!(regency_name("KABUPATEN BOGOR"), (Level::Regency, "Bogor".to_string()));
        assert_eq!(regency_name("KOTA ADMINISTRASI JAKARTA PUSAT"), (Level::Kota, "Jakarta Pusat".to_string()));
        assert_eq!(
            regency_name("KABUPATEN PANGKAJENE DAN KEPULAUAN"),
            (Level::Regency, "Pangkajene dan Kepulauan".to_string())
        );
        assert_eq!(title_case("KOTA TOLI-TOLI"), "Kota Toli-Toli");
    }
}
