//! Embeds the shipped rule and lexicon files (rules/**/*.toml), the example knowledge files
//! their examples name (knowledge/examples/*.toml), and the data files rules name (trained
//! models, rules/**/*.model), so a fresh install has them; and lists the rule categories, the
//! folders of rules/.

use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/classify/table.rs"]
mod table;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    collect_ext(dir, "toml", out)
}

fn collect_ext(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_ext(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=knowledge/examples");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("rules"), &mut files);
    collect(&root.join("knowledge/examples"), &mut files);
    files.sort();
    let mut src = String::from(
        "/// The shipped rule and lexicon files and example knowledge: (path, contents).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        let rel = f.strip_prefix(&root).expect("under the manifest dir").to_string_lossy().replace('\\', "/");
        src.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", f.to_string_lossy()));
    }
    src.push_str("];\n");
    let mut data = Vec::new();
    collect_ext(&root.join("rules"), "model", &mut data);
    data.sort();
    src.push_str("/// Data files the shipped rules name (trained models): (path, contents).\npub static DATA: &[(&str, &str)] = &[\n");
    for f in &data {
        let rel = f.strip_prefix(&root).expect("under the manifest dir").to_string_lossy().replace('\\', "/");
        src.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", f.to_string_lossy()));
    }
    src.push_str("];\n");
    // Each model's feature table built ahead (rules/**/*.model.table, src/classify/table.rs),
    // with the key of the model text as it is now: a table built from an older text is not used.
    src.push_str(
        "/// The shipped models' tables built ahead: (model path, key of the model's text, table).\npub static TABLES: &[(&str, u64, &[u8])] = &[\n",
    );
    for f in &data {
        let table = PathBuf::from(format!("{}.table", f.display()));
        if !table.exists() {
            continue;
        }
        let rel = f.strip_prefix(&root).expect("under the manifest dir").to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(f).expect("a model file is UTF-8");
        src.push_str(&format!(
            "    ({rel:?}, {}, include_bytes!({:?})),\n",
            table::text_key(&text),
            table.to_string_lossy()
        ));
    }
    src.push_str("];\n");
    // The shipped patterns' triggers, read ahead (src/checks/trigger.rs); empty until written.
    let triggers = root.join("rules/triggers.tsv");
    if triggers.exists() {
        src.push_str(&format!("/// The shipped patterns' triggers (rules/triggers.tsv).\npub static TRIGGERS: &str = include_str!({:?});\n", triggers.to_string_lossy()));
    } else {
        src.push_str("/// The shipped patterns' triggers: not yet written.\npub static TRIGGERS: &str = \"\";\n");
    }
    let automata = root.join("rules/patterns.dfa");
    if automata.exists() {
        src.push_str(&format!("/// The shipped patterns' automata (rules/patterns.dfa).\npub static AUTOMATA: &[u8] = include_bytes!({:?});\n", automata.to_string_lossy()));
    } else {
        src.push_str("/// The shipped patterns' automata: not yet written.\npub static AUTOMATA: &[u8] = &[];\n");
    }
    // The rule categories are the folders of shipped rules (the lexicons' folder aside).
    let mut categories: Vec<String> = std::fs::read_dir(root.join("rules"))
        .expect("rules/ is readable")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "lexicon")
        .collect();
    categories.sort();
    src.push_str(
        "/// The rule categories: the folders of rules/ that hold rules.\npub static CATEGORIES: &[&str] = &[\n",
    );
    for c in &categories {
        src.push_str(&format!("    {c:?},\n"));
    }
    src.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_rules.rs");
    std::fs::write(out, src).expect("OUT_DIR is writable");
}
