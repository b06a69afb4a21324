//! The committed compiled gazetteer is exactly what the importer produces from its inputs: the
//! GeoNames and ISO 3166 files in ../shared/data/geonames and the curated files in
//! knowledge/curated. Regenerate with the command in README.md when either changes.

mod common;

use factlint::knowledge::import::{import, ImportInputs};
use factlint::knowledge::Knowledge;
use std::path::PathBuf;

fn curated() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("knowledge/curated");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("knowledge/curated exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
#[ignore = "needs ../shared (the GeoNames and idn-area sources): run by .ci/run"]
fn committed_gazetteer_matches_its_sources() {
    let g = |f: &str| common::shared(&format!("data/geonames/{f}"));
    for f in [
        "cities500.txt",
        "admin1CodesASCII.txt",
        "admin1-history.tsv",
        "countryInfo.txt",
        "iso3166-1.json",
        "iso3166-2.json",
    ] {
        assert!(
            g(f).is_file(),
            "{} is missing: the gazetteer's sources live in ../shared/data/geonames",
            g(f).display()
        );
    }
    let idn_area = common::shared("data/idn-area");
    assert!(idn_area.join("villages.csv").is_file(), "{} is missing", idn_area.display());
    let inputs = ImportInputs {
        cities: g("cities500.txt"),
        admin1: g("admin1CodesASCII.txt"),
        countries: g("countryInfo.txt"),
        iso3166: Some(g("iso3166-1.json")),
        iso3166_2: Some(g("iso3166-2.json")),
        admin1_history: Some(g("admin1-history.tsv")),
        idn_area: Some(idn_area),
        curated: curated(),
    };
    let (bytes, stats) = import(&inputs).expect("import succeeds");
    assert_eq!(stats.countries, 252);
    assert_eq!(stats.regions, 3858);
    assert_eq!(stats.former_regions, 67);
    assert_eq!(stats.cities, 234_908);
    // 514 regencies and kota, 7,277 kecamatan, 83,763 villages, 16,995 islands.
    assert_eq!(stats.mapped, 514 + 7_277 + 83_763 + 16_995);
    let committed = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("knowledge/world.bin"))
        .expect("knowledge/world.bin");
    assert!(
        bytes == committed,
        "knowledge/world.bin is stale ({} bytes committed, {} rebuilt): run the import command in README.md",
        committed.len(),
        bytes.len()
    );
}

#[test]
fn builtin_knowledge_answers_the_seed_questions() {
    let kb = Knowledge::builtin();
    let sz = kb.lookup("Shenzhen");
    let best = kb.place(sz[0].place);
    assert_eq!(best.name, "Shenzhen");
    assert_eq!(best.geonameid, Some(1795565));
    let gd = kb.region_of(best.id).expect("Shenzhen has a region");
    assert_eq!(kb.place(gd).name, "Guangdong");
    assert_eq!(kb.display_name(kb.place(gd).country.unwrap(), "id"), "Tiongkok");
    let kzn = kb.lookup("KwaZulu-Natal");
    assert_eq!(kb.place(kzn[0].place).code, "ZA.02");
    // Indonesian province names find the GeoNames divisions.
    let jabar = kb.lookup("Jawa Barat");
    assert_eq!(kb.place(jabar[0].place).name, "West Java");
    assert_eq!(kb.display_name(jabar[0].place, "id"), "Jawa Barat");
    // Country names in Indonesian.
    assert_eq!(kb.place(kb.lookup("Tiongkok")[0].place).code, "CN");
    assert_eq!(kb.place(kb.lookup("Amerika Serikat")[0].place).code, "US");
}
